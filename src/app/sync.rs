//! Keeping the workspace and browser storage in step: start-up, the debounced autosave, the
//! flush when the tab is hidden, and changes saved by other tabs.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use pmo_domain::storage::persist::{decide_incoming, Incoming, Startup};

use crate::app::offline;
use crate::app::state::{AppState, SaveStatus};
use crate::app::storage;

/// Delay between the last change and the autosave.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

/// Open whatever storage holds and put it into the state.
pub fn load_startup(state: &AppState) {
    // Marks where reading storage starts, for the browser benchmark (scripts/perf.mjs).
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("pmo:load-start");
    }
    match storage::startup() {
        Startup::Fresh => {
            state.workspace.set(pmo_domain::demo::empty());
            state.status.set(SaveStatus::Saved);
        }
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            state.replace(envelope);
            state.recovered_draft.set(from_draft);
            state.status.set(SaveStatus::Saved);
        }
        Startup::Damaged { raw, error } => {
            let mut reason = error.to_string();
            if let pmo_domain::storage::schema::DecodeError::Invalid { problems } = &error {
                for p in problems.iter().take(5) {
                    reason.push_str(&format!(" {p}."));
                }
                if problems.len() > 5 {
                    reason.push_str(&format!(" … and {} more.", problems.len() - 5));
                }
            }
            state.workspace.set(pmo_domain::demo::empty());
            let newer = matches!(
                error,
                pmo_domain::storage::schema::DecodeError::NewerVersion { .. }
            );
            state.status.set(SaveStatus::Damaged { raw, reason, newer });
        }
        Startup::Newer {
            found,
            supported,
            workspace,
            from_draft,
            ..
        } => {
            state.workspace.set(workspace);
            state.status.set(SaveStatus::Newer {
                found,
                supported,
                from_draft,
            });
        }
    }
}

/// Write the workspace now (if saving is allowed) and record the outcome. Returns whether
/// the tab may be left (reloaded, updated) without losing anything.
pub fn save_now(state: &AppState) -> bool {
    if !state.status.get_untracked().can_save() {
        return state.status.get_untracked().safe_to_leave();
    }
    let result = state.workspace.with_untracked(|ws| {
        state
            .meta
            .with_untracked(|meta| storage::save(ws, meta, chrono::Utc::now()))
    });
    state.status.set(match result {
        Ok(_) => SaveStatus::Saved,
        Err(storage::SaveError::Stale { stored }) => SaveStatus::Stale { stored },
        Err(storage::SaveError::Blocked) => SaveStatus::Blocked,
        Err(storage::SaveError::QuotaFull) => SaveStatus::QuotaFull,
        Err(storage::SaveError::Failed(why)) => SaveStatus::Unavailable(why),
        Err(storage::SaveError::Invalid(why)) => SaveStatus::Invalid(why),
    });
    state.status.get_untracked().safe_to_leave()
}

/// Debounced autosave, flush on hide, and updates from other tabs.
pub fn sync_with_storage(state: AppState, offline: offline::Offline) {
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let cancel = move || {
        if let Some(h) = pending.try_update_value(Option::take).flatten() {
            h.clear();
        }
    };
    Effect::new(move |previous: Option<u64>| {
        let n = state.changes.get();
        if previous.is_some_and(|p| p != n) {
            cancel();
            if state.status.get_untracked() == SaveStatus::Saved {
                state.status.set(SaveStatus::Unsaved);
            }
            let handle = set_timeout_with_handle(
                move || {
                    pending.set_value(None);
                    save_now(&state);
                },
                AUTOSAVE_DELAY,
            )
            .ok();
            pending.set_value(handle);
        }
        n
    });
    let flush = move || {
        if pending.with_value(Option::is_some) {
            cancel();
            save_now(&state);
        }
    };
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        let hidden = document().visibility_state() == web_sys::VisibilityState::Hidden;
        if hidden {
            flush();
        } else {
            // Back in view: look for a new deployment.
            offline.check_for_update();
        }
    });
    let _ = window_event_listener(ev::pagehide, move |_| flush());
    let _ = window_event_listener(ev::storage, move |ev| {
        let Some(new_value) = storage::primary_changed(&ev) else {
            return;
        };
        let status = state.status.get_untracked();
        if matches!(
            status,
            SaveStatus::Newer { .. } | SaveStatus::Damaged { .. }
        ) {
            return;
        }
        let dirty = pending.with_value(Option::is_some) || status != SaveStatus::Saved;
        match decide_incoming(new_value.as_deref(), storage::base_revision(), dirty) {
            Incoming::Adopt(env) => {
                storage::adopt_revision(env.revision);
                state.replace(*env);
                state.status.set(SaveStatus::Saved);
                state.say("Updated with changes saved in another tab");
            }
            Incoming::Conflict { stored } => state.status.set(SaveStatus::Stale { stored }),
            Incoming::Ignore => {}
        }
    });
}

/// Load whatever another tab saved last, discarding this tab's unsaved changes.
pub fn reload_from_storage(state: &AppState) {
    load_startup(state);
    state.say("Loaded the data saved most recently");
}
