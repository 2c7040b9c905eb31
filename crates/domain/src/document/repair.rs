//! Repairs after a merge. Each copy kept the workspace's rules, but two changes made apart can
//! break one together: two moves make a reporting loop, one copy deletes a person another
//! names as sponsor, two new projects take the same code. The same deterministic rule runs on
//! every copy, so every copy makes the same repair, and the user is told what was changed.
//!
//! The rules, in the order they run:
//! 1. A reference to something that no longer exists is cleared (a manager, sponsor, PMO
//!    contact, risk owner, update author, role, unit); a project manager entry, a dotted line
//!    or an objective score that names a missing person or objective is removed.
//! 2. A programme or project whose portfolio is gone moves to the first remaining portfolio
//!    (by id), or to a portfolio "Recovered" made for it; a project whose programme is gone
//!    stays in its portfolio, outside any programme.
//! 3. A reporting loop is broken where the person with the smallest id is: they report to
//!    nobody until someone decides (so does anyone set to report to themselves).
//! 4. A repeated project code is made unique on every project but the one with the smallest
//!    id, by adding `-2`, `-3` … .

use std::collections::{HashMap, HashSet};

use crate::model::{Assessment, DottedLine, Person, Portfolio, Programme, Project, Workspace};
use crate::validate::{Ids, Known};

/// The id of the portfolio made when projects have none left to move to.
pub const RECOVERED: &str = "pf-recovered";

/// What a repair changed, in words for the user.
pub type Repair = String;

/// Repair `ws` in place; returns what changed (nothing for a workspace that keeps the rules).
/// Running it again changes nothing more.
pub fn repair(ws: &mut Workspace) -> Vec<Repair> {
    let mut said = Vec::new();
    references(ws, &mut said);
    portfolios(ws, &mut said);
    loops(ws, &mut said);
    codes(ws, &mut said);
    said
}

/// Whether [`repair`] would change anything: the rules' triggers, read without changing or
/// copying anything (a merge usually breaks nothing, and this is the cheap way to know). The
/// fuzz harness and a property test hold it to agree with [`repair`].
pub fn needed(ws: &Workspace) -> bool {
    let known = Known::collected(ws);
    ws.people.iter().any(|p| person_breaks(p, &known))
        || ws
            .dotted_lines
            .iter()
            .any(|d| dotted_line_breaks(d, &known))
        || ws.portfolios.iter().any(|p| portfolio_breaks(p, &known))
        || ws.programmes.iter().any(|p| programme_breaks(p, &known))
        || ws.projects.iter().any(|p| project_breaks(p, &known))
        || ws.assessments.iter().any(|a| assessment_breaks(a, &known))
        || loops_found(ws)
        || {
            let mut codes = HashSet::new();
            ws.projects
                .iter()
                .filter(|p| !p.code.trim().is_empty())
                .any(|p| !codes.insert(p.code.as_str()))
        }
}

/// [`needed`] just after `merged` was merged into `ws`, which kept the rules before it: only
/// what the merge touched can break one. When it changed only entities in place (the usual
/// edit of a project or a person), only those are looked at, and the ids they name are looked
/// up in the lists; anything else (entities added, removed or moved, or left unreadable) is
/// checked whole. The fuzz harness holds it to agree with [`needed`].
pub fn needed_after(ws: &Workspace, merged: &super::Merged) -> bool {
    let touched = &merged.touched;
    let whole = touched
        .whole
        .iter()
        .any(|root| !matches!(*root, "organisation" | "setup" | "questionnaires"));
    if whole || !merged.unreadable.is_empty() || touched.inside.contains_key("dotted_lines") {
        return needed(ws);
    }
    let keys = |root: &str| touched.inside.get(root).into_iter().flatten();
    let known = Known::scanned(ws);
    let people = keys("people").filter_map(|k| ws.people.iter().find(|p| p.id == *k));
    let portfolios = keys("portfolios").filter_map(|k| ws.portfolios.iter().find(|p| p.id == *k));
    let programmes = keys("programmes").filter_map(|k| ws.programmes.iter().find(|p| p.id == *k));
    let projects = keys("projects").filter_map(|k| ws.projects.iter().find(|p| p.id == *k));
    let assessments =
        keys("assessments").filter_map(|k| ws.assessments.iter().find(|a| a.id == *k));
    people.clone().any(|p| person_breaks(p, &known))
        || portfolios.into_iter().any(|p| portfolio_breaks(p, &known))
        || programmes.into_iter().any(|p| programme_breaks(p, &known))
        || projects.clone().any(|p| project_breaks(p, &known))
        || assessments.into_iter().any(|a| assessment_breaks(a, &known))
        // A new loop passes through a person whose manager changed.
        || (people.count() > 0 && loops_found(ws))
        // A repeated code involves a project whose code changed.
        || projects.into_iter().any(|p| {
            !p.code.trim().is_empty() && ws.projects.iter().filter(|q| q.code == p.code).count() > 1
        })
}

