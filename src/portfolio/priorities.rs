//! Prioritisation: active projects ranked by their weighted score against the strategic
//! objectives, with a value-versus-effort bubble chart (bubble size = highest open risk).

use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::portfolio::charts::{
    bubble_chart, bubble_radius, compact_amount, nice_ticks, Quadrant,
};
use pmo_domain::portfolio::{Column, Query};
use pmo_domain::route::{to_hash, Page};

use crate::app::state::AppState;
use crate::portfolio::objectives::ObjectivesEditor;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::views::{PortfolioPicker, PortfolioViews};
use pmo_domain::route::portfolio_hash;

/// Bubbles drawn at most; the table and the register hold the rest.
const MAX_BUBBLES: usize = 300;
/// Rows of the ranking table.
const MAX_ROWS: usize = 100;

const W: f64 = 640.0;
const H: f64 = 380.0;
const LEFT: f64 = 56.0;
const RIGHT: f64 = 20.0;
/// Room above and below the plot: the quadrant names sit there, where no bubble can cover
/// them.
const TOP: f64 = 44.0;
const BOTTOM: f64 = 66.0;

#[derive(Clone, PartialEq)]
struct Dot {
    href: String,
    cx: f64,
    cy: f64,
    r: f64,
    class: String,
    label: String,
    rank: usize,
}

#[derive(Clone, PartialEq)]
struct RankRow {
    href: String,
    rank: usize,
    code: String,
    name: String,
    score: String,
    budget: String,
    /// The top open risk in words, with its exposure.
    risk: String,
    quadrant: &'static str,
}

#[derive(Clone, PartialEq)]
struct Chart {
    dots: Vec<Dot>,
    rows: Vec<RankRow>,
    x_ticks: Vec<(f64, String)>,
    y_ticks: Vec<(f64, String)>,
    split_x: f64,
    split_y: f64,
    total: usize,
}

fn build(ws: &pmo_domain::Workspace, portfolio: Option<&str>) -> Chart {
    let chart = bubble_chart(ws, |p| portfolio.is_none_or(|id| p.portfolio_id == id));
    let x_max = nice_ticks(chart.max_effort as f64, 6);
    let top = x_max.last().copied().unwrap_or(1.0).max(1.0);
    let px = |effort: f64| LEFT + effort / top * (W - LEFT - RIGHT);
    let py = |value: f64| TOP + (1.0 - value / 100.0) * (H - TOP - BOTTOM);
    let currency = ws.organisation.currency.as_str();
    let dots = chart
        .bubbles
        .iter()
        .take(MAX_BUBBLES)
        .rev() // best ranked drawn last, on top
        .map(|b| {
            let p = &ws.projects[b.project];
            Dot {
                href: Page::Project(p.id.clone()).href(),
                cx: px(b.effort as f64),
                cy: py(b.value),
                r: bubble_radius(b.risk),
                class: format!("bubble q-{}", b.quadrant.slug()),
                label: format!(
                    "Rank {}: {} {}. Score {:.0}, planned {}, top open risk {}. {}",
                    b.rank,
                    p.code,
                    p.name,
                    b.value,
                    format_money(b.effort, currency),
                    pmo_domain::portfolio::charts::top_open_risk_text(p),
                    b.quadrant.label()
                ),
                rank: b.rank,
            }
        })
        .collect();
    let rows = chart
        .bubbles
        .iter()
        .take(MAX_ROWS)
        .map(|b| {
            let p = &ws.projects[b.project];
            RankRow {
                href: Page::Project(p.id.clone()).href(),
                rank: b.rank,
                code: p.code.clone(),
                name: p.name.clone(),
                score: format!("{:.1}", b.value),
                budget: format_money(b.effort, currency),
                risk: pmo_domain::portfolio::charts::top_open_risk_text(p),
                quadrant: b.quadrant.label(),
            }
        })
        .collect();
    Chart {
        dots,
        rows,
        x_ticks: x_max
            .iter()
            .map(|t| (px(*t), compact_amount(*t as i64)))
            .collect(),
        y_ticks: [0.0, 25.0, 50.0, 75.0, 100.0]
            .iter()
            .map(|v| (py(*v), format!("{v:.0}")))
            .collect(),
        split_x: px(chart.effort_split as f64),
        split_y: py(chart.value_split),
        total: chart.bubbles.len(),
    }
}

