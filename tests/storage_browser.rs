//! The storage module against the real `localStorage` of headless Chromium: saves, stale
//! tabs, a full quota, damaged and newer data, and recovery of an interrupted save.
#![cfg(target_arch = "wasm32")]

use pmo_domain::demo::{demo, generate};
use pmo_domain::storage::persist::{Startup, KEY_DAMAGED, KEY_DRAFT, KEY_PRIMARY};
use pmo_domain::storage::schema::{Envelope, Meta};
use pmo_workbench::app::storage::{self, SaveError};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn local() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn clean() {
    local().clear().unwrap();
    // Reset the module's notion of the loaded revision.
    assert_eq!(storage::startup(), Startup::Fresh);
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

#[wasm_bindgen_test]
fn save_then_start_up_gives_the_same_data() {
    clean();
    let ws = demo();
    assert_eq!(storage::save(&ws, &Meta::default(), now()), Ok(1));
    assert_eq!(storage::save(&ws, &Meta::default(), now()), Ok(2));
    assert!(
        local().get_item(KEY_DRAFT).unwrap().is_none(),
        "the draft is removed after a save"
    );
    match storage::startup() {
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            assert_eq!(envelope.workspace, ws);
            assert_eq!(envelope.revision, 2);
            assert!(!from_draft);
        }
        other => panic!("{other:?}"),
    }
}

