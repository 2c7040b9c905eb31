//! Dashboard chart figures, the bubble chart, the roadmap's calendar and the monthly report.

use chrono::NaiveDate;
use pmo_domain::demo::{demo_at, reference_day};
use pmo_domain::portfolio::charts::*;
use pmo_domain::portfolio::project::blank_project;
use pmo_domain::portfolio::report::*;
use pmo_domain::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// A workspace with one portfolio and no projects.
fn empty() -> Workspace {
    let mut ws = demo_at(reference_day());
    ws.projects.clear();
    ws.programmes.clear();
    ws.portfolios.truncate(1);
    ws
}

fn project(ws: &mut Workspace, code: &str, status: Status) -> usize {
    let mut p = blank_project(ws);
    p.code = code.into();
    p.name = format!("Project {code}");
    p.status = status;
    ws.projects.push(p);
    ws.projects.len() - 1
}

fn update(ws: &mut Workspace, i: usize, date: NaiveDate, status: Status, text: &str) {
    ws.projects[i].updates.push(StatusUpdate {
        date,
        status,
        rag: RagSet::default(),
        commentary: text.into(),
        author_id: None,
    });
}

#[test]
fn status_distribution_counts_every_status_and_skips_archived() {
    let mut ws = empty();
    project(&mut ws, "A", Status::OnTrack);
    project(&mut ws, "B", Status::OnTrack);
    let c = project(&mut ws, "C", Status::OffTrack);
    ws.projects[c].archived = true;
    let dist = status_distribution(&ws);
    assert_eq!(dist.len(), Status::ALL.len());
    assert_eq!(
        dist.iter().find(|(s, _)| *s == Status::OnTrack).unwrap().1,
        2
    );
    assert_eq!(
        dist.iter().find(|(s, _)| *s == Status::OffTrack).unwrap().1,
        0
    );
}

#[test]
fn phase_funnel_counts_active_projects_in_lifecycle_order() {
    let mut ws = empty();
    let a = project(&mut ws, "A", Status::OnTrack);
    ws.projects[a].phase = Phase::Execution;
    let b = project(&mut ws, "B", Status::Finished);
    ws.projects[b].phase = Phase::Closing;
    let f = phase_funnel(&ws);
    assert_eq!(
        f,
        vec![
            (Phase::Initiation, 0),
            (Phase::Planning, 0),
            (Phase::Execution, 1),
            (Phase::Closing, 0)
        ]
    );
}

#[test]
fn budget_by_portfolio_sums_live_projects() {
    let mut ws = empty();
    let a = project(&mut ws, "A", Status::OnTrack);
    ws.projects[a].budget = Budget {
        planned: 100,
        actual: 40,
        forecast: 120,
    };
    let b = project(&mut ws, "B", Status::OnTrack);
    ws.projects[b].budget = Budget {
        planned: 50,
        actual: 10,
        forecast: 50,
    };
    let b = budget_by_portfolio(&ws);
    assert_eq!(b.len(), 1);
    assert_eq!((b[0].planned, b[0].actual, b[0].forecast), (150, 50, 170));
    assert_eq!(b[0].overrun(), Some(20));
}

#[test]
fn nice_ticks_are_round_and_cover_the_maximum() {
    assert_eq!(nice_ticks(7.0, 5), vec![0.0, 2.0, 4.0, 6.0, 8.0]);
    assert_eq!(
        nice_ticks(100.0, 5),
        vec![0.0, 20.0, 40.0, 60.0, 80.0, 100.0]
    );
    assert_eq!(nice_ticks(0.0, 5), vec![0.0, 1.0]);
    for max in [1.0, 3.3, 17.0, 999.0, 12_345.0, 2.5e9] {
        let t = nice_ticks(max, 5);
        assert!(*t.last().unwrap() >= max, "{max}: {t:?}");
        assert!(t.len() <= 6, "{max}: {t:?}");
        assert!(t.len() >= 2, "{max}: {t:?}");
    }
}

