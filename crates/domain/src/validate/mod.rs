//! Validation of a whole workspace. It never stops at the first problem: a user importing a
//! file wants the full list, each problem naming the thing, the field and what is wrong.

use std::collections::HashSet;
use std::fmt;

use crate::model::{Id, Workspace};

/// One problem found in a workspace, precise enough to show a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Where: e.g. `project "p-003" (Data lake)`, field included when it helps.
    pub location: String,
    /// What kind of problem, for grouping and tests.
    pub kind: ProblemKind,
    /// A sentence for the user.
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    DuplicateId,
    DanglingReference,
    ReportingCycle,
    EndBeforeStart,
    NegativeAmount,
    OutOfRange,
    Missing,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location, self.message)
    }
}

mod assessment;
mod org;
mod portfolio;
mod roles;

/// The ids of each kind the workspace holds, for checking references (here, and for the
/// triggers of the repairs after a merge, `document::repair`).
pub(crate) struct Known<'a> {
    pub(crate) people: Ids<'a>,
    pub(crate) units: Ids<'a>,
    pub(crate) roles: Ids<'a>,
    pub(crate) objectives: Ids<'a>,
    pub(crate) portfolios: Ids<'a>,
    pub(crate) programmes: Ids<'a>,
}

impl<'a> Known<'a> {
    /// Every id of each kind, collected once (repeated ids are not reported here).
    pub(crate) fn collected(ws: &'a Workspace) -> Self {
        fn set<'a, T>(list: &'a [T], id: fn(&T) -> &str) -> Ids<'a> {
            Ids::Set(list.iter().map(id).collect())
        }
        Known {
            people: set(&ws.people, |p| &p.id),
            units: set(&ws.units, |u| &u.id),
            roles: set(&ws.roles, |r| &r.id),
            objectives: set(&ws.objectives, |o| &o.id),
            portfolios: set(&ws.portfolios, |p| &p.id),
            programmes: set(&ws.programmes, |p| &p.id),
        }
    }

    /// Each kind's list, scanned at each look-up (for the few entities an edit or a merge
    /// changed).
    pub(crate) fn scanned(ws: &'a Workspace) -> Self {
        Known {
            people: scan(&ws.people, |p| &p.id),
            units: scan(&ws.units, |u| &u.id),
            roles: scan(&ws.roles, |r| &r.id),
            objectives: scan(&ws.objectives, |o| &o.id),
            portfolios: scan(&ws.portfolios, |p| &p.id),
            programmes: scan(&ws.programmes, |p| &p.id),
        }
    }
}

/// The ids of one kind, to look references up in.
pub(crate) enum Ids<'a> {
    /// Every id, collected once (when every entity is checked).
    Set(HashSet<&'a str>),
    /// The kind's list, scanned at each look-up (when only an edit's few entities are
    /// checked, collecting every id would cost more than the few look-ups).
    Scan(Box<dyn Fn(&str) -> bool + 'a>),
}

impl Ids<'_> {
    pub(crate) fn contains(&self, id: &str) -> bool {
        match self {
            Ids::Set(set) => set.contains(id),
            Ids::Scan(has) => has(id),
        }
    }
}

/// The ids of `list`, scanned at each look-up.
fn scan<'a, T>(list: &'a [T], id: fn(&T) -> &str) -> Ids<'a> {
    // An entity names the same few people again and again (its managers own its risks and
    // write its updates): an id found once is not searched for again.
    let found = std::cell::RefCell::new(Vec::<&'a str>::new());
    Ids::Scan(Box::new(move |wanted| {
        if found.borrow().contains(&wanted) {
            return true;
        }
        match list.iter().map(id).find(|x| *x == wanted) {
            Some(x) => {
                found.borrow_mut().push(x);
                true
            }
            None => false,
        }
    }))
}

struct Checker<'a> {
    ws: &'a Workspace,
    problems: Vec<Problem>,
    /// `Some` when only the entities an edit changed in place are checked.
    only: Option<&'a InPlace>,
}

