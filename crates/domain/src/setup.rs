//! "Start a PMO": the seven-step set-up guide, its decisions, what each step still misses,
//! the monthly routines calendar, the staffing the org chart should show, and the PMO charter.
//!
//! The decisions live in [`SetupPlan`] inside the workspace. Decisions the rest of the app
//! already holds are not copied: the PMO type is the organisation's, the sponsor is a person
//! of the org chart, the staffing's open roles are people marked as vacancies.

use std::collections::HashSet;

use chrono::{Datelike, Months, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

use crate::model::{Id, Person, PmoType, Unit, UnitKind, Workspace};

/// The seven steps: (number, title, why it matters).
pub const STEPS: [(u8, &str, &str); 7] = [
    (
        1,
        "Objectives",
        "A PMO without clear objectives turns into an office that collects reports nobody reads. Say what the PMO is for and how you will know it works: each objective needs a measure and a target.",
    ),
    (
        2,
        "Sponsorship",
        "A PMO asks people to change how they work. It needs a senior sponsor who backs it in front of the business, gives it time and budget, and settles disputes about its standards.",
    ),
    (
        3,
        "Tools and processes",
        "Decide what the PMO provides: the standards and templates, the tools, the services, and the project lifecycle (initiation, planning, execution, closing) with its gates. Start with what projects need most, not with everything.",
    ),
    (
        4,
        "PMO organisation",
        "The PMO type decides how much authority the PMO has and who project managers report to. The level (enterprise or programme) decides its scope. Staffing should mix seasoned people with people who can grow into the roles.",
    ),
    (
        5,
        "Engage and communicate",
        "A PMO is judged by the people it serves. Decide who needs to hear from it, through which channel and how often, so the PMO is known before it asks for anything.",
    ),
    (
        6,
        "Monthly routines",
        "Routines give the PMO its rhythm: status collection, the monthly report, gate reviews, the resource review, lessons learned. Fix their dates so project managers can plan around them.",
    ),
    (
        7,
        "PMO charter",
        "The charter puts every decision on one page the sponsor signs: purpose, objectives, scope, authority, organisation, services and routines. Set a date to review it; a PMO has to keep itself up to date.",
    ),
];

/// The title of a step (1–7).
pub fn step_title(step: u8) -> &'static str {
    STEPS.iter().find(|s| s.0 == step).map_or("", |s| s.1)
}

/// Services a PMO can offer: (id, name).
pub const SERVICES: [(&str, &str); 10] = [
    ("reporting", "Status reporting and the monthly PMO report"),
    ("standards", "Project management standards and method"),
    ("templates", "Templates and tools"),
    ("training", "Training and coaching of project managers"),
    ("gates", "Gate reviews and governance"),
    ("prioritisation", "Portfolio prioritisation"),
    ("resources", "Resource management"),
    ("risks", "Risk and issue oversight"),
    ("lessons", "Lessons learned and knowledge base"),
    ("assurance", "Project assurance and health checks"),
];

/// The name of a service id (the id itself for a custom service).
pub fn service_name(id: &str) -> String {
    SERVICES
        .iter()
        .find(|s| s.0 == id)
        .map_or_else(|| id.to_string(), |s| s.1.to_string())
}

/// Every decision of the set-up guide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetupPlan {
    /// The step the user is on (1–7), so the guide resumes there.
    #[serde(default = "first_step")]
    pub step: u8,
    /// Why the PMO exists, in a sentence or two.
    #[serde(default)]
    pub purpose: String,
    #[serde(default)]
    pub objectives: Vec<SetupObjective>,
    /// The sponsor: a person of the org chart.
    #[serde(default)]
    pub sponsor_id: Option<Id>,
    /// What the sponsor commits (time, budget, backing).
    #[serde(default)]
    pub commitment: String,
    /// Services offered, ids of [`SERVICES`].
    #[serde(default)]
    pub services: Vec<String>,
    /// Standards and templates the PMO provides.
    #[serde(default)]
    pub standards: String,
    /// Tools the PMO provides or prescribes.
    #[serde(default)]
    pub tools: String,
    /// Projects follow the initiation → planning → execution → closing lifecycle with gates.
    #[serde(default)]
    pub lifecycle: bool,
    /// The organisation's PMO type was decided in step 4.
    #[serde(default)]
    pub type_decided: bool,
    #[serde(default)]
    pub level: Option<PmoLevel>,
    /// The PMO's unit in the org chart.
    #[serde(default)]
    pub unit_id: Option<Id>,
    #[serde(default)]
    pub staffing: Vec<Staffing>,
    #[serde(default)]
    pub audiences: Vec<Audience>,
    #[serde(default)]
    pub routines: Vec<Routine>,
    /// What the PMO covers (and what it does not).
    #[serde(default)]
    pub scope: String,
    /// When the charter is next reviewed.
    #[serde(default, with = "crate::ser::opt_date")]
    pub review: Option<NaiveDate>,
}

