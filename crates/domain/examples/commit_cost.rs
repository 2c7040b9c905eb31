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
    let mut doc = Document::of(&ws, 1);
    for round in 0..3 {
        let mut new = held.clone();
        new.projects[5000].name = format!("Renamed {round}");
        let scope = Scope::one("project", new.projects[5000].id.clone());

        let t = Instant::now();
        let whole = Change::of(&held, &new);
        let t_whole = t.elapsed();

        let t = Instant::now();
        let change = Change::within(&held, &new, &scope);
        let t_named = t.elapsed();

        let t = Instant::now();
        let only = change.in_place().expect("in place");
        let problems = pmo_domain::validate::validate_in_place(&new, &only);
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
