//! Validation of a whole workspace. It never stops at the first problem: a user importing a
//! file wants the full list, each problem naming the thing, the field and what is wrong.

use std::collections::{HashMap, HashSet};
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

struct Checker<'a> {
    ws: &'a Workspace,
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn push(&mut self, location: String, kind: ProblemKind, message: String) {
        self.problems.push(Problem {
            location,
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
        location: &str,
        field: &str,
        target_kind: &str,
        id: &str,
        known: &HashSet<&str>,
    ) {
        if !known.contains(id) {
            self.push(
                location.to_string(),
                ProblemKind::DanglingReference,
                format!("{field} refers to {target_kind} \"{id}\", which does not exist"),
            );
        }
    }

    fn amount(&mut self, location: &str, field: &str, amount: i64) {
        if amount < 0 {
            self.push(
                location.to_string(),
                ProblemKind::NegativeAmount,
                format!("{field} is negative ({amount}); amounts must be zero or more"),
            );
        } else if amount > crate::common::money::MAX_MONEY {
            self.push(
                location.to_string(),
                ProblemKind::OutOfRange,
                format!(
                    "{field} is {amount} minor units, more than the most an amount may be ({})",
                    crate::common::money::MAX_MONEY
                ),
            );
        }
    }
}

fn label(kind: &str, id: &str, name: &str) -> String {
    if name.is_empty() {
        format!("{kind} \"{id}\"")
    } else {
        format!("{kind} \"{id}\" ({name})")
    }
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
pub fn validate(ws: &Workspace) -> Vec<Problem> {
    let mut c = Checker {
        ws,
        problems: Vec::new(),
    };
    let people = c.unique_ids("person", ws.people.iter().map(|p| &p.id));
    let units = c.unique_ids("unit", ws.units.iter().map(|u| &u.id));
    let roles = c.unique_ids("role", ws.roles.iter().map(|r| &r.id));
    let objectives = c.unique_ids("objective", ws.objectives.iter().map(|o| &o.id));
    let portfolios = c.unique_ids("portfolio", ws.portfolios.iter().map(|p| &p.id));
    let programmes = c.unique_ids("programme", ws.programmes.iter().map(|p| &p.id));
    c.unique_ids("project", ws.projects.iter().map(|p| &p.id));
    c.unique_ids("assessment", ws.assessments.iter().map(|a| &a.id));

    if c.ws.organisation.name.trim().is_empty() {
        c.push(
            "organisation".into(),
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
            "organisation".into(),
            ProblemKind::OutOfRange,
            format!(
                "currency \"{}\" is not a three-letter code such as EUR",
                c.ws.organisation.currency
            ),
        );
    }

    for p in &ws.people {
        let loc = label("person", &p.id, &p.name);
        if p.name.trim().is_empty() {
            c.push(loc.clone(), ProblemKind::Missing, "name is empty".into());
        }
        if let Some(m) = &p.manager_id {
            if m == &p.id {
                c.push(
                    loc.clone(),
                    ProblemKind::ReportingCycle,
                    "reports to themselves".into(),
                );
            } else {
                c.reference(&loc, "manager", "person", m, &people);
            }
        }
        if let Some(r) = &p.role_id {
            c.reference(&loc, "role", "role", r, &roles);
        }
        if let Some(u) = &p.unit_id {
            c.reference(&loc, "unit", "unit", u, &units);
        }
    }
    for cycle in crate::org::lines::reporting_cycles(ws) {
        let names: Vec<String> = cycle
            .iter()
            .map(|id| ws.person(id).map_or(id.clone(), |p| p.name.clone()))
            .collect();
        c.push(
            label("person", &cycle[0], &names[0]),
            ProblemKind::ReportingCycle,
            format!(
                "solid reporting lines form a loop: {} → {}",
                names.join(" → "),
                names[0]
            ),
        );
    }
    for (i, d) in ws.dotted_lines.iter().enumerate() {
        let loc = format!("dotted line #{} ({} → {})", i + 1, d.from, d.to);
        c.reference(&loc, "from", "person", &d.from, &people);
        c.reference(&loc, "to", "person", &d.to, &people);
        if d.from == d.to {
            c.push(
                loc,
                ProblemKind::ReportingCycle,
                "a dotted line cannot point to the same person".into(),
            );
        }
    }
    for o in &ws.objectives {
        if o.weight == 0 {
            c.push(
                label("objective", &o.id, &o.name),
                ProblemKind::OutOfRange,
                "weight must be at least 1".into(),
            );
        }
    }
    for p in &ws.portfolios {
        if let Some(m) = &p.manager_id {
            c.reference(
                &label("portfolio", &p.id, &p.name),
                "manager",
                "person",
                m,
                &people,
            );
        }
    }
    for p in &ws.programmes {
        let loc = label("programme", &p.id, &p.name);
        c.reference(&loc, "portfolio", "portfolio", &p.portfolio_id, &portfolios);
        if let Some(m) = &p.manager_id {
            c.reference(&loc, "manager", "person", m, &people);
        }
        if let Some(u) = &p.pmo_unit_id {
            c.reference(&loc, "PMO unit", "unit", u, &units);
        }
    }
    let programme_portfolio: HashMap<&str, &str> = ws
        .programmes
        .iter()
        .map(|p| (p.id.as_str(), p.portfolio_id.as_str()))
        .collect();
    for p in &ws.projects {
        let loc = label("project", &p.id, &p.name);
        if p.name.trim().is_empty() {
            c.push(loc.clone(), ProblemKind::Missing, "name is empty".into());
        }
        c.reference(&loc, "portfolio", "portfolio", &p.portfolio_id, &portfolios);
        if let Some(pg) = &p.programme_id {
            if let Some(owner) = programme_portfolio.get(pg.as_str()) {
                if *owner != p.portfolio_id {
                    c.push(
                        loc.clone(),
                        ProblemKind::DanglingReference,
                        format!(
                            "programme \"{pg}\" belongs to portfolio \"{owner}\", not to \"{}\"",
                            p.portfolio_id
                        ),
                    );
                }
            } else {
                c.reference(&loc, "programme", "programme", pg, &programmes);
            }
        }
        for m in &p.managers {
            c.reference(&loc, "project manager", "person", &m.person_id, &people);
        }
        if let Some(s) = &p.sponsor_id {
            c.reference(&loc, "sponsor", "person", s, &people);
        }
        if let Some(s) = &p.pmo_contact_id {
            c.reference(&loc, "PMO contact", "person", s, &people);
        }
        if let (Some(s), Some(e)) = (p.start, p.end) {
            if e < s {
                c.push(
                    loc.clone(),
                    ProblemKind::EndBeforeStart,
                    format!("end date {e} is before start date {s}"),
                );
            }
        }
        c.amount(&loc, "planned budget", p.budget.planned);
        c.amount(&loc, "actual cost", p.budget.actual);
        c.amount(&loc, "forecast cost", p.budget.forecast);
        if p.percent_complete > 100 {
            c.push(
                loc.clone(),
                ProblemKind::OutOfRange,
                format!("% complete is {}; it must be 0–100", p.percent_complete),
            );
        }
        for r in &p.risks {
            let rloc = format!("{loc}, risk \"{}\"", r.title);
            if !(1..=5).contains(&r.probability) || !(1..=5).contains(&r.impact) {
                c.push(
                    rloc.clone(),
                    ProblemKind::OutOfRange,
                    format!(
                        "probability {} and impact {} must each be 1–5",
                        r.probability, r.impact
                    ),
                );
            }
            if let Some(o) = &r.owner_id {
                c.reference(&rloc, "owner", "person", o, &people);
            }
        }
        for u in &p.updates {
            if let Some(a) = &u.author_id {
                c.reference(
                    &format!("{loc}, status update of {}", u.date),
                    "author",
                    "person",
                    a,
                    &people,
                );
            }
        }
        for s in &p.scores {
            c.reference(
                &loc,
                "objective score",
                "objective",
                &s.objective_id,
                &objectives,
            );
            if s.score > 5 {
                c.push(
                    loc.clone(),
                    ProblemKind::OutOfRange,
                    format!(
                        "score for objective \"{}\" is {}; it must be 0–5",
                        s.objective_id, s.score
                    ),
                );
            }
        }
    }
    for (r, problems) in ws
        .roles
        .iter()
        .zip(crate::roles::all_role_problems(&ws.roles))
    {
        let at = crate::roles::role_label(r);
        for p in problems {
            c.push(at.clone(), ProblemKind::OutOfRange, p);
        }
    }
    c.unique_ids("questionnaire", ws.questionnaires.iter().map(|q| &q.id));
    for q in &ws.questionnaires {
        let at = label("questionnaire", &q.id, &q.title);
        if crate::assessment::questionnaire::is_built_in(&q.id) {
            c.push(
                at.clone(),
                ProblemKind::DuplicateId,
                format!("the id \"{}\" belongs to a built-in questionnaire", q.id),
            );
        }
        for p in crate::assessment::questionnaire::validate(q) {
            c.push(at.clone(), ProblemKind::OutOfRange, p.to_string());
        }
    }
    for a in &ws.assessments {
        let known = crate::assessment::questionnaire::is_built_in(&a.questionnaire_id)
            || ws.questionnaires.iter().any(|q| q.id == a.questionnaire_id);
        if !known {
            c.push(
                label("assessment", &a.id, &a.respondent),
                ProblemKind::DanglingReference,
                format!(
                    "it was taken with questionnaire \"{}\", which does not exist",
                    a.questionnaire_id
                ),
            );
        }
        if let Some(u) = &a.unit_id {
            c.reference(
                &label("assessment", &a.id, &a.respondent),
                "unit",
                "unit",
                u,
                &units,
            );
        }
    }
    c.problems
}
