//! The portfolio's rules: objectives, portfolios, programmes and projects (references,
//! dates, amounts, risks, status updates, scores).

use std::collections::HashMap;

use super::{label, Checker, Known, Lazy, ProblemKind};

/// Objectives, portfolios, programmes and projects.
pub(super) fn check_portfolio(c: &mut Checker, known: &Known) {
    let ws = c.ws;
    let Known {
        people,
        units,
        objectives,
        portfolios,
        programmes,
        ..
    } = known;
    for o in c.pick(&ws.objectives, |o| &o.objectives) {
        if o.weight == 0 {
            c.push(
                label("objective", &o.id, &o.name),
                ProblemKind::OutOfRange,
                "weight must be at least 1".into(),
            );
        }
    }
    for p in c.pick(&ws.portfolios, |o| &o.portfolios) {
        if let Some(m) = &p.manager_id {
            c.reference(
                label("portfolio", &p.id, &p.name),
                "manager",
                "person",
                m,
                people,
            );
        }
    }
    for p in c.pick(&ws.programmes, |_| &[]) {
        let loc = label("programme", &p.id, &p.name);
        c.reference(loc, "portfolio", "portfolio", &p.portfolio_id, portfolios);
        if let Some(m) = &p.manager_id {
            c.reference(loc, "manager", "person", m, people);
        }
        if let Some(u) = &p.pmo_unit_id {
            c.reference(loc, "PMO unit", "unit", u, units);
        }
    }
    // Each programme's portfolio: indexed when every project is checked, looked up in the
    // list for an edit's few.
    let programme_portfolio: Option<HashMap<&str, &str>> = c.whole().then(|| {
        ws.programmes
            .iter()
            .map(|p| (p.id.as_str(), p.portfolio_id.as_str()))
            .collect()
    });
    let owner_of = |pg: &str| match &programme_portfolio {
        Some(index) => index.get(pg).copied(),
        None => ws
            .programmes
            .iter()
            .find(|p| p.id == pg)
            .map(|p| p.portfolio_id.as_str()),
    };
    for p in c.pick(&ws.projects, |o| &o.projects) {
        let loc = label("project", &p.id, &p.name);
        if p.name.trim().is_empty() {
            c.push(loc, ProblemKind::Missing, "name is empty".into());
        }
        c.reference(loc, "portfolio", "portfolio", &p.portfolio_id, portfolios);
        if let Some(pg) = &p.programme_id {
            if let Some(owner) = owner_of(pg) {
                if owner != p.portfolio_id {
                    c.push(
                        loc,
                        ProblemKind::DanglingReference,
                        format!(
                            "programme \"{pg}\" belongs to portfolio \"{owner}\", not to \"{}\"",
                            p.portfolio_id
                        ),
                    );
                }
            } else {
                c.reference(loc, "programme", "programme", pg, programmes);
            }
        }
        for m in &p.managers {
            c.reference(loc, "project manager", "person", &m.person_id, people);
        }
        if let Some(s) = &p.sponsor_id {
            c.reference(loc, "sponsor", "person", s, people);
        }
        if let Some(s) = &p.pmo_contact_id {
            c.reference(loc, "PMO contact", "person", s, people);
        }
        if let (Some(s), Some(e)) = (p.start, p.end) {
            if e < s {
                c.push(
                    loc,
                    ProblemKind::EndBeforeStart,
                    format!("end date {e} is before start date {s}"),
                );
            }
        }
        c.amount(loc, "planned budget", p.budget.planned);
        c.amount(loc, "actual cost", p.budget.actual);
        c.amount(loc, "forecast cost", p.budget.forecast);
        if p.percent_complete > 100 {
            c.push(
                loc,
                ProblemKind::OutOfRange,
                format!("% complete is {}; it must be 0–100", p.percent_complete),
            );
        }
        for r in &p.risks {
            let rloc = Lazy(move |f| write!(f, "{loc}, risk \"{}\"", r.title));
            if !(1..=5).contains(&r.probability) || !(1..=5).contains(&r.impact) {
                c.push(
                    rloc,
                    ProblemKind::OutOfRange,
                    format!(
                        "probability {} and impact {} must each be 1–5",
                        r.probability, r.impact
                    ),
                );
            }
            if let Some(o) = &r.owner_id {
                c.reference(rloc, "owner", "person", o, people);
            }
        }
        for u in &p.updates {
            if let Some(a) = &u.author_id {
                c.reference(
                    Lazy(move |f| write!(f, "{loc}, status update of {}", u.date)),
                    "author",
                    "person",
                    a,
                    people,
                );
            }
        }
        for s in &p.scores {
            c.reference(
                loc,
                "objective score",
                "objective",
                &s.objective_id,
                objectives,
            );
            if s.score > 5 {
                c.push(
                    loc,
                    ProblemKind::OutOfRange,
                    format!(
                        "score for objective \"{}\" is {}; it must be 0–5",
                        s.objective_id, s.score
                    ),
                );
            }
        }
    }
}
