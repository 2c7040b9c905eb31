//! The empty state of a page: what it will hold, and the demo organisation one click away.

use leptos::prelude::*;

use crate::app::state::AppState;

/// Shown while the workspace is empty.
#[component]
pub fn DemoOffer(
    /// What this page shows once there is data.
    what: &'static str,
) -> impl IntoView {
    let state = AppState::expect();
    view! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">"No data yet"</h2>
            <p>{what}</p>
            <p>
                "Explore with a ready-made organisation — a CEO, an enterprise PMO, 3 portfolios, "
                "8 programmes and 40 projects — or bring your own on the Data page."
            </p>
            <p class="actions">
                <button class="primary" on:click=move |_| {
                    state.edit(|ws| *ws = pmo_domain::demo::demo_at(chrono::Local::now().date_naive()));
                    state.say("Demo organisation loaded");
                }>"Load demo organisation"</button>
                <a class="button" href="#/data">"Import your own data"</a>
            </p>
        </section>
    }
}
