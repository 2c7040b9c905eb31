//! CSV export and import of the register.

use pmo_domain::common::csv::neutralise;
use pmo_domain::demo::demo;
use pmo_domain::portfolio::csv::*;
use pmo_domain::*;

fn all(ws: &Workspace) -> Vec<usize> {
    (0..ws.projects.len()).collect()
}

#[test]
fn export_is_rfc4180_with_bom_crlf_and_quoting() {
    let mut ws = demo();
    ws.projects[0].name = "Data \"lake\", phase 1\nsecond line".into();
    let text = export(&ws, &[0]);
    assert!(text.starts_with('\u{FEFF}'));
    let body = text.trim_start_matches('\u{FEFF}');
    assert!(body
        .starts_with("Code,Name,Description,Portfolio,Programme,Phase,Status,Project managers,"));
    assert!(
        body.contains("\"Data \"\"lake\"\", phase 1\nsecond line\""),
        "{body}"
    );
    assert!(body.ends_with("\r\n"));
    assert_eq!(body.matches("\r\n").count(), 2, "heading + one row");
}

#[test]
fn export_says_why_a_project_stands_where_it_does_and_import_ignores_it() {
    let mut ws = demo();
    let i = ws
        .projects
        .iter()
        .position(|p| p.rag.cost == Rag::Red && !p.updates.is_empty())
        .expect("the demo has a red cost");
    let latest = pmo_domain::portfolio::latest_update(&ws.projects[i])
        .unwrap()
        .clone();
    ws.projects[i].updates.last_mut().unwrap().commentary = "=HYPERLINK(\"x\") vendor late".into();
    let text = export(&ws, &[i]);
    let table = parse(&text).unwrap();
    let col = |h: &str| table.headings.iter().position(|x| x == h).expect(h);
    let row: Vec<&str> = table.rows().next().unwrap().iter().collect();
    assert_eq!(row[col("Cost RAG")], "Red");
    assert_eq!(
        row[col("Schedule RAG")],
        ws.projects[i].rag.schedule.label()
    );
    assert_eq!(row[col("Last updated")], latest.date.to_string());
    assert_eq!(
        row[col("Latest commentary")],
        "'=HYPERLINK(\"x\") vendor late",
        "neutralised"
    );
    assert_eq!(
        row[col("Trend")],
        pmo_domain::portfolio::trend(&ws.projects[i]).label()
    );
    // Importing the export back changes nothing: the derived columns are not fields.
    let p = preview(&ws, &table, &guess_mapping(&table.headings));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert!(p.creates.is_empty() && p.updates.is_empty());
}

#[test]
fn formula_cells_are_neutralised_and_restored() {
    for (cell, want) in [
        ("=1+1", "'=1+1"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2", "'-2"),
        ("@cmd", "'@cmd"),
        ("\tx", "'\tx"),
        ("plain", "plain"),
        ("", ""),
    ] {
        assert_eq!(neutralise(cell), want, "{cell:?}");
    }
    let mut ws = demo();
    ws.projects[0].name = "=HYPERLINK(\"http://evil\")".into();
    ws.projects[0].description = "@SUM(1)".into();
    let text = export(&ws, &[0]);
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://evil\"\")\""),
        "{text}"
    );
    assert!(!text.contains(",=HYPERLINK"));
    // Importing the export gives back the original text.
    let table = parse(&text).unwrap();
    let p = preview(&ws, &table, &guess_mapping(&table.headings));
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.unchanged, 1);
}

#[test]
fn round_trip_into_the_same_workspace_changes_nothing() {
    let ws = demo();
    let table = parse(&export(&ws, &all(&ws))).unwrap();
    let mapping = guess_mapping(&table.headings);
    assert_eq!(mapping.len(), Field::ALL.len(), "every field recognised");
    let p = preview(&ws, &table, &mapping);
    assert_eq!(p.errors, vec![]);
    assert_eq!(
        (p.creates.len(), p.updates.len(), p.unchanged),
        (0, 0, ws.projects.len())
    );
}

#[test]
fn round_trip_into_a_workspace_without_projects_recreates_them() {
    let ws = demo();
    let text = export(&ws, &all(&ws));
    let mut empty = ws.clone();
    empty.projects.clear();
    let table = parse(&text).unwrap();
    let p = preview(&empty, &table, &guess_mapping(&table.headings));
    assert_eq!(p.errors, vec![]);
    assert_eq!(p.creates.len(), ws.projects.len());
    apply(&mut empty, p);
    assert!(pmo_domain::validate::validate(&empty).is_empty());
    for (a, b) in ws.projects.iter().zip(&empty.projects) {
        assert_eq!(a.code, b.code);
        assert_eq!(a.name, b.name);
        assert_eq!(a.managers, b.managers);
        assert_eq!(a.budget, b.budget);
        assert_eq!(
            (a.start, a.end, a.baseline_end),
            (b.start, b.end, b.baseline_end)
        );
        assert_eq!((a.phase, a.status), (b.phase, b.status));
        assert_eq!(a.programme_id, b.programme_id);
    }
    let ids: std::collections::HashSet<_> = empty.projects.iter().map(|p| p.id.clone()).collect();
    assert_eq!(ids.len(), ws.projects.len(), "new ids are unique");
}

