//! Roadmap: projects on a timeline, grouped by portfolio and programme, with their phases,
//! milestones, baseline against current end, and a line for today. Zoom by quarter, year or
//! three years; the view lives in the address.

use leptos::prelude::*;
use pmo_domain::portfolio::charts::{phase_spans, roadmap_groups, slip_days, Window, Zoom};
use pmo_domain::portfolio::report::Month;
use pmo_domain::route::{to_hash, Page};
use pmo_domain::{Phase, Status};

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::format::{day, plural};
use crate::ui::views::{PortfolioPicker, PortfolioViews};

/// Rows drawn at most; narrow by portfolio to see the rest.
const MAX_ROWS: usize = 400;

#[derive(Clone, PartialEq)]
struct View {
    zoom: Zoom,
    from: Option<Month>,
    portfolio: Option<String>,
}

impl View {
    fn hash(&self) -> String {
        let mut q: Vec<(&str, String)> = vec![("zoom", self.zoom.slug().into())];
        if let Some(m) = self.from {
            q.push(("from", m.slug()));
        }
        if let Some(p) = &self.portfolio {
            q.push(("portfolio", p.clone()));
        }
        let borrowed: Vec<(&str, &str)> = q.iter().map(|(k, v)| (*k, v.as_str())).collect();
        to_hash(&Page::Roadmap, &borrowed)
    }

    fn window(&self, today: chrono::NaiveDate) -> Window {
        match self.from {
            Some(m) => Window::starting(self.zoom, m.first()),
            None => Window::rolling(self.zoom, today),
        }
    }
}

fn pct(x: f64) -> String {
    format!("{:.3}%", x.clamp(0.0, 1.0) * 100.0)
}

#[derive(Clone, PartialEq)]
struct Segment {
    class: String,
    left: String,
    width: String,
    title: String,
}

#[derive(Clone, PartialEq)]
struct Row {
    href: String,
    code: String,
    name: String,
    segments: Vec<Segment>,
    /// Milestones: (left, title, reached).
    milestones: Vec<(String, String, bool)>,
    baseline: Option<(String, String)>,
    summary: String,
}

#[derive(Clone, PartialEq)]
struct Group {
    title: String,
    rows: Vec<Row>,
}

#[derive(Clone, PartialEq)]
struct Layout {
    title: String,
    ticks: Vec<(String, String)>,
    /// Today's position as a fraction of the window (a unitless CSS number).
    today: Option<String>,
    groups: Vec<Group>,
    shown: usize,
    total: usize,
}

fn build(ws: &pmo_domain::Workspace, view: &View, today: chrono::NaiveDate) -> Layout {
    let w = view.window(today);
    let candidates: Vec<usize> = ws
        .projects
        .iter()
        .enumerate()
        .filter(|(_, p)| !p.archived)
        .filter(|(_, p)| {
            view.portfolio
                .as_deref()
                .is_none_or(|id| p.portfolio_id == id)
        })
        .map(|(i, _)| i)
        .collect();
    let groups = roadmap_groups(ws, &candidates, &w);
    let total: usize = groups.iter().map(|g| g.projects.len()).sum();
    let mut shown = 0;
    let mut out = Vec::new();
    for g in groups {
        if shown >= MAX_ROWS {
            break;
        }
        let pf = &ws.portfolios[g.portfolio].name;
        let title = match g.programme {
            Some(pg) => format!("{pf} › {}", ws.programmes[pg].name),
            None => format!("{pf} › projects outside a programme"),
        };
        let rows: Vec<Row> = g
            .projects
            .iter()
            .take(MAX_ROWS - shown)
            .map(|&i| row(ws, i, &w))
            .collect();
        shown += rows.len();
        out.push(Group { title, rows });
    }
    Layout {
        title: w.title(),
        ticks: w
            .ticks()
            .into_iter()
            .map(|(d, label)| (pct(w.x(d)), label))
            .collect(),
        today: w.contains(today).then(|| format!("{:.5}", w.x(today))),
        groups: out,
        shown,
        total,
    }
}

