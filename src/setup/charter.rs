//! The PMO charter as a printable page, built by `pmo_domain::setup::charter`.

use leptos::prelude::*;
use pmo_domain::org::svg::fit;
use pmo_domain::route::Page;
use pmo_domain::setup::{self, Block, UnitChart};

use crate::app::state::AppState;
use crate::ui::format::{is_are, plural};

fn block_view(b: Block) -> AnyView {
    match b {
        Block::Text(t) => view! { <p>{t}</p> }.into_any(),
        Block::Missing(t) => view! { <p class="charter-missing">{t}</p> }.into_any(),
        Block::List(items) => {
            view! { <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul> }
                .into_any()
        }
        Block::Tree(lines) => view! {
            <details class="charter-outline">
                <summary>"The organisation as a list"</summary>
                <ul class="charter-tree">
                    {lines.into_iter().map(|(depth, l)| {
                        let style = format!("--depth:{depth}");
                        view! { <li style=style>{l}</li> }
                    }).collect_view()}
                </ul>
            </details>
        }
        .into_any(),
        Block::Table { head, rows } => view! {
            <table class="charter-table">
                <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {rows.into_iter().map(|r| view! {
                        <tr>{r.into_iter().map(|c| view! { <td>{c}</td> }).collect_view()}</tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any(),
    }
}

/// The PMO's organisation chart, drawn from the org chart's layout.
fn chart_view(c: UnitChart, unit: String) -> impl IntoView {
    const PAD: f64 = 4.0;
    let (w, h) = (c.width + 2.0 * PAD, c.height + 2.0 * PAD);
    view! {
        <svg class="charter-chart" role="img" viewBox=format!("0 0 {w:.0} {h:.0}")
            width=format!("{w:.0}") height=format!("{h:.0}")>
            <title>{format!("Organisation chart of {unit}")}</title>
            <g transform=format!("translate({PAD} {PAD})")>
                {c.edges.into_iter().map(|d| view! { <path class="charter-edge" d=d/> }).collect_view()}
                {c.cards.into_iter().map(|k| {
                    let b = k.at;
                    view! {
                        <g class="charter-card" class:vacancy=k.vacancy>
                            <rect x=format!("{:.1}", b.left()) y=format!("{:.1}", b.y) width=format!("{:.1}", b.w) height=format!("{:.1}", b.h) rx="6"/>
                            <text class="charter-card-name" x=format!("{:.1}", b.left() + 10.0) y=format!("{:.1}", b.y + 19.0)>{fit(&k.name, 20)}</text>
                            <text class="charter-card-role" x=format!("{:.1}", b.left() + 10.0) y=format!("{:.1}", b.y + 36.0)>{fit(&k.role, 24)}</text>
                        </g>
                    }
                }).collect_view()}
            </g>
        </svg>
    }
}

#[component]
pub fn CharterPage() -> impl IntoView {
    let state = AppState::expect();
    let today = crate::ui::format::today();
    let charter = Memo::new(move |_| state.workspace.with(|ws| setup::charter(ws, today)));
    let chart = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let unit = ws.setup.as_ref()?.unit_id.clone()?;
            let name = ws.units.iter().find(|u| u.id == unit)?.name.clone();
            setup::unit_chart(ws, &unit).map(|c| (c, name))
        })
    });
    let export = move |_| {
        let c = charter.get_untracked();
        crate::app::download::save_file(&c.file_name(), "text/markdown", &c.to_markdown());
        state.say("Charter exported as Markdown");
    };
    let draft = move || {
        let m = charter.with(|c| c.missing.clone());
        (!m.is_empty()).then(|| {
            let n = m.len();
            view! {
                <div class="banner warn no-print" role="status">
                    <h2>{format!("Draft: {} {} still missing", plural(n, "decision", None), is_are(n))}</h2>
                    <ul>
                        {m.into_iter().take(8).map(|(s, what)| view! { <li>{format!("Step {s} ({}): {what}", setup::step_title(s))}</li> }).collect_view()}
                        {(n > 8).then(|| view! { <li>{format!("and {} more", n - 8)}</li> })}
                    </ul>
                    <p><a href=Page::Setup.href()>"Complete them in the set-up guide"</a></p>
                </div>
            }
        })
    };
    view! {
        <section class="page charter-page">
            <div class="page-head no-print">
                <h1 tabindex="-1">"PMO charter"</h1>
                <div class="actions">
                    <a class="button" href=Page::Setup.href()>"Back to the guide"</a>
                    <button type="button" on:click=export>"Export as Markdown"</button>
                    <button type="button" class="primary" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                </div>
            </div>
            {draft}
            <article class="charter card" aria-labelledby="charter-title">
                <header class="charter-head">
                    <p class="charter-org">{move || charter.with(|c| c.organisation.clone())}</p>
                    <h2 id="charter-title">{move || charter.with(|c| c.title.clone())}</h2>
                    <p class="muted">{format!("Printed {}", crate::ui::format::day(today))}</p>
                </header>
                {move || charter.get().sections.into_iter().map(|s| view! {
                    <section class="charter-section">
                        <h3>{s.heading}</h3>
                        {(s.heading == "Organisation").then(|| chart.get().map(|(c, unit)| chart_view(c, unit)))}
                        {s.blocks.into_iter().map(block_view).collect_view()}
                    </section>
                }).collect_view()}
                <footer class="charter-sign">
                    <div><span class="charter-line"></span>"Sponsor"</div>
                    <div><span class="charter-line"></span>"Head of the PMO"</div>
                </footer>
            </article>
        </section>
    }
}
