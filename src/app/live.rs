//! Live sync: this tab's connection to a Hocuspocus sync server (`sync-server/`). The
//! messages and the rules (protocol version, which copies may sync, presence) are in
//! `pmo_domain::live`; this module only moves bytes over a WebSocket and merges what arrives
//! the way a colleague's file is merged (`sync::merge_from_server`).
//!
//! - **Connecting** sends the token, this copy's state vector (sync step 1) and who is here.
//!   The server answers with its own step 1: this copy checks that the two share history
//!   (`live::may_sync`) before it sends or merges anything, and answers with what the server
//!   lacks (step 2) — the edits made while offline included.
//! - **Each edit** this tab stores is sent as it is stored (`send_update`, from `sync::persist`).
//! - **Lost connection**: the header says so, edits keep being stored here, and the tab tries
//!   again after 1, 2, 4 … 30 seconds; the step-1 exchange then catches both sides up.
//! - **Refusals** (a wrong token, another workspace, another protocol version) stop trying and
//!   say why.
//!
//! The settings (server, token, workspace name, on/off) are small settings in localStorage
//! (`storage::live_settings`). The build's Content-Security-Policy allows only the sync origin
//! given at build time (`PMO_SYNC_ORIGIN`, see `scripts/postbuild.mjs`); without one, live
//! sync is off and the app connects to nothing.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;

use leptos::prelude::*;
use pmo_domain::live::{self, Incoming, Protocol};
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{BinaryType, CloseEvent, MessageEvent, WebSocket};

use crate::app::state::AppState;
use crate::app::{storage, sync};

/// Where the connection stands, for the header and the Data page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveStatus {
    Off,
    Connecting,
    /// Connected and caught up.
    Live {
        read_only: bool,
    },
    /// The connection was lost; edits are kept and sent when it is back.
    Offline,
    /// Not trying any more, and why.
    Stopped(String),
}

impl LiveStatus {
    pub fn label(&self) -> &'static str {
        match self {
            LiveStatus::Off => "Not connected",
            LiveStatus::Connecting => "Connecting…",
            LiveStatus::Live { read_only: false } => "Live",
            LiveStatus::Live { read_only: true } => "Live (read only)",
            LiveStatus::Offline => "Offline: reconnecting",
            LiveStatus::Stopped(_) => "Stopped",
        }
    }
}

/// The origin this build may connect to (`PMO_SYNC_ORIGIN` at build time), if any.
pub fn allowed_origin() -> Option<String> {
    let doc = web_sys::window()?.document()?;
    let meta = doc.query_selector("meta[name='pmo-sync-origin']").ok()??;
    let origin = meta.get_attribute("content")?;
    (!origin.trim().is_empty()).then(|| origin.trim().to_string())
}

struct Conn {
    ws: WebSocket,
    room: String,
    /// The server announced this app's protocol, in this version.
    protocol_ok: bool,
    /// The server's copy shares history with this one (or one side is empty).
    checked: bool,
    /// Changes from the server that arrived before the check.
    waiting: Vec<Vec<u8>>,
    clock: u64,
    people: BTreeMap<u64, String>,
    _on_message: Closure<dyn FnMut(MessageEvent)>,
    _on_close: Closure<dyn FnMut(CloseEvent)>,
    _on_open: Closure<dyn FnMut()>,
}

thread_local! {
    static CONN: RefCell<Option<Conn>> = const { RefCell::new(None) };
    /// The next wait before reconnecting, in seconds.
    static BACKOFF: Cell<u32> = const { Cell::new(1) };
    /// Bumped by every connect and disconnect, so that a timer of an earlier one does nothing.
    static GENERATION: Cell<u64> = const { Cell::new(0) };
}

/// Connect with the saved settings, if they say so (at start-up, and after saving them).
pub fn start(state: AppState) {
    let s = storage::live_settings();
    if s.on {
        connect(state);
    }
}

