//! The data engine: keeping the workspace, its CRDT document and IndexedDB in step from what
//! start-up read (the document loaded, with the move from localStorage on first start), each
//! edit stored as a small change, other tabs' changes merged as they arrive, and the snapshot
//! compacted in idle time. It is a part of the code loaded after the first page: the main
//! module reaches it only through `crate::app::engine` (its one entry point, `engine::run`).
//!
//! The pages work on [`AppState::workspace`]. An edit there is committed (shortly after, or at
//! once when the tab is hidden) as the document's change from what it held
//! ([`pmo_domain::document::Document::change`]); that change is appended to the store and
//! posted to the other tabs, which merge it. Nothing here ever locks a tab out: copies merge.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::time::Duration;

use leptos::ev;
use leptos::prelude::*;
use pmo_domain::document::describe::{Change, Scope};
use pmo_domain::document::history::{Line, Stamp};
use pmo_domain::document::{repair, Document};
use pmo_domain::storage::persist::Startup;
use pmo_domain::storage::schema::Envelope;
use pmo_domain::store::open::{load, Loaded, Stored};
use pmo_domain::store::records::{decode_update, encode_update, UpdateRecord};
use pmo_domain::store::CHANNEL;
use pmo_domain::Workspace;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::compactor;
use crate::app::engine::{Begin, Found};
use crate::app::offline;
use crate::app::state::{AppState, Confirmation, SaveStatus, Steps};
use crate::app::storage;
use crate::app::store::{Store, StoreError};

/// Delay between the last change and its commit (typing in a field is one change).
const COMMIT_DELAY: Duration = Duration::from_millis(300);
/// Quiet time after the last stored change before the snapshot is compacted.
const COMPACT_DELAY: Duration = Duration::from_millis(2000);
/// How long after the last edit that named its places the whole workspace is compared, as
/// a check ([`schedule_check`]).
const CHECK_DELAY: Duration = Duration::from_millis(1500);

/// The live data layer of this tab (not reactive: the pages see only the workspace).
struct Live {
    store: Option<Store>,
    /// The document, once loaded.
    doc: Option<Document>,
    /// What the document holds (or, before it has loaded, the view shown instead).
    in_doc: Workspace,
    /// Keys of stored changes the document holds and this tab may delete at compaction.
    folded: BTreeSet<u64>,
    /// The snapshot generation this tab's document includes.
    generation: f64,
    /// Encoded changes not yet stored (the quota was full, or a write failed), oldest first.
    queue: Vec<Vec<u8>>,
    /// Changes handed to the store and not yet confirmed, oldest first.
    in_flight: Vec<Vec<u8>>,
    /// Parts of the store that did not decode, to move aside at the next compaction.
    set_aside: Vec<Vec<u8>>,
    channel: Option<web_sys::BroadcastChannel>,
    client: u64,
    /// Start-up drew the snapshot's view before the document loaded.
    view_shown: bool,
    /// What each step of the document's undo and redo stacks did, in words.
    undo_labels: Vec<String>,
    redo_labels: Vec<String>,
}

thread_local! {
    static LIVE: RefCell<Option<Live>> = const { RefCell::new(None) };
}

/// Run `f` on the live data layer, if there is one (short borrows only: never across an await).
fn with_live<R>(f: impl FnOnce(&mut Live) -> R) -> Option<R> {
    LIVE.try_with(|l| l.try_borrow_mut().ok().and_then(|mut l| l.as_mut().map(f)))
        .ok()
        .flatten()
}

pub(crate) fn random_client() -> u64 {
    // yrs client ids are 53-bit safe integers; a fresh one per tab and start-up.
    (js_sys::Math::random() * 4_294_967_295.0) as u64 + 1
}

fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Start the engine from what start-up found (see [`crate::app::engine`]): keep the store in
/// step from then on.
pub fn begin(begin: Begin) {
    let Begin {
        state,
        offline,
        client,
        found,
        owner,
    } = begin;
    match owner {
        Some(owner) => owner.with(|| run(state, offline, client, found)),
        None => run(state, offline, client, found),
    }
}

fn run(state: AppState, offline: offline::Offline, client: u64, found: Found) {
    LIVE.with_borrow_mut(|l| {
        *l = Some(Live {
            store: None,
            doc: None,
            in_doc: Workspace::default(),
            folded: BTreeSet::new(),
            generation: 0.0,
            queue: Vec::new(),
            in_flight: Vec::new(),
            set_aside: Vec::new(),
            channel: None,
            client,
            view_shown: false,
            undo_labels: Vec::new(),
            redo_labels: Vec::new(),
        })
    });
    if matches!(found, Found::Empty { .. }) && state.opened.get_untracked() {
        // A first visit's empty workspace is on screen (and may have been edited): its
        // document is there at once, for the pages that use it as soon as the engine runs.
        with_live(|l| {
            l.doc = Some(Document::new(l.client));
            l.in_doc = Workspace::default();
        });
    }
    leptos::task::spawn_local(async move {
        open(state, found).await;
        // Edits made before the engine started are committed now.
        if edited() {
            commit(&state);
        }
    });
    watch_edits(state, offline);
    crate::app::live::start(state);
}

