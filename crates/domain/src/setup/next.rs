//! What to do next once the guide is done (or skipped): the dashboard's list for a PMO that
//! has no projects yet, each step with where to do it.

use crate::model::Workspace;

/// Where a step is done (the app turns it into an address).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Where {
    Guide,
    OrgChart,
    NewProject,
    StatusRound,
}

/// One step of the list.
#[derive(Clone, Debug, PartialEq)]
pub struct NextStep {
    pub title: &'static str,
    /// Why, or where it stands.
    pub detail: String,
    pub done: bool,
    /// Where to do it: the action's label and page.
    pub action: &'static str,
    pub at: Where,
}

/// The steps from a blank workspace to a first monthly report, in order.
pub fn next_steps(ws: &Workspace) -> Vec<NextStep> {
    let plan = ws.setup.as_ref();
    let steps_done = plan.map_or(0, |p| {
        (1..=7u8)
            .filter(|&s| super::missing(ws, p, s).is_empty())
            .count()
    });
    let people = ws.people.iter().filter(|p| !p.vacancy).count();
    let live = ws.projects.iter().filter(|p| !p.archived).count();
    let reported = ws
        .projects
        .iter()
        .filter(|p| !p.archived && !p.updates.is_empty())
        .count();
    let plural = crate::common::text::plural;
    vec![
        NextStep {
            title: "Set up the PMO",
            detail: format!("{steps_done} of 7 steps of the guide are complete."),
            done: steps_done == 7,
            action: "Open the guide",
            at: Where::Guide,
        },
        NextStep {
            title: "Put the people in the org chart",
            detail: if people == 0 {
                "Nobody yet: add the PMO and the project managers, or import them.".into()
            } else {
                format!("{} so far.", plural(people, "person", Some("people")))
            },
            done: people > 1,
            action: "Open the org chart",
            at: Where::OrgChart,
        },
        NextStep {
            title: "Register the projects",
            detail: if ws.portfolios.is_empty() {
                "Name a first portfolio, then add projects one by one or import them from a spreadsheet (CSV)."
                    .into()
            } else if live == 0 {
                format!(
                    "{} and no project yet: add them, or import them from a spreadsheet (CSV).",
                    plural(ws.portfolios.len(), "portfolio", None)
                )
            } else {
                format!("{} registered.", plural(live, "project", None))
            },
            done: live > 0,
            action: "Add a project",
            at: Where::NewProject,
        },
        NextStep {
            title: "Collect the first status",
            detail: if live == 0 {
                "Once projects are registered, ask their managers for their status.".into()
            } else {
                format!(
                    "{reported} of {} with a status update.",
                    plural(live, "project", None)
                )
            },
            done: live > 0 && reported == live,
            action: "Open a status round",
            at: Where::StatusRound,
        },
    ]
}