/// Connect (again) with the saved settings.
pub fn connect(state: AppState) {
    disconnect_quietly();
    let s = storage::live_settings();
    let Some(origin) = allowed_origin() else {
        state.live.set(LiveStatus::Stopped(
            "This build has no sync server configured (PMO_SYNC_ORIGIN at build time).".into(),
        ));
        return;
    };
    if !s.url.starts_with(&origin) {
        state.live.set(LiveStatus::Stopped(format!(
            "This build may only connect to {origin}; the address given is {}.",
            s.url
        )));
        return;
    }
    let generation = GENERATION.with(|g| {
        g.set(g.get() + 1);
        g.get()
    });
    if sync::state_vector().is_none() {
        // The document is still loading (start-up): connect once it has.
        state.live.set(LiveStatus::Connecting);
        later(300, move || {
            if GENERATION.with(Cell::get) == generation {
                connect(state);
            }
        });
        return;
    }
    let ws = match WebSocket::new(&s.url) {
        Ok(ws) => ws,
        Err(_) => {
            state.live.set(LiveStatus::Stopped(format!(
                "“{}” is not a server address.",
                s.url
            )));
            return;
        }
    };
    ws.set_binary_type(BinaryType::Arraybuffer);
    state.live.set(LiveStatus::Connecting);
    let room = s.room.clone();
    let token = s.token.clone();
    let on_open = {
        let (ws, room) = (ws.clone(), room.clone());
        Closure::<dyn FnMut()>::new(move || {
            let _ = ws.send_with_u8_array(&live::auth(&room, &token));
            if let Some(sv) = sync::state_vector() {
                let _ = ws.send_with_u8_array(&live::sync_step1(&room, &sv));
            }
            send_presence(&ws, &room, 1);
        })
    };
    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(move |e: MessageEvent| {
        if let Ok(buf) = e.data().dyn_into::<js_sys::ArrayBuffer>() {
            received(state, &js_sys::Uint8Array::new(&buf).to_vec());
        }
    });
    let on_close = Closure::<dyn FnMut(CloseEvent)>::new(move |_e: CloseEvent| {
        closed(state, generation);
    });
    ws.set_onopen(Some(on_open.as_ref().unchecked_ref()));
    ws.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    ws.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    CONN.with_borrow_mut(|c| {
        *c = Some(Conn {
            ws,
            room,
            protocol_ok: false,
            checked: false,
            waiting: Vec::new(),
            clock: 1,
            people: BTreeMap::new(),
            _on_message: on_message,
            _on_close: on_close,
            _on_open: on_open,
        })
    });
}

/// Close the connection and stop trying.
pub fn disconnect(state: AppState) {
    disconnect_quietly();
    state.live.set(LiveStatus::Off);
    state.present.set(Vec::new());
}

fn disconnect_quietly() {
    GENERATION.with(|g| g.set(g.get() + 1));
    if let Some(c) = CONN.with_borrow_mut(Option::take) {
        c.ws.set_onclose(None);
        c.ws.set_onmessage(None);
        c.ws.set_onopen(None);
        let _ = c.ws.close();
    }
}

/// Stop with a reason shown to the user.
fn stop(state: AppState, why: String) {
    disconnect_quietly();
    state.live.set(LiveStatus::Stopped(why));
    state.present.set(Vec::new());
}

fn closed(state: AppState, generation: u64) {
    if GENERATION.with(Cell::get) != generation {
        return;
    }
    CONN.with_borrow_mut(|c| *c = None);
    state.live.set(LiveStatus::Offline);
    state.present.set(Vec::new());
    let wait = BACKOFF.with(|b| {
        let w = b.get();
        b.set((w * 2).min(30));
        w
    });
    later(wait * 1000, move || {
        if GENERATION.with(Cell::get) == generation {
            connect(state);
        }
    });
}

/// Run `f` once after `ms` milliseconds.
fn later(ms: u32, f: impl FnOnce() + 'static) {
    let f = Closure::once_into_js(f);
    if let Some(w) = web_sys::window() {
        let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
            f.unchecked_ref(),
            i32::try_from(ms).unwrap_or(i32::MAX),
        );
    }
}

fn send_presence(ws: &WebSocket, room: &str, clock: u64) {
    let name = storage::author();
    let name = (!name.trim().is_empty()).then_some(name);
    if let Some(client) = sync::client_id() {
        let _ = ws.send_with_u8_array(&live::presence(room, client, clock, name.as_deref()));
    }
}

/// Send a change this tab stored (nothing while not connected: the next connection's sync
/// steps carry it).
pub fn send_update(update: &[u8]) {
    CONN.with_borrow(|c| {
        if let Some(c) = c.as_ref().filter(|c| c.checked) {
            let _ = c.ws.send_with_u8_array(&live::update(&c.room, update));
        }
    });
}