#[component]
pub fn PrioritiesPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let portfolio = Memo::new(move |_| {
        state
            .route
            .with(|r| r.param("portfolio").map(str::to_string))
    });
    let chart = Memo::new(move |_| {
        let pf = portfolio.get();
        state.workspace.with(|ws| build(ws, pf.as_deref()))
    });
    let by_priority = portfolio_hash(&Query {
        sort: Column::Priority,
        descending: true,
        ..Query::default()
    });
    view! {
        <section class="page">
            <div class="page-head">
                <h1 tabindex="-1">"Priorities"</h1>
            </div>
            <PortfolioViews current=Page::Priorities/>
            <p class="lede">
                "Active projects ranked by their weighted score against the strategic objectives. The chart sets "
                "value (the score) against effort (the planned budget); the bigger the bubble, the bigger its worst open risk."
            </p>
            {move || if has_data.get() {
                view! {
                    <div class="toolbar">
                        <PortfolioPicker
                            id="priorities-portfolio"
                            chosen=portfolio.into()
                            on_pick=Callback::new(move |pf: Option<String>| {
                                let q: Vec<(&str, &str)> = pf.iter().map(|v| ("portfolio", v.as_str())).collect();
                                crate::app::navigate(&to_hash(&Page::Priorities, &q), true);
                            })
                        />
                        <a href=by_priority.clone()>"Open the register sorted by priority"</a>
                    </div>
                    <BubbleChart chart/>
                    <RankTable chart/>
                    <ObjectivesEditor/>
                }
                .into_any()
            } else {
                view! { <DemoOffer what="Once projects are scored against strategic objectives, this page ranks them and plots value against effort." next="Add projects, then score each against your strategic objectives on its page." action=("Add a project", pmo_domain::route::Page::NewProject)/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn BubbleChart(chart: Memo<Chart>) -> impl IntoView {
    move || {
        let c = chart.get();
        if c.total == 0 {
            return view! { <p class="card muted">"No active project to rank."</p> }.into_any();
        }
        let plot_bottom = H - BOTTOM;
        let plot_right = W - RIGHT;
        let shown = c.dots.len();
        let note = if shown < c.total {
            format!(
                "The chart shows the {shown} highest-ranked of {} projects.",
                c.total
            )
        } else {
            format!("{} projects.", c.total)
        };
        // Outside the plot, above the top corners and below the axis's figures.
        let quadrants = [
            (Quadrant::QuickWin, LEFT, TOP - 20.0, "start"),
            (Quadrant::MajorProject, plot_right, TOP - 20.0, "end"),
            (Quadrant::FillIn, LEFT, plot_bottom + 36.0, "start"),
            (Quadrant::Reconsider, plot_right, plot_bottom + 36.0, "end"),
        ];
        view! {
            <section class="card" aria-labelledby="bubble-title">
                <h2 id="bubble-title">"Value versus effort"</h2>
                <p class="chart-note">{note}" Each bubble opens its project; the table below lists the same ranking."</p>
                <svg class="chart bubbles" role="group" aria-label="Value versus effort bubble chart" viewBox=format!("0 0 {W} {H}")>
                    <g class="axis">
                        {c.y_ticks.iter().map(|(y, t)| view! {
                            <g>
                                <line class="grid" x1=LEFT x2=plot_right y1=*y y2=*y></line>
                                <text x={LEFT - 8.0} y={y + 4.0} text-anchor="end">{t.clone()}</text>
                            </g>
                        }).collect_view()}
                        {c.x_ticks.iter().map(|(x, t)| view! {
                            <g>
                                <line class="grid" x1=*x x2=*x y1=TOP y2=plot_bottom></line>
                                <text x=*x y={plot_bottom + 16.0} text-anchor="middle">{t.clone()}</text>
                            </g>
                        }).collect_view()}
                        <text class="axis-title" x={(LEFT + plot_right) / 2.0} y={H - 6.0} text-anchor="middle">"Effort: planned budget →"</text>
                        <text class="axis-title" x="14" y={(TOP + plot_bottom) / 2.0} text-anchor="middle" transform=format!("rotate(-90 14 {})", (TOP + plot_bottom) / 2.0)>"Value: priority score →"</text>
                    </g>
                    <line class="split" x1=c.split_x x2=c.split_x y1=TOP y2=plot_bottom></line>
                    <line class="split" x1=LEFT x2=plot_right y1=c.split_y y2=c.split_y></line>
                    {quadrants.into_iter().map(|(q, x, y, anchor)| view! {
                        <text class="quadrant" x=x y=y text-anchor=anchor>{q.label()}</text>
                    }).collect_view()}
                    {c.dots.into_iter().map(|d| {
                        let show_rank = d.rank <= 10;
                        let label = d.label.clone();
                        view! {
                            <g>
                                <title>{d.label}</title>
                                <g>
                                    <a href=d.href aria-label=label>
                                        <circle class=d.class cx=d.cx cy=d.cy r=d.r></circle>
                                        {show_rank.then(|| view! { <text class="bubble-rank" x=d.cx y={d.cy + 4.0} text-anchor="middle">{d.rank}</text> })}
                                    </a>
                                </g>
                            </g>
                        }
                    }).collect_view()}
                </svg>
            </section>
        }
        .into_any()
    }
}

#[component]
fn RankTable(chart: Memo<Chart>) -> impl IntoView {
    move || {
        let c = chart.get();
        let more = c.total.saturating_sub(c.rows.len());
        view! {
            <section class="card" aria-labelledby="ranking-title">
                <h2 id="ranking-title">"Ranking"</h2>
                <div class="table-wrap flat">
                    <table class="register">
                        <caption class="sr-only">"Active projects by weighted priority score"</caption>
                        <thead>
                            <tr>
                                <th scope="col" class="num">"Rank"</th>
                                <th scope="col">"Code"</th>
                                <th scope="col">"Project"</th>
                                <th scope="col" class="num">"Score"</th>
                                <th scope="col" class="num">"Planned budget"</th>
                                <th scope="col">"Top open risk (probability × impact)"</th>
                                <th scope="col">"Quadrant"</th>
                            </tr>
                        </thead>
                        <tbody>
                            {c.rows.into_iter().map(|r| view! {
                                <tr>
                                    <td class="num">{r.rank}</td>
                                    <td class="mono nowrap">{r.code}</td>
                                    <th scope="row"><a href=r.href>{r.name}</a></th>
                                    <td class="num">{r.score}</td>
                                    <td class="num">{r.budget}</td>
                                    <td>{r.risk}</td>
                                    <td>{r.quadrant}</td>
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
                {(more > 0).then(|| view! { <p class="muted">{format!("{more} more; the register sorted by priority lists them all.")}</p> })}
            </section>
        }
    }
}
