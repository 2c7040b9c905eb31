//! The project form's rules: per-field messages, ids and codes, duplicates, status updates,
//! and parsing typed money and dates.

use chrono::NaiveDate;
use pmo_domain::demo::demo;
use pmo_domain::portfolio::project::*;
use pmo_domain::portfolio::{trend, Trend};
use pmo_domain::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn fields(errors: &[FieldError]) -> Vec<&'static str> {
    errors.iter().map(|e| e.field).collect()
}

#[test]
fn a_demo_project_passes_the_form_checks() {
    let ws = demo();
    for p in &ws.projects {
        assert_eq!(check_project(&ws, p), vec![], "{}", p.code);
    }
}

#[test]
fn one_check_finds_what_the_indexed_checks_find() {
    // check_project looks references up where they live; ProjectChecks indexes them first.
    let ws = demo();
    let other = &ws.projects[1];
    let foreign = ws
        .programmes
        .iter()
        .find(|g| g.portfolio_id != ws.projects[0].portfolio_id)
        .expect("a programme of another portfolio");
    type Variant<'a> = Box<dyn Fn(&mut Project) + 'a>;
    let variants: Vec<Variant> = vec![
        Box::new(|_| {}),
        Box::new(|p| p.code = format!("  {}  ", other.code.to_lowercase())),
        Box::new(|p| p.code = other.code.to_uppercase()),
        Box::new(|p| p.sponsor_id = Some("nobody".into())),
        Box::new(|p| p.pmo_contact_id = Some("nobody".into())),
        Box::new(|p| p.portfolio_id = "nowhere".into()),
        Box::new(|p| p.programme_id = Some(foreign.id.clone())),
        Box::new(|p| p.programme_id = Some("nothing".into())),
        Box::new(|p| {
            if let Some(m) = p.managers.first_mut() {
                m.person_id = "nobody".into();
            }
        }),
    ];
    let indexed = ProjectChecks::new(&ws);
    for (k, change) in variants.iter().enumerate() {
        let mut p = ws.projects[0].clone();
        change(&mut p);
        let found = check_project(&ws, &p);
        assert_eq!(found, indexed.check(&p), "variant {k}");
        assert_eq!(found.is_empty(), k == 0, "variant {k}: {found:?}");
    }
}

#[test]
fn each_field_gets_its_own_message() {
    let ws = demo();
    let mut p = ws.projects[0].clone();
    p.name = "  ".into();
    p.code = ws.projects[1].code.to_lowercase();
    p.start = Some(d(2026, 6, 1));
    p.end = Some(d(2026, 5, 31));
    p.budget.actual = -1;
    p.managers[0].person_id = "ghost".into();
    p.programme_id = Some("pg-2".into());
    p.percent_complete = 120;
    let errors = check_project(&ws, &p);
    assert_eq!(
        fields(&errors),
        [
            "name",
            "code",
            "programme",
            "managers",
            "end",
            "budget.actual",
            "percent_complete"
        ]
    );
    let end = errors.iter().find(|e| e.field == "end").unwrap();
    assert_eq!(
        end.message,
        "The end date 2026-05-31 is before the start date 2026-06-01."
    );
    let code = errors.iter().find(|e| e.field == "code").unwrap();
    assert!(code.message.contains("already used"), "{}", code.message);
}

#[test]
fn new_ids_and_codes_are_unused() {
    let ws = demo();
    let blank = blank_project(&ws);
    assert!(ws
        .projects
        .iter()
        .all(|p| p.id != blank.id && p.code != blank.code));
    assert_eq!(blank.code, "PRJ-0041");
    assert_eq!(blank.portfolio_id, "pf-1");
    let errors = check_project(&ws, &blank);
    assert_eq!(fields(&errors), ["name"], "only the name is missing");
}

#[test]
fn duplicate_starts_fresh_but_keeps_the_plan() {
    let ws = demo();
    let original = ws
        .projects
        .iter()
        .find(|p| !p.updates.is_empty() && !p.risks.is_empty())
        .unwrap();
    let copy = duplicate(&ws, original);
    assert_ne!(copy.id, original.id);
    assert_ne!(copy.code, original.code);
    assert_eq!(copy.name, format!("{} (copy)", original.name));
    assert!(copy.updates.is_empty());
    assert_eq!(copy.budget.planned, original.budget.planned);
    assert_eq!(copy.budget.actual, 0);
    assert_eq!(copy.risks.len(), original.risks.len());
    assert!(copy.risks.iter().all(|r| r.id.starts_with(&copy.id)));
    let mut ws2 = ws.clone();
    ws2.projects.push(copy);
    assert!(pmo_domain::validate::validate(&ws2).is_empty());
}