pub(crate) fn mark(name: &str) {
    if let Some(perf) = performance() {
        let _ = perf.mark(name);
    }
}

thread_local! {
    static PERFORMANCE: Option<web_sys::Performance> =
        web_sys::window().and_then(|w| w.performance());
}

/// The page's clock, in milliseconds.
fn now() -> f64 {
    performance().map_or(0.0, |p| p.now())
}

/// Record the measure `name` from `start` to `end` (times of [`now`]):
/// `performance.measure(name, {start, end})`, which web-sys offers only among its unstable
/// interfaces.
fn measure(name: &str, start: f64, end: f64) {
    let Some(perf) = performance() else { return };
    let span = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&span, &"start".into(), &start.into());
    let _ = js_sys::Reflect::set(&span, &"end".into(), &end.into());
    if let Ok(f) = js_sys::Reflect::get(&perf, &"measure".into()) {
        if let Some(f) = f.dyn_ref::<js_sys::Function>() {
            let _ = f.call2(&perf, &name.into(), &span);
        }
    }
}

/// The page's `performance` (looked up once: each edit marks its steps).
fn performance() -> Option<web_sys::Performance> {
    PERFORMANCE.with(Clone::clone)
}

/// Load the document from what start-up found, and show it.
async fn open(state: AppState, found: Found) {
    let (stored, generation, view) = match found {
        Found::NoStore(why) => {
            // No database: show what localStorage holds, keep edits in this tab.
            migrate(&state, None).await;
            state.status.set(SaveStatus::Unavailable(why));
            return;
        }
        Found::Empty { store, generation } => {
            with_live(|l| {
                l.store = Some(store.clone());
                l.generation = generation;
            });
            listen_to_tabs(state);
            if with_live(|l| l.doc.is_none()).unwrap_or(true) {
                // Nothing is on screen: an earlier version's copy is moved in.
                migrate(&state, Some(&store)).await;
                take_stashed(&state);
                return;
            }
            take_stashed(&state);
            // What another tab stored since start-up read the empty store.
            catch_up(state).await;
            return;
        }
        Found::Stored {
            store,
            stored,
            generation,
            view,
        } => {
            with_live(|l| l.store = Some(store.clone()));
            listen_to_tabs(state);
            (stored, generation, view)
        }
    };
    with_live(|l| l.generation = generation);
    if let Some(view) = view {
        with_live(|l| {
            l.in_doc = *view;
            l.view_shown = true;
        });
    }
    let loaded = load(&stored, with_live(|l| l.client).unwrap_or(1));
    adopt(&state, loaded);
    mark("pmo:document-loaded");
    state.opened.set(true);
    take_stashed(&state);
    catch_up(state).await;
}

/// Yield to the browser once (so that what was set is drawn).
pub(crate) async fn next_task() {
    next_task_after(0).await;
}

