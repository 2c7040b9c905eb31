//! Editing the reporting structure: people, solid-line moves (refused when they would make a
//! loop), dotted lines, and the PMO-type presets with a preview of what they change.

use std::collections::{HashMap, HashSet};

use crate::model::{DottedLine, Id, Person, PmoType, UnitKind, Workspace};

/// Roles counted as project managers when no project says otherwise.
pub const PM_ROLES: [&str; 3] = ["project-manager", "senior-pm", "associate-pm"];

/// The fields of a person the chart's form edits.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PersonDraft {
    pub name: String,
    pub title: String,
    pub role_id: Option<Id>,
    pub unit_id: Option<Id>,
    pub vacancy: bool,
}

impl PersonDraft {
    pub fn of(p: &Person) -> PersonDraft {
        PersonDraft {
            name: p.name.clone(),
            title: p.title.clone(),
            role_id: p.role_id.clone(),
            unit_id: p.unit_id.clone(),
            vacancy: p.vacancy,
        }
    }

    /// The form's one rule: a name (or, for an open role, what the role is).
    pub fn check(&self) -> Result<(), String> {
        let name = self.name.trim();
        if name.is_empty() {
            return Err(if self.vacancy {
                "Name the open role, for example \"Open role: PMO Analyst\"".into()
            } else {
                "Enter the person's name".into()
            });
        }
        if name.chars().count() > 120 {
            return Err("The name is longer than 120 characters".into());
        }
        Ok(())
    }

    fn write(&self, p: &mut Person) {
        p.name = self.name.trim().to_string();
        p.title = self.title.trim().to_string();
        p.role_id = self.role_id.clone().filter(|r| !r.is_empty());
        p.unit_id = self.unit_id.clone().filter(|u| !u.is_empty());
        p.vacancy = self.vacancy;
    }
}

/// A person id not used yet: `person-N`.
pub fn next_person_id(ws: &Workspace) -> Id {
    let used: HashSet<&str> = ws.people.iter().map(|p| p.id.as_str()).collect();
    let mut n = ws.people.len() + 1;
    loop {
        let id = crate::common::ids::for_this_copy(format!("person-{n}"));
        if !used.contains(id.as_str()) {
            return id;
        }
        n += 1;
    }
}

fn name_of(ws: &Workspace, id: &str) -> String {
    ws.person(id)
        .map_or_else(|| id.to_string(), |p| p.name.clone())
}

/// Add a person reporting to `manager` (or a new root). Returns the new id.
pub fn add_person(
    ws: &mut Workspace,
    draft: &PersonDraft,
    manager: Option<&str>,
) -> Result<Id, String> {
    draft.check()?;
    if let Some(m) = manager {
        if ws.person(m).is_none() {
            return Err(format!("There is no person \"{m}\" to report to"));
        }
    }
    let id = next_person_id(ws);
    let mut p = Person {
        id: id.clone(),
        name: String::new(),
        title: String::new(),
        role_id: None,
        unit_id: None,
        manager_id: manager.map(str::to_string),
        vacancy: false,
    };
    draft.write(&mut p);
    ws.people.push(p);
    Ok(id)
}

/// Change a person's name, title, role, unit or open-role flag.
pub fn update_person(ws: &mut Workspace, id: &str, draft: &PersonDraft) -> Result<(), String> {
    draft.check()?;
    let p = ws
        .people
        .iter_mut()
        .find(|p| p.id == id)
        .ok_or_else(|| format!("There is no person \"{id}\""))?;
    draft.write(p);
    Ok(())
}

/// The reporting chain from `manager` up to `person`, if `person` is above `manager`
/// (so making `manager` the manager of `person` would close a loop).
pub fn cycle_path(ws: &Workspace, person: &str, manager: &str) -> Option<Vec<Id>> {
    let mut chain = vec![manager.to_string()];
    let mut cur = manager.to_string();
    for _ in 0..=ws.people.len() {
        if cur == person {
            return Some(chain);
        }
        match ws.person(&cur).and_then(|p| p.manager_id.clone()) {
            Some(m) => {
                chain.push(m.clone());
                cur = m;
            }
            None => return None,
        }
    }
    Some(chain)
}

