//! The frame around every page: skip link, header, storage and update banners, the main
//! region, and the live region that announces what happened.

use leptos::prelude::*;
use pmo_domain::route::Page;

use crate::app::state::AppState;
use crate::ui::banners::{Banners, UpdateBanner};
use crate::ui::focus;
use crate::ui::header::Header;

/// The shell; `children` is the current page.
#[component]
pub fn Shell(children: ChildrenFn) -> impl IntoView {
    let state = AppState::expect();
    let route = state.route;
    // Keep the document title in step with the page (the browser tab, history, screen readers).
    Effect::new(move |_| {
        let title = route.with(|r| r.page.title());
        document().set_title(&format!("{title} · PMO Workbench"));
    });
    // After navigating, move focus to the page heading so keyboard and screen-reader users start there.
    Effect::new(move |previous: Option<Page>| {
        let page = route.with(|r| r.page.clone());
        if previous.is_some_and(|p| p != page) {
            // A new page starts at its top (with what is above its heading in view), as a
            // page loaded afresh would.
            window().scroll_to_with_x_and_y(0.0, 0.0);
            // A page loaded on first use draws its heading once its code is there (ten
            // seconds at most, at 60 frames a second).
            focus::once_drawn("#main h1", 600);
        }
        page
    });

    view! {
        <a class="skip-link" href="#main" on:click=move |e| {
            e.prevent_default();
            focus::now(&["#main"]);
        }>"Skip to content"</a>
        <Header/>
        <Banners/>
        <UpdateBanner/>
        <main id="main" tabindex="-1">
            <crate::ui::name_prompt::NamePrompt/>
            {children()}
        </main>
        <crate::ui::confirm::ConfirmationToast/>
        <div class="sr-only" role="status" aria-live="polite">
            {move || state.notice.get().unwrap_or_default()}
        </div>
    }
}
