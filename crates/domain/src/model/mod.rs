//! The workspace document: everything a PMO keeps in PMO Workbench, as plain data.
//!
//! Every entity carries a stable string id so that references survive export, import and
//! re-ordering. Money is kept in minor units (cents) as `i64`, so totals never pick up
//! floating-point noise. Fields added after the first release carry `#[serde(default)]`
//! so that older documents still deserialize; structural changes go through
//! [`crate::storage::schema`] migrations instead.

mod questionnaire;
mod round;
pub mod ser;
mod setup_plan;

pub use questionnaire::*;
pub use round::*;
pub use setup_plan::*;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use crate::common::ids::Id;
pub use crate::common::money::Money;

/// The whole data set of one organisation: the one document the app loads, saves,
/// exports and imports.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    pub organisation: Organisation,
    #[serde(default)]
    pub units: Vec<Unit>,
    #[serde(default)]
    pub roles: Vec<Role>,
    #[serde(default)]
    pub people: Vec<Person>,
    #[serde(default)]
    pub dotted_lines: Vec<DottedLine>,
    #[serde(default)]
    pub objectives: Vec<Objective>,
    #[serde(default)]
    pub portfolios: Vec<Portfolio>,
    #[serde(default)]
    pub programmes: Vec<Programme>,
    #[serde(default)]
    pub projects: Vec<Project>,
    #[serde(default)]
    pub assessments: Vec<Assessment>,
    /// Questionnaires imported by the user (the built-in ones are not stored).
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub questionnaires: Vec<Questionnaire>,
    /// The decisions of the "Start a PMO" guide, once it has been opened.
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub setup: Option<SetupPlan>,
    /// The monthly status rounds, oldest first.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub rounds: Vec<StatusRound>,
    /// The PMO's summary at the top of each month's report, by month.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub report_notes: Vec<MonthlyNotes>,
}

/// The organisation the workspace describes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub pmo_type: PmoType,
    /// ISO 4217 code such as `EUR`.
    pub currency: String,
}

impl Default for Organisation {
    fn default() -> Self {
        Organisation {
            name: "My organisation".into(),
            pmo_type: PmoType::Supportive,
            currency: "EUR".into(),
        }
    }
}

/// The PMBOK PMO types. They decide how much control the PMO has and who PMs report to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PmoType {
    /// Templates, training, best practice; PMs report to their business lines.
    Supportive,
    /// Requires compliance with its standards; moderate control.
    Controlling,
    /// Assigns PMs from a pool; PMs report directly into the PMO.
    Directive,
}

impl PmoType {
    pub const ALL: [PmoType; 3] = [
        PmoType::Supportive,
        PmoType::Controlling,
        PmoType::Directive,
    ];

    /// The type a questionnaire dimension id names (`"directive"` …).
    pub fn from_id(id: &str) -> Option<PmoType> {
        match id {
            "supportive" => Some(PmoType::Supportive),
            "controlling" => Some(PmoType::Controlling),
            "directive" => Some(PmoType::Directive),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            PmoType::Supportive => "Supportive",
            PmoType::Controlling => "Controlling",
            PmoType::Directive => "Directive",
        }
    }
}

/// An organisational unit: a PMO (enterprise or programme level) or a business unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub id: Id,
    pub name: String,
    pub kind: UnitKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    EnterprisePmo,
    ProgrammePmo,
    ProjectOffice,
    Business,
}

/// An entry of the role catalogue (PMO career path, delivery path, executives).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Role {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Career ladder the role belongs to, e.g. `pmo`, `delivery`, `executive`.
    #[serde(default)]
    pub ladder: String,
    /// Position on the ladder: 1 is the entry role.
    #[serde(default)]
    pub seniority: u8,
    /// What the role is accountable for, one line each.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub responsibilities: Vec<String>,
    /// The skills (of the PMO skills self-assessment) the role asks for, with their level.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub skills: Vec<SkillTarget>,
}

/// A skill a role asks for: a dimension of the PMO skills questionnaire and a level 1–5.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkillTarget {
    pub skill: String,
    pub level: u8,
}

/// A person in the organisation, or an open role (vacancy) that does not count as headcount.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub id: Id,
    pub name: String,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty_str")]
    pub title: String,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub role_id: Option<Id>,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub unit_id: Option<Id>,
    /// The one solid-line manager, if any. People without one are roots of the org chart.
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub manager_id: Option<Id>,
    /// An open role: drawn on the chart but not counted as headcount.
    #[serde(default, skip_serializing_if = "crate::model::ser::not")]
    pub vacancy: bool,
}

