//! Merging a colleague's copy of the workspace (a document file, by e-mail or a shared drive):
//! what the merge would change, worked out on copies before anything changes here.
//!
//! - **Same workspace only.** Two copies belong to one workspace when they share history: a
//!   writer (a CRDT client) whose changes both hold. Every copy of a workspace descends from
//!   the copy that first wrote it, so they always do; two workspaces made apart never do,
//!   even with the same data. A copy that has never written anything (a first start) takes
//!   the file's workspace as its own.
//! - **What each side changed.** The file's changes that this copy lacks are merged into a
//!   copy of this document, and this copy's changes the file lacks into a copy of the file's:
//!   each comparison of before and after, in words, is one side's list.
//! - **Conflicts.** A field both sides changed (each merge touched it) and that holds
//!   different values on the two sides. The merge keeps one of them, the same on every copy;
//!   the preview shows both, which it keeps, and the latest line of each side's history for
//!   that entity (who and when).
//! - **Twice is nothing.** The file's changes are the CRDT's: merging a file again adds
//!   nothing, and the preview says so.

use std::collections::BTreeSet;

use serde_json::Value;
use yrs::{Map, Out, ReadTxn, StateVector, Transact};

use super::bounds;
use super::describe::Change;
use super::history::Line;
use super::repair::{repair, Repair};
use super::value::{json_of_map, json_of_out};
use super::{Document, DocumentError, State, ROOTS};
use crate::model::Workspace;

/// A field as changes touch it: root, entity key (empty for the organisation's and the
/// plan's own fields), and field (`None`: the entity was added, removed or replaced whole).
type Spot = (&'static str, String, Option<String>);

/// What merging a colleague's file would do.
#[derive(Clone, Debug)]
pub struct Preview {
    /// The file's changes this copy lacks, in words; empty when the file brings nothing new.
    pub theirs: Vec<Said>,
    /// This copy's changes the file lacks (they stay; the colleague gets them from a file of
    /// this copy).
    pub ours: Vec<Said>,
    /// Fields both sides changed to different values.
    pub conflicts: Vec<Conflict>,
    /// Rules the merged workspace would break, and how they would be mended.
    pub repairs: Vec<Repair>,
    /// The summary of the file's changes ("Changed 3 projects"), empty when none.
    pub summary: String,
    /// This copy has never written anything: the file's workspace becomes this one.
    pub adopts: bool,
    /// What to merge: the file's changes this copy lacks (a v1 update).
    pub update: Vec<u8>,
}

impl Preview {
    /// The file holds nothing this copy lacks.
    pub fn nothing_new(&self) -> bool {
        self.theirs.is_empty() && self.summary.is_empty()
    }
}

/// One change in words: what it is about ("Project “Apollo”") and what happened.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Said {
    pub subject: String,
    pub text: String,
}

/// A field both sides changed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    /// What it is about: "Project “Apollo”".
    pub subject: String,
    /// The field in words ("status"), or "the whole project" when one side removed it.
    pub field: String,
    pub ours: Side,
    pub theirs: Side,
    /// Which value the merge keeps.
    pub kept: Kept,
}

/// One side of a conflict: the value in words, and the latest line of that side's history for
/// the entity, when it has one the other side lacks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    pub value: String,
    pub by: Option<Line>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kept {
    Ours,
    Theirs,
}

/// Why a file cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// The file's document cannot be read.
    Unreadable(String),
    /// The file holds no changes at all.
    Empty,
    /// The file's workspace is another one: the two share no history.
    OtherWorkspace,
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Refusal::Unreadable(why) => write!(f, "The file cannot be read: {why}."),
            Refusal::Empty => write!(f, "The file holds no data."),
            Refusal::OtherWorkspace => write!(
                f,
                "This file is from another workspace: it shares no history with this one, so \
                 merging would mix two sets of data. To work on its data instead of yours, \
                 import it (which replaces your data)."
            ),
        }
    }
}

