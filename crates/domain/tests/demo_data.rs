//! The demo organisation has everything the issue promises, and is the same every time.

use std::collections::HashSet;

use pmo_domain::demo::{demo, generate};
use pmo_domain::validate::validate;
use pmo_domain::*;

#[test]
fn demo_has_the_promised_shape() {
    let ws = demo();
    let c = ws.counts();
    assert!((55..=65).contains(&(c.people + c.vacancies)), "{c:?}");
    assert_eq!(c.portfolios, 3);
    assert_eq!(c.programmes, 8);
    assert_eq!(c.projects, 40);
    assert!(c.vacancies >= 1);
    assert!(c.dotted_lines >= 10);
    let phases: HashSet<Phase> = ws.projects.iter().map(|p| p.phase).collect();
    assert_eq!(phases.len(), 4);
    let statuses: HashSet<Status> = ws.projects.iter().map(|p| p.status).collect();
    assert_eq!(statuses.len(), Status::ALL.len(), "{statuses:?}");
    assert!(
        ws.projects.iter().any(|p| p.programme_id.is_none()),
        "some projects sit directly in a portfolio"
    );
    let shared = ws
        .projects
        .iter()
        .find(|p| p.managers.len() == 2)
        .expect("a project with two PMs");
    let labels: Vec<&str> = shared.managers.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(labels, ["Business PM", "Technical PM"]);
    assert!(ws.units.iter().any(|u| u.kind == UnitKind::ProgrammePmo));
    assert!(ws.programmes.iter().any(|p| p.pmo_unit_id.is_some()));
    let roots: Vec<&Person> = ws
        .people
        .iter()
        .filter(|p| p.manager_id.is_none())
        .collect();
    assert_eq!(roots.len(), 1);
    assert_eq!(roots[0].title, "Chief Executive Officer");
    for role in ["cpo", "pmo-manager", "pmo-analyst", "pmo-coordinator"] {
        assert!(
            ws.people
                .iter()
                .any(|p| p.role_id.as_deref() == Some(role) && !p.vacancy),
            "no {role}"
        );
    }
}

#[test]
fn demo_is_deterministic() {
    assert_eq!(demo(), demo());
    assert_eq!(
        serde_json::to_string(&demo()).unwrap(),
        serde_json::to_string(&demo()).unwrap()
    );
}

#[test]
fn generator_scales_and_stays_valid() {
    let ws = generate(10_000, 3_000);
    assert_eq!(ws.projects.len(), 10_000);
    assert!(
        (2_990..=3_010).contains(&ws.people.len()),
        "{}",
        ws.people.len()
    );
    let problems = validate(&ws);
    assert!(
        problems.is_empty(),
        "{:#?}",
        &problems[..problems.len().min(5)]
    );
}

#[test]
fn tiny_generator_still_has_project_managers() {
    let ws = generate(3, 0);
    assert!(validate(&ws).is_empty());
    assert!(ws.projects.iter().all(|p| !p.managers.is_empty()));
}

/// The demo reads as one coherent PMO: its guide is done, its PMO type is the same wherever it
/// is named, its projects have real names, and what PMs write matches their status.
#[test]
fn the_demo_tells_one_story() {
    use pmo_domain::model::{Rag, Status};
    let ws = demo();
    // The set-up guide is complete; the charter and the routines come from it.
    let plan = ws.setup.as_ref().expect("the demo has its set-up guide");
    assert!(pmo_domain::setup::complete(&ws, plan), "every step is done");
    let charter = pmo_domain::setup::charter(&ws, pmo_domain::demo::reference_day());
    let text = charter.to_markdown();
    assert!(
        text.contains(&ws.people.iter().find(|p| p.id == "ceo").unwrap().name),
        "names the sponsor"
    );
    assert!(!plan.routines.is_empty());
    assert!(text.contains("The Enterprise PMO covers every portfolio, programme and project of Northwind Group, today 3 portfolios"), "{text}");
    assert!(!text.contains("Enterprise PMO is an enterprise PMO"));
    // One PMO type: the organisation's, the charter's, and what the type check suggests.
    let t = ws.organisation.pmo_type;
    assert!(text.to_lowercase().contains(&t.label().to_lowercase()));
    let (suggested, _, _) =
        pmo_domain::setup::suggested_type(&ws).expect("the type check has a result");
    assert_eq!(suggested, t);
    // Forty different names, none numbered.
    let names: std::collections::HashSet<&str> =
        ws.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), ws.projects.len());
    assert!(
        ws.projects
            .iter()
            .all(|p| !p.name.chars().last().unwrap().is_ascii_digit()),
        "no \"Warehouse automation 2\""
    );
    // The commentary agrees with the status, and names the light that is not green.
    for p in &ws.projects {
        for u in &p.updates {
            let c = u.commentary.to_lowercase();
            match u.status {
                Status::OnTrack => assert!(
                    !c.contains("slipped") && !c.contains("missed") && !c.contains("over budget"),
                    "{c}"
                ),
                Status::OffTrack | Status::AtRisk => {
                    let worst = [
                        (u.rag.schedule, "schedule"),
                        (u.rag.cost, "cost"),
                        (u.rag.scope, "scope"),
                    ]
                    .into_iter()
                    .max_by_key(|(r, _)| match r {
                        Rag::Red => 2,
                        Rag::Amber => 1,
                        _ => 0,
                    })
                    .unwrap()
                    .1;
                    let said = match worst {
                        "schedule" => c.contains("slipped") || c.contains("missed"),
                        "cost" => c.contains("budget") || c.contains("cost"),
                        _ => c.contains("scope"),
                    };
                    assert!(said, "{:?} {worst}: {c}", u.status);
                }
                Status::Finished => assert!(c.contains("closed")),
                _ => {}
            }
        }
    }
    // A larger organisation repeats projects by region, still without bare numbers.
    let big = pmo_domain::demo::generate(100, 80);
    assert!(big.projects.iter().any(|p| p.name.ends_with("(Nordics)")));
    let names: std::collections::HashSet<&str> =
        big.projects.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names.len(), big.projects.len());
}