/// Make `manager` the solid-line manager of `person` (`None`: nobody, a new root).
/// A move that would make a reporting loop is refused with the loop spelled out.
pub fn move_person(ws: &mut Workspace, person: &str, manager: Option<&str>) -> Result<(), String> {
    let who = ws
        .person(person)
        .ok_or_else(|| format!("There is no person \"{person}\""))?
        .name
        .clone();
    if let Some(m) = manager {
        if ws.person(m).is_none() {
            return Err(format!("There is no person \"{m}\" to report to"));
        }
        if m == person {
            return Err(format!("{who} cannot report to themselves"));
        }
        if let Some(chain) = cycle_path(ws, person, m) {
            let names: Vec<String> = chain.iter().map(|id| name_of(ws, id)).collect();
            return Err(format!(
                "{who} cannot report to {}: {} already reports to {who} ({}), so the line would go round in a circle",
                names[0],
                names[0],
                names.join(" → ")
            ));
        }
    }
    let p = ws
        .people
        .iter_mut()
        .find(|p| p.id == person)
        .expect("checked above");
    p.manager_id = manager.map(str::to_string);
    Ok(())
}

/// What removing a person changed, for the message.
#[derive(Clone, Debug, PartialEq)]
pub struct Removal {
    pub name: String,
    /// Reports handed to the removed person's manager.
    pub reports_moved: usize,
    /// Projects, portfolios and programmes that named the person.
    pub references_cleared: usize,
}

/// Remove a person: their reports move up to their manager, their dotted lines go, and every
/// project, programme or portfolio role they held is left empty.
pub fn remove_person(ws: &mut Workspace, id: &str) -> Result<Removal, String> {
    let at = ws
        .people
        .iter()
        .position(|p| p.id == id)
        .ok_or_else(|| format!("There is no person \"{id}\""))?;
    let removed = ws.people.remove(at);
    let mut reports_moved = 0;
    for p in &mut ws.people {
        if p.manager_id.as_deref() == Some(id) {
            p.manager_id = removed.manager_id.clone();
            reports_moved += 1;
        }
    }
    ws.dotted_lines.retain(|d| d.from != id && d.to != id);
    let mut cleared = 0;
    let clear = |slot: &mut Option<Id>| {
        if slot.as_deref() == Some(id) {
            *slot = None;
            true
        } else {
            false
        }
    };
    for p in &mut ws.portfolios {
        cleared += usize::from(clear(&mut p.manager_id));
    }
    for p in &mut ws.programmes {
        cleared += usize::from(clear(&mut p.manager_id));
    }
    for p in &mut ws.projects {
        let before = p.managers.len();
        p.managers.retain(|m| m.person_id != id);
        let mut touched = before != p.managers.len();
        touched |= clear(&mut p.sponsor_id);
        touched |= clear(&mut p.pmo_contact_id);
        for r in &mut p.risks {
            touched |= clear(&mut r.owner_id);
        }
        for u in &mut p.updates {
            touched |= clear(&mut u.author_id);
        }
        cleared += usize::from(touched);
    }
    if let Some(plan) = &mut ws.setup {
        cleared += usize::from(clear(&mut plan.sponsor_id));
    }
    Ok(Removal {
        name: removed.name,
        reports_moved,
        references_cleared: cleared,
    })
}

/// Add a labelled dotted line; refused for a line to oneself or a duplicate.
pub fn add_dotted_line(
    ws: &mut Workspace,
    from: &str,
    to: &str,
    label: &str,
) -> Result<(), String> {
    if ws.person(from).is_none() || ws.person(to).is_none() {
        return Err("Both ends of a dotted line must be people in the chart".into());
    }
    if from == to {
        return Err("A dotted line needs two different people".into());
    }
    if ws.dotted_lines.iter().any(|d| d.from == from && d.to == to) {
        return Err(format!(
            "{} already has a dotted line to {}",
            name_of(ws, from),
            name_of(ws, to)
        ));
    }
    ws.dotted_lines.push(DottedLine {
        from: from.into(),
        to: to.into(),
        label: label.trim().to_string(),
    });
    Ok(())
}

/// Is the unit a PMO (enterprise, programme or project office)?
pub fn is_pmo_unit(kind: UnitKind) -> bool {
    !matches!(kind, UnitKind::Business)
}

/// Who belongs to a PMO unit, by person index.
pub fn pmo_members(ws: &Workspace) -> Vec<bool> {
    let pmo_units: HashSet<&str> = ws
        .units
        .iter()
        .filter(|u| is_pmo_unit(u.kind))
        .map(|u| u.id.as_str())
        .collect();
    ws.people
        .iter()
        .map(|p| p.unit_id.as_deref().is_some_and(|u| pmo_units.contains(u)))
        .collect()
}

