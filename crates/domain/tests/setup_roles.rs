//! The "Start a PMO" guide (missing decisions, staffing, routines calendar, charter) and the
//! role catalogue (checks, editing, career paths, skill gaps).

use chrono::NaiveDate;
use pmo_domain::demo::demo;
use pmo_domain::roles::{self, RoleDraft};
use pmo_domain::setup::{self, Block};
use pmo_domain::*;
use pmo_domain::{DayRule, PmoLevel, Routine, RoutineKind, SetupPlan};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn rule(r: DayRule, y: i32, m: u32) -> Option<NaiveDate> {
    r.date_in(y, m)
}

#[test]
fn day_rules_handle_month_ends_leap_years_and_weekends() {
    // Day 31 falls back to the month's last day; February follows leap years.
    assert_eq!(rule(DayRule::DayOfMonth(31), 2026, 1), Some(d(2026, 1, 31)));
    assert_eq!(rule(DayRule::DayOfMonth(31), 2026, 4), Some(d(2026, 4, 30)));
    assert_eq!(rule(DayRule::DayOfMonth(31), 2027, 2), Some(d(2027, 2, 28)));
    assert_eq!(rule(DayRule::DayOfMonth(30), 2028, 2), Some(d(2028, 2, 29)));
    assert_eq!(
        rule(DayRule::DayOfMonth(29), 2100, 2),
        Some(d(2100, 2, 28)),
        "2100 is no leap year"
    );
    assert_eq!(
        rule(DayRule::DayOfMonth(29), 2000, 2),
        Some(d(2000, 2, 29)),
        "2000 is"
    );
    // 1 Nov 2026 is a Sunday: the 1st working day is Monday the 2nd, the 3rd is the 4th.
    assert_eq!(rule(DayRule::WorkingDay(1), 2026, 11), Some(d(2026, 11, 2)));
    assert_eq!(rule(DayRule::WorkingDay(3), 2026, 11), Some(d(2026, 11, 4)));
    assert_eq!(
        rule(DayRule::WorkingDay(6), 2026, 11),
        Some(d(2026, 11, 9)),
        "over a weekend"
    );
    // 31 Jan 2027 is a Sunday: the last working day is Friday the 29th.
    assert_eq!(rule(DayRule::LastWorkingDay, 2027, 1), Some(d(2027, 1, 29)));
    assert_eq!(
        rule(DayRule::LastWorkingDay, 2028, 2),
        Some(d(2028, 2, 29)),
        "a Tuesday in a leap year"
    );
    // Weekdays: 2nd Tuesday and last Thursday.
    let tue2 = DayRule::Weekday { nth: 2, weekday: 1 };
    assert_eq!(rule(tue2, 2026, 12), Some(d(2026, 12, 8)));
    let last_thu = DayRule::Weekday { nth: 5, weekday: 3 };
    assert_eq!(rule(last_thu, 2026, 12), Some(d(2026, 12, 31)));
    assert_eq!(rule(last_thu, 2027, 2), Some(d(2027, 2, 25)));
    // Out of range rules give no date and say why.
    assert_eq!(rule(DayRule::DayOfMonth(0), 2026, 1), None);
    assert_eq!(
        DayRule::DayOfMonth(32).problem().unwrap(),
        "day 32 is not a day of a month (1–31)"
    );
    assert_eq!(
        DayRule::WorkingDay(23).problem().unwrap(),
        "working day 23 is outside 1–20"
    );
    assert!(DayRule::LastWorkingDay.problem().is_none());
    assert_eq!(last_thu.describe(), "the last Thursday");
    assert_eq!(DayRule::WorkingDay(3).describe(), "the 3rd working day");
    assert_eq!(DayRule::WorkingDay(11).describe(), "the 11th working day");
    assert_eq!(
        DayRule::DayOfMonth(31).describe(),
        "day 31 (or the last day of shorter months)"
    );
}

