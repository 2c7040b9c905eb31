//! The monthly PMO report for a chosen month, laid out to be printed (or saved as PDF from the
//! print dialog) and sent to a steering committee as it is, or copied as Markdown or HTML for
//! an e-mail. What it says is `pmo_domain::portfolio::report_doc::document`; this page lays
//! that out and lets the PMO write the month's summary at its top.

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::model::NotesPart;
use pmo_domain::portfolio::report::{edit_notes, monthly_report, notes_of, Month};
use pmo_domain::portfolio::report_doc::{
    document, to_html, to_markdown, Block, Cell, ReportDoc, Table,
};
use pmo_domain::route::{to_hash, Page};

use crate::app::state::AppState;
use crate::ui::demo_offer::DemoOffer;
use crate::ui::views::PortfolioViews;

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
    let doc = Memo::new(move |_| {
        let m = month.get();
        state.workspace.with(|ws| {
            let report = monthly_report(ws, m, today);
            document(ws, &report, notes_of(ws, m), today)
        })
    });
    let copy = move |_| {
        let text = to_markdown(&doc.get_untracked());
        let clipboard = window().navigator().clipboard();
        leptos::task::spawn_local(async move {
            let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&text)).await;
            state.say(match done {
                Ok(_) => "The report is copied as Markdown: paste it into an e-mail or a wiki.",
                Err(_) => "The browser did not allow copying; use “Download Markdown” instead.",
            });
        });
    };
    let save = move |html: bool| {
        let d = doc.get_untracked();
        let slug = month.get_untracked().slug();
        if html {
            crate::app::download::save_file(
                &format!("pmo-report-{slug}.html"),
                "text/html",
                &to_html(&d),
            );
        } else {
            crate::app::download::save_file(
                &format!("pmo-report-{slug}.md"),
                "text/markdown",
                &to_markdown(&d),
            );
        }
    };
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
                    <button on:click=copy>"Copy as Markdown"</button>
                    <button on:click=move |_| save(false)>"Download Markdown"</button>
                    <button on:click=move |_| save(true)>"Download HTML"</button>
                    <button on:click=move |_| {
                        let d = doc.get_untracked();
                        let slug = month.get_untracked().slug();
                        let bytes = state.workspace.with_untracked(|ws| pmo_domain::portfolio::xlsx::report(&d, &ws.organisation.currency));
                        crate::app::download::save_bytes(&format!("pmo-report-{slug}.xlsx"), crate::portfolio::register::XLSX, &bytes);
                    }>"Download Excel"</button>
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
                        <span class="muted">"To save it as PDF, print it and choose “Save as PDF”."</span>
                    </div>
                    <Report doc month/>
                }
                .into_any()
            } else {
                view! { <DemoOffer what="Once there are projects with status updates, this page writes the monthly report for the steering committee." next="Register your projects and collect their status: the report is written from those." action=("Add a project", pmo_domain::route::Page::NewProject)/> }.into_any()
            }}
        </section>
    }
}

#[component]
fn Report(doc: Memo<ReportDoc>, month: Memo<Month>) -> impl IntoView {
    // The summary's fields stay in place while the rest is drawn again as they are typed
    // into (so that they keep the focus and the caret).
    let section = move |summary: bool| {
        move || {
            doc.with(|d| {
                d.sections
                    .iter()
                    .filter(|s| (s.id == "summary") == summary)
                    .cloned()
                    .collect::<Vec<_>>()
            })
        }
    };
    view! {
        {move || doc.with(|d| view! {
            <div class="report-cover print-only" aria-hidden="true">
                <p class="report-cover-org">{d.organisation.clone()}</p>
                <p class="report-cover-title">"PMO report"</p>
                <p class="report-cover-month">{d.month.clone()}</p>
                <p class="report-cover-sub">{d.subtitle.clone()}</p>
            </div>
        })}
        <article class="report" aria-labelledby="report-title">
            {move || doc.with(|d| view! {
                <header class="report-head">
                    <p class="report-org">{d.organisation.clone()}</p>
                    <h2 id="report-title">{d.title.clone()}</h2>
                    <p class="muted">{d.subtitle.clone()}</p>
                </header>
            })}
            <section aria-labelledby="r-summary" class="report-section report-summary">
                <h3 id="r-summary">"PMO summary"</h3>
                <SummaryEditor month/>
                <div class="print-only">
                    {move || section(true)().into_iter().flat_map(|s| s.blocks).map(block).collect_view()}
                </div>
            </section>
            {move || section(false)().into_iter().map(|s| {
                let hid = format!("r-{}", s.id);
                let labelled = hid.clone();
                let class = format!("report-section report-{}", s.id);
                view! {
                    <section aria-labelledby=labelled class=class>
                        <h3 id=hid>{s.heading}</h3>
                        {s.blocks.into_iter().map(block).collect_view()}
                    </section>
                }
            }).collect_view()}
            <footer class="report-foot"><p>{move || doc.with(|d| d.footnote.clone())}</p></footer>
        </article>
    }
}