#[test]
fn recording_an_update_sets_status_rag_and_trend() {
    let mut p = demo().projects[2].clone();
    p.updates.clear();
    let update = |date, status, schedule| StatusUpdate {
        date,
        status,
        rag: RagSet {
            schedule,
            cost: Rag::Green,
            scope: Rag::Green,
        },
        commentary: "Weekly report".into(),
        author_id: None,
    };
    record_update(&mut p, update(d(2026, 10, 1), Status::OnTrack, Rag::Green));
    record_update(&mut p, update(d(2026, 11, 1), Status::AtRisk, Rag::Amber));
    assert_eq!(p.status, Status::AtRisk);
    assert_eq!(p.rag.schedule, Rag::Amber);
    assert_eq!(trend(&p), Trend::Worsening);
    // A correction for the same date replaces that update.
    record_update(&mut p, update(d(2026, 11, 1), Status::OnTrack, Rag::Green));
    assert_eq!(p.updates.len(), 2);
    assert_eq!(trend(&p), Trend::Unchanged);
    // A late entry for an earlier date does not become the current status.
    record_update(&mut p, update(d(2026, 9, 1), Status::OffTrack, Rag::Red));
    assert_eq!(p.status, Status::OnTrack);
}

#[test]
fn setting_the_status_of_several_projects_records_an_update_for_each() {
    let mut ws = demo();
    let (a, b) = (ws.projects[0].id.clone(), ws.projects[1].id.clone());
    let before: Vec<usize> = ws.projects.iter().map(|p| p.updates.len()).collect();
    let rag = ws.projects[0].rag;
    let ids: std::collections::HashSet<&str> = [a.as_str(), b.as_str(), "no-such-id"].into();
    let n = set_status(
        &mut ws,
        &ids,
        Status::OffTrack,
        d(2031, 1, 2),
        &BulkReason::All("Paused by the board.".into()),
    );
    assert_eq!(n, Ok(2));
    for (i, p) in ws.projects.iter().enumerate() {
        if i < 2 {
            assert_eq!(p.status, Status::OffTrack);
            let last = p.updates.last().unwrap();
            assert_eq!(
                (last.date, last.commentary.as_str()),
                (d(2031, 1, 2), "Paused by the board.")
            );
        } else {
            assert_eq!(p.updates.len(), before[i], "{} untouched", p.id);
        }
    }
    assert_eq!(ws.projects[0].rag, rag, "the RAG is kept");
}

#[test]
fn a_bulk_status_change_needs_a_reason_for_each_and_keeps_the_day_s_commentary() {
    let mut ws = demo();
    let (a, b) = (ws.projects[0].id.clone(), ws.projects[1].id.clone());
    let ids: std::collections::HashSet<&str> = [a.as_str(), b.as_str()].into();
    let day = d(2031, 1, 2);
    let untouched = ws.clone();
    // No reason, a blank one, or one missing for a project: nothing changes, and the
    // projects without one are named.
    for reason in [
        BulkReason::All("  ".into()),
        BulkReason::Each([(a.clone(), "Vendor late".to_string())].into()),
    ] {
        let codes = set_status(&mut ws, &ids, Status::AtRisk, day, &reason).unwrap_err();
        assert!(codes.contains(&untouched.projects[1].code), "{codes:?}");
        assert_eq!(ws, untouched);
    }
    // A's PM already wrote today's update: its commentary stays, the reason follows it.
    let first = StatusUpdate {
        date: day,
        status: Status::OnTrack,
        rag: RagSet::default(),
        commentary: "Design review passed.".into(),
        author_id: None,
    };
    record_update(&mut ws.projects[0], first);
    let each = BulkReason::Each(
        [
            (a.clone(), "Vendor late".to_string()),
            (b.clone(), "Budget frozen".to_string()),
        ]
        .into(),
    );
    assert_eq!(set_status(&mut ws, &ids, Status::AtRisk, day, &each), Ok(2));
    let last = |ws: &Workspace, i: usize| ws.projects[i].updates.last().unwrap().commentary.clone();
    assert_eq!(last(&ws, 0), "Design review passed.\nVendor late");
    assert_eq!(last(&ws, 1), "Budget frozen");
    // The same change again adds nothing twice.
    set_status(&mut ws, &ids, Status::AtRisk, day, &each).unwrap();
    assert_eq!(last(&ws, 0), "Design review passed.\nVendor late");
}

