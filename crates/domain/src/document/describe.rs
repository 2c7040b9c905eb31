//! A change in words: the label of the confirmation shown after each edit and of its undo
//! step ("Changed status of “CRM renewal”"), and what each changed entity's history says
//! ("set status to At risk").

use std::collections::HashMap;

use serde::Serialize;

use crate::common::text::{self, plural};
use crate::model::{Person, Project, Workspace};

/// What changed in one kind of entity.
#[derive(Default)]
struct Tally {
    /// Added entities: (id, name).
    added: Vec<(String, String)>,
    /// Removed entities: (id, name).
    removed: Vec<(String, String)>,
    /// Changed entities: id, name, the names of the fields that changed, and what changed
    /// in words for the entity's history.
    changed: Vec<(String, String, Vec<String>, Vec<String>)>,
    /// When both sides hold the same entities in the same order (the usual edit): the places
    /// of the changed ones. `None`: entities were added, removed or reordered.
    places: Option<Vec<usize>>,
    /// An id repeats on one side, so comparing by id may miss a change: the collection
    /// counts as changed (and is compared whole).
    repeated: bool,
}

impl Tally {
    fn count(&self) -> usize {
        self.added.len() + self.removed.len() + self.changed.len() + usize::from(self.repeated)
    }
}

/// Compare one collection by id. `say` puts an entity's change in words from the names of
/// the fields that changed.
///
/// `named`: when the edit named the entities it changed ([`Scope`]), only those are
/// compared, provided the list kept its length and they their places; any other entity is
/// taken as unchanged.
fn tally<T: Serialize + PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> String,
    say: impl Fn(&T, &T, &[String]) -> Vec<String>,
    named: Option<&[(&str, Option<usize>)]>,
) -> Tally {
    let mut t = Tally::default();
    let mut changed = |a: &T, b: &T| {
        let fields = fields_changed(a, b);
        let said = say(a, b, &fields);
        t.changed.push((id(b).to_string(), name(b), fields, said));
    };
    // An edit that named its entities: when the list kept its length and each named entity
    // its place, only those are compared. (Anything else it changed unnamed is found by the
    // caller's check in idle time.)
    if let Some(named) = named.filter(|_| old.len() == new.len()) {
        let mut at = Vec::with_capacity(named.len());
        for &(want, hint) in named {
            let found = hint
                .filter(|&i| new.get(i).is_some_and(|b| id(b) == want))
                .or_else(|| new.iter().position(|b| id(b) == want));
            match found {
                Some(i) if id(&old[i]) == want => at.push(i),
                _ => break,
            }
        }
        if at.len() == named.len() {
            at.sort_unstable();
            at.dedup();
            at.retain(|&i| old[i] != new[i]);
            for &i in &at {
                changed(&old[i], &new[i]);
            }
            t.places = Some(at);
            return t;
        }
    }
    // The usual edit: the same entities in the same order, a few changed. Found side by side,
    // without building an index.
    if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| id(a) == id(b)) {
        let mut places = Vec::new();
        for (i, (a, b)) in old.iter().zip(new).enumerate() {
            if a != b {
                changed(a, b);
                places.push(i);
            }
        }
        t.places = Some(places);
        return t;
    }
    let before: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    let after: HashMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
    t.repeated = (before.len() < old.len() || after.len() < new.len()) && old != new;
    let mut added = Vec::new();
    for x in new {
        match before.get(id(x)) {
            None => added.push((id(x).to_string(), name(x))),
            Some(was) if *was != x => changed(was, x),
            Some(_) => {}
        }
    }
    t.added = added;
    for x in old {
        if !after.contains_key(id(x)) {
            t.removed.push((id(x).to_string(), name(x)));
        }
    }
    t
}

/// The changed fields in words, for any kind without its own wording: "changed budget, end".
fn plain(fields: &[String]) -> Vec<String> {
    if fields.is_empty() {
        Vec::new()
    } else {
        vec![format!("changed {}", join_and(fields))]
    }
}

fn plain_say<T>(_: &T, _: &T, fields: &[String]) -> Vec<String> {
    plain(fields)
}