/// What merging the document `state` (a colleague's file, already decoded and bounded) into
/// `ours`, which shows `ws`, would do. Nothing changes here.
pub fn preview(ours: &Document, ws: &Workspace, state: &State) -> Result<Preview, Refusal> {
    let unreadable = |e: DocumentError| Refusal::Unreadable(e.to_string());
    let theirs = Document::from_state(ours.doc.client_id().get(), state).map_err(unreadable)?;
    let (here, there) = (vector(ours), vector(&theirs));
    if there.is_empty() {
        return Err(Refusal::Empty);
    }
    let adopts = here.is_empty();
    if !adopts && !here.iter().any(|(client, _)| there.contains_client(client)) {
        return Err(Refusal::OtherWorkspace);
    }
    let update = theirs.since(&ours.state_vector()).map_err(unreadable)?;
    let back = ours.since(&theirs.state_vector()).map_err(unreadable)?;

    // Their changes, merged into a copy of this document; this copy's, into a copy of theirs.
    let ours_copy = Document::from_state(0, &State::V1(ours.state())).map_err(unreadable)?;
    let mut merged = ws.clone();
    let took = ours_copy
        .merge_into(&update, &mut merged)
        .map_err(unreadable)?;
    let their_ws = theirs.read().workspace;
    let their_copy = Document::from_state(0, state).map_err(unreadable)?;
    let mut their_merged = their_ws.clone();
    their_copy
        .merge_into(&back, &mut their_merged)
        .map_err(unreadable)?;
    // Where each side's own changes went, found in their blocks (a change that lost to the
    // other side's shows nowhere in the merged document, so it cannot be watched).
    // Each side's blocks are placed in its own document, where what they belong to is alive.
    let place = |d: &Document, update: &[u8]| {
        let state = d.state();
        Blocks::of(&state)
            .and_then(|all| all.spots(update))
            .map_err(Refusal::Unreadable)
    };
    let touched_here = place(&theirs, &update)?;
    let touched_there = place(ours, &back)?;

    let incoming = Change::of(ws, &merged);
    let outgoing = Change::of(&their_ws, &their_merged);
    let said = |c: &Change, names: &Workspace| {
        c.notes()
            .into_iter()
            .map(|n| Said {
                subject: subject(names, n.kind, &n.id),
                text: n.text,
            })
            .collect::<Vec<_>>()
    };
    let mut repaired = merged.clone();
    let repairs = if took.changed_nothing() {
        Vec::new()
    } else {
        repair(&mut repaired)
    };
    let conflicts = conflicts(
        ours,
        &theirs,
        &ours_copy,
        &touched_here,
        &touched_there,
        &merged,
        ws,
        &their_ws,
    );
    Ok(Preview {
        theirs: said(&incoming, &merged),
        ours: said(&outgoing, &their_merged),
        conflicts,
        repairs,
        summary: incoming.label(),
        adopts,
        update,
    })
}

fn vector(d: &Document) -> StateVector {
    d.doc.transact().state_vector()
}

/// The blocks of a document's whole state, by writer and clock, to find where a change's
/// blocks belong: each block names its parent and key, or else a neighbour in the same place.
struct Blocks<'a> {
    by_client: std::collections::HashMap<u64, Vec<Block<'a>>>,
}

#[derive(Clone, Debug)]
struct Block<'a> {
    clock: u32,
    len: u32,
    origin: Option<bounds::Id>,
    right: Option<bounds::Id>,
    parent: Option<Parent<'a>>,
    sub: Option<&'a str>,
}

#[derive(Clone, Copy, Debug)]
enum Parent<'a> {
    Root(&'a str),
    Item(bounds::Id),
}

