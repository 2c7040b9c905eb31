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
