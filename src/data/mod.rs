//! Data: organisation settings, export and validated import, demo data, reset, and where the
//! data lives.

mod live;
mod share;

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::storage::import::{preview_import, ImportPreview};
use pmo_domain::storage::schema::DecodeError;
use pmo_domain::store::file::{is_document_file, preview_document_file, EXTENSION};
use pmo_domain::validate::{currency_code, organisation_name};
use pmo_domain::{PmoType, Workspace};

use crate::app::state::{AppState, SaveStatus};
use crate::ui::format::plural;

/// Where an import stands.
#[derive(Clone, PartialEq)]
enum ImportState {
    Idle,
    Reading(String),
    Failed {
        file: String,
        message: String,
        problems: Vec<String>,
    },
    Ready {
        file: String,
        preview: Box<ImportPreview>,
    },
}

/// Which destructive action waits for confirmation.
#[derive(Clone, Copy, PartialEq)]
enum Confirm {
    None,
    Demo,
    Reset,
}

fn summary(ws: &Workspace) -> String {
    let c = ws.counts();
    format!(
        "{}, {} and {}",
        plural(c.projects, "project", None),
        plural(c.people, "person", Some("people")),
        plural(c.assessments, "assessment", None),
    )
}

fn when(t: Option<chrono::DateTime<chrono::Utc>>) -> String {
    t.map(|t| {
        let local: chrono::DateTime<chrono::Local> = t.into();
        crate::ui::format::day_time(&local)
    })
    .unwrap_or_else(|| "never".into())
}

#[component]
pub fn DataPage() -> impl IntoView {
    let state = AppState::expect();
    let read_only =
        Memo::new(move |_| state.status.with(|s| matches!(s, SaveStatus::Newer { .. })));
    view! {
        <section class="page">
            <h1 tabindex="-1">"Data"</h1>
            <p class="lede">
                "Everything you enter stays in this browser. Export a backup file regularly, import one to move to "
                "another computer, or start from the demo organisation."
            </p>
            <div class="grid-2">
                <OrganisationForm read_only/>
                <Backup read_only/>
                <share::ShareCard read_only/>
                <live::LiveCard/>
                <DemoAndReset read_only/>
                <StorageInfo/>
            </div>
        </section>
    }
}

/// A labelled text input: valid input is applied at once, invalid input is explained under
/// the field and never reaches the data.
#[component]
fn TextField(
    /// Element id (also names the error message).
    id: &'static str,
    /// Visible label, which is also the accessible name.
    label: &'static str,
    /// The stored value.
    value: Signal<String>,
    /// Disable editing (data from a newer version).
    read_only: Memo<bool>,
    /// Check the typed text; `Ok` holds the value to store.
    check: Callback<String, Result<String, &'static str>>,
    /// Store a checked value.
    apply: Callback<String>,
    /// A short field (codes).
    #[prop(optional)]
    short: bool,
) -> impl IntoView {
    let error = RwSignal::new(None::<&'static str>);
    // The text as typed: shown as long as it means the stored value ("Acme " while typing
    // "Acme Ltd" is stored as "Acme"), so that normalising never eats what is being typed.
    let typed = RwSignal::new(None::<String>);
    let shown = move || {
        let stored = value.get();
        match typed.get_untracked() {
            Some(t) if check.run(t.clone()).as_deref() == Ok(stored.as_str()) => t,
            _ => stored,
        }
    };
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <input
                id=id
                type="text"
                class=if short { "mono" } else { "" }
                size=if short { "4" } else { "30" }
                maxlength=if short { "3" } else { "200" }
                prop:value=shown
                disabled=read_only
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                on:blur=move |_| typed.set(None)
                on:input=move |ev| match check.run({
                    let text = event_target_value(&ev);
                    typed.set(Some(text.clone()));
                    text
                }) {
                    Ok(v) => {
                        error.set(None);
                        apply.run(v);
                    }
                    Err(message) => error.set(Some(message)),
                }
            />
            <p id=error_id class="field-error" aria-live="polite">{move || error.get()}</p>
        </div>
    }
}

