//! The calendar file (issue 21 §3): RFC 5545's rules (CRLF, folding at 75 octets, escaping,
//! required properties), recurrence rules that give exactly the app's dates, and uids that stay
//! the same from one export to the next.

use chrono::{Datelike, Months, NaiveDate, Weekday};
use pmo_domain::demo::demo;
use pmo_domain::setup::ics::{calendar_file, recurrence};
use pmo_domain::setup::next_dates;
use pmo_domain::{DayRule, Routine, RoutineKind};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn stamp() -> chrono::NaiveDateTime {
    d(2026, 12, 1).and_hms_opt(9, 30, 0).unwrap()
}

/// The file's properties, lines unfolded.
fn unfolded(file: &str) -> Vec<String> {
    file.replace("\r\n ", "")
        .split("\r\n")
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

fn every_rule() -> Vec<Routine> {
    let mut rs = Vec::new();
    for every in [1, 3, 12] {
        for month in [1, 2, 11] {
            for rule in [
                DayRule::DayOfMonth(1),
                DayRule::DayOfMonth(28),
                DayRule::DayOfMonth(30),
                DayRule::Weekday { nth: 2, weekday: 3 },
                DayRule::Weekday { nth: 5, weekday: 4 },
                DayRule::Weekday { nth: 1, weekday: 0 },
                DayRule::WorkingDay(1),
                DayRule::WorkingDay(3),
                DayRule::LastWorkingDay,
            ] {
                rs.push(Routine::new(
                    "Routine, with; a \\ name",
                    RoutineKind::Other,
                    rule,
                    every,
                    month,
                ));
            }
        }
    }
    rs
}

#[test]
fn the_file_keeps_rfc_5545s_rules() {
    let mut ws = demo();
    ws.organisation.name = "Northwind, Group; \"PMO\"".into();
    let plan = ws.setup.clone().unwrap_or_default();
    let file = calendar_file(&ws, &plan.routines, d(2026, 12, 1), stamp());
    assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"));
    assert!(file.ends_with("END:VCALENDAR\r\n"));
    // CRLF only, and no line over 75 octets.
    assert!(!file.replace("\r\n", "").contains('\n'));
    for line in file.split_terminator("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let lines = unfolded(&file);
    assert!(lines.contains(&"X-WR-CALNAME:Northwind\\, Group\\; \"PMO\" PMO calendar".to_string()));
    // Each event has what RFC 5545 requires, once.
    let mut uids = std::collections::HashSet::new();
    let mut events = 0;
    let mut current: Vec<&str> = Vec::new();
    for l in &lines {
        match l.as_str() {
            "BEGIN:VEVENT" => current.clear(),
            "END:VEVENT" => {
                events += 1;
                for p in [
                    "UID:",
                    "DTSTAMP:",
                    "DTSTART;VALUE=DATE:",
                    "DTEND;VALUE=DATE:",
                    "SUMMARY:",
                ] {
                    assert_eq!(
                        current.iter().filter(|x| x.starts_with(p)).count(),
                        1,
                        "{p} in {current:?}"
                    );
                }
                let uid = current.iter().find(|x| x.starts_with("UID:")).unwrap();
                assert!(uids.insert(uid.to_string()), "{uid} twice");
            }
            other => current.push(other),
        }
    }
    assert_eq!(
        events,
        lines.iter().filter(|l| *l == "BEGIN:VEVENT").count()
    );
    // The demo's routines, and its open gates and milestones.
    assert!(plan.routines.len() >= 3);
    assert!(lines
        .iter()
        .any(|l| l.starts_with("SUMMARY:") && l.contains(" gate: ")));
    assert!(lines.iter().any(|l| l.starts_with("SUMMARY:Milestone: ")));
    assert!(lines.iter().filter(|l| l.starts_with("RRULE:")).count() >= 3);
}

#[test]
fn importing_again_updates_the_same_events() {
    let ws = demo();
    let plan = ws.setup.clone().unwrap_or_default();
    let a = calendar_file(&ws, &plan.routines, d(2026, 12, 1), stamp());
    let later = d(2026, 12, 2).and_hms_opt(8, 0, 0).unwrap();
    let b = calendar_file(&ws, &plan.routines, d(2026, 12, 1), later);
    let uids = |f: &str| {
        unfolded(f)
            .into_iter()
            .filter(|l| l.starts_with("UID:"))
            .collect::<Vec<_>>()
    };
    assert_eq!(uids(&a), uids(&b));
    assert_ne!(a, b, "only the stamp differs");
    assert_eq!(
        a.replace("20261201T093000Z", "X"),
        b.replace("20261202T080000Z", "X")
    );
}

#[test]
fn a_rule_is_written_only_when_it_gives_the_apps_dates() {
    let from = d(2026, 12, 1);
    for r in every_rule() {
        let app: Vec<NaiveDate> = next_dates(&r, from, 24);
        match recurrence(&r) {
            Some(rule) => {
                let start = app[0];
                let mine = expand(&rule, start, app.len());
                assert_eq!(
                    mine, app,
                    "{rule} for {:?} every {} from month {}",
                    r.rule, r.every, r.month
                );
            }
            None => assert!(
                matches!(r.rule, DayRule::DayOfMonth(29..=31)),
                "{:?}",
                r.rule
            ),
        }
    }
    assert_eq!(
        recurrence(&Routine::new(
            "x",
            RoutineKind::Other,
            DayRule::Weekday { nth: 5, weekday: 4 },
            3,
            1
        ))
        .unwrap(),
        "FREQ=MONTHLY;INTERVAL=3;BYDAY=-1FR"
    );
    // A rule the app refuses (DayRule::problem) gives no recurrence and no event.
    for bad in [
        DayRule::Weekday { nth: 1, weekday: 9 },
        DayRule::WorkingDay(0),
        DayRule::DayOfMonth(0),
    ] {
        let r = Routine::new("x", RoutineKind::Other, bad, 1, 1);
        assert_eq!(recurrence(&r), None, "{bad:?}");
        let file = calendar_file(&pmo_domain::demo::empty(), &[r], d(2026, 12, 1), stamp());
        assert!(!file.contains("BEGIN:VEVENT"), "{bad:?}");
    }
}

#[test]
fn a_day_no_rule_can_say_comes_as_twelve_months_of_dates() {
    let ws = pmo_domain::demo::empty();
    let r = Routine::new(
        "Month-end close",
        RoutineKind::Other,
        DayRule::DayOfMonth(31),
        1,
        1,
    );
    let lines = unfolded(&calendar_file(
        &ws,
        std::slice::from_ref(&r),
        d(2026, 12, 1),
        stamp(),
    ));
    let starts: Vec<&String> = lines.iter().filter(|l| l.starts_with("DTSTART")).collect();
    assert_eq!(starts.len(), 12);
    assert_eq!(starts[0], "DTSTART;VALUE=DATE:20261231");
    assert_eq!(
        starts[2], "DTSTART;VALUE=DATE:20270228",
        "the month's last day, as the app"
    );
    assert!(!lines.iter().any(|l| l.starts_with("RRULE:")));
    assert!(lines.contains(&"UID:routine-1-month-end-close-20270228@pmo-workbench".to_string()));
}

/// The dates a monthly rule of the kinds `recurrence` writes gives from `start` (RFC 5545 §3.3.10
/// for FREQ=MONTHLY with INTERVAL and BYMONTHDAY, BYDAY=nDD, or BYDAY=MO..FR with BYSETPOS).
fn expand(rule: &str, start: NaiveDate, n: usize) -> Vec<NaiveDate> {
    let part = |k: &str| {
        rule.split(';')
            .find_map(|p| p.strip_prefix(&format!("{k}=")))
    };
    let interval: u32 = part("INTERVAL").unwrap().parse().unwrap();
    let mut out = Vec::new();
    let mut month = start.with_day(1).unwrap();
    while out.len() < n {
        let days: Vec<NaiveDate> = month
            .iter_days()
            .take_while(|x| x.month() == month.month())
            .collect();
        let pick = if let Some(day) = part("BYMONTHDAY") {
            days.get(day.parse::<usize>().unwrap() - 1).copied()
        } else if let Some(pos) = part("BYSETPOS") {
            let working: Vec<_> = days
                .iter()
                .filter(|x| !matches!(x.weekday(), Weekday::Sat | Weekday::Sun))
                .collect();
            let pos: i32 = pos.parse().unwrap();
            let i = if pos > 0 {
                pos as usize - 1
            } else {
                working.len() - 1
            };
            working.get(i).map(|x| **x)
        } else {
            let by = part("BYDAY").unwrap();
            let (nth, day) = by.split_at(by.len() - 2);
            let wd = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
                .iter()
                .position(|x| *x == day)
                .unwrap();
            let same: Vec<_> = days
                .iter()
                .filter(|x| x.weekday().num_days_from_monday() as usize == wd)
                .collect();
            let nth: i32 = nth.parse().unwrap();
            let i = if nth > 0 {
                nth as usize - 1
            } else {
                same.len() - 1
            };
            same.get(i).map(|x| **x)
        };
        if let Some(p) = pick.filter(|p| *p >= start) {
            out.push(p);
        }
        month = month.checked_add_months(Months::new(interval)).unwrap();
    }
    out
}
