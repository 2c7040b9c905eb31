//! Import projects from a CSV file or an Excel workbook's sheet: map columns to fields, answer what the file leaves open
//! (other tools' values, the order of day and month, people not in the org chart), preview
//! what changes and every problem by line and column, then apply on confirmation. Nothing
//! changes before that.

use leptos::prelude::*;
use pmo_domain::common::csv::{decode, Encoding};
use pmo_domain::common::xlsx::Workbook;
use pmo_domain::portfolio::csv::{
    apply, guess_mapping, parse, preview_with, table_of_rows, Field, Mapping, Table,
};
use pmo_domain::portfolio::csv_choices::{choices_of, questions, Choices, DateOrder, Questions};

use crate::app::state::AppState;
use crate::ui::format::plural;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Failed(String),
    Loaded {
        file: String,
        table: Table,
        /// How the file was read: "Windows-1252" for such a CSV, or a workbook's sheet.
        source: Source,
    },
}

#[derive(Clone, PartialEq)]
enum Source {
    Csv(Encoding),
    /// A workbook: its bytes (to read another sheet), its sheets' names, the one read.
    Workbook {
        bytes: std::sync::Arc<Vec<u8>>,
        sheets: Vec<String>,
        sheet: usize,
    },
}

/// Read a file's bytes: an Excel workbook (a ZIP, starting `PK`) by its sheet `sheet`, else
/// a CSV in whatever encoding it is.
fn read_file(bytes: Vec<u8>, sheet: usize) -> Result<(Table, Source), String> {
    if bytes.starts_with(b"PK\x03\x04") {
        let wb = Workbook::open(&bytes)?;
        let sheets: Vec<String> = wb.sheets.iter().map(|(n, _)| n.clone()).collect();
        let rows = wb.rows(sheet)?;
        let table = table_of_rows(rows)
            .map_err(|e| format!("in sheet “{}”, {e}", sheets[sheet.min(sheets.len() - 1)]))?;
        return Ok((
            table,
            Source::Workbook {
                bytes: std::sync::Arc::new(bytes),
                sheets,
                sheet,
            },
        ));
    }
    let (text, encoding) = decode(&bytes)?;
    Ok((parse(&text)?, Source::Csv(encoding)))
}

/// A file larger than this is refused before it is read (10 000 projects are about 5 MB).
const MAX_BYTES: f64 = 50.0 * 1024.0 * 1024.0;

