//! The only module that touches `localStorage` (through gloo-storage). Since the data moved
//! to IndexedDB (see [`crate::app::store`]) it holds small settings only (export times, the
//! name changes are recorded under) and, untouched, the workspace earlier versions stored
//! there: read once into the new store at first start, and kept as a backup until the user
//! removes it on the Data page. What that old copy means is decided by the pure functions in
//! [`pmo_domain::storage::persist`].

use gloo_storage::{LocalStorage, Storage};
use pmo_domain::storage::persist::{
    damaged_keys, decide_startup, free_damaged_key, Startup, KEY_DRAFT, KEY_PRIMARY,
};
use pmo_domain::storage::schema::Meta;
use wasm_bindgen::{JsCast, JsValue};

/// Where the export times are kept.
const KEY_META: &str = "pmo-workbench/settings/meta";
/// Where live sync connects, with what token, and whether it should (small settings, read as
/// untrusted: anything unreadable counts as none).
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct LiveSettings {
    pub url: String,
    pub token: String,
    pub room: String,
    pub on: bool,
}

pub fn live_settings() -> LiveSettings {
    read(KEY_LIVE)
        .filter(|t| t.len() < 4096)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

pub fn save_live_settings(s: &LiveSettings) -> Result<(), SaveError> {
    let text = serde_json::to_string(s).map_err(|e| SaveError::Failed(e.to_string()))?;
    storage()?.set_item(KEY_LIVE, &text).map_err(classify)
}

/// Pages whose introduction the user hid (`<prefix><page>` = "hidden").
const KEY_INTRO: &str = "pmo-workbench/settings/intro-hidden/";

/// Whether the introduction of `page` was hidden in this browser.
pub fn intro_hidden(page: &str) -> bool {
    read(&format!("{KEY_INTRO}{page}")).as_deref() == Some("hidden")
}

/// Hide or show the introduction of `page` (a failure only forgets the choice).
pub fn set_intro_hidden(page: &str, hidden: bool) {
    if let Ok(store) = storage() {
        let key = format!("{KEY_INTRO}{page}");
        let _ = if hidden {
            store.set_item(&key, "hidden")
        } else {
            store.remove_item(&key)
        };
    }
}

/// The values answered in earlier CSV imports (see `csv_choices::Remembered`).
const KEY_IMPORT: &str = "pmo-workbench/settings/import-answers";

pub fn import_answers() -> pmo_domain::portfolio::csv_choices::Remembered {
    read(KEY_IMPORT)
        .map(|t| pmo_domain::portfolio::csv_choices::Remembered::decode(&t))
        .unwrap_or_default()
}

/// Keep the answers (a failure only forgets them: they are a convenience).
pub fn save_import_answers(r: &pmo_domain::portfolio::csv_choices::Remembered) {
    if let Ok(store) = storage() {
        let _ = store.set_item(KEY_IMPORT, &r.encode());
    }
}

/// The name this browser's changes are recorded under.
const KEY_AUTHOR: &str = "pmo-workbench/settings/author";
const KEY_LIVE: &str = "pmo-workbench/settings/live";

/// Why localStorage did not do what was asked.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveError {
    /// The browser's storage quota is full; nothing was replaced.
    QuotaFull,
    /// Storage is unavailable (disabled, private mode …) or the write did not verify.
    Failed(String),
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

/// What earlier versions stored in localStorage, read without writing anything: the old
/// copy stays exactly as it was.
pub fn startup() -> Startup {
    decide_startup(read(KEY_PRIMARY).as_deref(), read(KEY_DRAFT).as_deref())
}

/// Whether the copy earlier versions kept in localStorage is still there.
pub fn has_old_copy() -> bool {
    read(KEY_PRIMARY).is_some() || read(KEY_DRAFT).is_some()
}

/// Remove the old localStorage copy (the user chose to, on the Data page).
pub fn remove_old_copy() -> Result<(), SaveError> {
    let store = storage()?;
    store.remove_item(KEY_PRIMARY).map_err(classify)?;
    store.remove_item(KEY_DRAFT).map_err(classify)?;
    Ok(())
}

/// The old copy as stored, to download before removing it.
pub fn old_copy() -> Option<String> {
    read(KEY_PRIMARY).or_else(|| read(KEY_DRAFT))
}

/// The export times kept in this browser (defaults when none or unreadable).
pub fn load_meta() -> Meta {
    read(KEY_META)
        .and_then(|m| serde_json::from_str(&m).ok())
        .unwrap_or_default()
}

/// Keep the export times (a failure only loses the reminder's timing).
pub fn save_meta(meta: &Meta) {
    if let (Ok(store), Ok(json)) = (storage(), serde_json::to_string(meta)) {
        let _ = store.set_item(KEY_META, &json);
    }
}

/// Where a closing tab keeps changes whose writes to the database were still under way
/// (`<prefix><tab's client id>`: each tab its own key).
const KEY_PENDING: &str = "pmo-workbench/pending/";

/// Keep the encoded changes a closing tab could not confirm (hex, one per line). A failure
/// loses nothing that was confirmed.
pub fn stash_pending(client: u64, records: &[Vec<u8>]) {
    let Ok(store) = storage() else { return };
    let key = format!("{KEY_PENDING}{client}");
    if records.is_empty() {
        let _ = store.remove_item(&key);
        return;
    }
    let text: Vec<String> = records
        .iter()
        .map(|r| pmo_domain::common::hex::encode(r))
        .collect();
    let _ = store.set_item(&key, &text.join("\n"));
}

/// The keys of the changes closing tabs kept.
fn stashed_keys(store: &web_sys::Storage) -> Vec<String> {
    (0..store.length().unwrap_or(0))
        .filter_map(|i| store.key(i).ok().flatten())
        .filter(|k| k.starts_with(KEY_PENDING))
        .collect()
}

/// Whether a closing tab kept changes aside.
pub fn has_stashed() -> bool {
    storage().is_ok_and(|store| !stashed_keys(&store).is_empty())
}

/// Every change closing tabs kept, with the keys they are under.
pub fn stashed() -> (Vec<String>, Vec<Vec<u8>>) {
    let Ok(store) = storage() else {
        return (Vec::new(), Vec::new());
    };
    let keys = stashed_keys(&store);
    let records = keys
        .iter()
        .filter_map(|k| store.get_item(k).ok().flatten())
        .flat_map(|text| {
            text.lines()
                .filter_map(pmo_domain::common::hex::decode)
                .collect::<Vec<_>>()
        })
        .collect();
    (keys, records)
}

/// Forget kept changes once they are merged and handed to the database.
pub fn forget_stashed(keys: &[String]) {
    if let Ok(store) = storage() {
        for key in keys {
            let _ = store.remove_item(key);
        }
    }
}

/// The name this browser's changes are recorded under ("" until the user gives one).
pub fn author() -> String {
    // Read once per tab (every edit asks): a change here goes through `set_author`, one in
    // another tab arrives as a `storage` event, which forgets what was read.
    AUTHOR.with_borrow_mut(|cached| {
        cached
            .get_or_insert_with(|| {
                watch_author();
                read(KEY_AUTHOR).unwrap_or_default()
            })
            .clone()
    })
}

thread_local! {
    static AUTHOR: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
    static WATCHING_AUTHOR: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Forget the name read when another tab changes it (or clears localStorage).
fn watch_author() {
    if WATCHING_AUTHOR.with(|w| w.replace(true)) {
        return;
    }
    let _ = leptos::prelude::window_event_listener(leptos::ev::storage, |ev| {
        if ev.key().is_none_or(|k| k == KEY_AUTHOR) {
            AUTHOR.with_borrow_mut(|cached| *cached = None);
        }
    });
}

/// Whether this browser was asked for the name (given one, or said "not now"): it is asked
/// once, then only changed on the Data page.
pub fn author_asked() -> bool {
    read(KEY_AUTHOR).is_some()
}

/// Record changes under this name from now on.
pub fn set_author(name: &str) -> Result<(), SaveError> {
    storage()?
        .set_item(KEY_AUTHOR, name.trim())
        .map_err(classify)?;
    AUTHOR.with_borrow_mut(|cached| *cached = Some(name.trim().to_string()));
    Ok(())
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

/// The user chose to start clean after damaged data: keep the damaged text under a key of
/// its own (an earlier copy kept aside is never overwritten) and clear the primary copy so
/// saves can resume.
pub fn set_aside_damaged(raw: &str) -> Result<(), SaveError> {
    let store = storage()?;
    keep_aside(&store, raw)?;
    store.remove_item(KEY_PRIMARY).map_err(classify)?;
    let _ = store.remove_item(KEY_DRAFT);
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

/// Stored text as a person can read it: packed documents as JSON where possible, otherwise
/// the stored text unchanged (it can still be imported).
pub fn readable(raw: &str) -> String {
    pmo_domain::storage::persist::readable(raw).text
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
            SaveError::QuotaFull => write!(f, "browser storage is full"),
            SaveError::Failed(why) => write!(f, "{why}"),
        }
    }
}
