//! What an import from another tool asks before it changes anything (issue 21), and the
//! answers it takes:
//! - **Values.** Each distinct value of a fixed-list column (status, phase) that is not one of
//!   ours is mapped to one of ours by the user. A guess is offered with its reason ("In
//!   Progress" → On track: work under way and nothing reported wrong); a guess is only ever a
//!   preselected answer shown to the user, never applied unseen.
//! - **Dates.** ISO (2026-02-15), numbers with `/`, `.` or `-` (15/02/2026, 02/15/2026) and
//!   words (15 Feb 2026, February 15, 2026). A column's order of day and month is what its
//!   dates show (a day above 12); when none shows it, or its dates show both orders, the user
//!   says which it is, and until then those dates are refused, never guessed.
//! - **People.** A manager, sponsor or PMO contact not in the org chart is an open decision:
//!   added as a new person if the user says so, else the row is refused as before.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::{Phase, Status, Workspace};
use crate::portfolio::csv::{Field, Mapping, Table};

/// The order of day and month in a date such as 03/04/2026.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateOrder {
    DayFirst,
    MonthFirst,
}

impl DateOrder {
    pub fn label(self) -> &'static str {
        match self {
            DateOrder::DayFirst => "day/month/year (15/02/2026)",
            DateOrder::MonthFirst => "month/day/year (02/15/2026)",
        }
    }
}

/// A date cell as read, before its column's order is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum DateCell {
    Empty,
    Date(NaiveDate),
    /// Two numbers and a year: which is the day depends on the column's order.
    Numbers {
        first: u32,
        second: u32,
        year: i32,
    },
    Bad(&'static str),
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A month's number from its English name or its first three letters (and "sept").
fn month(word: &str) -> Option<u32> {
    let w = word.to_ascii_lowercase();
    if w.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|m| {
            *m == w || (w.len() == 3 && m.starts_with(&w)) || (w == "sept" && *m == "september")
        })
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let w = word.to_ascii_lowercase();
    w.len() >= 3
        && WEEKDAYS
            .iter()
            .any(|d| *d == w || d.starts_with(&w) && w.len() == 3)
}

const YEAR_DIGITS: &str = "Write the year with four digits, as in 15/02/2026.";
const NOT_A_DATE: &str = "Use a date such as 2026-02-15, 15/02/2026 or 15 Feb 2026.";

fn year(t: &str) -> Result<i32, &'static str> {
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        t.parse().map_err(|_| NOT_A_DATE)
    } else if !t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()) {
        Err(YEAR_DIGITS)
    } else {
        Err(NOT_A_DATE)
    }
}

fn number(t: &str) -> Option<u32> {
    (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
        .then(|| t.parse().ok())
        .flatten()
}

fn ymd(y: i32, m: u32, d: u32) -> DateCell {
    NaiveDate::from_ymd_opt(y, m, d).map_or(DateCell::Bad("There is no such day."), DateCell::Date)
}

/// The parts of a date that is not ISO, without a weekday before it.
fn date_words(t: &str) -> Vec<&str> {
    let mut words: Vec<&str> = t
        .split([' ', '/', '.', '-', ','])
        .filter(|w| !w.is_empty())
        .collect();
    if words.first().is_some_and(|w| is_weekday(w)) {
        words.remove(0);
    }
    words
}

/// Read one date cell. A time after the date (`2026-02-15T10:00`, `2026-02-15 10:00`) and a
/// weekday before it (`Mon 15/02/2026`) are allowed and ignored.
pub(crate) fn read_date(cell: &str) -> DateCell {
    let t = cell.trim();
    if t.is_empty() {
        return DateCell::Empty;
    }
    if t.len() > 40 {
        return DateCell::Bad(NOT_A_DATE);
    }
    // ISO, with a time after it.
    let head = t.split(['T', ' ']).next().unwrap_or(t);
    if let [y, m, d] = head.split(['-', '/']).collect::<Vec<_>>()[..] {
        if y.len() == 4 {
            return match (year(y), number(m), number(d)) {
                (Ok(y), Some(m), Some(d)) => ymd(y, m, d),
                _ => DateCell::Bad(NOT_A_DATE),
            };
        }
    }
    let [a, b, c] = date_words(t)[..] else {
        return DateCell::Bad(NOT_A_DATE);
    };
    let y = match year(c) {
        Ok(y) => y,
        Err(e) => return DateCell::Bad(e),
    };
    match (number(a), number(b), month(a), month(b)) {
        // The same either way round.
        (Some(first), Some(second), _, _) if first == second => ymd(y, first, second),
        (Some(first), Some(second), _, _) => DateCell::Numbers {
            first,
            second,
            year: y,
        },
        (Some(d), None, _, Some(m)) => ymd(y, m, d),
        (None, Some(d), Some(m), _) => ymd(y, m, d),
        _ => DateCell::Bad(NOT_A_DATE),
    }
}

/// Which orders a numbers-only cell (first/second/year) fits.
fn fits(first: u32, second: u32, year: i32) -> (bool, bool) {
    (
        NaiveDate::from_ymd_opt(year, second, first).is_some(),
        NaiveDate::from_ymd_opt(year, first, second).is_some(),
    )
}

/// What a column's dates say about its order of day and month.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct DateColumn {
    /// Dates that only read day first (15/02/2026).
    pub day_first: usize,
    /// Dates that only read month first (02/15/2026).
    pub month_first: usize,
    /// Dates that read either way (03/04/2026).
    pub either: usize,
}

