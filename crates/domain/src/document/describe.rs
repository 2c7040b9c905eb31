//! A change in words, for the confirmation shown after each edit ("Changed “CRM renewal”:
//! status") and the label of its undo step.

use std::collections::HashMap;

use serde::Serialize;

use crate::common::text::plural;
use crate::model::Workspace;

/// What changed in one kind of entity.
#[derive(Default)]
struct Tally {
    added: Vec<String>,
    removed: Vec<String>,
    /// Changed entities, each with the names of the fields that changed.
    changed: Vec<(String, Vec<String>)>,
}

impl Tally {
    fn count(&self) -> usize {
        self.added.len() + self.removed.len() + self.changed.len()
    }
}

/// Compare one collection by id.
fn tally<T: Serialize + PartialEq>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &str,
    name: impl Fn(&T) -> String,
) -> Tally {
    let mut t = Tally::default();
    // The usual edit: the same entities in the same order, a few changed. Found side by side,
    // without building an index.
    if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| id(a) == id(b)) {
        for (a, b) in old.iter().zip(new) {
            if a != b {
                t.changed.push((name(b), fields_changed(a, b)));
            }
        }
        return t;
    }
    let before: HashMap<&str, &T> = old.iter().map(|x| (id(x), x)).collect();
    let after: HashMap<&str, &T> = new.iter().map(|x| (id(x), x)).collect();
    for x in new {
        match before.get(id(x)) {
            None => t.added.push(name(x)),
            Some(was) if *was != x => t.changed.push((name(x), fields_changed(*was, x))),
            Some(_) => {}
        }
    }
    for x in old {
        if !after.contains_key(id(x)) {
            t.removed.push(name(x));
        }
    }
    t
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

fn field_word(key: &str) -> String {
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

/// The edit from `old` to `new` in words: what one entity got, or how many of each kind
/// changed. An empty string when nothing changed.
pub fn describe(old: &Workspace, new: &Workspace) -> String {
    let kinds: [(&str, &str, Tally); 10] = [
        (
            "project",
            "projects",
            tally(&old.projects, &new.projects, |x| &x.id, |x| x.name.clone()),
        ),
        (
            "person",
            "people",
            tally(&old.people, &new.people, |x| &x.id, |x| x.name.clone()),
        ),
        (
            "portfolio",
            "portfolios",
            tally(
                &old.portfolios,
                &new.portfolios,
                |x| &x.id,
                |x| x.name.clone(),
            ),
        ),
        (
            "programme",
            "programmes",
            tally(
                &old.programmes,
                &new.programmes,
                |x| &x.id,
                |x| x.name.clone(),
            ),
        ),
        (
            "unit",
            "units",
            tally(&old.units, &new.units, |x| &x.id, |x| x.name.clone()),
        ),
        (
            "role",
            "roles",
            tally(&old.roles, &new.roles, |x| &x.id, |x| x.name.clone()),
        ),
        (
            "objective",
            "objectives",
            tally(
                &old.objectives,
                &new.objectives,
                |x| &x.id,
                |x| x.name.clone(),
            ),
        ),
        (
            "assessment",
            "assessments",
            tally(
                &old.assessments,
                &new.assessments,
                |x| &x.id,
                |x| x.respondent.clone(),
            ),
        ),
        (
            "questionnaire",
            "questionnaires",
            tally(
                &old.questionnaires,
                &new.questionnaires,
                |x| &x.id,
                |x| x.title.clone(),
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
            ),
        ),
    ];
    let mut parts: Vec<String> = Vec::new();
    if old.organisation != new.organisation {
        parts.push("the organisation".into());
    }
    if old.setup != new.setup {
        parts.push("the set-up plan".into());
    }
    let total: usize = kinds.iter().map(|(_, _, t)| t.count()).sum();
    if total == 1 && parts.is_empty() {
        let (kind, _, t) = kinds.iter().find(|(_, _, t)| t.count() == 1).expect("one");
        return if let Some(name) = t.added.first() {
            format!("Added {kind} “{name}”")
        } else if let Some(name) = t.removed.first() {
            format!("Deleted {kind} “{name}”")
        } else {
            let (name, fields) = &t.changed[0];
            if fields.is_empty() || fields.len() > 3 {
                format!("Changed {kind} “{name}”")
            } else {
                format!("Changed {} of “{name}”", fields.join(", "))
            }
        };
    }
    for (singular, plural_word, t) in &kinds {
        let n = t.count();
        if n > 0 {
            parts.push(plural(n, singular, Some(plural_word)));
        }
    }
    match parts.len() {
        0 => String::new(),
        1 if old.organisation != new.organisation && total == 0 => {
            let fields = fields_changed(&old.organisation, &new.organisation);
            format!("Changed the organisation's {}", fields.join(", "))
        }
        _ => format!("Changed {}", join_and(&parts)),
    }
}

fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
