//! Dashboard: the portfolio at a glance.

use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::portfolio::charts::{
    budget_by_portfolio, phase_funnel, status_distribution, top_priorities,
};
use pmo_domain::portfolio::{
    gates_due, is_overdue, portfolio_rollups, BudgetTotals, Column, Only, Query, RollUp, GATE_DAYS,
};
use pmo_domain::route::Page;
use pmo_domain::{Phase, Status};

use crate::portfolio::charts::{Bar, BarChart};
use crate::ui::format::plural;

use pmo_domain::route::portfolio_hash;

use crate::app::state::AppState;
use crate::ui::demo_offer::{NextSteps, WaysIn};

/// Figures for the tiles, derived from the workspace.
#[derive(Clone, PartialEq)]
struct Figures {
    active: usize,
    troubled: usize,
    planned: String,
    actual: String,
    spent_pct: Option<i64>,
    headcount: usize,
    open_roles: usize,
    overdue: usize,
    gates_due: usize,
    next_gate: Option<String>,
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    // Without a live project the tiles would be a wall of zeros: the next steps instead.
    let has_projects = Memo::new(move |_| {
        state
            .workspace
            .with(|w| w.projects.iter().any(|p| !p.archived))
    });
    let figures = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let live: Vec<_> = ws.projects.iter().filter(|p| !p.archived).collect();
            let money = BudgetTotals::of_live(&ws.projects);
            let c = ws.counts();
            let today = chrono::Local::now().date_naive();
            let gates = gates_due(ws, today, GATE_DAYS);
            Figures {
                overdue: live.iter().filter(|p| is_overdue(p, today)).count(),
                gates_due: gates.len(),
                next_gate: gates.first().map(|(i, phase, date)| {
                    format!(
                        "Next: {} ({} gate), {}",
                        ws.projects[*i].name,
                        phase.label().to_lowercase(),
                        pmo_domain::common::text::day_short(*date)
                    )
                }),
                active: live.iter().filter(|p| p.status.is_active()).count(),
                troubled: live
                    .iter()
                    .filter(|p| matches!(p.status, Status::AtRisk | Status::OffTrack))
                    .count(),
                planned: format_money(money.planned, &ws.organisation.currency),
                actual: format_money(money.actual, &ws.organisation.currency),
                spent_pct: money.spent_percent(),
                headcount: c.people,
                open_roles: c.vacancies,
            }
        })
    });
    view! {
        <section class="page">
            <h1 tabindex="-1">"Dashboard"</h1>
            <p class="lede">
                "The portfolio at a glance: active projects, those at risk, budget against actuals and the "
                "people behind them. Every bar and figure opens the matching projects in the register."
            </p>
            {move || if has_data.get() && !has_projects.get() {
                view! { <NextSteps/> }.into_any()
            } else if has_data.get() {
                let f = figures.get();
                let overdue_class = if f.overdue == 0 { "tile-value" } else { "tile-value alert" };
                let only = |o: Only| portfolio_hash(&Query { only: Some(o), ..Query::default() });
                let active = portfolio_hash(&Query {
                    statuses: Status::ALL.into_iter().filter(|s| s.is_active()).collect(),
                    ..Query::default()
                });
                // Largest overrun first, with the budget columns beside the status.
                let budget = portfolio_hash(&Query {
                    columns: vec![Column::Code, Column::Name, Column::Status, Column::Cost, Column::Planned, Column::Forecast, Column::Overrun, Column::Manager],
                    ..Query::default().sorted_by(Column::Overrun)
                });
                view! {
                    <div class="tiles">
                        <a class="tile" href=active>
                            <span class="tile-label">"Active projects"</span>
                            <span class="tile-value">{f.active}</span>
                        </a>
                        <a class="tile attention" href="#/portfolio?status=at-risk,off-track">
                            <span class="tile-label">"At risk or off track"</span>
                            <span class="tile-value">{f.troubled}</span>
                        </a>
                        <a class="tile" href=budget>
                            <span class="tile-label">"Budget: actual of planned"</span>
                            <span class="tile-value small">{f.actual.clone()}</span>
                            <span class="tile-note">
                                {format!("of {} planned{}", f.planned, f.spent_pct.map(|p| format!(" · {p}% spent")).unwrap_or_default())}
                            </span>
                        </a>
                        <a class="tile" href=only(Only::Overdue)>
                            <span class="tile-label">"Overdue projects"</span>
                            <span class=overdue_class>{f.overdue}</span>
                            <span class="tile-note">"Active, past their end date"</span>
                        </a>
                        <a class="tile" href=only(Only::GatesDue)>
                            <span class="tile-label">"Gates due in 30 days"</span>
                            <span class="tile-value">{f.gates_due}</span>
                            <span class="tile-note">{f.next_gate.clone().unwrap_or_else(|| "None pending".into())}</span>
                        </a>
                        <a class="tile" href="#/org">
                            <span class="tile-label">"People"</span>
                            <span class="tile-value">{f.headcount}</span>
                            <span class="tile-note">{plural(f.open_roles, "open role", None)}</span>
                        </a>
                    </div>
                    <Charts/>
                    <RollUps/>
                }
                .into_any()
            } else {
                view! {
                    <p class="lede">"An empty workspace: nothing leaves this browser unless you export or share it."</p>
                    <WaysIn/>
                }
                .into_any()
            }}
        </section>
    }
}

