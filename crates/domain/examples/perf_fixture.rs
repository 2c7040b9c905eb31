//! Writes the stored (packed) form of a generated workspace for the browser benchmark:
//! `cargo run --release -p pmo-domain --example perf_fixture -- 10000 3000 target/perf-10k.txt`
use pmo_domain::demo::generate;
use pmo_domain::storage::schema::Envelope;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let projects = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10_000);
    let people = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(3_000);
    let out = args
        .get(3)
        .cloned()
        .unwrap_or_else(|| "target/perf-fixture.txt".into());
    let stored = Envelope::new(generate(projects, people), 1)
        .to_stored()
        .expect("a generated workspace is valid");
    std::fs::write(&out, &stored).expect("write the fixture");
    println!(
        "{out}: {projects} projects, {people} people, {} characters",
        stored.chars().count()
    );
}
