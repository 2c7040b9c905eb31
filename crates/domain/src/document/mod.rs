//! The workspace as a CRDT document (yrs, the Rust port of Yjs), so that copies edited apart
//! (two tabs, a colleague's file, a sync server) merge instead of overwriting each other.
//!
//! The app keeps working on the model's types ([`Workspace`]); this module turns an edit of
//! the workspace into the smallest change of the document (an *update*, a few bytes that any
//! copy can apply), and a document back into a workspace.
//!
//! ## The shape of the document, and what merges how
//! - Each kind of entity is a root map keyed by id: `units`, `roles`, `people`,
//!   `dotted_lines` (keyed by their two ends), `objectives`, `portfolios`, `programmes`,
//!   `projects`, `assessments`, `questionnaires`, `rounds` (monthly status rounds),
//!   `report_notes` (the PMO's summary of each month's report). Adding and removing entities
//!   merges; a removal wins over a concurrent edit of the removed entity.
//! - Each entity is a map of its fields, so **concurrent edits to different fields of one
//!   entity both survive**; two edits of the same field keep one of them (the same one on
//!   every copy).
//! - A field holding an object (a project's budget, its RAG) is a map too, merged field by
//!   field.
//! - A field holding a list (status updates, risks, milestones, gates, managers, scores,
//!   answers, a role's skills) is a list of whole elements: concurrent additions both
//!   survive, in a stable order; an element edited on two copies at once appears in both
//!   versions.
//! - Every other field (a name, a date, a status) is replaced as a whole.
//! - `organisation` and `setup` are root maps of fields; an empty `setup` map means the guide
//!   was never opened.
//! - An entity's order in its list is a number kept in the reserved field `_pos`.
//! - `history` is a list of who changed what and when (see [`history`]); it is not part of
//!   the workspace, and undo never touches it.
//!
//! Merging can break a rule each copy kept (a reporting loop from two moves, a reference to
//! something deleted, a repeated project code): [`repair`] mends it the same way on every
//! copy and says what it changed.

pub mod bounds;
pub mod bounds_v2;
mod collections;
pub mod describe;
pub mod history;
pub mod repair;
pub mod share;
mod value;

use std::sync::{Arc, Mutex};

use serde_json::Value;
use yrs::types::{Event, PathSegment};
use yrs::undo::{Options as UndoOptions, UndoManager};
use yrs::updates::decoder::Decode;
use yrs::{
    ArrayRef, DeepObservable, Doc, Map, MapRef, Origin, ReadTxn, StateVector, Transact,
    TransactionMut, Update, WriteTxn,
};

use crate::model::Workspace;
use collections::{patch, read, sync, sync_at, Entity};
use value::{fields, json_of_map, sync_map};

/// How many times a merge offers yrs again the changes that wait for others (each time it
/// integrates some; the first time that integrates nothing ends it).
const MAX_RETRIES: usize = 16;

/// The origin of this copy's own edits: the only ones its undo takes back.
const EDIT: &str = "edit";
/// The origin of repairs after a merge and of building a document from a workspace: never
/// undone (undoing a repair would bring the broken rule back).
const QUIET: &str = "quiet";

/// The workspace as a document, and the roots it is made of.
pub struct Document {
    doc: Doc,
    /// Undo and redo of this copy's own edits, one step per [`Document::change`].
    undo: UndoManager<()>,
    /// The update of the last undo or redo, caught as the document commits it.
    caught: Arc<Mutex<Option<Vec<u8>>>>,
    /// Which entities transactions touched since this was last emptied (see [`Touched`]).
    touched: Arc<Mutex<Touched>>,
    organisation: MapRef,
    setup: MapRef,
    units: MapRef,
    roles: MapRef,
    people: MapRef,
    dotted_lines: MapRef,
    objectives: MapRef,
    portfolios: MapRef,
    programmes: MapRef,
    projects: MapRef,
    assessments: MapRef,
    questionnaires: MapRef,
    rounds: MapRef,
    report_notes: MapRef,
    history: ArrayRef,
}