/// One line of the roll-up table.
#[derive(Clone, PartialEq)]
struct RollUpLine {
    name: String,
    href: String,
    level: &'static str,
    projects: usize,
    planned: String,
    actual: String,
    spent: String,
    /// Projects in each phase, in lifecycle order.
    phases: [usize; 4],
    worst: Option<Status>,
}

fn line(name: String, href: String, level: &'static str, r: &RollUp, currency: &str) -> RollUpLine {
    RollUpLine {
        name,
        href,
        level,
        projects: r.projects,
        planned: format_money(r.planned, currency),
        actual: format_money(r.actual, currency),
        spent: r
            .spent_percent()
            .map(|p| format!("{p}%"))
            .unwrap_or_else(|| "—".into()),
        phases: r.by_phase,
        worst: r.worst,
    }
}

/// Budget and status rolled up by portfolio and programme; each line opens the filtered register.
#[component]
fn RollUps() -> impl IntoView {
    let state = AppState::expect();
    let lines = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let currency = ws.organisation.currency.clone();
            let mut out = Vec::new();
            for r in portfolio_rollups(ws) {
                let pf = &ws.portfolios[r.portfolio];
                let q = Query {
                    portfolio: Some(pf.id.clone()),
                    ..Query::default()
                };
                out.push(line(
                    pf.name.clone(),
                    portfolio_hash(&q),
                    "portfolio",
                    &r.total,
                    &currency,
                ));
                for (gi, g) in &r.programmes {
                    let pg = &ws.programmes[*gi];
                    let q = Query {
                        portfolio: Some(pf.id.clone()),
                        programme: Some(pg.id.clone()),
                        ..Query::default()
                    };
                    out.push(line(
                        pg.name.clone(),
                        portfolio_hash(&q),
                        "programme",
                        g,
                        &currency,
                    ));
                }
            }
            out
        })
    });
    view! {
        <section class="card" aria-labelledby="rollup-title">
            <h2 id="rollup-title">"Portfolios and programmes"</h2>
            <div class="table-wrap flat">
                <table class="register rollups">
                    <caption class="sr-only">"Budget and status by portfolio and programme"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Portfolio / programme"</th>
                            <th scope="col" class="num">"Projects"</th>
                            <th scope="col" class="num">"Planned"</th>
                            <th scope="col" class="num">"Actual"</th>
                            <th scope="col" class="num">"Spent"</th>
                            {Phase::ALL.map(|ph| view! { <th scope="col" class="num">{ph.label()}</th> }).collect_view()}
                            <th scope="col">"Worst status"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || lines.get().into_iter().map(|l| view! {
                            <tr class=l.level>
                                <th scope="row"><a href=l.href>{l.name}</a></th>
                                <td class="num">{l.projects}</td>
                                <td class="num">{l.planned}</td>
                                <td class="num">{l.actual}</td>
                                <td class="num">{l.spent}</td>
                                {l.phases.map(|n| view! { <td class="num">{n}</td> }).collect_view()}
                                <td>{l.worst.map(|w| view! { <span class=format!("status status-{}", w.slug())>{w.label()}</span> })}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

fn them(n: usize) -> &'static str {
    if n == 1 {
        "it"
    } else {
        "them"
    }
}

/// The four dashboard charts, each bar a link into the filtered register (or the project).
#[derive(Clone, PartialEq)]
struct ChartData {
    status: Vec<Bar>,
    funnel: Vec<Bar>,
    budget: Vec<Bar>,
    priorities: Vec<Bar>,
}

fn chart_data(ws: &pmo_domain::Workspace) -> ChartData {
    let status = status_distribution(ws)
        .into_iter()
        .map(|(s, n)| Bar {
            label: s.label().into(),
            value: n as f64,
            text: n.to_string(),
            href: portfolio_hash(&Query {
                statuses: vec![s],
                ..Query::default()
            }),
            class: format!("status-{}", s.slug()),
            hint: format!(
                "{}, show {} in the register",
                plural(n, "project", None),
                them(n)
            ),
            group: None,
        })
        .collect();
    let active: Vec<Status> = Status::ALL.into_iter().filter(|s| s.is_active()).collect();
    let funnel = phase_funnel(ws)
        .into_iter()
        .map(|(ph, n)| Bar {
            label: ph.label().into(),
            value: n as f64,
            text: n.to_string(),
            href: portfolio_hash(&Query {
                phases: vec![ph],
                statuses: active.clone(),
                ..Query::default()
            }),
            class: format!("phase-{}", ph.slug()),
            hint: format!(
                "active {}, show {} in the register",
                plural(n, "project", None),
                them(n)
            ),
            group: None,
        })
        .collect();
    let currency = ws.organisation.currency.as_str();
    let budget = budget_by_portfolio(ws)
        .into_iter()
        .flat_map(|b| {
            let pf = &ws.portfolios[b.portfolio];
            let href = portfolio_hash(&Query {
                portfolio: Some(pf.id.clone()),
                ..Query::default()
            });
            [
                ("Planned", b.planned, "budget-planned"),
                ("Actual", b.actual, "budget-actual"),
                ("Forecast", b.forecast, "budget-forecast"),
            ]
            .into_iter()
            .map(move |(what, v, class)| {
                let money = format_money(v, currency);
                Bar {
                    label: what.into(),
                    value: v as f64,
                    hint: format!("{}, show its projects in the register", pf.name),
                    text: money,
                    href: href.clone(),
                    class: class.into(),
                    group: Some(pf.name.clone()),
                }
            })
        })
        .collect();
    let priorities = top_priorities(ws, 8)
        .into_iter()
        .map(|(i, score, rank)| {
            let p = &ws.projects[i];
            Bar {
                label: truncate(&p.name, 24),
                value: score,
                text: format!("{score:.0} (rank {rank})"),
                href: Page::Project(p.id.clone()).href(),
                class: "priority".into(),
                hint: format!(
                    "{} {}, score {score:.0} of 100, open the project",
                    p.code, p.name
                ),
                group: None,
            }
        })
        .collect();
    ChartData {
        status,
        funnel,
        budget,
        priorities,
    }
}

/// At most `n` characters, with an ellipsis when cut.
fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        format!(
            "{}…",
            s.chars().take(n.saturating_sub(1)).collect::<String>()
        )
    }
}

