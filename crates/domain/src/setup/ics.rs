//! The PMO's calendar as an iCalendar file (RFC 5545) that Outlook, Google Calendar and Apple
//! Calendar import: the routines, as recurrence rules where one says the same as the app's rule
//! and as the next twelve months of dates where none does, and the projects' gate and milestone
//! dates. Every event has a uid made of what it is (the routine's place and name, the project's
//! id and the gate's phase or the milestone's id), so importing the file again updates the
//! events instead of adding them twice.

use chrono::{NaiveDate, NaiveDateTime};

use crate::common::slug::slug;
use crate::model::{DayRule, Routine, Workspace};
use crate::setup::next_dates;

/// The uid's domain part, which keeps ours apart from other calendars' events.
const DOMAIN: &str = "pmo-workbench";

/// RFC 5545's day codes, Monday first (the numbering of [`DayRule::Weekday`]).
const DAYS: [&str; 7] = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"];

/// The calendar file: the routines (`routines`, dated from `from`) and every live project's
/// gate and milestone dates that are not done. `stamp` is when the file is made (UTC).
pub fn calendar_file(
    ws: &Workspace,
    routines: &[Routine],
    from: NaiveDate,
    stamp: NaiveDateTime,
) -> String {
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let name = if ws.organisation.name.trim().is_empty() {
        "PMO calendar".to_string()
    } else {
        format!("{} PMO calendar", ws.organisation.name.trim())
    };
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//PMO Workbench//Routines and gates//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", text(&name)),
    ];
    for (i, r) in routines.iter().enumerate() {
        let uid = format!("routine-{}-{}", i + 1, slug(&r.name));
        match (recurrence(r), next_dates(r, from, 1).first()) {
            (Some(rule), Some(first)) => {
                lines.extend(event(
                    &uid,
                    &stamp,
                    *first,
                    &r.name,
                    &r.rule.describe(),
                    Some(&rule),
                ));
            }
            // No rule says the same (day 29–31 moves to the month's last day): the dates of the
            // next twelve months.
            _ => {
                let end = from
                    .checked_add_months(chrono::Months::new(12))
                    .unwrap_or(NaiveDate::MAX);
                for d in next_dates(r, from, usize::MAX)
                    .into_iter()
                    .take_while(|d| *d < end)
                {
                    let uid = format!("{uid}-{}", d.format("%Y%m%d"));
                    lines.extend(event(&uid, &stamp, d, &r.name, &r.rule.describe(), None));
                }
            }
        }
    }
    for p in ws
        .projects
        .iter()
        .filter(|p| !p.archived && p.status.is_active())
    {
        for g in &p.gates {
            if let (Some(date), crate::model::GateDecision::Pending) = (g.date, g.decision) {
                let summary = format!("{} gate: {}", g.phase.label(), p.name);
                let uid = format!("gate-{}-{}", p.id, g.phase.slug());
                lines.extend(event(&uid, &stamp, date, &summary, &p.code, None));
            }
        }
        for m in p.milestones.iter().filter(|m| m.done.is_none()) {
            let summary = format!("Milestone: {} ({})", m.name, p.name);
            let uid = format!("milestone-{}-{}", p.id, m.id);
            lines.extend(event(&uid, &stamp, m.due, &summary, &p.code, None));
        }
    }
    lines.push("END:VCALENDAR".into());
    let mut out = String::new();
    for line in &lines {
        fold(line, &mut out);
    }
    out
}

/// One all-day event, repeating by `rule` if there is one.
fn event(
    uid: &str,
    stamp: &str,
    date: NaiveDate,
    summary: &str,
    about: &str,
    rule: Option<&str>,
) -> Vec<String> {
    let next = date.succ_opt().unwrap_or(date);
    let mut e = vec![
        "BEGIN:VEVENT".into(),
        format!("UID:{}@{DOMAIN}", text(uid)),
        format!("DTSTAMP:{stamp}"),
        format!("DTSTART;VALUE=DATE:{}", date.format("%Y%m%d")),
        format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")),
        format!("SUMMARY:{}", text(summary)),
    ];
    if let Some(rule) = rule {
        e.push(format!("RRULE:{rule}"));
    }
    if !about.trim().is_empty() {
        e.push(format!("DESCRIPTION:{}", text(about)));
    }
    e.push("TRANSP:TRANSPARENT".into());
    e.push("END:VEVENT".into());
    e
}

/// The recurrence rule that gives exactly the app's dates of `r`, if one does.
pub fn recurrence(r: &Routine) -> Option<String> {
    if r.rule.problem().is_some() {
        return None;
    }
    let every = r.every.max(1);
    let by = match r.rule {
        DayRule::DayOfMonth(d) if (1..=28).contains(&d) => format!("BYMONTHDAY={d}"),
        // 29–31: the app takes the last day of shorter months; RFC 5545 skips those months.
        DayRule::DayOfMonth(_) => return None,
        DayRule::Weekday { nth, weekday } => {
            let n = if nth == 5 { -1 } else { i32::from(nth) };
            format!("BYDAY={n}{}", DAYS.get(usize::from(weekday))?)
        }
        DayRule::WorkingDay(n) => {
            format!("BYDAY=MO,TU,WE,TH,FR;BYSETPOS={n}")
        }
        DayRule::LastWorkingDay => "BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1".into(),
    };
    Some(format!("FREQ=MONTHLY;INTERVAL={every};{by}"))
}

/// A TEXT value with RFC 5545's escapes (backslash, semicolon, comma, line breaks).
pub fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `line` as content lines of at most 75 octets, each ended by CRLF, continued lines starting
/// with a space; never inside a character.
fn fold(line: &str, out: &mut String) {
    let mut width = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if width + n > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += n;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_keeps_lines_short_and_characters_whole() {
        let mut out = String::new();
        fold(&format!("SUMMARY:{}", "é".repeat(100)), &mut out);
        for l in out.split_terminator("\r\n") {
            assert!(l.len() <= 75, "{} octets", l.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "é".repeat(100)));
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(text("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }
}