#[test]
fn the_calendar_lists_three_months_of_routines_in_date_order() {
    let routines = setup::usual_routines();
    let cal = setup::calendar(&routines, d(2026, 11, 22), 3);
    // Four monthly routines × 3 months, plus lessons learned in December (quarterly from March).
    assert_eq!(cal.len(), 13);
    assert!(cal.windows(2).all(|w| w[0].date <= w[1].date));
    assert_eq!(
        cal.first().unwrap().date,
        d(2026, 11, 4),
        "whole current month shown"
    );
    assert_eq!(
        cal.last().unwrap().date.format("%Y-%m").to_string(),
        "2027-01"
    );
    let lessons: Vec<NaiveDate> = cal
        .iter()
        .filter(|x| routines[x.routine].kind == RoutineKind::LessonsLearned)
        .map(|x| x.date)
        .collect();
    assert_eq!(lessons, [d(2026, 12, 31)]);
    assert_eq!(
        routines[4].describe(),
        "Quarterly (March, …) on the last working day"
    );
    assert_eq!(routines[0].describe(), "Monthly on the 3rd working day");
    // Next dates skip those already past; a yearly routine crosses the year end.
    let yearly = Routine::new(
        "Charter review",
        RoutineKind::Other,
        DayRule::DayOfMonth(15),
        12,
        2,
    );
    assert_eq!(
        setup::next_dates(&yearly, d(2026, 11, 22), 2),
        [d(2027, 2, 15), d(2028, 2, 15)]
    );
    assert_eq!(
        setup::next_dates(&routines[0], d(2026, 11, 22), 2),
        [d(2026, 12, 3), d(2027, 1, 5)]
    );
    // The report due in January covers December of the year before.
    assert_eq!(setup::reported_month(d(2027, 1, 8)), (2026, 12));
    assert_eq!(setup::reported_month(d(2026, 3, 31)), (2026, 2));
    // A month grid starts on Monday: November 2026 begins on a Sunday.
    let grid = setup::month_grid(2026, 11);
    assert_eq!(grid[0][6], Some(d(2026, 11, 1)));
    assert!(grid[0][..6].iter().all(Option::is_none));
    assert_eq!(grid.last().unwrap()[0], Some(d(2026, 11, 30)));
    assert_eq!(
        setup::month_grid(2027, 2).len(),
        4,
        "Feb 2027 fills exactly four weeks"
    );
}

fn complete_plan(ws: &mut Workspace) {
    let sponsor = ws.people[0].id.clone();
    let unit = ws
        .units
        .iter()
        .find(|u| u.kind == UnitKind::EnterprisePmo)
        .unwrap()
        .id
        .clone();
    ws.setup = Some(SetupPlan {
        step: 7,
        purpose: "One view of all projects | for the *board*".into(),
        objectives: vec![SetupObjective {
            text: "Reliable reporting".into(),
            measure: "Projects reporting on time".into(),
            target: "95 % by June".into(),
        }],
        sponsor_id: Some(sponsor),
        commitment: "Two days a month and the PMO budget".into(),
        services: vec!["reporting".into(), "gates".into()],
        standards: "Project brief, status report".into(),
        tools: "PMO Workbench".into(),
        lifecycle: true,
        type_decided: true,
        level: Some(PmoLevel::Enterprise),
        unit_id: Some(unit),
        staffing: vec![Staffing {
            role_id: "pmo-analyst".into(),
            count: 5,
        }],
        audiences: vec![Audience {
            who: "Project managers".into(),
            channel: "Monthly PM forum".into(),
            frequency: "Monthly".into(),
        }],
        routines: setup::usual_routines(),
        scope: "All change projects over 50k".into(),
        review: Some(d(2027, 5, 31)),
    });
}

