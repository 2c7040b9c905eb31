//! The entity collections: each a root map of the document, keyed by the entity's id, each
//! entity a map of its fields. A reserved field keeps the order the app shows them in.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use yrs::any::Number;
use yrs::{Any, Map, MapPrelim, MapRef, Out, ReadTxn, TransactionMut};

use super::value::{fields, json_of_map, sync_map};
use crate::model::{
    Assessment, DottedLine, MonthlyNotes, Objective, Person, Portfolio, Programme, Project,
    Questionnaire, Role, StatusRound, Unit,
};

/// The field that orders an entity within its collection (a number; ties go by key).
pub(super) const ORDER: &str = "_pos";

/// A kind of entity kept in a collection.
pub(super) trait Entity: Serialize + DeserializeOwned + PartialEq {
    /// The collection's name in the document.
    const NAME: &'static str;
    /// What tells one entity from another (its id).
    fn id(&self) -> Cow<'_, str>;
}

macro_rules! by_id {
    ($($t:ty => $name:literal),* $(,)?) => {
        $(impl Entity for $t {
            const NAME: &'static str = $name;
            fn id(&self) -> Cow<'_, str> {
                Cow::Borrowed(&self.id)
            }
        })*
    };
}

by_id!(
    Unit => "units",
    Role => "roles",
    Person => "people",
    Objective => "objectives",
    Portfolio => "portfolios",
    Programme => "programmes",
    Project => "projects",
    Assessment => "assessments",
    Questionnaire => "questionnaires",
    StatusRound => "rounds",
    MonthlyNotes => "report_notes",
);

/// A dotted line has no id: it is known by its two ends.
impl Entity for DottedLine {
    const NAME: &'static str = "dotted_lines";
    fn id(&self) -> Cow<'_, str> {
        Cow::Owned(format!("{}\u{2192}{}", self.from, self.to))
    }
}

/// The key of each entity: its id, with `#2`, `#3` … on a repeated id, so that no entity is
/// ever written over another (validation reports the repeat; the document keeps both).
pub(super) fn keys<T: Entity>(items: &[T]) -> Vec<String> {
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(items.len());
    items
        .iter()
        .map(|t| {
            let id = t.id().into_owned();
            let n = seen.entry(id.clone()).or_insert(0);
            *n += 1;
            numbered(id, *n)
        })
        .collect()
}

/// The key of the `n`-th entity with id `id` (from 1): the id itself, then `id#2`, `id#3` ….
fn numbered(id: String, n: usize) -> String {
    if n == 1 {
        id
    } else {
        format!("{id}#{n}")
    }
}

/// The order number an entity map holds, if any.
fn position<T: ReadTxn>(txn: &T, entity: &MapRef) -> Option<f64> {
    match entity.get(txn, ORDER) {
        Some(Out::Any(Any::Number(Number::Float(f)))) => Some(f),
        Some(Out::Any(Any::Number(Number::Int(i)))) => Some(i as f64),
        _ => None,
    }
}

/// The entity map under `key`, created if missing.
fn entity_map(txn: &mut TransactionMut, coll: &MapRef, key: &str) -> MapRef {
    match coll.get(txn, key) {
        Some(Out::YMap(m)) => m,
        _ => coll.insert(txn, key, MapPrelim::default()),
    }
}

/// Make the collection `coll` hold `new`, given that it holds `old`: removed entities go,
/// added ones are written whole, changed ones field by field, and order numbers change only
/// where the order needs them to.
pub(super) fn sync<T: Entity>(txn: &mut TransactionMut, coll: &MapRef, old: &[T], new: &[T]) {
    // The usual edit: the same entities in the same order, a few of them changed. Found by
    // walking both lists side by side, without building any index.
    if old.len() == new.len() && old.iter().zip(new).all(|(a, b)| a.id() == b.id()) {
        for (i, (a, b)) in old.iter().zip(new).enumerate() {
            if a != b {
                sync_at(txn, coll, new, i);
            }
        }
        return;
    }
    if old == new {
        return;
    }
    let old_keys = keys(old);
    let new_keys = keys(new);
    let before: HashMap<&str, &T> = old_keys.iter().map(String::as_str).zip(old).collect();
    let after: HashSet<&str> = new_keys.iter().map(String::as_str).collect();
    for k in &old_keys {
        if !after.contains(k.as_str()) {
            coll.remove(txn, k);
        }
    }
    // The order numbers kept entities hold now, and for each place the next one held after it.
    let held: Vec<Option<f64>> = new_keys
        .iter()
        .map(
            |k| match (before.contains_key(k.as_str()), coll.get(txn, k)) {
                (true, Some(Out::YMap(m))) => position(txn, &m),
                _ => None,
            },
        )
        .collect();
    let mut next_held = vec![None; held.len()];
    let mut next = None;
    for i in (0..held.len()).rev() {
        next_held[i] = next;
        if held[i].is_some() {
            next = held[i];
        }
    }
    // Keep an order number if it still sorts after the previous entity's; otherwise take one
    // between the previous entity and the next that holds one.
    let mut previous: Option<f64> = None;
    for (i, (k, t)) in new_keys.iter().zip(new).enumerate() {
        let pos = match (held[i], previous) {
            (Some(p), Some(prev)) if p > prev => p,
            (Some(p), None) => p,
            _ => match (
                previous,
                next_held[i].filter(|n| previous.is_none_or(|p| *n > p)),
            ) {
                (Some(p), Some(n)) => (p + n) / 2.0,
                (Some(p), None) => p + 1.0,
                (None, Some(n)) => n - 1.0,
                (None, None) => 0.0,
            },
        };
        if before.get(k.as_str()) != Some(&t) || held[i] != Some(pos) {
            let entity = entity_map(txn, coll, k);
            let mut f = fields(t);
            f.insert(ORDER.into(), Value::from(pos));
            sync_map(txn, &entity, &f);
        }
        previous = Some(pos);
    }
}

