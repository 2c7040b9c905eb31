//! The decisions of the "Start a PMO" guide, as stored. What the guide does with them is in
//! [`crate::setup`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::{Id, UnitKind};

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
    /// Services offered, ids of [`crate::setup::SERVICES`].
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
    #[serde(default, with = "crate::model::ser::opt_date")]
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