impl<'a> Blocks<'a> {
    fn of(state: &'a [u8]) -> Result<Blocks<'a>, String> {
        let mut by_client: std::collections::HashMap<u64, Vec<Block<'a>>> = Default::default();
        for (client, block) in walk(state)? {
            by_client.entry(client).or_default().push(block);
        }
        for list in by_client.values_mut() {
            list.sort_by_key(|b| b.clock);
        }
        Ok(Blocks { by_client })
    }

    fn find(&self, (client, clock): bounds::Id) -> Option<&Block<'a>> {
        let list = self.by_client.get(&client)?;
        let after = list.partition_point(|b| b.clock <= clock);
        list.get(after.checked_sub(1)?)
            .filter(|b| clock < b.clock.saturating_add(b.len))
    }

    /// The parent and key of the item with id `id`, through its neighbours when it does not
    /// name them itself (at most a bounded number of steps).
    fn place(&self, id: bounds::Id) -> Option<(Parent<'a>, Option<&'a str>)> {
        let mut at = id;
        for _ in 0..10_000 {
            let b = self.find(at)?;
            if let Some(p) = b.parent {
                return Some((p, b.sub));
            }
            at = b.origin.or(b.right)?;
        }
        None
    }

    /// The keys from the root down to the item `id`: root name, then each map key on the way
    /// (list positions are not keys and end the path where they are).
    fn path(&self, id: bounds::Id) -> Option<Vec<String>> {
        let mut keys = Vec::new();
        let mut at = id;
        for _ in 0..bounds::MAX_DEPTH {
            let (parent, sub) = self.place(at)?;
            match sub {
                Some(k) => keys.push(k.to_string()),
                // An element of a list: only the list's own place matters.
                None => keys.clear(),
            }
            match parent {
                Parent::Root(name) => {
                    keys.push(name.to_string());
                    keys.reverse();
                    return Some(keys);
                }
                Parent::Item(p) => at = p,
            }
        }
        None
    }

    /// The fields the blocks of `update` (a change of this document) write.
    fn spots(&self, update: &[u8]) -> Result<BTreeSet<Spot>, String> {
        let mut out = BTreeSet::new();
        for (client, b) in walk(update)? {
            let Some(path) = self.path((client, b.clock)) else {
                continue;
            };
            let Some(root) = ROOTS.iter().copied().find(|r| *r == path[0]) else {
                continue;
            };
            let spot = if matches!(root, "organisation" | "setup") {
                match path.get(1) {
                    Some(f) => (root, String::new(), Some(f.clone())),
                    None => continue,
                }
            } else {
                match path.get(1) {
                    Some(key) => (root, key.clone(), path.get(2).cloned()),
                    None => continue,
                }
            };
            out.insert(spot);
        }
        Ok(out)
    }
}

/// The item blocks of a v1 update (checked by [`bounds`] when it was merged), with their
/// writer.
fn walk(bytes: &[u8]) -> Result<Vec<(u64, Block<'_>)>, String> {
    use bounds::{ANY, DELETED, GC, HAS_ORIGIN, HAS_PARENT_SUB, HAS_RIGHT_ORIGIN, SKIP, TYPE};
    let mut r = bounds::Reader { bytes, at: 0 };
    let mut out = Vec::new();
    for _ in 0..r.count("clients")? {
        let blocks = r.count("blocks")?;
        let client = r.var()?;
        let mut clock = r.clock()?;
        for _ in 0..blocks {
            let info = r.u8()?;
            if info == SKIP || info == GC {
                clock = clock.saturating_add(r.clock()?);
                continue;
            }
            let origin = (info & HAS_ORIGIN != 0).then(|| r.id()).transpose()?;
            let right = (info & HAS_RIGHT_ORIGIN != 0).then(|| r.id()).transpose()?;
            let (mut parent, mut sub) = (None, None);
            if origin.is_none() && right.is_none() {
                parent = Some(if r.var()? == 1 {
                    Parent::Root(r.text()?)
                } else {
                    Parent::Item(r.id()?)
                });
                if info & HAS_PARENT_SUB != 0 {
                    sub = Some(r.text()?);
                }
            }
            let len = match info & 0b1111 {
                DELETED => r.clock()?,
                TYPE => {
                    r.u8()?;
                    1
                }
                ANY => {
                    let n = r.count("values")?;
                    for _ in 0..n {
                        r.any(0)?;
                    }
                    u32::try_from(n).map_err(|_| "too many values".to_string())?
                }
                other => return Err(format!("content of kind {other}")),
            };
            out.push((
                client,
                Block {
                    clock,
                    len,
                    origin,
                    right,
                    parent,
                    sub,
                },
            ));
            clock = clock.saturating_add(len);
        }
    }
    Ok(out)
}

