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
    // 31/12/2027 reads as a date (day first: 31 cannot be a month).
    assert!(!errors.iter().any(|e| e.1 == "End date"), "{errors:#?}");
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

// ---- Other tools' files (issue 21 §1) ----

use pmo_domain::common::csv::{decode, Encoding};
use pmo_domain::portfolio::csv_choices::*;

fn fixture(name: &str) -> Table {
    let path = format!("{}/tests/fixtures/csv/{name}", env!("CARGO_MANIFEST_DIR"));
    let (text, _) = decode(&std::fs::read(path).unwrap()).unwrap();
    parse(&text).unwrap()
}

fn mapped(t: &Table) -> Vec<(Field, String)> {
    let m = guess_mapping(&t.headings);
    let mut v: Vec<(Field, String)> = Field::ALL
        .iter()
        .filter_map(|f| m.get(f).map(|&i| (*f, t.headings[i].clone())))
        .collect();
    v.sort_by_key(|(f, _)| Field::ALL.iter().position(|x| x == f));
    v
}

#[test]
fn each_tools_headings_map_to_our_fields() {
    use Field::*;
    let expect: [(&str, &[(Field, &str)]); 4] = [
        (
            "openproject.csv",
            &[
                (Code, "Identifier"),
                (Name, "Name"),
                (Programme, "Parent project"),
                (Status, "Status"),
                (Managers, "Project manager"),
                (Sponsor, "Accountable"),
                (Start, "Start date"),
                (End, "Finish date"),
                (Complete, "% Complete"),
            ],
        ),
        (
            "smartsheet.csv",
            &[
                (Code, "Project ID"),
                (Name, "Project Name"),
                (Portfolio, "Portfolio"),
                (Status, "Status"),
                (Managers, "Project Manager"),
                (Sponsor, "Sponsor"),
                (Start, "Start Date"),
                (End, "End Date"),
                (Planned, "Budget"),
                (Actual, "Actual"),
                (Forecast, "Forecast"),
                (Complete, "% Complete"),
            ],
        ),
        (
            "ms-project.csv",
            &[
                (Code, "Unique ID"),
                (Name, "Name"),
                (Managers, "Resource Names"),
                (Start, "Start"),
                (End, "Finish"),
                (BaselineEnd, "Baseline Finish"),
                (Planned, "Baseline Cost"),
                (Actual, "Actual Cost"),
                (Forecast, "Cost"),
                (Complete, "% Complete"),
            ],
        ),
        (
            "jira.csv",
            &[
                (Code, "Issue key"),
                (Name, "Summary"),
                (Description, "Description"),
                (Status, "Status"),
                (Managers, "Assignee"),
                (End, "Due date"),
            ],
        ),
    ];
    for (file, fields) in expect {
        let want: Vec<(Field, String)> = fields.iter().map(|(f, h)| (*f, h.to_string())).collect();
        assert_eq!(mapped(&fixture(file)), want, "{file}");
    }
}

/// The file from the issue: another tool's headings, status words, UK dates, a PM not in the
/// org chart.
const OTHER_TOOL: &str = "Project Name,Project Code,Client,Status,Priority,Progress (%),Budget,Start Date,End Date,Project Manager\r\n\
Data lake,DL-1,Acme,In Progress,High,40,250000,15/02/2026,30/11/2026,Ann Newcomer\r\n\
Web shop,DL-2,Acme,On Hold,Low,10,90000,01/03/2026,01/09/2026,Ann Newcomer\r\n\
Archive,DL-3,Acme,Completed,Low,100,10000,02/01/2026,03/01/2026,\r\n";

fn demo_with_portfolio_default() -> Workspace {
    demo()
}