/// A short quote of what was typed, for a history line.
fn quote(text: &str) -> String {
    const MAX: usize = 80;
    let text = text.trim();
    if text.chars().count() <= MAX {
        format!("“{text}”")
    } else {
        let cut: String = text.chars().take(MAX - 1).collect();
        format!("“{}…”", cut.trim_end())
    }
}

/// The changed fields not yet put in words.
struct Left<'a>(Vec<&'a String>);

impl Left<'_> {
    /// Whether `word` changed; it is then put in words by the caller, not again here.
    fn take(&mut self, word: &str) -> bool {
        let had = self.0.iter().any(|f| *f == word);
        self.0.retain(|f| *f != word);
        had
    }

    /// What is left, as "changed budget, end".
    fn plain(&self) -> Vec<String> {
        let rest: Vec<String> = self.0.iter().map(|f| (*f).clone()).collect();
        plain(&rest)
    }
}

/// A project's change in words.
fn say_project(a: &Project, b: &Project, fields: &[String]) -> Vec<String> {
    let mut said = Vec::new();
    let mut left = Left(fields.iter().collect());
    let mut take = |word: &str| left.take(word);
    let new_update = (b.updates.len() > a.updates.len())
        .then(|| b.updates.iter().find(|u| !a.updates.contains(u)))
        .flatten();
    if let Some(u) = new_update {
        take("status updates");
        take("status");
        take("RAG");
        let words = if u.commentary.trim().is_empty() {
            String::new()
        } else {
            format!(": {}", quote(&u.commentary))
        };
        said.push(format!(
            "reported {} for {}{words}",
            u.status.label(),
            text::day(u.date)
        ));
    }
    if take("status") {
        said.push(format!("set status to {}", b.status.label()));
    }
    if take("name") {
        said.push(format!("renamed it {}", quote(&b.name)));
    }
    if take("phase") {
        said.push(format!("moved it to the {} phase", b.phase.label()));
    }
    if take("percent complete") {
        said.push(format!("set % complete to {} %", b.percent_complete));
    }
    if take("archived") {
        said.push(if b.archived {
            "archived it".to_string()
        } else {
            "brought it back from the archive".to_string()
        });
    }
    said.extend(left.plain());
    said
}

/// A person's change in words; `new` names the manager they now report to.
fn say_person(new: &Workspace, a: &Person, b: &Person, fields: &[String]) -> Vec<String> {
    let mut said = Vec::new();
    let mut left = Left(fields.iter().collect());
    let mut take = |word: &str| left.take(word);
    if take("manager") {
        said.push(match &b.manager_id {
            Some(m) => {
                let name = new.person(m).map_or(m.as_str(), |p| p.name.as_str());
                format!("moved them to report to {name}")
            }
            None => "made them report to nobody".into(),
        });
    }
    if take("name") {
        said.push(format!("renamed them {}", quote(&b.name)));
    }
    if take("title") {
        said.push(format!("changed the title to {}", quote(&b.title)));
    }
    if take("vacancy") {
        said.push(if b.vacancy {
            "made the post a vacancy".to_string()
        } else {
            "filled the post".to_string()
        });
    }
    let _ = a;
    said.extend(left.plain());
    said
}

/// The names of the top-level fields that differ, in words ("manager id" → "manager").
fn fields_changed<T: Serialize>(a: &T, b: &T) -> Vec<String> {
    let (Ok(serde_json::Value::Object(a)), Ok(serde_json::Value::Object(b))) =
        (serde_json::to_value(a), serde_json::to_value(b))
    else {
        return Vec::new();
    };
    let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|k| a.get(*k) != b.get(*k))
        .map(|k| field_word(k))
        .collect()
}

pub(crate) fn field_word(key: &str) -> String {
    match key {
        "rag" => "RAG".into(),
        "manager_id" => "manager".into(),
        "sponsor_id" => "sponsor".into(),
        "role_id" => "role".into(),
        "unit_id" => "unit".into(),
        "portfolio_id" => "portfolio".into(),
        "programme_id" => "programme".into(),
        "pmo_contact_id" => "PMO contact".into(),
        "updates" => "status updates".into(),
        other => other.replace('_', " "),
    }
}

/// What one edit changed, entity by entity: read once, then put in words for the
/// confirmation ([`Change::label`]) and for each entity's history ([`Change::notes`]).
pub struct Change {
    kinds: [(&'static str, &'static str, Tally); 12],
    organisation: Vec<String>,
    setup: bool,
}

