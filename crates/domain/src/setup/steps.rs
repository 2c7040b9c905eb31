//! The seven steps of the guide, and what each still needs.

use crate::model::{SetupPlan, Workspace};

/// The seven steps: (number, title, why it matters).
pub const STEPS: [(u8, &str, &str); 7] = [
    (
        1,
        "Objectives",
        "A PMO without clear objectives turns into an office that collects reports nobody reads. Say what the PMO is for and how you will know it works: each objective needs a measure and a target.",
    ),
    (
        2,
        "Sponsorship",
        "A PMO asks people to change how they work. It needs a senior sponsor who backs it in front of the business, gives it time and budget, and settles disputes about its standards.",
    ),
    (
        3,
        "Tools and processes",
        "Decide what the PMO provides: the standards and templates, the tools, the services, and the project lifecycle (initiation, planning, execution, closing) with its gates. Start with what projects need most, not with everything.",
    ),
    (
        4,
        "PMO organisation",
        "The PMO type decides how much authority the PMO has and who project managers report to. The level (enterprise or programme) decides its scope. Staffing should mix seasoned people with people who can grow into the roles.",
    ),
    (
        5,
        "Engage and communicate",
        "A PMO is judged by the people it serves. Decide who needs to hear from it, through which channel and how often, so the PMO is known before it asks for anything.",
    ),
    (
        6,
        "Monthly routines",
        "Routines give the PMO its rhythm: status collection, the monthly report, gate reviews, the resource review, lessons learned. Fix their dates so project managers can plan around them.",
    ),
    (
        7,
        "PMO charter",
        "The charter puts every decision on one page the sponsor signs: purpose, objectives, scope, authority, organisation, services and routines. Set a date to review it; a PMO has to keep itself up to date.",
    ),
];

/// The title of a step (1–7).
pub fn step_title(step: u8) -> &'static str {
    STEPS.iter().find(|s| s.0 == step).map_or("", |s| s.1)
}

/// Services a PMO can offer: (id, name).
pub const SERVICES: [(&str, &str); 10] = [
    ("reporting", "Status reporting and the monthly PMO report"),
    ("standards", "Project management standards and method"),
    ("templates", "Templates and tools"),
    ("training", "Training and coaching of project managers"),
    ("gates", "Gate reviews and governance"),
    ("prioritisation", "Portfolio prioritisation"),
    ("resources", "Resource management"),
    ("risks", "Risk and issue oversight"),
    ("lessons", "Lessons learned and knowledge base"),
    ("assurance", "Project assurance and health checks"),
];

/// The name of a service id (the id itself for a custom service).
pub fn service_name(id: &str) -> String {
    SERVICES
        .iter()
        .find(|s| s.0 == id)
        .map_or_else(|| id.to_string(), |s| s.1.to_string())
}

/// What a step still needs, in words ("a measure for “Faster reporting”"). Empty when done.
pub fn missing(ws: &Workspace, plan: &SetupPlan, step: u8) -> Vec<String> {
    let mut out = Vec::new();
    match step {
        1 => {
            let name = ws.organisation.name.trim();
            if name.is_empty() || name == crate::model::Organisation::default().name {
                out.push("the organisation's name".to_string());
            }
            if plan.purpose.trim().is_empty() {
                out.push("the PMO's purpose".to_string());
            }
            let objectives = plan.named_objectives();
            if objectives.is_empty() {
                out.push("at least one objective".into());
            }
            for o in objectives {
                if o.measure.trim().is_empty() {
                    out.push(format!("a measure for “{}”", o.text.trim()));
                }
                if o.target.trim().is_empty() {
                    out.push(format!("a target for “{}”", o.text.trim()));
                }
            }
        }
        2 => {
            match plan.sponsor_id.as_deref() {
                None => out.push("a sponsor".into()),
                Some(id) if ws.person(id).is_none() => {
                    out.push("a sponsor (the one chosen is no longer in the org chart)".into())
                }
                _ => {}
            }
            if plan.commitment.trim().is_empty() {
                out.push("what the sponsor commits".into());
            }
        }
        3 => {
            if plan.services.is_empty() {
                out.push("at least one service".into());
            }
            if plan.standards.trim().is_empty() {
                out.push("the standards and templates".into());
            }
            if plan.tools.trim().is_empty() {
                out.push("the tools".into());
            }
            if !plan.lifecycle {
                out.push("a decision on the project lifecycle and its gates".into());
            }
        }
        4 => {
            if !plan.type_decided {
                out.push("the PMO type".into());
            }
            if plan.level.is_none() {
                out.push("the PMO level".into());
            }
            match plan.unit_id.as_deref() {
                None => out.push("the PMO's unit in the org chart".into()),
                Some(u) if !ws.units.iter().any(|x| x.id == u) => {
                    out.push("the PMO's unit (the one chosen no longer exists)".into())
                }
                _ => {}
            }
            if plan.staffing.iter().all(|s| s.count == 0) {
                out.push("the staffing".into());
            }
        }
        5 => {
            let named = plan.named_audiences();
            if named.is_empty() {
                out.push("at least one audience".into());
            }
            for a in named {
                if a.channel.trim().is_empty() || a.frequency.trim().is_empty() {
                    out.push(format!("a channel and how often for “{}”", a.who.trim()));
                }
            }
        }
        6 => {
            if plan.routines.is_empty() {
                out.push("at least one routine".into());
            }
            for r in &plan.routines {
                if let Some(p) = r.problem() {
                    let name = if r.name.trim().is_empty() {
                        "a routine"
                    } else {
                        r.name.trim()
                    };
                    out.push(format!("a valid date rule for “{name}” ({p})"));
                }
            }
        }
        7 => {
            if plan.scope.trim().is_empty() {
                out.push("the scope".into());
            }
            if plan.review.is_none() {
                out.push("a review date".into());
            }
        }
        _ => {}
    }
    out
}

/// True when every step is complete.
pub fn complete(ws: &Workspace, plan: &SetupPlan) -> bool {
    STEPS.iter().all(|s| missing(ws, plan, s.0).is_empty())
}