/// The entities an edit changed in place, by their place in their list (ascending): the
/// edit kept every id and every order, added and removed nothing, and changed nothing but
/// these projects, people, portfolios, objectives and assessments (and perhaps the
/// organisation's own fields, which are always checked).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InPlace {
    pub projects: Vec<usize>,
    pub people: Vec<usize>,
    pub portfolios: Vec<usize>,
    pub objectives: Vec<usize>,
    pub assessments: Vec<usize>,
}

/// The items of `all` to check: every one, or only those at `places`.
fn pick<'w, T>(all: &'w [T], places: Option<&[usize]>) -> Vec<&'w T> {
    match places {
        None => all.iter().collect(),
        Some(places) => places.iter().filter_map(|&i| all.get(i)).collect(),
    }
}

impl Checker<'_> {
    /// What of a kind to check (see [`pick`]); `places` chooses the kind's places in
    /// [`InPlace`], and a kind it does not name has nothing to check when only an edit's
    /// entities are checked.
    fn pick<'w, T>(&self, all: &'w [T], places: impl Fn(&InPlace) -> &[usize]) -> Vec<&'w T> {
        pick(all, self.only.map(places))
    }

    /// Whether every entity is checked (not only an edit's).
    fn whole(&self) -> bool {
        self.only.is_none()
    }

    fn push(&mut self, location: impl std::fmt::Display, kind: ProblemKind, message: String) {
        self.problems.push(Problem {
            location: location.to_string(),
            kind,
            message,
        });
    }

    fn unique_ids<'b>(
        &mut self,
        kind: &str,
        ids: impl Iterator<Item = &'b Id>,
    ) -> HashSet<&'b str> {
        let mut seen = HashSet::new();
        let mut reported = HashSet::new();
        for id in ids {
            if id.trim().is_empty() {
                self.push(
                    format!("{kind} with an empty id"),
                    ProblemKind::Missing,
                    "every item needs an id".into(),
                );
            } else if !seen.insert(id.as_str()) && reported.insert(id.as_str()) {
                self.push(
                    format!("{kind} \"{id}\""),
                    ProblemKind::DuplicateId,
                    format!("the id \"{id}\" is used by more than one {kind}"),
                );
            }
        }
        seen
    }

    fn reference(
        &mut self,
        location: impl std::fmt::Display,
        field: &str,
        target_kind: &str,
        id: &str,
        known: &Ids,
    ) {
        if !known.contains(id) {
            self.push(
                location,
                ProblemKind::DanglingReference,
                format!("{field} refers to {target_kind} \"{id}\", which does not exist"),
            );
        }
    }

    fn amount(&mut self, location: impl std::fmt::Display, field: &str, amount: i64) {
        if amount < 0 {
            self.push(
                location,
                ProblemKind::NegativeAmount,
                format!("{field} is negative ({amount}); amounts must be zero or more"),
            );
        } else if amount > crate::common::money::MAX_MONEY {
            self.push(
                location,
                ProblemKind::OutOfRange,
                format!(
                    "{field} is {amount} minor units, more than the most an amount may be ({})",
                    crate::common::money::MAX_MONEY
                ),
            );
        }
    }
}

/// Where a problem is: `project "p-1" (CRM renewal)`. Written out only when a problem is
/// found (a workspace of 10,000 projects has no problem to report on most of them).
#[derive(Clone, Copy)]
struct Loc<'a> {
    kind: &'a str,
    id: &'a str,
    name: &'a str,
}

impl std::fmt::Display for Loc<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let Loc { kind, id, name } = self;
        if name.is_empty() {
            write!(f, "{kind} \"{id}\"")
        } else {
            write!(f, "{kind} \"{id}\" ({name})")
        }
    }
}

/// A location written out only when a problem is found.
#[derive(Clone, Copy)]
struct Lazy<F: Fn(&mut std::fmt::Formatter<'_>) -> std::fmt::Result>(F);

impl<F: Fn(&mut std::fmt::Formatter<'_>) -> std::fmt::Result> std::fmt::Display for Lazy<F> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        (self.0)(f)
    }
}

fn label<'a>(kind: &'a str, id: &'a str, name: &'a str) -> Loc<'a> {
    Loc { kind, id, name }
}

/// Check an organisation name as typed; returns the name to store.
pub fn organisation_name(input: &str) -> Result<String, &'static str> {
    let name = input.trim();
    if name.is_empty() {
        Err("The organisation needs a name.")
    } else {
        Ok(name.to_string())
    }
}

