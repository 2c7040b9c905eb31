//! Portfolio: the register of projects.

use leptos::prelude::*;
use pmo_domain::route::{to_hash, Page};
use pmo_domain::Status;

use crate::components::demo_offer::DemoOffer;
use crate::state::AppState;

/// One row of the register, ready to show.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    code: String,
    name: String,
    portfolio: String,
    programme: String,
    phase: &'static str,
    status: Status,
    managers: String,
    end: String,
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    // Status filter from the address, e.g. `#/portfolio?status=at-risk,off-track`.
    let status_filter = Memo::new(move |_| {
        state.route.with(|r| {
            r.param("status")
                .map(|s| {
                    s.split(',')
                        .filter_map(|slug| Status::ALL.iter().copied().find(|st| st.slug() == slug))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
    });
    let rows = Memo::new(move |_| {
        let filter = status_filter.get();
        state.workspace.with(|ws| {
            ws.projects
                .iter()
                .filter(|p| !p.archived && (filter.is_empty() || filter.contains(&p.status)))
                .map(|p| Row {
                    id: p.id.clone(),
                    code: p.code.clone(),
                    name: p.name.clone(),
                    portfolio: ws
                        .portfolio(&p.portfolio_id)
                        .map(|x| x.name.clone())
                        .unwrap_or_default(),
                    programme: p
                        .programme_id
                        .as_deref()
                        .and_then(|id| ws.programme(id))
                        .map(|x| x.name.clone())
                        .unwrap_or_else(|| "—".into()),
                    phase: p.phase.label(),
                    status: p.status,
                    managers: p
                        .managers
                        .iter()
                        .map(|m| {
                            let name = ws
                                .person(&m.person_id)
                                .map(|x| x.name.clone())
                                .unwrap_or_default();
                            if m.label.is_empty() {
                                name
                            } else {
                                format!("{name} ({})", m.label)
                            }
                        })
                        .collect::<Vec<_>>()
                        .join(", "),
                    end: p
                        .end
                        .map(|d| d.format("%-d %b %Y").to_string())
                        .unwrap_or_default(),
                })
                .collect::<Vec<_>>()
        })
    });
    view! {
        <section class="page">
            <h1 tabindex="-1">"Portfolio"</h1>
            <p class="lede">
                "The register of every project with its portfolio, programme, lifecycle phase, status and project managers. "
                "Editing, sorting and filtering by any column, roll-ups, prioritisation against strategic objectives and CSV "
                "import and export build on this register."
            </p>
            {move || if has_data.get() {
                let filter = status_filter.get();
                let rows = rows.get();
                let count = rows.len();
                view! {
                    {(!filter.is_empty()).then(|| view! {
                        <p class="filter-note">
                            {format!(
                                "Showing projects that are {}. ",
                                filter.iter().map(|s| s.label().to_lowercase()).collect::<Vec<_>>().join(" or "),
                            )}
                            <a href=to_hash(&Page::Portfolio, &[])>"Show all projects"</a>
                        </p>
                    })}
                    <div class="table-wrap">
                        <table class="register">
                            <caption>{format!("{count} project{}", if count == 1 { "" } else { "s" })}</caption>
                            <thead>
                                <tr>
                                    <th scope="col">"Code"</th>
                                    <th scope="col">"Project"</th>
                                    <th scope="col">"Portfolio"</th>
                                    <th scope="col">"Programme"</th>
                                    <th scope="col">"Phase"</th>
                                    <th scope="col">"Status"</th>
                                    <th scope="col">"Project manager"</th>
                                    <th scope="col">"End"</th>
                                </tr>
                            </thead>
                            <tbody>
                                <For each=move || rows.clone() key=|r| r.id.clone() let:r>
                                    <tr>
                                        <td class="mono">{r.code}</td>
                                        <th scope="row">{r.name}</th>
                                        <td>{r.portfolio}</td>
                                        <td>{r.programme}</td>
                                        <td>{r.phase}</td>
                                        <td><span class=format!("status status-{}", r.status.slug())>{r.status.label()}</span></td>
                                        <td>{r.managers}</td>
                                        <td class="nowrap">{r.end}</td>
                                    </tr>
                                </For>
                            </tbody>
                        </table>
                    </div>
                }
                .into_any()
            } else {
                view! {
                    <DemoOffer what="Once there are projects, this page lists them with portfolio, programme, phase, status and project managers."/>
                }
                .into_any()
            }}
        </section>
    }
}