fn row(ws: &pmo_domain::Workspace, i: usize, w: &Window) -> Row {
    let p = &ws.projects[i];
    let clip = |a: chrono::NaiveDate, b: chrono::NaiveDate| {
        let (x0, x1) = (w.x(a).clamp(0.0, 1.0), w.x(b).clamp(0.0, 1.0));
        (pct(x0), pct(x1 - x0))
    };
    // The bar is coloured by the project's status; each phase is a band along its foot, and
    // the phases still ahead are paler.
    let mut segments: Vec<Segment> = phase_spans(p)
        .into_iter()
        .filter(|s| w.overlaps(s.from, s.to))
        .map(|s| {
            let (left, width) = clip(s.from, s.to);
            let when = match s.phase.cmp(&p.phase) {
                std::cmp::Ordering::Equal => " current",
                std::cmp::Ordering::Greater => " ahead",
                std::cmp::Ordering::Less => "",
            };
            Segment {
                class: format!(
                    "rm-phase phase-{} st-{}{when}",
                    s.phase.slug(),
                    p.status.slug()
                ),
                left,
                width,
                title: format!("{}: {} – {}", s.phase.label(), day(s.from), day(s.to)),
            }
        })
        .collect();
    let slip = slip_days(p);
    if let (Some(base), Some(end), Some(days)) = (p.baseline_end, p.end, slip) {
        if days > 0 && w.overlaps(base, end) {
            let (left, width) = clip(base, end);
            segments.push(Segment {
                class: "rm-slip".into(),
                left,
                width,
                title: format!("{days} days after the baseline end ({})", day(base)),
            });
        }
    }
    let baseline = p
        .baseline_end
        .filter(|b| w.contains(*b))
        .map(|b| (pct(w.x(b)), format!("Baseline end {}", day(b))));
    let milestones = p
        .milestones
        .iter()
        .filter(|m| w.contains(m.due))
        .map(|m| {
            let state = match m.done {
                Some(d) => format!("reached {}", day(d)),
                None => "open".into(),
            };
            (
                pct(w.x(m.due)),
                format!("Milestone {}: due {}, {state}", m.name, day(m.due)),
                m.done.is_some(),
            )
        })
        .collect();
    let dates = match (p.start, p.end) {
        (Some(s), Some(e)) => format!("{} to {}", day(s), day(e)),
        _ => String::new(),
    };
    let slip_text = match slip {
        Some(d) if d > 0 => format!(", {d} days behind baseline"),
        Some(d) if d < 0 => format!(", {} days ahead of baseline", -d),
        _ => String::new(),
    };
    Row {
        href: Page::Project(p.id.clone()).href(),
        code: p.code.clone(),
        name: p.name.clone(),
        summary: format!(
            "{dates}; {} phase; {}; {} milestones{slip_text}",
            p.phase.label().to_lowercase(),
            p.status.label().to_lowercase(),
            p.milestones.len()
        ),
        segments,
        milestones,
        baseline,
    }
}