impl SetupPlan {
    /// Objectives that have a text (empty rows are still being typed).
    pub fn named_objectives(&self) -> Vec<&SetupObjective> {
        self.objectives
            .iter()
            .filter(|o| !o.text.trim().is_empty())
            .collect()
    }

    /// Audiences that have a name.
    pub fn named_audiences(&self) -> Vec<&Audience> {
        self.audiences
            .iter()
            .filter(|a| !a.who.trim().is_empty())
            .collect()
    }
}

fn first_step() -> u8 {
    1
}

impl Default for SetupPlan {
    fn default() -> Self {
        SetupPlan {
            step: 1,
            purpose: String::new(),
            objectives: Vec::new(),
            sponsor_id: None,
            commitment: String::new(),
            services: Vec::new(),
            standards: String::new(),
            tools: String::new(),
            lifecycle: false,
            type_decided: false,
            level: None,
            unit_id: None,
            staffing: Vec::new(),
            audiences: Vec::new(),
            routines: Vec::new(),
            scope: String::new(),
            review: None,
        }
    }
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct SetupObjective {
    pub text: String,
    /// How progress is measured, e.g. "projects reporting on time".
    #[serde(default)]
    pub measure: String,
    /// The target, e.g. "95 % by June".
    #[serde(default)]
    pub target: String,
}

/// Enterprise PMO (all programmes and projects) or programme PMO (one programme).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PmoLevel {
    Enterprise,
    Programme,
}

impl PmoLevel {
    pub fn label(self) -> &'static str {
        match self {
            PmoLevel::Enterprise => "Enterprise PMO",
            PmoLevel::Programme => "Programme PMO",
        }
    }

    pub fn unit_kind(self) -> UnitKind {
        match self {
            PmoLevel::Enterprise => UnitKind::EnterprisePmo,
            PmoLevel::Programme => UnitKind::ProgrammePmo,
        }
    }
}

/// How many people of a role the PMO should have.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Staffing {
    pub role_id: Id,
    pub count: u8,
}

/// Who the PMO talks to, how and how often.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Audience {
    pub who: String,
    #[serde(default)]
    pub channel: String,
    #[serde(default)]
    pub frequency: String,
}

/// A recurring PMO routine.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Routine {
    pub name: String,
    #[serde(default)]
    pub kind: RoutineKind,
    pub rule: DayRule,
    /// Every how many months (1 monthly, 3 quarterly, 12 yearly).
    #[serde(default = "monthly")]
    pub every: u8,
    /// A month it happens in (1–12); with `every` it fixes the others.
    #[serde(default = "january")]
    pub month: u8,
}

fn monthly() -> u8 {
    1
}

fn january() -> u8 {
    1
}

/// What a routine is for; decides where the calendar links to.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RoutineKind {
    StatusCollection,
    MonthlyReport,
    GateReview,
    ResourceReview,
    LessonsLearned,
    #[default]
    Other,
}

impl RoutineKind {
    pub const ALL: [RoutineKind; 6] = [
        RoutineKind::StatusCollection,
        RoutineKind::MonthlyReport,
        RoutineKind::GateReview,
        RoutineKind::ResourceReview,
        RoutineKind::LessonsLearned,
        RoutineKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            RoutineKind::StatusCollection => "Status collection",
            RoutineKind::MonthlyReport => "Monthly report",
            RoutineKind::GateReview => "Gate review",
            RoutineKind::ResourceReview => "Resource review",
            RoutineKind::LessonsLearned => "Lessons learned",
            RoutineKind::Other => "Other",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            RoutineKind::StatusCollection => "status",
            RoutineKind::MonthlyReport => "report",
            RoutineKind::GateReview => "gates",
            RoutineKind::ResourceReview => "resources",
            RoutineKind::LessonsLearned => "lessons",
            RoutineKind::Other => "other",
        }
    }

    pub fn from_slug(s: &str) -> RoutineKind {
        Self::ALL
            .into_iter()
            .find(|k| k.slug() == s)
            .unwrap_or(RoutineKind::Other)
    }
}