#[test]
fn another_tools_file_asks_about_values_and_people_and_then_imports_every_row() {
    let ws = demo_with_portfolio_default();
    let t = parse(OTHER_TOOL).unwrap();
    let m = guess_mapping(&t.headings);
    assert_eq!(
        m.get(&Field::Complete),
        Some(&5),
        "Progress (%) is % complete"
    );
    // Without answers nothing is guessed: rows with unknown values or people are refused.
    let before = preview(&ws, &t, &m);
    assert_eq!(before.creates.len(), 0, "{:?}", before.errors);
    assert!(before
        .errors
        .iter()
        .any(|e| e.reason.contains("under Values")));
    assert!(before
        .errors
        .iter()
        .any(|e| e.reason.contains("new person")));

    let q = questions(&ws, &t, &m);
    let asked: Vec<(&str, usize, Option<&str>)> = q
        .values
        .iter()
        .map(|v| (v.value.as_str(), v.rows, v.guess.map(|g| g.slug)))
        .collect();
    assert_eq!(
        asked,
        [
            ("In Progress", 1, Some("on-track")),
            ("On Hold", 1, Some("at-risk")),
            ("Completed", 1, Some("finished"))
        ]
    );
    assert!(
        q.values[1].guess.unwrap().why.contains("Not started"),
        "the other choice is named"
    );
    assert_eq!(q.people.len(), 1);
    assert_eq!(
        (q.people[0].name.as_str(), q.people[0].rows),
        ("Ann Newcomer", 2)
    );
    // The dates show their order (15/02, 30/11): nothing to ask.
    assert!(q.dates.is_empty(), "{:?}", q.dates);

    let mut c = Choices::guessed(&q);
    c.new_people.insert(q.people[0].key.clone());
    let p = preview_with(&ws, &t, &m, &c);
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.creates.len(), 3);
    assert_eq!(p.new_people.len(), 1, "one person for two rows");
    let ann = &p.new_people[0];
    assert_eq!(ann.name, "Ann Newcomer");
    assert!(!ws.people.iter().any(|x| x.id == ann.id));
    let dl1 = &p.creates[0];
    assert_eq!(dl1.status, Status::OnTrack);
    assert_eq!(dl1.start, chrono::NaiveDate::from_ymd_opt(2026, 2, 15));
    assert_eq!(dl1.managers[0].person_id, ann.id);
    assert_eq!(dl1.percent_complete, 40);
    // 02/01/2026 in a day-first column is 2 January.
    assert_eq!(
        p.creates[2].start,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 2)
    );
    let mut after = ws.clone();
    apply(&mut after, p);
    assert!(pmo_domain::validate::validate(&after).is_empty());
    assert_eq!(after.people.len(), ws.people.len() + 1);
}

/// The other tool's file on the demo, with the guessed answers and "on hold" mapped by hand.
fn other_tool_answered() -> (Workspace, Table, Mapping, Questions, Choices) {
    let ws = demo();
    let t = parse(OTHER_TOOL).unwrap();
    let m = guess_mapping(&t.headings);
    let q = questions(&ws, &t, &m);
    let mut c = Choices::guessed(&q);
    c.values
        .insert((Field::Status, "on hold".into()), "not-started".into());
    (ws, t, m, q, c)
}

#[test]
fn a_value_mapped_by_hand_wins_and_an_unmapped_one_is_refused() {
    let (ws, t, m, _, mut c) = other_tool_answered();
    c.values.remove(&(Field::Status, "completed".into()));
    c.new_people.insert("ann newcomer".into());
    let p = preview_with(&ws, &t, &m, &c);
    assert_eq!(p.creates.len(), 2);
    assert_eq!(p.creates[1].status, Status::NotStarted);
    assert_eq!(p.errors.len(), 1);
    assert_eq!(p.errors[0].line, 4);
    assert_eq!(p.errors[0].column, "Status");
}

#[test]
fn dates_in_every_accepted_form() {
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d);
    let col = DateColumn::default();
    for (cell, want) in [
        ("2026-02-15", day(2026, 2, 15)),
        ("2026/02/15", day(2026, 2, 15)),
        ("2026-02-15T10:30:00", day(2026, 2, 15)),
        ("15/02/2026", day(2026, 2, 15)),
        ("15.02.2026", day(2026, 2, 15)),
        ("02/15/2026", day(2026, 2, 15)),
        ("15 Feb 2026", day(2026, 2, 15)),
        ("15-Feb-2026", day(2026, 2, 15)),
        ("15 February 2026", day(2026, 2, 15)),
        ("February 15, 2026", day(2026, 2, 15)),
        ("Sun 15/02/2026", day(2026, 2, 15)),
        ("03/03/2026", day(2026, 3, 3)),
        ("", None),
    ] {
        let got = pmo_domain::portfolio::csv_choices::tests_support::date(cell, &col, None);
        assert_eq!(got, Ok(want), "{cell}");
    }
    for (cell, why) in [
        ("15/02/26", "four digits"),
        ("31/02/2026", "no such day"),
        ("next Tuesday", "Use a date"),
        ("32/13/2026", "no such day"),
    ] {
        let got = pmo_domain::portfolio::csv_choices::tests_support::date(cell, &col, None);
        assert!(
            got.as_ref().is_err_and(|e| e.contains(why)),
            "{cell}: {got:?}"
        );
    }
}

