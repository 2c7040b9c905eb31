//! Banners about the safety of the user's data: damaged or newer stored data, full storage,
//! another tab's newer save, an interrupted save recovered, an edit waiting for the code that
//! saves, and the export reminder.

use leptos::prelude::*;
use pmo_domain::storage::persist::export_reminder_due;

use crate::app::state::{AppState, SaveStatus};

/// One alert banner: a heading that names the problem, what it means, and what to do.
#[component]
fn Alert(
    /// `danger` (data at risk) or `warn` (nothing lost, but the user must choose).
    tone: &'static str,
    /// The heading, e.g. "Browser storage is full: your latest changes are not saved".
    title: &'static str,
    /// Explanation and actions.
    children: Children,
) -> impl IntoView {
    view! {
        <section class=format!("banner {tone}") role="alert" aria-labelledby="banner-title">
            <h2 id="banner-title">{title}</h2>
            {children()}
        </section>
    }
}

#[component]
pub fn Banners() -> impl IntoView {
    let state = AppState::expect();
    let reminder_dismissed = RwSignal::new(false);
    let start_clean_error = RwSignal::new(None::<String>);

    let export = move |_| state.export();
    let status_banner = move || {
        match state.status.get() {
        SaveStatus::Saved | SaveStatus::Unsaved => None,
        SaveStatus::Damaged { raw, reason, newer } => {
            let download = pmo_domain::storage::persist::readable(&raw);
            let title = if newer {
                "Your saved data is from a newer version of PMO Workbench and cannot be read here"
            } else {
                "Your saved data could not be read"
            };
            Some(
                view! {
                    <Alert tone="danger" title=title>
                        <p>{reason}</p>
                        <p>
                            "It has been left untouched in this browser. Download it to keep a copy (it may be "
                            "repairable), then choose how to go on. Until you do, nothing you change here is saved."
                        </p>
                        {move || start_clean_error.get().map(|e| view! { <p class="error">{e}</p> })}
                        <p class="actions">
                            <button class="primary" on:click=move |_| {
                                crate::app::download::save_file(
                                    download.file_name(),
                                    download.mime(),
                                    &download.text,
                                );
                            }>{if newer { "Download the data" } else { "Download damaged data" }}</button>
                            <button on:click=move |_| match crate::app::storage::set_aside_damaged(&raw) {
                                Ok(()) => {
                                    start_clean_error.set(None);
                                    state.status.set(SaveStatus::Saved);
                                    state.say("Started with an empty workspace; the damaged data is kept aside");
                                }
                                Err(e) => start_clean_error.set(Some(format!(
                                    "Could not keep the damaged data aside ({e}). Download it first; nothing was changed.",
                                ))),
                            }>"Start with an empty workspace"</button>
                        </p>
                    </Alert>
                }
                .into_any(),
            )
        }
        SaveStatus::Newer { found, supported, from_draft } => Some(
            view! {
                <Alert tone="warn" title="This data was saved by a newer version of PMO Workbench">
                    <p>
                        {format!(
                            "It uses format version {found}; this version of the app reads up to {supported}. \
                             It is kept untouched and nothing is changed here. Open the newer app, or export a copy.",
                        )}
                    </p>
                    {from_draft.then(|| view! {
                        <p>
                            "This version cannot read that data, so what you see read-only is your last save "
                            "made with this version (from an interrupted save)."
                        </p>
                    })}
                    <p class="actions">
                        <button on:click=export>"Export data"</button>
                    </p>
                </Alert>
            }
            .into_any(),
        ),
        SaveStatus::QuotaFull => Some(
            view! {
                <Alert tone="danger" title="Browser storage is full: your latest changes are not saved">
                    <p>
                        "They are kept in this tab only. Export your data now to keep them; saving resumes "
                        "by itself once there is room again."
                    </p>
                    <p class="actions">
                        <button class="primary" on:click=export>"Export data"</button>
                    </p>
                </Alert>
            }
            .into_any(),
        ),
        SaveStatus::Invalid(why) => Some(
            view! {
                <Alert tone="danger" title="Your latest change is not saved: it breaks a rule of the data">
                    <p>{format!("Saved, it could not be opened again ({why}). Undo or correct the change; until then it is kept in this tab only.")}</p>
                    <p class="actions">
                        <button class="primary" on:click=export>"Export data"</button>
                    </p>
                </Alert>
            }
            .into_any(),
        ),
        SaveStatus::Unavailable(why) => Some(
            view! {
                <Alert tone="danger" title="Browser storage is not available">
                    <p>{format!("Changes are kept in this tab only ({why}). Export your data to keep it.")}</p>
                    <p class="actions">
                        <button class="primary" on:click=export>"Export data"</button>
                    </p>
                </Alert>
            }
            .into_any(),
        ),
    }
    };

    let repairs = move || {
        let said = state.repairs.get();
        (!said.is_empty()).then(|| {
            view! {
                <section class="banner warn" role="alert" aria-labelledby="repairs-title">
                    <h2 id="repairs-title">"Changes made apart were merged, and the data was repaired"</h2>
                    <ul>{said.into_iter().map(|r| view! { <li>{r}</li> }).collect_view()}</ul>
                    <p class="actions">
                        <button class="link" on:click=move |_| state.repairs.set(Vec::new())>"Dismiss"</button>
                    </p>
                </section>
            }
        })
    };

    let moved = move || {
        state.moved_from_local.get().then(|| {
            view! {
                <section class="banner info" role="status">
                    <p>
                        "Your data moved to this browser's database, where tabs merge their changes. The copy "
                        "earlier versions kept is untouched as a backup; remove it on the Data page when you no longer need it."
                    </p>
                    <button class="link" on:click=move |_| state.moved_from_local.set(false)>"Dismiss"</button>
                </section>
            }
        })
    };

    let recovered = move || {
        state.recovered_draft.get().then(|| {
            view! {
                <section class="banner info" role="status">
                    <p>"The last save was interrupted. Your data was recovered from the verified draft of that save."</p>
                    <button class="link" on:click=move |_| state.recovered_draft.set(false)>"Dismiss"</button>
                </section>
            }
        })
    };

    let reminder = move || {
        let since = state.meta.with(|m| m.unexported_since);
        (!reminder_dismissed.get() && export_reminder_due(since, chrono::Utc::now())).then(|| {
            let date = since.map(|d| crate::ui::format::day(d.date_naive())).unwrap_or_default();
            view! {
                <section class="banner info" role="status" aria-label="Backup reminder">
                    <p>
                        {format!(
                            "Your changes since {date} are not in any export. Browsers can clear site data; keep a backup file.",
                        )}
                    </p>
                    <p class="actions">
                        <button on:click=export>"Export data"</button>
                        <button class="link" on:click=move |_| reminder_dismissed.set(true)>"Remind me later"</button>
                    </p>
                </section>
            }
        })
    };

    // An edit waits for the part of the code that saves (`app::engine`).
    let not_fetched = move || {
        state.not_fetched.get().then(|| {
            view! {
                <Alert tone="warn" title="Your latest change is not saved yet">
                    <p>
                        "It is on this page, but the part of PMO Workbench that saves could not be "
                        "fetched: the connection may be down. It is tried again by itself; keep this "
                        "tab open until the header says “All changes saved”."
                    </p>
                </Alert>
            }
        })
    };

    view! {
        <div class="banners">
            {status_banner}
            {not_fetched}
            {repairs}
            {moved}
            {recovered}
            {reminder}
        </div>
    }
}

/// "A new version is available": shown once a new deployment is installed next to this one.
/// Accepting saves the data first, then reloads into the new version.
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let state = AppState::expect();
    let offline = crate::app::offline::Offline::expect();
    let later = RwSignal::new(false);
    move || {
        (offline.update.get() && !later.get()).then(|| {
            view! {
                <section class="banner info update-banner" role="region" aria-label="Update">
                    <p>
                        <strong>"A new version of PMO Workbench is available."</strong>
                        " Reloading saves your data first; nothing is lost."
                    </p>
                    {move || offline.held_back.get().then(|| view! {
                        <p class="error" role="alert">{crate::app::offline::NOT_RELOADED}</p>
                    })}
                    <p class="actions">
                        <button class="primary" on:click=move |_| offline.apply_update(&state)>"Reload to update"</button>
                        <button on:click=move |_| later.set(true)>"Later"</button>
                    </p>
                </section>
            }
        })
    }
}