#[wasm_bindgen_test]
fn large_workspaces_are_stored_packed_and_read_back() {
    clean();
    let ws = generate(2_000, 2_000);
    assert_eq!(storage::save(&ws, &Meta::default(), now()), Ok(1));
    let stored = local().get_item(KEY_PRIMARY).unwrap().unwrap();
    assert!(pmo_domain::storage::codec::is_packed(&stored));
    assert!(
        stored.chars().count() < 400_000,
        "{} characters",
        stored.chars().count()
    );
    match storage::startup() {
        Startup::Loaded { envelope, .. } => assert_eq!(envelope.workspace, ws),
        other => panic!("{other:?}"),
    }
    // The crash panel's copy is readable JSON.
    assert!(storage::crash_snapshot().unwrap().starts_with('{'));
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_stale_tab_cannot_overwrite_a_newer_save() {
    clean();
    storage::save(&demo(), &Meta::default(), now()).unwrap();
    // Another tab saves revision 2 with a different organisation name.
    let mut theirs = demo();
    theirs.organisation.name = "Saved by the other tab".into();
    let their_json = Envelope::new(theirs, 2).to_json();
    local().set_item(KEY_PRIMARY, &their_json).unwrap();
    // This tab still holds revision 1.
    assert_eq!(
        storage::save(&demo(), &Meta::default(), now()),
        Err(SaveError::Stale { stored: 2 })
    );
    assert_eq!(
        local().get_item(KEY_PRIMARY).unwrap().as_deref(),
        Some(their_json.as_str())
    );
}

#[wasm_bindgen_test]
fn a_full_quota_keeps_the_previous_copy_intact() {
    clean();
    let small = demo();
    storage::save(&small, &Meta::default(), now()).unwrap();
    let good = local().get_item(KEY_PRIMARY).unwrap().unwrap();
    // Fill the rest of the quota with filler.
    let chunk = "x".repeat(256 * 1024);
    let mut i = 0;
    while local().set_item(&format!("filler-{i}"), &chunk).is_ok() {
        i += 1;
        assert!(i < 200, "quota never ran out");
    }
    let mut small_chunk = "y".repeat(1024);
    while local()
        .set_item(&format!("filler-small-{i}"), &small_chunk)
        .is_ok()
    {
        i += 1;
    }
    small_chunk.clear();
    // A bigger workspace no longer fits.
    let big = generate(400, 200);
    assert_eq!(
        storage::save(&big, &Meta::default(), now()),
        Err(SaveError::QuotaFull)
    );
    assert_eq!(
        local().get_item(KEY_PRIMARY).unwrap().as_deref(),
        Some(good.as_str()),
        "primary untouched"
    );
    assert!(
        local().get_item(KEY_DRAFT).unwrap().is_none(),
        "no half draft left behind"
    );
    // The crash panel can still export the data that did not fit.
    assert!(storage::crash_snapshot()
        .unwrap()
        .contains("\"revision\": 2"));
    // Once there is room again, saving resumes.
    for k in 0..=i {
        let _ = local().remove_item(&format!("filler-{k}"));
        let _ = local().remove_item(&format!("filler-small-{k}"));
    }
    assert_eq!(storage::save(&big, &Meta::default(), now()), Ok(2));
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn damaged_data_is_left_untouched_until_set_aside() {
    local().clear().unwrap();
    let raw =
        "{\"format\":\"pmo-workbench\",\"version\":2,\"revision\":4,\"workspace\":{\"organisa";
    local().set_item(KEY_PRIMARY, raw).unwrap();
    match storage::startup() {
        Startup::Damaged { raw: kept, .. } => assert_eq!(kept, raw),
        other => panic!("{other:?}"),
    }
    assert_eq!(local().get_item(KEY_PRIMARY).unwrap().as_deref(), Some(raw));
    storage::set_aside_damaged(raw).unwrap();
    assert_eq!(local().get_item(KEY_DAMAGED).unwrap().as_deref(), Some(raw));
    assert_eq!(storage::damaged_copies(), vec![raw.to_string()]);
    assert_eq!(storage::save(&demo(), &Meta::default(), now()), Ok(1));
    // A second damaged copy is kept next to the first, never over it.
    let second = "PMOB2;v=4;r=9;u=10;n=3;h=00000000;damaged";
    local().set_item(KEY_PRIMARY, second).unwrap();
    storage::set_aside_damaged(second).unwrap();
    assert_eq!(
        storage::damaged_copies(),
        vec![raw.to_string(), second.to_string()]
    );
    assert_eq!(local().get_item(KEY_DAMAGED).unwrap().as_deref(), Some(raw));
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_copy_damaged_while_the_tab_runs_is_kept_aside_and_saving_goes_on() {
    clean();
    assert_eq!(storage::save(&demo(), &Meta::default(), now()), Ok(1));
    // Something changes one digit of the stored header (bad luck, another program).
    let good = local().get_item(KEY_PRIMARY).unwrap().unwrap();
    let damaged = good.replacen(";r=1;", ";r=7;", 1);
    assert_ne!(damaged, good);
    local().set_item(KEY_PRIMARY, &damaged).unwrap();
    // The header checksum says it is damage, not another tab's revision 7: the save goes
    // ahead, and the damaged copy is kept.
    assert_eq!(storage::save(&demo(), &Meta::default(), now()), Ok(2));
    assert_eq!(storage::damaged_copies(), vec![damaged.clone()]);
    // The same damage again (a save that failed after keeping it aside is retried): it is
    // not kept twice.
    local().set_item(KEY_PRIMARY, &damaged).unwrap();
    assert_eq!(storage::save(&demo(), &Meta::default(), now()), Ok(3));
    assert_eq!(storage::damaged_copies(), vec![damaged]);
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_recovered_draft_that_could_not_be_written_back_does_not_lock_out_saves() {
    local().clear().unwrap();
    let old = Envelope::new(demo(), 5).to_json();
    let draft = Envelope::new(demo(), 6).to_json();
    local().set_item(KEY_PRIMARY, &old).unwrap();
    local().set_item(KEY_DRAFT, &draft).unwrap();
    assert!(matches!(
        storage::startup(),
        Startup::Loaded {
            from_draft: true,
            ..
        }
    ));
    // As if writing the draft back had failed (storage full): the primary is still 5.
    local().set_item(KEY_PRIMARY, &old).unwrap();
    assert_eq!(storage::base_revision(), 6);
    assert_eq!(storage::save(&demo(), &Meta::default(), now()), Ok(7));
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn newer_data_is_never_overwritten() {
    local().clear().unwrap();
    let future = r#"{"format":"pmo-workbench","version":9,"revision":3,"workspace":{"organisation":{"name":"Future","pmo_type":"directive","currency":"EUR"}}}"#;
    local().set_item(KEY_PRIMARY, future).unwrap();
    match storage::startup() {
        Startup::Newer {
            found, workspace, ..
        } => {
            assert_eq!(found, 9);
            assert_eq!(workspace.organisation.name, "Future");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        storage::save(&demo(), &Meta::default(), now()),
        Err(SaveError::Blocked)
    );
    assert_eq!(
        local().get_item(KEY_PRIMARY).unwrap().as_deref(),
        Some(future)
    );
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn an_interrupted_save_is_recovered_from_its_draft() {
    local().clear().unwrap();
    let old = Envelope::new(demo(), 5).to_json();
    let mut newer_ws = demo();
    newer_ws.organisation.name = "Saved just before the crash".into();
    let draft = Envelope::new(newer_ws, 6).to_json();
    // The tab died after writing the verified draft but before replacing the primary.
    local().set_item(KEY_PRIMARY, &old).unwrap();
    local().set_item(KEY_DRAFT, &draft).unwrap();
    match storage::startup() {
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            assert!(from_draft);
            assert_eq!(
                envelope.workspace.organisation.name,
                "Saved just before the crash"
            );
        }
        other => panic!("{other:?}"),
    }
    let promoted =
        pmo_domain::storage::schema::decode(&local().get_item(KEY_PRIMARY).unwrap().unwrap())
            .unwrap();
    assert_eq!(promoted.revision, 6, "primary promoted");
    assert_eq!(
        promoted.workspace.organisation.name,
        "Saved just before the crash"
    );
    assert!(local().get_item(KEY_DRAFT).unwrap().is_none());
    assert_eq!(storage::base_revision(), 6);
    local().clear().unwrap();
}

#[wasm_bindgen_test]
fn a_set_up_plan_and_edited_roles_survive_storage_and_older_stores_are_read() {
    clean();
    let mut ws = demo();
    let mut plan = pmo_domain::SetupPlan {
        step: 6,
        purpose: "One view of all projects".into(),
        routines: pmo_domain::setup::usual_routines(),
        ..Default::default()
    };
    plan.review = chrono::NaiveDate::from_ymd_opt(2027, 2, 28);
    ws.setup = Some(plan);
    ws.roles[2]
        .responsibilities
        .push("Keeps the calendar".into());
    assert_eq!(storage::save(&ws, &Meta::default(), now()), Ok(1));
    match storage::startup() {
        Startup::Loaded { envelope, .. } => assert_eq!(envelope.workspace, ws),
        other => panic!("{other:?}"),
    }
    // What a version 3 build stored is read and brought up to date.
    local().clear().unwrap();
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
    assert_eq!(
        local().get_item(KEY_PRIMARY).unwrap().as_deref(),
        Some(v3),
        "reading changes nothing"
    );
}
