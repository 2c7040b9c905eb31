//! The data layer's stored forms, as pure rules: what the app keeps in IndexedDB, how each
//! record is encoded, and what start-up opens from them. The app's `app/store` module only
//! moves these bytes in and out of the browser; every judgement is made (and tested) here.
//!
//! ## The database
//! One IndexedDB database, [`DATABASE`], with four object stores (version 2 added
//! [`DRAFTS`]):
//! - [`SNAPSHOTS`], one record under [`SNAPSHOT_KEY`]: the compacted document
//!   ([`records::encode_doc`]) and a *view*, the workspace in the fast packed form of
//!   [`crate::storage`], so that start-up can draw the first page before the document loads.
//!   It is replaced in one transaction, in idle time.
//! - [`UPDATES`], keyed by an increasing number: each edit's change of the document
//!   ([`records::encode_update`]), appended in its own transaction, so an edit is either
//!   stored whole or not at all. Compaction folds them into the snapshot and deletes them in
//!   the same transaction that writes it.
//! - [`DRAFTS`]: work in progress that is not part of the workspace, keyed by a name: a
//!   project manager's reply to a status request ([`crate::round`]), kept as the
//!   reply file's text, read back as untrusted input like any reply file.
//! - [`DAMAGED`]: records that did not decode, moved aside (never deleted without the user)
//!   so that they stay downloadable from the Data page.
//!
//! Every record is untrusted input: each decoder checks what it reads before it allocates
//! from it, and is in the fuzz harness.

pub mod file;
pub mod open;
pub mod records;

/// The IndexedDB database's name.
pub const DATABASE: &str = "pmo-workbench";
/// Its schema version (IndexedDB's own, for `onupgradeneeded`).
pub const DATABASE_VERSION: u32 = 2;
/// The store of the compacted snapshot.
pub const SNAPSHOTS: &str = "snapshot";
/// The store of edits since the snapshot.
pub const UPDATES: &str = "updates";
/// The store of records that did not decode, kept for the user.
pub const DAMAGED: &str = "damaged";
/// The store of drafts (a PM's status reply in progress).
pub const DRAFTS: &str = "drafts";
/// The key of the status-reply draft.
pub const REPLY_DRAFT: &str = "status-reply";
/// The key of the one snapshot.
pub const SNAPSHOT_KEY: &str = "main";
/// The name of the channel tabs tell each other their edits on.
pub const CHANNEL: &str = "pmo-workbench/edits";