#[test]
fn bubble_chart_places_projects_in_named_quadrants() {
    let mut ws = empty();
    ws.objectives = vec![Objective {
        id: "o".into(),
        name: "Growth".into(),
        weight: 1,
    }];
    for (code, score, planned) in [("A", 5, 10), ("B", 5, 1000), ("C", 1, 10), ("D", 1, 1000)] {
        let i = project(&mut ws, code, Status::OnTrack);
        ws.projects[i].scores = vec![ObjectiveScore {
            objective_id: "o".into(),
            score,
        }];
        ws.projects[i].budget.planned = planned;
    }
    let chart = bubble_chart(&ws, |_| true);
    let q: Vec<(&str, Quadrant)> = chart
        .bubbles
        .iter()
        .map(|b| (ws.projects[b.project].code.as_str(), b.quadrant))
        .collect();
    assert_eq!(
        q,
        vec![
            ("A", Quadrant::QuickWin),
            ("B", Quadrant::MajorProject),
            ("C", Quadrant::FillIn),
            ("D", Quadrant::Reconsider)
        ]
    );
    assert_eq!(chart.max_effort, 1000);
    let only_cheap = bubble_chart(&ws, |p| p.budget.planned < 100);
    assert_eq!(only_cheap.bubbles.len(), 2);
    assert_eq!(
        only_cheap.bubbles[1].rank, 3,
        "ranks stay those of the whole portfolio"
    );
    assert!(bubble_radius(25) > bubble_radius(0));
}

#[test]
fn risk_size_counts_only_open_risks() {
    let mut ws = empty();
    let i = project(&mut ws, "A", Status::OnTrack);
    ws.projects[i].risks = vec![
        Risk {
            id: "r1".into(),
            kind: RiskKind::Risk,
            title: "Closed big".into(),
            probability: 5,
            impact: 5,
            owner_id: None,
            status: RiskStatus::Closed,
        },
        Risk {
            id: "r2".into(),
            kind: RiskKind::Issue,
            title: "Open".into(),
            probability: 2,
            impact: 3,
            owner_id: None,
            status: RiskStatus::Mitigating,
        },
    ];
    assert_eq!(open_risk_exposure(&ws.projects[i]), 6);
    // The ranking says what that risk is, not only its number.
    assert_eq!(top_open_risk_text(&ws.projects[i]), "Open — 6 (2 × 3)");
    ws.projects[i].risks.clear();
    assert_eq!(top_open_risk_text(&ws.projects[i]), "None");
}

#[test]
fn windows_roll_from_today_and_shift() {
    // This quarter and the next.
    let w = Window::rolling(Zoom::Quarter, d(2026, 11, 22));
    assert_eq!((w.start, w.end), (d(2026, 10, 1), d(2027, 4, 1)));
    assert_eq!(w.title(), "Q4 2026 – Q1 2027");
    assert_eq!(w.ticks().len(), 6);
    let next = w.shifted(1);
    assert_eq!(
        (next.start, next.title()),
        (d(2027, 1, 1), "Q1 2027 – Q2 2027".into())
    );
    assert_eq!(w.shifted(-4).start, d(2025, 10, 1));
    // The next twelve months, from this month.
    let y = Window::rolling(Zoom::Year, d(2024, 2, 29));
    assert_eq!(
        (y.start, y.end, y.days()),
        (d(2024, 2, 1), d(2025, 2, 1), 366)
    );
    assert_eq!(y.title(), "Feb 2024 – Jan 2025");
    assert_eq!(y.ticks()[0].1, "Feb 2024");
    assert_eq!(y.ticks()[1].1, "Mar");
    assert_eq!(y.ticks()[11].1, "Jan 2025");
    assert_eq!(y.shifted(1).start, d(2025, 2, 1));
    // Three years from this quarter.
    let three = Window::rolling(Zoom::ThreeYears, d(2026, 5, 5));
    assert_eq!(three.title(), "Q2 2026 – Q1 2029");
    assert_eq!(three.ticks().len(), 12);
    assert_eq!(three.ticks()[0].1, "Q2 2026");
    assert!((y.x(d(2024, 8, 1)) - 182.0 / 366.0).abs() < 1e-9);
    assert!(y.overlaps(d(2023, 1, 1), d(2024, 2, 1)));
    assert!(!y.overlaps(d(2023, 1, 1), d(2024, 1, 31)));
    assert_eq!(Zoom::from_slug("year"), Some(Zoom::Year));
    // A window chosen by its first month starts there.
    assert_eq!(
        Window::starting(Zoom::Year, d(2026, 3, 17)).start,
        d(2026, 3, 1)
    );
}

