//! Editing projects: the per-field checks of the project form, new ids and codes, duplicating,
//! recording a status update, the gate record, milestones and the risk log, and parsing what
//! people type into money and date fields.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::{
    Budget, Gate, GateDecision, Id, Milestone, Money, Phase, Project, Risk, RiskKind, RiskStatus,
    Status, StatusUpdate, Workspace,
};

/// A problem with one field of the project form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The form field, e.g. `end` or `budget.actual`.
    pub field: &'static str,
    pub message: String,
}

fn err(field: &'static str, message: impl Into<String>) -> FieldError {
    FieldError {
        field,
        message: message.into(),
    }
}

/// Check a project as edited in the form against the rest of the workspace. The project's
/// own previous version (same id) is not a clash.
///
/// One check looks each reference up where it lives, without indexing the workspace: the form
/// checks at each keystroke, and an index of 10 000 projects cost milliseconds each time.
pub fn check_project(ws: &Workspace, p: &Project) -> Vec<FieldError> {
    let code = p.code.trim();
    let same_code = |q: &&Project| lower(q.code.trim()).eq(lower(code));
    check_with(
        p,
        |_| ws.projects.iter().find(same_code).map(|q| q.id.as_str()),
        |id| ws.portfolios.iter().any(|x| x.id == id),
        |id| {
            ws.programmes
                .iter()
                .find(|x| x.id == id)
                .map(|x| x.portfolio_id.as_str())
        },
        |id| ws.people.iter().any(|x| x.id == id),
    )
}

/// The characters of `s` in lower case, as [`str::to_lowercase`] makes them.
fn lower(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
}

/// [`check_project`] for many projects against one workspace (a CSV import): the workspace
/// is indexed once, so each check costs the same however large it is.
pub struct ProjectChecks<'a> {
    /// Lower-case code → the id of the project that has it.
    codes: HashMap<String, Id>,
    portfolios: HashSet<&'a str>,
    programmes: HashMap<&'a str, &'a str>,
    people: HashSet<&'a str>,
    /// People an import adds along with the projects.
    new_people: HashSet<Id>,
}

impl<'a> ProjectChecks<'a> {
    pub fn new(ws: &'a Workspace) -> Self {
        let mut codes = HashMap::with_capacity(ws.projects.len());
        for p in &ws.projects {
            codes
                .entry(p.code.trim().to_lowercase())
                .or_insert_with(|| p.id.clone());
        }
        ProjectChecks {
            codes,
            portfolios: ws.portfolios.iter().map(|p| p.id.as_str()).collect(),
            programmes: ws
                .programmes
                .iter()
                .map(|p| (p.id.as_str(), p.portfolio_id.as_str()))
                .collect(),
            people: ws.people.iter().map(|p| p.id.as_str()).collect(),
            new_people: HashSet::new(),
        }
    }

    /// Count the person `id` (added along with the projects) as existing from now on.
    pub fn add_person(&mut self, id: &str) {
        if !self.people.contains(id) {
            self.new_people.insert(id.to_string());
        }
    }

    /// Count `p` as part of the workspace from now on (its code is taken).
    pub fn add(&mut self, p: &Project) {
        self.codes
            .entry(p.code.trim().to_lowercase())
            .or_insert_with(|| p.id.clone());
    }

    pub fn check(&self, p: &Project) -> Vec<FieldError> {
        check_with(
            p,
            |code| self.codes.get(&code.to_lowercase()).map(String::as_str),
            |id| self.portfolios.contains(id),
            |id| self.programmes.get(id).copied(),
            |id| self.people.contains(id) || self.new_people.contains(id),
        )
    }
}