/// A dotted (functional) reporting line from `from` to `to`, e.g. a business PM's line to the PMO.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DottedLine {
    pub from: Id,
    pub to: Id,
    #[serde(default)]
    pub label: String,
}

/// A strategic objective projects are scored against; `weight` is relative (any positive number).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Objective {
    pub id: Id,
    pub name: String,
    pub weight: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Portfolio {
    pub id: Id,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub manager_id: Option<Id>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Programme {
    pub id: Id,
    pub name: String,
    pub portfolio_id: Id,
    #[serde(default)]
    pub manager_id: Option<Id>,
    /// The programme PMO unit supporting this programme, if any.
    #[serde(default)]
    pub pmo_unit_id: Option<Id>,
}

/// Lifecycle phase used by PMO processes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    Initiation,
    Planning,
    Execution,
    Closing,
}

impl Phase {
    pub const ALL: [Phase; 4] = [
        Phase::Initiation,
        Phase::Planning,
        Phase::Execution,
        Phase::Closing,
    ];

    /// Lower-case key for addresses and files, e.g. `execution`.
    pub fn slug(self) -> &'static str {
        match self {
            Phase::Initiation => "initiation",
            Phase::Planning => "planning",
            Phase::Execution => "execution",
            Phase::Closing => "closing",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Phase::Initiation => "Initiation",
            Phase::Planning => "Planning",
            Phase::Execution => "Execution",
            Phase::Closing => "Closing",
        }
    }
}

/// Overall project status, as portfolio tools name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    NotSet,
    NotStarted,
    OnTrack,
    AtRisk,
    OffTrack,
    Finished,
    Discontinued,
}

impl Status {
    pub const ALL: [Status; 7] = [
        Status::NotSet,
        Status::NotStarted,
        Status::OnTrack,
        Status::AtRisk,
        Status::OffTrack,
        Status::Finished,
        Status::Discontinued,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Status::NotSet => "Not set",
            Status::NotStarted => "Not started",
            Status::OnTrack => "On track",
            Status::AtRisk => "At risk",
            Status::OffTrack => "Off track",
            Status::Finished => "Finished",
            Status::Discontinued => "Discontinued",
        }
    }

    /// CSS-friendly slug, e.g. `at-risk`.
    pub fn slug(self) -> &'static str {
        match self {
            Status::NotSet => "not-set",
            Status::NotStarted => "not-started",
            Status::OnTrack => "on-track",
            Status::AtRisk => "at-risk",
            Status::OffTrack => "off-track",
            Status::Finished => "finished",
            Status::Discontinued => "discontinued",
        }
    }

    /// Still consuming effort: not finished and not discontinued.
    pub fn is_active(self) -> bool {
        !matches!(self, Status::Finished | Status::Discontinued)
    }
}

/// A project manager assignment; a project may have a business and a technical PM.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ProjectManager {
    pub person_id: Id,
    /// For example "Business PM" or "Technical PM"; empty for a sole PM.
    #[serde(default)]
    pub label: String,
}

/// A project's score against one strategic objective, 0 (no contribution) to 5 (decisive).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ObjectiveScore {
    pub objective_id: Id,
    pub score: u8,
}

/// Money of one project in minor units of the workspace currency.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Budget {
    pub planned: Money,
    pub actual: Money,
    pub forecast: Money,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Project {
    pub id: Id,
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty_str")]
    pub description: String,
    pub portfolio_id: Id,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub programme_id: Option<Id>,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub managers: Vec<ProjectManager>,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub sponsor_id: Option<Id>,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub pmo_contact_id: Option<Id>,
    pub phase: Phase,
    pub status: Status,
    /// Schedule, cost and scope RAG of the latest status.
    #[serde(default, skip_serializing_if = "crate::model::ser::unset")]
    pub rag: RagSet,
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub start: Option<NaiveDate>,
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub end: Option<NaiveDate>,
    /// The end date agreed at the planning gate, to show slippage.
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub baseline_end: Option<NaiveDate>,
    #[serde(default)]
    pub budget: Budget,
    #[serde(default)]
    pub percent_complete: u8,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub scores: Vec<ObjectiveScore>,
    /// One gate record per phase reached or planned.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub gates: Vec<Gate>,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub risks: Vec<Risk>,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub milestones: Vec<Milestone>,
    /// Dated status updates, oldest first.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub updates: Vec<StatusUpdate>,
    #[serde(default, skip_serializing_if = "crate::model::ser::not")]
    pub archived: bool,
}