#[test]
fn phase_spans_follow_gate_dates_and_cover_the_project() {
    let mut ws = empty();
    let i = project(&mut ws, "A", Status::OnTrack);
    let p = &mut ws.projects[i];
    p.start = Some(d(2026, 1, 1));
    p.end = Some(d(2026, 12, 31));
    p.gates = vec![
        Gate {
            phase: Phase::Initiation,
            decision: GateDecision::Passed,
            date: Some(d(2026, 2, 1)),
            note: String::new(),
        },
        // Planning's gate has no date: planning and execution share the time up to the
        // execution gate.
        Gate {
            phase: Phase::Execution,
            decision: GateDecision::Pending,
            date: Some(d(2026, 10, 1)),
            note: String::new(),
        },
    ];
    let spans = phase_spans(p);
    let phases: Vec<Phase> = spans.iter().map(|s| s.phase).collect();
    assert_eq!(phases, Phase::ALL.to_vec());
    assert_eq!(spans[0].from, d(2026, 1, 1));
    assert_eq!(spans[0].to, d(2026, 2, 1));
    assert_eq!(spans[1].from, d(2026, 2, 1));
    assert_eq!(spans[2].to, d(2026, 10, 1));
    assert_eq!(spans[3].to, d(2026, 12, 31));
    for w in spans.windows(2) {
        assert_eq!(w[0].to, w[1].from, "spans are contiguous");
    }
    // No dates, no bar.
    p.end = None;
    assert!(phase_spans(p).is_empty());
}

#[test]
fn roadmap_groups_by_portfolio_then_programme_and_drops_projects_outside_the_window() {
    let ws = demo_at(reference_day());
    let all: Vec<usize> = (0..ws.projects.len()).collect();
    let w = Window::rolling(Zoom::Year, reference_day());
    let groups = roadmap_groups(&ws, &all, &w);
    assert!(!groups.is_empty());
    let mut seen = Vec::new();
    for g in &groups {
        for &i in &g.projects {
            let p = &ws.projects[i];
            assert_eq!(p.portfolio_id, ws.portfolios[g.portfolio].id);
            assert_eq!(
                p.programme_id.as_deref(),
                g.programme.map(|x| ws.programmes[x].id.as_str())
            );
            assert!(w.overlaps(
                p.start.unwrap(),
                p.end.unwrap().max(p.baseline_end.unwrap_or(p.end.unwrap()))
            ));
            seen.push(i);
        }
        let starts: Vec<_> = g.projects.iter().map(|i| ws.projects[*i].start).collect();
        assert!(starts.windows(2).all(|s| s[0] <= s[1]), "sorted by start");
    }
    // Portfolio order follows the workspace.
    assert!(groups.windows(2).all(|g| g[0].portfolio <= g[1].portfolio));
    // A window far in the past holds nothing.
    let past = Window::rolling(Zoom::Year, d(1990, 1, 1));
    assert!(roadmap_groups(&ws, &all, &past).is_empty());
}

#[test]
fn months_parse_and_step_over_year_ends_and_leap_days() {
    let m = Month::parse("2024-02").unwrap();
    assert_eq!(m.last(), d(2024, 2, 29));
    assert_eq!(m.label(), "February 2024");
    assert_eq!(Month::parse("2026-12").unwrap().next().slug(), "2027-01");
    assert_eq!(Month::parse("2026-01").unwrap().prev().slug(), "2025-12");
    for bad in ["2026-13", "2026", "x-01", "2026-00", "99999-01", ""] {
        assert_eq!(Month::parse(bad), None, "{bad}");
    }
}

#[test]
fn status_at_uses_updates_for_the_past_and_current_status_from_today() {
    let mut ws = empty();
    let i = project(&mut ws, "A", Status::OffTrack);
    update(&mut ws, i, d(2026, 9, 10), Status::OnTrack, "fine");
    update(&mut ws, i, d(2026, 10, 12), Status::AtRisk, "slipping");
    let today = d(2026, 11, 22);
    let p = &ws.projects[i];
    assert_eq!(status_at(p, d(2026, 9, 1), today), None);
    assert_eq!(status_at(p, d(2026, 9, 30), today), Some(Status::OnTrack));
    assert_eq!(status_at(p, d(2026, 10, 31), today), Some(Status::AtRisk));
    assert_eq!(status_at(p, d(2026, 11, 30), today), Some(Status::OffTrack));
}

