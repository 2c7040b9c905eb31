//! The app state shared through context: the workspace, its save status and the route.
//!
//! Every change to the workspace goes through [`AppState::edit`], which marks the data as
//! changed; [`crate::app::sync`] commits it shortly after as a change of the document. Data
//! that arrives from elsewhere (an import, start-up) is set with [`AppState::replace`].

use leptos::prelude::*;
use pmo_domain::document::describe::Scope;
use pmo_domain::route::Route;
use pmo_domain::storage::schema::{Envelope, Meta};
use pmo_domain::{Project, Workspace};

/// What the storage banner says. Anything but `Saved`/`Unsaved` means saves are not happening.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveStatus {
    /// Everything is in browser storage.
    Saved,
    /// Changes are waiting for the autosave.
    Unsaved,
    /// Stored data could not be read; it is kept untouched until the user decides.
    /// `newer`: it was written by a newer version this one cannot read.
    Damaged {
        raw: String,
        reason: String,
        newer: bool,
    },
    /// Stored data is from a newer app version: shown read-only, never written. With
    /// `from_draft`, what is shown is this version's last interrupted save (the newer data
    /// itself could not be read).
    Newer {
        found: u32,
        supported: u32,
        from_draft: bool,
    },
    /// The browser's storage is full: changes live only in this tab until there is room
    /// again or they are exported.
    QuotaFull,
    /// Storage is not available at all (disabled by policy, private window …).
    Unavailable(String),
    /// The workspace breaks a rule of the data: saved, the next start would refuse it, so it
    /// is not written (the reason names the problem).
    Invalid(String),
}

impl SaveStatus {
    /// Saves are allowed in these states.
    pub fn can_save(&self) -> bool {
        matches!(
            self,
            SaveStatus::Saved
                | SaveStatus::Unsaved
                | SaveStatus::QuotaFull
                | SaveStatus::Unavailable(_)
                | SaveStatus::Invalid(_)
        )
    }

    /// Nothing in this tab would be lost by leaving it (reloading, updating): everything is
    /// saved, or nothing here may be saved at all (read-only or damaged data, which stays
    /// untouched in storage).
    pub fn safe_to_leave(&self) -> bool {
        matches!(
            self,
            SaveStatus::Saved | SaveStatus::Newer { .. } | SaveStatus::Damaged { .. }
        )
    }
}

/// What undo and redo would take back or make again, in words (`None`: nothing).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Steps {
    pub undo: Option<String>,
    pub redo: Option<String>,
}

/// The short, visible confirmation after an edit, an undo or a redo.
#[derive(Clone, Debug, PartialEq)]
pub enum Confirmation {
    /// An edit was stored; offers Undo.
    Done(String),
    /// An edit was taken back; offers Redo.
    Undone(String),
    /// An edit was made again; offers Undo.
    Redone(String),
}

impl Confirmation {
    /// The line shown ("Changed status of “CRM renewal”", "Undone: …").
    pub fn text(&self) -> String {
        match self {
            Confirmation::Done(what) => what.clone(),
            Confirmation::Undone(what) => format!("Undone: {what}"),
            Confirmation::Redone(what) => format!("Redone: {what}"),
        }
    }
}

/// The typed context every page reads.
#[derive(Clone, Copy)]
pub struct AppState {
    pub workspace: RwSignal<Workspace>,
    pub meta: RwSignal<Meta>,
    pub status: RwSignal<SaveStatus>,
    /// Bumped by every user edit; the autosave effect watches it.
    pub changes: RwSignal<u64>,
    /// Set when the last start recovered an interrupted save.
    pub recovered_draft: RwSignal<bool>,
    /// False until start-up has read the store: pages wait for it.
    pub opened: RwSignal<bool>,
    /// Set on the first start with the new store, after the data moved in from localStorage.
    pub moved_from_local: RwSignal<bool>,
    /// What the last merge repaired (a reporting loop broken …), in words, for the banner.
    pub repairs: RwSignal<Vec<String>>,
    /// Result of `navigator.storage.persist()`: `None` until known or when unsupported.
    pub persisted: RwSignal<Option<bool>>,
    pub route: ReadSignal<Route>,
    /// The register view last shown (with its filters), for "Back to the register".
    pub last_portfolio: RwSignal<String>,
    /// What undo and redo would do now.
    pub steps: RwSignal<Steps>,
    /// The confirmation on screen, with a count so that the same text twice shows again.
    pub confirmation: RwSignal<Option<(u64, Confirmation)>>,
    /// The words for the next commit's undo step, set by [`AppState::edit_as`].
    pub pending_label: StoredValue<Option<String>>,
    /// Where the edits since the last commit changed the workspace, so that the commit
    /// compares only that ([`Scope`]); `None` when nothing was edited.
    pub pending_scope: StoredValue<Option<Scope>>,
    /// Counts every change of the document's history (an edit, an undo, a merge): history
    /// lists read it to show new lines.
    pub history: RwSignal<u64>,
    /// What leaving the page now would lose, in words ("the new project you started"), while
    /// a form holds changes it has not saved; leaving then asks first. `None`: nothing.
    pub unsaved_form: RwSignal<Option<String>>,
    /// The live-sync connection (`app::live`).
    pub live: RwSignal<crate::app::live::LiveStatus>,
    /// The names of the others connected to the same workspace.
    pub present: RwSignal<Vec<String>>,
    /// An edit waits for the data engine, whose code could not be fetched (`app::engine`).
    pub not_fetched: RwSignal<bool>,
    /// A one-line message for the live region (e.g. "Demo organisation loaded").
    pub notice: RwSignal<Option<String>>,
}

