//! Writing CSV: cells a spreadsheet would run as a formula are neutralised, and the text
//! starts with a byte-order mark.

/// Neutralise a cell a spreadsheet would treat as a formula (OWASP: = + - @, tab, CR) by
/// putting a `'` before it. A cell that starts with `'` gets one too, so that `restore` (in `portfolio::csv`)
/// gives back exactly what was written.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The text of a CSV writer's output, UTF-8 with a byte-order mark so that spreadsheets
/// detect the encoding.
pub fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory");
    format!(
        "\u{FEFF}{}",
        String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
    )
}
