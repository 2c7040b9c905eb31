//! Compaction off the main thread. Packing the view, encoding the document and deflating it
//! take about 300 ms at 10,000 projects and people: as one task of the page that is a long
//! task, so a dedicated Web Worker (`src/bin/compactor.rs`, built by Trunk as
//! `compactor_loader.js`) does it. The worker needs nothing from the page: it reads the store
//! itself, loads the document as a start-up would (`store::open::load`), and writes the
//! snapshot with the same guarded transaction the page uses ([`Store::compact`]). It then
//! posts what it did, and the page ends it (which frees its memory).
//!
//! The worker declines, and the page compacts itself as before, when the store holds what
//! only the page should act on: data from a newer version, or a merge that needed repairs.
//!
//! The same worker also serves a tab catching up after another tab compacted ([`catch_up`]):
//! it loads the store and sends only what the tab lacks, so the tab does not inflate and
//! merge the whole snapshot on its main thread.

use js_sys::{Array, Object, Reflect};
use pmo_domain::document::Document;
use pmo_domain::storage::schema::Envelope;
use pmo_domain::store::open::load;
use pmo_domain::store::records::encode_doc;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::store::{Snapshot, Store};

/// What a compaction did.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// The snapshot was written: its generation, and the keys of the changes it holds (now
    /// deleted from the store).
    Written { generation: f64, folded: Vec<u64> },
    /// Another tab compacted since the store was read; nothing was written.
    Raced,
    /// (A catch-up, not a compaction.) What the store holds that the page lacks, as one update
    /// (with the store's whole delete set), the keys of the stored changes it includes, and
    /// the snapshot's generation it was read with.
    CaughtUp {
        generation: f64,
        folded: Vec<u64>,
        update: Vec<u8>,
    },
    /// The page must do it (see the module's notes), or it failed: why.
    Declined(String),
}

/// The snapshot of a document and the workspace it holds, with a new generation.
pub fn snapshot_of(document: &Document, workspace: &pmo_domain::Workspace) -> Snapshot {
    Snapshot {
        view: Envelope::new(workspace.clone(), 0).to_stored().ok(),
        doc: encode_doc(document),
        generation: js_sys::Date::now() + js_sys::Math::random(),
    }
}

/// Compact the store: read it, load it, and write the snapshot, provided the loaded
/// document covers `page_seen`, the state vector of the page's document (the page may hold
/// what the store has not got yet, such as a workspace moved in from localStorage, which only
/// its own compaction writes).
pub async fn compact(page_seen: &[u8]) -> Outcome {
    let store = match Store::open().await {
        Ok(store) => store,
        Err(e) => return Outcome::Declined(e.to_string()),
    };
    let (stored, seen) = match store.read_all().await {
        Ok(read) => read,
        Err(e) => return Outcome::Declined(e.to_string()),
    };
    // The worker's own id in the document: it makes no edit, so any id will do.
    let loaded = load(&stored, 1 + (js_sys::Math::random() * 1e9) as u64);
    if loaded.newer.is_some() {
        return Outcome::Declined("the store holds data from a newer version".into());
    }
    if !loaded.repairs.is_empty() {
        return Outcome::Declined("the stored changes need repairs after merging".into());
    }
    match loaded.document.covers(page_seen) {
        Ok(true) => {}
        Ok(false) => return Outcome::Declined("the page holds changes the store has not".into()),
        Err(e) => return Outcome::Declined(format!("the page's state vector: {e}")),
    }
    let snapshot = snapshot_of(&loaded.document, &loaded.workspace);
    let set_aside: Vec<Vec<u8>> = loaded.set_aside.iter().map(|s| s.bytes.clone()).collect();
    let outcome = match store
        .compact(seen, &snapshot, &loaded.merged, &set_aside)
        .await
    {
        Ok(true) => Outcome::Written {
            generation: snapshot.generation,
            folded: loaded.merged,
        },
        Ok(false) => Outcome::Raced,
        Err(e) => Outcome::Declined(e.to_string()),
    };
    store.close();
    outcome
}

/// Read the store as a start-up would and answer what it holds that a page with state
/// vector `page_seen` lacks (a tab catching up after another tab compacted). Nothing is
/// written.
pub async fn catch_up(page_seen: &[u8]) -> Outcome {
    let store = match Store::open().await {
        Ok(store) => store,
        Err(e) => return Outcome::Declined(e.to_string()),
    };
    let read = store.read_all().await;
    store.close();
    let (stored, generation) = match read {
        Ok(read) => read,
        Err(e) => return Outcome::Declined(e.to_string()),
    };
    let loaded = load(&stored, 1 + (js_sys::Math::random() * 1e9) as u64);
    if loaded.newer.is_some() {
        return Outcome::Declined("the store holds data from a newer version".into());
    }
    match loaded.document.since(page_seen) {
        Ok(update) => Outcome::CaughtUp {
            generation,
            folded: loaded.merged,
            update,
        },
        Err(e) => Outcome::Declined(format!("the page's state vector: {e}")),
    }
}

/// The worker's whole life: say it is ready, receive the page's request (its state vector
/// alone to compact, or `{ catchUp: state vector }`), do it, and post the outcome. (The
/// request is not passed in the worker's address: served from the offline copy, a worker's
/// address loses its query.)
pub fn run_in_worker() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let on_message = wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
        move |ev: web_sys::MessageEvent| {
            let data = ev.data();
            let bytes = |v: JsValue| v.dyn_into::<js_sys::Uint8Array>().ok().map(|a| a.to_vec());
            let to_compact = bytes(data.clone());
            let to_catch_up = Reflect::get(&data, &JsValue::from_str(CATCH_UP))
                .ok()
                .and_then(bytes);
            wasm_bindgen_futures::spawn_local(async move {
                let outcome = match (to_compact, to_catch_up) {
                    (Some(seen), _) => compact(&seen).await,
                    (None, Some(seen)) => catch_up(&seen).await,
                    _ => Outcome::Declined("the page sent no state vector".into()),
                };
                let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
                let _ = scope.post_message(&to_message(&outcome));
            });
        },
    );
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The worker lives for one request; the page ends it.
    on_message.forget();
    let _ = scope.post_message(&JsValue::from_str(READY));
}

