//! Regression tests for the classes of defect the fuzz harness (`crates/fuzz`) looks for:
//! each fails without its fix. The harness itself runs in the test command as a short run.

use std::time::Instant;

use pmo_domain::common::money::{percent_of, total, MAX_MONEY};
use pmo_domain::demo::{demo, generate};
use pmo_domain::portfolio::project::{next_code, parse_money};
use pmo_domain::storage::codec::{pack, pack_binary, pack_binary_v1};
use pmo_domain::storage::import::preview_import;
use pmo_domain::storage::persist::*;
use pmo_domain::storage::schema::*;
use pmo_domain::*;

/// The version this build writes, and the next one ("from a newer version").
const CUR: u32 = CURRENT_VERSION;
const NEXT: u32 = CUR + 1;

fn stored(ws: &Workspace, revision: u64) -> String {
    Envelope::new(ws.clone(), revision).to_stored().unwrap()
}

// --- Numbers read from the data size allocations ------------------------------------------

#[test]
fn a_huge_length_in_a_stored_header_is_refused_without_allocating() {
    let env = Envelope::new(demo(), 2);
    let v1 = pack_binary_v1(&env.to_binary(), 4, 2, None);
    let n = v1.split(";n=").nth(1).unwrap().split(';').next().unwrap();
    for (from, to) in [
        (format!(";n={n};"), ";n=9223372036854775807;".to_string()),
        (";u=".to_string(), ";u=2".to_string()),
    ] {
        let damaged = v1.replacen(&from, &to, 1);
        // The old reader asked for exabytes here and aborted the process.
        assert!(matches!(
            decide_startup(Some(&damaged), None),
            Startup::Damaged { .. }
        ));
    }
}

// --- The header is covered by a checksum --------------------------------------------------

#[test]
fn a_changed_revision_or_version_digit_is_damage_not_a_newer_version() {
    let good = stored(&demo(), 4);
    let revision = good.replacen(";r=4;", ";r=5;", 1);
    assert!(matches!(
        decide_startup(Some(&revision), None),
        Startup::Damaged { .. }
    ));
    let version = good.replacen(&format!("v={CUR};"), &format!("v={NEXT};"), 1);
    // Before: the data looked "from a newer version" and opened read-only.
    assert!(matches!(
        decode(&version),
        Err(DecodeError::Malformed { .. })
    ));
    assert!(matches!(
        decide_startup(Some(&version), None),
        Startup::Damaged { .. }
    ));
}

#[test]
fn the_earlier_binary_form_is_checked_against_its_body() {
    let env = Envelope::new(demo(), 4);
    let v1 = pack_binary_v1(&env.to_binary(), CUR, 4, None);
    assert_eq!(decode(&v1).unwrap(), env);
    // Its header has no checksum: a changed revision or version is caught by the body.
    let (cur, next, prev) = (
        format!("v={CUR};"),
        format!("v={NEXT};"),
        format!("v={};", CUR - 1),
    );
    for (from, to) in [
        (";r=4;", ";r=9;"),
        (cur.as_str(), next.as_str()),
        (&cur, &prev),
    ] {
        let damaged = v1.replacen(from, to, 1);
        assert!(
            matches!(decode(&damaged), Err(DecodeError::Malformed { .. })),
            "{to}"
        );
    }
}

// --- A "checked" mark inside the input is never trusted -----------------------------------

#[test]
fn a_checked_mark_does_not_skip_validation() {
    let mut ws = demo();
    ws.people[1].manager_id = Some("nobody".into());
    let marked = pack_binary_v1(&Envelope::new(ws, 2).to_binary(), CUR, 2, Some(3));
    assert!(marked.contains("ok=3;"));
    // Before: accepted at start-up and on import, with a dangling manager.
    assert!(matches!(decode(&marked), Err(DecodeError::Invalid { .. })));
    assert!(matches!(
        preview_import(&marked, &pmo_domain::demo::empty()),
        Err(DecodeError::Invalid { .. })
    ));
}