#[test]
fn an_ambiguous_date_column_is_asked_once_and_read_as_answered() {
    let ws = demo();
    let text = "Code,Name,Start\r\nX-1,One,03/04/2026\r\nX-2,Two,05/06/2026\r\n";
    let t = parse(text).unwrap();
    let m = guess_mapping(&t.headings);
    let q = questions(&ws, &t, &m);
    assert_eq!(q.dates.len(), 1);
    assert_eq!(
        (q.dates[0].field, q.dates[0].example.as_str()),
        (Field::Start, "03/04/2026")
    );
    // Unanswered: the dates are refused, not guessed.
    let p = preview(&ws, &t, &m);
    assert_eq!(p.creates.len(), 0);
    assert!(
        p.errors.iter().all(|e| e.reason.contains("either way")),
        "{:?}",
        p.errors
    );
    for (order, month) in [(DateOrder::DayFirst, 4), (DateOrder::MonthFirst, 3)] {
        let mut c = Choices::default();
        c.date_order.insert(Field::Start, order);
        let p = preview_with(&ws, &t, &m, &c);
        assert!(p.errors.is_empty(), "{:?}", p.errors);
        assert_eq!(
            p.creates[0].start.map(|d| chrono::Datelike::month(&d)),
            Some(month)
        );
    }
    // A column with dates in both orders is asked about too, and each date must fit the answer.
    let t = parse("Code,Name,Start\r\nX-1,One,15/02/2026\r\nX-2,Two,02/15/2026\r\n").unwrap();
    let q = questions(&ws, &t, &guess_mapping(&t.headings));
    assert_eq!(q.dates.len(), 1);
    let mut c = Choices::default();
    c.date_order.insert(Field::Start, DateOrder::DayFirst);
    let p = preview_with(&ws, &t, &guess_mapping(&t.headings), &c);
    assert_eq!((p.creates.len(), p.errors.len()), (1, 1));
    assert_eq!(p.errors[0].line, 3);
}

#[test]
fn windows_1252_and_utf16_files_read_and_say_so() {
    // "Café;Müller €" in Windows-1252.
    let bytes = b"Code;Name\r\nC-1;Caf\xe9 M\xfcller \x80\r\n";
    let (text, enc) = decode(bytes).unwrap();
    assert_eq!(enc, Encoding::Windows1252);
    assert!(text.contains("Café Müller €"));
    let t = parse(&text).unwrap();
    assert_eq!(t.row(0).get(1), Some("Café Müller €"));
    // UTF-8 with and without its mark.
    assert_eq!(
        decode("Zoë".as_bytes()).unwrap(),
        ("Zoë".into(), Encoding::Utf8)
    );
    assert_eq!(
        decode(b"\xEF\xBB\xBFZo\xc3\xab").unwrap(),
        ("Zoë".into(), Encoding::Utf8)
    );
    // UTF-16 with its mark (Excel's "Unicode text").
    let mut le = vec![0xFF, 0xFE];
    le.extend("Zoë\t1".encode_utf16().flat_map(u16::to_le_bytes));
    assert_eq!(decode(&le).unwrap(), ("Zoë\t1".into(), Encoding::Utf16Le));
    // A file that says it is UTF-8 and is not: a clear message, not a silent other reading.
    let err = decode(b"\xEF\xBB\xBFCaf\xe9").unwrap_err();
    assert!(err.contains("UTF-8"), "{err}");
    assert!(decode(&[0xFF, 0xFE, 0x41]).is_err());
}

#[test]
fn answers_are_remembered_per_column_and_stored_text_is_untrusted() {
    let (ws, t, m, q, c) = other_tool_answered();
    let mut r = Remembered::default();
    r.remember(&q, &t.headings, &m, &c);
    let stored = r.encode();
    let back = Remembered::decode(&stored);
    assert_eq!(back, r);
    // The next file from the same tool, with its heading spelled a little differently.
    let t2 = parse("Project Code,STATUS\r\nX-9,On hold\r\n").unwrap();
    let m2 = guess_mapping(&t2.headings);
    let q2 = questions(&ws, &t2, &m2);
    let mut c2 = Choices::guessed(&q2);
    assert_eq!(
        c2.values
            .get(&(Field::Status, "on hold".into()))
            .map(String::as_str),
        Some("at-risk")
    );
    let recalled = back.recall(&q2, &t2.headings, &m2, &mut c2);
    assert_eq!(recalled.len(), 1);
    assert_eq!(
        c2.values
            .get(&(Field::Status, "on hold".into()))
            .map(String::as_str),
        Some("not-started")
    );
    // Stored text is untrusted: unreadable text, unknown fields and values not ours are dropped.
    assert_eq!(Remembered::decode("{not json"), Remembered::default());
    let odd =
        r#"{"Status|status":{"on hold":"on-track","x":"exploded"},"Budget|b":{"a":"on-track"}}"#;
    let d = Remembered::decode(odd);
    assert_eq!(d.encode(), r#"{"Status|status":{"on hold":"on-track"}}"#);
    assert_eq!(
        Remembered::decode(&"x".repeat(MAX_REMEMBERED + 1)),
        Remembered::default()
    );
}

#[test]
fn a_value_the_preview_takes_as_ours_is_never_asked_and_one_it_refuses_always_is() {
    let ws = demo();
    let t = parse(
        "Code,Name,Status,Phase\r\nX-1,One,On  Track,EXECUTION\r\nX-2,Two,on_track,Build\r\n",
    )
    .unwrap();
    let m = guess_mapping(&t.headings);
    let q = questions(&ws, &t, &m);
    let asked: Vec<&str> = q.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(asked, ["Build"]);
    let p = preview_with(&ws, &t, &m, &Choices::guessed(&q));
    assert!(p.errors.is_empty(), "{:?}", p.errors);
    assert_eq!(p.creates[0].status, Status::OnTrack);
}