/// `r` names something that does not exist.
fn gone(r: &Option<String>, known: &Ids) -> bool {
    r.as_deref().is_some_and(|id| !known.contains(id))
}

// Rule 1 (and 2 for programmes and projects), entity by entity.
fn person_breaks(p: &Person, k: &Known) -> bool {
    gone(&p.manager_id, &k.people) || gone(&p.unit_id, &k.units) || gone(&p.role_id, &k.roles)
}

fn dotted_line_breaks(d: &DottedLine, k: &Known) -> bool {
    !k.people.contains(&d.from) || !k.people.contains(&d.to)
}

fn portfolio_breaks(p: &Portfolio, k: &Known) -> bool {
    gone(&p.manager_id, &k.people)
}

fn programme_breaks(p: &Programme, k: &Known) -> bool {
    gone(&p.manager_id, &k.people)
        || gone(&p.pmo_unit_id, &k.units)
        || !k.portfolios.contains(&p.portfolio_id)
}

fn project_breaks(p: &Project, k: &Known) -> bool {
    p.managers.iter().any(|m| !k.people.contains(&m.person_id))
        || gone(&p.sponsor_id, &k.people)
        || gone(&p.pmo_contact_id, &k.people)
        || gone(&p.programme_id, &k.programmes)
        || p.risks.iter().any(|r| gone(&r.owner_id, &k.people))
        || p.updates.iter().any(|u| gone(&u.author_id, &k.people))
        || p.scores
            .iter()
            .any(|s| !k.objectives.contains(&s.objective_id))
        || !k.portfolios.contains(&p.portfolio_id)
}

fn assessment_breaks(a: &Assessment, k: &Known) -> bool {
    gone(&a.unit_id, &k.units)
}

/// Rule 3's trigger: someone reports to themselves, or a reporting loop.
fn loops_found(ws: &Workspace) -> bool {
    ws.people
        .iter()
        .any(|p| p.manager_id.as_deref() == Some(p.id.as_str()))
        || !crate::org::lines::reporting_cycles(ws).is_empty()
}

fn ids<'a>(items: impl Iterator<Item = &'a String>) -> HashSet<String> {
    items.cloned().collect()
}

/// Clear `r` if it names something not in `known`; say so with `what`.
fn clear(r: &mut Option<String>, known: &HashSet<String>, said: &mut Vec<Repair>, what: String) {
    if r.as_ref().is_some_and(|id| !known.contains(id)) {
        said.push(format!(
            "{what} named something deleted on another copy; it was cleared."
        ));
        *r = None;
    }
}

fn references(ws: &mut Workspace, said: &mut Vec<Repair>) {
    let people = ids(ws.people.iter().map(|p| &p.id));
    let units = ids(ws.units.iter().map(|u| &u.id));
    let roles = ids(ws.roles.iter().map(|r| &r.id));
    let objectives = ids(ws.objectives.iter().map(|o| &o.id));
    for p in &mut ws.people {
        let who = p.name.clone();
        clear(&mut p.manager_id, &people, said, format!("{who}'s manager"));
        clear(&mut p.unit_id, &units, said, format!("{who}'s unit"));
        clear(&mut p.role_id, &roles, said, format!("{who}'s role"));
    }
    let before = ws.dotted_lines.len();
    ws.dotted_lines
        .retain(|d| people.contains(&d.from) && people.contains(&d.to));
    if ws.dotted_lines.len() < before {
        said.push(format!(
            "{} dotted line(s) to or from a person deleted on another copy were removed.",
            before - ws.dotted_lines.len()
        ));
    }
    for pf in &mut ws.portfolios {
        let what = format!("Portfolio {}'s manager", pf.name);
        clear(&mut pf.manager_id, &people, said, what);
    }
    for pg in &mut ws.programmes {
        let name = pg.name.clone();
        clear(
            &mut pg.manager_id,
            &people,
            said,
            format!("Programme {name}'s manager"),
        );
        clear(
            &mut pg.pmo_unit_id,
            &units,
            said,
            format!("Programme {name}'s PMO unit"),
        );
    }
    let programmes = ids(ws.programmes.iter().map(|p| &p.id));
    for p in &mut ws.projects {
        let name = p.name.clone();
        let n = p.managers.len();
        p.managers.retain(|m| people.contains(&m.person_id));
        if p.managers.len() < n {
            said.push(format!(
                "{name}: a project manager deleted on another copy was removed from it."
            ));
        }
        clear(
            &mut p.sponsor_id,
            &people,
            said,
            format!("{name}'s sponsor"),
        );
        clear(
            &mut p.pmo_contact_id,
            &people,
            said,
            format!("{name}'s PMO contact"),
        );
        clear(
            &mut p.programme_id,
            &programmes,
            said,
            format!("{name}'s programme"),
        );
        for r in &mut p.risks {
            let what = format!("{name}: the owner of risk \"{}\"", r.title);
            clear(&mut r.owner_id, &people, said, what);
        }
        for u in &mut p.updates {
            let what = format!("{name}: the author of the update of {}", u.date);
            clear(&mut u.author_id, &people, said, what);
        }
        let n = p.scores.len();
        p.scores.retain(|s| objectives.contains(&s.objective_id));
        if p.scores.len() < n {
            said.push(format!(
                "{name}: scores against an objective deleted on another copy were removed."
            ));
        }
    }
    for a in &mut ws.assessments {
        let what = format!("The assessment by {}: its unit", a.respondent);
        clear(&mut a.unit_id, &units, said, what);
    }
}