// --- Newer data that cannot be read is not shown as an empty workspace --------------------

#[test]
fn unreadable_newer_data_falls_back_to_the_draft_or_stays_damaged() {
    let env = Envelope::new(demo(), 8);
    let future = pack_binary(&env.to_binary(), NEXT, 9);
    // Before: Startup::Newer with no workspace, shown as an empty read-only workspace.
    match decide_startup(Some(&future), None) {
        Startup::Damaged { raw, error } => {
            assert_eq!(raw, future);
            assert!(matches!(
                error,
                DecodeError::NewerVersion { found: NEXT, .. }
            ));
        }
        other => panic!("{other:?}"),
    }
    let draft = stored(&demo(), 8);
    match decide_startup(Some(&future), Some(&draft)) {
        Startup::Newer {
            workspace,
            from_draft,
            found,
            ..
        } => {
            assert!(from_draft);
            assert_eq!(found, NEXT);
            assert_eq!(workspace, demo());
        }
        other => panic!("{other:?}"),
    }
}

// --- The first packed form, which has no checksum ------------------------------------------

#[test]
fn the_first_packed_form_must_agree_with_the_json_inside() {
    let env = Envelope::new(demo(), 6);
    let old = pack(&env.to_json(), CUR, 6);
    assert_eq!(decode(&old).unwrap(), env);
    for damaged in [pack(&env.to_json(), CUR, 7), pack(&env.to_json(), NEXT, 6)] {
        assert!(
            matches!(decode(&damaged), Err(DecodeError::Malformed { .. })),
            "{}",
            &damaged[..20]
        );
    }
}

// --- Money --------------------------------------------------------------------------------

#[test]
fn money_is_exact_or_refused() {
    assert_eq!(parse_money("1.23456789m"), Ok(123_456_789));
    assert_eq!(parse_money("1.5k"), Ok(150_000));
    assert_eq!(parse_money("10,000,000,000,000"), Ok(MAX_MONEY));
    // Before: cut to 1.234567m without a word.
    assert!(parse_money("1.234567891m").is_err());
    // Before: a long digit string overflowed into another amount (or panicked).
    for huge in [
        "99999999999999999999999999999999999",
        "10,000,000,000,000.01",
        "9223372036854775807",
        "170141183460469231731687303715884105727",
        "9999999999999999999999999999999999m",
    ] {
        assert!(
            parse_money(huge).unwrap_err().contains("too large"),
            "{huge}"
        );
    }
}

#[test]
fn budget_sums_never_overflow() {
    let mut ws = generate(20, 30);
    for p in &mut ws.projects {
        p.budget.planned = i64::MAX / 3;
    }
    // Validation refuses amounts beyond the most a field may hold …
    assert!(validate::validate(&ws)
        .iter()
        .any(|p| p.message.contains("more than the most")));
    // … and sums saturate instead of wrapping (before: a panic, or a negative total).
    let r = pmo_domain::portfolio::RollUp::of(&ws.projects);
    assert_eq!(r.planned, i64::MAX);
    assert_eq!(total([i64::MAX, 1, 1]), i64::MAX);
    assert_eq!(percent_of(i64::MAX, 1), Some(i64::MAX));
    assert!(pmo_domain::portfolio::charts::budget_by_portfolio(&ws)
        .iter()
        .all(|b| b.planned >= 0));
}

// --- Counters for new ids ------------------------------------------------------------------

#[test]
fn id_counters_never_overflow_into_duplicates() {
    let mut ws = demo();
    ws.projects[0].code = "PRJ-4294967295".into();
    ws.projects[1].code = "PRJ-18446744073709551615".into();
    // Before: u32 overflow (a panic, or PRJ-0000 in a release build).
    let code = next_code(&ws);
    assert!(ws.projects.iter().all(|p| p.code != code), "{code}");
    let mut a = ws.assessments.clone();
    a[0].id = "a-18446744073709551615".into();
    let id = pmo_domain::assessment::next_id(&a);
    assert!(a.iter().all(|x| x.id != id), "{id}");
    a[1].id = "a-4294967295".into();
    let id = pmo_domain::assessment::next_id(&a);
    assert!(a.iter().all(|x| x.id != id), "{id}");
}

