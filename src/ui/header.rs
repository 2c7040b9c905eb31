//! The app header: product name, organisation, main navigation and the save indicator.

use leptos::prelude::*;
use pmo_domain::route::Page;

use crate::app::state::{AppState, SaveStatus};

#[component]
pub fn Header() -> impl IntoView {
    let state = AppState::expect();
    // On a phone the navigation is a menu, closed once a page is chosen.
    let menu_open = RwSignal::new(false);
    let links = Page::NAV
        .iter()
        .map(|page| {
            let here = page.clone();
            let current = move || {
                state
                    .route
                    .with(|r| r.page.section() == Some(here.clone()))
                    .then_some("page")
            };
            view! {
                <li>
                    <a href=page.href() aria-current=current on:click=move |_| menu_open.set(false)>
                        {page.title()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <header class="app-header">
            <a class="brand" href="#/">
                <svg class="logo" viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
                    <rect x="2" y="2" width="9" height="9" rx="2"></rect>
                    <rect x="13" y="2" width="9" height="9" rx="2" opacity="0.6"></rect>
                    <rect x="2" y="13" width="9" height="9" rx="2" opacity="0.6"></rect>
                    <rect x="13" y="13" width="9" height="9" rx="2" opacity="0.35"></rect>
                </svg>
                <span>"PMO Workbench"</span>
            </a>
            <span class="org-name">{move || state.workspace.with(|w| w.organisation.name.clone())}</span>
            <button class="menu-toggle" type="button" aria-controls="main-nav"
                aria-expanded=move || menu_open.get().to_string()
                on:click=move |_| menu_open.update(|o| *o = !*o)>
                <span aria-hidden="true">"☰ "</span>"Menu"
            </button>
            <nav id="main-nav" aria-label="Main" class:open=move || menu_open.get()>
                <ul>{links}</ul>
            </nav>
            <crate::ui::confirm::UndoButtons/>
            <LiveIndicator/>
            <OfflineIndicator/>
            <SaveIndicator/>
        </header>
    }
}

/// "All changes saved" / "Saving…" / "Not saved" (also while a form holds a change with a
/// problem), always visible in the header.
#[component]
fn SaveIndicator() -> impl IntoView {
    let state = AppState::expect();
    let label = move || match state.status.get() {
        _ if !state.opened.get() => ("saving", "Opening…"),
        // A form holds a change it cannot save yet (its field says why).
        SaveStatus::Saved | SaveStatus::Unsaved if state.unsaved_form.with(Option::is_some) => {
            ("warn", "Not saved")
        }
        SaveStatus::Saved => ("saved", "All changes saved"),
        SaveStatus::Unsaved => ("saving", "Saving…"),
        SaveStatus::Newer { .. } => ("warn", "Read-only"),
        _ => ("warn", "Not saved"),
    };
    view! {
        <span class=move || format!("save-indicator {}", label().0) data-testid="save-indicator">
            {move || label().1}
        </span>
    }
}

/// Live sync's state, and who else is here, while a connection is set up.
#[component]
fn LiveIndicator() -> impl IntoView {
    use crate::app::live::LiveStatus;
    let state = AppState::expect();
    move || {
        let status = state.live.get();
        (status != LiveStatus::Off).then(|| {
            let people = state.present.get();
            let class = match status {
                LiveStatus::Live { .. } => "live-indicator on",
                LiveStatus::Connecting => "live-indicator",
                _ => "live-indicator warn",
            };
            let text = match (&status, people.len()) {
                (LiveStatus::Live { .. }, 0) => "Live".to_string(),
                (LiveStatus::Live { .. }, n) => format!("Live · {n} here"),
                (s, _) => s.label().to_string(),
            };
            let title = if people.is_empty() {
                "Live sync".to_string()
            } else {
                format!("Also here: {}", people.join(", "))
            };
            let label = format!("{text}. {title}");
            view! { <a class=class href="#/data" title=title aria-label=label>{text}</a> }
        })
    }
}

/// "Offline ready" once every file of this version is cached.
#[component]
fn OfflineIndicator() -> impl IntoView {
    let offline = crate::app::offline::Offline::expect();
    move || {
        offline.ready.get().then(|| {
            view! {
                <span class="offline-ready" title="Every file is stored in this browser: PMO Workbench works without a network">
                    "Offline ready"
                </span>
            }
        })
    }
}