#[test]
fn monthly_report_lists_changes_commentary_due_items_risks_and_budget() {
    let mut ws = empty();
    let today = d(2026, 11, 22);
    let a = project(&mut ws, "A", Status::AtRisk);
    ws.projects[a].start = Some(d(2026, 1, 1));
    update(&mut ws, a, d(2026, 9, 30), Status::OnTrack, "All good");
    update(&mut ws, a, d(2026, 10, 15), Status::AtRisk, "Supplier late");
    ws.projects[a].budget = Budget {
        planned: 100,
        actual: 80,
        forecast: 130,
    };
    ws.projects[a].gates.push(Gate {
        phase: Phase::Execution,
        decision: GateDecision::Pending,
        date: Some(d(2026, 11, 20)),
        note: String::new(),
    });
    ws.projects[a].milestones.push(Milestone {
        id: "m1".into(),
        name: "Go live".into(),
        due: d(2026, 11, 3),
        done: None,
    });
    ws.projects[a].risks.push(Risk {
        id: "r".into(),
        kind: RiskKind::Risk,
        title: "Supplier insolvency".into(),
        probability: 3,
        impact: 5,
        owner_id: None,
        status: RiskStatus::Open,
    });
    let b = project(&mut ws, "B", Status::Finished);
    ws.projects[b].start = Some(d(2026, 10, 2));
    update(&mut ws, b, d(2026, 10, 20), Status::Finished, "Delivered");
    // Not started by October and never reported: not in October's report.
    let c = project(&mut ws, "C", Status::NotStarted);
    ws.projects[c].start = Some(d(2027, 1, 1));

    let r = monthly_report(&ws, Month::parse("2026-10").unwrap(), today);
    assert_eq!(r.summary.projects, 2);
    assert_eq!(r.summary.active, 1);
    assert_eq!(r.summary.at_risk, 1);
    assert_eq!(r.summary.started, 1);
    assert_eq!(r.summary.finished, 1);
    // Worst status first, with the latest commentary of the month.
    assert_eq!(r.by_status[0].0, Status::AtRisk);
    assert_eq!(
        r.by_status[0].1[0].latest,
        Some((d(2026, 10, 15), "Supplier late".into()))
    );
    // The worsening change comes first.
    assert_eq!(r.changes.len(), 2);
    assert_eq!(r.changes[0].project, a);
    assert_eq!(r.changes[0].from, Some(Status::OnTrack));
    assert_eq!(r.changes[0].to, Status::AtRisk);
    assert!(r.changes[0].is_worse());
    assert_eq!(r.changes[1].from, None);
    // November's gate and milestone are due "next month", soonest first.
    assert_eq!(
        r.due_next_month
            .iter()
            .map(|x| (x.date, x.what.clone()))
            .collect::<Vec<_>>(),
        vec![
            (d(2026, 11, 3), Due::Milestone("Go live".into())),
            (d(2026, 11, 20), Due::Gate(Phase::Execution))
        ]
    );
    assert_eq!(r.top_risks.len(), 1);
    assert_eq!(r.top_risks[0].exposure, 15);
    assert_eq!(r.overruns, vec![(a, 30)]);
    assert_eq!((r.planned, r.actual, r.forecast), (100, 80, 130));

    // November (current month): A has no new update, so no change; C never reported, so
    // it is not a change either until its first update arrives.
    let nov = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    assert!(nov.changes.is_empty(), "{:?}", nov.changes);
    update(
        &mut ws,
        c,
        d(2026, 11, 5),
        Status::NotStarted,
        "Kick-off booked",
    );
    let nov = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    assert_eq!(nov.changes.len(), 1);
    assert_eq!((nov.changes[0].project, nov.changes[0].from), (c, None));
}

#[test]
fn the_demo_report_for_the_reference_month_has_every_section() {
    let today = reference_day();
    let ws = demo_at(today);
    let r = monthly_report(&ws, Month::containing(today).prev(), today);
    assert!(r.summary.projects > 20, "{:?}", r.summary);
    assert!(r.by_status.len() >= 3);
    assert!(!r.changes.is_empty());
    assert!(!r.due_next_month.is_empty());
    assert_eq!(r.top_risks.len(), TOP_N);
    assert!(r.planned > 0);
}

#[test]
fn compact_amounts_for_axes() {
    assert_eq!(compact_amount(95_000), "950");
    assert_eq!(compact_amount(1_200_000), "12k");
    assert_eq!(compact_amount(150_000_000), "1.5M");
    assert_eq!(compact_amount(200_000_000_000), "2B");
    assert_eq!(compact_amount(0), "0");
}