/// The fields both sides' own changes wrote that hold different values on the two sides,
/// and the entities one side removed while the other edited them (the removal wins).
/// `here` and `there` are where their changes and ours went; `merged_doc` is this document
/// with theirs merged in, showing `merged`; `their_ws` is what the file shows.
#[allow(clippy::too_many_arguments)]
fn conflicts(
    ours: &Document,
    theirs: &Document,
    merged_doc: &Document,
    here: &BTreeSet<Spot>,
    there: &BTreeSet<Spot>,
    merged: &Workspace,
    ws: &Workspace,
    their_ws: &Workspace,
) -> Vec<Conflict> {
    let by = |d: &Document, other: &Document, kind: &str, key: &str| {
        let seen = other.history_of(kind, key);
        d.history_of(kind, key)
            .into_iter()
            .find(|l| !seen.contains(l))
    };
    let mut out = Vec::new();
    for (root, key, field) in here.intersection(there) {
        let Some(field) = field.as_deref().filter(|f| *f != super::collections::ORDER) else {
            continue;
        };
        let (a, b) = (
            value_at(ours, root, key, field),
            value_at(theirs, root, key, field),
        );
        if a == b {
            continue;
        }
        let kind = kind_of(root);
        out.push(Conflict {
            subject: subject(merged, kind, key),
            field: super::describe::field_word(field),
            kept: if value_at(merged_doc, root, key, field) == a {
                Kept::Ours
            } else {
                Kept::Theirs
            },
            ours: Side {
                value: words(a.as_ref()),
                by: by(ours, theirs, kind, key),
            },
            theirs: Side {
                value: words(b.as_ref()),
                by: by(theirs, ours, kind, key),
            },
        });
    }
    // An entity edited on one side and removed on the other: gone after the merge.
    let edited = |spots: &BTreeSet<Spot>| -> BTreeSet<(&'static str, String)> {
        spots
            .iter()
            .filter(|(r, k, f)| {
                f.is_some() && !k.is_empty() && !matches!(*r, "organisation" | "setup")
            })
            .map(|(r, k, _)| (*r, k.clone()))
            .collect()
    };
    let gone = |root: &str, key: &str| entity(merged_doc, root, key).is_none();
    // (our edits, the copy that removed, its workspace for names, which side removed)
    let sides = [
        (edited(there), theirs, ws, Kept::Theirs),
        (edited(here), ours, their_ws, Kept::Ours),
    ];
    for (edits, remover, names, kept) in &sides {
        let editor = if *kept == Kept::Theirs { ours } else { theirs };
        for (root, key) in edits {
            if entity(editor, root, key).is_none()
                || entity(remover, root, key).is_some()
                || !gone(root, key)
            {
                continue;
            }
            let kind = kind_of(root);
            let side = |removed: bool, d: &Document, other: &Document| Side {
                value: if removed {
                    "removed"
                } else {
                    "kept and edited"
                }
                .into(),
                by: by(d, other, kind, key),
            };
            out.push(Conflict {
                subject: subject(names, kind, key),
                field: format!("the whole {kind}"),
                ours: side(*kept == Kept::Ours, ours, theirs),
                theirs: side(*kept == Kept::Theirs, theirs, ours),
                kept: *kept,
            });
        }
    }
    out
}