#[component]
fn Charts() -> impl IntoView {
    let state = AppState::expect();
    let data = Memo::new(move |_| state.workspace.with(chart_data));
    move || {
        let d = data.get();
        view! {
            <div class="chart-grid">
                <section class="card" aria-labelledby="status-chart-title">
                    <h2 id="status-chart-title">"Projects by status"</h2>
                    <BarChart label="Projects by status".into() bars=d.status/>
                </section>
                <section class="card" aria-labelledby="funnel-chart-title">
                    <h2 id="funnel-chart-title">"Phase funnel"</h2>
                    <p class="chart-note">"Active projects in each lifecycle phase"</p>
                    <BarChart label="Active projects by lifecycle phase".into() bars=d.funnel funnel=true/>
                </section>
                <section class="card" aria-labelledby="budget-chart-title">
                    <h2 id="budget-chart-title">"Budget by portfolio"</h2>
                    <BarChart label="Planned, actual and forecast budget by portfolio".into() bars=d.budget/>
                </section>
                <section class="card" aria-labelledby="priority-chart-title">
                    <div class="card-head">
                        <h2 id="priority-chart-title">"Top priorities"</h2>
                        <a href=Page::Priorities.href()>"All priorities"</a>
                    </div>
                    {if d.priorities.is_empty() {
                        view! { <p class="muted">"No active project is scored against the strategic objectives yet."</p> }.into_any()
                    } else {
                        view! { <BarChart label="Top priorities by weighted score".into() bars=d.priorities wide_labels=true/> }.into_any()
                    }}
                </section>
            </div>
        }
    }
}
