//! The staffing the plan wants against what the org chart has, and the PMO unit.

use std::collections::HashSet;

use super::charter::unit_members;
use crate::model::{Id, Person, PmoLevel, SetupPlan, Unit, Workspace};

/// One row of the staffing table: how many of a role the plan wants and what the unit has.
#[derive(Clone, Debug, PartialEq)]
pub struct StaffingRow {
    pub role_id: Id,
    pub role: String,
    pub planned: usize,
    /// People in the PMO unit with that role.
    pub filled: usize,
    /// Open roles (vacancies) in the PMO unit with that role.
    pub open: usize,
}

impl StaffingRow {
    /// Vacancies still to add to the org chart.
    pub fn to_propose(&self) -> usize {
        self.planned.saturating_sub(self.filled + self.open)
    }
}

/// The plan's staffing against the PMO unit as the org chart has it.
pub fn staffing(ws: &Workspace, plan: &SetupPlan) -> Vec<StaffingRow> {
    let unit = plan.unit_id.as_deref();
    plan.staffing
        .iter()
        .map(|s| {
            let here = |vacancy: bool| {
                ws.people
                    .iter()
                    .filter(|p| {
                        unit.is_some()
                            && p.unit_id.as_deref() == unit
                            && p.role_id.as_deref() == Some(s.role_id.as_str())
                            && p.vacancy == vacancy
                    })
                    .count()
            };
            StaffingRow {
                role_id: s.role_id.clone(),
                role: ws
                    .roles
                    .iter()
                    .find(|r| r.id == s.role_id)
                    .map_or_else(|| s.role_id.clone(), |r| r.name.clone()),
                planned: usize::from(s.count),
                filled: here(false),
                open: here(true),
            }
        })
        .collect()
}

/// The head of a unit: its member (not an open role) on the highest rung of the PMO ladder,
/// else its first member whose manager is outside the unit.
pub fn unit_head(ws: &Workspace, unit_id: &str) -> Option<usize> {
    let mut members = unit_members(ws, unit_id);
    members.retain(|&i| !ws.people[i].vacancy);
    let seniority = |i: usize| {
        ws.role_of(&ws.people[i])
            .filter(|r| r.ladder == "pmo")
            .map_or(0, |r| r.seniority)
    };
    let best = members
        .iter()
        .copied()
        .max_by_key(|&i| (seniority(i), std::cmp::Reverse(i)));
    match best {
        Some(i) if seniority(i) > 0 => Some(i),
        _ => members.into_iter().find(|&i| {
            ws.people[i]
                .manager_id
                .as_deref()
                .and_then(|m| ws.person(m))
                .is_none_or(|m| m.unit_id.as_deref() != Some(unit_id))
        }),
    }
}

/// Add the open roles the staffing still lacks to the org chart, in the PMO unit and
/// reporting to its head. Returns how many were added; needs a PMO unit.
pub fn propose_vacancies(ws: &mut Workspace) -> Result<usize, String> {
    let Some(plan) = ws.setup.clone() else {
        return Ok(0);
    };
    let Some(unit) = plan.unit_id.clone() else {
        return Err("Choose the PMO's unit first (step 4)".into());
    };
    let head = unit_head(ws, &unit).map(|i| ws.people[i].id.clone());
    let mut added = 0;
    for row in staffing(ws, &plan) {
        for _ in 0..row.to_propose() {
            let id = crate::org::edit::next_person_id(ws);
            ws.people.push(Person {
                id,
                name: format!("Open role: {}", row.role),
                title: row.role.clone(),
                role_id: Some(row.role_id.clone()),
                unit_id: Some(unit.clone()),
                manager_id: head.clone(),
                vacancy: true,
            });
            added += 1;
        }
    }
    Ok(added)
}

/// Create a PMO unit for the chosen level and make it the plan's unit. Returns its id.
pub fn create_unit(ws: &mut Workspace, level: PmoLevel, name: &str) -> Result<Id, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("Give the PMO unit a name".into());
    }
    if ws.units.iter().any(|u| u.name.eq_ignore_ascii_case(name)) {
        return Err(format!(
            "A unit called \"{name}\" already exists: pick it from the list"
        ));
    }
    let used: HashSet<&str> = ws.units.iter().map(|u| u.id.as_str()).collect();
    let id = (1..)
        .map(|n| crate::common::ids::for_this_copy(format!("u-{n:03}")))
        .find(|id| !used.contains(id.as_str()))
        .expect("an unused id exists");
    ws.units.push(Unit {
        id: id.clone(),
        name: name.to_string(),
        kind: level.unit_kind(),
    });
    let plan = ws.setup.get_or_insert_with(SetupPlan::default);
    plan.unit_id = Some(id.clone());
    plan.level = Some(level);
    Ok(id)
}