impl DateColumn {
    pub(crate) fn of<'a>(cells: impl Iterator<Item = &'a str>) -> DateColumn {
        let mut c = DateColumn::default();
        for cell in cells {
            // Only the cells with two numbers, of whatever form, count.
            if let [a, b, y] = date_words(cell.trim())[..] {
                if let (Some(a), Some(b), Ok(y)) = (number(a), number(b), year(y)) {
                    if a == b {
                        continue;
                    }
                    match fits(a, b, y) {
                        (true, true) => c.either += 1,
                        (true, false) => c.day_first += 1,
                        (false, true) => c.month_first += 1,
                        (false, false) => {}
                    }
                }
            }
        }
        c
    }

    /// The order the dates show, if they show one and only one.
    pub fn shown(&self) -> Option<DateOrder> {
        match (self.day_first > 0, self.month_first > 0) {
            (true, false) => Some(DateOrder::DayFirst),
            (false, true) => Some(DateOrder::MonthFirst),
            _ => None,
        }
    }

    /// Whether the user must say the order: dates that read either way and no date that
    /// shows the order, or dates showing both orders.
    pub fn must_ask(&self) -> bool {
        (self.either > 0 && self.shown().is_none()) || (self.day_first > 0 && self.month_first > 0)
    }
}

/// A date cell, read with its column's order (the user's answer, else what the column shows).
pub(crate) fn date_in(
    cell: &str,
    column: &DateColumn,
    chosen: Option<DateOrder>,
) -> Result<Option<NaiveDate>, String> {
    match read_date(cell) {
        DateCell::Empty => Ok(None),
        DateCell::Date(d) => Ok(Some(d)),
        DateCell::Bad(m) => Err(m.to_string()),
        DateCell::Numbers {
            first,
            second,
            year,
        } => {
            let order = match chosen {
                Some(o) => o,
                None if column.day_first > 0 && column.month_first > 0 => {
                    return Err("This column has dates in both orders (day first and month first): say above which it uses.".into())
                }
                None => match (column.shown(), fits(first, second, year)) {
                    (Some(o), _) => o,
                    // One order only (the column shows none: this cell is its only such date).
                    (None, (true, false)) => DateOrder::DayFirst,
                    (None, (false, true)) => DateOrder::MonthFirst,
                    (None, (false, false)) => return Err("There is no such day.".into()),
                    (None, (true, true)) => return Err("Day and month could be either way round: say above whether this column is day/month or month/day.".into()),
                },
            };
            let (day, month) = match order {
                DateOrder::DayFirst => (first, second),
                DateOrder::MonthFirst => (second, first),
            };
            NaiveDate::from_ymd_opt(year, month, day)
                .map(Some)
                .ok_or_else(|| format!("There is no such day, read as {}.", order.label()))
        }
    }
}

/// A guess of which of our values another tool's value means, and why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Guess {
    /// Our value's slug (`Status::slug`, `Phase::slug`).
    pub slug: &'static str,
    pub why: &'static str,
}