#[test]
fn a_complete_plan_gives_a_complete_charter() {
    let mut ws = demo();
    complete_plan(&mut ws);
    let plan = ws.setup.clone().unwrap();
    for s in setup::STEPS {
        assert_eq!(
            setup::missing(&ws, &plan, s.0),
            Vec::<String>::new(),
            "step {}",
            s.0
        );
    }
    assert!(setup::complete(&ws, &plan));
    let c = setup::charter(&ws, d(2026, 11, 22));
    assert!(c.missing.is_empty());
    assert_eq!(c.title, "Enterprise PMO charter");
    let headings: Vec<&str> = c.sections.iter().map(|s| s.heading).collect();
    assert_eq!(
        headings,
        [
            "Purpose",
            "Objectives and measures",
            "Scope",
            "PMO type and authority",
            "Sponsor",
            "Organisation",
            "Services",
            "Engagement and communication",
            "Routines calendar",
            "Success measures",
            "Review"
        ]
    );
    assert!(c
        .sections
        .iter()
        .all(|s| s.blocks.iter().all(|b| !matches!(b, Block::Missing(_)))));
    // The organisation chart of the PMO: its head at the top, reports indented.
    let org = &c.sections[5].blocks;
    let Block::Tree(lines) = &org[0] else {
        panic!("{org:?}")
    };
    assert_eq!(lines[0].0, 0);
    assert!(
        lines
            .iter()
            .any(|(depth, l)| *depth > 0 && l == "PMO Analyst (open role)"),
        "{lines:?}"
    );
    // The same members as a drawn chart: one card each, no overlaps, a line per report.
    let chart = setup::unit_chart(&ws, "u-epmo").unwrap();
    assert_eq!(chart.cards.len(), lines.len());
    assert_eq!(
        chart.edges.len(),
        lines.iter().filter(|(depth, _)| *depth > 0).count()
    );
    for (i, a) in chart.cards.iter().enumerate() {
        for b in &chart.cards[i + 1..] {
            assert!(!a.at.overlaps(&b.at), "{a:?} {b:?}");
        }
        assert!(a.at.left() >= -1e-9 && a.at.right() <= chart.width + 1e-9);
    }
    assert!(chart
        .cards
        .iter()
        .any(|c| c.vacancy && c.name == "Open role"));
    assert_eq!(setup::unit_chart(&ws, "nowhere"), None);
    let md = c.to_markdown();
    assert!(md.starts_with("# Enterprise PMO charter\n"));
    assert!(
        md.contains("One view of all projects \\| for the \\*board\\*"),
        "escaped: {md}"
    );
    assert!(md.contains("| Reliable reporting | Projects reporting on time | 95 % by June |"));
    assert!(md.contains("## Routines calendar"));
    assert!(md.contains("| Status collection | Monthly on the 3rd working day | 3 Dec 2026, 5 Jan 2027, 3 Feb 2027 |"), "{md}");
    assert!(md.contains("reviewed on 31 May 2027"));
    assert!(md.contains(&format!("{} PMO.", ws.organisation.pmo_type.label())));
    assert!(!md.contains("Still to decide"));
    assert_eq!(c.file_name(), "enterprise-pmo-charter.md");
}

#[test]
fn an_incomplete_plan_names_what_is_missing_in_each_step() {
    let mut ws = demo();
    // A PMO that has not started the guide (the demo's is filled in).
    ws.setup = None;
    let c = setup::charter(&ws, d(2026, 11, 22));
    assert_eq!(c.title, "PMO charter");
    assert_eq!(c.missing.len(), 16, "{:?}", c.missing);
    assert!(c.missing.contains(&(2, "a sponsor".into())));
    assert!(c.missing.contains(&(7, "a review date".into())));
    let md = c.to_markdown();
    assert!(
        md.contains("> Not decided yet: the sponsor (step 2, Sponsorship)."),
        "{md}"
    );
    assert!(md.contains("## Still to decide\n\n- Step 1 (Objectives): the PMO's purpose\n"));

    // Half a plan: objectives without measures, a sponsor who has since left.
    complete_plan(&mut ws);
    let plan = ws.setup.as_mut().unwrap();
    plan.objectives.push(SetupObjective {
        text: "Fewer late projects".into(),
        ..Default::default()
    });
    plan.sponsor_id = Some("gone".into());
    plan.routines.push(Routine::new(
        "Odd",
        RoutineKind::Other,
        DayRule::DayOfMonth(40),
        1,
        1,
    ));
    plan.audiences.push(Audience {
        who: "Board".into(),
        ..Default::default()
    });
    let plan = plan.clone();
    assert_eq!(
        setup::missing(&ws, &plan, 1),
        [
            "a measure for “Fewer late projects”",
            "a target for “Fewer late projects”"
        ]
    );
    assert_eq!(
        setup::missing(&ws, &plan, 2),
        ["a sponsor (the one chosen is no longer in the org chart)"]
    );
    assert_eq!(
        setup::missing(&ws, &plan, 5),
        ["a channel and how often for “Board”"]
    );
    assert_eq!(
        setup::missing(&ws, &plan, 6),
        ["a valid date rule for “Odd” (day 40 is not a day of a month (1–31))"]
    );
    assert!(!setup::complete(&ws, &plan));
    let c = setup::charter(&ws, d(2026, 11, 22));
    assert_eq!(c.missing.len(), 5);
    let sponsor = &c.sections[4].blocks[0];
    assert_eq!(
        sponsor,
        &Block::Missing("Not decided yet: the sponsor (step 2, Sponsorship).".into())
    );
}