/// Who counts as a project manager: a PM role or the PM of a project, outside the PMO.
pub fn project_managers(ws: &Workspace) -> Vec<bool> {
    let pmo = pmo_members(ws);
    let running: HashSet<&str> = ws
        .projects
        .iter()
        .filter(|p| !p.archived)
        .flat_map(|p| p.managers.iter().map(|m| m.person_id.as_str()))
        .collect();
    ws.people
        .iter()
        .enumerate()
        .map(|(i, p)| {
            !pmo[i]
                && !p.vacancy
                && (p.role_id.as_deref().is_some_and(|r| PM_ROLES.contains(&r))
                    || (p.role_id.is_none() && running.contains(p.id.as_str())))
        })
        .collect()
}

/// The PMO person project managers report to: the PMO member most dotted lines from PMs
/// point to, else the head of the enterprise PMO (its member whose manager is outside it).
pub fn pmo_anchor(ws: &Workspace) -> Option<usize> {
    let pmo = pmo_members(ws);
    let pms = project_managers(ws);
    let index = ws.person_index();
    let mut votes: HashMap<usize, usize> = HashMap::new();
    for d in &ws.dotted_lines {
        if let (Some(&f), Some(&t)) = (index.get(d.from.as_str()), index.get(d.to.as_str())) {
            if pms[f] && pmo[t] {
                *votes.entry(t).or_default() += 1;
            }
        }
    }
    if let Some((&best, _)) = votes.iter().max_by_key(|(i, n)| (**n, usize::MAX - **i)) {
        return Some(best);
    }
    let enterprise: HashSet<&str> = ws
        .units
        .iter()
        .filter(|u| u.kind == UnitKind::EnterprisePmo)
        .map(|u| u.id.as_str())
        .collect();
    let in_epmo = |p: &Person| p.unit_id.as_deref().is_some_and(|u| enterprise.contains(u));
    ws.people.iter().position(|p| {
        in_epmo(p)
            && !p.vacancy
            && p.manager_id
                .as_deref()
                .and_then(|m| ws.person(m))
                .is_none_or(|m| !in_epmo(m))
    })
}

/// A solid-line change a preset would make.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedMove {
    pub person: Id,
    pub from: Option<Id>,
    pub to: Id,
}

/// What applying a PMO type would change, to show before it happens.
#[derive(Clone, Debug, PartialEq)]
pub struct PresetPlan {
    pub pmo_type: PmoType,
    /// The PMO person lines are drawn to.
    pub anchor: Option<Id>,
    pub moves: Vec<PlannedMove>,
    /// Dotted lines that become solid (removed as dotted).
    pub removed_dotted: Vec<DottedLine>,
    /// Solid lines kept as dotted ones, and new dotted lines to the PMO.
    pub added_dotted: Vec<DottedLine>,
    /// People left where they are, and why.
    pub kept: Vec<(Id, String)>,
    /// Why nothing can be planned, if so.
    pub problem: Option<String>,
}

impl PresetPlan {
    pub fn is_empty(&self) -> bool {
        self.moves.is_empty() && self.removed_dotted.is_empty() && self.added_dotted.is_empty()
    }
}

/// What applying a PMO type does to the reporting lines, in one sentence.
pub fn preset_effect(t: PmoType) -> &'static str {
    match t {
        PmoType::Supportive => {
            "Project managers report to their business lines; the PMO advises. Dotted lines to the PMO stay as they are."
        }
        PmoType::Controlling => {
            "Project managers report to their business lines and every one of them has a dotted line to the PMO, which checks compliance."
        }
        PmoType::Directive => {
            "Project managers report directly into the PMO, which assigns them; their former business managers keep a dotted line."
        }
    }
}

/// A [`PresetPlan`] in words, for the preview before it is applied.
#[derive(Clone, Debug, PartialEq)]
pub struct PresetPreview {
    /// "2 people would move, 3 dotted line(s) would be added and 1 would become solid or go."
    pub summary: String,
    /// "Ada: from Grace to the PMO manager"
    pub moves: Vec<String>,
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// People left where they are, with why.
    pub kept: Vec<String>,
}

