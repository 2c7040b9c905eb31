//! Validation reports every problem at once, each naming the thing and what is wrong.

use chrono::NaiveDate;
use pmo_domain::demo::demo;
use pmo_domain::org::lines::{reporting_cycles, would_create_cycle};
use pmo_domain::validate::{validate, ProblemKind};
use pmo_domain::*;

fn kinds(ws: &Workspace) -> Vec<ProblemKind> {
    validate(ws).into_iter().map(|p| p.kind).collect()
}

#[test]
fn demo_is_valid() {
    let problems = validate(&demo());
    assert!(problems.is_empty(), "demo has problems: {problems:#?}");
}

#[test]
fn duplicate_ids_are_reported_once_per_id() {
    let mut ws = demo();
    let copy = ws.projects[0].clone();
    ws.projects.push(copy.clone());
    ws.projects.push(copy);
    let problems = validate(&ws);
    let dups: Vec<_> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::DuplicateId)
        .collect();
    assert_eq!(dups.len(), 1, "{problems:#?}");
    assert!(dups[0].message.contains("p-001"), "{}", dups[0].message);
    assert!(dups[0].location.starts_with("project"));
}

#[test]
fn dangling_references_name_field_and_target() {
    let mut ws = demo();
    ws.projects[3].sponsor_id = Some("nobody".into());
    ws.people[5].manager_id = Some("ghost".into());
    let problems = validate(&ws);
    let msgs: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems.len(), 2, "{msgs:#?}");
    assert!(
        msgs.iter()
            .any(|m| m.contains("sponsor refers to person \"nobody\"")),
        "{msgs:#?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("manager refers to person \"ghost\"")),
        "{msgs:#?}"
    );
}

#[test]
fn reporting_cycle_is_found_and_spelled_out() {
    let mut ws = demo();
    // The CEO now reports to a project manager who (indirectly) reports to the CEO.
    ws.people[0].manager_id = Some("pm-5".into());
    let problems = validate(&ws);
    let cycle: Vec<_> = problems
        .iter()
        .filter(|p| p.kind == ProblemKind::ReportingCycle)
        .collect();
    assert_eq!(cycle.len(), 1, "{problems:#?}");
    assert!(cycle[0].message.contains("loop"), "{}", cycle[0].message);
    let ceo_name = &ws.people[0].name;
    assert!(
        cycle[0].message.contains(ceo_name.as_str()),
        "{}",
        cycle[0].message
    );
    assert_eq!(reporting_cycles(&ws).len(), 1);
}

#[test]
fn self_report_is_a_cycle() {
    let mut ws = demo();
    let id = ws.people[2].id.clone();
    ws.people[2].manager_id = Some(id);
    assert!(kinds(&ws).contains(&ProblemKind::ReportingCycle));
}

#[test]
fn end_before_start_and_negative_amounts() {
    let mut ws = demo();
    ws.projects[1].start = NaiveDate::from_ymd_opt(2026, 5, 1);
    ws.projects[1].end = NaiveDate::from_ymd_opt(2026, 4, 30);
    ws.projects[2].budget.actual = -5;
    let problems = validate(&ws);
    assert_eq!(problems.len(), 2, "{problems:#?}");
    assert_eq!(problems[0].kind, ProblemKind::EndBeforeStart);
    assert!(problems[0]
        .message
        .contains("2026-04-30 is before start date 2026-05-01"));
    assert!(problems[0].location.contains(&ws.projects[1].name));
    assert_eq!(problems[1].kind, ProblemKind::NegativeAmount);
    assert!(problems[1].message.contains("actual cost"));
}

#[test]
fn all_problems_are_reported_together() {
    let mut ws = demo();
    ws.projects.push(ws.projects[0].clone());
    ws.projects[4].portfolio_id = "pf-none".into();
    ws.projects[5].budget.planned = -1;
    ws.people[0].manager_id = Some("pm-1".into());
    ws.projects[6].end = NaiveDate::from_ymd_opt(2000, 1, 1);
    let k = kinds(&ws);
    for want in [
        ProblemKind::DuplicateId,
        ProblemKind::DanglingReference,
        ProblemKind::NegativeAmount,
        ProblemKind::ReportingCycle,
        ProblemKind::EndBeforeStart,
    ] {
        assert!(k.contains(&want), "missing {want:?} in {k:?}");
    }
}

#[test]
fn programme_must_belong_to_the_projects_portfolio() {
    let mut ws = demo();
    let p = ws
        .projects
        .iter_mut()
        .find(|p| p.programme_id.as_deref() == Some("pg-1"))
        .unwrap();
    p.portfolio_id = "pf-2".into();
    let problems = validate(&ws);
    assert_eq!(problems.len(), 1, "{problems:#?}");
    assert!(problems[0]
        .message
        .contains("belongs to portfolio \"pf-1\""));
}

#[test]
fn move_that_would_loop_is_detected() {
    let ws = demo();
    assert!(would_create_cycle(&ws, "ceo", "pm-7"));
    assert!(would_create_cycle(&ws, "cpo", "cpo"));
    assert!(!would_create_cycle(&ws, "pm-7", "pmo-mgr"));
}

#[test]
fn bad_currency_and_empty_organisation_name() {
    let mut ws = demo();
    ws.organisation.currency = "euro".into();
    ws.organisation.name = "  ".into();
    let msgs: Vec<String> = validate(&ws).iter().map(|p| p.message.clone()).collect();
    assert_eq!(msgs.len(), 2, "{msgs:?}");
    assert!(msgs
        .iter()
        .any(|m| m.contains("\"euro\" is not a three-letter code")));
}

#[test]
fn typed_organisation_fields_are_checked_and_normalised() {
    use pmo_domain::validate::{currency_code, organisation_name};
    assert_eq!(organisation_name("  Contoso  "), Ok("Contoso".to_string()));
    assert!(organisation_name("   ").is_err());
    assert_eq!(currency_code("usd"), Ok("USD".to_string()));
    assert_eq!(currency_code(" gbp "), Ok("GBP".to_string()));
    for bad in ["E1", "EURO", "", "€€€"] {
        assert_eq!(
            currency_code(bad),
            Err("Use a three-letter code such as EUR, USD or GBP."),
            "{bad}"
        );
    }
}