#[test]
fn not_set_is_no_status_report_and_the_running_month_covers_every_live_project() {
    let mut ws = empty();
    let today = d(2026, 11, 22);
    let set = project(&mut ws, "S", Status::OnTrack);
    let unset = project(&mut ws, "U", Status::NotSet);
    // Not started, never reported: in the running month's report (as on the dashboard).
    let later = project(&mut ws, "L", Status::NotSet);
    ws.projects[later].start = Some(d(2027, 3, 1));
    let nov = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    assert_eq!(nov.summary.projects, 3);
    assert_eq!(nov.summary.not_reported, 2);
    // A project without a status report counts as active, as the dashboard counts it.
    assert_eq!(nov.summary.active, 3);
    assert!(
        nov.by_status.iter().all(|(s, _)| *s != Status::NotSet),
        "“Not set” is not a status to report: {:?}",
        nov.by_status
    );
    assert_eq!(
        nov.not_reported
            .iter()
            .map(|l| l.project)
            .collect::<Vec<_>>(),
        vec![later, unset],
        "by code"
    );
    assert_eq!(
        status_at(&ws.projects[set], today, today),
        Some(Status::OnTrack)
    );
    // An update that says "Not set" is no report either.
    update(&mut ws, set, d(2026, 10, 3), Status::NotSet, "");
    assert_eq!(status_at(&ws.projects[set], d(2026, 10, 31), today), None);
    // A past month still leaves out what had not started and had no status then.
    let oct = monthly_report(&ws, Month::parse("2026-10").unwrap(), today);
    assert_eq!(oct.summary.projects, 0, "{:?}", oct.summary);
}

#[test]
fn exceptions_come_worst_first_with_every_reason() {
    let mut ws = empty();
    let today = d(2026, 11, 22);
    let calm = project(&mut ws, "A-CALM", Status::OnTrack);
    update(&mut ws, calm, d(2026, 10, 1), Status::OnTrack, "fine");
    let risky = project(&mut ws, "B-RISK", Status::AtRisk);
    update(&mut ws, risky, d(2026, 10, 1), Status::AtRisk, "as before");
    let worse = project(&mut ws, "C-WORSE", Status::OffTrack);
    update(&mut ws, worse, d(2026, 10, 1), Status::OnTrack, "fine");
    update(
        &mut ws,
        worse,
        d(2026, 11, 10),
        Status::OffTrack,
        "vendor failed",
    );
    let gated = project(&mut ws, "D-GATE", Status::OnTrack);
    update(&mut ws, gated, d(2026, 10, 1), Status::OnTrack, "fine");
    let gate = |date| Gate {
        phase: Phase::Planning,
        decision: GateDecision::Pending,
        date: Some(date),
        note: String::new(),
    };
    ws.projects[gated].gates.push(gate(d(2026, 11, 3)));
    // A gate dated after today is not overdue yet; a finished project has no exceptions.
    ws.projects[calm].gates.push(gate(d(2026, 11, 25)));
    let done = project(&mut ws, "E-DONE", Status::Finished);
    ws.projects[done].gates.push(gate(d(2026, 1, 3)));
    let r = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    let got: Vec<(usize, Vec<Reason>)> = r
        .exceptions
        .iter()
        .map(|e| (e.project, e.reasons.clone()))
        .collect();
    assert_eq!(
        got,
        vec![
            (
                worse,
                vec![
                    Reason::OffTrack,
                    Reason::Changed {
                        from: Some(Status::OnTrack),
                        worse: true
                    }
                ]
            ),
            (risky, vec![Reason::AtRisk]),
            (
                gated,
                vec![Reason::GateOverdue {
                    phase: Phase::Planning,
                    due: d(2026, 11, 3)
                }]
            ),
        ]
    );
    assert_eq!(r.summary.exceptions, 3);
    assert_eq!(
        r.exceptions[0].reasons[1].words(r.month.prev()),
        "Worse since October 2026 (was On track)"
    );
    assert_eq!(
        r.exceptions[2].reasons[0].words(r.month.prev()),
        "Planning gate overdue (due 3 Nov)"
    );
    // "Why" names the RAG dimensions behind a status.
    ws.projects[worse].updates[1].rag = RagSet {
        schedule: Rag::Red,
        cost: Rag::Green,
        scope: Rag::Amber,
    };
    let r = monthly_report(&ws, Month::parse("2026-11").unwrap(), today);
    assert_eq!(
        r.exceptions[0].why(r.month.prev()),
        "Off track: schedule red, scope amber; Worse since October 2026 (was On track)"
    );
    assert_eq!(r.exceptions[1].why(r.month.prev()), "At risk");
}