/// The checks of [`check_project`], with the workspace's look-ups: the id of the project that
/// owns a code (the first with it, compared in lower case), whether a portfolio or person
/// exists, and the portfolio a programme belongs to.
fn check_with<'w>(
    p: &Project,
    code_owner: impl Fn(&str) -> Option<&'w str>,
    has_portfolio: impl Fn(&str) -> bool,
    programme_portfolio: impl Fn(&str) -> Option<&'w str>,
    has_person: impl Fn(&str) -> bool,
) -> Vec<FieldError> {
    let mut out = Vec::new();
    if p.name.trim().is_empty() {
        out.push(err("name", "Give the project a name."));
    }
    let code = p.code.trim();
    if code.is_empty() {
        out.push(err("code", "Give the project a code, such as PRJ-0042."));
    } else if code_owner(code).is_some_and(|owner| owner != p.id) {
        out.push(err(
            "code",
            format!("The code {code} is already used by another project."),
        ));
    }
    if !has_portfolio(&p.portfolio_id) {
        out.push(err(
            "portfolio",
            "Choose the portfolio the project belongs to.",
        ));
    }
    if let Some(pg) = &p.programme_id {
        match programme_portfolio(pg) {
            None => out.push(err("programme", "This programme does not exist.")),
            Some(owner) if owner != p.portfolio_id => out.push(err(
                "programme",
                "This programme belongs to another portfolio; choose one of this portfolio's programmes or none.",
            )),
            Some(_) => {}
        }
    }
    for m in &p.managers {
        if !has_person(&m.person_id) {
            out.push(err(
                "managers",
                format!("Unknown person \"{}\" as project manager.", m.person_id),
            ));
        }
    }
    for (field, who) in [
        ("sponsor", &p.sponsor_id),
        ("pmo_contact", &p.pmo_contact_id),
    ] {
        if let Some(id) = who {
            if !has_person(id) {
                out.push(err(field, format!("Unknown person \"{id}\".")));
            }
        }
    }
    if let (Some(s), Some(e)) = (p.start, p.end) {
        if e < s {
            out.push(err(
                "end",
                format!("The end date {e} is before the start date {s}."),
            ));
        }
    }
    if let (Some(s), Some(b)) = (p.start, p.baseline_end) {
        if b < s {
            out.push(err(
                "baseline_end",
                format!("The baseline end {b} is before the start date {s}."),
            ));
        }
    }
    for (field, amount) in [
        ("budget.planned", p.budget.planned),
        ("budget.actual", p.budget.actual),
        ("budget.forecast", p.budget.forecast),
    ] {
        if amount < 0 {
            out.push(err(field, "Amounts cannot be negative."));
        } else if amount > crate::common::money::MAX_MONEY {
            out.push(err(
                field,
                "That amount is too large (the most is 10,000,000,000,000).",
            ));
        }
    }
    if p.percent_complete > 100 {
        out.push(err("percent_complete", "Use a percentage from 0 to 100."));
    }
    out
}

/// An id not used by any project yet (`p-001`, `p-002`, …).
pub fn new_project_id(ws: &Workspace) -> Id {
    let used: std::collections::HashSet<&str> = ws.projects.iter().map(|p| p.id.as_str()).collect();
    crate::common::ids::fresh_id("p-", 3, ws.projects.len() as u64 + 1, |id| {
        used.contains(id)
    })
}

/// The number of a code in the `PRJ-0001` series.
fn code_number(code: &str) -> Option<u64> {
    code.strip_prefix("PRJ-")?.parse().ok()
}

/// The next free code in the `PRJ-0001` series: one past the highest (codes compare without
/// regard to case, as the register does).
pub fn next_code(ws: &Workspace) -> String {
    let highest = ws
        .projects
        .iter()
        .filter_map(|p| code_number(&p.code))
        .max()
        .unwrap_or(0);
    let used: std::collections::HashSet<String> =
        ws.projects.iter().map(|p| p.code.to_uppercase()).collect();
    crate::common::ids::first_free_id("PRJ-", 4, highest.saturating_add(1), |c| used.contains(c))
}

