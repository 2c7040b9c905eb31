//! A deterministic demo organisation, and a scalable generator for benchmarks.
//!
//! The demo is what a PMO lead sees when they try the app: a CEO with an enterprise PMO
//! (Chief Project Officer, PMO manager, analysts, coordinators), three portfolios, eight
//! programmes, forty projects in every phase and status, a programme PMO, an open role, a
//! project run by a business PM and a technical PM together, and dotted lines to the PMO.
//! The same seed always yields the same document, so tests and screenshots are stable.

use chrono::{Days, NaiveDate};

use crate::model::*;

/// A small, fast, deterministic pseudo-random generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const FIRST: [&str; 24] = [
    "Amara", "Ben", "Chloé", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonas", "Kavya",
    "Luca", "Maya", "Nils", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tara", "Umar", "Vera",
    "Wen", "Yusuf",
];
const LAST: [&str; 20] = [
    "Okafor",
    "Lindqvist",
    "Moreau",
    "Petrov",
    "Yılmaz",
    "Haddad",
    "Becker",
    "Tanaka",
    "García",
    "Weber",
    "Iyer",
    "Rossi",
    "Cohen",
    "Berg",
    "Novak",
    "Silva",
    "Murphy",
    "Costa",
    "Nakamura",
    "Ahmed",
];
const PORTFOLIOS: [&str; 3] = [
    "Customer & Growth",
    "Operations Excellence",
    "Technology Platform",
];
const PROGRAMMES: [&str; 8] = [
    "Digital Channels",
    "Customer Data",
    "Supply Chain Renewal",
    "Finance Transformation",
    "Workplace Modernisation",
    "Cloud Migration",
    "Security Uplift",
    "Data & Analytics",
];
const PROJECT_WORDS: [&str; 20] = [
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
];

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid literal date")
}

/// An empty workspace with the standard role catalogue: where a new PMO starts.
pub fn empty() -> Workspace {
    Workspace {
        roles: crate::roles::standard_catalogue(),
        ..Workspace::default()
    }
}

/// The reference day of [`demo`] and [`generate`], so tests see the same document every time.
pub fn reference_day() -> NaiveDate {
    date(2026, 11, 2)
}

/// The demo organisation as of the reference day (see [`demo_at`]).
pub fn demo() -> Workspace {
    demo_at(reference_day())
}

/// The demo organisation about 60 people, 3 portfolios, 8 programmes and 40 projects, with
/// dates around `today` so that gates, milestones and status updates look current.
pub fn demo_at(today: NaiveDate) -> Workspace {
    let mut ws = generate_at(40, 60, today);
    ws.assessments = demo_assessments(&ws, today);
    ws
}

/// Answers for every asked question of `q`, around `base` (a level 1–5) with some spread.
fn demo_answers(q: &crate::model::Questionnaire, base: i32, seed: usize) -> Vec<Answer> {
    use crate::model::QuestionKind;
    let mut answers: Vec<Answer> = Vec::new();
    for (i, x) in q.questions.iter().enumerate() {
        if !crate::assessment::asked(q, &answers)[i] {
            continue;
        }
        let wobble = ((i * 7 + seed * 3) % 3) as i32 - 1;
        let level = (base + wobble).clamp(1, 5);
        let value = match x.kind {
            QuestionKind::Statements => x
                .statements
                .iter()
                .position(|s| i32::from(s.level) == level)
                .map_or(1, |p| p + 1) as u8,
            QuestionKind::Scale => level as u8,
            QuestionKind::YesPartlyNo => ((level + 1) / 2).clamp(1, 3) as u8,
        };
        answers.push(Answer {
            question_id: x.id.clone(),
            value: Some(value),
            note: String::new(),
        });
    }
    answers
}