#[component]
fn OrganisationForm(read_only: Memo<bool>) -> impl IntoView {
    let state = AppState::expect();
    let org = move || state.workspace.with(|w| w.organisation.clone());
    view! {
        <section class="card" aria-labelledby="org-title">
            <h2 id="org-title">"Organisation"</h2>
            <TextField
                id="org-name"
                label="Organisation name"
                value=Signal::derive(move || org().name)
                read_only
                check=Callback::new(|v: String| organisation_name(&v))
                apply=Callback::new(move |v: String| state.edit_in(Scope::organisation(), |w| w.organisation.name = v))
            />
            <div class="field">
                <label for="pmo-type">"PMO type"</label>
                <select
                    id="pmo-type"
                    disabled=read_only
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        if let Some(t) = PmoType::ALL.iter().copied().find(|t| t.label() == value) {
                            state.edit_in(Scope::organisation(), |w| w.organisation.pmo_type = t);
                        }
                    }
                >
                    {PmoType::ALL
                        .iter()
                        .map(|t| {
                            let t = *t;
                            view! {
                                <option value=t.label() selected=move || org().pmo_type == t>{t.label()}</option>
                            }
                        })
                        .collect_view()}
                </select>
                <p class="hint">
                    "Supportive: templates and advice, PMs report to the business. Controlling: the PMO requires its "
                    "standards. Directive: PMs report into the PMO."
                </p>
            </div>
            <TextField
                id="currency"
                label="Currency"
                short=true
                value=Signal::derive(move || org().currency)
                read_only
                check=Callback::new(|v: String| currency_code(&v))
                apply=Callback::new(move |v: String| state.edit_in(Scope::organisation(), |w| w.organisation.currency = v))
            />
        </section>
    }
}

fn describe(error: &DecodeError) -> (String, Vec<String>) {
    let problems = match error {
        DecodeError::Invalid { problems } => problems.iter().map(|p| p.to_string()).collect(),
        DecodeError::UnknownFields { fields } => fields
            .iter()
            .map(|f| format!("{f}: not a field of this version (misspelt?)"))
            .collect(),
        _ => Vec::new(),
    };
    (error.to_string(), problems)
}

