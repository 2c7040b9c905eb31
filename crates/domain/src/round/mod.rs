//! The monthly status round, as the PMO routine runs it: the PMO opens a round for a month
//! with a due date, sends each project manager a *request file* holding only that PM's
//! projects, and merges the *reply files* the PMs send back.
//!
//! Rules (the round page states them too):
//! - **Who is asked.** Every manager of a live project that is not finished or discontinued,
//!   about those projects. The list is fixed when the round opens.
//! - **What a reply may change:** only the status fields of the projects the round asked
//!   that PM about: status, schedule/cost/scope RAG, forecast end, forecast cost, % complete
//!   and risks, plus one status update carrying the PM's commentary. Anything else in a reply
//!   (another PM's project, a project not asked about) is not applied, and is listed.
//! - **Three-way.** A reply carries the values its request showed (`asked`). A field the PM
//!   left as asked changes nothing. A field the PMO has not changed since takes the PM's
//!   value. A field both changed, to different values, keeps the PMO's value and is shown as
//!   a conflict with both values; the PM's is kept in their status update, so nothing is
//!   lost. Risks go the same way, one risk at a time; a new risk is added.
//! - **Once.** A reply is known by its PM and the moment it was saved: merging it again
//!   changes nothing. A corrected reply (saved later) is merged as a new one.
//! - **Late.** A reply saved after the due date is late; a PM with no reply after the due
//!   date is missing.
//! - **The update's date** is the day the reply was saved, or the month's last day when it
//!   was saved after the month, so that the monthly report counts it in the month asked about.
//!
//! Both files are JSON with a `format` and `version`; both are untrusted input, read
//! strictly (an unknown field is refused) and bounded before anything is built from them.

use std::collections::HashSet;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::common::ids::fresh_id;
use crate::model::{
    Id, Money, Project, RagSet, Risk, RiskStatus, RoundReply, RoundRequest, Status, StatusRound,
    StatusUpdate, Workspace,
};
use crate::portfolio::report::Month;

/// The `format` of a request file.
pub const REQUEST_FORMAT: &str = "pmo-workbench-status-request";
/// The `format` of a reply file.
pub const REPLY_FORMAT: &str = "pmo-workbench-status-reply";
/// The version of both files this build writes and the newest it reads.
pub const FILE_VERSION: u32 = 1;
/// The largest request or reply file read (a request for 10 000 projects is about 5 MB).
pub const MAX_FILE: usize = 16 * 1024 * 1024;

/// A round's month (`YYYY-MM`) in words ("November 2026"); as it is when it is not a month.
pub fn month_words(month: &str) -> String {
    Month::parse(month).map_or_else(|| month.to_string(), Month::label)
}

/// Who a new round asks: each manager of a live, unfinished project, with those projects,
/// in the order the people are listed.
pub fn who_to_ask(ws: &Workspace) -> Vec<RoundRequest> {
    let mut asked: Vec<RoundRequest> = Vec::new();
    for p in ws.projects.iter().filter(|p| asked_about(p)) {
        for m in &p.managers {
            match asked.iter_mut().find(|r| r.manager_id == m.person_id) {
                Some(r) if !r.projects.contains(&p.id) => r.projects.push(p.id.clone()),
                Some(_) => {}
                None => asked.push(RoundRequest {
                    manager_id: m.person_id.clone(),
                    projects: vec![p.id.clone()],
                }),
            }
        }
    }
    let rank = |id: &str| ws.people.iter().position(|p| p.id == id);
    asked.sort_by_key(|r| rank(&r.manager_id));
    asked
}

fn asked_about(p: &Project) -> bool {
    !p.archived && !matches!(p.status, Status::Finished | Status::Discontinued)
}

/// Why a round cannot be opened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OpenError {
    /// A round for this month is open already.
    Exists(String),
    /// No live project has a manager.
    NobodyToAsk,
    /// The due date is before the day the round opens.
    DueInPast,
}

impl std::fmt::Display for OpenError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            OpenError::Exists(month) => write!(f, "A round for {month} is open already"),
            OpenError::NobodyToAsk => write!(
                f,
                "No live project has a project manager to ask: add managers to projects first"
            ),
            OpenError::DueInPast => write!(f, "The due date is before today"),
        }
    }
}

