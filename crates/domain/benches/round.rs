//! The monthly status round (issue 18): a PMO merges 30 reply files into a workspace of
//! 1 000 projects shared by 30 PMs — read each file, apply the replies, and commit the change to the document
//! as the app does. Run: `cargo bench -p pmo-domain --bench round`.

use criterion::{criterion_group, criterion_main, BatchSize, Criterion};
use pmo_domain::demo::{generate_at, reference_day};
use pmo_domain::document::describe::Change;
use pmo_domain::document::history::Stamp;
use pmo_domain::document::Document;
use pmo_domain::portfolio::report::Month;
use pmo_domain::round::{decode_reply, encode, merge, open, request, Reply};
use pmo_domain::{Status, Workspace};

/// The workspace with a round open, and 30 PMs' reply files (each PM sets every project of
/// theirs at risk, with a commentary and a new % complete).
fn setup() -> (Workspace, Vec<String>) {
    let today = reference_day();
    let mut ws = generate_at(1_000, 1_000, today);
    // Thirty PMs share the thousand projects, so that 30 replies answer for all of them.
    let pms: Vec<String> = ws.people.iter().take(30).map(|p| p.id.clone()).collect();
    for (i, p) in ws.projects.iter_mut().enumerate() {
        p.managers = vec![pmo_domain::model::ProjectManager {
            person_id: pms[i % pms.len()].clone(),
            label: String::new(),
        }];
    }
    open(
        &mut ws,
        Month::containing(today),
        today + chrono::Days::new(7),
        today,
    )
    .expect("opens");
    let round = ws.rounds[0].clone();
    let files: Vec<String> = round
        .requests
        .iter()
        .take(30)
        .map(|r| {
            let req = request(&ws, &round, Some(&r.manager_id));
            let mut reply = Reply::blank(&req, &r.manager_id).expect("asked");
            for a in &mut reply.answers {
                a.given.status = Status::AtRisk;
                a.given.percent_complete = 50;
                a.commentary = "Supplier late by two weeks; recovery plan agreed.".into();
            }
            encode(&reply.sealed("2026-11-20T10:00:00.000Z".into(), today))
        })
        .collect();
    assert_eq!(files.len(), 30, "the generated workspace has 30 PMs to ask");
    (ws, files)
}

fn round(c: &mut Criterion) {
    let (ws, files) = setup();
    let today = reference_day();
    let projects: usize = files
        .iter()
        .map(|f| decode_reply(f).map_or(0, |r| r.answers.len()))
        .sum();
    let bytes: usize = files.iter().map(String::len).sum();
    println!("30 reply files: {projects} projects answered, {bytes} bytes in all");
    let mut g = c.benchmark_group("status round");
    g.sample_size(10);
    g.bench_function("30 replies into 1 000 projects: read, merge, commit", |b| {
        b.iter_batched(
            || Document::of(&ws, 1),
            |mut doc| {
                let replies: Vec<Reply> =
                    files.iter().filter_map(|f| decode_reply(f).ok()).collect();
                let mut new = ws.clone();
                let out = merge(&mut new, &replies, today);
                assert!(out.iter().all(|o| o.refused.is_none()));
                let change = Change::of(&ws, &new);
                let mut held = ws.clone();
                doc.commit(&mut held, &new, &change, &Stamp::default())
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, round);
criterion_main!(benches);
