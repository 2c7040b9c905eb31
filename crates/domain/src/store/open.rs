//! What start-up opens from the store, and how a store is rebuilt around damage.
//!
//! Start-up reads everything in one transaction ([`Stored`]), then:
//! 1. [`quick_view`]: when the snapshot's view decodes and no edit came after it, the first
//!    page is drawn from it at once; the document loads after (see [`load`]).
//! 2. [`load`]: the document from the snapshot, with every stored edit merged in (merging an
//!    edit the snapshot already holds changes nothing, so edits are never lost to a race
//!    with compaction). A part that does not decode is set aside (never dropped) and the rest
//!    is used: a damaged document is rebuilt from the view; a damaged edit is skipped.
//!    Whatever merging broke is repaired ([`crate::document::repair`]) and said.

use crate::document::{repair::repair, Document};
use crate::model::Workspace;
use crate::storage::schema::{decode, DecodeError, Envelope};
use crate::store::records::{decode_doc, decode_update, RecordError, UpdateRecord};

/// Everything the store holds, as read in one transaction.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Stored {
    /// The snapshot's document ([`crate::store::records::encode_doc`]).
    pub doc: Option<Vec<u8>>,
    /// The snapshot's view (the packed form of [`crate::storage::schema`]).
    pub view: Option<String>,
    /// The edits since, by key, in the order they were stored.
    pub updates: Vec<(u64, Vec<u8>)>,
}

impl Stored {
    /// Nothing stored yet (a first start, or a browser that used only localStorage).
    pub fn is_empty(&self) -> bool {
        self.doc.is_none() && self.view.is_none() && self.updates.is_empty()
    }
}

/// The view, when it alone shows what the store holds: it decodes, and no edit came after.
/// Only the binary packed form that compaction writes is read here (an older view, or any
/// other, is left to [`load`]), so that the app's first download need not hold the readers of
/// JSON (issue 20: the document's code comes after the first page).
pub fn quick_view(stored: &Stored) -> Option<Envelope> {
    if !stored.updates.is_empty() || stored.doc.is_none() {
        return None;
    }
    crate::storage::schema::decode_packed_binary(stored.view.as_deref()?)?.ok()
}

/// A part of the store that could not be used, kept for the user.
#[derive(Clone, Debug, PartialEq)]
pub struct SetAside {
    /// Which part: "the stored document", "the stored view", "change 12".
    pub what: String,
    /// Why, in words.
    pub reason: String,
    /// The bytes as they were found (the view's text as UTF-8).
    pub bytes: Vec<u8>,
    /// The key of a damaged edit in the store, to move it aside.
    pub update_key: Option<u64>,
}

/// The store, opened.
pub struct Loaded {
    pub document: Document,
    pub workspace: Workspace,
    /// What was repaired after merging, in words (the repair is also in `document`, and
    /// `repair_update` holds it as a change to store).
    pub repairs: Vec<String>,
    pub repair_update: Vec<u8>,
    /// Parts that could not be used.
    pub set_aside: Vec<SetAside>,
    /// Entities the document holds that this version cannot read (kept in the document).
    pub unreadable: Vec<String>,
    /// Written by a newer version of the app: show read-only, never write.
    pub newer: Option<RecordError>,
    /// Keys of the edits folded in.
    pub merged: Vec<u64>,
    /// Who made the edits since the snapshot and when, oldest first, by key.
    pub history: Vec<(u64, UpdateRecord)>,
}

/// Open the store's document (see the module's notes). `client` is this tab's id in the
/// document.
pub fn load(stored: &Stored, client: u64) -> Loaded {
    let mut document = None;
    let mut set_aside = Vec::new();
    let mut newer = None;
    if let Some(bytes) = &stored.doc {
        match decode_doc(bytes).and_then(|state| {
            Document::from_state(client, &state).map_err(|e| RecordError::Damaged(e.to_string()))
        }) {
            Ok(loaded) => document = Some(loaded),
            Err(e @ RecordError::Newer { .. }) => newer = Some(e),
            Err(RecordError::Damaged(reason)) => set_aside.push(SetAside {
                what: "the stored document".into(),
                reason,
                bytes: bytes.clone(),
                update_key: None,
            }),
        }
    }
    let from_doc = document.is_some();
    // A snapshot refused part way leaves nothing behind: its document was dropped.
    let document = document.unwrap_or_else(|| Document::new(client));
    if !from_doc {
        if let Some(view) = &stored.view {
            match decode(view) {
                Ok(env) => {
                    document.quiet_change(&Workspace::default(), &env.workspace);
                }
                Err(DecodeError::NewerVersion { found, supported }) => {
                    newer.get_or_insert(RecordError::Newer {
                        found: found.min(255) as u8,
                        supported: supported.min(255) as u8,
                    });
                }
                Err(e) if stored.doc.is_none() || !set_aside.is_empty() => {
                    set_aside.push(SetAside {
                        what: "the stored view".into(),
                        reason: e.to_string(),
                        bytes: view.as_bytes().to_vec(),
                        update_key: None,
                    })
                }
                Err(_) => {}
            }
        }
    }
    let mut merged = Vec::new();
    let mut history = Vec::new();
    for (key, bytes) in &stored.updates {
        let outcome = decode_update(bytes).and_then(|rec| {
            document
                .merge(&rec.update)
                .map(|()| rec)
                .map_err(|e| RecordError::Damaged(e.to_string()))
        });
        match outcome {
            Ok(rec) => {
                merged.push(*key);
                history.push((*key, rec));
            }
            Err(e @ RecordError::Newer { .. }) => {
                newer.get_or_insert(e);
            }
            Err(RecordError::Damaged(reason)) => set_aside.push(SetAside {
                what: format!("change {key}"),
                reason,
                bytes: bytes.clone(),
                update_key: Some(*key),
            }),
        }
    }
    let read = document.read();
    let mut workspace = read.workspace;
    let before = workspace.clone();
    let repairs = repair(&mut workspace);
    let repair_update = if repairs.is_empty() || newer.is_some() {
        Vec::new()
    } else {
        document.quiet_change(&before, &workspace)
    };
    Loaded {
        document,
        workspace,
        repairs,
        repair_update,
        set_aside,
        unreadable: read.unreadable,
        newer,
        merged,
        history,
    }
}
