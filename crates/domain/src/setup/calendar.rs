//! The routines calendar: when each routine falls, month grids.

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::model::{DayRule, Routine, RoutineKind};

/// Weekday names, Monday first (the numbering of [`DayRule::Weekday`]).
pub const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// "1st", "2nd", "3rd", "4th", "11th", "21st" …
pub fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

impl DayRule {
    /// The rule in words: "the 3rd working day", "the last Thursday", "day 31 (or the month's
    /// last day)".
    pub fn describe(self) -> String {
        match self {
            DayRule::DayOfMonth(d) if d >= 29 => {
                format!("day {d} (or the last day of shorter months)")
            }
            DayRule::DayOfMonth(d) => format!("day {d}"),
            DayRule::Weekday { nth, weekday } => {
                let day = WEEKDAYS.get(usize::from(weekday)).unwrap_or(&"?");
                if nth >= 5 {
                    format!("the last {day}")
                } else {
                    format!("the {} {day}", ordinal(u32::from(nth)))
                }
            }
            DayRule::WorkingDay(n) => format!("the {} working day", ordinal(u32::from(n))),
            DayRule::LastWorkingDay => "the last working day".into(),
        }
    }

    /// The date in a month, `None` if the rule is out of range.
    pub fn date_in(self, year: i32, month: u32) -> Option<NaiveDate> {
        let first = NaiveDate::from_ymd_opt(year, month, 1)?;
        let last = first.checked_add_months(Months::new(1))?.pred_opt()?;
        let working = |d: &NaiveDate| !matches!(d.weekday(), Weekday::Sat | Weekday::Sun);
        match self {
            DayRule::DayOfMonth(d) if (1..=31).contains(&d) => {
                Some(NaiveDate::from_ymd_opt(year, month, u32::from(d)).unwrap_or(last))
            }
            DayRule::Weekday { nth, weekday } if (1..=5).contains(&nth) && weekday < 7 => {
                let wd = Weekday::try_from(weekday).ok()?;
                if nth == 5 {
                    let back =
                        (last.weekday().num_days_from_monday() + 7 - wd.num_days_from_monday()) % 7;
                    last.checked_sub_days(chrono::Days::new(u64::from(back)))
                } else {
                    NaiveDate::from_weekday_of_month_opt(year, month, wd, nth)
                }
            }
            DayRule::WorkingDay(n) if (1..=20).contains(&n) => first
                .iter_days()
                .take_while(|d| d.month() == month)
                .filter(working)
                .nth(usize::from(n) - 1),
            DayRule::LastWorkingDay => {
                let mut d = last;
                while !working(&d) {
                    d = d.pred_opt()?;
                }
                Some(d)
            }
            _ => None,
        }
    }

    /// Why the rule is not usable, if it is not.
    pub fn problem(self) -> Option<String> {
        match self {
            DayRule::DayOfMonth(d) if !(1..=31).contains(&d) => {
                Some(format!("day {d} is not a day of a month (1–31)"))
            }
            DayRule::Weekday { nth, .. } if !(1..=5).contains(&nth) => {
                Some(format!("\"{nth}\" is not 1st–4th or last"))
            }
            DayRule::Weekday { weekday, .. } if weekday > 6 => {
                Some(format!("weekday {weekday} is not Monday–Sunday"))
            }
            DayRule::WorkingDay(n) if !(1..=20).contains(&n) => {
                Some(format!("working day {n} is outside 1–20"))
            }
            _ => None,
        }
    }
}