/// A workspace read from the document.
#[derive(Clone, Debug, PartialEq)]
pub struct Read {
    pub workspace: Workspace,
    /// Entities the document holds that this version cannot read (`projects/p-7`); they stay
    /// in the document untouched.
    pub unreadable: Vec<String>,
}

/// What [`Document::merge_into`] merged: the entities it touched, and those it could not read.
#[derive(Debug, Default)]
pub struct Merged {
    /// The keys of entities that could not be read (left out of the workspace).
    pub unreadable: Vec<String>,
    touched: Touched,
}

impl Merged {
    /// The merge changed nothing this copy shows (it held everything already).
    pub fn changed_nothing(&self) -> bool {
        self.unreadable.is_empty()
            && self.touched.inside.is_empty()
            && self.touched.whole.is_empty()
    }

    /// The collections this merge reads whole again (entities added, removed, replaced or
    /// moved), sorted; an edit inside entities reads only those entities.
    pub fn read_whole(&self) -> Vec<&'static str> {
        let mut roots: Vec<_> = self.touched.whole.iter().copied().collect();
        roots.sort_unstable();
        roots
    }
}

/// The entities changes touched, by root: `(root, key)` for an edit inside an entity, and the
/// roots whose entities were added, removed or replaced (read whole again).
#[derive(Debug, Default)]
struct Touched {
    inside: std::collections::HashMap<&'static str, std::collections::HashSet<String>>,
    whole: std::collections::HashSet<&'static str>,
}

/// A document's whole state as stored, in one of yrs' two encodings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// The v1 encoding: what copies exchange, and what earlier versions stored.
    V1(Vec<u8>),
    /// The v2 encoding: the snapshot and document files ([`Document::state_v2`]).
    V2(Vec<u8>),
}

impl State {
    /// The state as a v1 update, to merge into a document that already holds something.
    pub fn to_v1(&self) -> Result<Vec<u8>, DocumentError> {
        match self {
            State::V1(bytes) => Ok(bytes.clone()),
            State::V2(bytes) => bounds_v2::to_v1(bytes).map_err(DocumentError::Malformed),
        }
    }
}

/// Why an update or a stored document was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentError {
    /// The bytes are not an update of this format.
    Malformed(String),
}

impl std::fmt::Display for DocumentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DocumentError::Malformed(why) => write!(f, "the changes could not be read: {why}"),
        }
    }
}

impl Document {
    /// An empty document. `client` tells this copy's changes from other copies'; every tab
    /// and every browser needs its own.
    pub fn new(client: u64) -> Self {
        Self::around(Doc::with_client_id(client))
    }

    /// A document loaded from a whole stored state, written to by `client` from now on.
    ///
    /// A v1 state is merged as any change is. A v2 state (the snapshot's form) is checked by
    /// [`bounds_v2::check`] and applied to a new yrs document before this document watches
    /// it: nothing is recorded as touched or undoable, which makes loading about a third
    /// faster, and a state yrs refuses part way leaves nothing behind, as the new document
    /// is dropped.
    pub fn from_state(client: u64, state: &State) -> Result<Document, DocumentError> {
        match state {
            State::V1(bytes) => {
                let d = Document::new(client);
                d.merge(bytes)?;
                Ok(d)
            }
            State::V2(bytes) => {
                bounds_v2::check(bytes).map_err(DocumentError::Malformed)?;
                let update = Update::decode_v2(bytes)
                    .map_err(|e| DocumentError::Malformed(e.to_string()))?;
                let doc = Doc::with_client_id(client);
                doc.transact_mut()
                    .apply_update(update)
                    .map_err(|e| DocumentError::Malformed(e.to_string()))?;
                Ok(Self::around(doc))
            }
        }
    }

