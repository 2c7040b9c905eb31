//! The monthly routines as a calendar of this month and the next two, each day with what is
//! due, and the list of dates linked to where the work happens.

use chrono::{Datelike, Months};
use leptos::prelude::*;
use pmo_domain::route::{to_hash, Page};
use pmo_domain::setup;
use pmo_domain::RoutineKind;

use super::plan_memo;
use crate::app::state::AppState;

/// Where a routine's work happens in the app, if anywhere.
fn link_for(kind: RoutineKind, date: chrono::NaiveDate) -> Option<(String, &'static str)> {
    match kind {
        RoutineKind::MonthlyReport => {
            let (y, m) = setup::reported_month(date);
            Some((
                to_hash(&Page::Report, &[("month", &format!("{y:04}-{m:02}"))]),
                "Open the report",
            ))
        }
        RoutineKind::StatusCollection => Some((Page::Portfolio.href(), "Open the register")),
        RoutineKind::GateReview => Some((Page::Portfolio.href(), "Open the register")),
        RoutineKind::ResourceReview => Some((Page::OrgChart.href(), "Open the org chart")),
        RoutineKind::LessonsLearned | RoutineKind::Other => None,
    }
}

#[component]
pub fn RoutinesPage() -> impl IntoView {
    let state = AppState::expect();
    let plan = plan_memo(state);
    let today = crate::ui::format::today();
    let due = Memo::new(move |_| plan.with(|p| setup::calendar(&p.routines, today, 3)));
    let months: Vec<chrono::NaiveDate> = (0..3)
        .filter_map(|m| today.with_day(1)?.checked_add_months(Months::new(m)))
        .collect();
    let grid = move |first: chrono::NaiveDate| {
        let weeks = setup::month_grid(first.year(), first.month());
        let caption = crate::ui::format::month(first);
        view! {
            <table class="month-grid">
                <caption>{caption}</caption>
                <thead><tr>{["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].map(|d| view! { <th scope="col">{d}</th> }).collect_view()}</tr></thead>
                <tbody>
                    {weeks.into_iter().map(|w| view! {
                        <tr>
                            {w.into_iter().map(|d| match d {
                                None => view! { <td class="out"></td> }.into_any(),
                                Some(d) => {
                                    let names = move || plan.with(|p| due.with(|list| list.iter()
                                        .filter(|x| x.date == d)
                                        .map(|x| (p.routines[x.routine].name.clone(), p.routines[x.routine].kind.slug()))
                                        .collect::<Vec<_>>()));
                                    view! {
                                        <td class:today=d == today class:past=d < today class:busy=move || !names().is_empty()>
                                            <span class="month-day">{d.day()}</span>
                                            {move || names().into_iter().map(|(n, k)| view! { <span class=format!("due due-{k}")>{n}</span> }).collect_view()}
                                        </td>
                                    }.into_any()
                                }
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        }
    };
    let download_calendar = move |_| {
        let text = state.workspace.with_untracked(|ws| {
            plan.with_untracked(|p| {
                setup::ics::calendar_file(ws, &p.routines, today, chrono::Utc::now().naive_utc())
            })
        });
        crate::app::download::save_file("pmo-calendar.ics", "text/calendar", &text);
    };
    let list = move || {
        let items = plan.with(|p| {
            due.with(|list| {
                list.iter()
                    .map(|x| (x.date, p.routines[x.routine].clone()))
                    .collect::<Vec<_>>()
            })
        });
        if items.is_empty() {
            return view! {
                <p>"No routines yet. " <a href=Page::Setup.href()>"Set them up in step 6 of the guide"</a>"."</p>
            }
            .into_any();
        }
        view! {
            <table class="register routines-list">
                <thead><tr><th scope="col">"Date"</th><th scope="col">"Routine"</th><th scope="col">"When"</th><th scope="col"><span class="sr-only">"Link"</span></th></tr></thead>
                <tbody>
                    {items.into_iter().map(|(d, r)| {
                        let link = link_for(r.kind, d);
                        view! {
                            <tr class:past=d < today>
                                <td>{crate::ui::format::day(d)}{(d == today).then_some(" (today)")}</td>
                                <td>{r.name.clone()}</td>
                                <td class="muted">{r.describe()}</td>
                                <td>{link.map(|(href, label)| view! { <a href=href>{label}</a> })}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
        }
        .into_any()
    };
    view! {
        <section class="page routines-page">
            <div class="page-head">
                <h1 tabindex="-1">"PMO routines"</h1>
                <div class="actions">
                    <a class="button" href=Page::Setup.href()>"Back to the guide"</a>
                    <button type="button" on:click=download_calendar>"Download calendar (.ics)"</button>
                    <button type="button" on:click=move |_| { let _ = window().print(); }>"Print"</button>
                </div>
            </div>
            <p class="lede">"What the PMO's routines bring in this month and the next two. Dates follow the rules set in step 6 of the guide; working days are Monday to Friday."</p>
            <p class="muted">"The calendar file (for Outlook, Google or Apple Calendar) adds these routines and the active projects' open gates and milestones; importing a newer one updates the same events."</p>
            <div class="month-grids">{months.into_iter().map(grid).collect_view()}</div>
            <h2>"What is due"</h2>
            {list}
        </section>
    }
}
