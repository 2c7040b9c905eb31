//! The org chart layout at the sizes issue 4 names: 10 000 and 100 000 people.
//! Run: `cargo bench -p pmo-domain --bench layout`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pmo_domain::demo::generate;
use pmo_domain::org::layout::{layout, sample_forest as org, Layouter, Options};
use pmo_domain::org::org_forest;

fn benches(c: &mut Criterion) {
    // The real path: people of a generated workspace → forest → layout.
    let ws = generate(100, 10_000);
    let none = std::collections::HashSet::new();
    c.bench_function("org forest + layout, 10 000 generated people", |b| {
        b.iter(|| {
            let o = org_forest(black_box(&ws), &none, |p| {
                (120.0 + 6.0 * p.name.len() as f64, 64.0)
            });
            layout(&o.forest, &Options::default())
        })
    });
    for n in [10_000, 100_000] {
        let f = org(n);
        let opts = Options::default();
        c.bench_function(&format!("layout {n} people"), |b| {
            b.iter(|| layout(black_box(&f), &opts))
        });
        // As the app lays out again after a fold or a move: the engine's memory is reused.
        let mut engine = Layouter::default();
        c.bench_function(&format!("layout {n} people, reused Layouter"), |b| {
            b.iter(|| engine.run(black_box(&f), &opts).width)
        });
        let compact = Options {
            compact_from: Some(6),
            ..Options::default()
        };
        c.bench_function(&format!("layout {n} people, compact"), |b| {
            b.iter(|| layout(black_box(&f), &compact))
        });
    }
}

criterion_group! {
    name = layout_benches;
    config = Criterion::default().sample_size(30);
    targets = benches
}
criterion_main!(layout_benches);