// --- A question with hundreds of options ---------------------------------------------------

#[test]
fn a_question_with_hundreds_of_statements_is_refused_clearly() {
    let mut q = pmo_domain::assessment::questionnaire::built_in()[0].clone();
    let s = q.questions[0].statements[0].clone();
    q.questions[0].statements = vec![s; 300];
    // Before: the 256th statement overflowed its answer value (a panic in a debug build).
    let choices = q.questions[0].choices();
    assert_eq!(choices.len(), 300);
    let text = serde_json::to_string(&q).unwrap();
    match pmo_domain::assessment::questionnaire::read(&text) {
        Err(pmo_domain::assessment::questionnaire::ReadError::Invalid(problems)) => {
            assert!(problems.iter().any(|p| p.message.contains("at most 50")))
        }
        other => panic!("{other:?}"),
    }
}

// --- Linear time ---------------------------------------------------------------------------

/// The best of three runs of `f`, in seconds.
fn best_of_three(mut f: impl FnMut()) -> f64 {
    (0..3)
        .map(|_| {
            let t = Instant::now();
            f();
            t.elapsed().as_secs_f64()
        })
        .fold(f64::MAX, f64::min)
}

/// Four times the input must take well under sixteen times as long (quadratic).
fn assert_roughly_linear(what: &str, small: f64, large: f64) {
    assert!(
        large < small * 9.0 + 0.002,
        "{what}: 4× the input took {:.1}× as long ({:.4} s → {:.4} s)",
        large / small,
        small,
        large
    );
}

#[test]
fn validation_is_linear_in_the_number_of_roles() {
    let with_roles = |n: usize| {
        let mut ws = pmo_domain::demo::empty();
        let r = ws.roles[0].clone();
        ws.roles = (0..n)
            .map(|i| Role {
                id: format!("r-{i}"),
                name: format!("Role {i}"),
                ..r.clone()
            })
            .collect();
        ws
    };
    let (a, b) = (with_roles(1_500), with_roles(6_000));
    assert!(validate::validate(&b).is_empty());
    let small = best_of_three(|| {
        validate::validate(&a);
    });
    let large = best_of_three(|| {
        validate::validate(&b);
    });
    assert_roughly_linear("validate", small, large);
}

#[test]
fn a_csv_preview_is_linear_in_the_number_of_rows() {
    let ws = demo();
    let rows = |n: usize| {
        let mut lines = vec!["Code,Name,Portfolio,Project manager,Budget".to_string()];
        let pf = &ws.portfolios[0].name;
        let pm = &ws.projects[0].managers[0].person_id;
        for i in 0..n {
            lines.push(format!("NEW-{i},Project {i},{pf},{pm},{}", 1000 + i));
        }
        pmo_domain::portfolio::csv::parse(&lines.join("\n")).unwrap()
    };
    let (a, b) = (rows(1_000), rows(4_000));
    let mapping = pmo_domain::portfolio::csv::guess_mapping(&a.headings);
    let p = pmo_domain::portfolio::csv::preview(&ws, &b, &mapping);
    assert_eq!((p.creates.len(), p.errors.len()), (4_000, 0));
    let small = best_of_three(|| {
        pmo_domain::portfolio::csv::preview(&ws, &a, &mapping);
    });
    let large = best_of_three(|| {
        pmo_domain::portfolio::csv::preview(&ws, &b, &mapping);
    });
    assert_roughly_linear("csv preview", small, large);
}

// --- Unknown keys are named, not dropped ---------------------------------------------------

