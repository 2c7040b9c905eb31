//! "Share with colleagues": merge a colleague's document file after a preview of what it
//! changes (the rules are in `pmo_domain::document::share`).

use leptos::prelude::*;
use pmo_domain::document::history::Line;
use pmo_domain::document::share::{Conflict, Kept, Preview, Said};
use pmo_domain::store::file::{is_document_file, EXTENSION};
use pmo_domain::store::records::decode_doc;

use crate::app::state::AppState;

#[derive(Clone)]
enum Merge {
    Idle,
    Reading(String),
    Failed { file: String, message: String },
    Ready { file: String, preview: Box<Preview> },
}

/// Who made one side of a conflict, and when: "Amara, 3 Nov 14:05".
fn by(line: &Option<Line>) -> String {
    let Some(l) = line else {
        return String::new();
    };
    let who = if l.who.trim().is_empty() {
        "Someone"
    } else {
        l.who.trim()
    };
    let when = chrono::DateTime::from_timestamp_millis(l.at_ms)
        .map(|t| pmo_domain::common::text::day_time(&t.with_timezone(&chrono::Local)))
        .unwrap_or_default();
    format!("{who}, {when}")
}

fn said_list(items: Vec<Said>) -> impl IntoView {
    view! {
        <ul class="plain share-list">
            {items.into_iter().map(|s| view! { <li><strong>{s.subject}</strong>": "{s.text}</li> }).collect_view()}
        </ul>
    }
}

fn conflict_row(c: Conflict) -> impl IntoView {
    let side = |value: String, who: String, kept: bool| {
        view! {
            <td>
                {value}
                {(!who.is_empty()).then(|| view! { <br/><span class="muted">{who}</span> })}
                {kept.then(|| view! { <br/><strong>"Kept"</strong> })}
            </td>
        }
    };
    view! {
        <tr>
            <th scope="row">{c.subject}</th>
            <td>{c.field}</td>
            {side(c.ours.value, by(&c.ours.by), c.kept == Kept::Ours)}
            {side(c.theirs.value, by(&c.theirs.by), c.kept == Kept::Theirs)}
        </tr>
    }
}

#[component]
pub fn ShareCard(read_only: Memo<bool>) -> impl IntoView {
    let state = AppState::expect();
    let merge = RwSignal::new(Merge::Idle);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        merge.set(Merge::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            let failed = |message: String| Merge::Failed {
                file: name.clone(),
                message,
            };
            let next = match crate::app::download::read_bytes(&file).await {
                None => failed("The file could not be read.".into()),
                Some(bytes) if !is_document_file(&bytes) => failed(format!(
                    "This is not a document file (.{EXTENSION}). A colleague makes one with “Export the document”."
                )),
                Some(bytes) => match decode_doc(&bytes) {
                    Err(e) => failed(format!("The file cannot be read: {e}.")),
                    Ok(doc) => match crate::app::sync::preview_merge(&state, &doc) {
                        Ok(preview) => Merge::Ready {
                            file: name.clone(),
                            preview: Box::new(preview),
                        },
                        Err(message) => failed(message),
                    },
                },
            };
            merge.set(next);
        });
    };
    let apply = move |_| {
        if let Merge::Ready { file, preview } = merge.get_untracked() {
            if state.read_only() {
                return;
            }
            crate::app::sync::merge_file(&state, preview.update);
            merge.set(Merge::Idle);
            state.say(format!("Merged {file}"));
        }
    };
    view! {
        <section class="card" aria-labelledby="share-title">
            <h2 id="share-title">"Share with colleagues"</h2>
            <p>
                "Send a colleague the document file (“Export the document”). When they send theirs back, "
                "merge it here: both sets of changes are kept, and you see what it changes before anything does."
            </p>
            <p>
                "Collecting the month’s status from project managers? Run a "
                <a href=pmo_domain::route::Page::Round.href()>"status round"</a>
                ". Received a status request from your PMO? "
                <a href=pmo_domain::route::Page::Reply.href()>"Answer a status request"</a>"."
            </p>
            <div class="field">
                <label for="merge-file">"Merge a colleague’s file"</label>
                <input id="merge-file" type="file" accept=format!(".{EXTENSION}")
                    disabled=read_only on:change=on_file/>
            </div>
            {move || match merge.get() {
                Merge::Idle => None,
                Merge::Reading(file) => Some(view! { <p role="status">{format!("Comparing {file}…")}</p> }.into_any()),
                Merge::Failed { file, message } => Some(view! {
                    <div class="error-box" role="alert">
                        <h3>{format!("“{file}” was not merged")}</h3>
                        <p>{message}</p>
                        <p>"Your data has not been changed."</p>
                        <button class="link" on:click=move |_| merge.set(Merge::Idle)>"Dismiss"</button>
                    </div>
                }.into_any()),
                Merge::Ready { file, preview } if preview.nothing_new() => Some(view! {
                    <div class="confirm-box" role="region" aria-labelledby="merge-title">
                        <h3 id="merge-title">{format!("“{file}” holds nothing new")}</h3>
                        <p>"Everything in it is already in this workspace: merging it would change nothing."</p>
                        <button on:click=move |_| merge.set(Merge::Idle)>"Close"</button>
                    </div>
                }.into_any()),
                Merge::Ready { file, preview } => {
                    let p = *preview;
                    let conflicts = p.conflicts.len();
                    Some(view! {
                        <div class="confirm-box" role="region" aria-labelledby="merge-title">
                            <h3 id="merge-title">{format!("Merge “{file}”?")}</h3>
                            {p.adopts.then(|| view! { <p>"This browser has no data yet: the file’s workspace becomes this one."</p> })}
                            <p>{p.summary.clone()}</p>
                            {(!p.theirs.is_empty()).then(|| view! {
                                <h4>"What the file changes"</h4>
                                {said_list(p.theirs)}
                            })}
                            {(!p.ours.is_empty()).then(|| view! {
                                <h4>"What you changed that the file lacks (kept)"</h4>
                                {said_list(p.ours)}
                            })}
                            {(conflicts > 0).then(|| view! {
                                <h4>{crate::ui::format::plural(conflicts, "conflict", None)}</h4>
                                <p class="hint">"Both of you changed these. The merge keeps one value, the same in every copy; check it afterwards."</p>
                                <table class="compact">
                                    <thead><tr><th scope="col">"What"</th><th scope="col">"Field"</th><th scope="col">"Yours"</th><th scope="col">"Theirs"</th></tr></thead>
                                    <tbody>{p.conflicts.into_iter().map(conflict_row).collect_view()}</tbody>
                                </table>
                            })}
                            {(!p.repairs.is_empty()).then(|| view! {
                                <h4>"Rules the merge would break, and how they are mended"</h4>
                                <ul class="plain">{p.repairs.iter().map(|r| view! { <li>{r.clone()}</li> }).collect_view()}</ul>
                            })}
                            <p class="actions">
                                <button class="primary" on:click=apply>"Merge"</button>
                                <button on:click=move |_| merge.set(Merge::Idle)>"Cancel"</button>
                            </p>
                        </div>
                    }.into_any())
                }
            }}
        </section>
    }
}