/// One entity's line of history, without who and when: which entity (`kind` as in
/// "project", and its id) and what happened to it ("set status to At risk").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    pub kind: &'static str,
    pub id: String,
    pub text: String,
}

/// The edit from `old` to `new` in words: what one entity got, or how many of each kind
/// changed. An empty string when nothing changed.
pub fn describe(old: &Workspace, new: &Workspace) -> String {
    Change::of(old, new).label()
}

/// The most entities one edit writes into the history: an import of thousands of projects
/// is one confirmation, not thousands of history lines.
pub const MOST_NOTES: usize = 200;

/// How many projects or people [`Change::part_differs`] compares at a time.
pub const PART: usize = 1000;

/// Where an edit changed the workspace, as the code that made it knows: the entities it
/// changed in place, by kind (as in [`Note::kind`]) and id. Comparing only those makes a small
/// edit of a large workspace cheap ([`Change::within`]).
///
/// The organisation's fields and the set-up plan are always compared, and so is the length
/// of each list; what an edit changes beyond that must be named. (The app checks in idle
/// time that a full comparison finds nothing more.)
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scope {
    /// Compare everything (the default, for an edit that does not say).
    #[default]
    Anywhere,
    /// Only these entities (and the organisation and plan) may have changed.
    Named(Vec<Place>),
}

/// One entity an edit changed: its kind (as in [`Note::kind`]) and id, and where it is in its
/// list when the edit knew (a hint, checked before it is used, that spares a search).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Place {
    pub kind: &'static str,
    pub id: String,
    pub at: Option<usize>,
}

impl Place {
    pub fn new(kind: &'static str, id: impl Into<String>) -> Place {
        Place {
            kind,
            id: id.into(),
            at: None,
        }
    }
}

impl Scope {
    /// An edit of the organisation's own fields or of the set-up plan only.
    pub fn organisation() -> Scope {
        Scope::Named(Vec::new())
    }

    /// An edit of one entity (`kind` as "project", "person").
    pub fn one(kind: &'static str, id: impl Into<String>) -> Scope {
        Scope::Named(vec![Place::new(kind, id)])
    }

    /// [`Scope::one`] for the entity at place `at` of its list.
    pub fn one_at(kind: &'static str, id: impl Into<String>, at: usize) -> Scope {
        Scope::Named(vec![Place {
            at: Some(at),
            ..Place::new(kind, id)
        }])
    }

    /// An edit of the entities of `kind` with these ids.
    pub fn many<'a>(kind: &'static str, ids: impl IntoIterator<Item = &'a String>) -> Scope {
        Scope::Named(
            ids.into_iter()
                .map(|id| Place::new(kind, id.clone()))
                .collect(),
        )
    }

    /// Both edits' places (edits joined into one step).
    pub fn join(self, other: Scope) -> Scope {
        match (self, other) {
            (Scope::Named(mut a), Scope::Named(b)) => {
                for place in b {
                    if !a.iter().any(|p| p.kind == place.kind && p.id == place.id) {
                        a.push(place);
                    }
                }
                Scope::Named(a)
            }
            _ => Scope::Anywhere,
        }
    }

    /// The ids of `kind` named, or `None` when everything is compared.
    fn of_kind(&self, kind: &str) -> Option<Vec<(&str, Option<usize>)>> {
        match self {
            Scope::Anywhere => None,
            Scope::Named(places) => Some(
                places
                    .iter()
                    .filter(|p| p.kind == kind)
                    .map(|p| (p.id.as_str(), p.at))
                    .collect(),
            ),
        }
    }
}

impl Change {
    /// Compare `old` with `new`.
    pub fn of(old: &Workspace, new: &Workspace) -> Change {
        Change::within(old, new, &Scope::Anywhere)
    }

