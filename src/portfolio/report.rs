//! The monthly PMO report for a chosen month, laid out to be printed (or saved as PDF from the
//! print dialog) and sent to a steering committee as it is.

use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::portfolio::report::{monthly_report, Due, Month, MonthlyReport};
use pmo_domain::portfolio::spent_percent;
use pmo_domain::route::{to_hash, Page};
use pmo_domain::Workspace;

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::format::day;
use crate::ui::views::PortfolioViews;

/// "% spent" as the rest of the app shows it (see [`spent_percent`]), or a dash without a budget.
fn spent(actual: i64, planned: i64) -> String {
    spent_percent(actual, planned).map_or_else(|| "—".into(), |p| format!("{p}%"))
}

fn go_month(m: Month) {
    crate::app::navigate(&to_hash(&Page::Report, &[("month", &m.slug())]), true);
}

#[component]
pub fn ReportPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let today = chrono::Local::now().date_naive();
    let month = Memo::new(move |_| {
        state.route.with(|r| {
            r.param("month")
                .and_then(Month::parse)
                .unwrap_or(Month::containing(today))
        })
    });
    let report = Memo::new(move |_| {
        let m = month.get();
        state.workspace.with(|ws| monthly_report(ws, m, today))
    });
    view! {
        <section class="page report-page">
            <div class="page-head no-print">
                <h1 tabindex="-1">"Monthly PMO report"</h1>
                <div class="actions">
                    <button class="primary" on:click=move |_| {
                        if let Err(e) = window().print() {
                            leptos::logging::warn!("print failed: {e:?}");
                        }
                    }>"Print report"</button>
                </div>
            </div>
            <div class="no-print">
                <PortfolioViews current=Page::Report/>
            </div>
            {move || if has_data.get() {
                view! {
                    <div class="toolbar no-print">
                        <div class="segmented" role="group" aria-label="Month">
                            <button on:click=move |_| go_month(month.get_untracked().prev())>"← Previous month"</button>
                            <button on:click=move |_| go_month(month.get_untracked().next())>"Next month →"</button>
                        </div>
                        <span class="inline-field">
                            <label for="report-month">"Report month"</label>
                            <input
                                id="report-month"
                                type="month"
                                prop:value=move || month.get().slug()
                                on:change=move |ev| {
                                    if let Some(m) = Month::parse(&event_target_value(&ev)) {
                                        go_month(m);
                                    }
                                }
                            />
                        </span>
                        <span class="muted">"Use the browser's print dialog to save it as PDF."</span>
                    </div>
                    <Report report today/>
                }
                .into_any()
            } else {
                view! { <DemoOffer what="Once there are projects with status updates, this page writes the monthly report for the steering committee."/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Report(report: Memo<MonthlyReport>, today: chrono::NaiveDate) -> impl IntoView {
    let state = AppState::expect();
    move || {
        let r = report.get();
        state.workspace.with(|ws| render(ws, &r, today))
    }
}

fn project_link(ws: &Workspace, i: usize) -> impl IntoView {
    let p = &ws.projects[i];
    view! {
        <a href=Page::Project(p.id.clone()).href()>{p.name.clone()}</a>
        " "<span class="mono muted nowrap">{p.code.clone()}</span>
    }
}

fn person(ws: &Workspace, id: Option<&str>) -> String {
    id.and_then(|id| ws.people.iter().find(|p| p.id == id))
        .map(|p| p.name.clone())
        .unwrap_or_else(|| "—".into())
}

fn render(ws: &Workspace, r: &MonthlyReport, today: chrono::NaiveDate) -> AnyView {
    let s = &r.summary;
    let currency = ws.organisation.currency.as_str();
    let money = |v: i64| format_money(v, currency);
    let next = r.month.next().label();
    let summary = [
        ("Projects reported on", s.projects),
        ("Active", s.active),
        ("At risk", s.at_risk),
        ("Off track", s.off_track),
        ("Started this month", s.started),
        ("Finished this month", s.finished),
        ("No status report yet", s.not_reported),
    ];
    view! {
        <article class="report" aria-labelledby="report-title">
            <header class="report-head">
                <p class="report-org">{ws.organisation.name.clone()}" · "{ws.organisation.pmo_type.label()}" PMO"</p>
                <h2 id="report-title">{format!("PMO report — {}", r.month.label())}</h2>
                <p class="muted">{format!("Prepared {} · status as at {}", day(today), day(r.month.last().min(today)))}</p>
            </header>

            <section aria-labelledby="r-summary">
                <h3 id="r-summary">"Summary"</h3>
                <dl class="report-figures">
                    {summary.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
                </dl>
            </section>

            <section aria-labelledby="r-budget">
                <h3 id="r-budget">"Budget position"</h3>
                <table class="report-table">
                    <thead><tr>
                        <th scope="col">"Portfolio"</th>
                        <th scope="col" class="num">"Planned"</th>
                        <th scope="col" class="num">"Actual"</th>
                        <th scope="col" class="num">"Spent"</th>
                        <th scope="col" class="num">"Forecast"</th>
                        <th scope="col" class="num">"Forecast − plan"</th>
                    </tr></thead>
                    <tbody>
                        {r.budget.iter().map(|b| view! {
                            <tr>
                                <th scope="row">{ws.portfolios[b.portfolio].name.clone()}</th>
                                <td class="num">{money(b.planned)}</td>
                                <td class="num">{money(b.actual)}</td>
                                <td class="num">{spent(b.actual, b.planned)}</td>
                                <td class="num">{money(b.forecast)}</td>
                                <td class="num">{money(b.forecast - b.planned)}</td>
                            </tr>
                        }).collect_view()}
                    </tbody>
                    <tfoot><tr>
                        <th scope="row">"Total"</th>
                        <td class="num">{money(r.planned)}</td>
                        <td class="num">{money(r.actual)}</td>
                        <td class="num">{spent(r.actual, r.planned)}</td>
                        <td class="num">{money(r.forecast)}</td>
                        <td class="num">{money(r.forecast - r.planned)}</td>
                    </tr></tfoot>
                </table>
                {if r.overruns.is_empty() {
                    view! { <p>"No project forecasts more than its planned budget."</p> }.into_any()
                } else {
                    view! {
                        <p>"Largest forecast overruns:"</p>
                        <ul class="plain">
                            {r.overruns.iter().map(|(i, over)| view! {
                                <li>{project_link(ws, *i)}{format!(" — {} over plan", money(*over))}</li>
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="r-changes">
                <h3 id="r-changes">{format!("Status changes since the end of {}", r.month.prev().label())}</h3>
                {if r.changes.is_empty() {
                    view! { <p>"No project changed status."</p> }.into_any()
                } else {
                    view! {
                        <table class="report-table">
                            <thead><tr>
                                <th scope="col">"Project"</th>
                                <th scope="col">"From"</th>
                                <th scope="col">"To"</th>
                                <th scope="col">"Reported"</th>
                            </tr></thead>
                            <tbody>
                                {r.changes.iter().map(|c| view! {
                                    <tr class:worse=c.is_worse()>
                                        <td>{project_link(ws, c.project)}</td>
                                        <td>{c.from.map_or("No report".to_string(), |f| f.label().to_string())}</td>
                                        <td>
                                            <span class=format!("status status-{}", c.to.slug())>{c.to.label()}</span>
                                            {c.is_worse().then_some(" (worse)")}
                                        </td>
                                        <td class="nowrap">{c.date.map(day).unwrap_or_else(|| "—".into())}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="r-status">
                <h3 id="r-status">"Projects by status"</h3>
                {r.by_status.iter().map(|(status, lines)| view! {
                    <h4>{format!("{} ({})", status.label(), lines.len())}</h4>
                    <table class="report-table by-status">
                        <thead><tr>
                            <th scope="col">"Project"</th>
                            <th scope="col">"Project manager"</th>
                            <th scope="col">"Phase"</th>
                            <th scope="col">"Latest commentary"</th>
                        </tr></thead>
                        <tbody>
                            {lines.iter().map(|l| {
                                let p = &ws.projects[l.project];
                                let pm = p.managers.first().map(|m| person(ws, Some(&m.person_id))).unwrap_or_else(|| "—".into());
                                let comment = match &l.latest {
                                    Some((d, text)) if !text.is_empty() => format!("{} — {text}", day(*d)),
                                    Some((d, _)) => format!("{} — no commentary", day(*d)),
                                    None => "No status update yet".into(),
                                };
                                view! {
                                    <tr>
                                        <td>{project_link(ws, l.project)}</td>
                                        <td>{pm}</td>
                                        <td>{p.phase.label()}</td>
                                        <td>{comment}</td>
                                    </tr>
                                }
                            }).collect_view()}
                        </tbody>
                    </table>
                }).collect_view()}
            </section>

            <section aria-labelledby="r-due">
                <h3 id="r-due">{format!("Gates and milestones due in {next}")}</h3>
                {if r.due_next_month.is_empty() {
                    view! { <p>{format!("Nothing is due in {next}.")}</p> }.into_any()
                } else {
                    view! {
                        <table class="report-table">
                            <thead><tr>
                                <th scope="col">"Date"</th>
                                <th scope="col">"Project"</th>
                                <th scope="col">"Due"</th>
                            </tr></thead>
                            <tbody>
                                {r.due_next_month.iter().map(|d| view! {
                                    <tr>
                                        <td class="nowrap">{day(d.date)}</td>
                                        <td>{project_link(ws, d.project)}</td>
                                        <td>{match &d.what {
                                            Due::Gate(ph) => format!("{} gate", ph.label()),
                                            Due::Milestone(name) => format!("Milestone: {name}"),
                                        }}</td>
                                    </tr>
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>

            <section aria-labelledby="r-risks">
                <h3 id="r-risks">"Top risks and issues"</h3>
                {if r.top_risks.is_empty() {
                    view! { <p>"No open risks or issues on active projects."</p> }.into_any()
                } else {
                    view! {
                        <table class="report-table">
                            <thead><tr>
                                <th scope="col" class="num">"Exposure"</th>
                                <th scope="col">"Risk or issue"</th>
                                <th scope="col">"Project"</th>
                                <th scope="col">"Owner"</th>
                                <th scope="col">"Status"</th>
                            </tr></thead>
                            <tbody>
                                {r.top_risks.iter().map(|t| {
                                    let risk = &ws.projects[t.project].risks[t.risk];
                                    view! {
                                        <tr>
                                            <td class="num">{format!("{} ({}×{})", t.exposure, risk.probability, risk.impact)}</td>
                                            <td>{format!("{}: {}", risk.kind.label(), risk.title)}</td>
                                            <td>{project_link(ws, t.project)}</td>
                                            <td>{person(ws, risk.owner_id.as_deref())}</td>
                                            <td>{risk.status.label()}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any()
                }}
            </section>

            <footer class="report-foot">
                <p>
                    "A project's status for a month is its latest status update up to the month's end (the current status for "
                    "the running month). Status changes compare the end of the previous month with the end of this one. "
                    "Exposure is probability × impact on 1–5 scales. Archived projects are left out."
                </p>
            </footer>
        </article>
    }
    .into_any()
}