#[component]
fn Backup(read_only: Memo<bool>) -> impl IntoView {
    let state = AppState::expect();
    let import = RwSignal::new(ImportState::Idle);
    let on_file = move |ev: leptos::ev::Event| {
        let Some(file) = crate::app::download::take_chosen_file(&ev) else {
            return;
        };
        let name = file.name();
        import.set(ImportState::Reading(name.clone()));
        leptos::task::spawn_local(async move {
            let bytes = crate::app::download::read_bytes(&file).await;
            let next = match bytes {
                None => ImportState::Failed {
                    file: name,
                    message: "The file could not be read.".into(),
                    problems: Vec::new(),
                },
                Some(bytes) => {
                    // A document file, or the JSON export (which must be UTF-8 text).
                    let result = if is_document_file(&bytes) {
                        state
                            .workspace
                            .with_untracked(|ws| preview_document_file(&bytes, ws))
                    } else {
                        match std::str::from_utf8(&bytes) {
                            Ok(text) => state
                                .workspace
                                .with_untracked(|ws| preview_import(text, ws)),
                            Err(e) => Err(DecodeError::WrongKind {
                                detail: format!(
                                    "it is neither a JSON export nor a document file (byte {} is not UTF-8 text)",
                                    e.valid_up_to() + 1
                                ),
                            }),
                        }
                    };
                    match result {
                        Ok(preview) => ImportState::Ready {
                            file: name,
                            preview: Box::new(preview),
                        },
                        Err(e) => {
                            let (message, problems) = describe(&e);
                            ImportState::Failed {
                                file: name,
                                message,
                                problems,
                            }
                        }
                    }
                }
            };
            import.set(next);
        });
    };
    let export_document = move |_| match crate::app::sync::document_file() {
        Some(bytes) => {
            let day = chrono::Local::now().format("%Y-%m-%d");
            crate::app::download::save_bytes(
                &format!("pmo-workbench-document-{day}.{EXTENSION}"),
                "application/octet-stream",
                &bytes,
            );
            state.say("Document exported");
        }
        None => state.say("The document is still loading; try again in a moment"),
    };
    let apply = move |_| {
        if let ImportState::Ready { preview, file } = import.get_untracked() {
            if state.read_only() {
                return;
            }
            let ws = preview.envelope.workspace;
            state.edit_as(format!("Imported {file}"), |w| *w = ws);
            // What was imported is in a file already.
            state.meta.update(|m| m.unexported_since = None);
            import.set(ImportState::Idle);
            state.say(format!("Imported {file}"));
        }
    };
    view! {
        <section class="card" aria-labelledby="backup-title">
            <h2 id="backup-title">"Backup"</h2>
            <p>
                "An export is one JSON file with everything in this workspace. Keep it somewhere safe; "
                "import it here or in another browser to restore."
            </p>
            <p class="actions">
                <button class="primary" on:click=move |_| state.export()>"Export data"</button>
                <button on:click=export_document>"Export the document"</button>
            </p>
            <p class="muted" data-testid="last-export">
                {move || format!("Last exported: {}", when(state.meta.with(|m| m.last_export)))}
            </p>
            <p class="hint backup-note">
                "“Export the document” saves the data as this browser keeps it (a ." {EXTENSION} " file), "
                "with the history of who changed what. Import it here or in another browser."
            </p>
            <div class="field">
                <label for="import-file">"Import data"</label>
                <input
                    id="import-file"
                    type="file"
                    accept=format!(".json,application/json,.{EXTENSION}")
                    disabled=read_only
                    on:change=on_file
                />
                <p class="hint">"The file is checked completely before anything changes."</p>
            </div>
            {move || match import.get() {
                ImportState::Idle => None,
                ImportState::Reading(file) => Some(view! { <p role="status">{format!("Checking {file}…")}</p> }.into_any()),
                ImportState::Failed { file, message, problems } => Some(
                    view! {
                        <div class="error-box" role="alert">
                            <h3>{format!("“{file}” was not imported")}</h3>
                            <p>{message}</p>
                            {(!problems.is_empty()).then(|| view! {
                                <ul class="problems">
                                    {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
                                </ul>
                            })}
                            <p>"Your current data has not been changed."</p>
                            <button class="link" on:click=move |_| import.set(ImportState::Idle)>"Dismiss"</button>
                        </div>
                    }
                    .into_any(),
                ),
                ImportState::Ready { file, preview } => {
                    let exported = when(preview.envelope.exported_at);
                    Some(
                        view! {
                            <div class="confirm-box" role="region" aria-labelledby="import-title">
                                <h3 id="import-title">{format!("Replace your data with “{file}”?")}</h3>
                                <p>{format!("The file is valid (exported {exported}). Importing replaces everything in this workspace:")}</p>
                                <table class="compact">
                                    <thead><tr><th scope="col">"What"</th><th scope="col">"Now"</th><th scope="col">"After import"</th></tr></thead>
                                    <tbody>
                                        {preview
                                            .rows()
                                            .into_iter()
                                            .map(|(label, now, after)| view! {
                                                <tr class=if now == after { "" } else { "changed" }>
                                                    <th scope="row">{label}</th><td>{now}</td><td>{after}</td>
                                                </tr>
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                                <p class="actions">
                                    <button class="danger" on:click=apply>"Replace my data"</button>
                                    <button on:click=move |_| import.set(ImportState::Idle)>"Cancel import"</button>
                                </p>
                            </div>
                        }
                        .into_any(),
                    )
                }
            }}
        </section>
    }
}

#[component]
fn DemoAndReset(read_only: Memo<bool>) -> impl IntoView {
    let state = AppState::expect();
    let confirm = RwSignal::new(Confirm::None);
    let load_demo = move || {
        state.edit(|ws| *ws = pmo_domain::demo::demo_at(chrono::Local::now().date_naive()));
        confirm.set(Confirm::None);
        state.say("Demo organisation loaded");
    };
    let reset = move || {
        state.edit(|ws| *ws = pmo_domain::demo::empty());
        state.meta.update(|m| m.unexported_since = None);
        confirm.set(Confirm::None);
        state.say("Workspace reset");
    };
    view! {
        <section class="card" aria-labelledby="demo-title">
            <h2 id="demo-title">"Demo organisation and reset"</h2>
            <p>
                "The demo is a fictional group with an enterprise PMO, a programme PMO, 3 portfolios, 8 programmes, "
                "40 projects in every phase and status, and about 60 people."
            </p>
            <p class="actions">
                <button disabled=read_only on:click=move |_| {
                    if state.workspace.with_untracked(Workspace::has_user_data) {
                        confirm.set(Confirm::Demo);
                    } else {
                        load_demo();
                    }
                }>"Load demo organisation"</button>
                <button class="danger-outline" disabled=read_only on:click=move |_| confirm.set(Confirm::Reset)>
                    "Reset workspace"
                </button>
            </p>
            {move || {
                let what = state.workspace.with(summary);
                let cancel = Callback::new(move |_| confirm.set(Confirm::None));
                match confirm.get() {
                    Confirm::None => None,
                    Confirm::Demo => Some(view! {
                        <ConfirmBox
                            title="Replace your data with the demo?"
                            message=format!("This workspace holds {what}. Loading the demo replaces all of it.")
                            action="Replace with demo"
                            on_confirm=Callback::new(move |_| load_demo())
                            on_cancel=cancel
                        />
                    }),
                    Confirm::Reset => Some(view! {
                        <ConfirmBox
                            title="Delete everything in this workspace?"
                            message=format!("This removes {what} from this browser. Export first if you may need them.")
                            action="Delete everything"
                            on_confirm=Callback::new(move |_| reset())
                            on_cancel=cancel
                        />
                    }),
                }
            }}
        </section>
    }
}

/// Asks before replacing or deleting the user's data, offering an export first.
#[component]
fn ConfirmBox(
    /// The question, e.g. "Delete everything in this workspace?"
    title: &'static str,
    /// What will be lost.
    message: String,
    /// The label of the destructive button.
    action: &'static str,
    on_confirm: Callback<()>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <div class="confirm-box" role="alertdialog" aria-labelledby="confirm-title">
            <h3 id="confirm-title">{title}</h3>
            <p>{message}</p>
            <p class="actions">
                <button on:click=move |_| state.export()>"Export data first"</button>
                <button class="danger" on:click=move |_| on_confirm.run(())>{action}</button>
                <button on:click=move |_| on_cancel.run(())>"Cancel"</button>
            </p>
        </div>
    }
}

#[component]
fn StorageInfo() -> impl IntoView {
    let state = AppState::expect();
    let damaged: Vec<pmo_domain::storage::persist::Readable> =
        crate::app::storage::damaged_copies()
            .iter()
            .map(|raw| pmo_domain::storage::persist::readable(raw))
            .collect();
    // Bytes used against the quota; asked again after each save.
    let usage = LocalResource::new(move || {
        state.status.track();
        crate::app::store::usage()
    });
    let set_aside = LocalResource::new(move || {
        state.opened.track();
        crate::app::sync::set_aside_records()
    });
    let old_copy = RwSignal::new(crate::app::storage::has_old_copy());
    let old_copy_error = RwSignal::new(None::<String>);
    let author = RwSignal::new(crate::app::storage::author());
    view! {
        <section class="card" aria-labelledby="storage-title">
            <h2 id="storage-title">"Where your data lives"</h2>
            <dl class="facts">
                <dt>"Stored in"</dt>
                <dd>"This browser's database (IndexedDB), for this site only. Nothing is sent anywhere."</dd>
                <dt>"Save state"</dt>
                <dd data-testid="save-state">
                    {move || match state.status.get() {
                        SaveStatus::Saved => "All changes saved".to_string(),
                        SaveStatus::Unsaved => "Saving…".to_string(),
                        SaveStatus::Damaged { .. } => "Not saving: stored data is damaged (see the banner above)".into(),
                        SaveStatus::Newer { .. } => "Read-only: saved by a newer version".into(),
                        SaveStatus::QuotaFull => "Not saving: browser storage is full".into(),
                        SaveStatus::Unavailable(why) => format!("Not saving: {why}"),
                        SaveStatus::Invalid(why) => format!("Not saving: the latest change breaks a rule ({why})"),
                    }}
                </dd>
                <dt>"Space used"</dt>
                <dd data-testid="usage">
                    {move || match usage.get() {
                        Some(Some((used, quota))) if quota > 0.0 => format!(
                            "{} of {} this browser allows this site ({})",
                            bytes(used),
                            bytes(quota),
                            match used / quota * 100.0 {
                                p if p < 0.1 => "less than 0.1 %".to_string(),
                                p => format!("{p:.1} %"),
                            }
                        ),
                        Some(_) => "This browser does not say.".to_string(),
                        None => "Measuring…".to_string(),
                    }}
                </dd>
                <dt>"Persistent storage"</dt>
                <dd data-testid="persistence">
                    {move || match state.persisted.get() {
                        Some(true) => "Granted: the browser will not clear this data to free space.",
                        Some(false) => "Not granted: the browser may clear this data when space runs low or after a long time unused. Export regularly.",
                        None => "Unknown: this browser does not say. Export regularly.",
                    }}
                </dd>
                <dt>"Contents"</dt>
                <dd>{move || state.workspace.with(summary)}</dd>
                <dt>"Last export"</dt>
                <dd>{move || when(state.meta.with(|m| m.last_export))}</dd>
            </dl>
            <div class="field">
                <label for="author-name">"Your name in the change history"</label>
                <input id="author-name" type="text" autocomplete="name" maxlength="100"
                    prop:value=move || author.get()
                    on:change=move |ev| {
                        let name = event_target_value(&ev);
                        match crate::app::storage::set_author(&name) {
                            Ok(()) => {
                                author.set(name.trim().to_string());
                                state.say("Your name for the change history is saved");
                            }
                            Err(e) => state.say(format!("Your name was not saved: {e}")),
                        }
                    }/>
            </div>
            {move || old_copy.get().then(|| view! {
                <div class="old-copy">
                    <p>
                        "The copy of your data that earlier versions kept in this browser's local storage "
                        "is still there, untouched, as a backup. Your data now lives in the database above."
                    </p>
                    {move || old_copy_error.get().map(|e| view! { <p class="error">{e}</p> })}
                    <p class="actions">
                        <button on:click=move |_| {
                            if let Some(raw) = crate::app::storage::old_copy() {
                                let copy = pmo_domain::storage::persist::readable(&raw);
                                crate::app::download::save_file(copy.file_name(), copy.mime(), &copy.text);
                            }
                        }>"Download the old copy"</button>
                        <button class="danger" on:click=move |_| match crate::app::storage::remove_old_copy() {
                            Ok(()) => {
                                old_copy.set(false);
                                state.say("The old copy was removed");
                            }
                            Err(e) => old_copy_error.set(Some(format!("The old copy was not removed: {e}"))),
                        }>"Remove the old copy"</button>
                    </p>
                </div>
            })}
            {move || {
                let records = set_aside.get().unwrap_or_default();
                (!records.is_empty()).then(|| {
                    let n = records.len();
                    view! {
                        <p>{format!(
                            "{} of the stored data could not be read and {} kept aside here.",
                            pmo_domain::common::text::plural(n, "part", None),
                            pmo_domain::common::text::is_are(n),
                        )}</p>
                        <p class="actions">
                            <button on:click=move |_| crate::app::sync::download_set_aside(&records)>
                                "Download the parts kept aside"
                            </button>
                        </p>
                    }
                })
            }}
            {(!damaged.is_empty()).then(|| {
                let n = damaged.len();
                view! {
                    <p class="actions">
                        {damaged
                            .into_iter()
                            .enumerate()
                            .map(|(i, copy)| {
                                let label = if n == 1 {
                                    "Download damaged data kept aside".to_string()
                                } else {
                                    format!("Download damaged data kept aside ({} of {n})", i + 1)
                                };
                                view! {
                                    <button on:click=move |_| crate::app::download::save_file(
                                        copy.file_name(),
                                        copy.mime(),
                                        &copy.text,
                                    )>{label}</button>
                                }
                            })
                            .collect_view()}
                    </p>
                }
            })}
        </section>
    }
}

/// A size for people: "3.2 MB".
fn bytes(n: f64) -> String {
    if n >= 1e9 {
        format!("{:.1} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else {
        format!("{:.0} kB", (n / 1e3).max(1.0))
    }
}