#[test]
fn rows_match_by_code_and_report_every_problem_by_line_and_column() {
    let ws = demo();
    let pm = ws
        .person(&ws.projects[5].managers[0].person_id)
        .unwrap()
        .name
        .clone();
    let text = format!(
        "Project code;Project;Budget;End date;Status;PM\n\
                PRJ-0001;Mobile app relaunch v2;1.5m;2027-03-31;On track;{pm} (Business PM)\n\
                PRJ-0002;;abc;31/12/2027;Sideways;Nobody Here\n\
                NEW-1;Fresh start;250k;;at-risk;\n\
                ;No code;;;;\n\
                NEW-1;Duplicate;;;;\n"
    );
    let table = parse(&text).unwrap();
    let mapping = guess_mapping(&table.headings);
    assert_eq!(mapping.get(&Field::Code), Some(&0));
    assert_eq!(mapping.get(&Field::Planned), Some(&2));
    assert_eq!(mapping.get(&Field::Managers), Some(&5));
    let p = preview(&ws, &table, &mapping);
    assert_eq!(p.updates.len(), 1);
    let (i, updated) = &p.updates[0];
    assert_eq!(*i, 0);
    assert_eq!(updated.name, "Mobile app relaunch v2");
    assert_eq!(updated.budget.planned, 150_000_000);
    assert_eq!(updated.managers.len(), 1);
    assert_eq!(updated.managers[0].label, "Business PM");
    assert_eq!(p.creates.len(), 1);
    assert_eq!(p.creates[0].code, "NEW-1");
    assert_eq!(p.creates[0].status, Status::AtRisk);
    let errors: Vec<(usize, &str, &str)> = p
        .errors
        .iter()
        .map(|e| (e.line, e.column.as_str(), e.reason.as_str()))
        .collect();
    assert!(
        errors.contains(&(
            3,
            "Budget",
            "“abc”: Type an amount such as 250000 or 1,250,000."
        )),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&(
            3,
            "End date",
            "“31/12/2027”: Use a date such as 2026-12-31."
        )),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.0 == 3 && e.1 == "Status" && e.2.contains("Sideways")),
        "{errors:#?}"
    );
    assert!(
        errors
            .iter()
            .any(|e| e.0 == 3 && e.1 == "PM" && e.2.contains("“Nobody Here”")),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&(5, "Project code", "The code is empty.")),
        "{errors:#?}"
    );
    assert!(
        errors.contains(&(
            6,
            "Project code",
            "The code NEW-1 already appears on line 4."
        )),
        "{errors:#?}"
    );
    // The form's rules apply too: an empty name on an existing project is refused.
    let text2 = "Code,Name\nPRJ-0003,\n";
    let t2 = parse(text2).unwrap();
    let p2 = preview(&ws, &t2, &guess_mapping(&t2.headings));
    assert_eq!(
        p2.errors,
        vec![RowError {
            line: 2,
            column: "Name".into(),
            reason: "Give the project a name.".into()
        }]
    );
}

#[test]
fn names_two_people_share_are_refused_but_ids_work() {
    let mut ws = demo();
    let twin = ws.people[10].name.clone();
    ws.people[11].name = twin.clone();
    let text = format!(
        "Code,Sponsor\nPRJ-0001,{twin}\nPRJ-0002,{}\n",
        ws.people[11].id
    );
    let t = parse(&text).unwrap();
    let p = preview(&ws, &t, &guess_mapping(&t.headings));
    assert_eq!(p.errors.len(), 1, "{:#?}", p.errors);
    assert_eq!(p.errors[0].line, 2);
    assert!(p.errors[0].reason.contains("use their id"));
    assert_eq!(p.updates.len(), 1);
    assert_eq!(
        p.updates[0].1.sponsor_id.as_deref(),
        Some(ws.people[11].id.as_str())
    );
}

#[test]
fn demo_people_have_unique_names() {
    let ws = pmo_domain::demo::generate(10, 2_000);
    let names: std::collections::HashSet<_> = ws.people.iter().map(|p| p.name.clone()).collect();
    assert_eq!(names.len(), ws.people.len());
}

#[test]
fn without_a_code_column_nothing_can_be_matched() {
    let ws = demo();
    let t = parse("Name,Budget\nA,1\n").unwrap();
    let p = preview(&ws, &t, &guess_mapping(&t.headings));
    assert_eq!(p.errors.len(), 1);
    assert!(p.errors[0]
        .reason
        .contains("No column is mapped to the project code"));
}

#[test]
fn empty_files_and_rows_with_missing_cells_are_explained() {
    assert_eq!(parse("  ").unwrap_err(), "The file is empty.");
    // A short row leaves the missing fields as they are and is not an error by itself.
    let ws = demo();
    let t = parse("Code,Name,Planned budget\nPRJ-0001\n").unwrap();
    let p = preview(&ws, &t, &guess_mapping(&t.headings));
    assert_eq!((p.errors.len(), p.unchanged), (0, 1));
}

/// Issue 21: another project tool's headings. "Progress (%)" did not map to % complete; a
/// note in brackets and punctuation are no longer part of a heading's name.
#[test]
fn another_tools_headings_map_with_their_notes_and_signs() {
    let headings: Vec<String> = [
        "Project Name",
        "Project Code",
        "Client",
        "Status",
        "Priority",
        "Progress (%)",
        "Budget (EUR)",
        "Start Date",
        "End Date",
        "Project Manager",
    ]
    .map(String::from)
    .to_vec();
    let m = guess_mapping(&headings);
    for (field, column) in [
        (Field::Name, 0),
        (Field::Code, 1),
        (Field::Status, 3),
        (Field::Complete, 5),
        (Field::Planned, 6),
        (Field::Start, 7),
        (Field::End, 8),
        (Field::Managers, 9),
    ] {
        assert_eq!(m.get(&field), Some(&column), "{field:?}");
    }
    // "% Complete" and "Percent complete" too; a heading that is only a note maps to nothing.
    for h in ["% Complete", "Percent complete", "PROGRESS"] {
        assert_eq!(
            guess_mapping(&[h.to_string()]).get(&Field::Complete),
            Some(&0),
            "{h}"
        );
    }
    assert!(guess_mapping(&["(%)".to_string(), "".to_string()]).is_empty());
}