/// Red / amber / green for one aspect of a project.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Rag {
    #[default]
    NotSet,
    Green,
    Amber,
    Red,
}

impl Rag {
    pub const ALL: [Rag; 4] = [Rag::NotSet, Rag::Green, Rag::Amber, Rag::Red];

    /// CSS-friendly slug, e.g. `amber`.
    pub fn slug(self) -> &'static str {
        match self {
            Rag::NotSet => "not-set",
            Rag::Green => "green",
            Rag::Amber => "amber",
            Rag::Red => "red",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rag::NotSet => "Not set",
            Rag::Green => "Green",
            Rag::Amber => "Amber",
            Rag::Red => "Red",
        }
    }
}

/// Schedule, cost and scope RAG together.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RagSet {
    #[serde(default)]
    pub schedule: Rag,
    #[serde(default)]
    pub cost: Rag,
    #[serde(default)]
    pub scope: Rag,
}

impl RagSet {
    pub fn is_unset(&self) -> bool {
        *self == RagSet::default()
    }
}

/// The decision at a phase gate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GateDecision {
    #[default]
    Pending,
    Passed,
    Failed,
}

impl GateDecision {
    pub fn label(self) -> &'static str {
        match self {
            GateDecision::Pending => "Pending",
            GateDecision::Passed => "Passed",
            GateDecision::Failed => "Failed",
        }
    }
}

/// The gate that closes a phase: its decision, the (planned or actual) date and a note.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Gate {
    pub phase: Phase,
    #[serde(default)]
    pub decision: GateDecision,
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub date: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty_str")]
    pub note: String,
}

/// Whether an entry of the risk log is a risk (may happen) or an issue (has happened).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskKind {
    #[default]
    Risk,
    Issue,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    #[default]
    Open,
    Mitigating,
    Closed,
}

impl RiskStatus {
    pub const ALL: [RiskStatus; 3] = [RiskStatus::Open, RiskStatus::Mitigating, RiskStatus::Closed];

    pub fn label(self) -> &'static str {
        match self {
            RiskStatus::Open => "Open",
            RiskStatus::Mitigating => "Mitigating",
            RiskStatus::Closed => "Closed",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            RiskStatus::Open => "open",
            RiskStatus::Mitigating => "mitigating",
            RiskStatus::Closed => "closed",
        }
    }
}

impl RiskKind {
    pub fn label(self) -> &'static str {
        match self {
            RiskKind::Risk => "Risk",
            RiskKind::Issue => "Issue",
        }
    }
}

impl GateDecision {
    pub const ALL: [GateDecision; 3] = [
        GateDecision::Pending,
        GateDecision::Passed,
        GateDecision::Failed,
    ];

    pub fn slug(self) -> &'static str {
        match self {
            GateDecision::Pending => "pending",
            GateDecision::Passed => "passed",
            GateDecision::Failed => "failed",
        }
    }
}

/// An entry of a project's risk and issue log. Probability and impact are 1 (low) to 5 (high).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Risk {
    pub id: Id,
    #[serde(default)]
    pub kind: RiskKind,
    pub title: String,
    pub probability: u8,
    pub impact: u8,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub owner_id: Option<Id>,
    #[serde(default)]
    pub status: RiskStatus,
}

