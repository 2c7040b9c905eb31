//! Start-up's first read, and the hand-over to the data engine (issue 20).
//!
//! The data engine is everything that holds or reads the workspace's CRDT document: committing
//! edits, merging other tabs' and the server's changes, compaction, undo, live sync
//! ([`crate::app::sync`], [`crate::app::live`]). It is most of the data layer's code, and a
//! first page needs none of it: start-up here opens the store and draws the snapshot's view (or,
//! on a first visit, the empty workspace), and the engine's code is a part of its own
//! (`scripts/split.mjs`) loaded after that:
//! - at once when the store holds data, an earlier version's copy waits in localStorage,
//!   changes a closing tab kept aside wait, or live sync is on;
//! - otherwise (a first visit) at the first need: an edit, a page other than the dashboard
//!   (every part's pages may use the engine), or a change another tab stored.
//!
//! An edit made before the engine runs stays in the workspace and is committed as soon as it
//! does (the header says "Saving…" meanwhile, and closing the tab asks first); while the
//! engine's code cannot be fetched, it is tried again and a banner says the change is not saved
//! yet (`AppState::not_fetched`). Without the
//! `split` feature (tests, `cargo check`) the engine's code is always there, and it starts the
//! same way.

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use pmo_domain::store::open::{quick_view, Stored};
use pmo_domain::store::CHANNEL;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;

use crate::app::offline::Offline;
use crate::app::state::{AppState, SaveStatus};
use crate::app::storage;
use crate::app::store::Store;
use crate::app::sync;

/// What start-up found, handed to the engine when it starts.
pub enum Found {
    /// No database could be opened (why): only localStorage can be read.
    NoStore(String),
    /// The store was empty. The empty workspace is on screen unless an earlier version's copy
    /// waits in localStorage (then nothing is, and the engine moves that copy in).
    Empty { store: Store, generation: f64 },
    /// The store holds data; `view`: the snapshot's view, which is on screen.
    Stored {
        store: Store,
        stored: Stored,
        generation: f64,
        view: Option<Box<pmo_domain::Workspace>>,
    },
}

/// Everything the engine starts from.
pub struct Begin {
    pub state: AppState,
    pub offline: Offline,
    /// This tab's client id in the document (also the tag of the ids it makes).
    pub client: u64,
    pub found: Found,
    /// The app's reactive owner, under which the engine's effects run.
    pub owner: Option<Owner>,
}

thread_local! {
    /// Start-up's findings, until the engine starts.
    static WAITING: RefCell<Option<Begin>> = const { RefCell::new(None) };
    /// The engine runs (its code is loaded and it has started).
    static RUNNING: Cell<bool> = const { Cell::new(false) };
    /// Something needed the engine (it starts as soon as start-up hands over).
    static WANTED: Cell<bool> = const { Cell::new(false) };
    /// [`wake`] is loading the engine's code.
    static TRYING: Cell<bool> = const { Cell::new(false) };
}

/// Open the store and draw what it holds, then hand over to the engine.
pub fn start(state: AppState, offline: Offline) {
    // (A page mounts the app once; the browser tests mount it again in the same page.)
    RUNNING.set(false);
    WANTED.set(false);
    let client = sync::random_client();
    // Ids made in this tab differ from those another tab or browser makes at the same moment.
    pmo_domain::common::ids::set_copy_tag(client);
    sync::mark("pmo:load-start");
    // The author's name is read (and watched) now rather than by the first edit.
    let _ = storage::author();
    let owner = Owner::current();
    leptos::task::spawn_local(async move {
        let (found, now) = open(state).await;
        let Some(found) = found else { return };
        WAITING.with_borrow_mut(|w| {
            *w = Some(Begin {
                state,
                offline,
                client,
                found,
                owner,
            })
        });
        if now || WANTED.get() || storage::has_stashed() || storage::live_settings().on {
            wake();
        } else {
            wake_on_tab_message();
        }
    });
}

