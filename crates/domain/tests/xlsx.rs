//! Excel workbooks: the register and report written with real cells, read back through the
//! CSV mapping and preview, and hostile files refused with a message (issue 21 §2, §4).

use chrono::NaiveDate;
use pmo_domain::common::xlsx::{self, Workbook};
use pmo_domain::common::zip::{self, crc32, Archive};
use pmo_domain::demo::demo;
use pmo_domain::portfolio::csv::{guess_mapping, preview, table_of_rows};
use pmo_domain::portfolio::report::{monthly_report, Month};
use pmo_domain::portfolio::{xlsx as book, Column};

fn part(bytes: &[u8], name: &str) -> String {
    String::from_utf8(Archive::read(bytes).unwrap().file(name, 1 << 24).unwrap()).unwrap()
}

#[test]
fn crc32_is_the_zip_one() {
    assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
    assert_eq!(crc32(b""), 0);
}

#[test]
fn the_register_as_a_workbook_has_real_cells_a_frozen_filtered_header_and_rag_fills() {
    let ws = demo();
    let rows: Vec<usize> = (0..ws.projects.len()).collect();
    let bytes = book::register(&ws, &rows, &Column::ALL);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet
        .contains(r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#));
    let last = format!("V{}", ws.projects.len() + 1);
    assert!(
        sheet.contains(&format!(r#"<autoFilter ref="A1:{last}"/>"#)),
        "22 columns, a header and the rows"
    );
    let p = &ws.projects[0];
    // A date is a day number with the date format; an amount a number with the currency's.
    let start = xlsx::serial(p.start.unwrap());
    assert!(
        sheet.contains(&format!(r#"<c r="O2" s="2"><v>{start}</v></c>"#)),
        "{}",
        &sheet[..2000]
    );
    let planned = p.budget.planned as f64 / 100.0;
    assert!(sheet.contains(&format!(r#"<c r="Q2" s="3"><v>{planned}</v></c>"#)));
    assert!(
        sheet.contains(r#"s="6" t="inlineStr"><is><t xml:space="preserve">Green</t>"#),
        "green fill"
    );
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r##"formatCode="#,##0.00 &quot;EUR&quot;""##));
    assert!(
        styles.contains("FFC6EFCE") && styles.contains("FFFFEB9C") && styles.contains("FFFFC7CE")
    );
    assert_eq!(
        xlsx::serial(NaiveDate::from_ymd_opt(2026, 2, 15).unwrap()),
        46068
    );
    // The same bytes for the same data (no time stamps).
    assert_eq!(bytes, book::register(&ws, &rows, &Column::ALL));
}

#[test]
fn a_register_workbook_reads_back_through_the_import_and_changes_nothing() {
    let ws = demo();
    let rows: Vec<usize> = (0..ws.projects.len()).collect();
    let bytes = book::register(&ws, &rows, &Column::ALL);
    let wb = Workbook::open(&bytes).unwrap();
    assert_eq!(wb.sheets.len(), 1);
    assert_eq!(wb.sheets[0].0, "Projects");
    let table = table_of_rows(wb.rows(0).unwrap()).unwrap();
    assert_eq!(table.len(), ws.projects.len());
    let p = preview(&ws, &table, &guess_mapping(&table.headings));
    assert!(
        p.errors.is_empty(),
        "{:?}",
        &p.errors[..p.errors.len().min(5)]
    );
    assert_eq!(
        (p.creates.len(), p.updates.len(), p.unchanged),
        (0, 0, ws.projects.len())
    );
}

#[test]
fn the_reports_tables_are_sheets() {
    let ws = demo();
    let today = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let r = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    let doc = pmo_domain::portfolio::report_doc::document(&ws, &r, None, today);
    let tables = doc
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter(|b| matches!(b, pmo_domain::portfolio::report_doc::Block::Table(_)))
        .count();
    let bytes = book::report(&doc, "EUR");
    let wb = Workbook::open(&bytes).unwrap();
    assert_eq!(wb.sheets.len(), tables.max(1));
    let names: std::collections::HashSet<&str> =
        wb.sheets.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.len(), wb.sheets.len(), "sheet names are unique");
    assert!(wb.sheets.iter().all(|(n, _)| n.chars().count() <= 31));
    for i in 0..wb.sheets.len() {
        assert!(!wb.rows(i).unwrap().is_empty());
    }
}

/// A workbook of one sheet part, as hostile as wanted.
fn with_sheet(sheet: &str) -> Vec<u8> {
    let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
    let book = r#"<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
    zip::write(&[
        ("xl/workbook.xml", book.as_bytes().to_vec()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes().to_vec()),
        ("xl/worksheets/sheet1.xml", sheet.as_bytes().to_vec()),
    ])
}

#[test]
fn cells_read_as_text_with_shared_strings_entities_and_gaps() {
    let sheet = r#"<worksheet><sheetData>
        <row r="1"><c r="A1" t="inlineStr"><is><t>Code</t></is></c><c r="C1" t="inlineStr"><is><t>Name &amp; more</t></is></c></row>
        <row r="3"><c r="A3" t="str"><v>X-1</v></c><c r="C3" t="inlineStr"><is><t>Caf&#233; &#x2014; ok</t></is></c></row>
        </sheetData></worksheet>"#;
    let bytes = with_sheet(sheet);
    let rows = Workbook::open(&bytes).unwrap().rows(0).unwrap();
    assert_eq!(
        rows,
        vec![
            vec!["Code".to_string(), String::new(), "Name & more".into()],
            vec![],
            vec!["X-1".into(), String::new(), "Café — ok".into()],
        ]
    );
}

#[test]
fn hostile_workbooks_get_a_message_and_nothing_else() {
    let msg = |b: &[u8]| match Workbook::open(b).and_then(|w| w.rows(0)) {
        Ok(_) => String::from("read"),
        Err(e) => e,
    };
    assert!(msg(b"Code,Name\r\n").contains("not an Excel workbook"));
    assert!(msg(&[]).contains("not an Excel workbook"));
    let good = with_sheet("<worksheet><sheetData/></worksheet>");
    assert!(
        msg(&good[..good.len() / 2]).contains("not an Excel workbook")
            || msg(&good[..good.len() / 2]).contains("cut short")
    );
    // An .ods or any other ZIP without a workbook part.
    let other = zip::write(&[("content.xml", b"<x/>".to_vec())]);
    assert!(msg(&other).contains("no workbook part"));
    // A row number far beyond what the sheet fills.
    let far = with_sheet(
        r#"<worksheet><sheetData><row r="1000000"><c r="A1000000" t="str"><v>x</v></c></row></sheetData></worksheet>"#,
    );
    assert!(msg(&far).contains("reserves more rows"), "{}", msg(&far));
    let wide = with_sheet(
        r#"<worksheet><sheetData><row r="1"><c r="ZZZ1" t="str"><v>x</v></c></row></sheetData></worksheet>"#,
    );
    assert!(msg(&wide).contains("columns"), "{}", msg(&wide));
    // A part that says it is small and unpacks to more: refused, not unpacked.
    let mut bomb = with_sheet(&format!(
        "<worksheet><sheetData>{}</sheetData></worksheet>",
        " ".repeat(1 << 20)
    ));
    let at = bomb
        .windows(4)
        .rposition(|w| w == [0x50, 0x4b, 0x01, 0x02])
        .unwrap();
    bomb[at + 24..at + 28].copy_from_slice(&100u32.to_le_bytes());
    assert!(msg(&bomb).contains("damaged"), "{}", msg(&bomb));
    // Broken XML.
    let broken = with_sheet(r#"<worksheet><sheetData><row r="1"><c r="A1" t="str"><v>x</v"#);
    assert!(msg(&broken).contains("damaged"), "{}", msg(&broken));
}