#[test]
fn the_summary_is_kept_per_month_and_an_emptied_one_is_removed() {
    let mut ws = empty();
    let nov = Month::parse("2026-11").unwrap();
    let oct = Month::parse("2026-10").unwrap();
    assert!(notes_of(&ws, nov).is_none());
    assert!(edit_notes(&mut ws, nov, |n| n.key_messages = "Go-live on track".into()));
    assert!(edit_notes(&mut ws, oct, |n| n.decisions = "Approve the budget".into()));
    assert_eq!(
        ws.report_notes
            .iter()
            .map(|n| n.id.as_str())
            .collect::<Vec<_>>(),
        vec!["2026-10", "2026-11"],
        "kept in month order"
    );
    assert!(!edit_notes(&mut ws, nov, |n| n.key_messages = "Go-live on track".into()));
    assert!(
        validate::validate(&ws).is_empty(),
        "{:?}",
        validate::validate(&ws)
    );
    assert!(edit_notes(&mut ws, nov, |n| n.key_messages = "  \n".into()));
    assert_eq!(ws.report_notes.len(), 1, "an emptied summary is removed");
    // A summary for something that is not a month is refused by the rules.
    ws.report_notes[0].id = "2026-1".into();
    assert!(!validate::validate(&ws).is_empty());
}

#[test]
fn the_report_as_markdown_and_html_says_the_same_and_escapes_what_it_quotes() {
    use pmo_domain::portfolio::report_doc::*;
    let today = reference_day();
    let mut ws = demo_at(today);
    let month = Month::containing(today);
    edit_notes(&mut ws, month, |n| {
        n.key_messages = "- Cut-over moved | see <plan>\n\n* Budget *on* track".into();
        n.decisions = "Approve phase 2".into();
    });
    let r = monthly_report(&ws, month, today);
    let doc = document(&ws, &r, notes_of(&ws, month), today);
    let ids: Vec<&str> = doc.sections.iter().map(|s| s.id).collect();
    assert_eq!(
        &ids[..3],
        &["summary", "glance", "exceptions"],
        "the PMO's words, then the exceptions"
    );
    assert!(ids.contains(&"others") && ids.contains(&"budget") && ids.contains(&"risks"));
    // Every project in the report is listed exactly once among exceptions, no report, others.
    let listed: usize = doc
        .sections
        .iter()
        .filter(|s| matches!(s.id, "exceptions" | "not-reported" | "others"))
        .flat_map(|s| &s.blocks)
        .map(|b| match b {
            Block::Table(t) => t.rows.len(),
            _ => 0,
        })
        .sum();
    assert_eq!(listed, r.summary.projects);
    assert_eq!(r.summary.exceptions, r.exceptions.len());
    assert!(r.summary.exceptions > 0, "the demo has exceptions");

    let md = to_markdown(&doc);
    assert!(md.starts_with(&format!("# PMO report — {}\n", month.label())));
    assert!(
        md.contains(
            "### Key messages\n\n- Cut-over moved \\| see \\<plan\\>\n- Budget \\*on\\* track\n"
        ),
        "{md}"
    );
    assert!(md.contains("### Escalations\n\nNone.\n"));
    assert!(md.contains("| Project | Project manager | Status | Why | Latest commentary |"));
    // Every table row has as many cells as its head (an escaped `|` is text, not a cell).
    let mut tables = 0;
    for table in md.split("\n\n").filter(|b| b.starts_with('|')) {
        tables += 1;
        let cells = |line: &str| line.replace("\\|", "").matches('|').count();
        let head = cells(table.lines().next().unwrap());
        assert!(head >= 2);
        for line in table.lines() {
            assert_eq!(cells(line), head, "{line}");
        }
    }
    assert!(tables >= 5, "{tables} tables");
    let html = to_html(&doc);
    assert!(
        html.contains("<li>Cut-over moved | see &lt;plan&gt;</li>"),
        "escaped once"
    );
    assert!(!html.contains("<plan>"));
    assert!(
        html.contains("background:#b42318"),
        "off track keeps its colour"
    );
    assert_eq!(
        html.matches("<table").count(),
        html.matches("</table>").count()
    );
    // No summary: the report says so rather than printing empty headings.
    let bare = document(&ws, &r, None, today);
    assert_eq!(
        bare.sections[0].blocks,
        vec![Block::Para(
            "No summary has been written for this month yet.".into()
        )]
    );
}