/// A fresh project for the form: first portfolio, initiation, no status yet.
pub fn blank_project(ws: &Workspace) -> Project {
    Project {
        id: new_project_id(ws),
        code: next_code(ws),
        name: String::new(),
        description: String::new(),
        portfolio_id: ws
            .portfolios
            .first()
            .map(|p| p.id.clone())
            .unwrap_or_default(),
        programme_id: None,
        managers: Vec::new(),
        sponsor_id: None,
        pmo_contact_id: None,
        phase: Phase::Initiation,
        status: Status::NotStarted,
        rag: Default::default(),
        start: None,
        end: None,
        baseline_end: None,
        budget: Budget::default(),
        percent_complete: 0,
        scores: Vec::new(),
        gates: Vec::new(),
        risks: Vec::new(),
        milestones: Vec::new(),
        updates: Vec::new(),
        archived: false,
    }
}

/// A copy of a project to start a similar one: new id and code, "(copy)" name, no history.
pub fn duplicate(ws: &Workspace, original: &Project) -> Project {
    let mut copy = original.clone();
    copy.id = new_project_id(ws);
    copy.code = next_code(ws);
    copy.name = format!("{} (copy)", original.name);
    copy.updates.clear();
    copy.archived = false;
    copy.status = Status::NotStarted;
    copy.rag = Default::default();
    copy.budget.actual = 0;
    copy.percent_complete = 0;
    for (i, r) in copy.risks.iter_mut().enumerate() {
        r.id = format!("{}-r{}", copy.id, i + 1);
    }
    for (i, m) in copy.milestones.iter_mut().enumerate() {
        m.id = format!("{}-m{}", copy.id, i + 1);
        m.done = None;
    }
    copy
}

/// Record a status update: it becomes the project's current status and RAG, and joins the
/// history in date order (an update for a date already reported replaces that one).
pub fn record_update(p: &mut Project, update: StatusUpdate) {
    p.updates.retain(|u| u.date != update.date);
    p.updates.push(update);
    p.updates.sort_by_key(|u| u.date);
    if let Some(latest) = p.updates.last() {
        p.status = latest.status;
        p.rag = latest.rag;
    }
}

/// Why several projects' status changes at once: one reason for all, or one per project
/// (by id).
#[derive(Clone, Debug, PartialEq)]
pub enum BulkReason {
    All(String),
    Each(HashMap<Id, String>),
}

impl BulkReason {
    fn of(&self, id: &str) -> Option<&str> {
        let text = match self {
            BulkReason::All(t) => Some(t.as_str()),
            BulkReason::Each(each) => each.get(id).map(String::as_str),
        };
        text.map(str::trim).filter(|t| !t.is_empty())
    }
}

/// Set the status of the projects with these ids at once, each recording a dated status
/// update (its RAG kept) whose commentary is the reason given for it. A reason is required
/// for every project: without one for each, nothing changes and the codes of those without
/// are returned. A project that already has an update for `today` keeps that update's
/// commentary, the reason added after it (a status change never replaces commentary).
/// Returns how many projects changed.
pub fn set_status(
    ws: &mut Workspace,
    ids: &HashSet<&str>,
    status: Status,
    today: NaiveDate,
    reason: &BulkReason,
) -> Result<usize, Vec<String>> {
    let missing: Vec<String> = ws
        .projects
        .iter()
        .filter(|p| ids.contains(p.id.as_str()) && reason.of(&p.id).is_none())
        .map(|p| p.code.clone())
        .collect();
    if !missing.is_empty() {
        return Err(missing);
    }
    let mut n = 0;
    for p in ws
        .projects
        .iter_mut()
        .filter(|p| ids.contains(p.id.as_str()))
    {
        let why = reason.of(&p.id).unwrap_or_default();
        let commentary = match p.updates.iter().find(|u| u.date == today) {
            Some(u) if !u.commentary.trim().is_empty() && !u.commentary.contains(why) => {
                format!("{}\n{why}", u.commentary.trim_end())
            }
            Some(u) if !u.commentary.trim().is_empty() => u.commentary.clone(),
            _ => why.to_string(),
        };
        let rag = p.rag;
        record_update(
            p,
            StatusUpdate {
                date: today,
                status,
                rag,
                commentary,
                author_id: None,
            },
        );
        n += 1;
    }
    Ok(n)
}

