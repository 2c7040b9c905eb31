//! Portfolio: the register of projects. Filter, sort, choose columns, page through, and update
//! the status of several projects at once. Everything that shapes the view lives in the
//! address, so a filtered view can be bookmarked and shared.

use pmo_domain::document::describe::Scope;
use std::collections::BTreeSet;

use leptos::html;
use leptos::prelude::*;
use pmo_domain::common::money::format_money;
use pmo_domain::portfolio::project::{set_status, BulkReason};
use pmo_domain::portfolio::{
    latest_update, page_of, toggle, Column, IndexRow, Query, RegisterIndex,
};
use pmo_domain::route::{portfolio_hash, Page};
use pmo_domain::{Phase, Project, Status};

use crate::app::state::AppState;
use crate::portfolio::csv_import::CsvImport;
use crate::portfolio::objectives::ObjectivesEditor;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::format::plural;
use crate::ui::views::PortfolioViews;

/// The media type of an Excel workbook.
pub const XLSX: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

fn go(q: &Query, replace: bool) {
    crate::app::navigate(&portfolio_hash(q), replace);
}

/// Whole currency units with thousands separators, without the currency code.
fn amount(minor: i64) -> String {
    format_money(minor, "").trim().to_string()
}

/// One cell as shown: its text and an optional CSS class.
#[derive(Clone, PartialEq, Hash)]
struct Cell {
    column: Column,
    text: String,
    class: &'static str,
}

/// One row as shown.
#[derive(Clone, PartialEq)]
struct Row {
    id: String,
    name: String,
    cells: Vec<Cell>,
}

fn cell(p: &Project, ix: &IndexRow, column: Column) -> Cell {
    let date = |d: Option<chrono::NaiveDate>| d.map(crate::ui::format::day).unwrap_or_default();
    let (text, class) = match column {
        Column::Code => (p.code.clone(), "mono nowrap"),
        Column::Name => (p.name.clone(), ""),
        Column::Portfolio => (ix.portfolio.clone(), ""),
        Column::Programme => (
            if ix.programme.is_empty() {
                "—".into()
            } else {
                ix.programme.clone()
            },
            "",
        ),
        Column::Phase => (p.phase.label().into(), ""),
        Column::Status => (p.status.label().into(), p.status.slug()),
        Column::Schedule | Column::Cost | Column::Scope => {
            let r = match column {
                Column::Schedule => p.rag.schedule,
                Column::Cost => p.rag.cost,
                _ => p.rag.scope,
            };
            let text = if r == pmo_domain::model::Rag::NotSet {
                "—".into()
            } else {
                r.label().into()
            };
            (text, r.slug())
        }
        Column::Trend => (
            format!("{} {}", ix.trend.arrow(), ix.trend.label()),
            "nowrap",
        ),
        Column::Commentary => (
            latest_update(p).map_or_else(String::new, |u| u.commentary.trim().to_string()),
            "commentary",
        ),
        Column::Updated => (date(latest_update(p).map(|u| u.date)), "nowrap"),
        Column::Manager => (ix.managers.clone(), ""),
        Column::Sponsor => (ix.sponsor.clone(), ""),
        Column::Start => (date(p.start), "nowrap"),
        Column::End => (date(p.end), "nowrap"),
        Column::Planned => (amount(p.budget.planned), "num"),
        Column::Actual => (amount(p.budget.actual), "num"),
        Column::Forecast => (amount(p.budget.forecast), "num"),
        Column::Overrun => {
            let over = pmo_domain::portfolio::overrun(p);
            let text = if over > 0 {
                format!("+{}", amount(over))
            } else {
                amount(over)
            };
            (text, "num")
        }
        Column::Complete => (format!("{}%", p.percent_complete), "num"),
        Column::Priority => (
            match ix.rank {
                Some(r) => format!("{:.0} (#{r})", ix.priority),
                None => format!("{:.0}", ix.priority),
            },
            "num",
        ),
    };
    Cell {
        column,
        text,
        class,
    }
}