/// Which day of a month a routine falls on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DayRule {
    /// A day of the month (1–31); in shorter months the last day.
    DayOfMonth(u8),
    /// The n-th (1–4, or 5 for the last) weekday (0 Monday … 6 Sunday) of the month.
    Weekday { nth: u8, weekday: u8 },
    /// The n-th working day (Monday to Friday) of the month, 1–20.
    WorkingDay(u8),
    /// The last working day of the month.
    LastWorkingDay,
}

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

/// What the PMO type means for authority and reporting lines.
pub fn authority(t: PmoType) -> &'static str {
    match t {
        PmoType::Supportive => "The PMO advises: it provides templates, best practice and training, and projects use them by choice. Project managers report to their business lines and keep a dotted line to the PMO.",
        PmoType::Controlling => "The PMO sets standards that projects must follow and checks them at gate reviews and in monthly reporting. Project managers report to their business lines; the PMO can stop a project at a gate.",
        PmoType::Directive => "The PMO runs the projects: it assigns project managers from its own pool, who report directly into the PMO and are measured by it.",
    }
}

/// The organisation's PMO type, suggested by the latest finished "Which PMO type fits"
/// assessment with a single best fit: (type, finished on, respondent).
pub fn suggested_type(ws: &Workspace) -> Option<(PmoType, NaiveDate, String)> {
    let q = crate::questionnaire::find(&ws.questionnaires, crate::questionnaire::PMO_TYPE)?;
    ws.assessments
        .iter()
        .filter(|a| a.questionnaire_id == q.id)
        .filter_map(|a| a.finished.map(|f| (f, a)))
        .max_by_key(|(f, a)| (*f, a.started))
        .and_then(|(f, a)| {
            let s = crate::assess::score(q, &a.answers);
            let fit = crate::assess::best_fit(q, &a.answers, &s)?;
            match fit.best.as_slice() {
                [one] => PmoType::from_id(one).map(|t| (t, f, a.respondent.clone())),
                _ => None,
            }
        })
}

/// One row of the staffing table: how many of a role the plan wants and what the unit has.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingRow {
    pub role_id: Id,
    pub role: String,
    pub planned: usize,
    /// People in the PMO unit with that role.
    pub filled: usize,
    /// Open roles (vacancies) in the PMO unit with that role.
    pub open: usize,
}

impl StaffingRow {
    /// Vacancies still to add to the org chart.
    pub fn to_propose(&self) -> usize {
        self.planned.saturating_sub(self.filled + self.open)
    }
}

/// The plan's staffing against the PMO unit as the org chart has it.
pub fn staffing(ws: &Workspace, plan: &SetupPlan) -> Vec<StaffingRow> {
    let unit = plan.unit_id.as_deref();
    plan.staffing
        .iter()
        .map(|s| {
            let here = |vacancy: bool| {
                ws.people
                    .iter()
                    .filter(|p| {
                        unit.is_some()
                            && p.unit_id.as_deref() == unit
                            && p.role_id.as_deref() == Some(s.role_id.as_str())
                            && p.vacancy == vacancy
                    })
                    .count()
            };
            StaffingRow {
                role_id: s.role_id.clone(),
                role: ws
                    .roles
                    .iter()
                    .find(|r| r.id == s.role_id)
                    .map_or_else(|| s.role_id.clone(), |r| r.name.clone()),
                planned: usize::from(s.count),
                filled: here(false),
                open: here(true),
            }
        })
        .collect()
}

