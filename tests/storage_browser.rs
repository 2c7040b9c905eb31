//! The data layer against the real IndexedDB and localStorage of headless Chromium: changes
//! appended and read back in order, compaction in one transaction, a compaction that lost a
//! race with another tab writing nothing, damage set aside, and the old localStorage copy read
//! (every earlier form) without a byte of it changed.
#![cfg(target_arch = "wasm32")]

use pmo_domain::demo::{demo, generate};
use pmo_domain::document::Document;
use pmo_domain::storage::persist::{Startup, KEY_DAMAGED, KEY_PRIMARY};
use pmo_domain::storage::schema::Envelope;
use pmo_domain::store::open::{load, quick_view};
use pmo_domain::store::records::{encode_doc, encode_update, UpdateRecord};
use pmo_workbench::app::storage;
use pmo_workbench::app::store::{Snapshot, Store};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

/// A database of the test's own, empty.
async fn fresh(name: &str) -> Store {
    let factory = web_sys::window().unwrap().indexed_db().unwrap().unwrap();
    let request = factory.delete_database(name).unwrap();
    let done = js_sys::Promise::new(&mut |ok, _| request.set_onsuccess(Some(&ok)));
    wasm_bindgen_futures::JsFuture::from(done).await.unwrap();
    Store::open_named(name).await.unwrap()
}

fn record(update: Vec<u8>) -> Vec<u8> {
    encode_update(&UpdateRecord {
        at_ms: 1_796_000_000_000,
        who: "Amara".into(),
        update,
    })
}

#[wasm_bindgen_test]
async fn changes_are_appended_in_order_and_a_start_reads_them_back() {
    let store = fresh("test-append").await;
    let ws = demo();
    let mut doc = Document::new(11);
    let mut edited = ws.clone();
    edited.projects[0].name = "Renamed".into();
    let first = record(doc.change(&pmo_domain::Workspace::default(), &ws));
    let second = record(doc.change(&ws, &edited));
    let k1 = store.append(&first).unwrap().await.unwrap();
    let k2 = store.append(&second).unwrap().await.unwrap();
    assert!(k2 > k1);
    let (stored, generation) = store.read_all().await.unwrap();
    assert_eq!(generation, 0.0);
    assert_eq!(stored.updates, vec![(k1, first), (k2, second)]);
    assert!(quick_view(&stored).is_none(), "no snapshot yet");
    let loaded = load(&stored, 12);
    assert_eq!(loaded.workspace, edited);
    assert_eq!(loaded.merged, vec![k1, k2]);
    assert_eq!(loaded.history[1].1.who, "Amara");
    store.close();
}

#[wasm_bindgen_test]
async fn compaction_replaces_the_snapshot_and_deletes_what_it_holds_in_one_go() {
    let store = fresh("test-compact").await;
    let ws = generate(300, 200);
    let mut doc = Document::of(&ws, 21);
    let k1 = store.append(&record(doc.state())).unwrap().await.unwrap();
    let snapshot = Snapshot {
        doc: encode_doc(&doc),
        view: Envelope::new(ws.clone(), 0).to_stored().ok(),
        generation: 5.0,
    };
    assert!(store.compact(0.0, &snapshot, &[k1], &[]).await.unwrap());
    let (stored, generation) = store.read_all().await.unwrap();
    assert_eq!(generation, 5.0);
    assert!(stored.updates.is_empty());
    // With no change after it, the view alone opens the store; the document agrees.
    assert_eq!(quick_view(&stored).unwrap().workspace, ws);
    assert_eq!(load(&stored, 22).workspace, ws);
    // Another tab compacted since generation 0: this compaction writes nothing.
    let k2 = store
        .append(&record(doc.change(&ws, &demo())))
        .unwrap()
        .await
        .unwrap();
    let stale = Snapshot {
        doc: encode_doc(&Document::new(23)),
        view: None,
        generation: 6.0,
    };
    assert!(!store.compact(0.0, &stale, &[k2], &[]).await.unwrap());
    let (after, generation) = store.read_all().await.unwrap();
    assert_eq!(generation, 5.0);
    assert_eq!(after.updates.len(), 1, "the change is still there");
    assert_eq!(load(&after, 24).workspace, demo());
    store.close();
}

#[wasm_bindgen_test]
async fn a_damaged_change_is_set_aside_and_the_rest_opens() {
    let store = fresh("test-damaged").await;
    let ws = demo();
    let doc = Document::of(&ws, 31);
    let good = store.append(&record(doc.state())).unwrap().await.unwrap();
    let mut bad = record(vec![1, 2, 3]);
    bad[0] = b'X';
    let bad_key = store.append(&bad).unwrap().await.unwrap();
    let (stored, _) = store.read_all().await.unwrap();
    let loaded = load(&stored, 32);
    assert_eq!(loaded.workspace, ws);
    assert_eq!(loaded.merged, vec![good]);
    assert_eq!(loaded.set_aside.len(), 1);
    assert_eq!(loaded.set_aside[0].update_key, Some(bad_key));
    // Moved aside at the next compaction: kept, downloadable, never lost.
    let snapshot = Snapshot {
        doc: encode_doc(&loaded.document),
        view: None,
        generation: 1.0,
    };
    store
        .compact(0.0, &snapshot, &[good, bad_key], &[bad.clone()])
        .await
        .unwrap();
    assert_eq!(store.damaged().await.unwrap(), vec![bad]);
    assert!(store.read_all().await.unwrap().0.updates.is_empty());
    store.close();
}

#[wasm_bindgen_test]
fn the_old_copy_is_read_in_every_earlier_form_and_never_written() {
    local().clear().unwrap();
    assert_eq!(storage::startup(), Startup::Fresh);
    // What a version 3 build stored is read and brought up to date.
    let v3 = include_str!("../crates/domain/tests/fixtures/v3-roles.stored");
    local().set_item(KEY_PRIMARY, v3).unwrap();
    match storage::startup() {
        Startup::Loaded { envelope, .. } => {
            assert_eq!(
                envelope.version,
                pmo_domain::storage::schema::CURRENT_VERSION
            );
            assert!(envelope
                .workspace
                .roles
                .iter()
                .any(|r| r.id == "stage-manager"));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(local().get_item(KEY_PRIMARY).unwrap().as_deref(), Some(v3));
    assert!(storage::has_old_copy());
    // Newer data opens read-only.
    let future = r#"{"format":"pmo-workbench","version":9,"revision":3,"workspace":{"organisation":{"name":"Future","pmo_type":"directive","currency":"EUR"}}}"#;
    local().set_item(KEY_PRIMARY, future).unwrap();
    assert!(matches!(
        storage::startup(),
        Startup::Newer { found: 9, .. }
    ));
    // Damaged data is kept aside only when the user says so; removing the old copy is too.
    let raw = "{\"format\":\"pmo-workbench\",\"version\":2,\"workspace\":{\"organisa";
    local().set_item(KEY_PRIMARY, raw).unwrap();
    assert!(matches!(storage::startup(), Startup::Damaged { .. }));
    storage::set_aside_damaged(raw).unwrap();
    assert_eq!(local().get_item(KEY_DAMAGED).unwrap().as_deref(), Some(raw));
    assert_eq!(storage::damaged_copies(), vec![raw.to_string()]);
    local()
        .set_item(KEY_PRIMARY, &Envelope::new(demo(), 1).to_json())
        .unwrap();
    storage::remove_old_copy().unwrap();
    assert!(!storage::has_old_copy());
    local().clear().unwrap();
}
