//! How dates and counts read, wherever they are shown: pages, the charter, the report,
//! exports. One format each, so the same day never reads two ways.

use chrono::{Datelike, NaiveDate};

/// `text` cut to at most `max` bytes on a character boundary (for names quoted from
/// untrusted input in messages).
pub fn clip(text: &str, max: usize) -> &str {
    let mut end = text.len().min(max);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// A day as people read it: "22 Nov 2026".
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// A moment as people read it, in the zone it is given in: "22 Nov 2026, 14:05".
pub fn day_time<Tz: chrono::TimeZone>(t: &chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    format!("{}, {}", day(t.date_naive()), t.format("%H:%M"))
}

/// A month as people read it: "November 2026".
pub fn month(d: NaiveDate) -> String {
    d.format("%B %Y").to_string()
}

/// A month given as year and number (1–12), as [`month`] writes it.
pub fn month_of(year: i32, month_number: u32) -> String {
    NaiveDate::from_ymd_opt(year, month_number, 1)
        .map(month)
        .unwrap_or_else(|| format!("{year}-{month_number:02}"))
}

/// A count with its noun: "1 project", "3 projects". `many` is the plural form for nouns
/// that do not just add an "s" ("person" / "people"); `None` adds an "s".
pub fn plural(n: usize, one: &str, many: Option<&str>) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        match many {
            Some(many) => format!("{n} {many}"),
            None => format!("{n} {one}s"),
        }
    }
}

/// "is" for one, "are" for more (or none): "1 question is", "3 questions are".
pub fn is_are(n: usize) -> &'static str {
    if n == 1 {
        "is"
    } else {
        "are"
    }
}

/// Text escaped for XML and HTML content and attribute values (control characters, which
/// XML 1.0 does not allow, become spaces).
pub fn escape_xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            '\u{FFFE}' | '\u{FFFF}' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Text for one line of Markdown: what Markdown would read as markup escaped, line breaks
/// made spaces (so that a table cell or a list item stays one line).
pub fn markdown_inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' || c == '\r' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// Items as a sentence lists them: "A", "A and B", "A, B and C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The short year-less day of a chart axis: "22 Nov".
pub fn day_short(d: NaiveDate) -> String {
    format!("{} {}", d.day(), d.format("%b"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_read_as_sentences() {
        let s = |v: &[&str]| join_and(&v.iter().map(|x| x.to_string()).collect::<Vec<_>>());
        assert_eq!(s(&[]), "");
        assert_eq!(s(&["A"]), "A");
        assert_eq!(s(&["A", "B"]), "A and B");
        assert_eq!(s(&["A", "B", "C"]), "A, B and C");
    }

    #[test]
    fn dates_read_one_way() {
        let d = NaiveDate::from_ymd_opt(2026, 11, 2).unwrap();
        assert_eq!(day(d), "2 Nov 2026");
        assert_eq!(day_short(d), "2 Nov");
        assert_eq!(month(d), "November 2026");
        assert_eq!(month_of(2026, 11), "November 2026");
        assert_eq!(month_of(2026, 13), "2026-13");
        let t = chrono::Utc.with_ymd_and_hms(2026, 11, 2, 9, 5, 0).unwrap();
        assert_eq!(day_time(&t), "2 Nov 2026, 09:05");
    }

    #[test]
    fn counts_take_the_right_noun() {
        assert_eq!(plural(0, "project", None), "0 projects");
        assert_eq!(plural(1, "project", None), "1 project");
        assert_eq!(plural(2, "person", Some("people")), "2 people");
        assert_eq!(plural(1, "person", Some("people")), "1 person");
        assert_eq!(is_are(1), "is");
        assert_eq!(is_are(0), "are");
    }

    use chrono::TimeZone;
}