/// Open a round for `month`, due on `due`, asking [`who_to_ask`]. Returns its id.
pub fn open(
    ws: &mut Workspace,
    month: Month,
    due: NaiveDate,
    today: NaiveDate,
) -> Result<Id, OpenError> {
    if ws.rounds.iter().any(|r| r.month == month.slug()) {
        return Err(OpenError::Exists(month.label()));
    }
    if due < today {
        return Err(OpenError::DueInPast);
    }
    let requests = who_to_ask(ws);
    if requests.is_empty() {
        return Err(OpenError::NobodyToAsk);
    }
    let id = fresh_id("round-", 0, 1, |id| ws.rounds.iter().any(|r| r.id == id));
    ws.rounds.push(StatusRound {
        id: id.clone(),
        month: month.slug(),
        opened: today,
        due,
        requests,
        replies: Vec::new(),
    });
    Ok(id)
}

/// Where a PM's reply stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReplyState {
    /// Not replied, and not due yet.
    Awaiting,
    /// Not replied, and the due date has passed.
    Missing,
    /// Replied by the due date.
    Submitted,
    /// Replied after the due date.
    Late,
}

impl ReplyState {
    pub fn label(self) -> &'static str {
        match self {
            ReplyState::Awaiting => "Awaiting reply",
            ReplyState::Missing => "Missing",
            ReplyState::Submitted => "Submitted",
            ReplyState::Late => "Submitted late",
        }
    }
}

/// One PM's line in the round's tracker.
#[derive(Clone, Debug, PartialEq)]
pub struct TrackLine {
    pub manager_id: Id,
    /// The PM's name, or their id if they are no longer in the org chart.
    pub name: String,
    pub projects: usize,
    pub state: ReplyState,
    /// The day of the latest reply merged, if any.
    pub submitted: Option<NaiveDate>,
}

/// The tracker of `round` on `today`: one line per PM asked, in the order asked.
pub fn tracker(ws: &Workspace, round: &StatusRound, today: NaiveDate) -> Vec<TrackLine> {
    round
        .requests
        .iter()
        .map(|r| {
            let submitted = round
                .replies
                .iter()
                .filter(|x| x.manager_id == r.manager_id)
                .map(|x| x.submitted)
                .min();
            let state = match submitted {
                Some(day) if day > round.due => ReplyState::Late,
                Some(_) => ReplyState::Submitted,
                None if today > round.due => ReplyState::Missing,
                None => ReplyState::Awaiting,
            };
            TrackLine {
                manager_id: r.manager_id.clone(),
                name: person_name(ws, &r.manager_id),
                projects: r.projects.len(),
                state,
                submitted,
            }
        })
        .collect()
}

fn person_name(ws: &Workspace, id: &str) -> String {
    ws.people
        .iter()
        .find(|p| p.id == id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// The status fields of a project, as a request shows them and a reply answers them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fields {
    pub status: Status,
    #[serde(default)]
    pub rag: RagSet,
    /// Forecast end.
    #[serde(default)]
    pub end: Option<NaiveDate>,
    /// Forecast cost, in minor units.
    #[serde(default)]
    pub forecast_cost: Money,
    #[serde(default)]
    pub percent_complete: u8,
    #[serde(default)]
    pub risks: Vec<Risk>,
}

impl Fields {
    fn of(p: &Project) -> Fields {
        Fields {
            status: p.status,
            rag: p.rag,
            end: p.end,
            forecast_cost: p.budget.forecast,
            percent_complete: p.percent_complete,
            risks: p.risks.clone(),
        }
    }
}

/// A project as a request shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskedProject {
    pub id: Id,
    pub code: String,
    pub name: String,
    /// The latest status update's date and commentary, for the PM's reference.
    #[serde(default)]
    pub last_update: Option<(NaiveDate, String)>,
    pub fields: Fields,
}

/// A PM a request is for, and which of its projects are theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AskedManager {
    pub id: Id,
    pub name: String,
    pub projects: Vec<Id>,
}

/// A request file: one PM's (or every PM's) part of a round.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Request {
    pub format: String,
    pub version: u32,
    pub round: Id,
    pub organisation: String,
    pub currency: String,
    pub month: String,
    pub due: NaiveDate,
    pub managers: Vec<AskedManager>,
    pub projects: Vec<AskedProject>,
}

impl Request {
    /// The month asked about, in words ("November 2026").
    pub fn month_label(&self) -> String {
        month_words(&self.month)
    }

    /// The projects a PM is asked about, in the request's order.
    pub fn projects_of<'a>(&'a self, manager: &str) -> Vec<&'a AskedProject> {
        let Some(m) = self.managers.iter().find(|m| m.id == manager) else {
            return Vec::new();
        };
        self.projects
            .iter()
            .filter(|p| m.projects.contains(&p.id))
            .collect()
    }
}

