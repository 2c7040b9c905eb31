//! The projects of a generated organisation: every phase and status, dates around today,
//! budgets, gates, milestones, risks and status updates that show every trend.

use chrono::NaiveDate;

use super::days;

use super::people::Leadership;
use super::Generator;
use crate::model::*;

/// Names of the demo's projects: the first forty are all different; a larger generated
/// organisation runs the same projects in other regions, then in later waves.
const PROJECT_WORDS: [&str; 40] = [
    "Mobile app relaunch",
    "CRM consolidation",
    "Warehouse automation",
    "E-invoicing rollout",
    "Intranet replacement",
    "Data centre exit",
    "Identity management",
    "Reporting platform",
    "Self-service portal",
    "Loyalty programme",
    "Demand planning",
    "Close-to-report",
    "Hybrid meeting rooms",
    "Network refresh",
    "Zero trust pilot",
    "Data catalogue",
    "Payments gateway",
    "Supplier onboarding",
    "Travel & expenses",
    "Archive migration",
    "Customer data platform",
    "Field service scheduling",
    "Contract lifecycle tool",
    "Cloud landing zone",
    "Order-to-cash redesign",
    "Procurement e-catalogue",
    "HR core system upgrade",
    "Website accessibility",
    "Fleet telematics",
    "Cyber awareness training",
    "Returns processing",
    "Treasury management system",
    "Call centre telephony",
    "Product information hub",
    "Energy metering",
    "Quality management system",
    "Partner portal",
    "Budgeting and forecasting",
    "Office move Lyon",
    "ERP finance upgrade",
];

/// Regions a larger generated organisation repeats its projects in.
const REGIONS: [&str; 12] = [
    "Nordics",
    "Benelux",
    "DACH",
    "UK & Ireland",
    "France",
    "Iberia",
    "Italy",
    "Poland",
    "Baltics",
    "US East",
    "US West",
    "Asia Pacific",
];

/// The name of the `k`-th project: the plain name, then the name in a region, then in a
/// later wave ("Payments gateway (Benelux, wave 2)").
fn project_name(k: usize) -> String {
    let words = PROJECT_WORDS[k % PROJECT_WORDS.len()];
    let round = k / PROJECT_WORDS.len();
    if round == 0 {
        return words.to_string();
    }
    let region = REGIONS[(round - 1) % REGIONS.len()];
    match (round - 1) / REGIONS.len() {
        0 => format!("{words} ({region})"),
        wave => format!("{words} ({region}, wave {})", wave + 1),
    }
}

/// What a project manager writes, by status; for at risk and off track, by the RAG that is
/// not green ([`rag_for`]: schedule, cost or scope, by `k % 3`), so the words match the
/// status and the lights.
fn commentary(status: Status, k: usize) -> &'static str {
    const ON_TRACK: [&str; 3] = [
        "Work is going to plan; next milestone confirmed with the business.",
        "Design signed off on time; build started as planned.",
        "User acceptance testing passed; the go-live date holds.",
    ];
    const AT_RISK: [&str; 3] = [
        "Supplier delivery slipped by two weeks; recovery plan agreed, go-live still reachable.",
        "Contractor rates rose; cost forecast above budget, contingency requested.",
        "Scope change request under review by the steering committee.",
    ];
    const OFF_TRACK: [&str; 3] = [
        "Go-live missed by two months; re-plan goes to the steering committee for a decision.",
        "Forecast 30% over budget; reforecast and scope cuts proposed to the sponsor.",
        "Requirements changed after design; scope must be re-baselined before build continues.",
    ];
    match status {
        Status::OnTrack => ON_TRACK[k % 3],
        Status::AtRisk => AT_RISK[k % 3],
        Status::OffTrack => OFF_TRACK[k % 3],
        Status::Finished => "Delivered and closed; benefits tracking handed to the business owner.",
        Status::Discontinued => "Stopped by the steering committee; lessons learned recorded.",
        Status::NotSet | Status::NotStarted => "Not started yet; team being formed.",
    }
}
const RISKS: [&str; 8] = [
    "Key supplier may miss delivery date",
    "Business users not available for testing",
    "Data quality lower than assumed",
    "Licence costs rise at renewal",
    "Regulatory guidance may change scope",
    "Integration partner lacks capacity",
    "Legacy system knowledge held by one person",
    "Change fatigue in the affected teams",
];