#[component]
pub fn CsvImport() -> impl IntoView {
    let state = AppState::expect();
    let stage = RwSignal::new(Stage::Idle);
    let mapping = RwSignal::new(Mapping::new());
    let choices = RwSignal::new(Choices::default());
    // What the file leaves open; a new file or mapping starts from the guesses again.
    // (The table is read in place: a file's table is not copied at each answer.)
    let asked = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::Loaded { table, .. } => {
                mapping.with(|m| state.workspace.with_untracked(|ws| questions(ws, table, m)))
            }
            _ => Questions::default(),
        })
    });
    // Answers given to the same column of an earlier import come first, then the guesses.
    let recalled = RwSignal::new(std::collections::HashSet::<(Field, String)>::new());
    let reset = move || {
        let q = asked.get_untracked();
        let mut c = Choices::guessed(&q);
        if let Stage::Loaded { table, .. } = stage.get_untracked() {
            let m = mapping.get_untracked();
            recalled.set(crate::app::storage::import_answers().recall(
                &q,
                &table.headings,
                &m,
                &mut c,
            ));
        }
        choices.set(c);
    };
    let load = move |file: String, table: Table, source: Source| {
        mapping.set(guess_mapping(&table.headings));
        stage.set(Stage::Loaded {
            file,
            table,
            source,
        });
        reset();
    };
    // Another sheet of the same workbook.
    let pick_sheet = move |index: usize| {
        if let Stage::Loaded {
            file,
            source: Source::Workbook { bytes, .. },
            ..
        } = stage.get_untracked()
        {
            match read_file(bytes.to_vec(), index) {
                Ok((table, source)) => load(file, table, source),
                Err(e) => stage.set(Stage::Failed(format!("“{file}” was not read: {e}"))),
            }
        }
    };
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        if file.size() > MAX_BYTES {
            stage.set(Stage::Failed(format!(
                "“{name}” was not read: it is {:.0} MB, more than the 50 MB a file of projects can be.",
                file.size() / 1024.0 / 1024.0
            )));
            return;
        }
        leptos::task::spawn_local(async move {
            let bytes = crate::app::download::read_bytes(&file).await;
            let read = bytes
                .ok_or_else(|| "it could not be read.".to_string())
                .and_then(|b| read_file(b, 0));
            match read {
                Ok((table, source)) => load(name, table, source),
                Err(e) => stage.set(Stage::Failed(format!("“{name}” was not read: {e}"))),
            }
        });
    };
    let result = Memo::new(move |_| {
        stage.with(|s| match s {
            Stage::Loaded { table, .. } => mapping.with(|m| {
                choices.with(|c| Some(state.workspace.with(|ws| preview_with(ws, table, m, c))))
            }),
            _ => None,
        })
    });
    let confirm = move |_| {
        if let Some(p) = result.get_untracked() {
            if let Stage::Loaded { table, .. } = stage.get_untracked() {
                let mut memory = crate::app::storage::import_answers();
                memory.remember(
                    &asked.get_untracked(),
                    &table.headings,
                    &mapping.get_untracked(),
                    &choices.get_untracked(),
                );
                crate::app::storage::save_import_answers(&memory);
            }
            let (created, updated, people) = (p.creates.len(), p.updates.len(), p.new_people.len());
            state.edit(|ws| apply(ws, p));
            stage.set(Stage::Idle);
            state.say(if people > 0 {
                format!(
                    "Imported: {created} new, {updated} updated, {} added",
                    plural(people, "person", Some("people"))
                )
            } else {
                format!("Imported: {created} new, {updated} updated")
            });
        }
    };
    view! {
        <details class="card csv-import">
            <summary>"Import projects from CSV or Excel"</summary>
            <p>
                "Rows are matched to projects by their code: known codes update the project, new codes create one. "
                "Portfolios, programmes and people are found by name or id. You see every change and problem before anything is saved."
            </p>
            <div class="field">
                <label for="csv-file">"CSV or Excel file"</label>
                <input id="csv-file" type="file" accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" on:change=on_file/>
            </div>
            {move || match stage.get() {
                Stage::Idle => None,
                Stage::Failed(message) => Some(view! { <p class="error-box" role="alert">{message}</p> }.into_any()),
                Stage::Loaded { file, table, source } => {
                    let headings = table.headings.clone();
                    let read_as = match source {
                        Source::Csv(Encoding::Utf8) => None,
                        Source::Csv(encoding) => Some(view! {
                            <p class="hint">{format!("Read as {}: check that accented letters look right below.", encoding.label())}</p>
                        }.into_any()),
                        Source::Workbook { sheets, sheet, .. } if sheets.len() > 1 => Some(view! {
                            <div class="field">
                                <label for="csv-sheet">"Sheet"</label>
                                <select id="csv-sheet" on:change=move |ev| {
                                    if let Ok(i) = event_target_value(&ev).parse::<usize>() { pick_sheet(i); }
                                }>
                                    {sheets.iter().enumerate().map(|(i, n)| view! {
                                        <option value=i.to_string() selected=i == sheet>{n.clone()}</option>
                                    }).collect_view()}
                                </select>
                            </div>
                        }.into_any()),
                        Source::Workbook { .. } => None,
                    };
                    Some(view! {
                        <p><strong>{format!("“{file}”: {}", plural(table.len(), "row", None))}</strong></p>
                        {read_as}
                        <fieldset class="mapping">
                            <legend>"Columns"</legend>
                            {Field::ALL.iter().map(|f| {
                                let f = *f;
                                let id = format!("map-{f:?}").to_lowercase();
                                let headings = headings.clone();
                                view! {
                                    <div class="field">
                                        <label for=id.clone()>{f.heading()}</label>
                                        <select id=id on:change=move |ev| {
                                            let v = event_target_value(&ev);
                                            mapping.update(|m| match v.parse::<usize>() {
                                                Ok(i) => { m.insert(f, i); }
                                                Err(_) => { m.remove(&f); }
                                            });
                                            reset();
                                        }>
                                            <option value="" selected=move || mapping.with(|m| !m.contains_key(&f))>"— not imported —"</option>
                                            {headings.iter().enumerate().map(|(i, h)| view! {
                                                <option value=i.to_string() selected=move || mapping.with(|m| m.get(&f) == Some(&i))>{h.clone()}</option>
                                            }).collect_view()}
                                        </select>
                                    </div>
                                }
                            }).collect_view()}
                        </fieldset>
                        <Questions asked choices recalled/>
                    }.into_any())
                }
            }}
            {move || result.get().map(|p| {
                let can_apply = p.creates.len() + p.updates.len() > 0;
                view! {
                    <div class="confirm-box" role="region" aria-label="Import preview">
                        <p data-testid="csv-summary">
                            {format!("{} new, {} updated, {} unchanged, {}.",
                                p.creates.len(), p.updates.len(), p.unchanged, plural(p.errors.len(), "problem", None))}
                        </p>
                        {(!p.errors.is_empty()).then(|| view! {
                            <p>"Rows with problems are left out:"</p>
                            <table class="register compact-rows">
                                <thead><tr><th scope="col">"Line"</th><th scope="col">"Column"</th><th scope="col">"Problem"</th></tr></thead>
                                <tbody>
                                    {p.errors.iter().take(200).map(|e| view! {
                                        <tr><td>{e.line}</td><td>{e.column.clone()}</td><td>{e.reason.clone()}</td></tr>
                                    }).collect_view()}
                                </tbody>
                            </table>
                        })}
                        <p class="actions">
                            <button class="primary" disabled=!can_apply on:click=confirm>"Apply import"</button>
                            <button on:click=move |_| stage.set(Stage::Idle)>"Cancel import"</button>
                        </p>
                    </div>
                }
            })}
        </details>
    }
}