/// The request of `round` for one PM (`Some(id)`), or for every PM asked (`None`).
pub fn request(ws: &Workspace, round: &StatusRound, manager: Option<&str>) -> Request {
    let managers: Vec<AskedManager> = round
        .requests
        .iter()
        .filter(|r| manager.is_none_or(|m| r.manager_id == m))
        .map(|r| AskedManager {
            id: r.manager_id.clone(),
            name: person_name(ws, &r.manager_id),
            projects: r
                .projects
                .iter()
                .filter(|id| ws.projects.iter().any(|p| p.id == **id))
                .cloned()
                .collect(),
        })
        .collect();
    let wanted: HashSet<&str> = managers
        .iter()
        .flat_map(|m| m.projects.iter().map(String::as_str))
        .collect();
    let projects = ws
        .projects
        .iter()
        .filter(|p| wanted.contains(p.id.as_str()))
        .map(|p| AskedProject {
            id: p.id.clone(),
            code: p.code.clone(),
            name: p.name.clone(),
            last_update: p
                .updates
                .iter()
                .max_by_key(|u| u.date)
                .map(|u| (u.date, u.commentary.clone())),
            fields: Fields::of(p),
        })
        .collect();
    Request {
        format: REQUEST_FORMAT.into(),
        version: FILE_VERSION,
        round: round.id.clone(),
        organisation: ws.organisation.name.clone(),
        currency: ws.organisation.currency.clone(),
        month: round.month.clone(),
        due: round.due,
        managers,
        projects,
    }
}

/// One project's answer in a reply.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Answer {
    pub id: Id,
    pub code: String,
    pub name: String,
    /// The values the request showed.
    pub asked: Fields,
    /// The values the PM gives.
    pub given: Fields,
    #[serde(default)]
    pub commentary: String,
}

/// A reply file: one PM's answers to a request.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reply {
    pub format: String,
    pub version: u32,
    pub round: Id,
    pub organisation: String,
    /// The organisation's currency (ISO 4217), in which the forecast cost is given.
    pub currency: String,
    pub month: String,
    pub due: NaiveDate,
    pub manager: Id,
    pub manager_name: String,
    /// When the PM saved it (RFC 3339 from their browser); tells a corrected reply apart.
    pub saved_at: String,
    /// The day the PM saved it.
    pub submitted: NaiveDate,
    pub answers: Vec<Answer>,
}

impl Reply {
    /// A PM's reply to `request` before they change anything: each project as asked.
    pub fn blank(request: &Request, manager: &str) -> Option<Reply> {
        let m = request.managers.iter().find(|m| m.id == manager)?;
        Some(Reply {
            format: REPLY_FORMAT.into(),
            version: FILE_VERSION,
            round: request.round.clone(),
            organisation: request.organisation.clone(),
            currency: request.currency.clone(),
            month: request.month.clone(),
            due: request.due,
            manager: m.id.clone(),
            manager_name: m.name.clone(),
            saved_at: String::new(),
            submitted: request.due,
            answers: request
                .projects_of(manager)
                .into_iter()
                .map(|p| Answer {
                    id: p.id.clone(),
                    code: p.code.clone(),
                    name: p.name.clone(),
                    asked: p.fields.clone(),
                    given: p.fields.clone(),
                    commentary: String::new(),
                })
                .collect(),
        })
    }

    /// Mark the reply saved at `saved_at` on `day`, ready to be written as a file.
    pub fn sealed(mut self, saved_at: String, day: NaiveDate) -> Reply {
        self.saved_at = saved_at;
        self.submitted = day;
        self
    }

    /// The month asked about, in words.
    pub fn month_label(&self) -> String {
        month_words(&self.month)
    }

    /// Whether it was saved after the due date.
    pub fn is_late(&self) -> bool {
        self.submitted > self.due
    }
}

/// Why a request or reply file was not read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FileError {
    TooLarge {
        bytes: usize,
    },
    /// Not JSON, or not the shape of the file (the detail says where).
    Malformed(String),
    /// Another kind of file (for example a reply opened as a request).
    WrongKind {
        found: String,
        expected: &'static str,
    },
    /// Written by a newer version.
    Newer {
        found: u32,
    },
    /// Read, but it contradicts itself (the detail says how).
    Inconsistent(String),
}

