//! Priority scores and ranks, roll-ups, trends, and the register query.

use chrono::NaiveDate;
use pmo_domain::demo::demo;
use pmo_domain::portfolio::*;
use pmo_domain::*;

/// The demo's day, on which the register is asked.
const DAY: NaiveDate = match NaiveDate::from_ymd_opt(2026, 11, 2) {
    Some(d) => d,
    None => panic!("a valid date"),
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A workspace with two objectives (weights 3 and 1) and projects scored against them.
fn scored(scores: &[(&str, u8, u8)]) -> Workspace {
    let mut ws = demo();
    ws.objectives = vec![
        Objective {
            id: "a".into(),
            name: "A".into(),
            weight: 3,
        },
        Objective {
            id: "b".into(),
            name: "B".into(),
            weight: 1,
        },
    ];
    ws.projects.truncate(scores.len());
    for (p, (code, a, b)) in ws.projects.iter_mut().zip(scores) {
        p.code = code.to_string();
        p.status = Status::OnTrack;
        p.scores = vec![
            ObjectiveScore {
                objective_id: "a".into(),
                score: *a,
            },
            ObjectiveScore {
                objective_id: "b".into(),
                score: *b,
            },
        ];
    }
    ws
}

#[test]
fn priority_score_is_weighted_and_scaled_to_100() {
    // (code, score on A (weight 3), score on B (weight 1)) → expected score
    let table = [
        ("X1", 5, 5, 100.0),
        ("X2", 0, 0, 0.0),
        ("X3", 5, 0, 75.0),
        ("X4", 0, 5, 25.0),
        ("X5", 3, 1, 50.0),
    ];
    let ws = scored(
        &table
            .iter()
            .map(|(c, a, b, _)| (*c, *a, *b))
            .collect::<Vec<_>>(),
    );
    for (p, (code, _, _, want)) in ws.projects.iter().zip(table) {
        assert!(
            (priority_score(&ws, p) - want).abs() < 1e-9,
            "{code}: {}",
            priority_score(&ws, p)
        );
    }
}

#[test]
fn missing_scores_count_as_zero_and_no_objectives_give_zero() {
    let mut ws = scored(&[("X1", 4, 4)]);
    ws.projects[0].scores.retain(|s| s.objective_id == "a");
    assert!((priority_score(&ws, &ws.projects[0]) - 60.0).abs() < 1e-9);
    ws.objectives.clear();
    assert_eq!(priority_score(&ws, &ws.projects[0]), 0.0);
}

#[test]
fn ranking_orders_by_score_shares_ties_and_skips_finished() {
    let mut ws = scored(&[
        ("C", 2, 2),
        ("A", 5, 5),
        ("B", 2, 2),
        ("D", 1, 0),
        ("E", 5, 5),
    ]);
    ws.projects[4].status = Status::Finished;
    let ranked: Vec<(String, usize)> = ranking(&ws)
        .into_iter()
        .map(|(i, _, rank)| (ws.projects[i].code.clone(), rank))
        .collect();
    let want: Vec<(String, usize)> = [("A", 1), ("B", 2), ("C", 2), ("D", 4)]
        .iter()
        .map(|(c, r)| (c.to_string(), *r))
        .collect();
    assert_eq!(ranked, want);
}

#[test]
fn rollups_sum_budgets_count_phases_and_find_the_worst_status() {
    let ws = demo();
    let rollups = portfolio_rollups(&ws);
    assert_eq!(rollups.len(), 3);
    let all = RollUp::of(&ws.projects);
    let n = ws.projects.len();
    assert_eq!(all.projects, n);
    for (phase, count) in Phase::ALL.iter().zip(all.by_phase) {
        assert_eq!(
            count,
            ws.projects.iter().filter(|p| p.phase == *phase).count()
        );
    }
    assert_eq!(all.by_status.iter().sum::<usize>(), n);
    assert_eq!(all.worst, Some(Status::OffTrack));
    let planned: i64 = rollups.iter().map(|r| r.total.planned).sum();
    assert_eq!(planned, all.planned);
    for r in &rollups {
        let parts: usize =
            r.programmes.iter().map(|(_, p)| p.projects).sum::<usize>() + r.direct.projects;
        assert_eq!(parts, r.total.projects, "programmes + direct = portfolio");
        let parts_budget: i64 =
            r.programmes.iter().map(|(_, p)| p.planned).sum::<i64>() + r.direct.planned;
        assert_eq!(parts_budget, r.total.planned);
    }
    let spent = all.spent_percent().unwrap();
    assert_eq!(spent, all.actual * 100 / all.planned);
    assert_eq!(RollUp::of(&[]).spent_percent(), None);
    assert_eq!(RollUp::of(&[]).worst, None);
}

#[test]
fn archived_projects_are_left_out_of_rollups() {
    let mut ws = demo();
    let before = RollUp::of(&ws.projects);
    ws.projects[0].archived = true;
    let after = RollUp::of(&ws.projects);
    assert_eq!(after.projects, before.projects - 1);
    assert_eq!(
        after.planned,
        before.planned - ws.projects[0].budget.planned
    );
}

#[test]
fn trend_compares_the_last_two_updates_by_date() {
    let mut p = demo().projects[0].clone();
    p.updates.clear();
    assert_eq!(trend(&p), Trend::NoReports);
    let update = |date, status| StatusUpdate {
        date,
        status,
        rag: RagSet::default(),
        commentary: String::new(),
        author_id: None,
    };
    p.updates.push(update(d(2026, 9, 1), Status::AtRisk));
    assert_eq!(trend(&p), Trend::FirstReport);
    p.updates.push(update(d(2026, 10, 1), Status::OnTrack));
    assert_eq!(trend(&p), Trend::Improving);
    // An older update added later does not change which two are the latest.
    p.updates.push(update(d(2026, 8, 1), Status::OffTrack));
    assert_eq!(trend(&p), Trend::Improving);
    p.updates.push(update(d(2026, 11, 1), Status::OffTrack));
    assert_eq!(trend(&p), Trend::Worsening);
    p.updates.push(update(d(2026, 11, 15), Status::OffTrack));
    assert_eq!(trend(&p), Trend::Unchanged);
}

#[test]
fn demo_shows_every_trend() {
    let ws = demo();
    let trends: std::collections::HashSet<_> = ws
        .projects
        .iter()
        .map(|p| format!("{:?}", trend(p)))
        .collect();
    for t in ["NoReports", "Improving", "Unchanged", "Worsening"] {
        assert!(trends.contains(t), "{t} missing from {trends:?}");
    }
}

fn params(s: &str) -> Vec<(String, String)> {
    pmo_domain::route::parse(&format!("#/portfolio?{s}")).query
}

#[test]
fn query_round_trips_through_the_address() {
    let q = Query {
        portfolio: Some("pf-2".into()),
        phases: vec![Phase::Execution, Phase::Closing],
        statuses: vec![Status::AtRisk],
        manager: Some("pm-4".into()),
        text: "data & more".into(),
        sort: Column::Planned,
        descending: true,
        columns: vec![Column::Code, Column::Name, Column::Planned],
        page: 2,
        ..Query::default()
    };
    let pairs: Vec<(&str, String)> = q.to_params();
    let borrowed: Vec<(&str, &str)> = pairs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let hash = pmo_domain::route::to_hash(&pmo_domain::route::Page::Portfolio, &borrowed);
    assert_eq!(
        Query::from_params(&pmo_domain::route::parse(&hash).query),
        q
    );
    assert!(
        Query::default().to_params().is_empty(),
        "defaults keep the address short"
    );
}

#[test]
fn unknown_values_in_the_address_are_ignored() {
    let q = Query::from_params(&params(
        "status=at-risk,bogus&sort=nope&cols=&page=abc&phase=closing",
    ));
    assert_eq!(q.statuses, vec![Status::AtRisk]);
    assert_eq!(q.sort, Column::Code);
    assert_eq!(q.columns, Column::DEFAULT.to_vec());
    assert_eq!(q.page, 0);
    assert_eq!(q.phases, vec![Phase::Closing]);
}

#[test]
fn filters_combine() {
    let ws = demo();
    let index = RegisterIndex::build(&ws);
    let all = index.select(&ws, &Query::default(), DAY);
    assert_eq!(all.len(), ws.projects.len());
    let q = Query::from_params(&params("phase=execution&status=at-risk,off-track"));
    let hits = index.select(&ws, &q, DAY);
    assert!(!hits.is_empty());
    for &i in &hits {
        let p = &ws.projects[i];
        assert_eq!(p.phase, Phase::Execution);
        assert!(matches!(p.status, Status::AtRisk | Status::OffTrack));
    }
    let expected = ws
        .projects
        .iter()
        .filter(|p| {
            p.phase == Phase::Execution && matches!(p.status, Status::AtRisk | Status::OffTrack)
        })
        .count();
    assert_eq!(hits.len(), expected);
}

#[test]
fn text_filter_matches_every_word_in_code_name_and_pm_case_insensitively() {
    let ws = demo();
    let index = RegisterIndex::build(&ws);
    let pm_name = ws
        .person(&ws.projects[3].managers[0].person_id)
        .unwrap()
        .name
        .clone();
    let first = pm_name.split(' ').next().unwrap().to_uppercase();
    let q = Query {
        text: format!("{first}  {}", &ws.projects[3].code.to_lowercase()),
        ..Query::default()
    };
    assert_eq!(index.select(&ws, &q, DAY), vec![3]);
    let q = Query {
        text: "zzz-no-match".into(),
        ..Query::default()
    };
    assert!(index.select(&ws, &q, DAY).is_empty());
}

#[test]
fn sorting_by_a_column_and_reversing_it() {
    let ws = demo();
    let index = RegisterIndex::build(&ws);
    let q = Query::default().sorted_by(Column::Planned);
    assert!(
        q.descending,
        "numbers sort largest first on the first click"
    );
    let hits = index.select(&ws, &q, DAY);
    let budgets: Vec<i64> = hits
        .iter()
        .map(|&i| ws.projects[i].budget.planned)
        .collect();
    assert!(budgets.windows(2).all(|w| w[0] >= w[1]), "{budgets:?}");
    let q = q.sorted_by(Column::Planned);
    assert!(!q.descending);
    let hits = index.select(&ws, &q, DAY);
    let budgets: Vec<i64> = hits
        .iter()
        .map(|&i| ws.projects[i].budget.planned)
        .collect();
    assert!(budgets.windows(2).all(|w| w[0] <= w[1]));
    // Status, RAG and the last update sort worst or latest first on a first click.
    let q = Query::default().sorted_by(Column::Status);
    let worst_first = index.select(&ws, &q, DAY);
    assert_eq!(severity(ws.projects[worst_first[0]].status), 5);
    let q = Query::default().sorted_by(Column::Cost);
    let hits = index.select(&ws, &q, DAY);
    let ranks: Vec<u8> = hits
        .iter()
        .map(|&i| rag_rank(ws.projects[i].rag.cost))
        .collect();
    assert!(ranks.windows(2).all(|w| w[0] >= w[1]), "{ranks:?}");
    assert_eq!(
        ws.projects[hits[0]].rag.cost,
        Rag::Red,
        "the demo has a red cost"
    );
    let q = Query::default().sorted_by(Column::Updated);
    let dates: Vec<_> = index
        .select(&ws, &q, DAY)
        .iter()
        .map(|&i| latest_update(&ws.projects[i]).map(|u| u.date))
        .collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    let q = Query::default().sorted_by(Column::Name);
    let names: Vec<String> = index
        .select(&ws, &q, DAY)
        .iter()
        .map(|&i| ws.projects[i].name.to_lowercase())
        .collect();
    assert!(names.windows(2).all(|w| w[0] <= w[1]), "{names:?}");
}

#[test]
fn archived_projects_only_show_when_asked() {
    let mut ws = demo();
    ws.projects[5].archived = true;
    let index = RegisterIndex::build(&ws);
    assert_eq!(
        index.select(&ws, &Query::default(), DAY).len(),
        ws.projects.len() - 1
    );
    let q = Query {
        archived: true,
        ..Query::default()
    };
    assert_eq!(index.select(&ws, &q, DAY), vec![5]);
}

#[test]
fn paging_clamps_to_the_last_page() {
    let hits: Vec<usize> = (0..120).collect();
    let (first, rows, pages) = page_of(&hits, 0);
    assert_eq!((first, rows.len(), pages), (0, PAGE_SIZE, 3));
    let (first, rows, _) = page_of(&hits, 2);
    assert_eq!((first, rows.len()), (100, 20));
    let (first, rows, _) = page_of(&hits, 99);
    assert_eq!((first, rows.len()), (100, 20));
    let (first, rows, pages) = page_of(&[], 0);
    assert_eq!((first, rows.len(), pages), (0, 0, 1));
}

#[test]
fn overdue_means_active_and_past_its_end() {
    let mut p = demo().projects[2].clone();
    p.status = Status::OnTrack;
    p.end = Some(d(2026, 11, 1));
    assert!(is_overdue(&p, d(2026, 11, 2)));
    assert!(!is_overdue(&p, d(2026, 11, 1)), "due today is not overdue");
    p.status = Status::Finished;
    assert!(!is_overdue(&p, d(2026, 12, 1)));
    p.status = Status::AtRisk;
    p.archived = true;
    assert!(!is_overdue(&p, d(2026, 12, 1)));
}

#[test]
fn gates_due_in_the_window_soonest_first() {
    let mut ws = demo();
    for p in &mut ws.projects {
        p.gates.clear();
    }
    let gate = |phase, decision, date| Gate {
        phase,
        decision,
        date: Some(date),
        note: String::new(),
    };
    ws.projects[0].gates.push(gate(
        Phase::Initiation,
        GateDecision::Pending,
        d(2026, 12, 1),
    ));
    ws.projects[1].gates.push(gate(
        Phase::Planning,
        GateDecision::Pending,
        d(2026, 11, 20),
    ));
    ws.projects[2]
        .gates
        .push(gate(Phase::Planning, GateDecision::Passed, d(2026, 11, 21)));
    ws.projects[3]
        .gates
        .push(gate(Phase::Planning, GateDecision::Pending, d(2027, 1, 1)));
    ws.projects[4]
        .gates
        .push(gate(Phase::Planning, GateDecision::Pending, d(2026, 11, 1)));
    ws.projects[1].status = Status::OnTrack;
    ws.projects[0].status = Status::OnTrack;
    let due = gates_due(&ws, d(2026, 11, 15), 30);
    assert_eq!(
        due,
        vec![
            (1, Phase::Planning, d(2026, 11, 20)),
            (0, Phase::Initiation, d(2026, 12, 1))
        ]
    );
}

#[test]
fn the_demo_has_gates_due_and_overdue_projects_around_its_day() {
    let today = pmo_domain::demo::reference_day();
    let ws = pmo_domain::demo::demo_at(today);
    assert!(!gates_due(&ws, today, 30).is_empty());
    assert!(
        ws.projects.iter().any(|p| is_overdue(p, today)),
        "the demo shows an overdue project"
    );
}

/// Each dashboard tile opens the register on what it counts.
#[test]
fn the_register_shows_what_a_dashboard_tile_counts() {
    let today = pmo_domain::demo::reference_day();
    let ws = pmo_domain::demo::demo_at(today);
    let index = RegisterIndex::build(&ws);
    let ask = |only: Only| {
        let q = Query::from_params(&[("only".to_string(), only.slug().to_string())]);
        assert_eq!(q.only, Some(only));
        assert!(q.is_filtered());
        assert_eq!(
            Query::from_params(
                &q.to_params()
                    .into_iter()
                    .map(|(k, v)| (k.to_string(), v))
                    .collect::<Vec<_>>()
            ),
            q
        );
        index.select(&ws, &q, today)
    };
    let overdue: Vec<usize> = (0..ws.projects.len())
        .filter(|&i| is_overdue(&ws.projects[i], today))
        .collect();
    let mut got = ask(Only::Overdue);
    got.sort();
    assert_eq!(got, overdue);
    let mut soon: Vec<usize> = gates_due(&ws, today, GATE_DAYS)
        .into_iter()
        .map(|g| g.0)
        .collect();
    soon.sort();
    soon.dedup();
    let mut got = ask(Only::GatesDue);
    got.sort();
    assert_eq!(got, soon);
    assert!(!soon.is_empty() && !overdue.is_empty());
    // The budget tile: the register sorted by how far over budget, largest first.
    let q = Query::default().sorted_by(Column::Overrun);
    assert!(q.descending);
    let hits = index.select(&ws, &q, today);
    let over: Vec<i64> = hits.iter().map(|&i| overrun(&ws.projects[i])).collect();
    assert!(over.windows(2).all(|w| w[0] >= w[1]), "{over:?}");
    assert!(over[0] > 0);
}

#[test]
fn objectives_can_be_added_weighted_and_removed_without_dangling_scores() {
    let mut ws = demo();
    let id = add_objective(&mut ws, "  Improve customer satisfaction ");
    assert_eq!(
        ws.objectives.last().unwrap().name,
        "Improve customer satisfaction"
    );
    assert!(pmo_domain::validate::validate(&ws).is_empty());
    let before = priority_score(&ws, &ws.projects[0]);
    ws.objectives.last_mut().unwrap().weight = 100;
    assert!(
        priority_score(&ws, &ws.projects[0]) < before,
        "an unscored heavy objective lowers the score"
    );
    remove_objective(&mut ws, "obj-growth");
    assert!(ws
        .projects
        .iter()
        .all(|p| p.scores.iter().all(|s| s.objective_id != "obj-growth")));
    assert!(pmo_domain::validate::validate(&ws).is_empty());
    assert_ne!(id, "obj-growth");
    assert_eq!(parse_weight(" 40 "), Ok(40));
    for bad in ["0", "-3", "2.5", "", "1001"] {
        assert_eq!(
            parse_weight(bad),
            Err("Use a whole number from 1 to 1000."),
            "{bad:?}"
        );
    }
}

#[test]
fn toggling_a_filter_value_adds_then_removes_it() {
    let mut phases = vec![Phase::Planning];
    toggle(&mut phases, Phase::Closing);
    assert_eq!(phases, [Phase::Planning, Phase::Closing]);
    toggle(&mut phases, Phase::Planning);
    assert_eq!(phases, [Phase::Closing]);
}

/// "% spent" is one rule: rounded down everywhere (99.6 % is not "100 % spent").
#[test]
fn percent_spent_reads_the_same_on_every_page() {
    use pmo_domain::portfolio::{spent_percent, BudgetTotals};
    assert_eq!(spent_percent(996, 1000), Some(99));
    assert_eq!(spent_percent(1000, 1000), Some(100));
    assert_eq!(spent_percent(5, 0), None);
    let mut ws = demo();
    for p in &mut ws.projects {
        p.budget.planned = 1000;
        p.budget.actual = 996;
        p.archived = false;
    }
    let totals = BudgetTotals::of_live(&ws.projects);
    let roll = RollUp::of(&ws.projects);
    assert_eq!(totals.spent_percent(), Some(99));
    assert_eq!(roll.spent_percent(), Some(99));
    // Archived projects are left out of the dashboard's totals.
    ws.projects[0].archived = true;
    let live = BudgetTotals::of_live(&ws.projects);
    assert_eq!(live.planned, 1000 * (ws.projects.len() as i64 - 1));
}
