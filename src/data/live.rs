//! "Live sync": connect this workspace to a sync server (the connection is `app::live`).

use leptos::prelude::*;

use crate::app::live::{self, LiveStatus};
use crate::app::state::AppState;
use crate::app::storage::{self, LiveSettings};

#[component]
pub fn LiveCard() -> impl IntoView {
    let state = AppState::expect();
    let origin = live::allowed_origin();
    let saved = storage::live_settings();
    let url = RwSignal::new(if saved.url.is_empty() {
        origin.clone().unwrap_or_default()
    } else {
        saved.url.clone()
    });
    let token = RwSignal::new(saved.token.clone());
    let room = RwSignal::new(if saved.room.is_empty() {
        "pmo".to_string()
    } else {
        saved.room.clone()
    });
    let problem = RwSignal::new(None::<String>);
    let connect = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let s = LiveSettings {
            url: url.get_untracked().trim().to_string(),
            token: token.get_untracked(),
            room: room.get_untracked().trim().to_string(),
            on: true,
        };
        if s.token.len() < 8 || s.room.is_empty() {
            problem.set(Some(
                "Give the server's token (at least 8 characters) and a workspace name.".into(),
            ));
            return;
        }
        match storage::save_live_settings(&s) {
            Ok(()) => {
                problem.set(None);
                live::connect(state);
            }
            Err(e) => problem.set(Some(format!("The settings could not be kept: {e:?}"))),
        }
    };
    let disconnect = move |_| {
        let mut s = storage::live_settings();
        s.on = false;
        let _ = storage::save_live_settings(&s);
        live::disconnect(state);
    };
    let disabled = origin.is_none();
    view! {
        <section class="card" aria-labelledby="live-title">
            <h2 id="live-title">"Live sync"</h2>
            {match origin.clone() {
                None => view! {
                    <p>
                        "This build connects to no server: it was built without a sync server address. "
                        "To sync live, run the sync server (" <code>"bash scripts/sync-server.sh"</code> ") and build the app with "
                        <code>"PMO_SYNC_ORIGIN=wss://your-server"</code> " (see the README)."
                    </p>
                }.into_any(),
                Some(o) => view! {
                    <p>{format!("Edits reach everyone connected to the same workspace on the sync server as they are made, and edits made offline are sent when the connection is back. This build may connect to {o} only.")}</p>
                }.into_any(),
            }}
            <p role="status" data-testid="live-status">
                <strong>{move || state.live.with(|s| s.label())}</strong>
                {move || match state.live.get() {
                    LiveStatus::Stopped(why) => Some(format!(": {why}")),
                    _ => None,
                }}
                {move || {
                    let people = state.present.get();
                    (!people.is_empty()).then(|| format!(" · also here: {}", people.join(", ")))
                }}
            </p>
            <form class="form-row" on:submit=connect>
                <div class="field">
                    <label for="live-url">"Server address"</label>
                    <input id="live-url" type="url" disabled=disabled prop:value=move || url.get()
                        on:input=move |ev| url.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="live-room">"Workspace name on the server"</label>
                    <input id="live-room" type="text" disabled=disabled prop:value=move || room.get()
                        on:input=move |ev| room.set(event_target_value(&ev))/>
                </div>
                <div class="field">
                    <label for="live-token">"Token"</label>
                    <input id="live-token" type="password" autocomplete="off" disabled=disabled prop:value=move || token.get()
                        on:input=move |ev| token.set(event_target_value(&ev))/>
                </div>
                <button class="primary" type="submit" disabled=disabled>"Connect"</button>
                <button type="button" disabled=move || state.live.with(|s| *s == LiveStatus::Off) on:click=disconnect>"Disconnect"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
            <p class="hint">"Everyone with the token may read and edit the whole workspace. The token is kept in this browser."</p>
        </section>
    }
}
