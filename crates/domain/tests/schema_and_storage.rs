//! The stored document: decoding, migrations against fixtures of old versions, and the
//! storage decisions (damaged data, newer versions, stale tabs, export reminders).

use chrono::{Duration, TimeZone, Utc};
use pmo_domain::demo::demo;
use pmo_domain::storage::import::preview_import;
use pmo_domain::storage::persist::*;
use pmo_domain::storage::schema::*;
use pmo_domain::*;

const V1: &str = include_str!("fixtures/v1-small.json");
const V2: &str = include_str!("fixtures/v2-small.json");
const FUTURE: &str = include_str!("fixtures/v99-from-the-future.json");
const V2_ASSESSMENTS: &str = include_str!("fixtures/v2-assessments.json");
/// `V2_ASSESSMENTS` as a build of version 2 stored it (binary), kept to prove it is still read.
const V2_STORED: &str = include_str!("fixtures/v2-assessments.stored");

const V3_ROLES: &str = include_str!("fixtures/v3-roles.json");
/// `V3_ROLES` as a build of version 3 stored it (binary).
const V3_STORED: &str = include_str!("fixtures/v3-roles.stored");

fn stored(revision: u64) -> String {
    Envelope::new(demo(), revision).to_json()
}

#[test]
fn v1_fixture_migrates_to_current() {
    let env = decode(V1).expect("v1 fixture decodes");
    assert_eq!(env.version, CURRENT_VERSION);
    assert_eq!(env.revision, 0);
    let ws = &env.workspace;
    assert_eq!(ws.organisation.name, "Fixture Ltd");
    assert_eq!(ws.person("pm1").unwrap().manager_id.as_deref(), Some("pmo"));
    assert_eq!(ws.person("pmo").unwrap().manager_id.as_deref(), Some("ceo"));
    assert_eq!(ws.projects[0].status, Status::AtRisk);
    assert_eq!(ws.projects[0].budget.planned, 1_000_000);
}

#[test]
fn migration_is_pure_and_step_by_step() {
    let v1: serde_json::Value = serde_json::from_str(V1).unwrap();
    let migrated = migrate(v1.clone(), 1).unwrap();
    // Pure: the same input always gives the same output. (`migrate` takes its input by
    // value, so the caller's copy cannot be touched; there is nothing to assert about it.)
    assert_eq!(migrate(v1, 1).unwrap(), migrated);
    assert_eq!(
        migrated["version"], CURRENT_VERSION,
        "1 → 2 → 3 → 4 → 5 → 6"
    );
    assert!(migrated.get("data").is_none());
    assert_eq!(migrated["workspace"]["people"][2]["manager_id"], "pmo");
    assert_eq!(
        migrate(migrated.clone(), CURRENT_VERSION).unwrap(),
        migrated,
        "current version is left as it is"
    );
}

#[test]
fn version_2_assessments_are_carried_over_from_json_and_from_binary() {
    let from_json = decode(V2_ASSESSMENTS).unwrap();
    assert_eq!(from_json.version, CURRENT_VERSION);
    let a = &from_json.workspace.assessments;
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0].finished,
        Some(a[0].started),
        "completed becomes finished on its start date"
    );
    assert_eq!(a[1].finished, None, "still in progress");
    assert_eq!(
        (a[0].position, a[0].by_dimension, a[0].questionnaire_version),
        (0, false, 1)
    );
    assert_eq!(a[0].answers[0].note, "Gates exist");
    assert_eq!(a[0].answers[1].value, None, "not applicable is kept");
    // The binary form a version 2 build stored reads as the same document.
    assert_eq!(
        pmo_domain::storage::codec::header(V2_STORED).map(|h| h.version),
        Some(2)
    );
    let from_binary = decode(V2_STORED).unwrap();
    assert_eq!(from_binary.workspace, from_json.workspace);
    assert_eq!(from_binary.revision, 3);
    assert!(pmo_domain::storage::schema::stored_as_json(V2_STORED)
        .unwrap()
        .contains("\"finished\":\"2026-05-04\""));
}