/// Check a currency code as typed (any case); returns the ISO 4217-style code to store.
pub fn currency_code(input: &str) -> Result<String, &'static str> {
    let code = input.trim().to_uppercase();
    if code.len() == 3 && code.chars().all(|ch| ch.is_ascii_uppercase()) {
        Ok(code)
    } else {
        Err("Use a three-letter code such as EUR, USD or GBP.")
    }
}

/// Check a workspace and return every problem found (empty when valid). Every document read
/// from storage or a file goes through it in full: no mark inside the input can skip it.
/// The organisation's own fields and the ids of every kind are checked here; each feature's
/// rules are in this folder's files, called in this order.
pub fn validate(ws: &Workspace) -> Vec<Problem> {
    run(ws, None)
}

/// [`validate`] for a workspace an edit changed only in place: `ws` is the workspace after
/// the edit, which held every rule before it, and `only` names what the edit changed. Only
/// the changed entities are checked (their fields and their references; the reporting lines
/// when people changed), and the result is what [`validate`] would say of `ws`, at a
/// fraction of the cost on a large workspace. The property test in `tests/validation.rs`
/// holds the two to agreeing.
pub fn validate_in_place(ws: &Workspace, only: &InPlace) -> Vec<Problem> {
    run(ws, Some(only))
}

fn run<'a>(ws: &'a Workspace, only: Option<&'a InPlace>) -> Vec<Problem> {
    let mut c = Checker {
        ws,
        problems: Vec::new(),
        only,
    };
    // An edit in place keeps every id (they were unique and not empty before it), so the
    // ids are only looked up, never collected.
    let known = if only.is_some() {
        Known::scanned(ws)
    } else {
        let known = Known {
            people: Ids::Set(c.unique_ids("person", ws.people.iter().map(|p| &p.id))),
            units: Ids::Set(c.unique_ids("unit", ws.units.iter().map(|u| &u.id))),
            roles: Ids::Set(c.unique_ids("role", ws.roles.iter().map(|r| &r.id))),
            objectives: Ids::Set(c.unique_ids("objective", ws.objectives.iter().map(|o| &o.id))),
            portfolios: Ids::Set(c.unique_ids("portfolio", ws.portfolios.iter().map(|p| &p.id))),
            programmes: Ids::Set(c.unique_ids("programme", ws.programmes.iter().map(|p| &p.id))),
        };
        c.unique_ids("project", ws.projects.iter().map(|p| &p.id));
        c.unique_ids("assessment", ws.assessments.iter().map(|a| &a.id));
        c.unique_ids("status round", ws.rounds.iter().map(|r| &r.id));
        c.unique_ids("report summary", ws.report_notes.iter().map(|n| &n.id));
        for n in &ws.report_notes {
            let month = crate::portfolio::report::Month::parse(&n.id).map(|m| m.slug());
            if month.as_deref() != Some(n.id.as_str()) {
                c.push(
                    format!("report summary {}", n.id),
                    ProblemKind::OutOfRange,
                    format!("“{}” is not a month (YYYY-MM)", n.id),
                );
            }
        }
        for r in &ws.rounds {
            if crate::portfolio::report::Month::parse(&r.month).is_none() {
                c.push(
                    format!("status round {}", r.id),
                    ProblemKind::OutOfRange,
                    format!("“{}” is not a month (YYYY-MM)", r.month),
                );
            }
        }
        known
    };

    if c.ws.organisation.name.trim().is_empty() {
        c.push(
            "organisation",
            ProblemKind::Missing,
            "the organisation needs a name".into(),
        );
    }
    if c.ws.organisation.currency.len() != 3
        || !c
            .ws
            .organisation
            .currency
            .chars()
            .all(|ch| ch.is_ascii_uppercase())
    {
        c.push(
            "organisation",
            ProblemKind::OutOfRange,
            format!(
                "currency \"{}\" is not a three-letter code such as EUR",
                c.ws.organisation.currency
            ),
        );
    }

    org::check_org(&mut c, &known);
    portfolio::check_portfolio(&mut c, &known);
    roles::check_roles(&mut c);
    assessment::check_assessments(&mut c, &known);
    c.problems
}