fn portfolios(ws: &mut Workspace, said: &mut Vec<Repair>) {
    let known = ids(ws.portfolios.iter().map(|p| &p.id));
    let orphaned = ws
        .programmes
        .iter()
        .any(|p| !known.contains(&p.portfolio_id))
        || ws.projects.iter().any(|p| !known.contains(&p.portfolio_id));
    if !orphaned {
        return;
    }
    let home = match ws.portfolios.iter().map(|p| &p.id).min() {
        Some(id) => id.clone(),
        None => {
            ws.portfolios.push(Portfolio {
                id: RECOVERED.into(),
                name: "Recovered".into(),
                description: "Made for projects whose portfolio was deleted on another copy."
                    .into(),
                manager_id: None,
            });
            RECOVERED.into()
        }
    };
    let home_name = ws
        .portfolio(&home)
        .map_or_else(|| home.clone(), |p| p.name.clone());
    let mut moved_programmes = HashMap::new();
    for pg in &mut ws.programmes {
        if !known.contains(&pg.portfolio_id) {
            said.push(format!(
                "Programme {}: its portfolio was deleted on another copy; it moved to {home_name}.",
                pg.name
            ));
            pg.portfolio_id = home.clone();
            moved_programmes.insert(pg.id.clone(), home.clone());
        }
    }
    for p in &mut ws.projects {
        if !known.contains(&p.portfolio_id) {
            said.push(format!(
                "{}: its portfolio was deleted on another copy; it moved to {home_name}.",
                p.name
            ));
            p.portfolio_id = home.clone();
        }
    }
    // A project stays with its programme: if the programme moved, so does the project.
    for p in &mut ws.projects {
        if let Some(to) = p
            .programme_id
            .as_ref()
            .and_then(|g| moved_programmes.get(g))
        {
            p.portfolio_id = to.clone();
        }
    }
}

fn loops(ws: &mut Workspace, said: &mut Vec<Repair>) {
    for p in &mut ws.people {
        if p.manager_id.as_deref() == Some(p.id.as_str()) {
            said.push(format!(
                "{} was set to report to themselves; they now report to nobody. Please check.",
                p.name
            ));
            p.manager_id = None;
        }
    }
    for cycle in crate::org::lines::reporting_cycles(ws) {
        // `reporting_cycles` starts each loop at its smallest id.
        let first = &cycle[0];
        let names: Vec<String> = cycle
            .iter()
            .map(|id| ws.person(id).map_or_else(|| id.clone(), |p| p.name.clone()))
            .collect();
        if let Some(p) = ws.people.iter_mut().find(|p| &p.id == first) {
            said.push(format!(
                "Two changes made a reporting loop ({}); {} now reports to nobody. Please check.",
                names.join(" → "),
                p.name
            ));
            p.manager_id = None;
        }
    }
}

fn codes(ws: &mut Workspace, said: &mut Vec<Repair>) {
    let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, p) in ws.projects.iter().enumerate() {
        if !p.code.trim().is_empty() {
            by_code.entry(p.code.clone()).or_default().push(i);
        }
    }
    let mut taken: HashSet<String> = ws.projects.iter().map(|p| p.code.clone()).collect();
    let mut repeated: Vec<(String, Vec<usize>)> =
        by_code.into_iter().filter(|(_, v)| v.len() > 1).collect();
    repeated.sort();
    for (code, mut at) in repeated {
        at.sort_by(|a, b| ws.projects[*a].id.cmp(&ws.projects[*b].id));
        for &i in &at[1..] {
            let new = (2..)
                .map(|n| format!("{code}-{n}"))
                .find(|c| !taken.contains(c))
                .expect("a free code exists");
            taken.insert(new.clone());
            said.push(format!(
                "{} and another project were both given the code {code} on different copies; {} is now {new}.",
                ws.projects[i].name, ws.projects[i].name
            ));
            ws.projects[i].code = new;
        }
    }
}