    /// This document's roots, undo and watchers around `doc`.
    fn around(doc: Doc) -> Self {
        let root = |name: &str| doc.get_or_insert_map(name);
        let caught = Arc::new(Mutex::new(None));
        let sink = caught.clone();
        doc.observe_update_v1("undo", move |txn, event| {
            if txn
                .origin()
                .is_some_and(|o| *o != Origin::from(EDIT) && *o != Origin::from(QUIET))
            {
                if let Ok(mut slot) = sink.lock() {
                    *slot = Some(event.update.clone());
                }
            }
        })
        .expect("a new document has no transaction open");
        let touched = Arc::new(Mutex::new(Touched::default()));
        for name in ROOTS {
            let sink = touched.clone();
            root(name).observe_deep("touched", move |txn, events| {
                let Ok(mut t) = sink.lock() else { return };
                for event in events.iter() {
                    let path = event.path();
                    match path.front() {
                        // An entity's own order number changed: the order is read again.
                        Some(PathSegment::Key(_))
                            if path.len() == 1
                                && matches!(event, Event::Map(m) if m.keys(txn).contains_key(collections::ORDER)) =>
                        {
                            t.whole.insert(name);
                        }
                        Some(PathSegment::Key(key)) => {
                            t.inside.entry(name).or_default().insert(key.to_string());
                        }
                        Some(PathSegment::Index(_)) => {
                            t.whole.insert(name);
                        }
                        // On the root itself: entities added, removed or replaced (or, for the
                        // organisation and the plan, their own fields changed).
                        None => match event {
                            Event::Map(m) if m.keys(txn).is_empty() => {}
                            _ => {
                                t.whole.insert(name);
                            }
                        },
                    }
                }
            });
        }
        let mut undo = UndoManager::with_options(UndoOptions {
            // Steps are never joined by time: each change is one step (the app already joins
            // the keystrokes of one pause).
            capture_timeout_millis: 0,
            tracked_origins: [Origin::from(EDIT)].into_iter().collect(),
            capture_transaction: None,
            timestamp: Arc::new(|| 0u64),
            init_undo_stack: Vec::new(),
            init_redo_stack: Vec::new(),
        });
        Document {
            organisation: root("organisation"),
            setup: root("setup"),
            units: root(<crate::model::Unit as Entity>::NAME),
            roles: root(<crate::model::Role as Entity>::NAME),
            people: root(<crate::model::Person as Entity>::NAME),
            dotted_lines: root(<crate::model::DottedLine as Entity>::NAME),
            objectives: root(<crate::model::Objective as Entity>::NAME),
            portfolios: root(<crate::model::Portfolio as Entity>::NAME),
            programmes: root(<crate::model::Programme as Entity>::NAME),
            projects: root(<crate::model::Project as Entity>::NAME),
            assessments: root(<crate::model::Assessment as Entity>::NAME),
            questionnaires: root(<crate::model::Questionnaire as Entity>::NAME),
            rounds: root(<crate::model::StatusRound as Entity>::NAME),
            report_notes: root(<crate::model::MonthlyNotes as Entity>::NAME),
            history: doc.get_or_insert_array("history"),
            undo: {
                for name in ROOTS {
                    undo.expand_scope(&doc, &root(name));
                }
                undo
            },
            caught,
            touched,
            doc,
        }
    }

    /// A document holding `ws`, written by `client`.
    pub fn of(ws: &Workspace, client: u64) -> Self {
        let d = Document::new(client);
        d.quiet_change(&Workspace::default(), ws);
        d
    }

    /// Record the edit from `old` (what the document holds) to `new` as one change, and
    /// return it as an update for other copies (empty when nothing changed). It is one step
    /// of [`Document::undo`].
    pub fn change(&mut self, old: &Workspace, new: &Workspace) -> Vec<u8> {
        let update = self.change_as(EDIT, old, new);
        self.undo.reset();
        update
    }