/// What the file leaves open: other tools' values, the order of day and month in date
/// columns, people not in the org chart. Guesses are preselected and say why.
#[component]
fn Questions(
    asked: Memo<Questions>,
    choices: RwSignal<Choices>,
    recalled: RwSignal<std::collections::HashSet<(Field, String)>>,
) -> impl IntoView {
    move || {
        let q = asked.get();
        let values = (!q.values.is_empty()).then(|| {
            view! {
                <fieldset class="questions">
                    <legend>"Values"</legend>
                    <p class="hint">"Values that are not ours, and which of ours each becomes. Rows with a value left out are not imported."</p>
                    {q.values.iter().enumerate().map(|(n, v)| {
                        let id = format!("value-{n}");
                        let key = (v.field, v.key.clone());
                        let key2 = key.clone();
                        let label = format!("{} “{}” ({})", v.field.heading(), v.value, plural(v.rows, "row", None));
                        let from_memory = recalled.with(|r| r.contains(&key));
                        let why = if from_memory {
                            Some("As chosen for this column in an earlier import.".to_string())
                        } else {
                            v.guess.map(|g| {
                                let ours = choices_of(v.field).into_iter().find(|(s, _)| *s == g.slug).map_or("", |(_, l)| l);
                                format!("Our guess: {ours}, because {}.", g.why)
                            })
                        };
                        view! {
                            <div class="import-question">
                                <label for=id.clone()>{label}</label>
                                <select id=id on:change=move |ev| {
                                    let slug = event_target_value(&ev);
                                    choices.update(|c| {
                                        if slug.is_empty() { c.values.remove(&key); } else { c.values.insert(key.clone(), slug); }
                                    });
                                }>
                                    <option value="" selected=move || choices.with(|c| !c.values.contains_key(&key2))>"— leave these rows out —"</option>
                                    {choices_of(v.field).into_iter().map(|(slug, name)| {
                                        let key = (v.field, v.key.clone());
                                        view! {
                                            <option value=slug selected=move || choices.with(|c| c.values.get(&key).map(String::as_str) == Some(slug))>{name}</option>
                                        }
                                    }).collect_view()}
                                </select>
                                {why.map(|w| view! { <p class="hint">{w}</p> })}
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            }
        });
        let dates = q.dates.iter().map(|d| {
            let field = d.field;
            let name = format!("order-{field:?}").to_lowercase();
            let legend = format!("Dates in “{}”, such as {}", d.heading, d.example);
            let note = if d.column.day_first > 0 && d.column.month_first > 0 {
                "Some dates read only day first, others only month first. Which order does this column use? Dates that do not fit it are left out."
            } else {
                "Every date here reads either way round. Which order does this column use?"
            };
            view! {
                <fieldset class="questions">
                    <legend>{legend}</legend>
                    <p class="hint">{note}</p>
                    <div class="choice-row">
                    {[DateOrder::DayFirst, DateOrder::MonthFirst].into_iter().map(|o| view! {
                        <label>
                            <input type="radio" name=name.clone()
                                prop:checked=move || choices.with(|c| c.date_order.get(&field) == Some(&o))
                                on:change=move |_| choices.update(|c| { c.date_order.insert(field, o); })/>
                            {o.label()}
                        </label>
                    }).collect_view()}
                    </div>
                </fieldset>
            }
        }).collect_view();
        let people = (!q.people.is_empty()).then(|| {
            view! {
                <fieldset class="questions people">
                    <legend>"People not in the org chart"</legend>
                    <p class="hint">"Add them as new people (without a manager: place them on the org chart later), or leave their rows out."</p>
                    {q.people.iter().map(|p| {
                        let key = p.key.clone();
                        let key2 = p.key.clone();
                        view! {
                            <label>
                                <input type="checkbox"
                                    prop:checked=move || choices.with(|c| c.new_people.contains(&key))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        choices.update(|c| { if on { c.new_people.insert(key2.clone()); } else { c.new_people.remove(&key2); } });
                                    }/>
                                {format!("Add “{}” as a new person ({})", p.name, plural(p.rows, "row", None))}
                            </label>
                        }
                    }).collect_view()}
                </fieldset>
            }
        });
        view! { {values} {dates} {people} }
    }
}