/// The fields the project form edits, one list for [`save_form`] and [`same_form`]: runs
/// `$each!` on each (the budget field by field, so that the planned budget and the actual
/// cost merge apart).
macro_rules! form_fields {
    ($each:ident) => {
        $each!(code);
        $each!(name);
        $each!(description);
        $each!(portfolio_id);
        $each!(programme_id);
        $each!(managers);
        $each!(sponsor_id);
        $each!(pmo_contact_id);
        $each!(phase);
        $each!(start);
        $each!(end);
        $each!(baseline_end);
        $each!(percent_complete);
        $each!(scores);
        $each!(budget.planned);
        $each!(budget.actual);
        $each!(budget.forecast);
    };
}

/// Save what the project form changed. `base` is the project as the form last saw it (as
/// it opened, or as it last wrote it) and `form` what it holds now: only the fields the form
/// edits and that differ from `base` are written onto the project, so that whatever else
/// changed meanwhile (a risk added below the form, a status update, another tab's edit of
/// another field) stays. A project not in the workspace yet is added whole.
///
/// The form's fields: name, code, description, portfolio, programme, managers, sponsor, PMO
/// contact, phase, status (set by the form of a new project only), the dates, % complete,
/// the budget and the objective scores.
pub fn save_form(ws: &mut Workspace, base: &Project, form: Project) {
    let Some(existing) = ws.projects.iter_mut().find(|x| x.id == form.id) else {
        ws.projects.push(form);
        return;
    };
    macro_rules! write_changed {
        ($($field:ident).+) => {
            if form.$($field).+ != base.$($field).+ {
                existing.$($field).+ = form.$($field).+.clone();
            }
        };
    }
    form_fields!(write_changed);
}

/// What of a form with problems can be saved: `form` with each field an error names put
/// back as it is in `base` (an end date before the start goes back to the stored end date).
/// The result may still have problems (check it again); the fields put back stay in the form
/// as typed, for the user to fix.
pub fn without_problems(form: &Project, base: &Project, errors: &[FieldError]) -> Project {
    let mut out = form.clone();
    for e in errors {
        match e.field {
            "name" => out.name.clone_from(&base.name),
            "code" => out.code.clone_from(&base.code),
            "portfolio" | "programme" => {
                out.portfolio_id.clone_from(&base.portfolio_id);
                out.programme_id.clone_from(&base.programme_id);
            }
            "managers" => out.managers.clone_from(&base.managers),
            "sponsor" => out.sponsor_id.clone_from(&base.sponsor_id),
            "pmo_contact" => out.pmo_contact_id.clone_from(&base.pmo_contact_id),
            "start" | "end" | "baseline_end" => {
                out.start = base.start;
                out.end = base.end;
                out.baseline_end = base.baseline_end;
            }
            "budget.planned" => out.budget.planned = base.budget.planned,
            "budget.actual" => out.budget.actual = base.budget.actual,
            "budget.forecast" => out.budget.forecast = base.budget.forecast,
            "percent_complete" => out.percent_complete = base.percent_complete,
            _ => {}
        }
    }
    out
}

/// Whether `a` and `b` hold the same values in every field the project form edits (see
/// [`save_form`]).
pub fn same_form(a: &Project, b: &Project) -> bool {
    let mut same = true;
    macro_rules! compare {
        ($($field:ident).+) => {
            same &= a.$($field).+ == b.$($field).+;
        };
    }
    form_fields!(compare);
    same
}

