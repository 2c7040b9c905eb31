//! The only module that touches browser storage (`localStorage` through gloo-storage).
//!
//! It moves strings in and out and reports what happened; every decision (what to open,
//! whether a save may go ahead, what another tab's save means) is made by the pure functions
//! in [`pmo_domain::storage::persist`].
//!
//! A save never leaves the primary copy corrupt: the new document is first written to a
//! draft key and read back; only then is the primary replaced (and read back), and only then
//! is the draft removed. If the tab dies in between, the next start finds a verified draft.

use std::cell::{Cell, RefCell};

use gloo_storage::{LocalStorage, Storage};
use pmo_domain::storage::persist::{
    damaged_keys, decide_save, decide_startup, free_damaged_key, SaveDecision, Startup, KEY_DRAFT,
    KEY_PRIMARY,
};
use pmo_domain::storage::schema::{Envelope, Meta};
use pmo_domain::Workspace;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// The revision this tab loaded or last saved: it may only save over that revision.
    static BASE_REVISION: Cell<u64> = const { Cell::new(0) };
    /// The last document this tab stored (packed), for the crash panel's export.
    static LAST_STORED: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Why a save did not happen.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// Another tab saved a newer revision; nothing was written.
    Stale { stored: u64 },
    /// The stored copy is unreadable or from a newer version; nothing was written.
    Blocked,
    /// The browser's storage quota is full; nothing was replaced.
    QuotaFull,
    /// Storage is unavailable (disabled, private mode …) or the write did not verify.
    Failed(String),
    /// The workspace breaks a rule of the data, so the next start would refuse it; nothing
    /// was written (the reason names the first problem).
    Invalid(String),
}

fn storage() -> Result<web_sys::Storage, SaveError> {
    // gloo-storage's raw() panics when localStorage is missing or blocked by policy; check first.
    match web_sys::window().map(|w| w.local_storage()) {
        Some(Ok(Some(_))) => Ok(LocalStorage::raw()),
        Some(Err(e)) => Err(SaveError::Failed(format!(
            "local storage is blocked ({})",
            classify(e)
        ))),
        _ => Err(SaveError::Failed(
            "local storage is not available in this browser".into(),
        )),
    }
}

fn read(key: &str) -> Option<String> {
    storage().ok()?.get_item(key).ok().flatten()
}

fn classify(err: JsValue) -> SaveError {
    let name = err
        .dyn_ref::<web_sys::DomException>()
        .map(|e| e.name())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        SaveError::QuotaFull
    } else {
        SaveError::Failed(format!(
            "{name}: {}",
            err.as_string().unwrap_or_else(|| format!("{err:?}"))
        ))
    }
}

fn write_verified(store: &web_sys::Storage, key: &str, value: &str) -> Result<(), SaveError> {
    store.set_item(key, value).map_err(classify)?;
    match store.get_item(key) {
        Ok(Some(back)) if back == value => Ok(()),
        _ => Err(SaveError::Failed(format!(
            "the copy under \"{key}\" did not read back intact"
        ))),
    }
}

/// Read storage and decide what to open. A verified draft of an interrupted save is
/// promoted to primary here (the primary is only replaced by a copy that decodes). If that
/// rewrite fails (storage full), the tab still holds the draft's revision, and its next save
/// goes ahead over the older primary (see `pmo_domain::storage::persist::decide_save`).
pub fn startup() -> Startup {
    let decision = decide_startup(read(KEY_PRIMARY).as_deref(), read(KEY_DRAFT).as_deref());
    match &decision {
        Startup::Loaded {
            envelope,
            from_draft,
        } => {
            BASE_REVISION.set(envelope.revision);
            if *from_draft {
                if let (Ok(store), Ok(stored)) = (storage(), envelope.to_stored()) {
                    if write_verified(&store, KEY_PRIMARY, &stored).is_ok() {
                        let _ = store.remove_item(KEY_DRAFT);
                    }
                }
            }
        }
        Startup::Newer { revision, .. } => BASE_REVISION.set(*revision),
        Startup::Fresh | Startup::Damaged { .. } => BASE_REVISION.set(0),
    }
    decision
}

