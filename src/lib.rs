//! PMO Workbench: the Leptos app. Components stay thin; the rules live in `pmo_domain`.

use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use pmo_domain::persist::{decide_incoming, Incoming, Startup};
use pmo_domain::route::{parse, Page};
use pmo_domain::Workspace;

pub mod components;
pub mod crash;
pub mod download;
pub mod offline;
pub mod pages;
pub mod state;
pub mod storage;

use components::banners::Banners;
use components::header::Header;
use state::{AppState, SaveStatus};

/// Delay between the last change and the autosave.
const AUTOSAVE_DELAY: Duration = Duration::from_millis(300);

fn current_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default()
}

/// Stored text as readable JSON, for the end-to-end tests (`window.wasmBindings.stored_as_json`)
/// and anyone inspecting their data from the console.
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn stored_as_json(stored: &str) -> Option<String> {
    pmo_domain::schema::stored_as_json(stored)
}

/// Open whatever storage holds and put it into the state.
fn load_startup(state: &AppState) {
    // Marks where reading storage starts, for the browser benchmark (scripts/perf.mjs).
    if let Some(perf) = web_sys::window().and_then(|w| w.performance()) {
        let _ = perf.mark("pmo:load-start");
    }
    match storage::startup() {
        Startup::Fresh => {
            state.workspace.set(Workspace::empty());
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
            if let pmo_domain::schema::DecodeError::Invalid { problems } = &error {
                for p in problems.iter().take(5) {
                    reason.push_str(&format!(" {p}."));
                }
                if problems.len() > 5 {
                    reason.push_str(&format!(" … and {} more.", problems.len() - 5));
                }
            }
            state.workspace.set(Workspace::empty());
            let newer = matches!(error, pmo_domain::schema::DecodeError::NewerVersion { .. });
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
fn sync_with_storage(state: AppState, offline: offline::Offline) {
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

/// Load whatever another tab saved last, discarding this tab's unsaved changes.
pub fn reload_from_storage(state: &AppState) {
    load_startup(state);
    state.say("Loaded the data saved most recently");
}

/// The whole app: header, storage banners, the current page.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(parse(&current_hash()));
    let state = AppState {
        workspace: RwSignal::new(Workspace::empty()),
        meta: RwSignal::new(Default::default()),
        status: RwSignal::new(SaveStatus::Saved),
        changes: RwSignal::new(0),
        recovered_draft: RwSignal::new(false),
        persisted: RwSignal::new(None),
        route,
        notice: RwSignal::new(None),
        last_register: RwSignal::new(Page::Portfolio.href()),
        undo: RwSignal::new(None),
        org_undo: RwSignal::new(Vec::new()),
    };
    provide_context(state);
    load_startup(&state);
    let offline = offline::start(state);
    sync_with_storage(state, offline);

    let _ = window_event_listener(ev::hashchange, move |_| {
        set_route.set(parse(&current_hash()))
    });
    leptos::task::spawn_local(async move {
        let result = storage::request_persistence().await;
        state.persisted.set(result);
    });

    // Only a change of page re-renders the page; a change of its parameters (filters) does not.
    let page = Memo::new(move |_| route.with(|r| r.page.clone()));
    // Keep the document title in step with the page (the browser tab, history, screen readers).
    Effect::new(move |_| {
        let title = route.with(|r| r.page.title());
        document().set_title(&format!("{title} · PMO Workbench"));
    });
    // After navigating, move focus to the page heading so keyboard and screen-reader users start there.
    Effect::new(move |previous: Option<Page>| {
        let page = route.with(|r| r.page.clone());
        if previous.is_some_and(|p| p != page) {
            request_animation_frame(|| {
                if let Some(h) = document()
                    .query_selector("#main h1")
                    .ok()
                    .flatten()
                    .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok())
                {
                    let _ = h.focus();
                }
            });
        }
        page
    });

    view! {
        <a class="skip-link" href="#main" on:click=move |e| {
            e.prevent_default();
            if let Some(m) = document().get_element_by_id("main") {
                if let Ok(m) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(m) {
                    let _ = m.focus();
                }
            }
        }>"Skip to content"</a>
        <Header/>
        <Banners/>
        <components::banners::UpdateBanner/>
        <main id="main" tabindex="-1">
            {move || pages::render(page.get())}
        </main>
        <div class="sr-only" role="status" aria-live="polite">
            {move || state.notice.get().unwrap_or_default()}
        </div>
    }
}
