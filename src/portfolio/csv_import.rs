//! Import projects from a CSV file: map columns to fields, preview what changes and every
//! problem by line and column, then apply on confirmation. Nothing changes before that.

use leptos::prelude::*;
use pmo_domain::portfolio::csv::{apply, guess_mapping, parse, preview, Field, Mapping, Table};

use crate::app::state::AppState;
use crate::ui::format::plural;

#[derive(Clone, PartialEq)]
enum Stage {
    Idle,
    Failed(String),
    Loaded { file: String, table: Table },
}

#[component]
pub fn CsvImport() -> impl IntoView {
    let state = AppState::expect();
    let stage = RwSignal::new(Stage::Idle);
    let mapping = RwSignal::new(Mapping::new());
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        leptos::task::spawn_local(async move {
            let text = crate::app::download::read_text(&file).await;
            match text.map(|t| parse(&t)) {
                Some(Ok(table)) => {
                    mapping.set(guess_mapping(&table.headings));
                    stage.set(Stage::Loaded { file: name, table });
                }
                Some(Err(e)) => stage.set(Stage::Failed(format!("“{name}” was not read: {e}"))),
                None => stage.set(Stage::Failed(format!(
                    "“{name}” could not be read as text."
                ))),
            }
        });
    };
    let result = Memo::new(move |_| match stage.get() {
        Stage::Loaded { table, .. } => {
            let m = mapping.get();
            Some(state.workspace.with(|ws| preview(ws, &table, &m)))
        }
        _ => None,
    });
    let confirm = move |_| {
        if let Some(p) = result.get_untracked() {
            let (created, updated) = (p.creates.len(), p.updates.len());
            state.edit(|ws| apply(ws, p));
            stage.set(Stage::Idle);
            state.say(format!("Imported: {created} new, {updated} updated"));
        }
    };
    view! {
        <details class="card csv-import">
            <summary>"Import projects from CSV"</summary>
            <p>
                "Rows are matched to projects by their code: known codes update the project, new codes create one. "
                "Portfolios, programmes and people are found by name or id. You see every change and problem before anything is saved."
            </p>
            <div class="field">
                <label for="csv-file">"CSV file"</label>
                <input id="csv-file" type="file" accept=".csv,text/csv" on:change=on_file/>
            </div>
            {move || match stage.get() {
                Stage::Idle => None,
                Stage::Failed(message) => Some(view! { <p class="error-box" role="alert">{message}</p> }.into_any()),
                Stage::Loaded { file, table } => {
                    let headings = table.headings.clone();
                    Some(view! {
                        <h3>{format!("“{file}”: {}", plural(table.len(), "row", None))}</h3>
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
