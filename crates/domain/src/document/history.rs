//! Who changed what, and when: the document's history.
//!
//! Each edit a copy commits adds one line per entity it changed ("Amara set status to At
//! risk, 3 Nov 2026"), in the same change of the document as the edit itself, so a line is
//! never stored without its edit nor an edit without its line. The lines live in the root
//! list `history`, which merges as a list: lines from every copy are kept, each copy's in
//! the order it wrote them. Undo never takes a line back (the list is outside undo's scope);
//! undoing is an edit of its own, with lines of its own.
//!
//! The list is capped: when it holds more than [`KEEP`] + [`SLACK`] lines, the copy that
//! writes trims it to the newest [`KEEP`]. Two copies that trim at once delete the same
//! oldest lines, so nothing else is lost.
//!
//! A line is a plain value `[at_ms, who, kind, id, text]`; a line of another shape (from a
//! newer version or a hostile peer) is skipped when read, and stays.

use yrs::any::Number;
use yrs::{Any, Array, ArrayRef, Out, ReadTxn, TransactionMut};

use super::describe::Note;

/// How many lines the history keeps.
pub const KEEP: u32 = 5_000;
/// How far past [`KEEP`] the list grows before it is trimmed (trimming is then rare).
pub const SLACK: u32 = 500;

/// One line of history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    /// When, in milliseconds since 1970 (UTC).
    pub at_ms: i64,
    /// The name the change was made under (empty when none was given).
    pub who: String,
    /// What kind of entity: "project", "person", … (as [`Note::kind`]).
    pub kind: String,
    pub id: String,
    /// What happened, without its subject: "set status to At risk".
    pub text: String,
}

impl Line {
    /// The line as a sentence, without its date: "Amara set status to At risk".
    pub fn sentence(&self) -> String {
        let who = self.who.trim();
        let who = if who.is_empty() { "Someone" } else { who };
        format!("{who} {}", self.text)
    }
}

/// Who made an edit and when, for its lines of history.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Stamp {
    pub at_ms: i64,
    pub who: String,
}

/// Add a line for each note, then trim the list if it grew past its cap.
pub(super) fn append(txn: &mut TransactionMut, list: &ArrayRef, stamp: &Stamp, notes: &[Note]) {
    if notes.is_empty() {
        return;
    }
    let lines: Vec<Any> = notes
        .iter()
        .map(|n| {
            Any::from(vec![
                Any::Number(Number::Int(stamp.at_ms)),
                Any::from(stamp.who.as_str()),
                Any::from(n.kind),
                Any::from(n.id.as_str()),
                Any::from(n.text.as_str()),
            ])
        })
        .collect();
    let len = list.len(txn);
    list.insert_range(txn, len, lines);
    let len = list.len(txn);
    if len > KEEP + SLACK {
        list.remove_range(txn, 0, len - KEEP);
    }
}

/// The lines about one entity, newest first.
pub(super) fn of<T: ReadTxn>(txn: &T, list: &ArrayRef, kind: &str, id: &str) -> Vec<Line> {
    let mut out: Vec<Line> = list
        .iter(txn)
        .filter_map(|v| line(&v))
        .filter(|l| l.kind == kind && l.id == id)
        .collect();
    // Lines from several copies interleave by merge order, not by time: show them by time
    // (lines of the same moment newest written first).
    out.reverse();
    out.sort_by_key(|l| std::cmp::Reverse(l.at_ms));
    out
}

/// How many lines the list holds.
pub(super) fn len<T: ReadTxn>(txn: &T, list: &ArrayRef) -> u32 {
    list.len(txn)
}

fn line(v: &Out) -> Option<Line> {
    let Out::Any(Any::Array(parts)) = v else {
        return None;
    };
    let [at, who, kind, id, text] = &parts[..] else {
        return None;
    };
    let at_ms = match at {
        Any::Number(Number::Int(i)) => *i,
        Any::Number(Number::Float(f)) if f.is_finite() => *f as i64,
        _ => return None,
    };
    let s = |a: &Any| match a {
        Any::String(s) => Some(s.to_string()),
        _ => None,
    };
    Some(Line {
        at_ms,
        who: s(who)?,
        kind: s(kind)?,
        id: s(id)?,
        text: s(text)?,
    })
}