fn received(state: AppState, bytes: &[u8]) {
    let Some(room) = CONN.with_borrow(|c| c.as_ref().map(|c| c.room.clone())) else {
        return;
    };
    let message = match live::read(&room, bytes) {
        Ok(m) => m,
        Err(e) => {
            // A damaged message is dropped, never applied; the tab keeps working.
            web_sys::console::warn_1(&format!("Live sync: {e}").into());
            return;
        }
    };
    match message {
        Incoming::Authenticated { read_only } => {
            BACKOFF.with(|b| b.set(1));
            if read_only {
                state.live.set(LiveStatus::Live { read_only: true });
            }
        }
        Incoming::Denied(_) => stop(
            state,
            "The server refused the token: check it on the Data page.".into(),
        ),
        Incoming::Stateless(text) => match live::protocol_of(&text) {
            Protocol::Ours => CONN.with_borrow_mut(|c| {
                if let Some(c) = c.as_mut() {
                    c.protocol_ok = true;
                }
            }),
            Protocol::OtherVersion(v) => stop(state, live::version_message(v)),
            Protocol::NotAnnouncement => {}
        },
        Incoming::SyncStep1(theirs) => server_state(state, &theirs),
        Incoming::SyncStep2(update) | Incoming::Update(update) => {
            let checked = CONN.with_borrow_mut(|c| match c.as_mut() {
                Some(c) if !c.checked => {
                    c.waiting.push(update.clone());
                    false
                }
                Some(_) => true,
                None => false,
            });
            if checked {
                merge(state, update);
            }
        }
        Incoming::Awareness(update) => {
            let Some(me) = sync::client_id() else { return };
            if let Ok(p) = live::presence_of(&update, me) {
                let names = CONN.with_borrow_mut(|c| {
                    let c = c.as_mut()?;
                    for id in p.gone {
                        c.people.remove(&id);
                    }
                    c.people.extend(p.here);
                    Some(c.people.values().cloned().collect::<Vec<_>>())
                });
                if let Some(names) = names {
                    state.present.set(names);
                }
            }
        }
        Incoming::QueryAwareness => CONN.with_borrow_mut(|c| {
            if let Some(c) = c.as_mut() {
                c.clock += 1;
                send_presence(&c.ws, &c.room, c.clock);
            }
        }),
        Incoming::SyncStatus(_) | Incoming::Close(_) => {}
    }
}

/// The server's first sync step: check that both copies belong together, answer with what
/// the server lacks, and merge what waited.
fn server_state(state: AppState, theirs: &[u8]) {
    let protocol_ok = CONN.with_borrow(|c| c.as_ref().is_some_and(|c| c.protocol_ok));
    if !protocol_ok {
        stop(
            state,
            "The server did not say it speaks PMO Workbench's sync protocol: is it a PMO Workbench sync server (sync-server/)?".into(),
        );
        return;
    }
    let Some((ours, has_data)) = sync::state_vector().map(|sv| (sv, sync::has_user_data())) else {
        return;
    };
    if !live::may_sync(&ours, has_data, theirs) {
        stop(
            state,
            "The server's workspace was made apart from this one: syncing would mix two workspaces. Use another workspace name, or start from the server's copy in an empty browser.".into(),
        );
        return;
    }
    let Some(answer) = sync::changes_since(theirs) else {
        return;
    };
    let waiting = CONN.with_borrow_mut(|c| {
        let c = c.as_mut()?;
        c.checked = true;
        let _ = c.ws.send_with_u8_array(&live::sync_step2(&c.room, &answer));
        Some(std::mem::take(&mut c.waiting))
    });
    for update in waiting.into_iter().flatten() {
        merge(state, update);
    }
    if !matches!(
        state.live.get_untracked(),
        LiveStatus::Live { read_only: true }
    ) {
        state.live.set(LiveStatus::Live { read_only: false });
    }
}

fn merge(state: AppState, update: Vec<u8>) {
    if let Err(why) = sync::merge_from_server(&state, update) {
        web_sys::console::warn_1(&format!("Live sync: a change was not applied: {why}").into());
    }
}