    /// Whether `old` and `new` differ in their part number `part` (from 0), for a comparison
    /// made a part at a time so that none holds the main thread long: the organisation, the
    /// plan and the small collections first, then the projects and the people in slices of
    /// [`PART`]. `None` past the last part. A collection whose length changed differs in its
    /// first part.
    pub fn part_differs(old: &Workspace, new: &Workspace, part: usize) -> Option<bool> {
        if part == 0 {
            // Every field is named here, so that a field added to the workspace is not
            // silently left out of the comparison.
            let Workspace {
                organisation: _,
                setup: _,
                units: _,
                roles: _,
                objectives: _,
                portfolios: _,
                programmes: _,
                assessments: _,
                questionnaires: _,
                dotted_lines: _,
                projects: _,
                people: _,
                rounds: _,
                report_notes: _,
            } = old;
            return Some(
                old.organisation != new.organisation
                    || old.setup != new.setup
                    || old.units != new.units
                    || old.roles != new.roles
                    || old.objectives != new.objectives
                    || old.portfolios != new.portfolios
                    || old.programmes != new.programmes
                    || old.assessments != new.assessments
                    || old.questionnaires != new.questionnaires
                    || old.dotted_lines != new.dotted_lines
                    || old.rounds != new.rounds
                    || old.report_notes != new.report_notes,
            );
        }
        fn slices<T: PartialEq>(old: &[T], new: &[T], part: usize) -> Result<bool, usize> {
            let parts = old.len().div_ceil(PART).max(1);
            if part >= parts {
                return Err(part - parts);
            }
            if old.len() != new.len() {
                return Ok(true);
            }
            let at = part * PART..((part + 1) * PART).min(old.len());
            Ok(old[at.clone()] != new[at])
        }
        slices(&old.projects, &new.projects, part - 1)
            .or_else(|rest| slices(&old.people, &new.people, rest))
            .ok()
    }

    /// Compare `old` with `new` where `scope` says the edit changed them. With a named
    /// scope, an entity changed in place but not named is missed: the caller checks in idle
    /// time that [`Change::of`] finds nothing more.
    pub fn within(old: &Workspace, new: &Workspace, scope: &Scope) -> Change {
        // A kind whose changes are told only by the fields that changed.
        macro_rules! plain {
            ($one:literal, $many:literal, $field:ident, $name:ident) => {
                (
                    $one,
                    $many,
                    tally(
                        &old.$field,
                        &new.$field,
                        |x| &x.id,
                        |x| x.$name.clone(),
                        plain_say,
                        scope.of_kind($one).as_deref(),
                    ),
                )
            };
        }
        let kinds: [(&str, &str, Tally); 12] = [
            (
                "project",
                "projects",
                tally(
                    &old.projects,
                    &new.projects,
                    |x| &x.id,
                    |x| x.name.clone(),
                    say_project,
                    scope.of_kind("project").as_deref(),
                ),
            ),
            (
                "person",
                "people",
                tally(
                    &old.people,
                    &new.people,
                    |x| &x.id,
                    |x| x.name.clone(),
                    |a, b, f| say_person(new, a, b, f),
                    scope.of_kind("person").as_deref(),
                ),
            ),
            plain!("portfolio", "portfolios", portfolios, name),
            plain!("programme", "programmes", programmes, name),
            plain!("unit", "units", units, name),
            plain!("role", "roles", roles, name),
            plain!("objective", "objectives", objectives, name),
            plain!("assessment", "assessments", assessments, respondent),
            plain!("questionnaire", "questionnaires", questionnaires, title),
            plain!("status round", "status rounds", rounds, month),
            (
                "report summary",
                "report summaries",
                tally(
                    &old.report_notes,
                    &new.report_notes,
                    |x| &x.id,
                    // Named by its month in words ("December 2026").
                    |x| {
                        chrono::NaiveDate::parse_from_str(&format!("{}-01", x.id), "%Y-%m-%d")
                            .map_or_else(|_| x.id.clone(), crate::common::text::month)
                    },
                    plain_say,
                    scope.of_kind("report summary").as_deref(),
                ),
            ),
            (
                "dotted line",
                "dotted lines",
                tally(
                    &old.dotted_lines,
                    &new.dotted_lines,
                    |x| &x.from,
                    |x| format!("{} to {}", x.from, x.to),
                    plain_say,
                    scope.of_kind("dotted line").as_deref(),
                ),
            ),
        ];
        let organisation = if old.organisation != new.organisation {
            fields_changed(&old.organisation, &new.organisation)
        } else {
            Vec::new()
        };
        Change {
            kinds,
            organisation,
            setup: old.setup != new.setup,
        }
    }