/// Save the workspace over the revision this tab holds. Returns the new revision.
pub fn save(
    workspace: &Workspace,
    meta: &Meta,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<u64, SaveError> {
    let store = storage()?;
    let base = BASE_REVISION.get();
    let current = read(KEY_PRIMARY);
    let (revision, set_aside) = match decide_save(current.as_deref(), base) {
        SaveDecision::Write { revision } => (revision, false),
        SaveDecision::SetAsideThenWrite { revision } => (revision, true),
        SaveDecision::Stale { stored, .. } => return Err(SaveError::Stale { stored }),
        SaveDecision::Blocked => return Err(SaveError::Blocked),
    };
    let mut env = Envelope::new(workspace.clone(), revision);
    env.saved_at = Some(now);
    env.meta = meta.clone();
    // Stored packed (see pmo_domain::storage::codec) so that large workspaces fit the quota; a
    // workspace the next start would refuse is never written.
    let stored = env.to_stored().map_err(|problems| {
        SaveError::Invalid(problems.first().map_or_else(String::new, |p| p.to_string()))
    })?;
    if set_aside {
        // The stored copy is damaged: keep it under a key of its own before replacing it.
        if let Some(damaged) = &current {
            keep_aside(&store, damaged)?;
        }
    }
    LAST_STORED.with_borrow_mut(|last| *last = Some(stored.clone()));
    if let Err(e) = write_verified(&store, KEY_DRAFT, &stored) {
        // Do not leave a half-written draft that could shadow the primary.
        let _ = store.remove_item(KEY_DRAFT);
        return Err(e);
    }
    // The draft is verified: if the tab dies from here on, the next start recovers it.
    write_verified(&store, KEY_PRIMARY, &stored)?;
    let _ = store.remove_item(KEY_DRAFT);
    BASE_REVISION.set(revision);
    Ok(revision)
}

/// Keep damaged stored text under the first free damaged-data key (never over an earlier
/// copy). Text already kept is not kept twice, so a save that keeps failing after setting
/// aside does not fill storage with copies.
fn keep_aside(store: &web_sys::Storage, raw: &str) -> Result<String, SaveError> {
    let taken = |k: &str| store.get_item(k).ok().flatten();
    if let Some(key) = damaged_keys(|k| taken(k).is_some())
        .into_iter()
        .find(|k| taken(k).as_deref() == Some(raw))
    {
        return Ok(key);
    }
    let key = free_damaged_key(|k| taken(k).is_some());
    write_verified(store, &key, raw)?;
    Ok(key)
}

/// Accept a document another tab saved (or that the user chose to reload) as this tab's base.
pub fn adopt_revision(revision: u64) {
    BASE_REVISION.set(revision);
}

/// The revision this tab holds.
pub fn base_revision() -> u64 {
    BASE_REVISION.get()
}

/// The primary copy as it is stored now (to reload after a conflict).
pub fn read_primary() -> Option<String> {
    read(KEY_PRIMARY)
}

/// The user chose to start clean after damaged data: keep the damaged text under a key of
/// its own (an earlier copy kept aside is never overwritten) and clear the primary copy so
/// saves can resume.
pub fn set_aside_damaged(raw: &str) -> Result<(), SaveError> {
    let store = storage()?;
    keep_aside(&store, raw)?;
    store.remove_item(KEY_PRIMARY).map_err(classify)?;
    let _ = store.remove_item(KEY_DRAFT);
    BASE_REVISION.set(0);
    Ok(())
}

/// Damaged data kept aside earlier, oldest first.
pub fn damaged_copies() -> Vec<String> {
    let Ok(store) = storage() else {
        return Vec::new();
    };
    damaged_keys(|k| store.get_item(k).ok().flatten().is_some())
        .into_iter()
        .filter_map(|k| store.get_item(&k).ok().flatten())
        .collect()
}

/// The best copy of the user's data for the crash panel, as readable JSON: what this tab
/// last stored, else the stored primary copy.
pub fn crash_snapshot() -> Option<String> {
    LAST_STORED
        .try_with(|last| last.try_borrow().ok().and_then(|s| s.clone()))
        .ok()
        .flatten()
        .or_else(|| read(KEY_PRIMARY))
        .map(|raw| readable(&raw))
}

/// Stored text as a person can read it: packed documents as JSON where possible, otherwise
/// the stored text unchanged (it can still be imported).
pub fn readable(raw: &str) -> String {
    pmo_domain::storage::persist::readable(raw).text
}

/// Is this storage event about our primary copy (written by another tab)?
pub fn primary_changed(ev: &web_sys::StorageEvent) -> Option<Option<String>> {
    (ev.key().as_deref() == Some(KEY_PRIMARY)).then(|| ev.new_value())
}

/// Ask the browser to keep our storage under pressure. `None` when the API is missing.
pub async fn request_persistence() -> Option<bool> {
    let storage = web_sys::window()?.navigator().storage();
    let persisted = wasm_bindgen_futures::JsFuture::from(storage.persisted().ok()?)
        .await
        .ok()?;
    if persisted.as_bool() == Some(true) {
        return Some(true);
    }
    let granted = wasm_bindgen_futures::JsFuture::from(storage.persist().ok()?)
        .await
        .ok()?;
    granted.as_bool()
}

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SaveError::Stale { stored } => write!(f, "another tab saved revision {stored}"),
            SaveError::Blocked => write!(f, "the stored copy cannot be read here"),
            SaveError::QuotaFull => write!(f, "browser storage is full"),
            SaveError::Failed(why) => write!(f, "{why}"),
            SaveError::Invalid(why) => write!(f, "the data breaks a rule ({why})"),
        }
    }
}
