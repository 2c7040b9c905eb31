//! The decisions behind browser storage, as pure functions.
//!
//! The storage module in the app only moves strings in and out of `localStorage`; every
//! judgement — what to open at start-up, whether a save may go ahead, what to do when another
//! tab saved — is made here, where it is tested natively. The guiding rule: never overwrite
//! data the user has not explicitly given up.
//!
//! Keys: the primary copy, a draft written (and verified) before the primary is replaced,
//! and a place to keep damaged data aside once the user chooses to start clean.

use chrono::{DateTime, Duration, Utc};

use crate::model::Workspace;
use crate::schema::{decode, peek, peek_revision, read_newer_leniently, DecodeError, Envelope};

/// Storage key of the primary copy.
pub const KEY_PRIMARY: &str = "pmo-workbench/v2/data";
/// Storage key of the draft written before the primary is replaced.
pub const KEY_DRAFT: &str = "pmo-workbench/v2/draft";
/// Storage key where damaged data is kept once the user starts clean.
pub const KEY_DAMAGED: &str = "pmo-workbench/v2/damaged";

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
    /// Written by a newer version: open read-only and never write.
    Newer {
        found: u32,
        supported: u32,
        revision: u64,
        workspace: Option<Workspace>,
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
            Err(DecodeError::NewerVersion { found, supported }) => {
                let lenient = read_newer_leniently(raw);
                Startup::Newer {
                    found,
                    supported,
                    revision: lenient.as_ref().map_or(0, |(r, _)| *r),
                    workspace: lenient.map(|(_, w)| w),
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

/// Whether a save may go ahead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SaveDecision {
    /// Write with this new revision.
    Write { revision: u64 },
    /// Another tab saved revision `stored` since this tab loaded `base`: do not write.
    Stale { stored: u64, base: u64 },
    /// The stored copy is unreadable or from a newer version: do not write over it.
    Blocked,
}

/// A tab that loaded (or last saved) revision `base` wants to save; `stored` is the primary
/// copy as it is now.
pub fn decide_save(stored: Option<&str>, base: u64) -> SaveDecision {
    match stored {
        None => SaveDecision::Write { revision: base + 1 },
        Some(text) => match peek(text) {
            Some((version, _)) if version > u64::from(crate::schema::CURRENT_VERSION) => {
                SaveDecision::Blocked
            }
            Some((_, rev)) if rev == base => SaveDecision::Write { revision: base + 1 },
            Some((_, rev)) => SaveDecision::Stale { stored: rev, base },
            None => SaveDecision::Blocked,
        },
    }
}

/// What to do when another tab changed the primary copy.
#[derive(Clone, Debug, PartialEq)]
pub enum Incoming {
    /// Show the other tab's data here (this tab had nothing unsaved).
    Adopt(Box<Envelope>),
    /// This tab has unsaved changes that conflict: tell the user; keep theirs in memory.
    Conflict { stored: u64 },
    /// Nothing to do (same or older revision, or the key was removed).
    Ignore,
}

/// Another tab wrote `new_value` to the primary key while this tab holds revision `base`
/// and `dirty` tells whether it has changes not yet saved.
pub fn decide_incoming(new_value: Option<&str>, base: u64, dirty: bool) -> Incoming {
    let Some(text) = new_value else {
        return Incoming::Ignore;
    };
    match decode(text) {
        Ok(env) if env.revision > base => {
            if dirty {
                Incoming::Conflict {
                    stored: env.revision,
                }
            } else {
                Incoming::Adopt(Box::new(env))
            }
        }
        Ok(_) => Incoming::Ignore,
        Err(_) => match peek_revision(text) {
            Some(r) if r > base => Incoming::Conflict { stored: r },
            _ => Incoming::Ignore,
        },
    }
}

/// Remind the user to export when changes have waited more than 7 days for a backup.
pub fn export_reminder_due(unexported_since: Option<DateTime<Utc>>, now: DateTime<Utc>) -> bool {
    unexported_since.is_some_and(|t| now - t > Duration::days(7))
}

/// A file name for an export made at `now`, e.g. `pmo-workbench-2026-11-22-0130.json`.
/// Text as part of a file name or an id: lower case, letters and digits kept, every run of
/// anything else one `-`, none at the ends ("Ada  Lovelace!" → "ada-lovelace").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

pub fn export_file_name(now: DateTime<Utc>) -> String {
    format!("pmo-workbench-{}.json", now.format("%Y-%m-%d-%H%M"))
}