/// The PMO's summary for the month, written in place (saved as it is typed).
#[component]
fn SummaryEditor(month: Memo<Month>) -> impl IntoView {
    let state = AppState::expect();
    let notes = Memo::new(move |_| {
        let m = month.get();
        state
            .workspace
            .with(|ws| notes_of(ws, m).cloned().unwrap_or_default())
    });
    view! {
        <div class="report-notes no-print">
            <p class="hint">
                "Written for the committee, kept with this month's report, and shown at the top of the printout "
                "and the copies. Saved as you type."
            </p>
            {NotesPart::ALL.into_iter().enumerate().map(|(k, part)| {
                let id = format!("notes-{}", part.slug());
                let value = move || notes.with(|n| part.of(n).to_string());
                view! {
                    <div class="field">
                        <label for=id.clone()>{part.label()}</label>
                        <textarea id=id.clone() rows="3" placeholder=format!("Write {}", part.hint()) aria-describedby=format!("{id}-hint")
                            prop:value=value
                            on:input=move |ev| {
                                let text = event_target_value(&ev);
                                let m = month.get_untracked();
                                state.edit_in(Scope::one("report summary", m.slug()), |ws| {
                                    edit_notes(ws, m, |n| *part.of_mut(n) = text);
                                });
                            }></textarea>
                        <span id=format!("{id}-hint") class="sr-only">{format!("{} of 3: {}", k + 1, part.hint())}</span>
                    </div>
                }
            }).collect_view()}
        </div>
    }
}

fn block(b: Block) -> AnyView {
    match b {
        Block::Para(t) => view! { <p>{t}</p> }.into_any(),
        Block::Subheading(t) => view! { <h4>{t}</h4> }.into_any(),
        Block::List(items) => view! {
            <ul>{items.into_iter().map(|i| view! { <li>{i}</li> }).collect_view()}</ul>
        }
        .into_any(),
        Block::Figures(figures) => view! {
            <dl class="report-figures">
                {figures.into_iter().map(|(k, v)| view! { <div><dt>{k}</dt><dd>{v}</dd></div> }).collect_view()}
            </dl>
        }
        .into_any(),
        Block::Table(t) => table(t),
    }
}

fn table(t: Table) -> AnyView {
    let nums: Vec<bool> = t.head.iter().map(|(_, n)| *n).collect();
    let row = move |cells: Vec<Cell>, nums: &[bool]| {
        cells
            .into_iter()
            .zip(nums.iter().copied().chain(std::iter::repeat(false)))
            .enumerate()
            .map(|(k, (c, num))| {
                let inner = cell(c);
                if k == 0 {
                    view! { <th scope="row" class:num=num>{inner}</th> }.into_any()
                } else {
                    view! { <td class:num=num>{inner}</td> }.into_any()
                }
            })
            .collect_view()
    };
    view! {
        <div class="table-scroll">
            <table class="report-table">
                <thead><tr>
                    {t.head.into_iter().map(|(h, num)| view! { <th scope="col" class:num=num>{h}</th> }).collect_view()}
                </tr></thead>
                <tbody>
                    {t.rows.into_iter().map(|r| view! { <tr>{row(r, &nums)}</tr> }).collect_view()}
                </tbody>
                {t.foot.map(|f| view! { <tfoot><tr>{row(f, &nums)}</tr></tfoot> })}
            </table>
        </div>
    }
    .into_any()
}

fn cell(c: Cell) -> AnyView {
    match c {
        Cell::Text(t) | Cell::Num(t) => t.into_any(),
        Cell::Project { id, name, code } => view! {
            <a href=Page::Project(id).href()>{name}</a>
            " "<span class="mono muted nowrap">{code}</span>
        }
        .into_any(),
        Cell::Status(s) => {
            let class = format!("status status-{}", s.map_or("not-set", |s| s.slug()));
            view! { <span class=class>{pmo_domain::portfolio::report_doc::status_words(s)}</span> }
                .into_any()
        }
    }
}