/// Read the store and draw what it holds. Returns what the engine starts from (`None`: the
/// store could not be read, and there is nothing to start) and whether it must start now.
async fn open(state: AppState) -> (Option<Found>, bool) {
    let store = match Store::open().await {
        Ok(store) => store,
        Err(e) => return (Some(Found::NoStore(e.to_string())), true),
    };
    let (stored, generation) = match store.read_all().await {
        Ok(read) => read,
        Err(e) => {
            state.status.set(SaveStatus::Unavailable(e.to_string()));
            state.opened.set(true);
            return (None, false);
        }
    };
    sync::mark("pmo:read");
    if stored.is_empty() {
        if storage::has_old_copy() {
            // The engine moves the old copy in, and shows it.
            return (Some(Found::Empty { store, generation }), true);
        }
        state.workspace.set(pmo_domain::demo::empty());
        state.status.set(SaveStatus::Saved);
        state.opened.set(true);
        return (Some(Found::Empty { store, generation }), false);
    }
    let view = quick_view(&stored).map(|v| Box::new(v.workspace));
    sync::mark("pmo:view-decoded");
    if let Some(view) = &view {
        // Draw the first page from the view; the engine loads the document once it is on
        // screen.
        state.workspace.set(view.as_ref().clone());
        state.opened.set(true);
        sync::next_task().await;
        sync::next_task().await;
    }
    let found = Found::Stored {
        store,
        stored,
        generation,
        view,
    };
    (Some(found), true)
}

/// Start the engine in the background (as soon as start-up hands over). While its code cannot
/// be fetched (the connection dropped before the offline copy was made), it is tried again,
/// less and less often: an edit waits in the workspace meanwhile.
pub fn wake() {
    WANTED.set(true);
    if WAITING.with_borrow(Option::is_some) && !TRYING.replace(true) {
        leptos::task::spawn_local(async {
            let state = WAITING.with_borrow(|w| w.as_ref().map(|b| b.state));
            let mut delay = 1000;
            while !ensure().await && WAITING.with_borrow(Option::is_some) {
                if let Some(state) = state.filter(|_| sync::edited()) {
                    // The banner says so (`ui::banners`).
                    state.not_fetched.set(true);
                }
                sync::next_task_after(delay).await;
                delay = (delay * 2).min(30_000);
            }
            if let Some(state) = state {
                state.not_fetched.set(false);
            }
            TRYING.set(false);
        });
    }
}

/// On a first visit, a change another tab stores starts the engine (which reads the store
/// again). The channel is closed once it has.
fn wake_on_tab_message() {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let listening = channel.clone();
    let on_message = Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |_| {
        listening.close();
        wake();
    });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
}

/// Load the engine's code and start the engine if it waits. Returns whether its code is here
/// (false: it could not be fetched; a later call tries again).
pub async fn ensure() -> bool {
    if RUNNING.get() && WAITING.with_borrow(Option::is_none) {
        return true;
    }
    WANTED.set(true);
    if !load().await {
        return false;
    }
    if let Some(begin) = WAITING.with_borrow_mut(Option::take) {
        RUNNING.set(true);
        call(Op::Begin(Box::new(begin)));
    }
    true
}

/// An edit waits for the engine to start (leaving the tab now would lose it).
pub fn edit_waiting() -> bool {
    !RUNNING.get() && sync::edited()
}

/// Note an edit: committed by the engine, which starts if it has not.
pub fn note_edit() {
    sync::note_edit();
    if !RUNNING.get() {
        wake();
    }
}

/// Commit what waits for the typing pause now (once the engine runs; before, it commits every
/// edit as it starts).
pub fn save_now_sync(state: &AppState) {
    if RUNNING.get() {
        call(Op::Commit(*state));
    }
}

/// Save everything now and wait until the store has it (before a reload into a new version).
/// Returns whether nothing is lost by leaving.
pub async fn save_now(state: &AppState) -> bool {
    if !ensure().await {
        return !sync::edited();
    }
    match call(Op::SaveNow(*state)) {
        Some(Reply::Wait(saved)) => saved.await,
        _ => false,
    }
}

/// Take back this tab's last edit.
pub fn undo(state: &AppState) {
    if RUNNING.get() {
        call(Op::Undo(*state));
    }
}

/// Make again the last edit taken back.
pub fn redo(state: &AppState) {
    if RUNNING.get() {
        call(Op::Redo(*state));
    }
}

