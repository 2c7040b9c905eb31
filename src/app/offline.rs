//! Offline use: registers the service worker (`public/sw.js`), says when every file is cached
//! ("Offline ready"), and notices a new deployment so the page can offer to reload into it.
//! The worker never takes over on its own: the user accepts, the data is saved, then the new
//! version is activated and the page reloads.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorkerRegistration, ServiceWorkerState};

/// What the page knows about its offline copy.
#[derive(Clone, Copy)]
pub struct Offline {
    /// Every file of this version is cached: the app works with no network.
    pub ready: RwSignal<bool>,
    /// A new version is installed and waits for the user.
    pub update: RwSignal<bool>,
    /// An update was accepted (here or in another tab) but this tab's changes could not be
    /// saved, so it was not reloaded.
    pub held_back: RwSignal<bool>,
    registration: StoredValue<Option<ServiceWorkerRegistration>, LocalStorage>,
}

impl Offline {
    pub fn expect() -> Self {
        expect_context::<Offline>()
    }

    /// Save, switch to the waiting version and reload into it. When the save fails (storage
    /// full, another tab's newer save …), nothing reloads: the banner says why, and the
    /// user can export first.
    pub fn apply_update(&self, state: &crate::app::state::AppState) {
        let (this, state) = (*self, *state);
        leptos::task::spawn_local(async move {
            if !crate::app::engine::save_now(&state).await {
                this.held_back.set(true);
                state.say(NOT_RELOADED);
                return;
            }
            this.held_back.set(false);
            this.switch();
        });
    }

    /// Hand over to the waiting version (or reload when there is none).
    fn switch(&self) {
        let waiting = self
            .registration
            .with_value(|r| r.as_ref().and_then(ServiceWorkerRegistration::waiting));
        match waiting {
            Some(w) => {
                let _ = w.post_message(&"skip-waiting".into());
            }
            // Nothing waiting (already activated elsewhere): a reload is enough.
            None => reload(),
        }
    }
}

impl Offline {
    /// Ask for a newer version now (when the tab comes back into view). A method rather than
    /// a context lookup: it runs from an event listener, where there is no reactive owner.
    pub fn check_for_update(&self) {
        if let Some(reg) = self.registration.get_value() {
            let _ = reg.update();
        }
    }
}

/// Said when an update would reload a tab whose changes could not be saved.
pub const NOT_RELOADED: &str = "Not reloaded: your latest changes could not be saved (see the banner). Export your data, then reload to update.";

fn reload() {
    if let Some(w) = web_sys::window() {
        let _ = w.location().reload();
    }
}

/// Watch a worker being installed: once installed while another version controls the page,
/// it is an update.
fn watch_installing(reg: &ServiceWorkerRegistration, update: RwSignal<bool>) {
    let Some(worker) = reg.installing() else {
        return;
    };
    let w = worker.clone();
    let on_state = Closure::<dyn Fn()>::new(move || {
        if w.state() == ServiceWorkerState::Installed && has_controller() {
            update.set(true);
        }
    });
    worker.set_onstatechange(Some(on_state.as_ref().unchecked_ref()));
    on_state.forget();
}

fn has_controller() -> bool {
    web_sys::window()
        .map(|w| w.navigator().service_worker())
        .and_then(|c| c.controller())
        .is_some()
}

/// Provide [`Offline`] and register the service worker (where the browser has them).
pub fn start(state: crate::app::state::AppState) -> Offline {
    let offline = Offline {
        ready: RwSignal::new(false),
        update: RwSignal::new(false),
        held_back: RwSignal::new(false),
        registration: StoredValue::new_local(None),
    };
    provide_context(offline);
    let Some(window) = web_sys::window() else {
        return offline;
    };
    // Not every browser (or context) has service workers; the app works without them.
    if !js_sys::Reflect::has(&window.navigator(), &"serviceWorker".into()).unwrap_or(false) {
        return offline;
    }
    let container = window.navigator().service_worker();
    // Reload once the new version has taken over (only after the user accepted an update,
    // here or in another tab; the first install also takes control, and that must not
    // reload). This tab saves first, and stays when its changes could not be saved.
    let on_change = Closure::<dyn Fn()>::new(move || {
        if offline.update.get_untracked() {
            leptos::task::spawn_local(async move {
                if crate::app::engine::save_now(&state).await {
                    reload();
                } else {
                    offline.held_back.set(true);
                    state.say(NOT_RELOADED);
                }
            });
        }
    });
    container.set_oncontrollerchange(Some(on_change.as_ref().unchecked_ref()));
    on_change.forget();

    let options = web_sys::RegistrationOptions::new();
    options.set_update_via_cache(web_sys::ServiceWorkerUpdateViaCache::None);
    let registering = container.register_with_options("./sw.js", &options);
    let Ok(ready) = container.ready() else {
        return offline;
    };
    leptos::task::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(registering).await else {
            return;
        };
        // A browser that blocks service workers may resolve with no registration at all.
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else {
            return;
        };
        if reg.waiting().is_some() && has_controller() {
            offline.update.set(true);
        }
        watch_installing(&reg, offline.update);
        let r = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || watch_installing(&r, offline.update));
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
        offline.registration.set_value(Some(reg));
        if wasm_bindgen_futures::JsFuture::from(ready).await.is_ok() {
            offline.ready.set(true);
        }
    });
    offline
}