/// Month names, January first.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl Routine {
    pub fn new(name: &str, kind: RoutineKind, rule: DayRule, every: u8, month: u8) -> Routine {
        Routine {
            name: name.into(),
            kind,
            rule,
            every,
            month,
        }
    }

    /// True when the routine happens in that month.
    pub fn in_month(&self, month: u32) -> bool {
        let every = u32::from(self.every.max(1));
        let start = u32::from(self.month.clamp(1, 12));
        (month + 12 - start).is_multiple_of(every)
    }

    /// The routine's date in a month, if it happens then.
    pub fn date_in(&self, year: i32, month: u32) -> Option<NaiveDate> {
        if self.in_month(month) {
            self.rule.date_in(year, month)
        } else {
            None
        }
    }

    /// When it happens, in words: "Monthly on the 3rd working day", "Every 3 months from
    /// January on the last Friday".
    pub fn describe(&self) -> String {
        let when = self.rule.describe();
        let month = MONTHS[usize::from(self.month.clamp(1, 12)) - 1];
        match self.every {
            0 | 1 => format!("Monthly on {when}"),
            3 => format!("Quarterly ({month}, …) on {when}"),
            12 => format!("Yearly in {month} on {when}"),
            n => format!("Every {n} months from {month} on {when}"),
        }
    }

    /// Why the routine is not usable, if it is not.
    pub fn problem(&self) -> Option<String> {
        if self.name.trim().is_empty() {
            return Some("the routine needs a name".into());
        }
        if !(1..=12).contains(&self.every) {
            return Some(format!("every {} months is outside 1–12", self.every));
        }
        if !(1..=12).contains(&self.month) {
            return Some(format!("month {} is not a month", self.month));
        }
        self.rule.problem()
    }
}

/// The routines most PMOs start with.
pub fn usual_routines() -> Vec<Routine> {
    vec![
        Routine::new(
            "Status collection",
            RoutineKind::StatusCollection,
            DayRule::WorkingDay(3),
            1,
            1,
        ),
        Routine::new(
            "Monthly PMO report",
            RoutineKind::MonthlyReport,
            DayRule::WorkingDay(5),
            1,
            1,
        ),
        Routine::new(
            "Gate review board",
            RoutineKind::GateReview,
            DayRule::Weekday { nth: 2, weekday: 1 },
            1,
            1,
        ),
        Routine::new(
            "Resource review",
            RoutineKind::ResourceReview,
            DayRule::Weekday { nth: 5, weekday: 3 },
            1,
            1,
        ),
        Routine::new(
            "Lessons learned",
            RoutineKind::LessonsLearned,
            DayRule::LastWorkingDay,
            3,
            3,
        ),
    ]
}

/// One routine due on one day.
#[derive(Clone, Debug, PartialEq)]
pub struct Due {
    pub date: NaiveDate,
    /// Index into the plan's routines.
    pub routine: usize,
}

/// Every routine date in `months` calendar months from the month of `from` (that whole
/// month included), by date and then in the plan's order.
pub fn calendar(routines: &[Routine], from: NaiveDate, months: u32) -> Vec<Due> {
    let mut out = Vec::new();
    let Some(first) = from.with_day(1) else {
        return out;
    };
    for m in 0..months {
        let Some(d) = first.checked_add_months(Months::new(m)) else {
            break;
        };
        for (i, r) in routines.iter().enumerate() {
            if let Some(date) = r.date_in(d.year(), d.month()) {
                out.push(Due { date, routine: i });
            }
        }
    }
    out.sort_by_key(|d| (d.date, d.routine));
    out
}

/// The next `n` dates of a routine on or after `from`.
pub fn next_dates(r: &Routine, from: NaiveDate, n: usize) -> Vec<NaiveDate> {
    calendar(std::slice::from_ref(r), from, 25)
        .into_iter()
        .map(|d| d.date)
        .filter(|d| *d >= from)
        .take(n)
        .collect()
}

/// The month a monthly report due on `date` covers: the month before.
pub fn reported_month(date: NaiveDate) -> (i32, u32) {
    let prev = date
        .with_day(1)
        .and_then(|d| d.checked_sub_months(Months::new(1)))
        .unwrap_or(date);
    (prev.year(), prev.month())
}

/// A month as a calendar grid: weeks Monday to Sunday, `None` outside the month.
pub fn month_grid(year: i32, month: u32) -> Vec<[Option<NaiveDate>; 7]> {
    let Some(first) = NaiveDate::from_ymd_opt(year, month, 1) else {
        return Vec::new();
    };
    let mut weeks = Vec::new();
    let mut week = [None; 7];
    for d in first.iter_days().take_while(|d| d.month() == month) {
        let col = d.weekday().num_days_from_monday() as usize;
        week[col] = Some(d);
        if col == 6 {
            weeks.push(week);
            week = [None; 7];
        }
    }
    if week.iter().any(Option::is_some) {
        weeks.push(week);
    }
    weeks
}