impl PresetPlan {
    /// The plan in words; people are named as the workspace names them.
    pub fn preview(&self, ws: &Workspace) -> PresetPreview {
        let name = |id: &str| {
            ws.person(id)
                .map_or_else(|| id.to_string(), |p| p.name.clone())
        };
        let summary = if self.is_empty() {
            "Nothing in the reporting lines changes.".to_string()
        } else {
            format!(
                "{} would move, {} dotted line(s) would be added and {} would become solid or go.",
                crate::common::text::plural(self.moves.len(), "person", Some("people")),
                self.added_dotted.len(),
                self.removed_dotted.len()
            )
        };
        PresetPreview {
            summary,
            moves: self
                .moves
                .iter()
                .map(|m| {
                    format!(
                        "{}: from {} to {}",
                        name(&m.person),
                        m.from.as_deref().map_or_else(|| "nobody".to_string(), name),
                        name(&m.to)
                    )
                })
                .collect(),
            added: self
                .added_dotted
                .iter()
                .map(|d| format!("{} ⇢ {} ({})", name(&d.from), name(&d.to), d.label))
                .collect(),
            removed: self
                .removed_dotted
                .iter()
                .map(|d| format!("{} ⇢ {}", name(&d.from), name(&d.to)))
                .collect(),
            kept: self.kept.iter().map(|k| k.1.clone()).collect(),
        }
    }
}

/// What a [`PresetPlan`] draws on the chart before it is applied, by person index: the people
/// who would move are highlighted and the lines that would change are drawn as ghosts.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PlanMarks {
    /// Each person who would move, with what their card's name adds: "would report to Ada".
    pub moving: HashMap<usize, String>,
    /// The solid lines that would be drawn: (person, new manager).
    pub solid: Vec<(usize, usize)>,
    /// Dotted lines that would be added: (from, to).
    pub dotted_added: Vec<(usize, usize)>,
    /// Dotted lines that would become solid or go: (from, to).
    pub dotted_removed: Vec<(usize, usize)>,
}

impl PresetPlan {
    /// See [`PlanMarks`]; lines to or from someone unknown are left out.
    pub fn marks(&self, ws: &Workspace) -> PlanMarks {
        let index = ws.person_index();
        let at = |id: &str| index.get(id).copied();
        let mut out = PlanMarks::default();
        for m in &self.moves {
            if let (Some(p), Some(t)) = (at(&m.person), at(&m.to)) {
                out.moving
                    .insert(p, format!("would report to {}", ws.people[t].name));
                out.solid.push((p, t));
            }
        }
        let pairs = |lines: &[DottedLine]| -> Vec<(usize, usize)> {
            lines
                .iter()
                .filter_map(|d| Some((at(&d.from)?, at(&d.to)?)))
                .collect()
        };
        out.dotted_added = pairs(&self.added_dotted);
        out.dotted_removed = pairs(&self.removed_dotted);
        out
    }
}

/// Business line label used for the dotted line a PM keeps to their former business manager.
pub const BUSINESS_LINE: &str = "Business line";
/// Label of a PM's dotted line to the PMO.
pub const PMO_LINE: &str = "PMO reporting";