#[component]
pub fn PortfolioPage() -> impl IntoView {
    let state = AppState::expect();
    let has_data = Memo::new(move |_| state.workspace.with(|w| w.has_user_data()));
    let query = Memo::new(move |_| state.route.with(|r| Query::from_params(&r.query)));
    let index = Memo::new(move |_| state.workspace.with(RegisterIndex::build));
    // Prepare the text search just after the first rows are shown, so the first keystroke
    // does not pay for it.
    Effect::new(move |_| {
        index.track();
        set_timeout(
            // The page may be gone by then (the user moved on): then there is nothing to do.
            move || {
                index.try_with_untracked(|ix| {
                    state
                        .workspace
                        .try_with_untracked(|ws| ix.prepare_search(ws))
                });
            },
            std::time::Duration::from_millis(30),
        );
    });
    let hits = Memo::new(move |_| {
        let q = query.get();
        index.with(|ix| {
            state
                .workspace
                .with(|ws| ix.select(ws, &q, crate::ui::format::today()))
        })
    });
    let selected = RwSignal::new(BTreeSet::<String>::new());
    // Remember this view so "Back to the register" returns to it.
    Effect::new(move |_| {
        let hash = portfolio_hash(&query.get());
        state.last_portfolio.set(hash);
    });

    let rows = Memo::new(move |_| {
        let q = query.get();
        hits.with(|hits| {
            let (_, page, _) = page_of(hits, q.page);
            index.with(|ix| {
                state.workspace.with(|ws| {
                    page.iter()
                        .map(|&i| {
                            let p = &ws.projects[i];
                            let cells: Vec<Cell> =
                                q.columns.iter().map(|c| cell(p, &ix.rows[i], *c)).collect();
                            Row {
                                id: p.id.clone(),
                                name: p.name.clone(),
                                cells,
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
        })
    });

    view! {
        <section class="page">
            <div class="page-head">
                <h1 tabindex="-1">"Portfolio"</h1>
                <div class="actions">
                    <button on:click=move |_| {
                        let q = query.get_untracked();
                        let text = hits.with_untracked(|h| state.workspace.with_untracked(|ws| pmo_domain::portfolio::csv::export(ws, h)));
                        let name = format!("projects-{}.csv", chrono::Local::now().format("%Y-%m-%d"));
                        crate::app::download::save_file(&name, "text/csv;charset=utf-8", &text);
                        let n = hits.with_untracked(Vec::len);
                        state.say(format!("Exported {}{}", plural(n, "project", None), if q.is_filtered() { " (filtered)" } else { "" }));
                    }>"Export CSV"</button>
                    <button on:click=move |_| {
                        // The filtered register with the columns on screen, as real cells.
                        let q = query.get_untracked();
                        let bytes = hits.with_untracked(|h| state.workspace.with_untracked(|ws| pmo_domain::portfolio::xlsx::register(ws, h, &q.columns)));
                        let name = format!("projects-{}.xlsx", chrono::Local::now().format("%Y-%m-%d"));
                        crate::app::download::save_bytes(&name, XLSX, &bytes);
                        let n = hits.with_untracked(Vec::len);
                        state.say(format!("Exported {} to Excel{}", plural(n, "project", None), if q.is_filtered() { " (filtered)" } else { "" }));
                    }>"Export Excel"</button>
                    <a class="button primary" href=Page::NewProject.href()>"New project"</a>
                </div>
            </div>
            <PortfolioViews current=Page::Portfolio/>
            <p class="lede">
                "Every project with its portfolio, programme, phase, status, trend, budget and priority. Filter and sort "
                "by any column; the address keeps the view, so bookmark it or send it to a colleague."
            </p>
            {move || if has_data.get() {
                view! {
                    <Filters query/>
                    <BulkBar selected/>
                    <RegisterTable query hits rows selected/>
                    <ObjectivesEditor/>
                    <CsvImport/>
                }
                .into_any()
            } else {
                view! {
                    <DemoOffer what="Once there are projects, this page lists them with portfolio, programme, phase, status and project managers." next="Add your projects one by one, or import them from a spreadsheet (CSV) with the import on this page." action=("Add a project", pmo_domain::route::Page::NewProject)/>
                }
                .into_any()
            }}
        </section>
    }
}

/// Search box, drop-downs and check boxes that narrow the register.
#[component]
fn Filters(query: Memo<Query>) -> impl IntoView {
    let state = AppState::expect();
    let search: NodeRef<html::Input> = NodeRef::new();
    // Keep the search box in step when the address changes by other means (clear, back).
    Effect::new(move |_| {
        let text = query.with(|q| q.text.clone());
        if let Some(input) = search.get() {
            if input.value() != text {
                input.set_value(&text);
            }
        }
    });
    let options = Memo::new(move |_| {
        state.workspace.with(|ws| {
            let portfolios: Vec<(String, String)> = ws
                .portfolios
                .iter()
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            let programmes: Vec<(String, String, String)> = ws
                .programmes
                .iter()
                .map(|p| (p.id.clone(), p.name.clone(), p.portfolio_id.clone()))
                .collect();
            // People who manage at least one project (one pass over the projects).
            let managing: std::collections::HashSet<&str> = ws
                .projects
                .iter()
                .flat_map(|p| p.managers.iter().map(|m| m.person_id.as_str()))
                .collect();
            let mut managers: Vec<(String, String)> = ws
                .people
                .iter()
                .filter(|person| managing.contains(person.id.as_str()))
                .map(|p| (p.id.clone(), p.name.clone()))
                .collect();
            managers.sort_by(|a, b| a.1.cmp(&b.1));
            (portfolios, programmes, managers)
        })
    });
    // Each drop-down follows only its own part of the query, so typing in the search box does
    // not touch the (possibly thousands of) options.
    let sel_portfolio = Memo::new(move |_| query.with(|q| q.portfolio.clone()));
    let sel_programme = Memo::new(move |_| query.with(|q| q.programme.clone()));
    let sel_manager = Memo::new(move |_| query.with(|q| q.manager.clone()));
    let pm_options = RwSignal::new(false);
    let update = move |f: &dyn Fn(&mut Query), replace: bool| {
        let mut q = query.get_untracked();
        f(&mut q);
        q.page = 0;
        go(&q, replace);
    };
    let select_value = move |ev: &leptos::ev::Event| {
        let v = event_target_value(ev);
        (!v.is_empty()).then_some(v)
    };
    view! {
        <section class="card filters" aria-label="Filters">
            <div class="filter-row">
                <div class="field grow">
                    <label for="register-search">"Search projects"</label>
                    <input
                        id="register-search"
                        type="search"
                        node_ref=search
                        placeholder="Code, name or project manager"
                        prop:value=query.get_untracked().text
                        on:input=move |ev| {
                            let text = event_target_value(&ev);
                            update(&|q| q.text = text.clone(), true);
                        }
                    />
                </div>
                <div class="field">
                    <label for="filter-portfolio">"Portfolio"</label>
                    <select id="filter-portfolio" on:change=move |ev| {
                        let v = select_value(&ev);
                        update(&|q| {
                            q.portfolio = v.clone();
                            q.programme = None;
                        }, false);
                    }>
                        <option value="" selected=move || sel_portfolio.with(Option::is_none)>"All portfolios"</option>
                        {move || options.with(|o| o.0.iter().map(|(id, name)| {
                            let id2 = id.clone();
                            view! { <option value=id.clone() selected=move || sel_portfolio.with(|x| x.as_ref() == Some(&id2))>{name.clone()}</option> }
                        }).collect_view())}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-programme">"Programme"</label>
                    <select id="filter-programme" on:change=move |ev| {
                        let v = select_value(&ev);
                        update(&|q| q.programme = v.clone(), false);
                    }>
                        <option value="" selected=move || sel_programme.with(Option::is_none)>"All programmes"</option>
                        {move || {
                            let pf = sel_portfolio.get();
                            options.with(|o| o.1.iter()
                                .filter(|(_, _, p)| pf.as_ref().is_none_or(|x| x == p))
                                .map(|(id, name, _)| {
                                    let id2 = id.clone();
                                    view! { <option value=id.clone() selected=move || sel_programme.with(|x| x.as_ref() == Some(&id2))>{name.clone()}</option> }
                                }).collect_view())
                        }}
                    </select>
                </div>
                <div class="field">
                    <label for="filter-pm">"Project manager"</label>
                    // A large organisation has thousands of PMs: their options are built when the
                    // list is first used (focus or press), not with every first render.
                    <select id="filter-pm"
                        on:focus=move |_| pm_options.set(true)
                        on:pointerdown=move |_| pm_options.set(true)
                        on:change=move |ev| {
                            let v = select_value(&ev);
                            update(&|q| q.manager = v.clone(), false);
                        }>
                        <option value="" selected=move || sel_manager.with(Option::is_none)>"Anyone"</option>
                        {move || {
                            let all = pm_options.get();
                            let chosen = sel_manager.get();
                            options.with(|o| o.2.iter()
                                .filter(|(id, _)| all || chosen.as_ref() == Some(id))
                                .map(|(id, name)| {
                                    let id2 = id.clone();
                                    view! { <option value=id.clone() selected=move || sel_manager.with(|x| x.as_ref() == Some(&id2))>{name.clone()}</option> }
                                }).collect_view())
                        }}
                    </select>
                </div>
            </div>
            <div class="filter-row">
                {check_group("Phase", &Phase::ALL, Phase::label, |q| &q.phases, |q| &mut q.phases, query)}
                {check_group("Status", &Status::ALL, Status::label, |q| &q.statuses, |q| &mut q.statuses, query)}
                <label class="check">
                    <input type="checkbox"
                        prop:checked=move || query.with(|q| q.archived)
                        on:change=move |_| update(&|q| q.archived = !q.archived, false)
                    />
                    "Archived projects"
                </label>
                {move || query.with(Query::is_filtered).then(|| view! {
                    <button class="link" on:click=move |_| go(&query.get_untracked().cleared(), false)>"Clear filters"</button>
                })}
            </div>
            {move || query.with(|q| q.only).map(|o| view! {
                <p class="filter-only">
                    <strong>"Showing only: "</strong>{o.label()}" "
                    <button class="link" on:click=move |_| update(&|q| q.only = None, false)>"Show all projects"</button>
                </p>
            })}
        </section>
    }
}

/// A group of check boxes for a multi-valued filter (phases, statuses).
fn check_group<T: Copy + PartialEq + Send + Sync + 'static>(
    legend: &'static str,
    all: &'static [T],
    label: fn(T) -> &'static str,
    list: fn(&Query) -> &Vec<T>,
    list_mut: fn(&mut Query) -> &mut Vec<T>,
    query: Memo<Query>,
) -> impl IntoView {
    view! {
        <fieldset class="checks">
            <legend>{legend}</legend>
            {all.iter().map(|x| {
                let x = *x;
                view! {
                    <label class="check">
                        <input type="checkbox"
                            prop:checked=move || query.with(|q| list(q).contains(&x))
                            on:change=move |_| {
                                let mut q = query.get_untracked();
                                toggle(list_mut(&mut q), x);
                                q.page = 0;
                                go(&q, false);
                            }
                        />
                        {label(x)}
                    </label>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// Update the status of the selected projects in one go, with the reason: one for all, or
/// one per project (the rule is `set_status`'s).
#[component]
fn BulkBar(selected: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let state = AppState::expect();
    let new_status = RwSignal::new(Status::OnTrack);
    let each = RwSignal::new(false);
    let for_all = RwSignal::new(String::new());
    let per_project = RwSignal::new(std::collections::HashMap::<String, String>::new());
    let error = RwSignal::new(None::<String>);
    let apply = move |_| {
        let ids = selected.get_untracked();
        let status = new_status.get_untracked();
        let today = chrono::Local::now().date_naive();
        let chosen: std::collections::HashSet<&str> = ids.iter().map(String::as_str).collect();
        let reason = if each.get_untracked() {
            BulkReason::Each(per_project.get_untracked())
        } else {
            BulkReason::All(for_all.get_untracked())
        };
        let label = format!(
            "Status of {} set to {}",
            plural(ids.len(), "project", None),
            status.label()
        );
        let mut outcome = None;
        state.edit_as_in(label.clone(), Scope::many("project", &ids), |ws| {
            let r = set_status(ws, &chosen, status, today, &reason);
            let ok = r.is_ok();
            outcome = Some(r);
            ok
        });
        match outcome {
            Some(Err(codes)) => error.set(Some(format!(
                "Give the reason for {}: it is recorded as the commentary of each project's update. Nothing has changed yet.",
                pmo_domain::common::text::join_and(&codes)
            ))),
            Some(Ok(_)) => {
                error.set(None);
                for_all.set(String::new());
                per_project.set(Default::default());
                state.say(label);
                selected.set(BTreeSet::new());
            }
            None => {}
        }
    };
    let names = move || {
        let ids = selected.get();
        state.workspace.with_untracked(|ws| {
            ws.projects
                .iter()
                .filter(|p| ids.contains(&p.id))
                .map(|p| (p.id.clone(), format!("{} {}", p.code, p.name)))
                .collect::<Vec<_>>()
        })
    };
    move || {
        let n = selected.with(BTreeSet::len);
        (n > 0).then(|| view! {
            <section class="bulk-bar" aria-label="Selected projects">
                <div class="bulk-row">
                    <span>{format!("{n} selected")}</span>
                    <label for="bulk-status">"New status"</label>
                    <select id="bulk-status" on:change=move |ev| {
                        let v = event_target_value(&ev);
                        if let Some(s) = Status::ALL.iter().copied().find(|s| s.slug() == v) {
                            new_status.set(s);
                        }
                    }>
                        {Status::ALL.iter().map(|s| view! {
                            <option value=s.slug() selected=*s == new_status.get_untracked()>{s.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <fieldset class="bulk-reason">
                    <legend>"Why? (recorded as each project's commentary)"</legend>
                    <label class="check">
                        <input type="radio" name="bulk-reason" prop:checked=move || !each.get() on:change=move |_| each.set(false)/>
                        "One reason for all"
                    </label>
                    <label class="check">
                        <input type="radio" name="bulk-reason" prop:checked=move || each.get() on:change=move |_| each.set(true)/>
                        "A reason for each project"
                    </label>
                    {move || if each.get() {
                        names().into_iter().map(|(id, name)| {
                            let fid = format!("bulk-reason-{id}");
                            let key = id.clone();
                            view! {
                                <div class="field">
                                    <label for=fid.clone()>{format!("Reason for {name}")}</label>
                                    <input id=fid type="text"
                                        prop:value=move || per_project.with(|m| m.get(&key).cloned().unwrap_or_default())
                                        on:input=move |ev| {
                                            let v = event_target_value(&ev);
                                            per_project.update(|m| { m.insert(id.clone(), v); });
                                        }/>
                                </div>
                            }
                        }).collect_view().into_any()
                    } else {
                        view! {
                            <div class="field">
                                <label for="bulk-reason-all">"Reason for the change"</label>
                                <textarea id="bulk-reason-all" rows="2"
                                    prop:value=move || for_all.get()
                                    on:input=move |ev| for_all.set(event_target_value(&ev))></textarea>
                            </div>
                        }.into_any()
                    }}
                </fieldset>
                {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
                <div class="bulk-row">
                    <button class="primary" on:click=apply>"Apply to selected"</button>
                    <button class="link" on:click=move |_| { error.set(None); selected.set(BTreeSet::new()) }>"Clear selection"</button>
                </div>
            </section>
        })
    }
}

#[component]
fn RegisterTable(
    query: Memo<Query>,
    hits: Memo<Vec<usize>>,
    rows: Memo<Vec<Row>>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let paging = Memo::new(move |_| {
        let page = query.with(|q| q.page);
        hits.with(|h| {
            let (first, rows, pages) = page_of(h, page);
            (first, rows.len(), pages, h.len(), page.min(pages - 1))
        })
    });
    let all_on_page = move || {
        let r = rows.get();
        !r.is_empty() && selected.with(|s| r.iter().all(|row| s.contains(&row.id)))
    };
    // The header row follows only the columns and the sort order, not the search text.
    let shape = Memo::new(move |_| query.with(|q| (q.columns.clone(), q.sort, q.descending)));
    let headers = move || {
        let (columns, sort, descending) = shape.get();
        columns
            .iter()
            .map(|c| {
                let c = *c;
                let sorted = sort == c;
                let sort_attr = if !sorted { "none" } else if descending { "descending" } else { "ascending" };
                let arrow = if !sorted { "" } else if descending { " ▼" } else { " ▲" };
                let class = if c.is_numeric() { "num" } else { "" };
                view! {
                    <th scope="col" aria-sort=sort_attr class=class class:wide-only=!Column::NARROW.contains(&c)>
                        <button class="sort" on:click=move |_| go(&query.get_untracked().sorted_by(c), false)>
                            {c.label()}{arrow}
                        </button>
                    </th>
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-tools">
            <p class="muted" role="status" data-testid="row-count">
                {move || {
                    let (first, n, _, total, _) = paging.get();
                    if total == 0 {
                        "No projects match these filters.".to_string()
                    } else {
                        format!("Showing {}–{} of {}", first + 1, first + n, plural(total, "project", None))
                    }
                }}
            </p>
            <ColumnChooser query/>
        </div>
        <div class="table-wrap">
            <table class="register">
                <caption class="sr-only">"Projects"</caption>
                <thead>
                    <tr>
                        <th scope="col" class="select">
                            <input type="checkbox" aria-label="Select all projects on this page"
                                prop:checked=all_on_page
                                on:change=move |_| {
                                    let ids: Vec<String> = rows.get_untracked().into_iter().map(|r| r.id).collect();
                                    let all = all_on_page();
                                    selected.update(|s| for id in ids { if all { s.remove(&id); } else { s.insert(id); } });
                                }
                            />
                        </th>
                        {headers}
                    </tr>
                </thead>
                <tbody>
                    // Rows are kept by position: when the filter changes, the same 50 rows stay
                    // in the document and only their texts change (much cheaper than building
                    // new rows). A change of columns rebuilds them.
                    <For
                        each=move || {
                            let n = rows.with(Vec::len);
                            let columns = shape.with(|s| s.0.clone());
                            (0..n).map(|i| (i, columns.clone())).collect::<Vec<_>>()
                        }
                        key=|slot| slot.clone()
                        let((i, columns))
                    >
                        <RegisterRow i columns rows selected/>
                    </For>
                </tbody>
            </table>
        </div>
        <nav class="pager" aria-label="Pages">
            {move || {
                let (_, _, pages, _, page) = paging.get();
                let at_start = page == 0;
                let at_end = page + 1 >= pages;
                (pages > 1).then(|| view! {
                    <button disabled=at_start on:click=move |_| {
                        let mut q = query.get_untracked();
                        q.page = page.saturating_sub(1);
                        go(&q, false);
                    }>"Previous page"</button>
                    <span>{format!("Page {} of {pages}", page + 1)}</span>
                    <button disabled=at_end on:click=move |_| {
                        let mut q = query.get_untracked();
                        q.page = page + 1;
                        go(&q, false);
                    }>"Next page"</button>
                })
            }}
        </nav>
    }
}

/// The row at position `i` of the page, whichever project is there now.
#[component]
fn RegisterRow(
    i: usize,
    columns: Vec<Column>,
    rows: Memo<Vec<Row>>,
    selected: RwSignal<BTreeSet<String>>,
) -> impl IntoView {
    let row = Memo::new(move |_| rows.with(|r| r.get(i).cloned()));
    let id = move || row.with(|r| r.as_ref().map(|r| r.id.clone()).unwrap_or_default());
    let text = move |j: usize| {
        move || {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.cells.get(j))
                    .map(|c| c.text.clone())
                    .unwrap_or_default()
            })
        }
    };
    let class = move |j: usize| {
        move || {
            row.with(|r| {
                r.as_ref()
                    .and_then(|r| r.cells.get(j))
                    .map_or("", |c| c.class)
            })
        }
    };
    view! {
        <tr>
            <td class="select">
                <input type="checkbox"
                    aria-label=move || format!("Select {}", row.with(|r| r.as_ref().map(|r| r.name.clone()).unwrap_or_default()))
                    prop:checked=move || { let id = id(); selected.with(|s| s.contains(&id)) }
                    on:change=move |_| {
                        let id = id();
                        selected.update(|s| if !s.remove(&id) { s.insert(id); });
                    }
                />
            </td>
            {columns.into_iter().enumerate().map(|(j, column)| {
                let wide = !Column::NARROW.contains(&column);
                match column {
                Column::Name => view! {
                    <th scope="row"><a href=move || Page::Project(id()).href()>{text(j)}</a></th>
                }.into_any(),
                Column::Status => view! {
                    <td><span class=move || format!("status status-{}", class(j)())>{text(j)}</span></td>
                }.into_any(),
                Column::Schedule | Column::Cost | Column::Scope => view! {
                    <td class="nowrap" class:wide-only=wide><span class=move || format!("rag rag-{}", class(j)())>{text(j)}</span></td>
                }.into_any(),
                Column::Commentary => view! {
                    <td class="commentary"><span class="clamp">{text(j)}</span></td>
                }.into_any(),
                _ => view! { <td class=class(j) class:wide-only=wide>{text(j)}</td> }.into_any(),
            }}).collect_view()}
        </tr>
    }
}

/// Choose which columns the register shows (kept in the address).
#[component]
fn ColumnChooser(query: Memo<Query>) -> impl IntoView {
    view! {
        <details class="column-chooser">
            <summary>"Columns"</summary>
            <fieldset class="checks vertical">
                <legend class="sr-only">"Columns to show"</legend>
                {Column::ALL.iter().map(|c| {
                    let c = *c;
                    view! {
                        <label class="check">
                            <input type="checkbox"
                                disabled=c == Column::Name
                                prop:checked=move || query.with(|q| q.columns.contains(&c))
                                on:change=move |_| {
                                    let mut q = query.get_untracked();
                                    toggle(&mut q.columns, c);
                                    // Keep the table's column order, whatever order they are ticked in.
                                    q.columns.sort_by_key(|x| Column::ALL.iter().position(|y| y == x));
                                    go(&q, false);
                                }
                            />
                            {c.label()}
                        </label>
                    }
                }).collect_view()}
            </fieldset>
        </details>
    }
}