/// Other tools' words for our statuses and phases (compared in lower case with `_` and `-` as
/// spaces), each with the reason given for the guess.
const STATUS_WORDS: &[(&[&str], Status, &str)] = &[
    (
        &[
            "in progress",
            "active",
            "ongoing",
            "open",
            "started",
            "on schedule",
            "on target",
        ],
        Status::OnTrack,
        "work is under way and nothing says it is in trouble",
    ),
    (
        &["green", "g", "good"],
        Status::OnTrack,
        "green is on track in a RAG status",
    ),
    (
        &[
            "on hold",
            "paused",
            "hold",
            "suspended",
            "blocked",
            "waiting",
        ],
        Status::AtRisk,
        "stopped work puts its dates at risk; choose Not started if it never began",
    ),
    (
        &["amber", "yellow", "a", "y", "warning", "at risk"],
        Status::AtRisk,
        "amber is at risk in a RAG status",
    ),
    (
        &["red", "r", "critical"],
        Status::OffTrack,
        "red is off track in a RAG status",
    ),
    (
        &["late", "delayed", "behind", "behind schedule", "overdue"],
        Status::OffTrack,
        "it says the work is late",
    ),
    (
        &[
            "to do",
            "todo",
            "new",
            "planned",
            "proposed",
            "draft",
            "backlog",
            "pipeline",
            "idea",
            "requested",
            "not yet started",
        ],
        Status::NotStarted,
        "it names work that has not begun",
    ),
    (
        &[
            "done",
            "complete",
            "completed",
            "closed",
            "delivered",
            "resolved",
            "finished",
        ],
        Status::Finished,
        "it names work that has ended as planned",
    ),
    (
        &[
            "cancelled",
            "canceled",
            "abandoned",
            "stopped",
            "terminated",
            "rejected",
            "won't do",
            "wont do",
            "descoped",
        ],
        Status::Discontinued,
        "it names work that was stopped before its end",
    ),
];

const PHASE_WORDS: &[(&[&str], Phase, &str)] = &[
    (
        &[
            "initiating",
            "initiate",
            "concept",
            "ideation",
            "idea",
            "proposal",
            "discovery",
            "feasibility",
            "start up",
            "startup",
            "pre project",
        ],
        Phase::Initiation,
        "it is about deciding whether to start",
    ),
    (
        &[
            "plan",
            "planning",
            "design",
            "definition",
            "analysis",
            "requirements",
        ],
        Phase::Planning,
        "it is about preparing the work",
    ),
    (
        &[
            "execute",
            "executing",
            "delivery",
            "build",
            "implementation",
            "implement",
            "development",
            "in progress",
            "monitoring",
            "monitoring and controlling",
            "control",
        ],
        Phase::Execution,
        "it is about doing the work",
    ),
    (
        &[
            "close",
            "closure",
            "closed",
            "closedown",
            "handover",
            "done",
            "complete",
            "completed",
            "post project",
        ],
        Phase::Closing,
        "it is about finishing and handing over",
    ),
];

/// A fixed-list value as compared: trimmed, lower case, `_` and `-` as spaces, spaces single.
pub(crate) fn value_key(cell: &str) -> String {
    cell.trim()
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Our guess for another tool's value of `field`, if any.
pub fn guess(field: Field, cell: &str) -> Option<Guess> {
    let k = value_key(cell);
    match field {
        Field::Status => STATUS_WORDS
            .iter()
            .find(|(words, _, _)| words.contains(&k.as_str()))
            .map(|(_, s, why)| Guess {
                slug: s.slug(),
                why,
            }),
        Field::Phase => PHASE_WORDS
            .iter()
            .find(|(words, _, _)| words.contains(&k.as_str()))
            .map(|(_, p, why)| Guess {
                slug: p.slug(),
                why,
            }),
        _ => None,
    }
}

/// Whether `cell` is one of our values of `field` as it is (label or slug): the same test
/// the preview makes, so that every value it would refuse is asked about.
pub(crate) fn is_ours(field: Field, cell: &str) -> bool {
    use crate::portfolio::csv::parse_choice;
    match field {
        Field::Status => parse_choice(&Status::ALL, Status::label, Status::slug, cell).is_some(),
        Field::Phase => parse_choice(&Phase::ALL, Phase::label, Phase::slug, cell).is_some(),
        _ => true,
    }
}

/// Our values of a fixed-list field: (slug, label).
pub fn choices_of(field: Field) -> Vec<(&'static str, &'static str)> {
    match field {
        Field::Status => Status::ALL.iter().map(|s| (s.slug(), s.label())).collect(),
        Field::Phase => Phase::ALL.iter().map(|p| (p.slug(), p.label())).collect(),
        _ => Vec::new(),
    }
}

/// A value of another tool to map to one of ours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValueQuestion {
    pub field: Field,
    /// The value as the file first writes it.
    pub value: String,
    /// The value as compared (the key of the answer in [`Choices::values`]).
    pub key: String,
    /// How many rows have it.
    pub rows: usize,
    pub guess: Option<Guess>,
}