/// The workspace this tab last committed, as readable JSON, for the crash panel (`None` before
/// the engine runs: what is on screen then is what the store holds).
pub fn crash_snapshot() -> Option<String> {
    if !RUNNING.get() {
        return None;
    }
    match call(Op::CrashSnapshot) {
        Some(Reply::Text(text)) => text,
        _ => None,
    }
}

/// What the store holds, read the way a start-up reads it, as the JSON of an export (exported
/// by `src/main.rs` for the end-to-end tests and the console). `None` when nothing is stored.
pub async fn stored_json() -> Option<String> {
    let store = Store::open().await.ok()?;
    let (stored, _) = store.read_all().await.ok()?;
    if stored.is_empty() || !load().await {
        return None;
    }
    match call(Op::StoredJson(stored)) {
        Some(Reply::Text(text)) => text,
        _ => None,
    }
}

/// Stored text (an export, or what an earlier version kept in localStorage) as readable JSON
/// (exported by `src/main.rs` for the console).
pub async fn stored_as_json(stored: String) -> Option<String> {
    if !load().await {
        return None;
    }
    match call(Op::StoredAsJson(stored)) {
        Some(Reply::Text(text)) => text,
        _ => None,
    }
}

/// What the engine is asked to do.
pub enum Op {
    Begin(Box<Begin>),
    Commit(AppState),
    SaveNow(AppState),
    Undo(AppState),
    Redo(AppState),
    CrashSnapshot,
    StoredJson(Stored),
    StoredAsJson(String),
}

/// The engine's answer.
pub enum Reply {
    Done,
    Text(Option<String>),
    Wait(Pin<Box<dyn Future<Output = bool>>>),
}

/// Do `op` in the engine's code (which [`load`] has loaded): the engine's one entry point.
fn run(op: Op) -> Reply {
    match op {
        Op::Begin(begin) => sync::begin(*begin),
        Op::Commit(state) => sync::save_now_sync(&state),
        Op::SaveNow(state) => {
            return Reply::Wait(Box::pin(async move { sync::save_now(&state).await }))
        }
        Op::Undo(state) => sync::undo(&state),
        Op::Redo(state) => sync::redo(&state),
        Op::CrashSnapshot => return Reply::Text(sync::crash_snapshot()),
        Op::StoredJson(stored) => return Reply::Text(sync::json_of_stored(&stored)),
        Op::StoredAsJson(text) => {
            return Reply::Text(pmo_domain::storage::schema::stored_as_json(&text))
        }
    }
    Reply::Done
}

#[cfg(not(feature = "split"))]
async fn load() -> bool {
    true
}

#[cfg(not(feature = "split"))]
fn call(op: Op) -> Option<Reply> {
    Some(run(op))
}

#[cfg(feature = "split")]
use split::{call, load};

#[cfg(feature = "split")]
mod split {
    use super::*;
    use wasm_split_helpers::{wasm_split, SplitLoaderError};

    /// The engine's answer handed back across the split point, or its part's failure to load.
    pub struct Answer(Option<Reply>);

    impl From<SplitLoaderError> for Answer {
        fn from(_: SplitLoaderError) -> Self {
            Answer(None)
        }
    }

    // The engine's one split point: once `load` is done, it returns at its first poll.
    #[wasm_split(engine, fallible, preload(load_engine))]
    fn engine(op: Op) -> Result<Answer, Answer> {
        Ok(Answer(Some(run(op))))
    }

    pub async fn load() -> bool {
        load_engine().await.is_ok()
    }

    /// `op` done by the engine's code, which must be loaded (`None` if it is not).
    pub fn call(op: Op) -> Option<Reply> {
        match first_poll(engine(op))? {
            Ok(Answer(reply)) | Err(Answer(reply)) => reply,
        }
    }
}

/// The future's output if it is ready at its first poll (a split point whose part is loaded).
#[cfg(feature = "split")]
pub fn first_poll<T>(future: impl Future<Output = T>) -> Option<T> {
    let mut future = std::pin::pin!(future);
    let mut cx = std::task::Context::from_waker(std::task::Waker::noop());
    match future.as_mut().poll(&mut cx) {
        std::task::Poll::Ready(out) => Some(out),
        std::task::Poll::Pending => None,
    }
}
