//! Benchmarks of the hot paths behind every save and load, at the sizes the issues target
//! (10 000 projects, 3 000 people). Run: `cargo bench -p pmo-domain`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pmo_domain::demo::generate;
use pmo_domain::org::lines::reporting_cycles;
use pmo_domain::portfolio::{Column, Query, RegisterIndex};
use pmo_domain::storage::schema::{decode, Envelope};
use pmo_domain::validate::validate;

fn benches(c: &mut Criterion) {
    let ws = generate(10_000, 3_000);
    let env = Envelope::new(ws.clone(), 1);
    let json = env.to_json();
    eprintln!("10k-project document: {} KB", json.len() / 1024);

    c.bench_function("generate 10k projects / 3k people", |b| {
        b.iter(|| generate(black_box(10_000), 3_000))
    });
    c.bench_function("validate 10k projects / 3k people", |b| {
        b.iter(|| validate(black_box(&ws)))
    });
    c.bench_function("reporting cycles 3k people", |b| {
        b.iter(|| reporting_cycles(black_box(&ws)))
    });
    c.bench_function("serialize 10k projects", |b| {
        b.iter(|| black_box(&env).to_json())
    });
    c.bench_function("decode (parse+migrate+validate) 10k projects", |b| {
        b.iter(|| decode(black_box(&json)))
    });
    c.bench_function("register index build 10k projects", |b| {
        b.iter(|| RegisterIndex::build(black_box(&ws)))
    });
    let index = RegisterIndex::build(&ws);
    let typed = Query {
        text: "data cat".into(),
        ..Query::default()
    };
    c.bench_function("register filter keystroke (text) 10k projects", |b| {
        b.iter(|| index.select(&ws, black_box(&typed), pmo_domain::demo::reference_day()))
    });
    let sorted = Query::default().sorted_by(Column::Name);
    c.bench_function("register sort by name 10k projects", |b| {
        b.iter(|| index.select(&ws, black_box(&sorted), pmo_domain::demo::reference_day()))
    });
}

criterion_group! {
    name = domain;
    config = Criterion::default().sample_size(20);
    targets = benches
}
criterion_main!(domain);
