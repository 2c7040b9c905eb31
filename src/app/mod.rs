//! The app layer: the state every page shares, and everything that talks to the browser
//! (storage, other tabs, the offline copy, files, the crash panel). It uses no UI code.

pub mod compactor;
pub mod crash;
pub mod download;
pub mod engine;
pub mod live;
pub mod offline;
pub mod state;
pub mod storage;
pub mod store;
pub mod sync;

use leptos::ev;
use leptos::prelude::*;
use pmo_domain::route::{parse, Page};

use state::{AppState, SaveStatus};

/// Build the shared state, provide it as context, and start everything that keeps it in step
/// with the browser: start-up from storage, autosave, other tabs, the offline copy, the address.
pub fn start() -> AppState {
    let (route, set_route) = signal(parse(&current_hash()));
    let state = AppState {
        workspace: RwSignal::new(pmo_domain::demo::empty()),
        meta: RwSignal::new(Default::default()),
        status: RwSignal::new(SaveStatus::Saved),
        changes: RwSignal::new(0),
        recovered_draft: RwSignal::new(false),
        opened: RwSignal::new(false),
        moved_from_local: RwSignal::new(false),
        repairs: RwSignal::new(Vec::new()),
        persisted: RwSignal::new(None),
        route,
        notice: RwSignal::new(None),
        last_portfolio: RwSignal::new(Page::Portfolio.href()),
        steps: RwSignal::new(Default::default()),
        confirmation: RwSignal::new(None),
        pending_label: StoredValue::new(None),
        pending_scope: StoredValue::new(None),
        history: RwSignal::new(0),
        unsaved_form: RwSignal::new(None),
        live: RwSignal::new(live::LiveStatus::Off),
        present: RwSignal::new(Vec::new()),
        not_fetched: RwSignal::new(false),
    };
    provide_context(state);
    state.meta.set(storage::load_meta());
    let offline = offline::start(state);
    engine::start(state, offline);
    // Leaving a form that holds unsaved changes asks first: another page of the app …
    let shown_hash = StoredValue::new(current_hash());
    let _ = window_event_listener(ev::hashchange, move |_| {
        let hash = current_hash();
        if let Some(what) = state.unsaved_form.get_untracked() {
            let leave = web_sys::window()
                .and_then(|w| {
                    w.confirm_with_message(&format!("Leave this page? You would lose {what}."))
                        .ok()
                })
                .unwrap_or(true);
            if !leave {
                // Stay: the address goes back to the form's page, which stays as it is.
                restore_hash(&shown_hash.get_value());
                return;
            }
            state.unsaved_form.set(None);
        }
        shown_hash.set_value(hash.clone());
        set_route.set(parse(&hash))
    });
    // … and so does closing or reloading the tab.
    let _ = window_event_listener(ev::beforeunload, move |ev| {
        // (An edit waiting for the data engine to start is not stored yet either.)
        if state.unsaved_form.with_untracked(Option::is_some) || engine::edit_waiting() {
            ev.prevent_default();
            ev.set_return_value("unsaved");
        }
    });
    leptos::task::spawn_local(async move {
        let result = storage::request_persistence().await;
        state.persisted.set(result);
    });
    state
}

/// Put `hash` back in the address without a navigation (after a refused leave).
fn restore_hash(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let href = window.location().href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{base}{hash}")),
        );
    }
}

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Go to `hash` (e.g. `#/portfolio?status=at-risk`). With `replace`, the current history entry
/// is replaced instead of adding one (for filters typed letter by letter).
pub fn navigate(hash: &str, replace: bool) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let location = window.location();
    if replace {
        // Replace the history entry without a navigation, then tell the router at once (a
        // `location.replace` would only report back through a later `hashchange` task).
        let href = location.href().unwrap_or_default();
        let base = href.split('#').next().unwrap_or_default();
        let url = format!("{base}{hash}");
        match window.history() {
            Ok(history)
                if history
                    .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url))
                    .is_ok() =>
            {
                if let Ok(ev) = web_sys::Event::new("hashchange") {
                    let _ = window.dispatch_event(&ev);
                }
            }
            _ => {
                let _ = location.replace(&url);
            }
        }
    } else {
        let _ = location.set_hash(hash);
    }
}