#[component]
pub fn RoadmapPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let view_state = Memo::new(move |_| {
        state.route.with(|r| View {
            zoom: r
                .param("zoom")
                .and_then(Zoom::from_slug)
                .unwrap_or(Zoom::Year),
            from: r.param("from").and_then(Month::parse),
            portfolio: r
                .param("portfolio")
                .filter(|s| !s.is_empty())
                .map(str::to_string),
        })
    });
    let today = chrono::Local::now().date_naive();
    let layout = Memo::new(move |_| {
        let v = view_state.get();
        state.workspace.with(|ws| build(ws, &v, today))
    });
    let go = move |f: &dyn Fn(&mut View)| {
        let mut v = view_state.get_untracked();
        f(&mut v);
        crate::app::navigate(&v.hash(), true);
    };
    let shift = move |steps: i32| {
        go(&|v: &mut View| {
            let w = v.window(today).shifted(steps);
            v.from = Some(Month::containing(w.start));
        })
    };
    let unit = move || match view_state.get().zoom {
        Zoom::Quarter => "quarter",
        Zoom::Year => "year",
        Zoom::ThreeYears => "three years",
    };

    view! {
        <section class="page">
            <div class="page-head">
                <h1 tabindex="-1">"Roadmap"</h1>
            </div>
            <PortfolioViews current=Page::Roadmap/>
            {move || if has_data.get() {
                view! {
                    <div class="toolbar roadmap-tools">
                        <div class="segmented" role="group" aria-label="Zoom">
                            {Zoom::ALL.into_iter().map(|z| view! {
                                <button
                                    aria-pressed=move || (view_state.get().zoom == z).to_string()
                                    on:click=move |_| go(&|v: &mut View| v.zoom = z)
                                >{z.label()}</button>
                            }).collect_view()}
                        </div>
                        <div class="segmented" role="group" aria-label="Move in time">
                            <button on:click=move |_| shift(-1) aria-label=move || format!("Previous {}", unit())>"←"</button>
                            <button on:click=move |_| go(&|v: &mut View| v.from = None)>"Today"</button>
                            <button on:click=move |_| shift(1) aria-label=move || format!("Next {}", unit())>"→"</button>
                        </div>
                        <PortfolioPicker
                            id="roadmap-portfolio"
                            chosen=Signal::derive(move || view_state.with(|v| v.portfolio.clone()))
                            on_pick=Callback::new(move |pf: Option<String>| go(&|v: &mut View| v.portfolio = pf.clone()))
                        />
                    </div>
                    <Legend/>
                    <Timeline layout/>
                }
                .into_any()
            } else {
                view! { <DemoOffer what="Once projects have dates, this page draws them on a timeline by portfolio and programme." next="Add projects with their start and end dates." action=("Add a project", pmo_domain::route::Page::NewProject)/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Legend() -> impl IntoView {
    view! {
        <ul class="legend" aria-label="Legend">
            {[Status::OnTrack, Status::AtRisk, Status::OffTrack, Status::NotStarted, Status::Finished].map(|st| view! {
                <li><span class=format!("swatch rm-status st-{}", st.slug())></span>{st.label()}</li>
            }).collect_view()}
            {Phase::ALL.iter().map(|ph| view! {
                <li><span class=format!("swatch rm-band phase-{}", ph.slug())></span>{format!("{} (band)", ph.label())}</li>
            }).collect_view()}
            <li><span class="swatch rm-slip"></span>"Later than baseline"</li>
            <li><span class="swatch-mark">"◆"</span>"Milestone (hollow: open)"</li>
            <li><span class="swatch-mark baseline">"┆"</span>"Baseline end"</li>
            <li><span class="swatch-mark today">"│"</span>"Today"</li>
        </ul>
    }
}

#[component]
fn Timeline(layout: Memo<Layout>) -> impl IntoView {
    move || {
        let l = layout.get();
        let note = if l.total == 0 {
            "No project with dates falls in this period.".to_string()
        } else if l.shown < l.total {
            format!(
                "Showing {} of {} projects; choose a portfolio to see the rest.",
                l.shown, l.total
            )
        } else {
            plural(l.total, "project", None)
        };
        view! {
            <section class="card roadmap" aria-labelledby="roadmap-title">
                <div class="card-head">
                    <h2 id="roadmap-title">{l.title.clone()}</h2>
                    <p class="muted" role="status">{note}</p>
                </div>
                <div class="rm-body">
                    <div class="rm-scale" aria-hidden="true">
                        <span class="rm-label"></span>
                        <span class="rm-track">
                            {l.ticks.into_iter().map(|(left, label)| view! {
                                <span class="rm-tick" style=format!("left:{left}")>{label}</span>
                            }).collect_view()}
                        </span>
                    </div>
                    {l.today.map(|x| view! {
                        <div class="rm-today" style=format!("--x:{x}") title="Today" aria-hidden="true"></div>
                    })}
                    {l.groups.into_iter().map(|g| view! {
                        <h3 class="rm-group">{g.title}</h3>
                        <ul class="rm-rows">
                            {g.rows.into_iter().map(|r| {
                                let full = format!("{} {}", r.code, r.name);
                                view! {
                                <li class="rm-row">
                                    <a class="rm-label" href=r.href title=full>
                                        <span class="mono">{r.code}</span>" "{r.name}
                                    </a>
                                    <span class="rm-track">
                                        <span class="sr-only">{r.summary}</span>
                                        {r.segments.into_iter().map(|s| view! {
                                            <span class=s.class style=format!("left:{};width:{}", s.left, s.width) title=s.title></span>
                                        }).collect_view()}
                                        {r.baseline.map(|(left, title)| view! {
                                            <span class="rm-baseline" style=format!("left:{left}") title=title></span>
                                        })}
                                        {r.milestones.into_iter().map(|(left, title, done)| view! {
                                            <span class=if done { "rm-milestone done" } else { "rm-milestone" } style=format!("left:{left}") title=title aria-hidden="true">"◆"</span>
                                        }).collect_view()}
                                    </span>
                                </li>
                            }}).collect_view()}
                        </ul>
                    }).collect_view()}
                </div>
            </section>
        }
    }
}