/// What the worker posts once it listens.
const READY: &str = "ready";
/// The field of a catch-up request.
const CATCH_UP: &str = "catchUp";

/// The outcome as a message: `{ kind, generation, folded, why }`.
fn to_message(outcome: &Outcome) -> JsValue {
    let message = Object::new();
    let set = |k: &str, v: JsValue| {
        let _ = Reflect::set(&message, &JsValue::from_str(k), &v);
    };
    match outcome {
        Outcome::Written { generation, folded } => {
            set("kind", "written".into());
            set("generation", JsValue::from_f64(*generation));
            set("folded", keys(folded));
        }
        Outcome::Raced => set("kind", "raced".into()),
        Outcome::CaughtUp {
            generation,
            folded,
            update,
        } => {
            set("kind", "caught-up".into());
            set("generation", JsValue::from_f64(*generation));
            set("folded", keys(folded));
            set("update", js_sys::Uint8Array::from(update.as_slice()).into());
        }
        Outcome::Declined(why) => {
            set("kind", "declined".into());
            set("why", JsValue::from_str(why));
        }
    }
    message.into()
}

fn keys(folded: &[u64]) -> JsValue {
    let keys: Array = folded
        .iter()
        .map(|k| JsValue::from_f64(*k as f64))
        .collect();
    keys.into()
}

/// Read a message posted by the worker; anything else is a decline.
pub fn from_message(message: &JsValue) -> Outcome {
    let get = |k: &str| Reflect::get(message, &JsValue::from_str(k)).ok();
    let generation = get("generation").and_then(|g| g.as_f64());
    let folded: Option<Vec<u64>> =
        get("folded")
            .and_then(|f| f.dyn_into::<Array>().ok())
            .map(|a| {
                a.iter()
                    .filter_map(|k| k.as_f64())
                    .map(|k| k as u64)
                    .collect()
            });
    let not_understood = || Outcome::Declined("the worker's message was not understood".into());
    match get("kind").and_then(|k| k.as_string()).as_deref() {
        Some("written") => match (generation, folded) {
            (Some(generation), Some(folded)) => Outcome::Written { generation, folded },
            _ => not_understood(),
        },
        Some("caught-up") => {
            let update = get("update")
                .and_then(|u| u.dyn_into::<js_sys::Uint8Array>().ok())
                .map(|u| u.to_vec());
            match (generation, folded, update) {
                (Some(generation), Some(folded), Some(update)) => Outcome::CaughtUp {
                    generation,
                    folded,
                    update,
                },
                _ => not_understood(),
            }
        }
        Some("raced") => Outcome::Raced,
        Some("declined") => Outcome::Declined(
            get("why")
                .and_then(|w| w.as_string())
                .unwrap_or_else(|| "no reason given".into()),
        ),
        _ => Outcome::Declined("the worker's message was not understood".into()),
    }
}

/// Run a compaction in a new worker and wait for its outcome; the worker is then ended.
/// `page_seen` is the state vector of the page's document. `None` when no worker could be
/// started (the page then compacts itself).
pub async fn compact_in_worker(page_seen: &[u8]) -> Option<Outcome> {
    in_worker(js_sys::Uint8Array::from(page_seen).into()).await
}

/// Ask a new worker what the store holds that a page with state vector `page_seen` lacks
/// ([`catch_up`]). `None` when no worker could be started.
pub async fn catch_up_in_worker(page_seen: &[u8]) -> Option<Outcome> {
    let request = Object::new();
    let _ = Reflect::set(
        &request,
        &JsValue::from_str(CATCH_UP),
        &js_sys::Uint8Array::from(page_seen),
    );
    in_worker(request.into()).await
}

/// Post `request` to a new worker once it is ready, and wait for its one answer.
async fn in_worker(request: JsValue) -> Option<Outcome> {
    let worker = web_sys::Worker::new("./compactor_loader.js").ok()?;
    let (send, receive) = futures_channel::oneshot::channel::<Outcome>();
    let send = std::rc::Rc::new(std::cell::RefCell::new(Some(send)));
    let on_message = {
        let send = send.clone();
        let worker = worker.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::MessageEvent)>::new(
            move |ev: web_sys::MessageEvent| {
                if ev.data().as_string().as_deref() == Some(READY) {
                    let _ = worker.post_message(&request);
                } else if let Some(s) = send.borrow_mut().take() {
                    let _ = s.send(from_message(&ev.data()));
                }
            },
        )
    };
    let on_error = {
        let send = send.clone();
        wasm_bindgen::closure::Closure::<dyn FnMut(web_sys::ErrorEvent)>::new(
            move |ev: web_sys::ErrorEvent| {
                if let Some(s) = send.borrow_mut().take() {
                    let _ = s.send(Outcome::Declined(format!(
                        "the worker failed: {}",
                        ev.message()
                    )));
                }
            },
        )
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    let outcome = receive
        .await
        .unwrap_or_else(|_| Outcome::Declined("the worker ended without a word".into()));
    worker.terminate();
    drop((on_message, on_error));
    Some(outcome)
}
