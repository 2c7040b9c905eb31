//! Where the org chart's first frame spends its time, natively:
//! `cargo run --release -p pmo-domain --example org_profile [people]`.
use std::collections::HashSet;
use std::time::Instant;

use pmo_domain::demo::generate;
use pmo_domain::org::layout::{layout, Options};
use pmo_domain::org::viewport::overview_path;
use pmo_domain::org::{
    card::{CARD_H, CARD_W},
    org_forest_of, org_metrics, projects_by_person, tree_positions, Limits,
};

fn time<T>(what: &str, f: impl Fn() -> T) -> T {
    let mut best = f64::MAX;
    let mut out = None;
    for _ in 0..15 {
        let t = Instant::now();
        let r = f();
        best = best.min(t.elapsed().as_secs_f64() * 1000.0);
        out = Some(r);
    }
    println!("{what:<28} {best:>8.2} ms (best of 15)");
    out.expect("ran")
}

fn main() {
    let people: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(10_000);
    let ws = generate(2000, people);
    let none = HashSet::new();
    let o = time("org forest", || {
        org_forest_of(&ws, &none, None, |_| (CARD_W, CARD_H))
    });
    let opts = Options {
        compact_from: Some(4),
        level_gap: 56.0,
        ..Options::default()
    };
    let l = time("layout", || layout(&o.forest, &opts));
    time("tree positions", || tree_positions(&o.forest));
    time("projects by person", || projects_by_person(&ws));
    time("person index", || ws.person_index());
    time("minimap path", || overview_path(&l, 0.01));
    time("metrics", || org_metrics(&ws, Limits::default()));
    time("workspace clone", || ws.clone());
}
