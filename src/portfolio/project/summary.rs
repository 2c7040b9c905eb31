//! The read view of a project: how it stands and why at the top of its page, and its details
//! as text until the user chooses to edit them.

use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::portfolio::charts::slip_words;
use pmo_domain::portfolio::{latest_update, spent_percent, trend};
use pmo_domain::{Project, Rag, Workspace};

use crate::ui::format::day;

fn rag_chip(label: &'static str, r: Rag) -> impl IntoView {
    let word = if r == Rag::NotSet {
        "not set"
    } else {
        r.label()
    };
    view! {
        <div class="glance-item">
            <dt>{label}</dt>
            <dd><span class=format!("rag rag-{}", r.slug())>{word}</span></dd>
        </div>
    }
}

fn person(ws: &Workspace, id: Option<&str>) -> String {
    id.and_then(|id| ws.person(id))
        .map_or_else(|| "—".into(), |p| p.name.clone())
}

/// Status, RAG, trend and the latest commentary: why the project stands where it does.
#[component]
pub(super) fn ProjectStatus(project: Memo<Option<Project>>) -> impl IntoView {
    move || {
        project.with(|p| {
            p.as_ref().map(|p| {
                let t = trend(p);
                let latest = latest_update(p).cloned();
                view! {
                    <section class="card project-status" aria-labelledby="status-title">
                        <h2 id="status-title">"How it stands"</h2>
                        <dl class="glance">
                            <div class="glance-item">
                                <dt>"Status"</dt>
                                <dd><span class=format!("status status-{}", p.status.slug())>{p.status.label()}</span></dd>
                            </div>
                            {rag_chip("Schedule", p.rag.schedule)}
                            {rag_chip("Cost", p.rag.cost)}
                            {rag_chip("Scope", p.rag.scope)}
                            <div class="glance-item">
                                <dt>"Trend"</dt>
                                <dd>{format!("{} {}", t.arrow(), t.label())}</dd>
                            </div>
                            <div class="glance-item">
                                <dt>"Complete"</dt>
                                <dd>{format!("{}%", p.percent_complete)}</dd>
                            </div>
                        </dl>
                        {match latest {
                            Some(u) => view! {
                                <blockquote class="latest-commentary">
                                    <p>{if u.commentary.trim().is_empty() { "No commentary.".to_string() } else { u.commentary.clone() }}</p>
                                    <footer class="muted">{format!("Latest status update, {}", day(u.date))}</footer>
                                </blockquote>
                            }.into_any(),
                            None => view! {
                                <p class="muted">"No status update yet: record the first one below."</p>
                            }.into_any(),
                        }}
                    </section>
                }
            })
        })
    }
}

/// The project's details as text.
#[component]
pub(super) fn ProjectDetails(project: Memo<Option<Project>>) -> impl IntoView {
    let state = crate::app::state::AppState::expect();
    move || {
        let p = project.get()?;
        Some(state.workspace.with(|ws| {
            let currency = ws.organisation.currency.clone();
            let money = move |v: i64| format_money(v, &currency);
            let managers = if p.managers.is_empty() {
                "—".to_string()
            } else {
                p.managers
                    .iter()
                    .map(|m| {
                        let name = person(ws, Some(&m.person_id));
                        if m.label.is_empty() {
                            name
                        } else {
                            format!("{name} ({})", m.label)
                        }
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let portfolio = ws
                .portfolio(&p.portfolio_id)
                .map_or_else(|| "—".into(), |x| x.name.clone());
            let programme = p
                .programme_id
                .as_deref()
                .and_then(|id| ws.programme(id))
                .map_or_else(|| "—".into(), |x| x.name.clone());
            let date = |d: Option<chrono::NaiveDate>| d.map_or_else(|| "—".into(), day);
            let end = match slip_words(&p) {
                Some(slip) => format!("{} ({slip})", date(p.end)),
                None => date(p.end),
            };
            let spent = spent_percent(p.budget.actual, p.budget.planned)
                .map_or_else(String::new, |s| format!(" ({s}% spent)"));
            let rows: Vec<(&str, String)> = vec![
                ("Code", p.code.clone()),
                ("Portfolio", portfolio),
                ("Programme", programme),
                ("Phase", p.phase.label().into()),
                ("Project managers", managers),
                ("Sponsor", person(ws, p.sponsor_id.as_deref())),
                ("PMO contact", person(ws, p.pmo_contact_id.as_deref())),
                ("Start", date(p.start)),
                ("End", end),
                ("Planned budget", money(p.budget.planned)),
                ("Actual cost", format!("{}{spent}", money(p.budget.actual))),
                ("Forecast", money(p.budget.forecast)),
            ];
            view! {
                <dl class="details-list">
                    {rows.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
                {(!p.description.trim().is_empty()).then(|| view! {
                    <p class="details-description">{p.description.clone()}</p>
                })}
            }
        }))
    }
}
