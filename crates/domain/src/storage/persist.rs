//! The decisions behind browser storage, as pure functions.
//!
//! The storage module in the app only moves strings in and out of `localStorage`; every
//! judgement — what to open at start-up, whether a save may go ahead, what to do when another
//! tab saved — is made here, where it is tested natively. The guiding rule: never overwrite
//! data the user has not explicitly given up.
//!
//! Keys: the primary copy, a draft written (and verified) before the primary is replaced,
//! and places to keep damaged data aside (each copy under a key of its own, never over an
//! earlier one).

use chrono::{DateTime, Duration, Utc};

use crate::model::Workspace;
use crate::storage::schema::{decode, peek, read_newer_leniently, DecodeError, Envelope};

/// Storage key of the primary copy.
pub const KEY_PRIMARY: &str = "pmo-workbench/v2/data";
/// Storage key of the draft written before the primary is replaced.
pub const KEY_DRAFT: &str = "pmo-workbench/v2/draft";
/// Storage key where damaged data is kept once the user starts clean (the first copy; later
/// ones get a number, see [`damaged_key`]).
pub const KEY_DAMAGED: &str = "pmo-workbench/v2/damaged";

/// The key for the `n`-th copy of damaged data kept aside (from 1).
pub fn damaged_key(n: usize) -> String {
    if n <= 1 {
        KEY_DAMAGED.to_string()
    } else {
        format!("{KEY_DAMAGED}/{n}")
    }
}

/// The first key for damaged data that holds nothing yet, so an earlier copy is never
/// overwritten. `taken` says whether a key holds something.
pub fn free_damaged_key(taken: impl Fn(&str) -> bool) -> String {
    (1..)
        .map(damaged_key)
        .find(|k| !taken(k))
        .expect("an unused key")
}

/// Every key that holds damaged data kept aside, oldest first, given the same `taken`.
pub fn damaged_keys(taken: impl Fn(&str) -> bool) -> Vec<String> {
    (1..).map(damaged_key).take_while(|k| taken(k)).collect()
}

/// What to open when the app starts.
#[derive(Clone, Debug, PartialEq)]
pub enum Startup {
    /// Nothing stored yet: start with an empty workspace.
    Fresh,
    /// A valid document. `from_draft` when the primary was missing or damaged and the draft
    /// of an interrupted save was used instead (the primary is then rewritten from it).
    Loaded {
        envelope: Envelope,
        from_draft: bool,
    },
    /// Stored data cannot be read. Keep `raw` untouched, offer it as a download, and start
    /// clean only when the user says so.
    Damaged { raw: String, error: DecodeError },
    /// Written by a newer version: open read-only and never write. `workspace` is what this
    /// version could read of it, or the draft of this version's last interrupted save
    /// (`from_draft`). When neither can be read, start-up says [`Startup::Damaged`] instead,
    /// so real data is never shown as an empty workspace.
    Newer {
        found: u32,
        supported: u32,
        revision: u64,
        workspace: Workspace,
        from_draft: bool,
    },
}

/// Decide what to open from the stored primary copy and draft.
pub fn decide_startup(primary: Option<&str>, draft: Option<&str>) -> Startup {
    let from_draft = || draft.and_then(|d| decode(d).ok());
    match primary {
        None => match from_draft() {
            Some(envelope) => Startup::Loaded {
                envelope,
                from_draft: true,
            },
            None => Startup::Fresh,
        },
        Some(raw) => match decode(raw) {
            Ok(envelope) => match from_draft() {
                // A draft newer than the primary means the save was cut off after the draft was verified.
                Some(d) if d.revision > envelope.revision => Startup::Loaded {
                    envelope: d,
                    from_draft: true,
                },
                _ => Startup::Loaded {
                    envelope,
                    from_draft: false,
                },
            },
            Err(error @ DecodeError::NewerVersion { found, supported }) => {
                let revision = peek(raw).map_or(0, |h| h.revision);
                match read_newer_leniently(raw) {
                    Some((revision, workspace)) => Startup::Newer {
                        found,
                        supported,
                        revision,
                        workspace,
                        from_draft: false,
                    },
                    None => match from_draft() {
                        Some(d) => Startup::Newer {
                            found,
                            supported,
                            revision,
                            workspace: d.workspace,
                            from_draft: true,
                        },
                        None => Startup::Damaged {
                            raw: raw.to_string(),
                            error,
                        },
                    },
                }
            }
            Err(error) => match from_draft() {
                Some(envelope) => Startup::Loaded {
                    envelope,
                    from_draft: true,
                },
                None => Startup::Damaged {
                    raw: raw.to_string(),
                    error,
                },
            },
        },
    }
}

/// A copy of stored text for the user to download: JSON wherever it still decodes (packed
/// forms unpacked, JSON indented), otherwise the text exactly as it was stored.
#[derive(Clone, Debug, PartialEq)]
pub struct Readable {
    pub text: String,
    /// `text` is JSON (name the file `.json`); otherwise it is the raw stored text (`.txt`).
    pub json: bool,
}

impl Readable {
    pub fn file_name(&self) -> &'static str {
        if self.json {
            "pmo-workbench-damaged-data.json"
        } else {
            "pmo-workbench-damaged-data.txt"
        }
    }

    pub fn mime(&self) -> &'static str {
        if self.json {
            "application/json"
        } else {
            "text/plain"
        }
    }
}

/// See [`Readable`].
pub fn readable(raw: &str) -> Readable {
    let json = crate::storage::schema::stored_as_json(raw)
        .and_then(|j| serde_json::from_str::<serde_json::Value>(&j).ok())
        .map(|v| crate::common::json::pretty(&v.to_string()));
    match json {
        Some(text) => Readable { text, json: true },
        None => Readable {
            text: raw.to_string(),
            json: false,
        },
    }
}

/// Remind the user to export when changes have waited more than 7 days for a backup.
pub fn export_reminder_due(unexported_since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    unexported_since.is_some_and(|t| now - t > Duration::days(7))
}

/// A file name for an export made at `now`, e.g. `pmo-workbench-2026-11-22-0130.json`.
pub fn export_file_name(now: DateTime<Utc>) -> String {
    format!("pmo-workbench-{}.json", now.format("%Y-%m-%d-%H%M"))
}