#[test]
fn staffing_proposes_open_roles_under_the_pmo_head_once() {
    let mut ws = demo();
    complete_plan(&mut ws);
    let unit = ws.setup.as_ref().unwrap().unit_id.clone().unwrap();
    let rows = setup::staffing(&ws, ws.setup.as_ref().unwrap());
    let before = (rows[0].filled, rows[0].open);
    assert_eq!(rows[0].role, "PMO Analyst");
    let to_add = rows[0].to_propose();
    assert!(to_add > 0, "{rows:?}");
    let people = ws.people.len();
    assert_eq!(setup::propose_vacancies(&mut ws), Ok(to_add));
    assert_eq!(ws.people.len(), people + to_add);
    let head = setup::unit_head(&ws, &unit).unwrap();
    let new = ws.people.last().unwrap();
    assert!(new.vacancy);
    assert_eq!(new.unit_id.as_deref(), Some(unit.as_str()));
    assert_eq!(new.manager_id.as_ref(), Some(&ws.people[head].id));
    assert_eq!(new.name, "Open role: PMO Analyst");
    let rows = setup::staffing(&ws, ws.setup.as_ref().unwrap());
    assert_eq!(
        (rows[0].filled, rows[0].open),
        (before.0, before.1 + to_add)
    );
    assert_eq!(rows[0].to_propose(), 0);
    assert_eq!(
        setup::propose_vacancies(&mut ws),
        Ok(0),
        "nothing added twice"
    );
    assert!(validate::validate(&ws).is_empty());
    // Without a unit it says what to do first.
    ws.setup.as_mut().unwrap().unit_id = None;
    assert_eq!(
        setup::propose_vacancies(&mut ws),
        Err("Choose the PMO's unit first (step 4)".into())
    );
    // Creating a unit: names must be new.
    let err = setup::create_unit(&mut ws, PmoLevel::Programme, "enterprise pmo").unwrap_err();
    assert!(err.contains("already exists"), "{err}");
    let id = setup::create_unit(&mut ws, PmoLevel::Programme, "Cloud PMO").unwrap();
    assert_eq!(ws.setup.as_ref().unwrap().unit_id.as_ref(), Some(&id));
    assert_eq!(ws.units.last().unwrap().kind, UnitKind::ProgrammePmo);
}

#[test]
fn the_pmo_type_check_result_is_offered() {
    let ws = demo();
    // The demo's type check points to a controlling PMO, the type the organisation has.
    let (t, _, who) = setup::suggested_type(&ws).expect("demo has a finished type check");
    assert_eq!(t, PmoType::Controlling);
    assert_eq!(t, ws.organisation.pmo_type);
    assert!(!who.is_empty());
    let mut none = ws.clone();
    none.assessments
        .retain(|a| a.questionnaire_id != "pmo-type");
    assert_eq!(setup::suggested_type(&none), None);
}

#[test]
fn the_standard_catalogue_is_valid_and_covers_the_paths() {
    let cat = roles::standard_catalogue();
    assert_eq!(roles::catalogue_problems(&cat), Vec::<String>::new());
    let ladders = roles::ladders(&cat);
    let ids: Vec<&str> = ladders.iter().map(|l| l.id.as_str()).collect();
    assert_eq!(ids, ["pmo", "delivery", "executive"]);
    let path = |l: &roles::Ladder| -> Vec<String> {
        l.rungs
            .iter()
            .map(|(_, rs)| {
                rs.iter()
                    .map(|&i| cat[i].name.clone())
                    .collect::<Vec<_>>()
                    .join(" / ")
            })
            .collect()
    };
    assert_eq!(
        path(&ladders[0]),
        [
            "PMO Coordinator",
            "PMO Analyst",
            "PMO Manager",
            "PMO Director",
            "Chief Project Officer"
        ]
    );
    let delivery = path(&ladders[1]);
    assert_eq!(delivery[0], "Team Assistant / Project Management Assistant");
    assert_eq!(
        delivery.last().unwrap(),
        "Head of Programme and Project Management"
    );
    for title in [
        "Implementation Manager",
        "Stage Manager",
        "Project Communications Officer",
        "Technical Project Manager",
        "Business Project Manager",
    ] {
        assert!(cat.iter().any(|r| r.name == title), "{title}");
    }
    let next = |id: &str| -> Vec<&str> {
        roles::next_steps(&cat, id)
            .into_iter()
            .map(|i| cat[i].id.as_str())
            .collect()
    };
    assert_eq!(next("pmo-analyst"), ["pmo-manager"]);
    assert_eq!(next("senior-pm"), ["programme-manager"]);
    assert_eq!(next("pm-assistant"), ["comms-officer", "associate-pm"]);
    assert_eq!(next("cpo"), Vec::<&str>::new());
    assert_eq!(next("nobody"), Vec::<&str>::new());
    assert_eq!(roles::ladder_name("pmo"), "PMO path");
    assert_eq!(roles::ladder_name("risk"), "risk");
}

