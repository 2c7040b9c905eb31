//! The org chart's rules: people, their managers, roles and units, loops in the solid lines,
//! and dotted lines.

use super::{label, Checker, Known, Lazy, ProblemKind};

/// People, reporting loops and dotted lines.
pub(super) fn check_org(c: &mut Checker, known: &Known) {
    let ws = c.ws;
    let Known {
        people,
        units,
        roles,
        ..
    } = known;
    for p in c.pick(&ws.people, |o| &o.people) {
        let loc = label("person", &p.id, &p.name);
        if p.name.trim().is_empty() {
            c.push(loc, ProblemKind::Missing, "name is empty".into());
        }
        if let Some(m) = &p.manager_id {
            if m == &p.id {
                c.push(
                    loc,
                    ProblemKind::ReportingCycle,
                    "reports to themselves".into(),
                );
            } else {
                c.reference(loc, "manager", "person", m, people);
            }
        }
        if let Some(r) = &p.role_id {
            c.reference(loc, "role", "role", r, roles);
        }
        if let Some(u) = &p.unit_id {
            c.reference(loc, "unit", "unit", u, units);
        }
    }
    // A loop needs a changed manager: when only an edit's entities are checked, only if it
    // changed people.
    let cycles = if c.whole() || c.only.is_some_and(|o| !o.people.is_empty()) {
        crate::org::lines::reporting_cycles(ws)
    } else {
        Vec::new()
    };
    for cycle in cycles {
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
    let dotted: &[_] = if c.whole() { &ws.dotted_lines } else { &[] };
    for (i, d) in dotted.iter().enumerate() {
        let loc = Lazy(move |f| write!(f, "dotted line #{} ({} → {})", i + 1, d.from, d.to));
        c.reference(loc, "from", "person", &d.from, people);
        c.reference(loc, "to", "person", &d.to, people);
        if d.from == d.to {
            c.push(
                loc,
                ProblemKind::ReportingCycle,
                "a dotted line cannot point to the same person".into(),
            );
        }
    }
}