/// The entity `key` of root `root` in `d`, as JSON.
fn entity(d: &Document, root: &str, key: &str) -> Option<Value> {
    let txn = d.doc.transact();
    let map = txn.get_map(root)?;
    if key.is_empty() {
        return Some(Value::Object(json_of_map(&txn, &map)));
    }
    map.get(&txn, key).map(|out| json_of_out(&txn, out))
}

/// One field of an entity (or of the organisation or the plan, `key` empty), as JSON.
fn value_at(d: &Document, root: &str, key: &str, field: &str) -> Option<Value> {
    let txn = d.doc.transact();
    let map = txn.get_map(root)?;
    if key.is_empty() {
        return map.get(&txn, field).map(|out| json_of_out(&txn, out));
    }
    match map.get(&txn, key)? {
        Out::YMap(m) => m.get(&txn, field).map(|out| json_of_out(&txn, out)),
        _ => None,
    }
}

/// A value in words for the preview: text as it is, a list by its length.
fn words(v: Option<&Value>) -> String {
    match v {
        None | Some(Value::Null) => "(none)".into(),
        Some(Value::String(s)) if s.is_empty() => "(empty)".into(),
        // A choice from a list, as the model stores it ("off_track"): in words ("Off track").
        Some(Value::String(s))
            if s.contains('_') && s.chars().all(|c| c.is_ascii_lowercase() || c == '_') =>
        {
            let mut w = s.replace('_', " ");
            w[..1].make_ascii_uppercase();
            w
        }
        Some(Value::String(s)) => s.clone(),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::Number(n)) => n.to_string(),
        Some(Value::Array(items)) => crate::common::text::plural(items.len(), "item", None),
        Some(Value::Object(fields)) => fields
            .iter()
            .filter(|(k, _)| !k.starts_with('_'))
            .map(|(k, v)| format!("{}: {}", k.replace('_', " "), words(Some(v))))
            .collect::<Vec<_>>()
            .join(", "),
    }
}

/// The kind of entity a root holds, as history names it.
fn kind_of(root: &str) -> &'static str {
    match root {
        "projects" => "project",
        "people" => "person",
        "portfolios" => "portfolio",
        "programmes" => "programme",
        "units" => "unit",
        "roles" => "role",
        "objectives" => "objective",
        "assessments" => "assessment",
        "questionnaires" => "questionnaire",
        "dotted_lines" => "dotted line",
        "setup" => "set-up plan",
        _ => "organisation",
    }
}

/// What an entity is called in the preview: "Project “Apollo”", or its id when `ws` lacks it.
fn subject(ws: &Workspace, kind: &str, id: &str) -> String {
    fn find<T>(
        list: &[T],
        id: &str,
        key: impl Fn(&T) -> &str,
        name: impl Fn(&T) -> &str,
    ) -> Option<String> {
        list.iter()
            .find(|x| key(x) == id)
            .map(|x| name(x).to_string())
    }
    let name = match kind {
        "project" => find(&ws.projects, id, |x| &x.id, |x| &x.name),
        "person" => find(&ws.people, id, |x| &x.id, |x| &x.name),
        "portfolio" => find(&ws.portfolios, id, |x| &x.id, |x| &x.name),
        "programme" => find(&ws.programmes, id, |x| &x.id, |x| &x.name),
        "unit" => find(&ws.units, id, |x| &x.id, |x| &x.name),
        "role" => find(&ws.roles, id, |x| &x.id, |x| &x.name),
        "objective" => find(&ws.objectives, id, |x| &x.id, |x| &x.name),
        "assessment" => find(&ws.assessments, id, |x| &x.id, |x| &x.respondent),
        "questionnaire" => find(&ws.questionnaires, id, |x| &x.id, |x| &x.title),
        "organisation" => return "The organisation".into(),
        "set-up plan" => return "The set-up plan".into(),
        _ => None,
    };
    let mut kind = kind.to_string();
    if let Some(first) = kind.get_mut(0..1) {
        first.make_ascii_uppercase();
    }
    match name {
        Some(n) => format!("{kind} “{n}”"),
        None => format!("{kind} {id}"),
    }
}