    /// Record the edit `change` describes (from `held`, what the document holds, to `new`)
    /// as one step, with a line of history for each entity it changed, stamped, and bring
    /// `held` up to `new`. Unlike [`Document::change`], only the entities the change names are
    /// written and copied: nothing else is compared again, so a small edit
    /// of a large workspace costs little beyond finding it ([`describe::Change::of`]).
    pub fn commit(
        &mut self,
        held: &mut Workspace,
        new: &Workspace,
        change: &describe::Change,
        stamp: &history::Stamp,
    ) -> Vec<u8> {
        let notes = change.notes();
        let update = {
            let mut txn = self.doc.transact_mut_with(EDIT);
            let (organisation, setup) = change.organisation_or_setup();
            if organisation {
                sync_map(&mut txn, &self.organisation, &fields(&new.organisation));
                held.organisation = new.organisation.clone();
            }
            if setup {
                match &new.setup {
                    Some(plan) => sync_map(&mut txn, &self.setup, &fields(plan)),
                    None => self.setup.clear(&mut txn),
                }
                held.setup = new.setup.clone();
            }
            macro_rules! each {
                ($($kind:literal => $field:ident),* $(,)?) => {$(
                    match change.places($kind) {
                        Some(places) => {
                            for &i in places {
                                sync_at(&mut txn, &self.$field, &new.$field, i);
                                if let (Some(h), Some(n)) = (held.$field.get_mut(i), new.$field.get(i)) {
                                    h.clone_from(n);
                                }
                            }
                        }
                        None => {
                            sync(&mut txn, &self.$field, &held.$field, &new.$field);
                            held.$field = new.$field.clone();
                        }
                    }
                )*};
            }
            each!(
                "unit" => units,
                "role" => roles,
                "person" => people,
                "objective" => objectives,
                "portfolio" => portfolios,
                "programme" => programmes,
                "project" => projects,
                "assessment" => assessments,
                "questionnaire" => questionnaires,
                "status round" => rounds,
                "report summary" => report_notes,
            );
            // A dotted line is keyed by both its ends: compared whole when any changed (not at
            // all when the change found none).
            if change.places("dotted line") != Some(&[]) && held.dotted_lines != new.dotted_lines {
                sync(
                    &mut txn,
                    &self.dotted_lines,
                    &held.dotted_lines,
                    &new.dotted_lines,
                );
                held.dotted_lines = new.dotted_lines.clone();
            }
            history::append(&mut txn, &self.history, stamp, &notes);
            txn.encode_update_v1()
        };
        self.undo.reset();
        update
    }

    /// Lines of history on their own (for an undo or a redo, which changes the workspace
    /// through undo and not through an edit): a change of its own, never undone.
    pub fn note(&self, stamp: &history::Stamp, notes: &[describe::Note]) -> Vec<u8> {
        let mut txn = self.doc.transact_mut_with(QUIET);
        history::append(&mut txn, &self.history, stamp, notes);
        txn.encode_update_v1()
    }

    /// The history of one entity (`kind` as in [`describe::Note::kind`]), newest first.
    pub fn history_of(&self, kind: &str, id: &str) -> Vec<history::Line> {
        history::of(&self.doc.transact(), &self.history, kind, id)
    }

    /// How many lines of history the document holds.
    pub fn history_len(&self) -> u32 {
        history::len(&self.doc.transact(), &self.history)
    }

    /// The same as [`Document::change`], but not a step of undo: a repair after a merge, or
    /// a document built from a workspace.
    pub fn quiet_change(&self, old: &Workspace, new: &Workspace) -> Vec<u8> {
        self.change_as(QUIET, old, new)
    }

    /// Take back this copy's last edit not yet taken back (edits other copies made stay).
    /// Returns the change to store and send, or `None` when there is nothing to undo.
    pub fn undo(&mut self) -> Option<Vec<u8>> {
        self.step(true)
    }

    /// Make again the last edit taken back.
    pub fn redo(&mut self) -> Option<Vec<u8>> {
        self.step(false)
    }

    /// Whether there is an edit to take back / to make again.
    pub fn can_undo(&self) -> bool {
        self.undo.can_undo()
    }

    pub fn can_redo(&self) -> bool {
        self.undo.can_redo()
    }

    fn step(&mut self, back: bool) -> Option<Vec<u8>> {
        if let Ok(mut slot) = self.caught.lock() {
            *slot = None;
        }
        let done = if back {
            self.undo.undo_blocking()
        } else {
            self.undo.redo_blocking()
        };
        let update = self.caught.lock().ok().and_then(|mut slot| slot.take());
        if done {
            update
        } else {
            None
        }
    }