/// Parse an amount as typed ("1,250,000", "EUR 1 250 000.50", "300k", "1.25m") into minor
/// units. The value is exact: digits finer than a cent are refused, never cut, and an amount
/// beyond [`crate::common::money::MAX_MONEY`] is refused, never wrapped.
pub fn parse_money(input: &str) -> Result<Money, &'static str> {
    const EXAMPLE: &str = "Type an amount such as 250000 or 1,250,000.";
    let cleaned: String = input
        .chars()
        .filter(|c| !c.is_whitespace() && *c != ',' && *c != '\'' && *c != '_')
        .collect();
    if cleaned.is_empty() {
        return Ok(0);
    }
    let cleaned =
        cleaned.trim_start_matches(|c: char| c.is_ascii_alphabetic() || "€$£¥".contains(c));
    if cleaned.is_empty() {
        return Err(EXAMPLE);
    }
    if cleaned.starts_with('-') {
        return Err("Amounts cannot be negative.");
    }
    // The suffix moves the decimal point: k by three places, m by six.
    let (number, shift) = match cleaned.strip_suffix(['k', 'K']) {
        Some(n) => (n, 3),
        None => match cleaned.strip_suffix(['m', 'M']) {
            Some(n) => (n, 6),
            None => (cleaned, 0),
        },
    };
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if whole.is_empty() && frac.is_empty() {
        return Err(EXAMPLE);
    }
    if !whole.bytes().all(|c| c.is_ascii_digit()) || !frac.bytes().all(|c| c.is_ascii_digit()) {
        return Err(EXAMPLE);
    }
    // Minor units have two decimals: "1.5" has room for one more, "1.234567k" for none.
    let room = shift + 2;
    if frac.len() > room {
        return Err(if shift == 0 {
            "Use at most two decimals."
        } else {
            "That amount is more precise than a cent."
        });
    }
    let too_large = "That amount is too large (the most is 10,000,000,000,000).";
    let mut minor: i64 = 0;
    for b in whole.bytes().chain(frac.bytes()) {
        minor = minor
            .checked_mul(10)
            .and_then(|m| m.checked_add(i64::from(b - b'0')))
            .filter(|m| *m <= crate::common::money::MAX_MONEY)
            .ok_or(too_large)?;
    }
    for _ in frac.len()..room {
        minor = minor
            .checked_mul(10)
            .filter(|m| *m <= crate::common::money::MAX_MONEY)
            .ok_or(too_large)?;
    }
    Ok(minor)
}

/// Show minor units as a plain number for an input field ("1250000" or "1250000.50").
pub fn money_input(amount: Money) -> String {
    if amount % 100 == 0 {
        (amount / 100).to_string()
    } else {
        format!("{}.{:02}", amount / 100, (amount % 100).abs())
    }
}

/// Parse the value of an `<input type="date">` (`""` means no date).
pub fn parse_date(input: &str) -> Result<Option<NaiveDate>, &'static str> {
    let t = input.trim();
    if t.is_empty() {
        return Ok(None);
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map(Some)
        .map_err(|_| "Use a date such as 2026-12-31.")
}

/// Record the gate of a phase (decision, date, note), replacing any earlier record. A pending
/// gate without date or note is no record at all and is removed. Gates stay in lifecycle order.
pub fn set_gate(p: &mut Project, gate: Gate) {
    p.gates.retain(|g| g.phase != gate.phase);
    let empty = gate.decision == GateDecision::Pending
        && gate.date.is_none()
        && gate.note.trim().is_empty();
    if !empty {
        p.gates.push(Gate {
            note: gate.note.trim().to_string(),
            ..gate
        });
    }
    p.gates
        .sort_by_key(|g| Phase::ALL.iter().position(|x| *x == g.phase));
}

/// A new id for a milestone (`m`) or risk (`r`) of the project, unused within it.
pub fn next_item_id(p: &Project, kind: char) -> Id {
    let taken =
        |id: &str| p.milestones.iter().any(|m| m.id == id) || p.risks.iter().any(|r| r.id == id);
    (1..)
        .map(|n| crate::common::ids::for_this_copy(format!("{}-{kind}{n}", p.id)))
        .find(|id| !taken(id))
        .expect("an unused id")
}

