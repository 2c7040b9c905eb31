//! The only module that touches IndexedDB (through the `idb` crate). It moves the records
//! of [`pmo_domain::store`] in and out and reports what happened; what the records mean and
//! what start-up opens is decided in the domain.
//!
//! Each edit is appended in a transaction of its own; the snapshot is replaced, and the edits
//! it holds are deleted, in one transaction. A tab killed mid-write therefore loses at most
//! the edit being written, and nothing is ever half-written.

use std::rc::Rc;

use idb::{Database, Factory, ObjectStoreParams, TransactionMode, TransactionResult};
use js_sys::{Object, Reflect, Uint8Array};
use pmo_domain::store::open::Stored;
use pmo_domain::store::{
    DAMAGED, DATABASE, DATABASE_VERSION, DRAFTS, SNAPSHOTS, SNAPSHOT_KEY, UPDATES,
};
use wasm_bindgen::{JsCast, JsValue};

/// Why the store did not do what was asked.
#[derive(Clone, Debug, PartialEq)]
pub enum StoreError {
    /// The browser's storage for this site is full; nothing was written.
    QuotaFull,
    /// IndexedDB is missing, blocked, or failed (the reason says how).
    Failed(String),
}

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            StoreError::QuotaFull => write!(f, "browser storage is full"),
            StoreError::Failed(why) => write!(f, "{why}"),
        }
    }
}

fn failed(e: idb::Error) -> StoreError {
    let text = e.to_string();
    if text.contains("QuotaExceeded") || text.contains("quota") {
        StoreError::QuotaFull
    } else {
        StoreError::Failed(text)
    }
}

/// An open connection to the store.
#[derive(Clone)]
pub struct Store {
    db: Rc<Database>,
}

/// The snapshot's record: the compacted document, the view, and a generation that changes
/// with every compaction (so that a tab can tell another tab compacted).
pub struct Snapshot {
    pub doc: Vec<u8>,
    pub view: Option<String>,
    pub generation: f64,
}

impl Store {
    /// Open (and on first use create) the database.
    pub async fn open() -> Result<Store, StoreError> {
        Store::open_named(DATABASE).await
    }

    /// Open the database called `name` (the browser tests use databases of their own).
    pub async fn open_named(name: &str) -> Result<Store, StoreError> {
        let factory = Factory::new().map_err(|e| {
            StoreError::Failed(format!("IndexedDB is not available in this browser ({e})"))
        })?;
        let mut request = factory.open(name, Some(DATABASE_VERSION)).map_err(failed)?;
        request.on_upgrade_needed(|event| {
            let Ok(db) = idb::DatabaseEvent::database(&event) else {
                return;
            };
            let names = db.store_names();
            for name in [SNAPSHOTS, DRAFTS] {
                if !names.iter().any(|n| n == name) {
                    let _ = db.create_object_store(name, ObjectStoreParams::new());
                }
            }
            for name in [UPDATES, DAMAGED] {
                if !names.iter().any(|n| n == name) {
                    let mut params = ObjectStoreParams::new();
                    params.auto_increment(true);
                    let _ = db.create_object_store(name, params);
                }
            }
        });
        let mut db = request.await.map_err(failed)?;
        // Another tab of a newer version wants to upgrade the database, or it is being
        // deleted: let go of it rather than block that (this tab's writes then fail and say so).
        db.on_version_change(|event| {
            if let Some(db) = event
                .target()
                .and_then(|t| t.dyn_into::<web_sys::IdbDatabase>().ok())
            {
                db.close();
            }
        });
        Ok(Store { db: Rc::new(db) })
    }

    /// Everything stored, read in one transaction.
    pub async fn read_all(&self) -> Result<(Stored, f64), StoreError> {
        let tx = self
            .db
            .transaction(&[SNAPSHOTS, UPDATES], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let snapshots = tx.object_store(SNAPSHOTS).map_err(failed)?;
        let updates = tx.object_store(UPDATES).map_err(failed)?;
        let snapshot = snapshots
            .get(JsValue::from_str(SNAPSHOT_KEY))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        let changes = all_changes(&updates).await?;
        let _ = tx.await;
        let mut stored = Stored::default();
        let mut generation = 0.0;
        if let Some(record) = snapshot {
            stored.doc = field(&record, "doc").and_then(|v| bytes_of(&v));
            stored.view = field(&record, "view").and_then(|v| v.as_string());
            generation = field(&record, "generation")
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0);
            if stored.doc.is_none() && stored.view.is_none() {
                // Something is stored under the snapshot's key, but not a snapshot: keep it
                // visible as damage instead of treating the store as empty.
                stored.doc = Some(format!("{record:?}").into_bytes());
            }
        }
        stored.updates = changes;
        Ok((stored, generation))
    }