impl Risk {
    /// Probability × impact, 1–25.
    pub fn exposure(&self) -> u8 {
        self.probability.saturating_mul(self.impact)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Milestone {
    pub id: Id,
    pub name: String,
    #[serde(with = "crate::model::ser::date")]
    pub due: NaiveDate,
    /// When it was reached; `None` while open.
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub done: Option<NaiveDate>,
}

/// A dated status report with commentary, as a PM gives it each period.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusUpdate {
    #[serde(with = "crate::model::ser::date")]
    pub date: NaiveDate,
    pub status: Status,
    #[serde(default, skip_serializing_if = "crate::model::ser::unset")]
    pub rag: RagSet,
    #[serde(default, skip_serializing_if = "crate::model::ser::empty_str")]
    pub commentary: String,
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub author_id: Option<Id>,
}

/// A questionnaire run: who answered, for which unit, the answers so far and where the person
/// is. Scoring is in [`crate::assessment`].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Assessment {
    pub id: Id,
    pub questionnaire_id: String,
    /// The version of the questionnaire when the assessment started.
    #[serde(default = "first_version")]
    pub questionnaire_version: u32,
    #[serde(default)]
    pub unit_id: Option<Id>,
    pub respondent: String,
    #[serde(with = "crate::model::ser::date")]
    pub started: NaiveDate,
    /// When the respondent marked it finished; `None` while in progress.
    #[serde(
        default,
        skip_serializing_if = "crate::model::ser::none",
        with = "crate::model::ser::opt_date"
    )]
    pub finished: Option<NaiveDate>,
    #[serde(default)]
    pub answers: Vec<Answer>,
    /// The question the respondent is at (an index into the questionnaire's questions), so
    /// that coming back resumes there.
    #[serde(default)]
    pub position: u32,
    /// Show all questions of a dimension on one page rather than one question at a time.
    #[serde(default)]
    pub by_dimension: bool,
}

fn first_version() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question_id: String,
    /// The chosen level or scale value (1–5); `None` for not applicable.
    pub value: Option<u8>,
    #[serde(default)]
    pub note: String,
}

/// How many things of each kind a workspace holds; shown before an import replaces data.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub people: usize,
    pub vacancies: usize,
    pub units: usize,
    pub roles: usize,
    pub dotted_lines: usize,
    pub objectives: usize,
    pub portfolios: usize,
    pub programmes: usize,
    pub projects: usize,
    pub assessments: usize,
}

impl Counts {
    /// Labelled rows in display order.
    pub fn rows(&self) -> [(&'static str, usize); 10] {
        [
            ("People", self.people),
            ("Open roles", self.vacancies),
            ("Units", self.units),
            ("Roles", self.roles),
            ("Dotted lines", self.dotted_lines),
            ("Strategic objectives", self.objectives),
            ("Portfolios", self.portfolios),
            ("Programmes", self.programmes),
            ("Projects", self.projects),
            ("Assessments", self.assessments),
        ]
    }
}

impl Workspace {
    /// True when the workspace holds anything a user entered (people, projects, assessments …).
    pub fn has_user_data(&self) -> bool {
        !(self.people.is_empty()
            && self.projects.is_empty()
            && self.portfolios.is_empty()
            && self.programmes.is_empty()
            && self.assessments.is_empty()
            && self.objectives.is_empty()
            && self.setup.is_none())
    }

    pub fn counts(&self) -> Counts {
        let vacancies = self.people.iter().filter(|p| p.vacancy).count();
        Counts {
            people: self.people.len() - vacancies,
            vacancies,
            units: self.units.len(),
            roles: self.roles.len(),
            dotted_lines: self.dotted_lines.len(),
            objectives: self.objectives.len(),
            portfolios: self.portfolios.len(),
            programmes: self.programmes.len(),
            projects: self.projects.len(),
            assessments: self.assessments.len(),
        }
    }

    pub fn person(&self, id: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.id == id)
    }

    /// Position of each person in `people`, by id.
    pub fn person_index(&self) -> std::collections::HashMap<&str, usize> {
        crate::common::ids::index_by_id(&self.people, |p| &p.id)
    }

    pub fn role(&self, id: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.id == id)
    }

    /// The catalogue role a person holds, if any.
    pub fn role_of(&self, p: &Person) -> Option<&Role> {
        p.role_id.as_deref().and_then(|r| self.role(r))
    }

    pub fn portfolio(&self, id: &str) -> Option<&Portfolio> {
        self.portfolios.iter().find(|p| p.id == id)
    }

    pub fn programme(&self, id: &str) -> Option<&Programme> {
        self.programmes.iter().find(|p| p.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vacancies_are_not_headcount() {
        let mut ws = Workspace::default();
        ws.people.push(Person {
            id: "a".into(),
            name: "A".into(),
            title: String::new(),
            role_id: None,
            unit_id: None,
            manager_id: None,
            vacancy: false,
        });
        ws.people.push(Person {
            id: "b".into(),
            name: "Open role".into(),
            title: String::new(),
            role_id: None,
            unit_id: None,
            manager_id: Some("a".into()),
            vacancy: true,
        });
        let c = ws.counts();
        assert_eq!((c.people, c.vacancies), (1, 1));
        assert!(ws.has_user_data());
        assert!(!Workspace::default().has_user_data());
    }
}