    fn change_as(&self, origin: &str, old: &Workspace, new: &Workspace) -> Vec<u8> {
        let mut txn = self.doc.transact_mut_with(origin);
        let txn = &mut txn;
        if old.organisation != new.organisation {
            sync_map(txn, &self.organisation, &fields(&new.organisation));
        }
        if old.setup != new.setup {
            match &new.setup {
                Some(plan) => sync_map(txn, &self.setup, &fields(plan)),
                None => self.setup.clear(txn),
            }
        }
        self.sync_collections(txn, old, new);
        txn.encode_update_v1()
    }

    fn sync_collections(&self, txn: &mut TransactionMut, old: &Workspace, new: &Workspace) {
        sync(txn, &self.units, &old.units, &new.units);
        sync(txn, &self.roles, &old.roles, &new.roles);
        sync(txn, &self.people, &old.people, &new.people);
        sync(
            txn,
            &self.dotted_lines,
            &old.dotted_lines,
            &new.dotted_lines,
        );
        sync(txn, &self.objectives, &old.objectives, &new.objectives);
        sync(txn, &self.portfolios, &old.portfolios, &new.portfolios);
        sync(txn, &self.programmes, &old.programmes, &new.programmes);
        sync(txn, &self.projects, &old.projects, &new.projects);
        sync(txn, &self.assessments, &old.assessments, &new.assessments);
        sync(
            txn,
            &self.questionnaires,
            &old.questionnaires,
            &new.questionnaires,
        );
        sync(txn, &self.rounds, &old.rounds, &new.rounds);
        sync(
            txn,
            &self.report_notes,
            &old.report_notes,
            &new.report_notes,
        );
    }

    /// The workspace the document holds now.
    pub fn read(&self) -> Read {
        let txn = self.doc.transact();
        let mut unreadable = Vec::new();
        let organisation =
            match serde_json::from_value(Value::Object(json_of_map(&txn, &self.organisation))) {
                Ok(o) => o,
                Err(_) => {
                    if self.organisation.len(&txn) > 0 {
                        unreadable.push("organisation".into());
                    }
                    Default::default()
                }
            };
        let setup = if self.setup.len(&txn) == 0 {
            None
        } else {
            match serde_json::from_value(Value::Object(json_of_map(&txn, &self.setup))) {
                Ok(plan) => Some(plan),
                Err(_) => {
                    unreadable.push("setup".into());
                    None
                }
            }
        };
        let workspace = Workspace {
            organisation,
            units: keep(&mut unreadable, read(&txn, &self.units)),
            roles: keep(&mut unreadable, read(&txn, &self.roles)),
            people: keep(&mut unreadable, read(&txn, &self.people)),
            dotted_lines: keep(&mut unreadable, read(&txn, &self.dotted_lines)),
            objectives: keep(&mut unreadable, read(&txn, &self.objectives)),
            portfolios: keep(&mut unreadable, read(&txn, &self.portfolios)),
            programmes: keep(&mut unreadable, read(&txn, &self.programmes)),
            projects: keep(&mut unreadable, read(&txn, &self.projects)),
            assessments: keep(&mut unreadable, read(&txn, &self.assessments)),
            questionnaires: keep(&mut unreadable, read(&txn, &self.questionnaires)),
            setup,
            rounds: keep(&mut unreadable, read(&txn, &self.rounds)),
            report_notes: keep(&mut unreadable, read(&txn, &self.report_notes)),
        };
        Read {
            workspace,
            unreadable,
        }
    }