    /// The stored changes, by key.
    pub async fn read_updates(&self) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
        let tx = self
            .db
            .transaction(&[UPDATES], TransactionMode::ReadOnly)
            .map_err(failed)?;
        all_changes(&tx.object_store(UPDATES).map_err(failed)?).await
    }

    /// The draft kept under `key`, as it was written (untrusted: the caller decodes it).
    pub async fn draft(&self, key: &str) -> Result<Option<String>, StoreError> {
        let tx = self
            .db
            .transaction(&[DRAFTS], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let value = tx
            .object_store(DRAFTS)
            .map_err(failed)?
            .get(JsValue::from_str(key))
            .map_err(failed)?
            .await
            .map_err(failed)?;
        Ok(value.and_then(|v| v.as_string()))
    }

    /// Keep `text` as the draft under `key` (`None` removes it), in one transaction.
    pub async fn put_draft(&self, key: &str, text: Option<&str>) -> Result<(), StoreError> {
        let tx = self
            .db
            .transaction(&[DRAFTS], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let store = tx.object_store(DRAFTS).map_err(failed)?;
        let key = JsValue::from_str(key);
        match text {
            Some(text) => {
                store
                    .put(&JsValue::from_str(text), Some(&key))
                    .map_err(failed)?
                    .await
                    .map_err(failed)?;
            }
            None => {
                store.delete(key).map_err(failed)?.await.map_err(failed)?;
            }
        }
        committed(tx.await, &store)
    }

    /// The snapshot's generation now (0 when there is none).
    pub async fn generation(&self) -> Result<f64, StoreError> {
        let tx = self
            .db
            .transaction(&[SNAPSHOTS], TransactionMode::ReadOnly)
            .map_err(failed)?;
        generation_in(&tx.object_store(SNAPSHOTS).map_err(failed)?).await
    }

    /// Start appending one edit (an encoded record) in a transaction of its own. The write
    /// is handed to the browser before this returns, so it goes ahead even if the page is
    /// closed right after; await the result for its key.
    pub fn append(
        &self,
        record: &[u8],
    ) -> Result<impl std::future::Future<Output = Result<u64, StoreError>>, StoreError> {
        let tx = self
            .db
            .transaction(&[UPDATES], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let store = tx.object_store(UPDATES).map_err(failed)?;
        let request = store
            .add(&Uint8Array::from(record).into(), None)
            .map_err(failed)?;
        Ok(async move {
            let key = request.await.map_err(failed)?;
            committed(tx.await, &store)?;
            Ok(key.as_f64().unwrap_or(0.0) as u64)
        })
    }

    /// Replace the snapshot and delete the edits it holds, in one transaction, unless another
    /// tab compacted since this tab read generation `seen` (then nothing is written and
    /// `Ok(false)` says so).
    pub async fn compact(
        &self,
        seen: f64,
        snapshot: &Snapshot,
        folded: &[u64],
        set_aside: &[Vec<u8>],
    ) -> Result<bool, StoreError> {
        let tx = self
            .db
            .transaction(&[SNAPSHOTS, UPDATES, DAMAGED], TransactionMode::ReadWrite)
            .map_err(failed)?;
        let snapshots = tx.object_store(SNAPSHOTS).map_err(failed)?;
        if generation_in(&snapshots).await? != seen {
            let _ = tx.abort();
            return Ok(false);
        }
        let damaged = tx.object_store(DAMAGED).map_err(failed)?;
        for bytes in set_aside {
            damaged
                .add(&Uint8Array::from(bytes.as_slice()).into(), None)
                .map_err(failed)?;
        }
        let record = Object::new();
        let set = |k: &str, v: &JsValue| {
            let _ = Reflect::set(&record, &JsValue::from_str(k), v);
        };
        set("doc", &Uint8Array::from(snapshot.doc.as_slice()).into());
        if let Some(view) = &snapshot.view {
            set("view", &JsValue::from_str(view));
        }
        set("generation", &JsValue::from_f64(snapshot.generation));
        snapshots
            .put(&record.into(), Some(&JsValue::from_str(SNAPSHOT_KEY)))
            .map_err(failed)?;
        let updates = tx.object_store(UPDATES).map_err(failed)?;
        for key in folded {
            updates
                .delete(JsValue::from_f64(*key as f64))
                .map_err(failed)?;
        }
        committed(tx.commit().map_err(failed)?.await, &updates)?;
        Ok(true)
    }

    /// Close the connection (so that the database can be deleted).
    pub fn close(&self) {
        self.db.close();
    }

    /// Records set aside because they did not decode, oldest first.
    pub async fn damaged(&self) -> Result<Vec<Vec<u8>>, StoreError> {
        let tx = self
            .db
            .transaction(&[DAMAGED], TransactionMode::ReadOnly)
            .map_err(failed)?;
        let values = tx
            .object_store(DAMAGED)
            .map_err(failed)?
            .get_all(None, None)
            .map_err(failed)?
            .await
            .map_err(failed)?;
        Ok(values.iter().filter_map(bytes_of).collect())
    }
}

/// A transaction's outcome as a result. A browser whose quota is used up accepts each
/// request and then aborts the whole transaction when it commits, with a
/// `QuotaExceededError` on the transaction (read through one of its stores).
fn committed(
    result: Result<TransactionResult, idb::Error>,
    store: &idb::ObjectStore,
) -> Result<(), StoreError> {
    match result.map_err(failed)? {
        TransactionResult::Committed => Ok(()),
        TransactionResult::Aborted => {
            let name = store
                .transaction()
                .error()
                .map(|e| e.name())
                .unwrap_or_default();
            if name == "QuotaExceededError" {
                Err(StoreError::QuotaFull)
            } else {
                Err(StoreError::Failed(format!(
                    "the browser did not keep the change (the write was aborted{})",
                    if name.is_empty() {
                        String::new()
                    } else {
                        format!(": {name}")
                    }
                )))
            }
        }
    }
}

/// The snapshot's generation (0 when there is none), read within the caller's transaction.
async fn generation_in(snapshots: &idb::ObjectStore) -> Result<f64, StoreError> {
    Ok(snapshots
        .get(JsValue::from_str(SNAPSHOT_KEY))
        .map_err(failed)?
        .await
        .map_err(failed)?
        .and_then(|r| field(&r, "generation"))
        .and_then(|v| v.as_f64())
        .unwrap_or(0.0))
}

/// Every stored change, by key, read within the caller's transaction.
async fn all_changes(updates: &idb::ObjectStore) -> Result<Vec<(u64, Vec<u8>)>, StoreError> {
    let keys = updates
        .get_all_keys(None, None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    let values = updates
        .get_all(None, None)
        .map_err(failed)?
        .await
        .map_err(failed)?;
    Ok(keyed(keys, values))
}

/// Keys and values read apart, paired (a value that is not bytes reads as no bytes, which
/// the record decoder refuses and start-up sets aside).
fn keyed(keys: Vec<JsValue>, values: Vec<JsValue>) -> Vec<(u64, Vec<u8>)> {
    keys.into_iter()
        .zip(values)
        .filter_map(|(k, v)| Some((k.as_f64()? as u64, bytes_of(&v).unwrap_or_default())))
        .collect()
}

fn field(record: &JsValue, name: &str) -> Option<JsValue> {
    Reflect::get(record, &JsValue::from_str(name))
        .ok()
        .filter(|v| !v.is_undefined() && !v.is_null())
}

fn bytes_of(value: &JsValue) -> Option<Vec<u8>> {
    value.dyn_ref::<Uint8Array>().map(Uint8Array::to_vec)
}

/// Bytes used by this site and its quota, as the browser estimates them.
pub async fn usage() -> Option<(f64, f64)> {
    let storage = web_sys::window()?.navigator().storage();
    let estimate = wasm_bindgen_futures::JsFuture::from(storage.estimate().ok()?)
        .await
        .ok()?;
    let used = field(&estimate, "usage")?.as_f64()?;
    let quota = field(&estimate, "quota")?.as_f64()?;
    Some((used, quota))
}