/// The head of a unit: its member (not an open role) on the highest rung of the PMO ladder,
/// else its first member whose manager is outside the unit.
pub fn unit_head(ws: &Workspace, unit_id: &str) -> Option<usize> {
    let mut members = unit_members(ws, unit_id);
    members.retain(|&i| !ws.people[i].vacancy);
    let seniority = |i: usize| {
        ws.role_of(&ws.people[i])
            .filter(|r| r.ladder == "pmo")
            .map_or(0, |r| r.seniority)
    };
    let best = members
        .iter()
        .copied()
        .max_by_key(|&i| (seniority(i), std::cmp::Reverse(i)));
    match best {
        Some(i) if seniority(i) > 0 => Some(i),
        _ => members.into_iter().find(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .and_then(|m| ws.person(m))
                .is_none_or(|m| m.unit_id.as_deref() != Some(unit_id))
        }),
    }
}

/// Add the open roles the staffing still lacks to the org chart, in the PMO unit and
/// reporting to its head. Returns how many were added; needs a PMO unit.
pub fn propose_vacancies(ws: &mut Workspace) -> Result<usize, String> {
    let Some(plan) = ws.setup.clone() else {
        return Ok(0);
    };
    let Some(unit) = plan.unit_id.clone() else {
        return Err("Choose the PMO's unit first (step 4)".into());
    };
    let head = unit_head(ws, &unit).map(|i| ws.people[i].id.clone());
    let mut added = 0;
    for row in staffing(ws, &plan) {
        for _ in 0..row.to_propose() {
            let id = crate::orgedit::next_person_id(ws);
            ws.people.push(Person {
                id,
                name: format!("Open role: {}", row.role),
                title: row.role.clone(),
                role_id: Some(row.role_id.clone()),
                unit_id: Some(unit.clone()),
                manager_id: head.clone(),
                vacancy: true,
            });
            added += 1;
        }
    }
    Ok(added)
}

/// Create a PMO unit for the chosen level and make it the plan's unit. Returns its id.
pub fn create_unit(ws: &mut Workspace, level: PmoLevel, name: &str) -> Result<Id, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the PMO unit a name".into());
    }
    if ws.units.iter().any(|u| u.name.eq_ignore_ascii_case(name)) {
        return Err(format!(
            "A unit called \"{name}\" already exists: pick it from the list"
        ));
    }
    let used: HashSet<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
    let id = (1..)
        .map(|n| format!("u-{n:03}"))
        .find(|id| !used.contains(id.as_str()))
        .expect("an unused id exists");
    ws.units.push(Unit {
        id: id.clone(),
        name: name.to_string(),
        kind: level.unit_kind(),
    });
    let plan = ws.setup.get_or_insert_with(SetupPlan::default);
    plan.unit_id = Some(id.clone());
    plan.level = Some(level);
    Ok(id)
}

/// What a step still needs, in words ("a measure for “Faster reporting”"). Empty when done.
pub fn missing(ws: &Workspace, plan: &SetupPlan, step: u8) -> Vec<String> {
    let mut out = Vec::new();
    match step {
        1 => {
            if plan.purpose.trim().is_empty() {
                out.push("the PMO's purpose".to_string());
            }
            let objectives = plan.named_objectives();
            if objectives.is_empty() {
                out.push("at least one objective".into());
            }
            for o in objectives {
                if o.measure.trim().is_empty() {
                    out.push(format!("a measure for “{}”", o.text.trim()));
                }
                if o.target.trim().is_empty() {
                    out.push(format!("a target for “{}”", o.text.trim()));
                }
            }
        }
        2 => {
            match plan.sponsor_id.as_deref() {
                None => out.push("a sponsor".into()),
                Some(id) if ws.person(id).is_none() => {
                    out.push("a sponsor (the one chosen is no longer in the org chart)".into())
                }
                _ => {}
            }
            if plan.commitment.trim().is_empty() {
                out.push("what the sponsor commits".into());
            }
        }
        3 => {
            if plan.services.is_empty() {
                out.push("at least one service".into());
            }
            if plan.standards.trim().is_empty() {
                out.push("the standards and templates".into());
            }
            if plan.tools.trim().is_empty() {
                out.push("the tools".into());
            }
            if !plan.lifecycle {
                out.push("a decision on the project lifecycle and its gates".into());
            }
        }
        4 => {
            if !plan.type_decided {
                out.push("the PMO type".into());
            }
            if plan.level.is_none() {
                out.push("the PMO level".into());
            }
            match plan.unit_id.as_deref() {
                None => out.push("the PMO's unit in the org chart".into()),
                Some(u) if !ws.units.iter().any(|x| x.id == u) => {
                    out.push("the PMO's unit (the one chosen no longer exists)".into())
                }
                _ => {}
            }
            if plan.staffing.iter().all(|s| s.count == 0) {
                out.push("the staffing".into());
            }
        }
        5 => {
            let named = plan.named_audiences();
            if named.is_empty() {
                out.push("at least one audience".into());
            }
            for a in named {
                if a.channel.trim().is_empty() || a.frequency.trim().is_empty() {
                    out.push(format!("a channel and how often for “{}”", a.who.trim()));
                }
            }
        }
        6 => {
            if plan.routines.is_empty() {
                out.push("at least one routine".into());
            }
            for r in &plan.routines {
                if let Some(p) = r.problem() {
                    let name = if r.name.trim().is_empty() {
                        "a routine"
                    } else {
                        r.name.trim()
                    };
                    out.push(format!("a valid date rule for “{name}” ({p})"));
                }
            }
        }
        7 => {
            if plan.scope.trim().is_empty() {
                out.push("the scope".into());
            }
            if plan.review.is_none() {
                out.push("a review date".into());
            }
        }
        _ => {}
    }
    out
}

