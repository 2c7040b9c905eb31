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

use crate::model::{Portfolio, Workspace};

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
