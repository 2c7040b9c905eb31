//! The workspace as a CRDT document (issue 17's measurements), with 10 000 projects and
//! 10 000 people: write, load, read back, one edit, and merging two copies that diverged by
//! 500 edits each. Sizes are printed before the timings. Run:
//! `cargo bench -p pmo-domain --bench document`.

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use pmo_domain::demo::generate;
use pmo_domain::document::Document;
use pmo_domain::storage::schema::Envelope;
use pmo_domain::{Status, Workspace};

/// Edit `k` of the kind people make: a status, a name, an actual cost, a title in the org chart.
fn edit(ws: &mut Workspace, k: usize, salt: usize) {
    let i = (k * 7919 + salt * 104_729) % ws.projects.len();
    match k % 4 {
        0 => ws.projects[i].status = Status::ALL[(k + salt) % Status::ALL.len()],
        1 => ws.projects[i].name = format!("Renamed {salt}-{k}"),
        2 => ws.projects[i].budget.actual += 100 * (k as i64 + 1),
        _ => {
            let p = (k * 31 + salt) % ws.people.len();
            ws.people[p].title = format!("Title {salt}-{k}");
        }
    }
}

/// A copy of `state` (which holds `ws`) that then made 500 edits; returns the edits as one
/// update.
fn diverged(state: &[u8], ws: &Workspace, client: u64, salt: usize) -> Vec<u8> {
    let mut d = Document::new(client);
    d.merge(state).expect("our own state");
    let seen = d.state_vector();
    let mut cur = ws.clone();
    for k in 0..500 {
        let prev = cur.clone();
        edit(&mut cur, k, salt);
        d.change(&prev, &cur);
    }
    d.since(&seen).expect("our own vector")
}

fn deflated(bytes: &[u8]) -> usize {
    miniz_oxide::deflate::compress_to_vec(bytes, 6).len()
}

fn benches(c: &mut Criterion) {
    let ws = generate(10_000, 10_000);
    let mut doc = Document::of(&ws, 1);
    let state = doc.state();
    let json = Envelope::new(ws.clone(), 1).to_json();
    eprintln!(
        "document of 10k projects / 10k people: {} KB ({} KB deflated); JSON export {} KB ({} KB deflated)",
        state.len() / 1024,
        deflated(&state) / 1024,
        json.len() / 1024,
        deflated(json.as_bytes()) / 1024
    );

    let mut g = c.benchmark_group("document 10k projects / 10k people");
    g.sample_size(10);
    g.bench_function("write a whole workspace", |b| {
        b.iter(|| Document::of(black_box(&ws), 1))
    });
    g.bench_function("load from its state", |b| {
        b.iter(|| {
            let d = Document::new(2);
            d.merge(black_box(&state)).expect("our own state");
            d
        })
    });
    let stored = pmo_domain::store::records::encode_doc(&doc);
    g.bench_function("load from the stored snapshot (v2, deflated)", |b| {
        b.iter(|| {
            let state = pmo_domain::store::records::decode_doc(black_box(&stored)).unwrap();
            Document::from_state(2, &state).expect("our own snapshot")
        })
    });
    g.bench_function("read the workspace back", |b| b.iter(|| doc.read()));

    // One edit: a status change, recorded and encoded as an update.
    let mut a = ws.clone();
    let mut b_ws = ws.clone();
    b_ws.projects[17].status = Status::AtRisk;
    g.bench_function("one edit: change and encode", |b| {
        b.iter(|| {
            let update = doc.change(&a, &b_ws);
            std::mem::swap(&mut a, &mut b_ws);
            black_box(update)
        })
    });

    // What the app does before writing one edit of a named project: find what changed, and
    // check only that project.
    {
        use pmo_domain::document::describe::{Change, Scope};
        let old = ws.clone();
        let mut new = ws.clone();
        new.projects[5000].name = "Renamed".into();
        let scope = Scope::one_at("project", new.projects[5000].id.clone(), 5000);
        g.bench_function("one named edit: find what changed", |b| {
            b.iter(|| Change::within(black_box(&old), black_box(&new), &scope))
        });
        let change = Change::within(&old, &new, &scope);
        let only = change.in_place().expect("an edit in place");
        g.bench_function("one named edit: check it", |b| {
            b.iter(|| pmo_domain::validate::validate_in_place(black_box(&new), &only))
        });
    }

    // Two copies that diverged by 500 edits each: one takes in the other's 500.
    let left = diverged(&state, &ws, 3, 1);
    let right = diverged(&state, &ws, 4, 2);
    eprintln!(
        "500 edits: {} KB and {} KB of updates",
        left.len() / 1024,
        right.len() / 1024
    );
    g.bench_function("merge 500 edits into a copy that made 500 others", |b| {
        b.iter_with_setup(
            || {
                let d = Document::new(5);
                d.merge(&state).expect("our own state");
                d.merge(&left).expect("our own update");
                d
            },
            |d| {
                d.merge(black_box(&right)).expect("our own update");
                d
            },
        )
    });

    // One edit from another copy that gives a project a field it lacked: the update names its
    // parent by id. Merged as usual, the parent is checked to be a map; merged where the
    // project was deleted meanwhile, the update is first tried on a copy of the document.
    let at = ws
        .projects
        .iter()
        .position(|p| p.description.is_empty())
        .expect("a project without a description");
    let mut described = ws.clone();
    described.projects[at].description = "Set on another copy".into();
    let new_key = Document::of(&ws, 1).change(&ws, &described);
    let mut without = ws.clone();
    without.projects.remove(at);
    // Deleted by a third copy: merged here, the project's map is garbage-collected.
    let deletion = Document::of(&ws, 1).change(&ws, &without);
    g.bench_function("merge one edit naming its parent by id", |b| {
        b.iter_with_setup(
            || {
                let d = Document::new(6);
                d.merge(&state).expect("our own state");
                d
            },
            |d| {
                d.merge(black_box(&new_key)).expect("our own update");
                d
            },
        )
    });
    g.bench_function(
        "merge that edit where its project was deleted (tried on a copy)",
        |b| {
            b.iter_with_setup(
                || {
                    let d = Document::new(7);
                    d.merge(&state).expect("our own state");
                    d.merge(&deletion).expect("our own update");
                    d
                },
                |d| {
                    d.merge(black_box(&new_key)).expect("our own update");
                    d
                },
            )
        },
    );
    g.finish();
}

criterion_group!(document, benches);
criterion_main!(document);
