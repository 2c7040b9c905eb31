//! The demo PMO's set-up guide, filled in as Northwind's PMO lead would have done it: every
//! step complete, so the charter and the routines calendar read as a real PMO's.

use chrono::NaiveDate;

use super::days;
use crate::model::*;
use crate::setup::usual_routines;

/// The decisions of the demo's set-up guide, dated around `today`.
pub(super) fn plan(today: NaiveDate) -> SetupPlan {
    let objective = |text: &str, measure: &str, target: &str| SetupObjective {
        text: text.into(),
        measure: measure.into(),
        target: target.into(),
    };
    let audience = |who: &str, channel: &str, frequency: &str| Audience {
        who: who.into(),
        channel: channel.into(),
        frequency: frequency.into(),
    };
    SetupPlan {
        step: 7,
        purpose: "Give the executive team one reliable view of every project, and help project \
                  managers deliver what the group committed to, on time and within budget."
            .into(),
        objectives: vec![
            objective(
                "Status reported on time",
                "projects with an update by the 3rd working day",
                "95% by the end of the year",
            ),
            objective(
                "Fewer surprises at the committee",
                "off-track projects first flagged at risk the month before",
                "80% within two quarters",
            ),
            objective(
                "Gates held before money is spent",
                "projects in execution that passed their planning gate",
                "100% from next quarter",
            ),
        ],
        sponsor_id: Some("ceo".into()),
        commitment: "Chairs the monthly steering committee, backs the PMO's standards at gate \
                     reviews, and funds a PMO of eight people."
            .into(),
        services: [
            "reporting",
            "standards",
            "templates",
            "gates",
            "risks",
            "prioritisation",
        ]
        .into_iter()
        .map(String::from)
        .collect(),
        standards: "Project lifecycle with four gates, business case and status report \
                    templates, a RAG definition for schedule, cost and scope."
            .into(),
        tools: "PMO Workbench for the register, the monthly report and the org chart; the \
                shared drive for documents."
            .into(),
        lifecycle: true,
        type_decided: true,
        level: Some(PmoLevel::Enterprise),
        unit_id: Some("u-epmo".into()),
        staffing: vec![
            Staffing {
                role_id: "pmo-manager".into(),
                count: 1,
            },
            Staffing {
                role_id: "pmo-analyst".into(),
                count: 4,
            },
            Staffing {
                role_id: "pmo-coordinator".into(),
                count: 3,
            },
        ],
        audiences: vec![
            audience(
                "Steering committee",
                "Monthly PMO report and meeting",
                "Monthly",
            ),
            audience(
                "Project managers",
                "Status round and PM community call",
                "Monthly",
            ),
            audience(
                "Sponsors",
                "Gate reviews and exception notes",
                "At each gate",
            ),
        ],
        routines: usual_routines(),
        scope: "All projects over EUR 250,000 or crossing two business units, in every \
                portfolio; business-as-usual change stays with the business lines."
            .into(),
        review: Some(days(today, 180)),
    }
}