#[test]
fn version_3_roles_gain_the_catalogue_from_json_and_from_binary() {
    let from_json = decode(V3_ROLES).unwrap();
    assert_eq!(from_json.version, CURRENT_VERSION);
    let roles = &from_json.workspace.roles;
    let analyst = roles.iter().find(|r| r.id == "pmo-analyst").unwrap();
    assert_eq!(
        analyst.description, "Analyses status data.",
        "own text kept"
    );
    assert!(
        !analyst.responsibilities.is_empty(),
        "standard responsibilities added"
    );
    assert!(analyst.skills.iter().any(|s| s.skill == "analysis"));
    let own = roles.iter().find(|r| r.id == "pm").unwrap();
    assert_eq!(own.name, "Project Manager");
    assert!(
        own.skills.is_empty(),
        "a role of its own gets nothing added"
    );
    // The standard "Project Manager" is not added twice under its own id.
    assert!(!roles.iter().any(|r| r.id == "project-manager"));
    assert!(
        roles.iter().any(|r| r.id == "stage-manager"),
        "new titles added"
    );
    assert_eq!(from_json.workspace.setup, None);
    assert_eq!(from_json.workspace.assessments[0].position, 2);
    // The binary form a version 3 build stored reads as the same document.
    assert_eq!(
        pmo_domain::storage::codec::header(V3_STORED).map(|h| h.version),
        Some(3)
    );
    let from_binary = decode(V3_STORED).unwrap();
    assert_eq!(from_binary.workspace, from_json.workspace);
    assert_eq!(from_binary.revision, 5);
    // And version 2 binary data goes through both steps.
    let v2 = decode(V2_STORED).unwrap();
    assert_eq!(
        v2.workspace.roles.len(),
        pmo_domain::roles::standard_catalogue().len(),
        "a document without roles gets the standard catalogue"
    );
}

#[test]
fn old_catalogues_with_gaps_are_repaired_not_rejected() {
    let old = r#"{"format":"pmo-workbench","version":3,"revision":1,"workspace":{
        "organisation":{"name":"X","pmo_type":"supportive","currency":"EUR"},
        "roles":[{"id":"a","name":"Lead"},{"id":"b","name":"lead"},{"id":"c","name":""}]}}"#;
    let env = decode(old).expect("repaired on the way in");
    let names: Vec<&str> = env
        .workspace
        .roles
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(&names[..3], ["Lead", "lead (2)", "c"]);
    assert!(env
        .workspace
        .roles
        .iter()
        .all(|r| r.seniority >= 1 && !r.ladder.is_empty()));
}

#[test]
fn v2_fixture_decodes_with_meta() {
    let env = decode(V2).unwrap();
    assert_eq!(env.revision, 7);
    assert_eq!(env.workspace.organisation.pmo_type, PmoType::Directive);
    assert!(env.meta.unexported_since.is_some());
}

#[test]
fn round_trip_keeps_everything() {
    let env = Envelope::new(demo(), 3);
    assert_eq!(decode(&env.to_json()).unwrap(), env);
    assert_eq!(decode(&env.to_pretty_json()).unwrap(), env);
}