/// Three maturity assessments of the enterprise PMO (two people, half a year apart), a
/// PMO type check and an analyst's skills self-assessment, so that results, the trend and the team view have something to show.
fn demo_assessments(ws: &Workspace, today: NaiveDate) -> Vec<Assessment> {
    let built = crate::assessment::questionnaire::built_in();
    let (maturity, pmo_type, skills) = (&built[0], &built[1], &built[2]);
    let who = |k: usize| {
        ws.people
            .get(k)
            .map_or("PMO lead".to_string(), |p| p.name.clone())
    };
    let make = |id: &str,
                q: &crate::model::Questionnaire,
                person: String,
                ago: i64,
                answers: Vec<Answer>| {
        let started = days(today, -ago);
        Assessment {
            id: id.into(),
            questionnaire_id: q.id.clone(),
            questionnaire_version: q.version,
            unit_id: Some("u-epmo".into()),
            respondent: person,
            started,
            finished: Some(days(started, 2)),
            answers,
            position: 0,
            by_dimension: false,
        }
    };
    let analyst = ws
        .people
        .iter()
        .find(|p| p.id == "pmo-an-1")
        .map_or("PMO analyst".to_string(), |p| p.name.clone());
    // Strong on analysis and organisation, still growing in negotiation.
    let mut skill_answers = demo_answers(skills, 3, 2);
    for a in &mut skill_answers {
        if a.question_id.starts_with("analysis") || a.question_id.starts_with("organisation") {
            a.value = Some(4);
        } else if a.question_id.starts_with("negotiation") {
            a.value = Some(2);
        }
    }
    let mut type_answers = demo_answers(pmo_type, 2, 1);
    for a in &mut type_answers {
        if a.question_id.starts_with("directive") {
            a.value = Some(3);
        }
    }
    vec![
        make("a-001", maturity, who(1), 190, demo_answers(maturity, 2, 0)),
        make("a-002", maturity, who(2), 185, demo_answers(maturity, 2, 2)),
        make("a-003", maturity, who(1), 12, demo_answers(maturity, 3, 1)),
        make("a-004", pmo_type, who(1), 200, type_answers),
        // A PMO analyst's skills, for the career path's next step.
        make("a-005", skills, analyst, 30, skill_answers),
    ]
}

/// [`generate_at`] on the reference day.
pub fn generate(projects: usize, people: usize) -> Workspace {
    generate_at(projects, people, reference_day())
}

const COMMENTARY: [&str; 6] = [
    "Work is going to plan; next milestone confirmed with the business.",
    "Supplier delivery slipped by two weeks; recovery plan agreed.",
    "Scope change request under review by the steering committee.",
    "Testing found more defects than expected; extra capacity requested.",
    "Key resource left the team; backfill in progress.",
    "Budget reforecast approved; contingency partly released.",
];
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

fn days(d: NaiveDate, delta: i64) -> NaiveDate {
    if delta >= 0 {
        d.checked_add_days(Days::new(delta as u64)).unwrap_or(d)
    } else {
        d.checked_sub_days(Days::new(delta.unsigned_abs()))
            .unwrap_or(d)
    }
}

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

