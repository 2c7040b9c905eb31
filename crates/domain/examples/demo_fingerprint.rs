fn main() {
    use std::hash::{Hash, Hasher};
    for (name, ws) in [
        ("demo", pmo_domain::demo::demo()),
        ("gen", pmo_domain::demo::generate(3000, 2000)),
        ("gen-small", pmo_domain::demo::generate(7, 5)),
    ] {
        let json = serde_json::to_string(&ws).unwrap();
        let mut h = std::collections::hash_map::DefaultHasher::new();
        json.hash(&mut h);
        println!("{name} {} {:x}", json.len(), h.finish());
    }
}