/// Resume after `ms` milliseconds.
pub(crate) async fn next_task_after(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .map(|w| w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Take the loaded document as this tab's; edits made while it loaded are committed to it.
fn adopt(state: &AppState, loaded: Loaded) {
    let Loaded {
        document,
        workspace,
        repairs,
        repair_update,
        set_aside,
        newer,
        merged,
        ..
    } = loaded;
    let edited_meanwhile = with_live(|l| {
        // Only a view on screen can have been edited before the document loaded.
        let edited =
            l.doc.is_none() && l.view_shown && state.workspace.with_untracked(|w| *w != l.in_doc);
        l.doc = Some(document);
        l.folded.extend(merged);
        l.set_aside
            .extend(set_aside.iter().map(|s| s.bytes.clone()));
        if !edited {
            l.in_doc = workspace.clone();
        }
        edited
    })
    .unwrap_or(false);
    // History lists drawn from the view alone can now show the document's lines.
    state.history.update(|n| *n += 1);
    if let Some(pmo_domain::store::records::RecordError::Newer { found, supported }) = newer {
        state.workspace.set(workspace);
        state.status.set(SaveStatus::Newer {
            found: u32::from(found),
            supported: u32::from(supported),
            from_draft: false,
        });
        return;
    }
    if edited_meanwhile {
        // The view was on screen and the user edited it: the edit is the change from the view.
        commit(state);
    } else {
        state.workspace.set(workspace);
    }
    if !repair_update.is_empty() {
        persist(state, repair_update);
    }
    if !repairs.is_empty() {
        state.repairs.set(repairs);
    }
    if !set_aside.is_empty() {
        state.say(format!(
            "{} of the stored data could not be read and {} kept aside on the Data page: {}",
            pmo_domain::common::text::plural(set_aside.len(), "part", None),
            pmo_domain::common::text::is_are(set_aside.len()),
            set_aside
                .iter()
                .map(|s| format!("{} ({})", s.what, s.reason))
                .collect::<Vec<_>>()
                .join("; ")
        ));
        schedule_compact(*state);
    }
}

/// First start with this store: read what localStorage holds (every earlier stored form),
/// once, into the new store. The old copy stays untouched as a backup.
async fn migrate(state: &AppState, store: Option<&Store>) {
    let client = with_live(|l| l.client).unwrap_or(1);
    match storage::startup() {
        Startup::Fresh => {
            with_live(|l| {
                l.doc = Some(Document::new(client));
                l.in_doc = Workspace::default();
            });
            state.workspace.set(pmo_domain::demo::empty());
            state.status.set(SaveStatus::Saved);
        }
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            let doc = Document::of(&envelope.workspace, client);
            with_live(|l| {
                l.doc = Some(doc);
                l.in_doc = envelope.workspace.clone();
            });
            state.recovered_draft.set(from_draft);
            if state.meta.with_untracked(|m| *m == Default::default()) {
                state.meta.set(envelope.meta.clone());
            }
            state.workspace.set(envelope.workspace);
            state.status.set(SaveStatus::Saved);
            if store.is_some() {
                state.moved_from_local.set(true);
                compact_now(*state).await;
            }
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
            with_live(|l| {
                l.doc = Some(Document::new(client));
                l.in_doc = Workspace::default();
            });
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
    state.opened.set(true);
}

/// Commit what the user changed since the last commit: one change of the document, stored
/// and posted to the other tabs. Returns whether the tab may be left without losing anything.
pub fn commit(state: &AppState) -> bool {
    let status = state.status.get_untracked();
    if !status.can_save() {
        return status.safe_to_leave();
    }
    // Only edits are committed: a workspace shown and never edited (the empty one of a first
    // start) is not written, so that a first start stays a first start.
    if !EDITED.with(|e| e.get()) || with_live(|l| l.doc.is_none()).unwrap_or(true) {
        settle(state);
        return safe_to_leave(state);
    }
    EDITED.with(|e| e.set(false));
    // The steps' times are read as the commit runs and recorded as measures once it ended,
    // so that recording them is not part of the edit's time.
    let start = now();
    let (mut found, mut written) = (None, None);
    let mut broken = None;
    let label = state.pending_label.try_update_value(Option::take).flatten();
    let scope = state
        .pending_scope
        .try_update_value(Option::take)
        .flatten()
        .unwrap_or_default();
    if scope != Scope::Anywhere {
        schedule_check(*state);
    }
    let change = state.workspace.with_untracked(|ws| {
        with_live(|l| {
            // One comparison finds what changed (of what the edits named, when they did);
            // only that is written and copied.
            let change = Change::within(&l.in_doc, ws, &scope);
            if change.is_empty() {
                return None;
            }
            // A workspace that breaks a rule is never stored: the next start would refuse it.
            // An edit in place is checked alone (the document held a checked workspace).
            let problems = match change.in_place() {
                Some(only) => pmo_domain::validate::validate_in_place(ws, &only),
                None => pmo_domain::validate::validate(ws),
            };
            if let Some(problem) = problems.first() {
                broken = Some(problem.to_string());
                return None;
            }
            let label = label.unwrap_or_else(|| change.label());
            found = Some(now());
            let update = l.doc.as_mut()?.commit(&mut l.in_doc, ws, &change, &stamp());
            written = Some(now());
            if !is_empty_update(&update) {
                l.undo_labels.push(label.clone());
                l.redo_labels.clear();
            }
            Some((update, label))
        })
        .flatten()
    });
    if let Some(why) = broken {
        state.status.set(SaveStatus::Invalid(why));
        EDITED.with(|e| e.set(true));
        return false;
    }
    if matches!(status, SaveStatus::Invalid(_)) {
        state.status.set(SaveStatus::Unsaved);
    }
    if let Some((update, label)) = change.filter(|(u, _)| !is_empty_update(u)) {
        persist(state, update);
        state.history.update(|n| *n += 1);
        show_steps(state);
        state.confirm(Confirmation::Done(label));
    }
    settle(state);
    let leave = safe_to_leave(state);
    // The main thread's share of one edit, for the browser benchmark (scripts/perf.mjs), and
    // its parts: finding and checking the change, writing it into the document, and the rest
    // (storing, posting, the confirmation).
    let end = now();
    measure("pmo:commit", start, end);
    if let (Some(found), Some(written)) = (found, written) {
        measure("pmo:commit-find", start, found);
        measure("pmo:commit-document", found, written);
        measure("pmo:commit-rest", written, end);
    }
    leave
}

/// Tell the header and the confirmation what undo and redo would do now.
fn show_steps(state: &AppState) {
    let steps = with_live(|l| Steps {
        undo: l.undo_labels.last().cloned(),
        redo: l.redo_labels.last().cloned(),
    })
    .unwrap_or_default();
    state.steps.set(steps);
}

/// Take back this tab's last edit (edits other tabs made stay), as a change of its own.
pub fn undo(state: &AppState) {
    step(state, true);
}

/// Make again the last edit taken back.
pub fn redo(state: &AppState) {
    step(state, false);
}

fn step(state: &AppState, back: bool) {
    if state.read_only() {
        state.say("This data is read-only: it was saved by a newer version of PMO Workbench");
        return;
    }
    PENDING.with(|p| p.set(false));
    commit(state);
    let done = with_live(|l| {
        let doc = l.doc.as_mut()?;
        let update = if back { doc.undo() } else { doc.redo() };
        let (from, to) = if back {
            (&mut l.undo_labels, &mut l.redo_labels)
        } else {
            (&mut l.redo_labels, &mut l.undo_labels)
        };
        let label = from.pop();
        if let Some(label) = &label {
            to.push(label.clone());
        }
        let update = update?;
        let ws = doc.read().workspace;
        // The undo or redo joins each entity's history as what it did.
        let noted = doc.note(&stamp(), &Change::of(&l.in_doc, &ws).notes());
        l.in_doc = ws.clone();
        Some((update, noted, ws, label.unwrap_or_default()))
    })
    .flatten();
    show_steps(state);
    let Some((update, noted, ws, label)) = done else {
        state.say(if back {
            "Nothing to undo"
        } else {
            "Nothing to redo"
        });
        return;
    };
    state.workspace.set(ws);
    persist(state, update);
    if !is_empty_update(&noted) {
        persist(state, noted);
    }
    state.history.update(|n| *n += 1);
    state.confirm(if back {
        Confirmation::Undone(label)
    } else {
        Confirmation::Redone(label)
    });
}

/// Who is making this tab's edits, and now.
fn stamp() -> Stamp {
    Stamp {
        at_ms: now_ms(),
        who: storage::author(),
    }
}

/// The history of one entity (`kind` as "project", "person"), newest first; empty until the
/// document has loaded.
pub fn history_of(kind: &str, id: &str) -> Vec<Line> {
    with_live(|l| l.doc.as_ref().map(|d| d.history_of(kind, id)))
        .flatten()
        .unwrap_or_default()
}

/// Nothing is waiting to be stored.
pub fn safe_to_leave(state: &AppState) -> bool {
    state.status.get_untracked().safe_to_leave()
        && with_live(|l| l.queue.is_empty() && l.in_flight.is_empty()).unwrap_or(true)
}

/// yrs encodes "no change" as an update with no structs and no deletions.
fn is_empty_update(update: &[u8]) -> bool {
    update == [0, 0]
}

/// Store one change (after any earlier ones still waiting) and tell the other tabs.
fn persist(state: &AppState, update: Vec<u8>) {
    crate::app::live::send_update(&update);
    store_only(state, update);
}

/// Store a change that came from the sync server (it has it: nothing is sent back).
fn store_only(state: &AppState, update: Vec<u8>) {
    let record = encode_update(&UpdateRecord {
        at_ms: now_ms(),
        who: storage::author(),
        update,
    });
    with_live(|l| l.queue.push(record));
    write_queue(*state);
}

/// Hand every waiting change to the store, in order, each in a transaction of its own.
fn write_queue(state: AppState) {
    let Some((store, records)) = with_live(|l| {
        let store = l.store.clone()?;
        let records = std::mem::take(&mut l.queue);
        l.in_flight.extend(records.iter().cloned());
        Some((store, records))
    })
    .flatten() else {
        return;
    };
    for record in records {
        match store.append(&record) {
            Ok(write) => leptos::task::spawn_local(async move {
                let result = write.await;
                stored(&state, record, result);
            }),
            Err(e) => stored(&state, record, Err(e)),
        }
    }
}

/// The outcome of one write.
fn stored(state: &AppState, record: Vec<u8>, result: Result<u64, StoreError>) {
    with_live(|l| {
        if let Some(i) = l.in_flight.iter().position(|r| *r == record) {
            l.in_flight.remove(i);
        }
    });
    match result {
        Ok(key) => {
            with_live(|l| {
                l.folded.insert(key);
                if let Some(channel) = &l.channel {
                    let message = js_sys::Array::of2(
                        &JsValue::from_f64(key as f64),
                        &js_sys::Uint8Array::from(record.as_slice()),
                    );
                    let _ = channel.post_message(&message);
                }
            });
            if state.status.get_untracked() == SaveStatus::QuotaFull {
                state.status.set(SaveStatus::Unsaved);
            }
            schedule_compact(*state);
        }
        Err(e) => {
            // Keep the change in memory, in its place, until it can be stored.
            with_live(|l| l.queue.insert(0, record));
            state.status.set(match e {
                StoreError::QuotaFull => SaveStatus::QuotaFull,
                StoreError::Failed(why) => SaveStatus::Unavailable(why),
            });
        }
    }
    settle(state);
}

thread_local! {
    /// A compaction is running (in the worker).
    static COMPACTING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    static CHECK_TIMER: RefCell<Deadline> = RefCell::new(Deadline::default());
}

/// After edits that named what they changed ([`AppState::edit_in`]), check in a quiet moment
/// that the whole workspace holds nothing more than the document: an edit that changed more
/// than it named would otherwise go unsaved. What is found is committed (and reported as a
/// defect on the console).
fn schedule_check(state: AppState) {
    rearm(&CHECK_TIMER, CHECK_DELAY, move || {
        leptos::task::spawn_local(check_in_parts(state));
    });
}

/// The check of [`schedule_check`], a part at a time ([`Change::part_differs`]), yielding to
/// the browser between parts so that it makes no long task. An edit meanwhile stops it (the
/// edit's commit schedules it again); a difference found is described and committed whole.
async fn check_in_parts(state: AppState) {
    let busy = || PENDING.with(|p| p.get()) || EDITED.with(|e| e.get());
    let mut found = false;
    for part in 0.. {
        if busy() {
            schedule_check(state);
            return;
        }
        let differs = state.workspace.with_untracked(|ws| {
            with_live(|l| Change::part_differs(&l.in_doc, ws, part)).flatten()
        });
        match differs {
            None => break,
            Some(true) => {
                found = true;
                break;
            }
            Some(false) => next_task().await,
        }
    }
    mark("pmo:scope-checked");
    if !found {
        return;
    }
    let missed = state.workspace.with_untracked(|ws| {
        with_live(|l| {
            let change = Change::of(&l.in_doc, ws);
            (!change.is_empty()).then(|| change.label())
        })
        .flatten()
    });
    if let Some(what) = missed {
        web_sys::console::error_1(
            &format!("An edit changed more than it named; committed now: {what}").into(),
        );
        EDITED.with(|e| e.set(true));
        commit(&state);
    }
}

/// A timer that is pushed back often (after every edit): it keeps one browser timeout
/// running and moves only its own deadline, so pushing it back costs no call to the browser.
#[derive(Default)]
struct Deadline {
    /// When to run (`Date.now()` milliseconds).
    due: f64,
    /// What to run then; `None` when cancelled.
    run: Option<Box<dyn FnOnce()>>,
    /// The browser timeout that is running, if any.
    armed: bool,
}

type DeadlineKey = std::thread::LocalKey<RefCell<Deadline>>;

/// Run `f` after `delay`, replacing what `timer` was waiting to run.
fn rearm(timer: &'static DeadlineKey, delay: Duration, f: impl FnOnce() + 'static) {
    let arm = timer.with_borrow_mut(|t| {
        t.due = js_sys::Date::now() + delay.as_millis() as f64;
        t.run = Some(Box::new(f));
        !std::mem::replace(&mut t.armed, true)
    });
    if arm {
        arm_deadline(timer, delay);
    }
}

/// Forget what `timer` was waiting to run.
fn cancel_deadline(timer: &'static DeadlineKey) {
    timer.with_borrow_mut(|t| t.run = None);
}

fn arm_deadline(timer: &'static DeadlineKey, delay: Duration) {
    let armed = set_timeout_with_handle(move || fire_deadline(timer), delay).is_ok();
    timer.with_borrow_mut(|t| t.armed = armed);
}

fn fire_deadline(timer: &'static DeadlineKey) {
    let now = js_sys::Date::now();
    let due = timer.with_borrow_mut(|t| {
        t.armed = false;
        t.run.as_ref().map(|_| t.due)
    });
    match due {
        // Pushed back meanwhile: wait for the rest.
        Some(due) if due > now + 1.0 => {
            arm_deadline(timer, Duration::from_millis((due - now) as u64))
        }
        Some(_) => {
            if let Some(run) = timer.with_borrow_mut(|t| t.run.take()) {
                run();
            }
        }
        None => {}
    }
}

/// Say "saved" once nothing is pending.
fn settle(state: &AppState) {
    let idle = with_live(|l| l.queue.is_empty() && l.in_flight.is_empty()).unwrap_or(true);
    let pending = PENDING.with(|p| p.get());
    if idle && !pending && state.status.get_untracked() == SaveStatus::Unsaved {
        state.status.set(SaveStatus::Saved);
    }
}

thread_local! {
    /// A commit is waiting for the user to pause.
    static PENDING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The user edited since the last commit.
    static EDITED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
    /// The commit after the user's pause.
    static COMMIT_TIMER: RefCell<Deadline> = RefCell::new(Deadline::default());
}

/// Commit shortly after each edit, at once when the tab is hidden or closed; merge other
/// tabs' changes when this one comes back.
fn watch_edits(state: AppState, offline: offline::Offline) {
    let cancel = move || {
        cancel_deadline(&COMMIT_TIMER);
        PENDING.with(|p| p.set(false));
    };
    Effect::new(move |previous: Option<u64>| {
        let n = state.changes.get();
        if previous.is_some_and(|p| p != n) {
            PENDING.with(|p| p.set(true));
            rearm(&COMMIT_TIMER, COMMIT_DELAY, move || {
                PENDING.with(|p| p.set(false));
                commit(&state);
            });
        }
        n
    });
    let flush = move || {
        cancel();
        commit(&state);
    };
    let _ = window_event_listener(ev::visibilitychange, move |_| {
        if document().visibility_state() == web_sys::VisibilityState::Hidden {
            flush();
        } else {
            // Back in view: catch up with what other tabs stored, retry what waits, and look
            // for a new deployment.
            write_queue(state);
            leptos::task::spawn_local(catch_up(state));
            offline.check_for_update();
        }
    });
    // Ctrl/Cmd+Z undoes, Shift+Ctrl/Cmd+Z and Ctrl+Y redo. In a text field the browser's own
    // undo of the typing comes first (the field's edits then go through as usual).
    let _ = window_event_listener(ev::keydown, move |ev| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() || ev.default_prevented() {
            return;
        }
        let key = ev.key().to_lowercase();
        let redo = (key == "z" && ev.shift_key()) || (key == "y" && !ev.shift_key());
        if key != "z" && !redo {
            return;
        }
        let typing = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .is_some_and(|el| {
                matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                    || el.has_attribute("contenteditable")
            });
        if typing {
            return;
        }
        ev.prevent_default();
        if redo {
            self::redo(&state);
        } else {
            self::undo(&state);
        }
    });
    let _ = window_event_listener(ev::pagehide, move |_| {
        flush();
        // The page is going away: writes still under way may be cut off with it, so keep
        // them where a write is synchronous too. The next start merges them (merging a change
        // twice changes nothing).
        let unconfirmed: Vec<Vec<u8>> =
            with_live(|l| l.in_flight.iter().chain(l.queue.iter()).cloned().collect())
                .unwrap_or_default();
        let client = with_live(|l| l.client).unwrap_or(0);
        storage::stash_pending(client, &unconfirmed);
    });
    Effect::new(move |_| {
        let meta = state.meta.get();
        storage::save_meta(&meta);
    });
}

/// Note that the user edited (at once, so that a commit right after the edit sees it).
pub fn note_edit() {
    EDITED.with(|e| e.set(true));
}

/// The user edited since the last commit.
pub fn edited() -> bool {
    EDITED.with(|e| e.get())
}

/// Commit what is waiting for the typing pause now (the write itself goes on in the
/// background).
pub fn save_now_sync(state: &AppState) {
    PENDING.with(|p| p.set(false));
    commit(state);
}

/// Save everything now and wait until the store has it (before a reload into a new
/// version). Returns whether nothing is lost by leaving.
pub async fn save_now(state: &AppState) -> bool {
    PENDING.with(|p| p.set(false));
    commit(state);
    // Writes are confirmed within milliseconds; give up after five seconds.
    for _ in 0..250 {
        if with_live(|l| l.in_flight.is_empty()).unwrap_or(true) {
            break;
        }
        next_task_after(20).await;
    }
    safe_to_leave(state)
}

/// Merge other tabs' changes as they are posted.
fn listen_to_tabs(state: AppState) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        return;
    };
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let Some(message) = data.dyn_ref::<js_sys::Array>() else {
                return;
            };
            let key = message.get(0).as_f64();
            let Some(bytes) = message
                .get(1)
                .dyn_ref::<js_sys::Uint8Array>()
                .map(|a| a.to_vec())
            else {
                return;
            };
            if let (Some(key), Ok(record)) = (key, decode_update(&bytes)) {
                merge_in(&state, &[(Some(key as u64), record.update)]);
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    with_live(|l| l.channel = Some(channel));
}

/// Merge changes made elsewhere into this tab, after committing this tab's own edits so that
/// both survive. Changes that do not decode are ignored here (they stay in the store, where
/// the next start sets them aside).
fn merge_in(state: &AppState, changes: &[(Option<u64>, Vec<u8>)]) {
    if state.read_only() || with_live(|l| l.doc.is_none()).unwrap_or(true) {
        return;
    }
    commit(state);
    // Only the entities the changes touched are read again (see `Document::merge_into`), into
    // what the document holds and into what the page shows.
    let merged = with_live(|l| {
        let doc = l.doc.as_ref()?;
        let (mut any, mut broken) = (false, false);
        for (key, update) in changes {
            if key.is_some_and(|k| l.folded.contains(&k)) {
                continue;
            }
            if let Ok(merged) = doc.merge_into(update, &mut l.in_doc) {
                l.folded.extend(*key);
                if merged.changed_nothing() {
                    continue;
                }
                any = true;
                state
                    .workspace
                    .try_update_untracked(|ws| doc.patch(ws, &merged));
                // A merge that broke a rule is repaired (rarely: usually the test of what the
                // merge touched finds nothing).
                broken = broken || repair::needed_after(&l.in_doc, &merged);
            }
        }
        any.then(|| broken.then(|| l.in_doc.clone()))
    })
    .flatten();
    match merged {
        None => return,
        Some(Some(ws)) => show_merged(state, ws),
        Some(None) => state.workspace.notify(),
    }
    state.history.update(|n| *n += 1);
}

/// Show a workspace read from the document after a merge, repaired where the merge broke a
/// rule (the repair is stored as a change of its own).
fn show_merged(state: &AppState, mut ws: Workspace) {
    // The workspace as merged is what the document holds (`in_doc`); a repair is a change
    // from it.
    let repairs = repair::repair(&mut ws);
    let update = with_live(|l| {
        if repairs.is_empty() {
            return None;
        }
        let update = l.doc.as_ref().map(|d| d.quiet_change(&l.in_doc, &ws));
        l.in_doc = ws.clone();
        update
    })
    .flatten();
    state.workspace.set(ws);
    if let Some(update) = update {
        persist(state, update);
    }
    if !repairs.is_empty() {
        state.repairs.set(repairs);
    }
}

/// Merge the changes a closing tab kept aside (see the `pagehide` handler), store them, and
/// forget them.
fn take_stashed(state: &AppState) {
    if state.read_only() {
        return;
    }
    let (keys, records) = storage::stashed();
    let updates: Vec<Vec<u8>> = records
        .iter()
        .filter_map(|r| decode_update(r).ok())
        .map(|r| r.update)
        .collect();
    let ws = with_live(|l| {
        let doc = l.doc.as_ref()?;
        let any = updates.iter().filter(|u| doc.merge(u).is_ok()).count() > 0;
        any.then(|| {
            l.in_doc = doc.read().workspace;
            l.in_doc.clone()
        })
    })
    .flatten();
    if let Some(ws) = ws {
        show_merged(state, ws);
        for record in records {
            with_live(|l| l.queue.push(record));
        }
        write_queue(*state);
    }
    storage::forget_stashed(&keys);
}

/// Read what the store holds that this tab has not merged (changes whose notices were missed
/// while asleep, or a snapshot another tab compacted) and merge it.
async fn catch_up(state: AppState) {
    let Some(store) = with_live(|l| l.store.clone()).flatten() else {
        return;
    };
    let known = with_live(|l| l.generation).unwrap_or(0.0);
    let Ok(generation) = store.generation().await else {
        return;
    };
    let in_worker = if generation != known {
        caught_up_in_worker(&state).await
    } else {
        Err("no snapshot since".into())
    };
    if let Err(why) = &in_worker {
        // Named in a mark, so that a test (or a person in the profiler) can see which way a
        // catch-up went, and why.
        mark(&format!("pmo:caught-up-on-page: {why}"));
    }
    if generation != known && in_worker.is_err() {
        // No worker (or it declined): inflate the snapshot here and merge it whole.
        let snapshot = match store.read_all().await {
            Ok((stored, _)) => stored
                .doc
                .as_deref()
                .and_then(|d| pmo_domain::store::records::decode_doc(d).ok())
                .and_then(|s| s.to_v1().ok()),
            Err(_) => return,
        };
        if state.read_only() {
            return;
        }
        commit(&state);
        let ws = with_live(|l| {
            let doc = l.doc.as_ref()?;
            l.generation = generation;
            let merged = snapshot
                .as_ref()
                .is_some_and(|bytes| doc.merge(bytes).is_ok());
            merged.then(|| {
                l.in_doc = doc.read().workspace;
                l.in_doc.clone()
            })
        })
        .flatten();
        if let Some(ws) = ws {
            show_merged(&state, ws);
        }
    }
    // The changes stored since, that this tab has not merged.
    let Ok(updates) = store.read_updates().await else {
        return;
    };
    let missed: Vec<(Option<u64>, Vec<u8>)> = with_live(|l| {
        updates
            .into_iter()
            .filter(|(key, _)| !l.folded.contains(key))
            .filter_map(|(key, bytes)| Some((Some(key), decode_update(&bytes).ok()?.update)))
            .collect()
    })
    .unwrap_or_default();
    if !missed.is_empty() {
        merge_in(&state, &missed);
    }
    mark("pmo:caught-up");
}

/// Catch up with a snapshot another tab compacted, through a worker that loads the store and
/// sends only what this tab lacks (usually nothing: each change was posted to it), so that
/// the page neither inflates nor merges the whole snapshot. Returns why it did not.
async fn caught_up_in_worker(state: &AppState) -> Result<(), String> {
    let Some(seen) = with_live(|l| l.doc.as_ref().map(Document::state_vector)).flatten() else {
        return Err("no document yet".into());
    };
    let (generation, folded, update) = match compactor::catch_up_in_worker(&seen).await {
        Some(compactor::Outcome::CaughtUp {
            generation,
            folded,
            update,
        }) => (generation, folded, update),
        Some(compactor::Outcome::Declined(why)) => return Err(why),
        Some(_) => return Err("the worker answered something else".into()),
        None => return Err("no worker could be started".into()),
    };
    if state.read_only() {
        return Ok(());
    }
    merge_in(state, &[(None, update)]);
    with_live(|l| {
        l.folded.extend(folded);
        l.generation = generation;
    });
    mark("pmo:caught-up-in-worker");
    Ok(())
}

thread_local! {
    static COMPACT_TIMER: RefCell<Deadline> = RefCell::new(Deadline::default());
}

/// Compact once the user pauses.
fn schedule_compact(state: AppState) {
    rearm(&COMPACT_TIMER, COMPACT_DELAY, move || {
        leptos::task::spawn_local(compact_now(state));
    });
}

/// Write the snapshot (the document and the view) and delete the changes it holds. If
/// another tab compacted first, merge its snapshot and try again later. A Web Worker does
/// the work ([`compactor`]), so that the page has no long task; the page does it itself only
/// when the worker cannot (no worker, or the store holds what the page must act on first).
async fn compact_now(state: AppState) {
    if state.read_only() {
        return;
    }
    let Some(seen) = with_live(|l| {
        let quiet = l.queue.is_empty() && l.in_flight.is_empty();
        l.doc.as_ref().filter(|_| quiet).map(Document::state_vector)
    })
    .flatten() else {
        return;
    };
    if COMPACTING.with(|c| c.replace(true)) {
        // One compaction at a time; this one comes again after the running one.
        schedule_compact(state);
        return;
    }
    let outcome = compactor::compact_in_worker(&seen).await;
    COMPACTING.with(|c| c.set(false));
    match outcome {
        Some(compactor::Outcome::Written { generation, folded }) => {
            mark("pmo:compacted-in-worker");
            with_live(|l| {
                l.generation = generation;
                for key in &folded {
                    l.folded.remove(key);
                }
                l.set_aside.clear();
            });
            return;
        }
        Some(compactor::Outcome::Raced) => {
            catch_up(state).await;
            schedule_compact(state);
            return;
        }
        Some(compactor::Outcome::Declined(why)) => {
            web_sys::console::warn_1(&format!("Compacting on the page: {why}").into());
        }
        Some(compactor::Outcome::CaughtUp { .. }) | None => {}
    }
    compact_on_page(state).await;
}

/// [`compact_now`] on the page itself (one long task at 10,000 projects and people).
async fn compact_on_page(state: AppState) {
    let Some((store, seen, snapshot, folded, set_aside)) = with_live(|l| {
        let store = l.store.clone()?;
        let doc = l.doc.as_ref()?;
        if !l.queue.is_empty() || !l.in_flight.is_empty() {
            return None;
        }
        Some((
            store,
            l.generation,
            compactor::snapshot_of(doc, &l.in_doc),
            l.folded.iter().copied().collect::<Vec<_>>(),
            l.set_aside.clone(),
        ))
    })
    .flatten() else {
        return;
    };
    match store.compact(seen, &snapshot, &folded, &set_aside).await {
        Ok(true) => {
            with_live(|l| {
                l.generation = snapshot.generation;
                for key in &folded {
                    l.folded.remove(key);
                }
                l.set_aside.clear();
            });
        }
        Ok(false) => {
            catch_up(state).await;
            schedule_compact(state);
        }
        Err(StoreError::QuotaFull) => state.status.set(SaveStatus::QuotaFull),
        Err(StoreError::Failed(_)) => {}
    }
}

/// The workspace this tab last committed, as readable JSON, for the crash panel.
pub fn crash_snapshot() -> Option<String> {
    with_live(|l| Envelope::new(l.in_doc.clone(), 0).to_pretty_json())
}

/// What merging a colleague's document file would do, worked out on copies
/// ([`pmo_domain::document::share::preview`]); nothing changes.
pub fn preview_merge(
    state: &AppState,
    file: &pmo_domain::document::State,
) -> Result<pmo_domain::document::share::Preview, String> {
    commit(state);
    with_live(|l| {
        let doc = l.doc.as_ref()?;
        Some(pmo_domain::document::share::preview(doc, &l.in_doc, file).map_err(|e| e.to_string()))
    })
    .flatten()
    .unwrap_or_else(|| Err("The workspace is still loading; try again in a moment.".into()))
}

/// Merge a colleague's changes (the update of a [`preview_merge`]) into this workspace, and
/// store them, so that every tab and the next start have them.
pub fn merge_file(state: &AppState, update: Vec<u8>) {
    if state.read_only() {
        return;
    }
    merge_in(state, &[(None, update.clone())]);
    persist(state, update);
    state.history.update(|n| *n += 1);
}

/// This copy's state vector, once the document has loaded (for live sync).
pub fn state_vector() -> Option<Vec<u8>> {
    with_live(|l| l.doc.as_ref().map(Document::state_vector)).flatten()
}

/// This tab's client id (its writer id in the document).
pub fn client_id() -> Option<u64> {
    with_live(|l| l.client)
}

/// Whether the workspace holds anything the user made or loaded.
pub fn has_user_data() -> bool {
    with_live(|l| l.in_doc.has_user_data()).unwrap_or(false)
}

/// The changes this copy has that a copy with state vector `seen` lacks.
pub fn changes_since(seen: &[u8]) -> Option<Vec<u8>> {
    with_live(|l| l.doc.as_ref().and_then(|d| d.since(seen).ok())).flatten()
}

/// Merge a change from the sync server and store it (not sent back). A change whose shape
/// the document refuses is not applied and not stored.
pub fn merge_from_server(state: &AppState, update: Vec<u8>) -> Result<(), String> {
    if state.read_only() {
        return Err("this data is read-only".into());
    }
    if is_empty_update(&update) {
        return Ok(());
    }
    pmo_domain::document::bounds::shape_of(&update)?;
    merge_in(state, &[(None, update.clone())]);
    store_only(state, update);
    state.history.update(|n| *n += 1);
    Ok(())
}

/// The document itself as a file (see `store::file`); `None` until it has loaded.
pub fn document_file() -> Option<Vec<u8>> {
    with_live(|l| l.doc.as_ref().map(pmo_domain::store::file::document_file)).flatten()
}

/// What `stored` holds, read the way a start-up reads it, as the JSON of an export
/// ([`crate::app::engine::stored_json`]).
pub fn json_of_stored(stored: &Stored) -> Option<String> {
    let loaded = load(stored, 1);
    Some(Envelope::new(loaded.workspace, 0).to_json())
}

/// The records start-up set aside because they did not decode.
pub async fn set_aside_records() -> Vec<Vec<u8>> {
    let Some(store) = with_live(|l| l.store.clone()).flatten() else {
        return Vec::new();
    };
    store.damaged().await.unwrap_or_default()
}

/// Download the records set aside, as one file of hexadecimal lines (one per record), so
/// that nothing of them is lost even if no program can read them.
pub fn download_set_aside(records: &[Vec<u8>]) {
    let text: String = records
        .iter()
        .map(|r| pmo_domain::common::hex::encode(r) + "\n")
        .collect();
    crate::app::download::save_file("pmo-workbench-set-aside.txt", "text/plain", &text);
}