/// A date column whose order of day and month the user must give.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateQuestion {
    pub field: Field,
    pub heading: String,
    /// A date of the column that reads either way, as the file writes it.
    pub example: String,
    pub column: DateColumn,
}

/// A person the file names who is not in the org chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonQuestion {
    /// The name as the file first writes it.
    pub name: String,
    /// The name as compared (the key in [`Choices::new_people`]).
    pub key: String,
    pub rows: usize,
}

/// Everything an import asks before it is applied.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Questions {
    pub values: Vec<ValueQuestion>,
    pub dates: Vec<DateQuestion>,
    pub people: Vec<PersonQuestion>,
}

/// At most this many values per field, and people, are asked about: a file with more
/// distinct values than that is not a status column (its rows are refused one by one).
pub const MAX_QUESTIONS: usize = 100;

/// The answers, kept by the page while the user decides.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// (field, value key) → our value's slug.
    pub values: HashMap<(Field, String), String>,
    pub date_order: HashMap<Field, DateOrder>,
    /// Keys of the names to add as new people.
    pub new_people: HashSet<String>,
}

impl Choices {
    /// The guesses as preselected answers (the page shows each with its reason).
    pub fn guessed(q: &Questions) -> Choices {
        let mut c = Choices::default();
        for v in &q.values {
            if let Some(g) = v.guess {
                c.values
                    .insert((v.field, v.key.clone()), g.slug.to_string());
            }
        }
        c
    }
}

/// A person's name as compared: trimmed, lower case.
pub(crate) fn person_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The names a people cell holds (managers: `;`-separated, each maybe with a label in
/// brackets).
pub(crate) fn names_in(field: Field, cell: &str) -> Vec<&str> {
    match field {
        Field::Managers => cell
            .split(';')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(
                |part| match part.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
                    Some((n, _)) => n.trim(),
                    None => part,
                },
            )
            .collect(),
        _ => {
            let t = cell.trim();
            if t.is_empty() {
                Vec::new()
            } else {
                vec![t]
            }
        }
    }
}

/// What importing `table` with `mapping` asks (values, date orders, new people).
pub fn questions(ws: &Workspace, table: &Table, mapping: &Mapping) -> Questions {
    let mut q = Questions::default();
    let column = |f: Field| mapping.get(&f).copied();
    for f in [Field::Status, Field::Phase] {
        let Some(i) = column(f) else { continue };
        let mut seen: HashMap<String, usize> = HashMap::new();
        for row in table.rows() {
            let Some(cell) = row.get(i).map(str::trim) else {
                continue;
            };
            if cell.is_empty() || is_ours(f, cell) {
                continue;
            }
            let key = value_key(cell);
            if let Some(&at) = seen.get(&key) {
                q.values[at].rows += 1;
            } else if seen.len() < MAX_QUESTIONS {
                seen.insert(key.clone(), q.values.len());
                q.values.push(ValueQuestion {
                    field: f,
                    value: cell.chars().take(60).collect(),
                    guess: guess(f, cell),
                    key,
                    rows: 1,
                });
            }
        }
    }
    for f in [Field::Start, Field::End, Field::BaselineEnd] {
        let Some(i) = column(f) else { continue };
        let c = DateColumn::of(table.rows().filter_map(|r| r.get(i)));
        if c.must_ask() {
            let example = table
                .rows()
                .filter_map(|r| r.get(i))
                .find(|cell| matches!(read_date(cell), DateCell::Numbers { .. }))
                .unwrap_or_default()
                .trim()
                .chars()
                .take(40)
                .collect();
            q.dates.push(DateQuestion {
                field: f,
                heading: table.headings.get(i).cloned().unwrap_or_default(),
                example,
                column: c,
            });
        }
    }
    let known: HashSet<String> = ws
        .people
        .iter()
        .filter(|p| !p.vacancy)
        .flat_map(|p| [person_key(&p.name), p.id.to_lowercase()])
        .collect();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for f in [Field::Managers, Field::Sponsor, Field::PmoContact] {
        let Some(i) = column(f) else { continue };
        for row in table.rows() {
            let Some(cell) = row.get(i) else { continue };
            for name in names_in(f, cell) {
                let key = person_key(name);
                if known.contains(&key) {
                    continue;
                }
                if let Some(&at) = seen.get(&key) {
                    q.people[at].rows += 1;
                } else if seen.len() < MAX_QUESTIONS && name.chars().count() <= 200 {
                    seen.insert(key.clone(), q.people.len());
                    q.people.push(PersonQuestion {
                        name: name.to_string(),
                        key,
                        rows: 1,
                    });
                }
            }
        }
    }
    q
}