    /// Apply changes made by another copy (an update, or a whole document's state). Applying
    /// the same changes twice, or in any order, gives the same document.
    ///
    /// A refused update changes nothing. yrs itself cannot promise that: it applies an update
    /// block by block and stops at a block whose parent turns out to be a plain value, keeping
    /// what it applied before. So the update's shape ([`bounds::Shape`]) is checked first. A
    /// parent among the update's own plain values is refused at once. When every parent it
    /// names in this document is a map or list, yrs cannot stop part way. Otherwise, which
    /// is rare (a parent deleted here, or hostile bytes), the update is tried on a copy of
    /// the document first.
    pub fn merge(&self, update: &[u8]) -> Result<(), DocumentError> {
        let shape = bounds::shape_of(update).map_err(DocumentError::Malformed)?;
        let decoded =
            Update::decode_v1(update).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        if !self.nests_in_types(shape)? {
            self.try_on_copy(update)?;
        }
        let mut txn = self.doc.transact_mut();
        txn.apply_update(decoded)
            .map_err(|e| DocumentError::Malformed(e.to_string()))?;
        // yrs 0.28 can keep changes waiting for ones that have since arrived (seen when a
        // copy is given other copies' changes newest first: it never caught up, though every
        // change had reached it). Offer what waits again while that integrates more.
        for _ in 0..MAX_RETRIES {
            let before = txn.state_vector();
            let Some(waiting) = txn.prune_pending() else {
                break;
            };
            txn.apply_update(waiting)
                .map_err(|e| DocumentError::Malformed(e.to_string()))?;
            if txn.state_vector() == before {
                break;
            }
        }
        Ok(())
    }

    /// Whether every parent that `shape` (with what waits in the document for missing
    /// changes, which yrs may apply along with it) names by id is a map or list of this
    /// document, or is not here yet (its block will wait too). An error when a parent is a
    /// plain value of the update.
    fn nests_in_types(&self, mut shape: bounds::Shape) -> Result<bool, DocumentError> {
        use yrs::updates::encoder::Encode;
        let txn = self.doc.transact();
        if let Some(pending) = txn.store().pending_update() {
            match bounds::shape_of(&pending.update.encode_v1()) {
                Ok(more) => shape.extend(more),
                Err(_) => return Ok(false),
            }
        }
        if shape.parents.is_empty() {
            return Ok(true);
        }
        if let Some((client, clock)) = shape.parent_in_values() {
            return Err(DocumentError::Malformed(format!(
                "it puts values inside the plain value <{client}#{clock}>, which only a map \
                 or list can hold"
            )));
        }
        let seen = txn.state_vector();
        Ok(shape.parents.iter().all(|&(client, clock)| {
            let client = yrs::ClientID::new(client);
            clock >= seen.get(&client)
                || yrs::BranchID::get_nested(&txn, &yrs::ID::new(client, clock)).is_some()
        }))
    }

    /// Apply `update` to a copy of this document, to learn without risk whether yrs takes it
    /// whole. The copy keeps deleted values (no garbage collection), as this document does for
    /// those its undo may bring back, so it refuses whatever this document could.
    fn try_on_copy(&self, update: &[u8]) -> Result<(), DocumentError> {
        let refused = |e: yrs::error::UpdateError| DocumentError::Malformed(e.to_string());
        let copy = Doc::with_options(yrs::Options {
            skip_gc: true,
            ..yrs::Options::with_client_id(self.doc.client_id())
        });
        let mut txn = copy.transact_mut();
        let state = Update::decode_v1(&self.state())
            .map_err(|e| DocumentError::Malformed(e.to_string()))?;
        txn.apply_update(state).map_err(refused)?;
        let update =
            Update::decode_v1(update).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        txn.apply_update(update).map_err(refused)
    }

    /// Merge changes made elsewhere (as [`Document::merge`]) and bring `ws`, which held what
    /// the document held before, up to date by reading again only the entities the changes
    /// touched. Much faster than [`Document::read`] for the few entities a change touches.
    pub fn merge_into(&self, update: &[u8], ws: &mut Workspace) -> Result<Merged, DocumentError> {
        if let Ok(mut t) = self.touched.lock() {
            *t = Touched::default();
        }
        self.merge(update)?;
        let touched = self
            .touched
            .lock()
            .map(|mut t| std::mem::take(&mut *t))
            .unwrap_or_default();
        let unreadable = self.patch_touched(ws, &touched);
        Ok(Merged {
            unreadable,
            touched,
        })
    }