#[test]
fn an_import_with_a_misspelt_field_is_refused_and_the_field_named() {
    let text = Envelope::new(demo(), 1).to_pretty_json();
    for (from, to, path) in [
        ("\"manager_id\":", "\"manger_id\":", ".manger_id"),
        ("\"budget\":", "\"budgt\":", ".budgt"),
    ] {
        assert!(text.contains(from), "{from}");
        let bad = text.replacen(from, to, 1);
        // Before: "valid", with the manager detached or the budget set to 0.
        match preview_import(&bad, &pmo_domain::demo::empty()) {
            Err(DecodeError::UnknownFields { fields }) => {
                assert_eq!(fields.len(), 1);
                assert!(fields[0].starts_with("workspace."), "{fields:?}");
                assert!(fields[0].ends_with(path), "{fields:?}");
                let message = DecodeError::UnknownFields { fields }.to_string();
                assert!(message.contains("misspelt"), "{message}");
            }
            other => panic!("{other:?}"),
        }
    }
}

// --- The app never saves what its own start-up refuses -------------------------------------

#[test]
fn an_invalid_workspace_is_never_stored() {
    let mut ws = demo();
    ws.projects[0].portfolio_id = "gone".into();
    // Before: stored (unmarked), then refused as damaged data at the next start.
    let problems = Envelope::new(ws, 1).to_stored().unwrap_err();
    assert!(problems[0].message.contains("does not exist"));
}

#[test]
fn our_own_csv_export_imports_back_unchanged() {
    let mut ws = demo();
    ws.projects[0].name = "'=SUM(A1)".into();
    ws.projects[1].name = "'quoted".into();
    ws.projects[2].description = "  spaced  ".into();
    let rows: Vec<usize> = (0..ws.projects.len()).collect();
    let table =
        pmo_domain::portfolio::csv::parse(&pmo_domain::portfolio::csv::export(&ws, &rows)).unwrap();
    let p = pmo_domain::portfolio::csv::preview(
        &ws,
        &table,
        &pmo_domain::portfolio::csv::guess_mapping(&table.headings),
    );
    // Before: the leading quote of "'=SUM(A1)" was taken for our own neutralising mark.
    assert!(
        p.updates.is_empty(),
        "{:?}",
        p.updates.first().map(|u| &u.1.name)
    );
    assert!(p.creates.is_empty() && p.errors.is_empty());
}

// --- Damaged data is downloadable as JSON where it still decodes ---------------------------

#[test]
fn damaged_data_downloads_as_json_where_it_decodes() {
    let mut ws = demo();
    ws.people[1].manager_id = Some("nobody".into());
    let invalid = pack_binary(&Envelope::new(ws, 3).to_binary(), CUR, 3);
    let r = readable(&invalid);
    assert!(r.json);
    assert_eq!(r.file_name(), "pmo-workbench-damaged-data.json");
    assert!(r.text.contains("\"nobody\""));
    let cut: String = invalid.chars().take(40).collect();
    let r = readable(&cut);
    assert!(!r.json);
    assert_eq!(r.text, cut);
}

#[test]
fn damaged_copies_are_kept_under_keys_of_their_own() {
    let taken = ["pmo-workbench/v2/damaged", "pmo-workbench/v2/damaged/2"];
    let key = free_damaged_key(|k| taken.contains(&k));
    assert_eq!(key, "pmo-workbench/v2/damaged/3");
    assert_eq!(damaged_keys(|k| taken.contains(&k)), taken);
    assert_eq!(free_damaged_key(|_| false), KEY_DAMAGED);
}

// --- The stored-format trap ----------------------------------------------------------------

/// A field left out when empty must be left out through `crate::ser`, which the binary form
/// switches off; a plain `skip_serializing_if` makes a stored workspace with that field empty
/// unreadable. This reads the source, so the mistake cannot pass review unnoticed.
#[test]
fn every_skipped_field_goes_through_the_storage_helpers() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut bad = Vec::new();
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        for (i, line) in text.lines().enumerate() {
            let plain_skip = line.contains("skip_serializing_if")
                && !line.contains("skip_serializing_if = \"crate::ser::");
            let always_skipped =
                line.contains("#[serde(skip") && !line.contains("skip_serializing_if");
            if plain_skip || always_skipped {
                bad.push(format!("{}:{}: {}", path.display(), i + 1, line.trim()));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "fields skipped without crate::ser:\n{}",
        bad.join("\n")
    );
}