/// For the tests: a date cell read with a column's facts and an answer.
#[doc(hidden)]
pub mod tests_support {
    pub fn date(
        cell: &str,
        column: &super::DateColumn,
        chosen: Option<super::DateOrder>,
    ) -> Result<Option<chrono::NaiveDate>, String> {
        super::date_in(cell, column, chosen)
    }
}

/// The values answered in earlier imports, per field and column heading, so that the next
/// file from the same tool starts from them ("On Hold" under "Status" → Not started). Kept
/// in this browser's settings: read as untrusted text, where anything unreadable is
/// forgotten and an answer that is not one of our values is dropped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Remembered(
    std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
);

/// At most this many columns are remembered (the latest answers replace older ones).
const MAX_COLUMNS: usize = 50;
/// Remembered text longer than this is not read.
pub const MAX_REMEMBERED: usize = 256 * 1024;

fn column_key(field: Field, heading: &str) -> String {
    format!(
        "{}|{}",
        field.heading(),
        crate::portfolio::csv::heading_norm(heading)
    )
}

impl Remembered {
    pub fn decode(text: &str) -> Remembered {
        if text.len() > MAX_REMEMBERED {
            return Remembered::default();
        }
        let Ok(raw) = serde_json::from_str::<
            std::collections::BTreeMap<String, std::collections::BTreeMap<String, String>>,
        >(text) else {
            return Remembered::default();
        };
        let mut out = std::collections::BTreeMap::new();
        for (column, values) in raw.into_iter().take(MAX_COLUMNS) {
            let Some(field) = [Field::Status, Field::Phase]
                .into_iter()
                .find(|f| column.starts_with(&format!("{}|", f.heading())))
            else {
                continue;
            };
            let ours = choices_of(field);
            let kept: std::collections::BTreeMap<String, String> = values
                .into_iter()
                .filter(|(k, slug)| {
                    k.len() <= 200 && *k == value_key(k) && ours.iter().any(|(s, _)| s == slug)
                })
                .take(MAX_QUESTIONS)
                .collect();
            if !kept.is_empty() {
                out.insert(column, kept);
            }
        }
        Remembered(out)
    }

    pub fn encode(&self) -> String {
        serde_json::to_string(&self.0).unwrap_or_default()
    }

    /// Keep the answers of an applied import (those of columns it asked about).
    pub fn remember(&mut self, q: &Questions, headings: &[String], mapping: &Mapping, c: &Choices) {
        for v in &q.values {
            let Some(heading) = mapping.get(&v.field).and_then(|&i| headings.get(i)) else {
                continue;
            };
            let column = column_key(v.field, heading);
            if !self.0.contains_key(&column) && self.0.len() >= MAX_COLUMNS {
                continue;
            }
            let values = self.0.entry(column).or_default();
            match c.values.get(&(v.field, v.key.clone())) {
                Some(slug) => {
                    if values.len() < MAX_QUESTIONS || values.contains_key(&v.key) {
                        values.insert(v.key.clone(), slug.clone());
                    }
                }
                None => {
                    values.remove(&v.key);
                }
            }
        }
        self.0.retain(|_, v| !v.is_empty());
    }

    /// Preselect the remembered answers (over the guesses). Returns the (field, value key)
    /// pairs answered from memory, for the page to say so.
    pub fn recall(
        &self,
        q: &Questions,
        headings: &[String],
        mapping: &Mapping,
        c: &mut Choices,
    ) -> HashSet<(Field, String)> {
        let mut recalled = HashSet::new();
        for v in &q.values {
            let Some(heading) = mapping.get(&v.field).and_then(|&i| headings.get(i)) else {
                continue;
            };
            if let Some(slug) = self
                .0
                .get(&column_key(v.field, heading))
                .and_then(|m| m.get(&v.key))
            {
                c.values.insert((v.field, v.key.clone()), slug.clone());
                recalled.insert((v.field, v.key.clone()));
            }
        }
        recalled
    }
}