impl std::fmt::Display for FileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FileError::TooLarge { bytes } => write!(
                f,
                "The file is {} MB; a status file is at most {} MB",
                bytes / (1024 * 1024),
                MAX_FILE / (1024 * 1024)
            ),
            FileError::Malformed(why) => write!(f, "The file cannot be read: {why}"),
            FileError::WrongKind { found, expected } => write!(
                f,
                "This is not a {}: the file says it is “{}”",
                kind_name(expected),
                crate::common::text::clip(found, 60)
            ),
            FileError::Newer { found } => write!(
                f,
                "The file was written by a newer version of PMO Workbench (version {found}; this one reads up to {FILE_VERSION})"
            ),
            FileError::Inconsistent(why) => write!(f, "The file contradicts itself: {why}"),
        }
    }
}

fn kind_name(format: &str) -> &'static str {
    match format {
        REQUEST_FORMAT => "status request",
        REPLY_FORMAT => "status reply",
        _ => "status file",
    }
}

/// The kind and version every status file starts with, read first so that a reply opened
/// as a request, or a newer file, is named as such instead of failing on its fields.
#[derive(Deserialize)]
struct Head {
    format: Option<serde_json::Value>,
    version: Option<serde_json::Value>,
}

fn read_file<T: serde::de::DeserializeOwned>(
    text: &str,
    expected: &'static str,
) -> Result<T, FileError> {
    if text.len() > MAX_FILE {
        return Err(FileError::TooLarge { bytes: text.len() });
    }
    let head: Head = serde_json::from_str(text).map_err(|e| FileError::Malformed(e.to_string()))?;
    let format = match head.format {
        Some(serde_json::Value::String(s)) => s,
        _ => {
            return Err(FileError::WrongKind {
                found: "something else".into(),
                expected,
            })
        }
    };
    if format != expected {
        return Err(FileError::WrongKind {
            found: format,
            expected,
        });
    }
    let version = head
        .version
        .as_ref()
        .and_then(serde_json::Value::as_u64)
        .ok_or_else(|| FileError::Malformed("it has no version number".into()))?;
    if version > u64::from(FILE_VERSION) {
        return Err(FileError::Newer {
            found: u32::try_from(version).unwrap_or(u32::MAX),
        });
    }
    serde_json::from_str(text).map_err(|e| FileError::Malformed(e.to_string()))
}

/// A file's month, which must be one (`YYYY-MM`).
fn a_month(month: &str) -> Result<(), FileError> {
    match Month::parse(month) {
        Some(_) => Ok(()),
        None => Err(FileError::Inconsistent(format!(
            "“{}” is not a month",
            crate::common::text::clip(month, 20)
        ))),
    }
}

/// The project ids a file names, each once (`what` it does with them: "listed").
fn each_once<'a>(
    ids: impl Iterator<Item = &'a str>,
    what: &str,
) -> Result<HashSet<&'a str>, FileError> {
    let mut seen = HashSet::new();
    for id in ids {
        if !seen.insert(id) {
            return Err(FileError::Inconsistent(format!(
                "a project is {what} twice"
            )));
        }
    }
    Ok(seen)
}

/// Read a request file.
pub fn decode_request(text: &str) -> Result<Request, FileError> {
    let r: Request = read_file(text, REQUEST_FORMAT)?;
    a_month(&r.month)?;
    let ids = each_once(r.projects.iter().map(|p| p.id.as_str()), "listed")?;
    if let Some(m) = r
        .managers
        .iter()
        .find(|m| m.projects.iter().any(|p| !ids.contains(p.as_str())))
    {
        return Err(FileError::Inconsistent(format!(
            "{} is asked about a project the file does not hold",
            crate::common::text::clip(&m.name, 60)
        )));
    }
    if r.managers.is_empty() {
        return Err(FileError::Inconsistent("it asks nobody".into()));
    }
    Ok(r)
}

/// Read a reply file.
pub fn decode_reply(text: &str) -> Result<Reply, FileError> {
    let r: Reply = read_file(text, REPLY_FORMAT)?;
    a_month(&r.month)?;
    each_once(r.answers.iter().map(|a| a.id.as_str()), "answered")?;
    Ok(r)
}

/// A request or reply as the file's text.
pub fn encode<T: Serialize>(file: &T) -> String {
    crate::common::json::pretty(&serde_json::to_string(file).unwrap_or_default())
}

/// A field both the PMO and a PM changed since the request, to different values. The PMO's
/// value stays; the PM's is in their status update.
#[derive(Clone, Debug, PartialEq)]
pub struct Conflict {
    pub project: String,
    pub field: String,
    /// The value in this workspace (kept).
    pub ours: String,
    /// The value the PM gave.
    pub theirs: String,
    /// The value the request showed.
    pub asked: String,
}