/// Write the entity at place `i` of `new` into the collection, field by field, where the
/// collection held the same entities in the same order before (see [`sync`]'s usual case).
pub(super) fn sync_at<T: Entity>(txn: &mut TransactionMut, coll: &MapRef, new: &[T], i: usize) {
    let Some(b) = new.get(i) else { return };
    let id = b.id();
    let n = 1 + new[..i].iter().filter(|t| t.id() == id).count();
    let key = numbered(id.into_owned(), n);
    let entity = entity_map(txn, coll, &key);
    let mut f = fields(b);
    if let Some(pos) = position(txn, &entity) {
        f.insert(ORDER.into(), Value::from(pos));
    }
    sync_map(txn, &entity, &f);
}

/// The entities of a collection in their order, and the keys of any that could not be read
/// (a peer wrote something this version does not understand).
pub(super) fn read<T: Entity, R: ReadTxn>(txn: &R, coll: &MapRef) -> (Vec<T>, Vec<String>) {
    // The entities, and where each goes: sorted apart from them, so that the sort is one
    // function for every kind of entity, not one per kind (issue 20: download size).
    let mut found: Vec<Option<T>> = Vec::with_capacity(coll.len(txn) as usize);
    let mut places: Vec<(f64, String, usize)> = Vec::with_capacity(found.capacity());
    let mut unreadable = Vec::new();
    for (k, out) in coll.iter(txn) {
        let Out::YMap(m) = out else {
            unreadable.push(format!("{}/{k}", T::NAME));
            continue;
        };
        let mut f = json_of_map(txn, &m);
        let pos = f.remove(ORDER).and_then(|v| v.as_f64()).unwrap_or(0.0);
        match serde_json::from_value::<T>(Value::Object(f)) {
            Ok(t) => {
                places.push((pos, k.to_string(), found.len()));
                found.push(Some(t));
            }
            Err(_) => unreadable.push(format!("{}/{k}", T::NAME)),
        }
    }
    in_order(&mut places);
    unreadable.sort();
    let items = places
        .into_iter()
        .filter_map(|(_, _, i)| found[i].take())
        .collect();
    (items, unreadable)
}

/// Entities' places in the order of the collection: by position, then by key.
fn in_order(places: &mut [(f64, String, usize)]) {
    places.sort_by(|a, b| a.0.total_cmp(&b.0).then_with(|| a.1.cmp(&b.1)));
}

/// Bring `items` up to date with the collection after a merge touched the entities under
/// `keys`: each is read again and put in its place. `whole` (an entity was added, removed or
/// replaced, or a key is a repeated id) reads the whole collection instead. Unreadable
/// entities are noted as in [`read`].
pub(super) fn patch<T: Entity, R: ReadTxn>(
    txn: &R,
    coll: &MapRef,
    items: &mut Vec<T>,
    keys: &HashSet<String>,
    whole: bool,
    unreadable: &mut Vec<String>,
) {
    if whole || keys.iter().any(|k| k.contains('#')) {
        let (all, bad) = read(txn, coll);
        *items = all;
        unreadable.extend(bad);
        return;
    }
    for key in keys {
        let Some(i) = items.iter().position(|t| t.id() == key.as_str()) else {
            // Not shown yet (it was unreadable before): read everything.
            let (all, bad) = read(txn, coll);
            *items = all;
            unreadable.extend(bad);
            return;
        };
        let fresh = match coll.get(txn, key) {
            Some(Out::YMap(m)) => {
                let mut f = json_of_map(txn, &m);
                f.remove(ORDER);
                serde_json::from_value::<T>(Value::Object(f)).ok()
            }
            _ => None,
        };
        match fresh {
            Some(t) => items[i] = t,
            None => {
                items.remove(i);
                unreadable.push(format!("{}/{key}", T::NAME));
            }
        }
    }
}