#[test]
fn role_checks_name_the_role_and_the_fault() {
    let mut cat = roles::standard_catalogue();
    // The coordinator renamed to the analyst's name (the check ignores case).
    cat[2].name = "pmo analyst".into();
    cat[3].seniority = 0;
    cat[3].skills.push(SkillTarget {
        skill: "typing".into(),
        level: 3,
    });
    cat[3].skills.push(SkillTarget {
        skill: "analysis".into(),
        level: 7,
    });
    let problems = roles::catalogue_problems(&cat);
    assert_eq!(
        problems,
        [
            "role \"PMO Analyst\": another role is already called \"PMO Analyst\"",
            "role \"PMO Analyst\": seniority 0 is outside 1–9",
            "role \"PMO Analyst\": skill \"typing\" is not one the PMO skills self-assessment measures",
            "role \"PMO Analyst\": skill \"analysis\" is listed twice",
            "role \"PMO Analyst\": skill \"analysis\" asks for level 7, outside 1–5",
        ]
    );
    // The same rules guard a loaded document.
    let mut ws = demo();
    ws.roles = cat;
    let v = validate::validate(&ws);
    assert!(
        v.iter()
            .any(|p| p.to_string() == "role \"PMO Analyst\": seniority 0 is outside 1–9"),
        "{v:?}"
    );
}

#[test]
fn roles_are_added_edited_and_removed_only_when_unused() {
    let mut ws = demo();
    let draft = RoleDraft {
        name: "  Risk Lead ".into(),
        description: "Owns the risk process".into(),
        ladder: "PMO".into(),
        seniority: 3,
        responsibilities: "Runs the risk review\n\n Keeps the register ".into(),
        skills: vec![SkillTarget {
            skill: "analysis".into(),
            level: 4,
        }],
    };
    let id = roles::save_role(&mut ws, None, &draft).unwrap();
    assert_eq!(id, "risk-lead");
    let r = ws.roles.iter().find(|r| r.id == id).unwrap();
    assert_eq!((r.name.as_str(), r.ladder.as_str()), ("Risk Lead", "pmo"));
    assert_eq!(
        r.responsibilities,
        ["Runs the risk review", "Keeps the register"]
    );
    // A second role with the same name is refused; editing keeps the id.
    let err = roles::save_role(
        &mut ws,
        None,
        &RoleDraft {
            name: "risk lead".into(),
            ..draft.clone()
        },
    )
    .unwrap_err();
    assert_eq!(err, "Another role is already called \"risk lead\"");
    let err = roles::save_role(
        &mut ws,
        None,
        &RoleDraft {
            seniority: 12,
            name: "X".into(),
            ..draft.clone()
        },
    )
    .unwrap_err();
    assert_eq!(err, "Seniority 12 is outside 1–9");
    roles::save_role(
        &mut ws,
        Some(&id),
        &RoleDraft {
            name: "Risk Manager".into(),
            ..draft.clone()
        },
    )
    .unwrap();
    assert_eq!(ws.roles.iter().filter(|r| r.id == id).count(), 1);
    assert_eq!(roles::new_role_id(&ws, "Risk Lead"), "risk-lead-2");
    assert_eq!(roles::new_role_id(&ws, "!!"), "role");
    assert_eq!(
        pmo_domain::common::slug::slug("  Ada  Lovelace! "),
        "ada-lovelace"
    );
    assert_eq!(pmo_domain::common::slug::slug("Zoë O'Neil"), "zoë-o-neil");
    // In use: refused with who holds it.
    let holders = roles::holders(&ws, "project-manager");
    assert!(holders.len() > 3);
    let err = roles::remove_role(&mut ws, "project-manager").unwrap_err();
    assert!(
        err.starts_with(&format!("{} people hold this role (", holders.len())),
        "{err}"
    );
    assert!(err.contains("more): give them another role first"), "{err}");
    assert_eq!(roles::remove_role(&mut ws, &id), Ok(()));
    assert!(ws.roles.iter().all(|r| r.id != id));
    assert!(validate::validate(&ws).is_empty());
}