/// What merging one reply did, or would do.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Outcome {
    pub manager: String,
    pub submitted: Option<NaiveDate>,
    pub late: bool,
    /// The reply was merged before: nothing changed.
    pub already: bool,
    /// The reply was refused whole (the reason); nothing of it was applied.
    pub refused: Option<String>,
    /// What changed, one line per project: "PRJ-001: status On track → At risk; update added".
    pub applied: Vec<String>,
    /// What the reply held that it may not change, not applied.
    pub not_applied: Vec<String>,
    pub conflicts: Vec<Conflict>,
}

/// Merge `replies` into `ws` in order, on `today`. Each reply is applied or refused whole
/// (apart from the parts it may not change, which are listed); a refused reply changes
/// nothing. Returns one outcome per reply.
pub fn merge(ws: &mut Workspace, replies: &[Reply], today: NaiveDate) -> Vec<Outcome> {
    replies
        .iter()
        .map(|reply| {
            // What the reply may touch, kept to put back if it is refused: the projects it
            // names and the rounds' record of replies. (A reply only changes those.)
            let places: Vec<usize> = reply
                .answers
                .iter()
                .filter_map(|a| ws.projects.iter().position(|p| p.id == a.id))
                .collect();
            let before: Vec<Project> = places.iter().map(|&i| ws.projects[i].clone()).collect();
            let rounds = ws.rounds.clone();
            let mut outcome = merge_one(ws, reply, today);
            if outcome.refused.is_some() || outcome.already {
                return outcome;
            }
            // The rest of the workspace kept every rule, so only the projects changed are
            // checked (the rounds' ids and months did not change).
            let only = crate::validate::InPlace {
                projects: places.clone(),
                people: Vec::new(),
                portfolios: Vec::new(),
                objectives: Vec::new(),
                assessments: Vec::new(),
            };
            if let Some(problem) = crate::validate::validate_in_place(ws, &only).first() {
                outcome.refused = Some(format!(
                    "applied, it would break a rule of the workspace: {problem}"
                ));
                outcome.applied.clear();
                outcome.conflicts.clear();
                for (&i, p) in places.iter().zip(before) {
                    ws.projects[i] = p;
                }
                ws.rounds = rounds;
            }
            outcome
        })
        .collect()
}

fn merge_one(ws: &mut Workspace, reply: &Reply, today: NaiveDate) -> Outcome {
    let mut out = Outcome {
        manager: reply.manager_name.clone(),
        submitted: Some(reply.submitted),
        late: reply.is_late(),
        ..Outcome::default()
    };
    let Some(ri) = ws.rounds.iter().position(|r| r.id == reply.round) else {
        out.refused = Some(format!(
            "it answers a status round this workspace does not hold ({}, {}): it may be for another workspace",
            crate::common::text::clip(&reply.organisation, 60),
            reply.month_label()
        ));
        return out;
    };
    let round = &ws.rounds[ri];
    let Some(asked) = round
        .requests
        .iter()
        .find(|r| r.manager_id == reply.manager)
    else {
        out.refused = Some(format!(
            "{} was not asked in the round for {}",
            crate::common::text::clip(&reply.manager_name, 60),
            reply.month_label()
        ));
        return out;
    };
    if round
        .replies
        .iter()
        .any(|r| r.manager_id == reply.manager && r.saved_at == reply.saved_at)
    {
        out.already = true;
        return out;
    }
    let allowed: HashSet<String> = asked.projects.iter().cloned().collect();
    let currency = ws.organisation.currency.clone();
    let month = Month::parse(&round.month);
    let day = match month {
        Some(m) if reply.submitted > m.last() => m.last(),
        _ => reply.submitted,
    };
    for a in &reply.answers {
        let label = format!(
            "{} {}",
            crate::common::text::clip(&a.code, 40),
            crate::common::text::clip(&a.name, 80)
        );
        if !allowed.contains(&a.id) {
            out.not_applied.push(format!(
                "{label}: not one of {}’s projects in this round",
                reply.manager_name
            ));
            continue;
        }
        let Some(p) = ws.projects.iter_mut().find(|p| p.id == a.id) else {
            out.not_applied
                .push(format!("{label}: no longer in the register"));
            continue;
        };
        let said = answer_into(
            p,
            a,
            &reply.manager,
            day,
            &mut out.conflicts,
            &label,
            &currency,
        );
        if !said.is_empty() {
            out.applied.push(format!("{}: {}", p.code, said.join("; ")));
        }
    }
    ws.rounds[ri].replies.push(RoundReply {
        manager_id: reply.manager.clone(),
        saved_at: reply.saved_at.clone(),
        submitted: reply.submitted,
        merged: today,
    });
    out
}