/// Plan the reporting lines of a PMO type:
/// - **Directive**: project managers report (solid) to the PMO; the business manager they
///   leave keeps a dotted "business line". PMs who report to another PM move with that PM.
/// - **Controlling**: PMs report to the business with a dotted line to the PMO, which every
///   PM gets (the PMO enforces its standards).
/// - **Supportive**: PMs report to the business; existing dotted lines to the PMO stay, none
///   are added (the PMO advises).
///
/// Under controlling and supportive, a PM who reports into the PMO moves to the business
/// manager of their dotted business line (kept where there is none).
pub fn preset_plan(ws: &Workspace, pmo_type: PmoType) -> PresetPlan {
    let mut plan = PresetPlan {
        pmo_type,
        anchor: None,
        moves: Vec::new(),
        removed_dotted: Vec::new(),
        added_dotted: Vec::new(),
        kept: Vec::new(),
        problem: None,
    };
    let Some(anchor) = pmo_anchor(ws) else {
        plan.problem = Some(
            "Nobody in the chart belongs to a PMO unit: put the PMO's head in a PMO unit first"
                .into(),
        );
        return plan;
    };
    let anchor_id = ws.people[anchor].id.clone();
    plan.anchor = Some(anchor_id.clone());
    let pmo = pmo_members(ws);
    let pms = project_managers(ws);
    let index = ws.person_index();
    let manager_of = |i: usize| {
        ws.people[i]
            .manager_id
            .as_deref()
            .and_then(|m| index.get(m).copied())
    };
    for (i, p) in ws.people.iter().enumerate() {
        if !pms[i] {
            continue;
        }
        let manager = manager_of(i);
        // PMs under another PM move with that PM.
        let under_pm = manager.is_some_and(|m| pms[m]);
        let dotted_to_pmo: Vec<&DottedLine> = ws
            .dotted_lines
            .iter()
            .filter(|d| d.from == p.id && index.get(d.to.as_str()).is_some_and(|&t| pmo[t]))
            .collect();
        match pmo_type {
            PmoType::Directive => {
                if under_pm || manager.is_some_and(|m| pmo[m]) {
                    continue;
                }
                if crate::org::lines::would_create_cycle(ws, &p.id, &anchor_id) {
                    plan.kept.push((
                        p.id.clone(),
                        format!("{} is above the PMO, so cannot report into it", p.name),
                    ));
                    continue;
                }
                plan.moves.push(PlannedMove {
                    person: p.id.clone(),
                    from: p.manager_id.clone(),
                    to: anchor_id.clone(),
                });
                if let Some(old) = &p.manager_id {
                    plan.added_dotted.push(DottedLine {
                        from: p.id.clone(),
                        to: old.clone(),
                        label: BUSINESS_LINE.into(),
                    });
                }
                plan.removed_dotted.extend(
                    dotted_to_pmo
                        .into_iter()
                        .filter(|d| d.to == anchor_id)
                        .cloned(),
                );
            }
            PmoType::Controlling | PmoType::Supportive => {
                let mut has_pmo_line = !dotted_to_pmo.is_empty();
                // Still reporting into the PMO after the plan (then no dotted line is needed).
                let mut under_pmo = false;
                if let Some(m) = manager.filter(|&m| pmo[m] && !under_pm) {
                    let business = ws.dotted_lines.iter().find(|d| {
                        d.from == p.id && index.get(d.to.as_str()).is_some_and(|&t| !pmo[t])
                    });
                    match business {
                        Some(b) if !crate::org::lines::would_create_cycle(ws, &p.id, &b.to) => {
                            plan.moves.push(PlannedMove {
                                person: p.id.clone(),
                                from: p.manager_id.clone(),
                                to: b.to.clone(),
                            });
                            plan.removed_dotted.push(b.clone());
                            plan.added_dotted.push(DottedLine {
                                from: p.id.clone(),
                                to: ws.people[m].id.clone(),
                                label: PMO_LINE.into(),
                            });
                            has_pmo_line = true;
                        }
                        _ => {
                            under_pmo = true;
                            plan.kept.push((
                            p.id.clone(),
                            format!(
                                "{} stays under the PMO: no business line is known (add a dotted line to their business manager)",
                                p.name
                            ),
                        ))
                        }
                    }
                }
                if pmo_type == PmoType::Controlling && !has_pmo_line && !under_pmo {
                    plan.added_dotted.push(DottedLine {
                        from: p.id.clone(),
                        to: anchor_id.clone(),
                        label: PMO_LINE.into(),
                    });
                }
            }
        }
    }
    plan
}

/// Apply a plan made by [`preset_plan`] and record the PMO type.
pub fn apply_preset(ws: &mut Workspace, plan: &PresetPlan) {
    ws.organisation.pmo_type = plan.pmo_type;
    let moves: HashMap<&str, &str> = plan
        .moves
        .iter()
        .map(|m| (m.person.as_str(), m.to.as_str()))
        .collect();
    for p in &mut ws.people {
        if let Some(to) = moves.get(p.id.as_str()) {
            p.manager_id = Some((*to).to_string());
        }
    }
    ws.dotted_lines.retain(|d| !plan.removed_dotted.contains(d));
    for d in &plan.added_dotted {
        if !ws
            .dotted_lines
            .iter()
            .any(|x| x.from == d.from && x.to == d.to)
        {
            ws.dotted_lines.push(d.clone());
        }
    }
}

/// How a person appears in pickers: "Name — Title" (just the name without a title).
pub fn person_label(p: &Person) -> String {
    if p.title.trim().is_empty() {
        p.name.clone()
    } else {
        format!("{} — {}", p.name, p.title)
    }
}

/// The person a picker's text names: a label from the list, or a name only one person has
/// (case-insensitive). Empty text is `Ok(None)`.
pub fn resolve_person(ws: &Workspace, text: &str) -> Result<Option<usize>, String> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    if let Some(i) = ws.people.iter().position(|p| person_label(p) == t) {
        return Ok(Some(i));
    }
    let lower = t.to_lowercase();
    let named: Vec<usize> = (0..ws.people.len())
        .filter(|&i| ws.people[i].name.to_lowercase() == lower)
        .collect();
    match named.as_slice() {
        [i] => Ok(Some(*i)),
        [] => Err(format!(
            "Nobody called \"{t}\" is in the chart: pick a name from the list"
        )),
        _ => Err(format!(
            "{} people are called \"{t}\": pick the one you mean from the list",
            named.len()
        )),
    }
}