#[test]
fn skill_gaps_compare_a_persons_latest_result_with_a_role() {
    let mut ws = demo();
    let manager = ws
        .roles
        .iter()
        .find(|r| r.id == "pmo-manager")
        .unwrap()
        .clone();
    // The demo measured the first analyst's skills, not the second's.
    let first = ws.people.iter().find(|p| p.id == "pmo-an-1").unwrap();
    assert!(roles::skill_gaps(&ws, &manager, Some(first))
        .iter()
        .all(|g| g.current.is_some()));
    let person = ws
        .people
        .iter()
        .find(|p| p.id == "pmo-an-2")
        .unwrap()
        .clone();
    // No skills assessment yet: targets without current values.
    let gaps = roles::skill_gaps(&ws, &manager, Some(&person));
    assert_eq!(gaps.len(), manager.skills.len());
    assert!(gaps.iter().all(|g| g.current.is_none() && !g.met()));
    assert_eq!(gaps[0].name, "Organisation");
    // Answer every skills question with level 3 (the loosely matched name counts).
    let q = assessment::questionnaire::find(&[], assessment::questionnaire::SKILLS).unwrap();
    let id = assessment::next_id(&ws.assessments);
    let mut a = assessment::start(
        id,
        q,
        None,
        &person.name.to_uppercase(),
        d(2026, 11, 1),
        false,
    );
    for question in &q.questions {
        assessment::set_answer(&mut a.answers, &question.id, Some(3));
    }
    ws.assessments.push(a);
    let gaps = roles::skill_gaps(&ws, &manager, Some(&person));
    let organisation = gaps.iter().find(|g| g.skill == "organisation").unwrap();
    assert_eq!((organisation.target, organisation.current), (4, Some(3.0)));
    assert!(!organisation.met());
    let analysis = gaps.iter().find(|g| g.skill == "analysis").unwrap();
    assert!(analysis.met(), "level 3 asked, 3 reached");
}

#[test]
fn a_charter_for_a_new_pmo_never_counts_nothing() {
    // A PMO set up from scratch: an enterprise PMO with no portfolio, programme or project.
    let mut ws = pmo_domain::demo::empty();
    ws.setup = Some(SetupPlan {
        level: Some(PmoLevel::Enterprise),
        ..SetupPlan::default()
    });
    let texts = |c: &setup::Charter| -> Vec<String> {
        c.sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Text(t) => Some(t.clone()),
                _ => None,
            })
            .collect()
    };
    let all = texts(&setup::charter(&ws, d(2026, 11, 22))).join("\n");
    assert!(!all.contains(" 0 "), "{all}");
    assert!(
        all.contains("covers every portfolio, programme and project of"),
        "{all}"
    );
    // With some work registered it counts what there is, in words.
    let demo = demo();
    ws.portfolios = demo.portfolios[..1].to_vec();
    let all = texts(&setup::charter(&ws, d(2026, 11, 22))).join("\n");
    assert!(all.contains("today 1 portfolio."), "{all}");
}

#[test]
fn next_steps_lead_from_a_blank_workspace_to_a_first_status() {
    use pmo_domain::portfolio::project::add_portfolio;
    use pmo_domain::setup::{next_steps, Where};
    let mut ws = pmo_domain::demo::empty();
    let steps = next_steps(&ws);
    assert_eq!(
        steps.iter().map(|s| s.at).collect::<Vec<_>>(),
        [
            Where::Guide,
            Where::OrgChart,
            Where::NewProject,
            Where::StatusRound
        ]
    );
    assert!(steps.iter().all(|s| !s.done));
    assert!(steps.iter().all(|s| !s.detail.contains(" 0 ")), "{steps:?}");
    // A first portfolio: named once, not twice, whatever the case.
    let id = add_portfolio(&mut ws, "  Clinical Services ").unwrap();
    assert_eq!(ws.portfolio(&id).unwrap().name, "Clinical Services");
    assert!(add_portfolio(&mut ws, "clinical services").is_err());
    assert!(add_portfolio(&mut ws, " ").is_err());
    assert!(next_steps(&ws)[2]
        .detail
        .starts_with("1 portfolio and no project yet"));
    // The demo has projects, and most reported: those steps are done or nearly.
    let demo = demo();
    let steps = next_steps(&demo);
    assert!(steps[1].done && steps[2].done, "{steps:?}");
}