/// Apply one answer to its project; returns what changed, in words.
fn answer_into(
    p: &mut Project,
    a: &Answer,
    manager: &str,
    day: NaiveDate,
    conflicts: &mut Vec<Conflict>,
    label: &str,
    currency: &str,
) -> Vec<String> {
    let mut said = Vec::new();
    let mut field = |name: &str, ours: String, asked: String, theirs: String| -> bool {
        if theirs == asked || theirs == ours {
            return false;
        }
        if ours == asked {
            said.push(format!("{name} {ours} → {theirs}"));
            return true;
        }
        conflicts.push(Conflict {
            project: label.to_string(),
            field: name.to_string(),
            ours,
            theirs,
            asked,
        });
        false
    };
    let (g, k) = (&a.given, &a.asked);
    if field(
        "status",
        p.status.label().into(),
        k.status.label().into(),
        g.status.label().into(),
    ) {
        p.status = g.status;
    }
    for (name, ours, asked, theirs) in [
        (
            "schedule",
            &mut p.rag.schedule,
            k.rag.schedule,
            g.rag.schedule,
        ),
        ("cost", &mut p.rag.cost, k.rag.cost, g.rag.cost),
        ("scope", &mut p.rag.scope, k.rag.scope, g.rag.scope),
    ] {
        if field(
            &format!("{name} RAG"),
            ours.label().into(),
            asked.label().into(),
            theirs.label().into(),
        ) {
            *ours = theirs;
        }
    }
    let date = |d: Option<NaiveDate>| d.map_or_else(|| "none".to_string(), |d| d.to_string());
    if field("forecast end", date(p.end), date(k.end), date(g.end)) {
        p.end = g.end;
    }
    if field(
        "forecast cost",
        crate::common::money::format_money(p.budget.forecast, currency),
        crate::common::money::format_money(k.forecast_cost, currency),
        crate::common::money::format_money(g.forecast_cost, currency),
    ) {
        p.budget.forecast = g.forecast_cost;
    }
    if field(
        "% complete",
        format!("{} %", p.percent_complete),
        format!("{} %", k.percent_complete),
        format!("{} %", g.percent_complete),
    ) {
        p.percent_complete = g.percent_complete;
    }
    for r in &g.risks {
        let before = k.risks.iter().find(|x| x.id == r.id);
        let here = p.risks.iter().position(|x| x.id == r.id);
        match (before, here) {
            (None, _) => {
                let mut added = r.clone();
                if here.is_some() {
                    let taken = |id: &str| p.risks.iter().any(|x| x.id == id);
                    added.id = fresh_id("r-", 0, 1, taken);
                }
                said.push(format!("risk “{}” added", added.title));
                p.risks.push(added);
            }
            (Some(b), _) if b == r => {}
            (Some(b), None) => conflicts.push(Conflict {
                project: label.to_string(),
                field: format!("risk “{}”", r.title),
                ours: "removed here".into(),
                theirs: risk_words(r),
                asked: risk_words(b),
            }),
            (Some(b), Some(i)) if p.risks[i] == *b => {
                said.push(format!("risk “{}” updated", r.title));
                p.risks[i] = r.clone();
            }
            (Some(b), Some(i)) if p.risks[i] != *r => conflicts.push(Conflict {
                project: label.to_string(),
                field: format!("risk “{}”", r.title),
                ours: risk_words(&p.risks[i]),
                theirs: risk_words(r),
                asked: risk_words(b),
            }),
            _ => {}
        }
    }
    let update = StatusUpdate {
        date: day,
        status: g.status,
        rag: g.rag,
        commentary: a.commentary.trim().to_string(),
        author_id: Some(manager.to_string()),
    };
    if !p.updates.contains(&update) {
        p.updates.push(update);
        p.updates.sort_by_key(|u| u.date);
        said.push("status update added".into());
    }
    said
}

fn risk_words(r: &Risk) -> String {
    let status = match r.status {
        RiskStatus::Open => "open",
        RiskStatus::Mitigating => "mitigating",
        RiskStatus::Closed => "closed",
    };
    format!(
        "{}, probability {}, impact {}, {status}",
        crate::common::text::clip(&r.title, 80),
        r.probability,
        r.impact
    )
}