#[test]
fn a_questionnaire_with_a_misspelt_field_is_refused_and_the_field_named() {
    let q = &pmo_domain::assessment::questionnaire::built_in()[0];
    let text = serde_json::to_string(q)
        .unwrap()
        .replacen("\"allow_na\":", "\"alow_na\":", 1);
    // Before: read, with "not applicable" silently switched off.
    match pmo_domain::assessment::questionnaire::read(&text) {
        Err(pmo_domain::assessment::questionnaire::ReadError::Shape(m)) => {
            assert!(m.contains("questions[") && m.contains("alow_na"), "{m}")
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_csv_line_of_a_million_separators_is_refused_before_it_is_parsed() {
    let mut text = "Code;Name\nA;".to_string();
    text.push_str(&";".repeat(1_000_000));
    let e = pmo_domain::portfolio::csv::parse(&text).unwrap_err();
    assert_eq!(
        e,
        "Line 2 has more than 500 columns; a file to import may have at most 500."
    );
    // Separators inside quotes are text, not columns.
    let quoted = format!("Code,Name\nA,\"{}\"\n", ",".repeat(5_000));
    assert_eq!(
        pmo_domain::portfolio::csv::parse(&quoted)
            .unwrap()
            .row(0)
            .get(1)
            .unwrap()
            .len(),
        5_000
    );
}

#[test]
fn a_quote_inside_a_cell_does_not_hide_separators_from_the_column_limit() {
    // The parser reads a quote after other text as text, so these are a million columns.
    let text = format!("Code,Na\"me{}\n", ",".repeat(1_000_000));
    assert!(pmo_domain::portfolio::csv::parse(&text)
        .unwrap_err()
        .contains("more than 500 columns"));
    // A doubled quote inside quotes is a quote; the separators after it still count.
    let text = format!("Code,\"Na\"\"me\"{}\n", ",".repeat(1_000));
    assert!(pmo_domain::portfolio::csv::parse(&text)
        .unwrap_err()
        .contains("Line 1 has more than 500"));
    let text = "Code,Name\r\n\"A\nB\",x\r\n".to_string();
    assert_eq!(
        pmo_domain::portfolio::csv::parse(&text)
            .unwrap()
            .row(0)
            .get(0),
        Some("A\nB")
    );
}

#[test]
fn csv_problems_name_the_line_of_the_file_even_after_a_cell_over_several_lines() {
    let ws = demo();
    let text = "Code,Name,Description,Status\n\
                PRJ-0001,Data lake,\"three\nline\ndescription\",On track\n\
                PRJ-0002,CRM,,Sideways\n";
    let table = pmo_domain::portfolio::csv::parse(text).unwrap();
    assert_eq!((table.row(0).line(), table.row(1).line()), (2, 5));
    let p = pmo_domain::portfolio::csv::preview(
        &ws,
        &table,
        &pmo_domain::portfolio::csv::guess_mapping(&table.headings),
    );
    // Before: "line 3", the number of the record rather than of the line.
    assert_eq!(p.errors.len(), 1, "{:?}", p.errors);
    assert_eq!(
        (p.errors[0].line, p.errors[0].column.as_str()),
        (5, "Status")
    );
}

#[test]
fn csv_line_numbers_hold_for_every_kind_of_line_break() {
    for (text, lines) in [
        ("Code,Name\r\nA,x\r\nB,y\r\n", vec![2, 3]),
        ("Code,Name\r\n\r\nA,\"x\r\ny\"\r\nB,y", vec![3, 5]),
        ("Code,Name\rA,x\rB,y", vec![2, 3]),
        ("Code,Name\n\nA,\"x\ny\"\nB,y", vec![3, 5]),
    ] {
        let t = pmo_domain::portfolio::csv::parse(text).unwrap();
        assert_eq!(
            t.rows().map(|r| r.line()).collect::<Vec<_>>(),
            lines,
            "{text:?}"
        );
    }
}