/// True when every step is complete.
pub fn complete(ws: &Workspace, plan: &SetupPlan) -> bool {
    STEPS.iter().all(|s| missing(ws, plan, s.0).is_empty())
}

/// A part of a charter section.
#[derive(Clone, Debug, PartialEq)]
pub enum Block {
    Text(String),
    List(Vec<String>),
    Table {
        head: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// An outline: (depth, line), depth 0 at the top.
    Tree(Vec<(usize, String)>),
    /// A decision not made yet: what is missing and in which step.
    Missing(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Section {
    pub heading: &'static str,
    pub blocks: Vec<Block>,
}

/// The PMO charter, built from the decisions.
#[derive(Clone, Debug, PartialEq)]
pub struct Charter {
    pub title: String,
    pub organisation: String,
    pub sections: Vec<Section>,
    /// Every decision still missing: (step, what).
    pub missing: Vec<(u8, String)>,
}

fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

/// Build the charter from the workspace's decisions; `today` dates the routines calendar.
pub fn charter(ws: &Workspace, today: NaiveDate) -> Charter {
    let empty = SetupPlan::default();
    let plan = ws.setup.as_ref().unwrap_or(&empty);
    let missing: Vec<(u8, String)> = STEPS
        .iter()
        .flat_map(|s| missing(ws, plan, s.0).into_iter().map(move |m| (s.0, m)))
        .collect();
    let gap = |step: u8, what: &str| {
        Block::Missing(format!(
            "Not decided yet: {what} (step {step}, {}).",
            step_title(step)
        ))
    };
    let unit = plan
        .unit_id
        .as_deref()
        .and_then(|u| ws.units.iter().find(|x| x.id == u));
    let pmo_name = unit.map_or_else(|| "PMO".to_string(), |u| u.name.clone());
    let mut sections = Vec::new();

    // Purpose
    sections.push(Section {
        heading: "Purpose",
        blocks: vec![if plan.purpose.trim().is_empty() {
            gap(1, "the PMO's purpose")
        } else {
            Block::Text(plan.purpose.trim().to_string())
        }],
    });

    // Objectives and measures
    let objectives = plan.named_objectives();
    sections.push(Section {
        heading: "Objectives and measures",
        blocks: if objectives.is_empty() {
            vec![gap(1, "the objectives")]
        } else {
            let dash = |s: &str| {
                if s.trim().is_empty() {
                    "—".to_string()
                } else {
                    s.trim().to_string()
                }
            };
            vec![Block::Table {
                head: vec!["Objective".into(), "Measure".into(), "Target".into()],
                rows: objectives
                    .iter()
                    .map(|o| vec![o.text.trim().to_string(), dash(&o.measure), dash(&o.target)])
                    .collect(),
            }]
        },
    });

    // Scope
    let mut scope = Vec::new();
    if let Some(level) = plan.level {
        scope.push(Block::Text(match level {
            PmoLevel::Enterprise => format!(
                "{pmo_name} is an enterprise PMO: it covers all {} portfolios, {} programmes and {} projects of {}.",
                ws.portfolios.len(),
                ws.programmes.len(),
                ws.projects.iter().filter(|p| !p.archived).count(),
                ws.organisation.name
            ),
            PmoLevel::Programme => format!("{pmo_name} is a programme PMO: it supports one programme and its projects."),
        }));
    }
    if plan.scope.trim().is_empty() {
        scope.push(gap(7, "the scope"));
    } else {
        scope.push(Block::Text(plan.scope.trim().to_string()));
    }
    sections.push(Section {
        heading: "Scope",
        blocks: scope,
    });

    // Type and authority
    sections.push(Section {
        heading: "PMO type and authority",
        blocks: if plan.type_decided {
            let t = ws.organisation.pmo_type;
            vec![
                Block::Text(format!("{} PMO.", t.label())),
                Block::Text(authority(t).to_string()),
            ]
        } else {
            vec![gap(4, "the PMO type")]
        },
    });

    // Sponsor
    let sponsor = plan.sponsor_id.as_deref().and_then(|id| ws.person(id));
    let mut sb = Vec::new();
    match sponsor {
        Some(p) => sb.push(Block::Text(crate::orgedit::person_label(p))),
        None => sb.push(gap(2, "the sponsor")),
    }
    if plan.commitment.trim().is_empty() {
        sb.push(gap(2, "what the sponsor commits"));
    } else {
        sb.push(Block::Text(format!(
            "Commitment: {}",
            plan.commitment.trim()
        )));
    }
    sections.push(Section {
        heading: "Sponsor",
        blocks: sb,
    });

    // Organisation
    let mut ob = Vec::new();
    match unit {
        Some(u) => {
            let tree = unit_tree(ws, &u.id);
            if tree.is_empty() {
                ob.push(Block::Text(format!(
                    "{} has nobody in the org chart yet.",
                    u.name
                )));
            } else {
                ob.push(Block::Tree(tree));
            }
        }
        None => ob.push(gap(4, "the PMO's unit")),
    }
    let rows = staffing(ws, plan);
    if rows.iter().any(|r| r.planned > 0) {
        ob.push(Block::Table {
            head: vec![
                "Role".into(),
                "Planned".into(),
                "In post".into(),
                "Open".into(),
            ],
            rows: rows
                .iter()
                .map(|r| {
                    vec![
                        r.role.clone(),
                        r.planned.to_string(),
                        r.filled.to_string(),
                        (r.open + r.to_propose()).to_string(),
                    ]
                })
                .collect(),
        });
    } else {
        ob.push(gap(4, "the staffing"));
    }
    sections.push(Section {
        heading: "Organisation",
        blocks: ob,
    });

    // Services
    let mut services: Vec<String> = plan.services.iter().map(|s| service_name(s)).collect();
    let mut sv = Vec::new();
    if services.is_empty() {
        sv.push(gap(3, "the services"));
    } else {
        if plan.lifecycle {
            services.push(
                "A project lifecycle of initiation, planning, execution and closing, with a gate review at the end of each phase".into(),
            );
        }
        sv.push(Block::List(services));
    }
    if !plan.standards.trim().is_empty() {
        sv.push(Block::Text(format!(
            "Standards and templates: {}",
            plan.standards.trim()
        )));
    }
    if !plan.tools.trim().is_empty() {
        sv.push(Block::Text(format!("Tools: {}", plan.tools.trim())));
    }
    sections.push(Section {
        heading: "Services",
        blocks: sv,
    });

    // Communication
    let audiences = plan.named_audiences();
    sections.push(Section {
        heading: "Engagement and communication",
        blocks: if audiences.is_empty() {
            vec![gap(5, "the audiences")]
        } else {
            vec![Block::Table {
                head: vec!["Audience".into(), "Channel".into(), "How often".into()],
                rows: audiences
                    .iter()
                    .map(|a| {
                        vec![
                            a.who.trim().to_string(),
                            a.channel.trim().to_string(),
                            a.frequency.trim().to_string(),
                        ]
                    })
                    .collect(),
            }]
        },
    });

    // Routines
    sections.push(Section {
        heading: "Routines calendar",
        blocks: if plan.routines.is_empty() {
            vec![gap(6, "the routines")]
        } else {
            vec![Block::Table {
                head: vec!["Routine".into(), "When".into(), "Next dates".into()],
                rows: plan
                    .routines
                    .iter()
                    .map(|r| {
                        let next: Vec<String> = next_dates(r, today, 3)
                            .into_iter()
                            .map(|d| d.format("%-d %b %Y").to_string())
                            .collect();
                        vec![r.name.trim().to_string(), r.describe(), next.join(", ")]
                    })
                    .collect(),
            }]
        },
    });

    // Success measures
    let measures: Vec<String> = objectives
        .iter()
        .filter(|o| !o.measure.trim().is_empty())
        .map(|o| {
            if o.target.trim().is_empty() {
                o.measure.trim().to_string()
            } else {
                format!("{}: {}", o.measure.trim(), o.target.trim())
            }
        })
        .collect();
    sections.push(Section {
        heading: "Success measures",
        blocks: if measures.is_empty() {
            vec![gap(1, "the measures of the objectives")]
        } else {
            vec![Block::List(measures)]
        },
    });

    // Review
    sections.push(Section {
        heading: "Review",
        blocks: vec![match plan.review {
            Some(d) => Block::Text(format!(
                "This charter is reviewed on {} by the sponsor and the head of the PMO.",
                day(d)
            )),
            None => gap(7, "the review date"),
        }],
    });

    Charter {
        title: format!("{pmo_name} charter"),
        organisation: ws.organisation.name.clone(),
        sections,
        missing,
    }
}

/// The people (and open roles) of a unit, by index.
fn unit_members(ws: &Workspace, unit_id: &str) -> Vec<usize> {
    (0..ws.people.len())
        .filter(|&i| ws.people[i].unit_id.as_deref() == Some(unit_id))
        .collect()
}

/// A person's role as the charter shows it: the catalogue name, else their title.
fn role_name(ws: &Workspace, p: &Person) -> String {
    ws.role_of(p)
        .map_or_else(|| p.title.clone(), |r| r.name.clone())
}

/// The members of a unit as an outline: each under their manager when the manager is in the
/// unit too, by name; open roles are marked.
pub fn unit_tree(ws: &Workspace, unit_id: &str) -> Vec<(usize, String)> {
    let members = unit_members(ws, unit_id);
    let inside: HashSet<&str> = members.iter().map(|&i| ws.people[i].id.as_str()).collect();
    let line = |i: usize| {
        let p = &ws.people[i];
        let role = role_name(ws, p);
        if p.vacancy {
            format!("{} (open role)", role)
        } else if role.is_empty() {
            p.name.clone()
        } else {
            format!("{} — {role}", p.name)
        }
    };
    let sort = |v: &mut Vec<usize>| crate::roles::sort_people(ws, v);
    let mut roots: Vec<usize> = members
        .iter()
        .copied()
        .filter(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .is_none_or(|m| !inside.contains(m))
        })
        .collect();
    sort(&mut roots);
    let mut out = Vec::new();
    let mut stack: Vec<(usize, usize)> = roots.into_iter().rev().map(|i| (i, 0)).collect();
    let mut seen = HashSet::new();
    while let Some((i, depth)) = stack.pop() {
        if !seen.insert(i) {
            continue;
        }
        out.push((depth, line(i)));
        let id = ws.people[i].id.as_str();
        let mut kids: Vec<usize> = members
            .iter()
            .copied()
            .filter(|&k| ws.people[k].manager_id.as_deref() == Some(id))
            .collect();
        sort(&mut kids);
        stack.extend(kids.into_iter().rev().map(|k| (k, depth + 1)));
    }
    out
}

/// One card of the PMO's organisation chart.
#[derive(Clone, Debug, PartialEq)]
pub struct ChartCard {
    pub at: crate::layout::Placed,
    pub name: String,
    pub role: String,
    pub vacancy: bool,
}

/// The PMO's own organisation chart, laid out by the org chart's tidy-tree layout: its
/// members under their managers (a member whose manager is outside the unit is a root).
#[derive(Clone, Debug, PartialEq)]
pub struct UnitChart {
    pub cards: Vec<ChartCard>,
    /// Connector paths (SVG path data) from managers to their reports.
    pub edges: Vec<String>,
    pub width: f64,
    pub height: f64,
}

/// Card size of the PMO chart.
pub const CHART_CARD: (f64, f64) = (160.0, 46.0);

/// The chart of a unit's members; `None` when the unit has nobody.
pub fn unit_chart(ws: &Workspace, unit_id: &str) -> Option<UnitChart> {
    use crate::layout::{layout, Forest, Options, Orientation};
    let members = unit_members(ws, unit_id);
    if members.is_empty() {
        return None;
    }
    let pos: std::collections::HashMap<&str, usize> = members
        .iter()
        .enumerate()
        .map(|(k, &i)| (ws.people[i].id.as_str(), k))
        .collect();
    let parents: Vec<Option<usize>> = members
        .iter()
        .map(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .and_then(|m| pos.get(m).copied())
        })
        .collect();
    let forest = Forest::from_parents(&parents, vec![CHART_CARD; members.len()]);
    let opts = Options {
        orientation: Orientation::TopDown,
        compact_from: Some(4),
        compact_columns: 2,
        level_gap: 36.0,
        ..Options::default()
    };
    let lay = layout(&forest, &opts);
    let mut edges = Vec::new();
    for (p, kids) in forest.families() {
        let Some(pb) = lay.boxes[p] else { continue };
        let stacked = kids
            .first()
            .and_then(|&k| lay.boxes[k])
            .zip(kids.last().and_then(|&k| lay.boxes[k]))
            .is_some_and(|(a, b)| a.y != b.y);
        for &k in kids {
            if let Some(kb) = lay.boxes[k] {
                edges.push(crate::org_svg::edge_path(
                    &pb,
                    &kb,
                    Orientation::TopDown,
                    stacked,
                ));
            }
        }
    }
    let cards = members
        .iter()
        .enumerate()
        .filter_map(|(k, &i)| {
            let p = &ws.people[i];
            let role = role_name(ws, p);
            lay.boxes[k].map(|at| ChartCard {
                at,
                name: if p.vacancy {
                    "Open role".into()
                } else {
                    p.name.clone()
                },
                role,
                vacancy: p.vacancy,
            })
        })
        .collect();
    Some(UnitChart {
        cards,
        edges,
        width: lay.width,
        height: lay.height,
    })
}

/// Markdown text that shows `s` literally (no emphasis, links or headings).
fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' | '!'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

impl Charter {
    /// The charter as Markdown: a heading per section, tables as pipe tables, the gaps as
    /// quoted notes.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("# {}\n\n{}\n", md(&self.title), md(&self.organisation));
        for s in &self.sections {
            out.push_str(&format!("\n## {}\n\n", s.heading));
            for b in &s.blocks {
                match b {
                    Block::Text(t) => out.push_str(&format!("{}\n\n", md(t))),
                    Block::Missing(t) => out.push_str(&format!("> {}\n\n", md(t))),
                    Block::List(items) => {
                        for i in items {
                            out.push_str(&format!("- {}\n", md(i)));
                        }
                        out.push('\n');
                    }
                    Block::Tree(lines) => {
                        for (depth, l) in lines {
                            out.push_str(&format!("{}- {}\n", "  ".repeat(*depth), md(l)));
                        }
                        out.push('\n');
                    }
                    Block::Table { head, rows } => {
                        let row = |cells: &[String]| {
                            format!(
                                "| {} |\n",
                                cells.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ")
                            )
                        };
                        out.push_str(&row(head));
                        out.push_str(&format!("|{}\n", " --- |".repeat(head.len())));
                        for r in rows {
                            out.push_str(&row(r));
                        }
                        out.push('\n');
                    }
                }
            }
        }
        if !self.missing.is_empty() {
            out.push_str("\n## Still to decide\n\n");
            for (step, what) in &self.missing {
                out.push_str(&format!(
                    "- Step {step} ({}): {}\n",
                    step_title(*step),
                    md(what)
                ));
            }
        }
        out
    }

    /// A file name for the Markdown export: "enterprise-pmo-charter.md".
    pub fn file_name(&self) -> String {
        format!("{}.md", crate::persist::slug(&self.title))
    }
}