/// Add a milestone from what was typed; every problem is reported per field
/// (`milestone-name`, `milestone-due`). Milestones stay in due-date order.
pub fn add_milestone(p: &mut Project, name: &str, due: &str) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if name.trim().is_empty() {
        errors.push(err("milestone-name", "Name the milestone."));
    }
    let due = match parse_date(due) {
        Ok(Some(d)) => Some(d),
        Ok(None) => {
            errors.push(err("milestone-due", "Give the date it is due."));
            None
        }
        Err(e) => {
            errors.push(err("milestone-due", e));
            None
        }
    };
    let (true, Some(due)) = (errors.is_empty(), due) else {
        return Err(errors);
    };
    let id = next_item_id(p, 'm');
    p.milestones.push(Milestone {
        id,
        name: name.trim().to_string(),
        due,
        done: None,
    });
    p.milestones.sort_by_key(|m| m.due);
    Ok(())
}

/// Mark a milestone reached on `day`, or open again with `None`.
pub fn set_milestone_done(p: &mut Project, id: &str, day: Option<NaiveDate>) {
    if let Some(m) = p.milestones.iter_mut().find(|m| m.id == id) {
        m.done = day;
    }
}

/// A risk or issue as typed in the form.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskDraft {
    pub kind: RiskKind,
    pub title: String,
    pub probability: u8,
    pub impact: u8,
    pub owner_id: Option<Id>,
}

/// Add an entry to the risk log; problems are reported per field (`risk-title`,
/// `risk-probability`, `risk-impact`, `risk-owner`).
pub fn add_risk(ws: &Workspace, p: &mut Project, draft: RiskDraft) -> Result<(), Vec<FieldError>> {
    let mut errors = Vec::new();
    if draft.title.trim().is_empty() {
        errors.push(err("risk-title", "Describe the risk or issue."));
    }
    if !(1..=5).contains(&draft.probability) {
        errors.push(err(
            "risk-probability",
            "Probability is 1 (rare) to 5 (almost certain).",
        ));
    }
    if !(1..=5).contains(&draft.impact) {
        errors.push(err("risk-impact", "Impact is 1 (minor) to 5 (severe)."));
    }
    if let Some(owner) = &draft.owner_id {
        if !ws.people.iter().any(|x| &x.id == owner) {
            errors.push(err("risk-owner", "The owner is not in the organisation."));
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let id = next_item_id(p, 'r');
    p.risks.push(Risk {
        id,
        kind: draft.kind,
        title: draft.title.trim().to_string(),
        probability: draft.probability,
        impact: draft.impact,
        owner_id: draft.owner_id,
        status: RiskStatus::Open,
    });
    Ok(())
}

/// Set the status of a risk-log entry.
pub fn set_risk_status(p: &mut Project, id: &str, status: RiskStatus) {
    if let Some(r) = p.risks.iter_mut().find(|r| r.id == id) {
        r.status = status;
    }
}

/// Add a portfolio called `name` (trimmed; names are unique, whatever their case). Returns
/// its id, or why not.
pub fn add_portfolio(ws: &mut Workspace, name: &str) -> Result<Id, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Name the portfolio, for example “Customer & Growth”.".into());
    }
    if ws
        .portfolios
        .iter()
        .any(|p| p.name.trim().eq_ignore_ascii_case(name))
    {
        return Err(format!("There is a portfolio called “{name}” already."));
    }
    let id = crate::common::ids::fresh_id("pf-", 1, ws.portfolios.len() as u64 + 1, |id| {
        ws.portfolios.iter().any(|p| p.id == id)
    });
    ws.portfolios.push(crate::model::Portfolio {
        id: id.clone(),
        name: name.to_string(),
        description: String::new(),
        manager_id: None,
    });
    Ok(id)
}
