//! What one edit's commit costs at 10,000 projects and 10,000 people, step by step:
//! `cargo run --release -p pmo-domain --example commit_cost`.
use pmo_domain::demo::generate;
use pmo_domain::document::describe::{Change, Scope};
use pmo_domain::document::history::Stamp;
use pmo_domain::document::Document;
use std::time::Instant;

fn main() {
    let ws = generate(10_000, 10_000);
    let mut held = ws.clone();
    // Loaded as start-up loads it: from the stored snapshot (the v2 state).
    let written = Document::of(&ws, 1);
    let stored = pmo_domain::store::records::encode_doc(&written);
    let state = pmo_domain::store::records::decode_doc(&stored).expect("our own snapshot");
    let mut doc = Document::from_state(2, &state).expect("our own snapshot");
    // A project renamed (rounds 0-2), then the organisation renamed, as the browser benchmark
    // types it (rounds 3-5).
    for round in 0..6 {
        let mut new = held.clone();
        let scope = if round < 3 {
            new.projects[5000].name = format!("Renamed {round}");
            Scope::one("project", new.projects[5000].id.clone())
        } else {
            new.organisation.name = format!("Organisation {round}");
            Scope::organisation()
        };

        let t = Instant::now();
        let whole = Change::of(&held, &new);
        let t_whole = t.elapsed();

        let t = Instant::now();
        let change = Change::within(&held, &new, &scope);
        let t_named = t.elapsed();

        let t = Instant::now();
        let problems = match change.in_place() {
            Some(only) => pmo_domain::validate::validate_in_place(&new, &only),
            None => pmo_domain::validate::validate(&new),
        };
        let t_valid = t.elapsed();

        let t = Instant::now();
        let update = doc.commit(&mut held, &new, &change, &Stamp::default());
        let t_write = t.elapsed();
        assert_eq!(whole.label(), change.label());
        assert!(problems.is_empty());
        println!(
            "find: whole {t_whole:?}, named {t_named:?}; validate in place {t_valid:?}; \
             write and copy {t_write:?} ({} B); total named {:?}",
            update.len(),
            t_named + t_valid + t_write
        );
    }
}