/// The status of the update before the latest, so the demo shows every trend.
fn previous_status(status: Status, k: usize) -> Status {
    match (status, k % 3) {
        (Status::OffTrack, 0) => Status::OffTrack,
        (Status::OffTrack, _) => Status::AtRisk,
        (Status::AtRisk, 0) => Status::OffTrack,
        (Status::AtRisk, _) => Status::OnTrack,
        (Status::OnTrack, 0) => Status::AtRisk,
        (s, _) => s,
    }
}

fn rag_for(status: Status, k: usize) -> RagSet {
    let (a, b) = match status {
        Status::OffTrack => (Rag::Red, Rag::Amber),
        Status::AtRisk => (Rag::Amber, Rag::Green),
        Status::OnTrack | Status::Finished => (Rag::Green, Rag::Green),
        _ => return RagSet::default(),
    };
    match k % 3 {
        0 => RagSet {
            schedule: a,
            cost: b,
            scope: Rag::Green,
        },
        1 => RagSet {
            schedule: b,
            cost: a,
            scope: Rag::Green,
        },
        _ => RagSet {
            schedule: b,
            cost: Rag::Green,
            scope: a,
        },
    }
}

/// The sizes the projects are spread over.
pub(super) struct Spread {
    pub n_portfolios: usize,
    pub n_programmes: usize,
}

/// `projects` projects, managed by `pms`.
pub(super) fn projects(
    g: &mut Generator,
    projects: usize,
    spread: &Spread,
    lead: &Leadership,
    pms: &[Id],
    today: NaiveDate,
) {
    let Spread {
        n_portfolios,
        n_programmes,
    } = *spread;
    for k in 0..projects {
        let phase = Phase::ALL[k % 4];
        let options = match phase {
            Phase::Initiation => [Status::NotSet, Status::NotStarted, Status::OnTrack],
            Phase::Planning => [Status::NotStarted, Status::OnTrack, Status::AtRisk],
            Phase::Execution => [Status::OnTrack, Status::AtRisk, Status::OffTrack],
            Phase::Closing => [Status::Finished, Status::Discontinued, Status::OnTrack],
        };
        let status = options[(k / 4) % 3];
        let portfolio = k % n_portfolios;
        // Every fifth project sits directly in its portfolio, outside any programme.
        let programme = if k % 5 == 4 {
            None
        } else {
            let in_portfolio: Vec<usize> =
                (portfolio..n_programmes).step_by(n_portfolios).collect();
            Some(in_portfolio[(k / n_portfolios) % in_portfolio.len()])
        };
        let managers = if k == 0 {
            vec![
                ProjectManager {
                    person_id: "pgm-1".into(),
                    label: "Business PM".into(),
                },
                ProjectManager {
                    person_id: pms[0].clone(),
                    label: "Technical PM".into(),
                },
            ]
        } else {
            vec![ProjectManager {
                person_id: pms[k % pms.len()].clone(),
                label: String::new(),
            }]
        };
        let (ago, ahead) = match phase {
            Phase::Initiation => (g.rng.below(30) as i64, 120 + g.rng.below(300) as i64),
            Phase::Planning => (30 + g.rng.below(90) as i64, 90 + g.rng.below(300) as i64),
            Phase::Execution => (120 + g.rng.below(280) as i64, 20 + g.rng.below(300) as i64),
            Phase::Closing => (300 + g.rng.below(300) as i64, g.rng.below(60) as i64 - 30),
        };
        let start = days(today, -ago);
        let end = days(today, ahead);
        // Late projects have slipped against their baseline.
        let baseline_end = match status {
            Status::AtRisk => days(end, -21),
            Status::OffTrack => days(end, -60),
            _ => end,
        };
        let planned = (50_000 + g.rng.below(1_950_000) as i64) / 1000 * 1000 * 100;
        let percent: u8 = match phase {
            Phase::Initiation => 0,
            Phase::Planning => 5 + g.rng.below(15) as u8,
            Phase::Execution => 20 + g.rng.below(60) as u8,
            Phase::Closing => 90 + g.rng.below(11) as u8,
        };
        let overrun = match status {
            Status::OffTrack => 130,
            Status::AtRisk => 110,
            _ => 95 + g.rng.below(10) as i64,
        };
        let actual = planned * percent as i64 / 100 * overrun / 100 / 100 * 100;
        let forecast = planned * overrun / 100 / 100 * 100;
        let name = project_name(k);
        let pm = managers[0].person_id.clone();
        let span = (ahead + ago).max(4);
        let gates = gates_of(k, phase, status, start, span, today);
        let milestones = milestones_of(k, status, start, span, today);
        let risks = (0..(k % 4))
            .map(|r| Risk {
                id: format!("p-{:03}-r{}", k + 1, r + 1),
                kind: if r == 2 {
                    RiskKind::Issue
                } else {
                    RiskKind::Risk
                },
                title: RISKS[(k + r * 3) % RISKS.len()].into(),
                probability: 1 + g.rng.below(5) as u8,
                impact: 1 + g.rng.below(5) as u8,
                owner_id: Some(pm.clone()),
                status: if r == 1 {
                    RiskStatus::Mitigating
                } else {
                    RiskStatus::Open
                },
            })
            .collect();
        let updates = updates_of(k, status, &pm, today);
        g.ws.projects.push(Project {
            id: format!("p-{:03}", k + 1),
            code: format!("PRJ-{:04}", k + 1),
            name,
            description: String::new(),
            portfolio_id: format!("pf-{}", portfolio + 1),
            programme_id: programme.map(|i| format!("pg-{}", i + 1)),
            managers,
            sponsor_id: Some(lead.heads[k % 3].clone()),
            pmo_contact_id: Some(lead.analysts[k % 3].clone()),
            phase,
            status,
            rag: rag_for(status, k),
            start: Some(start),
            end: Some(end),
            baseline_end: Some(baseline_end),
            budget: Budget {
                planned,
                actual,
                forecast,
            },
            percent_complete: percent,
            scores: g
                .ws
                .objectives
                .iter()
                .map(|o| ObjectiveScore {
                    objective_id: o.id.clone(),
                    score: g.rng.below(6) as u8,
                })
                .collect(),
            gates,
            risks,
            milestones,
            updates,
            archived: false,
        });
    }
}

