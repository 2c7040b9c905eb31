//! Prints the stored size of generated workspaces: `cargo run --release -p pmo-domain --example size`.
use std::time::Instant;

use pmo_domain::demo::generate;
use pmo_domain::storage::schema::{decode, Envelope};

fn main() {
    for (projects, people) in [(40, 60), (1_000, 1_000), (10_000, 3_000), (10_000, 10_000)] {
        let env = Envelope::new(generate(projects, people), 1);
        let json = env.to_json();
        let t = Instant::now();
        let packed = env.to_stored().expect("a generated workspace is valid");
        let pack_ms = t.elapsed().as_secs_f64() * 1000.0;
        let t = Instant::now();
        decode(&packed).expect("decodes");
        let load_ms = t.elapsed().as_secs_f64() * 1000.0;
        println!(
            "{projects:>6} projects, {people:>6} people: JSON {:>6} KB, stored {:>8} characters; pack {pack_ms:.0} ms, unpack+decode {load_ms:.0} ms (native)",
            json.len() / 1024,
            packed.chars().count()
        );
    }
}