    /// Bring another copy of the workspace, which held what `ws` of [`Document::merge_into`]
    /// held, up to date with the same merge (the page's shown workspace, say), reading again
    /// only what it touched. Call it before the document changes again.
    pub fn patch(&self, ws: &mut Workspace, merged: &Merged) -> Vec<String> {
        self.patch_touched(ws, &merged.touched)
    }

    fn patch_touched(&self, ws: &mut Workspace, touched: &Touched) -> Vec<String> {
        let txn = self.doc.transact();
        let mut unreadable = Vec::new();
        let no_keys = std::collections::HashSet::new();
        let hit = |name: &'static str| {
            (
                touched.inside.get(name).unwrap_or(&no_keys),
                touched.whole.contains(name),
            )
        };
        if touched.whole.contains("organisation") || touched.inside.contains_key("organisation") {
            if let Ok(o) =
                serde_json::from_value(Value::Object(json_of_map(&txn, &self.organisation)))
            {
                ws.organisation = o;
            }
        }
        if touched.whole.contains("setup") || touched.inside.contains_key("setup") {
            ws.setup = if self.setup.len(&txn) == 0 {
                None
            } else {
                serde_json::from_value(Value::Object(json_of_map(&txn, &self.setup))).ok()
            };
        }
        macro_rules! each {
            ($($field:ident => $root:ident),* $(,)?) => {$(
                let (keys, whole) = hit(stringify!($field));
                if whole || !keys.is_empty() {
                    patch(&txn, &self.$root, &mut ws.$field, keys, whole, &mut unreadable);
                }
            )*};
        }
        each!(
            units => units,
            roles => roles,
            people => people,
            dotted_lines => dotted_lines,
            objectives => objectives,
            portfolios => portfolios,
            programmes => programmes,
            projects => projects,
            assessments => assessments,
            questionnaires => questionnaires,
            rounds => rounds,
            report_notes => report_notes,
        );
        unreadable
    }

    /// Everything the document holds, as one update (what a new copy needs).
    pub fn state(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v1(&StateVector::default())
    }

    /// The whole state in yrs' v2 encoding, about a third smaller once deflated: the form the
    /// compacted snapshot and document files store ([`bounds_v2::to_v1`] reads it back).
    pub fn state_v2(&self) -> Vec<u8> {
        self.doc
            .transact()
            .encode_state_as_update_v2(&StateVector::default())
    }

    /// What this copy has seen, to ask another copy for the rest (see [`Document::since`]).
    pub fn state_vector(&self) -> Vec<u8> {
        use yrs::updates::encoder::Encode;
        self.doc.transact().state_vector().encode_v1()
    }

    /// Whether this copy has seen every change the copy with state vector `seen` has (so
    /// that a snapshot of this copy loses nothing of that one). Bytes that are not a state
    /// vector are refused.
    pub fn covers(&self, seen: &[u8]) -> Result<bool, DocumentError> {
        bounds::check_state_vector(seen).map_err(DocumentError::Malformed)?;
        let sv =
            StateVector::decode_v1(seen).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        let here = self.doc.transact().state_vector();
        Ok(sv.iter().all(|(client, clock)| here.get(client) >= *clock))
    }

    /// The changes this copy has that a copy with state vector `seen` lacks.
    pub fn since(&self, seen: &[u8]) -> Result<Vec<u8>, DocumentError> {
        bounds::check_state_vector(seen).map_err(DocumentError::Malformed)?;
        let sv =
            StateVector::decode_v1(seen).map_err(|e| DocumentError::Malformed(e.to_string()))?;
        Ok(self.doc.transact().encode_state_as_update_v1(&sv))
    }
}

/// The names of the root maps.
const ROOTS: [&str; 14] = [
    "organisation",
    "setup",
    "units",
    "roles",
    "people",
    "dotted_lines",
    "objectives",
    "portfolios",
    "programmes",
    "projects",
    "assessments",
    "questionnaires",
    "rounds",
    "report_notes",
];

/// The entities read, noting the keys of those that could not be.
fn keep<T>(unreadable: &mut Vec<String>, (items, bad): (Vec<T>, Vec<String>)) -> Vec<T> {
    unreadable.extend(bad);
    items
}