#[test]
fn decode_errors_are_specific() {
    let e = decode("{ \"format\": ").unwrap_err();
    assert!(matches!(e, DecodeError::NotJson { line: 1, .. }), "{e:?}");
    assert!(e.to_string().starts_with("This is not a JSON file"), "{e}");

    let e = decode("[1,2]").unwrap_err();
    assert!(e.to_string().contains("not an object"), "{e}");

    let e = decode(r#"{"name":"budget.xlsx"}"#).unwrap_err();
    assert!(
        e.to_string().contains("no \"format\": \"pmo-workbench\""),
        "{e}"
    );

    let e = decode(r#"{"format":"excalidraw","version":2}"#).unwrap_err();
    assert!(e.to_string().contains("\"excalidraw\""), "{e}");

    let e = decode(FUTURE).unwrap_err();
    assert_eq!(
        e,
        DecodeError::NewerVersion {
            found: 99,
            supported: CURRENT_VERSION
        }
    );
    assert!(e.to_string().contains("newer version"));

    let e = decode(r#"{"format":"pmo-workbench","version":2,"revision":1,"workspace":{"organisation":{"name":"x","pmo_type":"chaotic","currency":"EUR"}}}"#).unwrap_err();
    assert!(matches!(e, DecodeError::Malformed { .. }), "{e:?}");
    assert!(e.to_string().contains("chaotic"), "{e}");

    let e = decode("   ").unwrap_err();
    assert_eq!(e, DecodeError::Empty);
}

#[test]
fn invalid_data_lists_its_problems() {
    let mut ws = demo();
    ws.projects[0].budget.planned = -100;
    ws.people[0].manager_id = Some("nobody".into());
    let e = decode(&Envelope::new(ws, 1).to_json()).unwrap_err();
    match e {
        DecodeError::Invalid { problems } => assert_eq!(problems.len(), 2, "{problems:#?}"),
        other => panic!("expected Invalid, got {other:?}"),
    }
}

#[test]
fn startup_fresh_loaded_and_draft_recovery() {
    assert_eq!(decide_startup(None, None), Startup::Fresh);
    let s = stored(4);
    match decide_startup(Some(&s), None) {
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            assert_eq!(envelope.revision, 4);
            assert!(!from_draft);
        }
        other => panic!("{other:?}"),
    }
    // A save was cut off after the draft (revision 5) was verified but before the primary was replaced.
    let draft = stored(5);
    match decide_startup(Some(&s), Some(&draft)) {
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            assert_eq!(envelope.revision, 5);
            assert!(from_draft);
        }
        other => panic!("{other:?}"),
    }
    // Primary half-written (cut off) and a good draft: the draft wins.
    let cut = &s[..s.len() / 2];
    assert!(matches!(
        decide_startup(Some(cut), Some(&draft)),
        Startup::Loaded {
            from_draft: true,
            ..
        }
    ));
    // An old draft left behind does not replace a newer primary.
    assert!(matches!(
        decide_startup(Some(&stored(9)), Some(&draft)),
        Startup::Loaded {
            from_draft: false,
            ..
        }
    ));
}

#[test]
fn damaged_data_is_kept_aside_not_dropped() {
    let raw = "{\"format\":\"pmo-workbench\",\"version\":2,\"revision\":3,\"workspace\":{\"organ";
    match decide_startup(Some(raw), None) {
        Startup::Damaged { raw: kept, error } => {
            assert_eq!(kept, raw);
            assert!(matches!(error, DecodeError::NotJson { .. }));
        }
        other => panic!("{other:?}"),
    }
    let mut ws = demo();
    ws.people[1].manager_id = Some("ghost".into());
    let invalid = Envelope::new(ws, 2).to_json();
    assert!(matches!(
        decide_startup(Some(&invalid), None),
        Startup::Damaged {
            error: DecodeError::Invalid { .. },
            ..
        }
    ));
}

#[test]
fn newer_data_opens_read_only_with_what_can_be_read() {
    match decide_startup(Some(FUTURE), None) {
        Startup::Newer {
            found,
            revision,
            workspace,
            ..
        } => {
            assert_eq!(found, 99);
            assert_eq!(revision, 12);
            let ws = workspace;
            assert_eq!(ws.organisation.name, "Future Corp");
            assert_eq!(ws.people[0].name, "Zed Future");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn export_reminder_after_seven_days_of_unexported_changes() {
    let now = Utc.with_ymd_and_hms(2026, 11, 22, 12, 0, 0).unwrap();
    assert!(!export_reminder_due(None, now));
    assert!(!export_reminder_due(Some(now - Duration::days(6)), now));
    assert!(!export_reminder_due(Some(now - Duration::days(7)), now));
    assert!(export_reminder_due(
        Some(now - Duration::days(7) - Duration::minutes(1)),
        now
    ));
    assert_eq!(export_file_name(now), "pmo-workbench-2026-11-22-1200.json");
}

#[test]
fn import_preview_counts_what_changes() {
    let current = pmo_domain::demo::empty();
    let file = demo();
    let p = preview_import(&Envelope::new(file.clone(), 1).to_pretty_json(), &current).unwrap();
    let projects = p.rows().into_iter().find(|r| r.0 == "Projects").unwrap();
    assert_eq!(projects, ("Projects", 0, file.projects.len()));
    assert!(preview_import("nope", &current).is_err());
}

#[test]
fn packed_documents_behave_like_plain_ones() {
    let env = Envelope::new(demo(), 4);
    let packed = env.to_stored().unwrap();
    assert!(
        packed.chars().count() * 3 < env.to_json().len(),
        "packing saves space"
    );
    assert_eq!(decode(&packed).unwrap(), env);
    assert_eq!(
        peek(&packed),
        Some(pmo_domain::storage::codec::Header {
            version: u64::from(CURRENT_VERSION),
            revision: 4,
            verified: true
        })
    );
    assert!(matches!(
        decide_startup(Some(&packed), None),
        Startup::Loaded {
            from_draft: false,
            ..
        }
    ));
    // A newer version's packed data is read-only too.
    let future = pmo_domain::storage::codec::pack(FUTURE, 99, 12);
    assert!(matches!(
        decide_startup(Some(&future), None),
        Startup::Newer {
            found: 99,
            revision: 12,
            ..
        }
    ));
    // A packed copy cut short is damaged, and kept as it is.
    let cut: String = packed.chars().take(packed.chars().count() / 2).collect();
    match decide_startup(Some(&cut), None) {
        Startup::Damaged { raw, error } => {
            assert_eq!(raw, cut);
            assert!(error.to_string().contains("cut short"), "{error}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn ten_thousand_projects_and_people_fit_the_browser_quota_twice_over() {
    // localStorage holds about 5.2 million characters; a save briefly keeps two copies.
    let packed = Envelope::new(pmo_domain::demo::generate(10_000, 10_000), 1)
        .to_stored()
        .unwrap();
    let chars = packed.chars().count();
    assert!(chars * 2 < 5_000_000, "{chars} characters");
}

#[test]
fn the_binary_stored_form_round_trips_and_reads_earlier_json_forms() {
    let mut env = Envelope::new(demo(), 7);
    env.saved_at = Some(Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap());
    // Empty fields must survive the binary form too (it writes every field).
    env.workspace.projects[0].description.clear();
    env.workspace.projects[0].end = None;
    let stored = env.to_stored().unwrap();
    assert!(stored.starts_with(pmo_domain::storage::codec::BINARY_PREFIX));
    assert_eq!(decode(&stored).unwrap(), env);
    let h = pmo_domain::storage::codec::header(&stored).unwrap();
    assert_eq!((h.version, h.revision, h.verified), (6, 7, true));
    // Version 5's binary layout (the workspace without report summaries, its last field) is
    // still read. It is the same bytes without the empty list of summaries at the very end,
    // and with 5 as the version (the varint after the 13 bytes of "pmo-workbench").
    let mut v5 = env.to_binary();
    assert_eq!(
        v5.pop(),
        Some(0),
        "an empty list of summaries ends the layout"
    );
    assert_eq!(v5[14], 6);
    v5[14] = 5;
    let packed = pmo_domain::storage::codec::pack_binary(&v5, 5, 7);
    assert_eq!(decode(&packed).unwrap(), env);
    // And version 4's (without status rounds either, the field before).
    let mut v4 = v5;
    assert_eq!(v4.pop(), Some(0), "an empty list of rounds ends the layout");
    v4[14] = 4;
    let v4 = pmo_domain::storage::codec::pack_binary(&v4, 4, 7);
    assert_eq!(decode(&v4).unwrap(), env);
    // JSON still leaves empty fields out, also right after a binary save.
    let json = env.to_json();
    let first: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(first["workspace"]["projects"][0]
        .get("description")
        .is_none());
    assert!(first["workspace"]["projects"][0].get("end").is_none());
    // Readable form for people and tests.
    let readable: Envelope = serde_json::from_str(&stored_as_json(&stored).unwrap()).unwrap();
    assert_eq!(readable, env);
    // What earlier builds stored (packed JSON, plain JSON) is still read.
    let old = pmo_domain::storage::codec::pack(&json, CURRENT_VERSION, 7);
    assert_eq!(decode(&old).unwrap(), env);
    assert_eq!(decode(&json).unwrap(), env);
}

#[test]
fn damaged_newer_or_invalid_binary_data_is_reported_never_accepted() {
    let env = Envelope::new(demo(), 3);
    let bytes = env.to_binary();
    // A future version's binary layout is not guessed at.
    let future = pmo_domain::storage::codec::pack_binary(&bytes, CURRENT_VERSION + 1, 3);
    assert!(matches!(
        decode(&future),
        Err(DecodeError::NewerVersion {
            found,
            supported: CURRENT_VERSION
        }) if found == CURRENT_VERSION + 1
    ));
    // Bytes that are not this layout.
    let junk = pmo_domain::storage::codec::pack_binary(b"not a workspace", 2, 3);
    assert!(matches!(decode(&junk), Err(DecodeError::Malformed { .. })));
    // A changed character fails the checksum.
    let stored = env.to_stored().unwrap();
    let mut chars: Vec<char> = stored.chars().collect();
    let mid = chars.len() / 2;
    chars[mid] = char::from_u32(chars[mid] as u32 ^ 1).unwrap();
    let damaged: String = chars.into_iter().collect();
    assert!(matches!(
        decode(&damaged),
        Err(DecodeError::Malformed { .. })
    ));
    assert!(matches!(
        decide_startup(Some(&damaged), None),
        Startup::Damaged { .. }
    ));
    // Well-formed but breaking the rules: never stored, and every problem is named.
    let mut bad = env.clone();
    bad.workspace.projects[1].id = bad.workspace.projects[0].id.clone();
    assert!(!bad.to_stored().unwrap_err().is_empty());
    let bad_stored = pmo_domain::storage::codec::pack_binary(&bad.to_binary(), CURRENT_VERSION, 3);
    match decode(&bad_stored) {
        Err(DecodeError::Invalid { problems }) => assert!(!problems.is_empty()),
        other => panic!("{other:?}"),
    }
}

/// The demo of that time as the last localStorage build (version 4) stored it, with the
/// organisation renamed "Migrated Ltd" and revision 12: what the data layer moves into
/// IndexedDB at a first start (`tests/e2e/store.test.mjs` uses it too). What it holds is
/// `v4-demo.workspace.json`, written when it still equalled that build's demo (the demo has
/// changed since: a filled-in set-up guide, real project names).
const V4_STORED: &str = include_str!("fixtures/v4-demo.stored");

fn v4_workspace() -> Workspace {
    serde_json::from_str(include_str!("fixtures/v4-demo.workspace.json")).unwrap()
}

#[test]
fn v4_stored_fixture_reads_as_written() {
    let back = decode(V4_STORED).unwrap();
    assert_eq!(back.workspace.organisation.name, "Migrated Ltd");
    assert_eq!(back.workspace.projects.len(), demo().projects.len());
    assert_eq!(back.revision, 12);
    assert_eq!(back.workspace, v4_workspace());
}

#[test]
fn the_document_exported_as_a_file_reads_back_and_a_bad_one_is_refused_with_why() {
    use pmo_domain::document::Document;
    use pmo_domain::store::file::*;
    let ws = demo();
    let file = document_file(&Document::of(&ws, 3));
    assert!(is_document_file(&file));
    assert_eq!(read_document_file(&file).unwrap(), ws);
    let preview = preview_document_file(&file, &Workspace::default()).unwrap();
    assert_eq!(preview.incoming.projects, ws.projects.len());
    assert!(!is_document_file(b"{\"format\":\"pmo-workbench\"}"));

    assert_eq!(read_document_file(&[]), Err(DecodeError::Empty));
    let cut = &file[..file.len() / 2];
    assert!(
        matches!(read_document_file(cut), Err(DecodeError::Malformed { detail }) if detail.contains("stored document")),
        "a file cut short"
    );
    let mut newer = file.clone();
    newer[4] = 9;
    assert!(matches!(
        read_document_file(&newer),
        Err(DecodeError::NewerVersion { found: 9, .. })
    ));
    // A document whose workspace breaks a rule is refused with the rule, not repaired.
    let mut broken = ws.clone();
    broken.projects[0].portfolio_id = "pf-nowhere".into();
    let refused = read_document_file(&document_file(&Document::of(&broken, 3)));
    assert!(
        matches!(&refused, Err(DecodeError::Invalid { problems }) if problems.iter().any(|p| p.to_string().contains("pf-nowhere"))),
        "{refused:?}"
    );
}

/// The demo with a status round, as the last build before report summaries (version 5)
/// stored it, revision 21. `PMO_WRITE_FIXTURES=1` writes it anew (from the current layout
/// without its last field, which is exactly version 5's).
const V5_STORED: &str = include_str!("fixtures/v5-round.stored");

fn v5_workspace() -> Workspace {
    use pmo_domain::demo::{demo_at, reference_day};
    use pmo_domain::portfolio::report::Month;
    let today = reference_day();
    let mut ws = demo_at(today);
    pmo_domain::round::open(&mut ws, Month::containing(today), today, today).expect("opens");
    ws
}

#[test]
fn v5_stored_fixture_reads_as_written() {
    let env = Envelope::new(v5_workspace(), 21);
    if std::env::var_os("PMO_WRITE_FIXTURES").is_some() {
        let mut bytes = env.to_binary();
        assert_eq!(bytes.pop(), Some(0), "no report summaries");
        bytes[14] = 5;
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/v5-round.stored"
        );
        std::fs::write(path, pmo_domain::storage::codec::pack_binary(&bytes, 5, 21)).unwrap();
        return;
    }
    let back = decode(V5_STORED).unwrap();
    assert_eq!(back.version, CURRENT_VERSION);
    assert_eq!(back.revision, 21);
    assert!(!back.workspace.rounds.is_empty());
    assert!(back.workspace.report_notes.is_empty());
    assert_eq!(back.workspace, v5_workspace());
}

/// Files are laid out by `common::json::pretty` from the compact text: exactly as serde_json's
/// pretty printer lays out the typed value, so files written before read and diff the same.
#[test]
fn files_are_laid_out_as_serde_json_would() {
    let env = pmo_domain::storage::schema::Envelope::new(pmo_domain::demo::demo(), 3);
    assert_eq!(
        env.to_pretty_json(),
        serde_json::to_string_pretty(&env).unwrap()
    );
    let round = pmo_domain::demo::demo();
    let text = pmo_domain::common::json::pretty(&serde_json::to_string(&round.projects).unwrap());
    assert_eq!(text, serde_json::to_string_pretty(&round.projects).unwrap());
}