/// The gates up to the current phase: earlier ones passed, the current one planned (a few
/// due within 30 days), failed for a discontinued project, all passed for a finished one.
fn gates_of(
    k: usize,
    phase: Phase,
    status: Status,
    start: NaiveDate,
    span: i64,
    today: NaiveDate,
) -> Vec<Gate> {
    let reached = Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0);
    Phase::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| *i <= reached)
        .map(|(i, ph)| {
            let at = days(start, span * (i as i64 + 1) / 4);
            if i < reached || status == Status::Finished {
                Gate {
                    phase: *ph,
                    decision: GateDecision::Passed,
                    date: Some(at),
                    note: String::new(),
                }
            } else if status == Status::Discontinued {
                Gate {
                    phase: *ph,
                    decision: GateDecision::Failed,
                    date: Some(days(today, -10)),
                    note: "Business case no longer holds.".into(),
                }
            } else {
                // The current phase's gate is planned; a few fall due within the next 30 days.
                let due = if k % 5 == 1 {
                    days(today, 5 + (k % 20) as i64)
                } else {
                    at.max(days(today, 31))
                };
                Gate {
                    phase: *ph,
                    decision: GateDecision::Pending,
                    date: Some(due),
                    note: String::new(),
                }
            }
        })
        .collect()
}

/// Three milestones spread over the project; those past are done unless it is off track.
fn milestones_of(
    k: usize,
    status: Status,
    start: NaiveDate,
    span: i64,
    today: NaiveDate,
) -> Vec<Milestone> {
    (0..3)
        .map(|m| {
            let due = days(start, span * (m as i64 + 1) / 3);
            Milestone {
                id: format!("p-{:03}-m{}", k + 1, m + 1),
                name: ["Design signed off", "Build complete", "Go-live"][m].into(),
                due,
                done: (due < today && status != Status::OffTrack).then_some(due),
            }
        })
        .collect()
}

/// Two status updates a month apart (none before the project started), so that the demo
/// shows every trend.
fn updates_of(k: usize, status: Status, pm: &Id, today: NaiveDate) -> Vec<StatusUpdate> {
    if matches!(status, Status::NotSet | Status::NotStarted) {
        Vec::new()
    } else {
        let before = previous_status(status, k);
        vec![
            StatusUpdate {
                date: days(today, -40 - (k % 7) as i64),
                status: before,
                rag: rag_for(before, k + 1),
                commentary: commentary(before, k + 1).into(),
                author_id: Some(pm.clone()),
            },
            StatusUpdate {
                date: days(today, -10 - (k % 7) as i64),
                status,
                rag: rag_for(status, k),
                commentary: commentary(status, k).into(),
                author_id: Some(pm.clone()),
            },
        ]
    }
}