    /// Nothing changed.
    pub fn is_empty(&self) -> bool {
        self.organisation.is_empty()
            && !self.setup
            && self.kinds.iter().all(|(_, _, t)| t.count() == 0)
    }

    /// Whether the organisation's fields or the set-up plan changed.
    pub(super) fn organisation_or_setup(&self) -> (bool, bool) {
        (!self.organisation.is_empty(), self.setup)
    }

    /// For the collection of entities of `kind` ("project", as in [`Note::kind`]): `Some`
    /// with the places of the changed entities when only entities in place changed (none
    /// when nothing did), `None` when it must be compared whole (entities added, removed or
    /// moved).
    pub(super) fn places(&self, kind: &str) -> Option<&[usize]> {
        let (_, _, t) = self.kinds.iter().find(|(k, _, _)| *k == kind)?;
        t.places.as_deref()
    }

    /// What [`crate::validate::validate_in_place`] needs to check this change alone, when
    /// the change allows it: only projects, people, portfolios, objectives and assessments
    /// changed, in place (no entity added, removed or moved), and perhaps the organisation's
    /// own fields (always checked). `None`: the whole workspace is to be checked.
    pub fn in_place(&self) -> Option<crate::validate::InPlace> {
        if self.setup {
            return None;
        }
        let count = |kind: &str| {
            self.kinds
                .iter()
                .find(|(k, _, _)| *k == kind)
                .map_or(0, |(_, _, t)| t.count())
        };
        if [
            "programme",
            "unit",
            "role",
            "questionnaire",
            "dotted line",
            "status round",
        ]
        .iter()
        .any(|k| count(k) > 0)
        {
            return None;
        }
        let places = |kind: &str| self.places(kind).map(<[usize]>::to_vec);
        Some(crate::validate::InPlace {
            projects: places("project")?,
            people: places("person")?,
            portfolios: places("portfolio")?,
            objectives: places("objective")?,
            assessments: places("assessment")?,
        })
    }

    /// The change in words for its confirmation and undo step.
    pub fn label(&self) -> String {
        let kinds = &self.kinds;
        let mut parts: Vec<String> = Vec::new();
        if !self.organisation.is_empty() {
            parts.push("the organisation".into());
        }
        if self.setup {
            parts.push("the set-up plan".into());
        }
        let total: usize = kinds.iter().map(|(_, _, t)| t.count()).sum();
        if total == 1 && parts.is_empty() {
            let (kind, _, t) = kinds.iter().find(|(_, _, t)| t.count() == 1).expect("one");
            return if let Some((_, name)) = t.added.first() {
                format!("Added {kind} “{name}”")
            } else if let Some((_, name)) = t.removed.first() {
                format!("Deleted {kind} “{name}”")
            } else {
                let (_, name, fields, _) = &t.changed[0];
                if fields.is_empty() || fields.len() > 3 {
                    format!("Changed {kind} “{name}”")
                } else {
                    format!("Changed {} of “{name}”", fields.join(", "))
                }
            };
        }
        for (singular, plural_word, t) in kinds {
            let n = t.count();
            if n > 0 {
                parts.push(plural(n, singular, Some(plural_word)));
            }
        }
        match parts.len() {
            0 => String::new(),
            1 if !self.organisation.is_empty() && total == 0 => {
                format!(
                    "Changed the organisation's {}",
                    self.organisation.join(", ")
                )
            }
            _ => format!("Changed {}", join_and(&parts)),
        }
    }

    /// A line of history for each entity the change added, deleted or changed, at most
    /// [`MOST_NOTES`] of them.
    pub fn notes(&self) -> Vec<Note> {
        let mut out = Vec::new();
        for (kind, _, t) in &self.kinds {
            for (id, _) in &t.added {
                out.push(Note {
                    kind,
                    id: id.clone(),
                    text: format!("added this {kind}"),
                });
            }
            for (id, _, _, said) in &t.changed {
                for text in said {
                    out.push(Note {
                        kind,
                        id: id.clone(),
                        text: text.clone(),
                    });
                }
            }
            for (id, _) in &t.removed {
                out.push(Note {
                    kind,
                    id: id.clone(),
                    text: format!("deleted this {kind}"),
                });
            }
        }
        out.truncate(MOST_NOTES);
        out
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