#[test]
fn saving_the_form_writes_only_what_it_changed() {
    let mut ws = demo();
    let id = ws.projects[3].id.clone();
    let history = ws.projects[3].updates.clone();
    assert!(!history.is_empty());
    let base = ws.projects[3].clone();
    let mut form = base.clone();
    form.name = "Renamed".into();
    form.budget.forecast += 100;
    form.updates.clear(); // a stale form's history is not written back
    form.risks.clear(); // nor its risks
                        // Meanwhile, below the form or in another tab: a risk, % complete and the actual cost.
    let p = &mut ws.projects[3];
    p.risks.push(Risk {
        id: "r-new".into(),
        kind: RiskKind::Risk,
        title: "Added meanwhile".into(),
        probability: 2,
        impact: 2,
        owner_id: None,
        status: RiskStatus::Open,
    });
    p.percent_complete = 77;
    p.budget.actual += 5;
    let meanwhile = p.clone();
    save_form(&mut ws, &base, form);
    let p = ws.projects.iter().find(|p| p.id == id).unwrap();
    assert_eq!((p.name.as_str(), &p.updates), ("Renamed", &history));
    assert_eq!(p.budget.forecast, base.budget.forecast + 100);
    assert_eq!(p.risks, meanwhile.risks, "the risk added meanwhile stays");
    assert_eq!(
        p.percent_complete, 77,
        "a field the form did not change stays"
    );
    assert_eq!(p.budget.actual, meanwhile.budget.actual);
    assert!(!same_form(p, &base), "the form's own change shows");
    let mut risk_only = p.clone();
    risk_only.risks.clear();
    assert!(
        same_form(p, &risk_only),
        "a risk is not a field of the form"
    );
    let n = ws.projects.len();
    let mut new = blank_project(&ws);
    new.name = "Brand new".into();
    save_form(&mut ws, &new.clone(), new);
    assert_eq!(ws.projects.len(), n + 1);
}

#[test]
fn what_of_a_form_with_problems_can_be_saved() {
    let ws = demo();
    let base = ws.projects[2].clone();
    let mut form = base.clone();
    form.name = "Renamed while the dates are wrong".into();
    form.percent_complete = 55;
    form.end = form.start.map(|s| s - chrono::Duration::days(1));
    let errors = check_project(&ws, &form);
    assert_eq!(errors.iter().map(|e| e.field).collect::<Vec<_>>(), ["end"]);
    let saveable = without_problems(&form, &base, &errors);
    assert!(check_project(&ws, &saveable).is_empty());
    assert_eq!(
        saveable.end, base.end,
        "the field with the problem is put back"
    );
    assert_eq!(saveable.name, form.name, "the rest is kept");
    assert_eq!(saveable.percent_complete, 55);
}

#[test]
fn money_as_people_type_it() {
    let table = [
        ("1250000", Ok(125_000_000)),
        ("1,250,000", Ok(125_000_000)),
        ("EUR 1 250 000.50", Ok(125_000_050)),
        ("€300k", Ok(30_000_000)),
        ("1.25m", Ok(125_000_000)),
        ("0.5", Ok(50)),
        ("", Ok(0)),
        ("-5", Err("Amounts cannot be negative.")),
        ("12.345", Err("Use at most two decimals.")),
        ("ten", Err("Type an amount such as 250000 or 1,250,000.")),
        ("1.2.3", Err("Type an amount such as 250000 or 1,250,000.")),
    ];
    for (typed, want) in table {
        assert_eq!(parse_money(typed), want, "{typed:?}");
    }
    assert_eq!(money_input(125_000_050), "1250000.50");
    assert_eq!(money_input(125_000_000), "1250000");
    assert_eq!(parse_money(&money_input(123_456_789)), Ok(123_456_789));
}

#[test]
fn dates_from_date_inputs() {
    assert_eq!(parse_date("2026-12-31"), Ok(Some(d(2026, 12, 31))));
    assert_eq!(parse_date(""), Ok(None));
    assert_eq!(
        parse_date("31/12/2026"),
        Err("Use a date such as 2026-12-31.")
    );
    assert_eq!(
        parse_date("2026-02-30"),
        Err("Use a date such as 2026-12-31.")
    );
}

mod plan_items {
    use chrono::NaiveDate;
    use pmo_domain::demo::demo;
    use pmo_domain::portfolio::project::*;
    use pmo_domain::*;