/// A deterministic organisation with `projects` projects and about `people` people
/// (at least the fixed leadership of 26 plus three project managers), dated around `today`.
pub fn generate_at(projects: usize, people: usize, today: NaiveDate) -> Workspace {
    let mut rng = Rng(0x0050_4D4F_u64);
    let mut name_counter = 0usize;
    let mut used = std::collections::HashSet::new();
    // Names are unique, as people expect when they look someone up; past the 480 first/last
    // combinations a number tells namesakes apart.
    let mut next_name = |rng: &mut Rng| loop {
        let first = FIRST[(name_counter * 7 + rng.below(3) as usize) % FIRST.len()];
        let last = LAST[(name_counter * 11 + rng.below(5) as usize) % LAST.len()];
        let round = name_counter / (FIRST.len() * LAST.len());
        name_counter += 1;
        let name = if round == 0 {
            format!("{first} {last}")
        } else {
            format!("{first} {last} {}", round + 1)
        };
        if used.insert(name.clone()) {
            break name;
        }
    };

    let mut ws = empty();
    ws.organisation = Organisation {
        name: "Northwind Group".into(),
        pmo_type: PmoType::Controlling,
        currency: "EUR".into(),
    };
    ws.units = vec![
        Unit {
            id: "u-epmo".into(),
            name: "Enterprise PMO".into(),
            kind: UnitKind::EnterprisePmo,
        },
        Unit {
            id: "u-ppmo".into(),
            name: "Digital Channels programme PMO".into(),
            kind: UnitKind::ProgrammePmo,
        },
        Unit {
            id: "u-ops".into(),
            name: "Operations".into(),
            kind: UnitKind::Business,
        },
        Unit {
            id: "u-tech".into(),
            name: "Technology".into(),
            kind: UnitKind::Business,
        },
        Unit {
            id: "u-fin".into(),
            name: "Finance".into(),
            kind: UnitKind::Business,
        },
    ];

    let mut add = |ws: &mut Workspace,
                   rng: &mut Rng,
                   id: String,
                   title: &str,
                   role: &str,
                   unit: &str,
                   manager: Option<&str>| {
        let name = next_name(rng);
        ws.people.push(Person {
            id: id.clone(),
            name,
            title: title.into(),
            role_id: Some(role.into()),
            unit_id: Some(unit.into()),
            manager_id: manager.map(str::to_string),
            vacancy: false,
        });
        id
    };

    let ceo = add(
        &mut ws,
        &mut rng,
        "ceo".into(),
        "Chief Executive Officer",
        "ceo",
        "u-ops",
        None,
    );
    let heads = [
        add(
            &mut ws,
            &mut rng,
            "coo".into(),
            "Chief Operating Officer",
            "executive",
            "u-ops",
            Some(&ceo),
        ),
        add(
            &mut ws,
            &mut rng,
            "cio".into(),
            "Chief Information Officer",
            "executive",
            "u-tech",
            Some(&ceo),
        ),
        add(
            &mut ws,
            &mut rng,
            "cfo".into(),
            "Chief Financial Officer",
            "executive",
            "u-fin",
            Some(&ceo),
        ),
    ];
    let head_units = ["u-ops", "u-tech", "u-fin"];
    let cpo = add(
        &mut ws,
        &mut rng,
        "cpo".into(),
        "Chief Project Officer",
        "cpo",
        "u-epmo",
        Some(&ceo),
    );
    let pmo_mgr = add(
        &mut ws,
        &mut rng,
        "pmo-mgr".into(),
        "PMO Manager",
        "pmo-manager",
        "u-epmo",
        Some(&cpo),
    );
    let analysts: Vec<Id> = (1..=3)
        .map(|i| {
            add(
                &mut ws,
                &mut rng,
                format!("pmo-an-{i}"),
                "PMO Analyst",
                "pmo-analyst",
                "u-epmo",
                Some(&pmo_mgr),
            )
        })
        .collect();
    for i in 1..=3 {
        add(
            &mut ws,
            &mut rng,
            format!("pmo-co-{i}"),
            "PMO Coordinator",
            "pmo-coordinator",
            "u-epmo",
            Some(&pmo_mgr),
        );
    }
    ws.people.push(Person {
        id: "pmo-vacancy-1".into(),
        name: "Open role: PMO Analyst".into(),
        title: "PMO Analyst (hiring)".into(),
        role_id: Some("pmo-analyst".into()),
        unit_id: Some("u-epmo".into()),
        manager_id: Some(pmo_mgr.clone()),
        vacancy: true,
    });

    let n_portfolios = 3 + projects / 1000;
    let n_programmes = (projects / 5).max(n_portfolios);
    for i in 0..n_portfolios {
        let pm = add(
            &mut ws,
            &mut rng,
            format!("pfm-{}", i + 1),
            "Portfolio Manager",
            "portfolio-manager",
            "u-epmo",
            Some(&cpo),
        );
        ws.portfolios.push(Portfolio {
            id: format!("pf-{}", i + 1),
            name: PORTFOLIOS
                .get(i)
                .map_or_else(|| format!("Portfolio {}", i + 1), |s| s.to_string()),
            description: String::new(),
            manager_id: Some(pm),
        });
    }
    for i in 0..n_programmes {
        let portfolio = i % n_portfolios;
        let mgr = add(
            &mut ws,
            &mut rng,
            format!("pgm-{}", i + 1),
            "Programme Manager",
            "programme-manager",
            head_units[portfolio % 3],
            Some(&format!("pfm-{}", portfolio + 1)),
        );
        ws.programmes.push(Programme {
            id: format!("pg-{}", i + 1),
            name: PROGRAMMES
                .get(i)
                .map_or_else(|| format!("Programme {}", i + 1), |s| s.to_string()),
            portfolio_id: format!("pf-{}", portfolio + 1),
            manager_id: Some(mgr),
            pmo_unit_id: (i == 0).then(|| "u-ppmo".to_string()),
        });
    }
    // The programme PMO of the first programme: solid line to its programme manager,
    // dotted line to the enterprise PMO.
    let ppmo_lead = add(
        &mut ws,
        &mut rng,
        "ppmo-lead".into(),
        "Programme PMO Lead",
        "pmo-manager",
        "u-ppmo",
        Some("pgm-1"),
    );
    add(
        &mut ws,
        &mut rng,
        "ppmo-an".into(),
        "Programme PMO Analyst",
        "pmo-analyst",
        "u-ppmo",
        Some(&ppmo_lead),
    );
    ws.dotted_lines.push(DottedLine {
        from: ppmo_lead,
        to: pmo_mgr.clone(),
        label: "Enterprise PMO standards".into(),
    });

    // Project managers: senior PMs under the business heads, PMs under the senior PMs.
    let fixed = ws.people.len();
    let n_pms = people.saturating_sub(fixed).max(3);
    let n_seniors = (n_pms / 10).max(3).min(n_pms);
    let mut pms: Vec<Id> = Vec::with_capacity(n_pms);
    for j in 0..n_pms {
        let (title, role, manager, unit) = if j < n_seniors {
            (
                "Senior Project Manager",
                "senior-pm",
                heads[j % 3].clone(),
                head_units[j % 3],
            )
        } else {
            let s = (j - n_seniors) % n_seniors;
            (
                "Project Manager",
                "project-manager",
                format!("pm-{}", s + 1),
                head_units[s % 3],
            )
        };
        let id = add(
            &mut ws,
            &mut rng,
            format!("pm-{}", j + 1),
            title,
            role,
            unit,
            Some(&manager),
        );
        // Most PMs keep a dotted line to the PMO; a few do not, which the org chart flags.
        if !(j + 1).is_multiple_of(7) {
            ws.dotted_lines.push(DottedLine {
                from: id.clone(),
                to: pmo_mgr.clone(),
                label: "PMO reporting".into(),
            });
        }
        pms.push(id);
    }

    ws.objectives = vec![
        Objective {
            id: "obj-growth".into(),
            name: "Grow revenue".into(),
            weight: 40,
        },
        Objective {
            id: "obj-cost".into(),
            name: "Reduce operating cost".into(),
            weight: 30,
        },
        Objective {
            id: "obj-risk".into(),
            name: "Reduce regulatory risk".into(),
            weight: 20,
        },
        Objective {
            id: "obj-people".into(),
            name: "Improve employee experience".into(),
            weight: 10,
        },
    ];

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
            Phase::Initiation => (rng.below(30) as i64, 120 + rng.below(300) as i64),
            Phase::Planning => (30 + rng.below(90) as i64, 90 + rng.below(300) as i64),
            Phase::Execution => (120 + rng.below(280) as i64, 20 + rng.below(300) as i64),
            Phase::Closing => (300 + rng.below(300) as i64, rng.below(60) as i64 - 30),
        };
        let start = days(today, -ago);
        let end = days(today, ahead);
        // Late projects have slipped against their baseline.
        let baseline_end = match status {
            Status::AtRisk => days(end, -21),
            Status::OffTrack => days(end, -60),
            _ => end,
        };
        let planned = (50_000 + rng.below(1_950_000) as i64) / 1000 * 1000 * 100;
        let percent: u8 = match phase {
            Phase::Initiation => 0,
            Phase::Planning => 5 + rng.below(15) as u8,
            Phase::Execution => 20 + rng.below(60) as u8,
            Phase::Closing => 90 + rng.below(11) as u8,
        };
        let overrun = match status {
            Status::OffTrack => 130,
            Status::AtRisk => 110,
            _ => 95 + rng.below(10) as i64,
        };
        let actual = planned * percent as i64 / 100 * overrun / 100 / 100 * 100;
        let forecast = planned * overrun / 100 / 100 * 100;
        let words = PROJECT_WORDS[k % PROJECT_WORDS.len()];
        let name = if k < PROJECT_WORDS.len() {
            words.to_string()
        } else {
            format!("{words} {}", k / PROJECT_WORDS.len() + 1)
        };
        let pm = managers[0].person_id.clone();
        let reached = Phase::ALL.iter().position(|p| *p == phase).unwrap_or(0);
        let span = (ahead + ago).max(4);
        let gates: Vec<Gate> = Phase::ALL
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
            .collect();
        let milestones = (0..3)
            .map(|m| {
                let due = days(start, span * (m as i64 + 1) / 3);
                Milestone {
                    id: format!("p-{:03}-m{}", k + 1, m + 1),
                    name: ["Design signed off", "Build complete", "Go-live"][m].into(),
                    due,
                    done: (due < today && status != Status::OffTrack).then_some(due),
                }
            })
            .collect();
        let risks = (0..(k % 4))
            .map(|r| Risk {
                id: format!("p-{:03}-r{}", k + 1, r + 1),
                kind: if r == 2 {
                    RiskKind::Issue
                } else {
                    RiskKind::Risk
                },
                title: RISKS[(k + r * 3) % RISKS.len()].into(),
                probability: 1 + rng.below(5) as u8,
                impact: 1 + rng.below(5) as u8,
                owner_id: Some(pm.clone()),
                status: if r == 1 {
                    RiskStatus::Mitigating
                } else {
                    RiskStatus::Open
                },
            })
            .collect();
        let updates = if matches!(status, Status::NotSet | Status::NotStarted) {
            Vec::new()
        } else {
            let before = previous_status(status, k);
            vec![
                StatusUpdate {
                    date: days(today, -40 - (k % 7) as i64),
                    status: before,
                    rag: rag_for(before, k + 1),
                    commentary: COMMENTARY[(k + 1) % COMMENTARY.len()].into(),
                    author_id: Some(pm.clone()),
                },
                StatusUpdate {
                    date: days(today, -10 - (k % 7) as i64),
                    status,
                    rag: rag_for(status, k),
                    commentary: COMMENTARY[k % COMMENTARY.len()].into(),
                    author_id: Some(pm.clone()),
                },
            ]
        };
        ws.projects.push(Project {
            id: format!("p-{:03}", k + 1),
            code: format!("PRJ-{:04}", k + 1),
            name,
            description: String::new(),
            portfolio_id: format!("pf-{}", portfolio + 1),
            programme_id: programme.map(|i| format!("pg-{}", i + 1)),
            managers,
            sponsor_id: Some(heads[k % 3].clone()),
            pmo_contact_id: Some(analysts[k % 3].clone()),
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
            scores: ws
                .objectives
                .iter()
                .map(|o| ObjectiveScore {
                    objective_id: o.id.clone(),
                    score: rng.below(6) as u8,
                })
                .collect(),
            gates,
            risks,
            milestones,
            updates,
            archived: false,
        });
    }
    ws
}