impl AppState {
    pub fn expect() -> Self {
        expect_context::<AppState>()
    }

    /// Change the workspace as the user asked; it is saved shortly after.
    /// Data from a newer app version is read-only: the edit is refused with a message.
    /// The commit compares the whole workspace to find what changed; an edit that knows
    /// where it changes it says so with [`AppState::edit_in`].
    pub fn edit(&self, f: impl FnOnce(&mut Workspace)) {
        self.edit_in(Scope::Anywhere, f);
    }

    /// [`AppState::edit`] of only what `scope` names (and perhaps the organisation's fields
    /// or the set-up plan): the commit compares only that, which keeps an edit of a large
    /// workspace within a few milliseconds. A check in idle time finds and commits anything
    /// the scope missed.
    pub fn edit_in(&self, scope: Scope, f: impl FnOnce(&mut Workspace)) {
        if self.read_only() {
            self.say("This data is read-only: it was saved by a newer version of PMO Workbench");
            return;
        }
        self.add_scope(scope);
        self.workspace.update(f);
        self.mark_changed();
    }

    /// Join `scope` to the places the edits since the last commit changed.
    fn add_scope(&self, scope: Scope) {
        self.pending_scope.update_value(|s| {
            *s = Some(match s.take() {
                Some(before) => before.join(scope),
                None => scope,
            })
        });
    }

    /// Change the project with `id` (nothing if there is none).
    pub fn edit_project(&self, id: &str, f: impl FnOnce(&mut Project)) {
        let Some(at) = self
            .workspace
            .with_untracked(|ws| ws.projects.iter().position(|p| p.id == id))
        else {
            return;
        };
        self.edit_in(Scope::one_at("project", id, at), |ws| {
            if let Some(p) = ws.projects.get_mut(at) {
                f(p);
            }
        });
    }

    /// [`AppState::edit`], naming the step for its confirmation and undo ("Move of Ann Lee").
    /// A named edit is a step of its own: what was typed before it is committed first, and
    /// it is committed at once (not joined with whatever follows within the typing pause).
    pub fn edit_as(&self, label: impl Into<String>, f: impl FnOnce(&mut Workspace)) {
        self.edit_as_in(label, Scope::Anywhere, |ws| {
            f(ws);
            true
        });
    }

    /// [`AppState::edit_as`] of only what `scope` names (see [`AppState::edit_in`]), by a
    /// rule that may refuse: `f` returns whether it changed anything, and a refusal changes
    /// nothing, not even the pages drawn from the workspace.
    pub fn edit_as_in(
        &self,
        label: impl Into<String>,
        scope: Scope,
        f: impl FnOnce(&mut Workspace) -> bool,
    ) {
        if self.read_only() {
            self.say("This data is read-only: it was saved by a newer version of PMO Workbench");
            return;
        }
        crate::app::engine::save_now_sync(self);
        let mut changed = false;
        self.workspace.maybe_update(|ws| {
            changed = f(ws);
            changed
        });
        if changed {
            self.pending_label.set_value(Some(label.into()));
            self.add_scope(scope);
            self.mark_changed();
            crate::app::engine::save_now_sync(self);
        }
    }

    /// Show a confirmation.
    pub fn confirm(&self, what: Confirmation) {
        let n = self
            .confirmation
            .with_untracked(|c| c.as_ref().map_or(0, |(n, _)| n + 1));
        self.confirmation.set(Some((n, what)));
    }

    /// True while the data is from a newer app version.
    pub fn read_only(&self) -> bool {
        matches!(self.status.get_untracked(), SaveStatus::Newer { .. })
    }

    /// Record that the data changed (and is not yet in any export).
    pub fn mark_changed(&self) {
        crate::app::engine::note_edit();
        // At once, not when the autosave's effect runs: "All changes saved" must never show
        // between an edit and its commit.
        if self.status.get_untracked() == SaveStatus::Saved {
            self.status.set(SaveStatus::Unsaved);
        }
        // Only the first edit since an export changes `meta` (and so writes it to
        // localStorage); later ones leave it, and its watchers, alone.
        if self.meta.with_untracked(|m| m.unexported_since.is_none()) {
            let now = chrono::Utc::now();
            self.meta.update(|m| m.unexported_since = Some(now));
        }
        self.changes.update(|c| *c += 1);
    }

    /// A short message for the live region.
    pub fn say(&self, text: impl Into<String>) {
        self.notice.set(Some(text.into()));
    }

    /// Export the workspace as a versioned JSON file and remember when.
    pub fn export(&self) {
        let now = chrono::Utc::now();
        let mut env = Envelope::new(self.workspace.get_untracked(), 0);
        env.exported_at = Some(now);
        env.meta = self.meta.get_untracked();
        env.meta.last_export = Some(now);
        env.meta.unexported_since = None;
        crate::app::download::save_file(
            &pmo_domain::storage::persist::export_file_name(now),
            "application/json",
            &env.to_pretty_json(),
        );
        self.meta.update(|m| {
            m.last_export = Some(now);
            m.unexported_since = None;
        });
        // Saving the export time is a change of book-keeping, not of data.
        self.changes.update(|c| *c += 1);
        self.say("Data exported");
    }
}