    fn fresh() -> (Workspace, Project) {
        let ws = demo();
        let mut p = blank_project(&ws);
        p.id = "p-x".into();
        (ws, p)
    }

    #[test]
    fn gates_are_recorded_replaced_kept_in_lifecycle_order_and_cleared_when_empty() {
        let (_, mut p) = fresh();
        let day = NaiveDate::from_ymd_opt(2026, 12, 1);
        set_gate(
            &mut p,
            Gate {
                phase: Phase::Execution,
                decision: GateDecision::Pending,
                date: day,
                note: String::new(),
            },
        );
        set_gate(
            &mut p,
            Gate {
                phase: Phase::Initiation,
                decision: GateDecision::Passed,
                date: None,
                note: " approved ".into(),
            },
        );
        assert_eq!(
            p.gates.iter().map(|g| g.phase).collect::<Vec<_>>(),
            vec![Phase::Initiation, Phase::Execution]
        );
        assert_eq!(p.gates[0].note, "approved");
        set_gate(
            &mut p,
            Gate {
                phase: Phase::Initiation,
                decision: GateDecision::Failed,
                date: None,
                note: String::new(),
            },
        );
        assert_eq!(p.gates.len(), 2);
        assert_eq!(p.gates[0].decision, GateDecision::Failed);
        // A pending gate with nothing recorded is no record.
        set_gate(
            &mut p,
            Gate {
                phase: Phase::Execution,
                decision: GateDecision::Pending,
                date: None,
                note: "  ".into(),
            },
        );
        assert_eq!(p.gates.len(), 1);
    }

    #[test]
    fn milestones_need_a_name_and_a_real_date_and_stay_in_date_order() {
        let (_, mut p) = fresh();
        let e = add_milestone(&mut p, " ", "31/12/2026").unwrap_err();
        assert_eq!(
            e.iter().map(|x| x.field).collect::<Vec<_>>(),
            vec!["milestone-name", "milestone-due"]
        );
        assert_eq!(
            add_milestone(&mut p, "Go live", "").unwrap_err()[0].message,
            "Give the date it is due."
        );
        add_milestone(&mut p, "Go live", "2027-03-01").unwrap();
        add_milestone(&mut p, "Design sign-off", "2026-12-15").unwrap();
        assert_eq!(
            p.milestones
                .iter()
                .map(|m| m.name.as_str())
                .collect::<Vec<_>>(),
            vec!["Design sign-off", "Go live"]
        );
        assert_ne!(p.milestones[0].id, p.milestones[1].id);
        let id = p.milestones[0].id.clone();
        set_milestone_done(&mut p, &id, NaiveDate::from_ymd_opt(2026, 12, 14));
        assert!(p.milestones[0].done.is_some());
    }

    #[test]
    fn risks_are_checked_field_by_field_and_get_unique_ids() {
        let (ws, mut p) = fresh();
        let bad = RiskDraft {
            kind: RiskKind::Risk,
            title: "".into(),
            probability: 0,
            impact: 6,
            owner_id: Some("nobody".into()),
        };
        let e = add_risk(&ws, &mut p, bad).unwrap_err();
        assert_eq!(
            e.iter().map(|x| x.field).collect::<Vec<_>>(),
            vec![
                "risk-title",
                "risk-probability",
                "risk-impact",
                "risk-owner"
            ]
        );
        assert!(p.risks.is_empty());
        let owner = ws.people[0].id.clone();
        for title in ["Supplier late", "Key person leaves"] {
            add_risk(
                &ws,
                &mut p,
                RiskDraft {
                    kind: RiskKind::Issue,
                    title: title.into(),
                    probability: 3,
                    impact: 4,
                    owner_id: Some(owner.clone()),
                },
            )
            .unwrap();
        }
        assert_eq!(p.risks[0].exposure(), 12);
        assert_ne!(p.risks[0].id, p.risks[1].id);
        let id = p.risks[1].id.clone();
        set_risk_status(&mut p, &id, RiskStatus::Closed);
        assert_eq!(p.risks[1].status, RiskStatus::Closed);
        // Item ids never clash with milestone ids either.
        add_milestone(&mut p, "M", "2026-12-01").unwrap();
        let mut ids: Vec<&str> = p
            .risks
            .iter()
            .map(|r| r.id.as_str())
            .chain(p.milestones.iter().map(|m| m.id.as_str()))
            .collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 3);
    }
}
