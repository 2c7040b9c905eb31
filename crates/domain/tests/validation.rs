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

// --- Checking only what an edit changed agrees with checking everything -----------------

mod in_place {
    use pmo_domain::demo::{demo, generate};
    use pmo_domain::document::describe::Change;
    use pmo_domain::validate::{validate, validate_in_place};
    use pmo_domain::*;
    use proptest::prelude::*;

    /// An edit of one entity in place, harmless or breaking a rule.
    #[derive(Clone, Debug)]
    enum Edit {
        Project(usize, u8),
        Person(usize, usize, u8),
        Portfolio(usize, u8),
        Objective(usize, u8),
        Assessment(usize, u8),
        Organisation(u8),
    }

    fn apply(ws: &mut Workspace, e: &Edit) {
        let people = ws.people.len();
        let nobody = "nobody-here".to_string();
        match *e {
            Edit::Project(i, how) if !ws.projects.is_empty() => {
                let other_programme = ws.programmes.last().map(|p| p.id.clone());
                let n = ws.projects.len();
                let p = &mut ws.projects[i % n];
                match how % 12 {
                    0 => p.name = String::new(),
                    1 => p.budget.planned = -5,
                    2 => p.end = p.start.map(|s| s - chrono::Duration::days(3)),
                    3 => p.percent_complete = 150,
                    4 => p.portfolio_id = nobody,
                    5 => p.programme_id = other_programme,
                    6 => p.sponsor_id = Some(nobody),
                    7 => {
                        if let Some(m) = p.managers.first_mut() {
                            m.person_id = nobody;
                        }
                    }
                    8 => {
                        if let Some(s) = p.scores.first_mut() {
                            s.score = 9;
                        }
                    }
                    9 => {
                        if let Some(r) = p.risks.first_mut() {
                            r.probability = 9;
                        }
                    }
                    _ => p.name = format!("{} (renamed {how})", p.name),
                }
            }
            Edit::Person(i, j, how) if people > 0 => {
                let to = ws.people[j % people].id.clone();
                let p = &mut ws.people[i % people];
                match how % 7 {
                    0 => p.manager_id = Some(to),
                    1 => p.manager_id = Some(nobody),
                    2 => p.name = " ".into(),
                    3 => p.role_id = Some(nobody),
                    4 => p.unit_id = Some(nobody),
                    5 => p.manager_id = Some(p.id.clone()),
                    _ => p.title = format!("Title {how}"),
                }
            }
            Edit::Portfolio(i, how) if !ws.portfolios.is_empty() => {
                let n = ws.portfolios.len();
                let p = &mut ws.portfolios[i % n];
                if how % 2 == 0 {
                    p.manager_id = Some(nobody);
                } else {
                    p.name = format!("Portfolio {how}");
                }
            }
            Edit::Objective(i, how) if !ws.objectives.is_empty() => {
                let n = ws.objectives.len();
                ws.objectives[i % n].weight = u32::from(how % 3);
            }
            Edit::Assessment(i, how) if !ws.assessments.is_empty() => {
                let n = ws.assessments.len();
                let a = &mut ws.assessments[i % n];
                match how % 3 {
                    0 => a.unit_id = Some(nobody),
                    1 => a.questionnaire_id = nobody,
                    _ => a.respondent = format!("Respondent {how}"),
                }
            }
            Edit::Organisation(how) => match how % 3 {
                0 => ws.organisation.name = "  ".into(),
                1 => ws.organisation.currency = "eu".into(),
                _ => ws.organisation.name = format!("Renamed {how}"),
            },
            _ => {}
        }
    }

    fn edit() -> impl Strategy<Value = Edit> {
        prop_oneof![
            (0..60usize, any::<u8>()).prop_map(|(i, h)| Edit::Project(i, h)),
            (0..60usize, 0..60usize, any::<u8>()).prop_map(|(i, j, h)| Edit::Person(i, j, h)),
            (0..10usize, any::<u8>()).prop_map(|(i, h)| Edit::Portfolio(i, h)),
            (0..10usize, any::<u8>()).prop_map(|(i, h)| Edit::Objective(i, h)),
            (0..10usize, any::<u8>()).prop_map(|(i, h)| Edit::Assessment(i, h)),
            any::<u8>().prop_map(Edit::Organisation),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        /// From a workspace that keeps every rule, any in-place edit (one or several
        /// entities, harmless or breaking a rule) is judged the same by the check of what it
        /// changed as by the check of everything.
        #[test]
        fn checking_only_what_changed_says_what_checking_everything_says(
            edits in prop::collection::vec(edit(), 1..4),
            demo_or_generated in any::<bool>(),
        ) {
            let old = if demo_or_generated { demo() } else { generate(15, 40) };
            prop_assume!(validate(&old).is_empty());
            let mut new = old.clone();
            for e in &edits {
                apply(&mut new, e);
            }
            let change = Change::of(&old, &new);
            let Some(only) = change.in_place() else {
                return Err(TestCaseError::fail("an edit in place is checked in place"));
            };
            prop_assert_eq!(validate_in_place(&new, &only), validate(&new));
        }
    }

    #[test]
    fn an_edit_that_adds_or_touches_other_kinds_is_checked_whole() {
        let old = demo();
        let mut added = old.clone();
        added.projects.push(added.projects[0].clone());
        assert!(Change::of(&old, &added).in_place().is_none());
        let mut programme = old.clone();
        programme.programmes[0].portfolio_id = programme.portfolios[1].id.clone();
        assert!(Change::of(&old, &programme).in_place().is_none());
        let mut dotted = old.clone();
        dotted.dotted_lines.pop();
        assert!(Change::of(&old, &dotted).in_place().is_none());
    }
}
