//! Values between JSON (the serde form of the model) and the document.
//!
//! - a JSON object becomes a nested map, so that its fields merge one by one;
//! - a JSON array becomes a list; an element that is an object (a status update, a risk) is a
//!   map in the list, so an edit of one element changes its fields in place (two copies that
//!   make the same edit agree, and edits of different fields of one element both survive);
//! - anything else is a plain value, replaced as a whole.
//!
//! Integers are kept as 64-bit integers, never as floating point, so that money and counts
//! come back exactly.

use serde_json::{Map as JsonMap, Value};
use yrs::any::Number;
use yrs::{
    Any, Array, ArrayPrelim, ArrayRef, Map, MapPrelim, MapRef, Out, ReadTxn, TransactionMut,
};

/// A value's fields as a JSON object (the model's entities and singletons are structs, so
/// they always serialise to objects).
pub(super) fn fields<T: serde::Serialize>(t: &T) -> JsonMap<String, Value> {
    match serde_json::to_value(t) {
        Ok(Value::Object(o)) => o,
        _ => JsonMap::new(),
    }
}

/// A JSON value as a plain document value (nested objects and arrays included, as values).
pub(super) fn any_of(v: &Value) -> Any {
    match v {
        Value::Null => Any::Null,
        Value::Bool(b) => Any::Bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Any::Number(Number::Int(i)),
            None => Any::Number(Number::Float(n.as_f64().unwrap_or(0.0))),
        },
        Value::String(s) => Any::from(s.as_str()),
        Value::Array(a) => Any::from(a.iter().map(any_of).collect::<Vec<_>>()),
        Value::Object(o) => Any::from(
            o.iter()
                .map(|(k, v)| (k.clone(), any_of(v)))
                .collect::<std::collections::HashMap<_, _>>(),
        ),
    }
}

/// The largest whole number a 64-bit float holds exactly (2^53).
const MAX_EXACT: f64 = 9_007_199_254_740_992.0;

/// A plain document value as JSON. Keys of a map value come back sorted, so that the same
/// content always gives the same JSON.
pub(super) fn json_of_any(a: &Any) -> Value {
    match a {
        Any::Null | Any::Undefined => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(Number::Int(i)) => Value::from(*i),
        // The v1 encoding (lib0's, which other copies and the stored changes use) writes an
        // integer beyond 31 bits as a float: 3,000,000,000 cents comes back as 3.0e9. A whole
        // float within the range a float holds exactly is read as the integer it was, so money
        // and counts stay readable as integers (a float field reads an integer just as well).
        Any::Number(Number::Float(f)) if f.fract() == 0.0 && f.abs() <= MAX_EXACT => {
            Value::from(*f as i64)
        }
        Any::Number(Number::Float(f)) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        Any::String(s) => Value::String(s.to_string()),
        Any::Buffer(_) => Value::Null,
        Any::Array(items) => Value::Array(items.iter().map(json_of_any).collect()),
        Any::Map(m) => {
            let mut keys: Vec<&String> = m.keys().collect();
            keys.sort();
            Value::Object(
                keys.into_iter()
                    .map(|k| (k.clone(), json_of_any(&m[k])))
                    .collect(),
            )
        }
    }
}

/// What the document holds at a place, as JSON (maps as objects, lists as arrays).
pub(super) fn json_of_out<T: ReadTxn>(txn: &T, out: Out) -> Value {
    match out {
        Out::Any(a) => json_of_any(&a),
        Out::YMap(m) => Value::Object(json_of_map(txn, &m)),
        Out::YArray(a) => Value::Array(a.iter(txn).map(|v| json_of_out(txn, v)).collect()),
        // The document never holds text or XML; a peer that wrote some gets nothing back.
        _ => Value::Null,
    }
}

/// A map's entries as a JSON object, keys sorted.
pub(super) fn json_of_map<T: ReadTxn>(txn: &T, m: &MapRef) -> JsonMap<String, Value> {
    let mut entries: Vec<(String, Value)> = m
        .iter(txn)
        .map(|(k, v)| (k.to_string(), json_of_out(txn, v)))
        .collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    entries.into_iter().collect()
}

/// Write `v` under `key` of `map`, replacing what was there.
pub(super) fn put(txn: &mut TransactionMut, map: &MapRef, key: &str, v: &Value) {
    match v {
        Value::Object(o) => {
            let inner = map.insert(txn, key, MapPrelim::default());
            for (k, x) in o {
                put(txn, &inner, k, x);
            }
        }
        Value::Array(items) => {
            let list = map.insert(txn, key, ArrayPrelim::default());
            insert_elements(txn, &list, 0, items);
        }
        _ => {
            map.insert(txn, key, any_of(v));
        }
    }
}

/// Make `map` hold the fields of `new`, changing only what differs from what it holds now:
/// nested objects field by field, lists element by element.
pub(super) fn sync_map(txn: &mut TransactionMut, map: &MapRef, new: &JsonMap<String, Value>) {
    let current = json_of_map(txn, map);
    for (k, nv) in new {
        match (current.get(k), nv) {
            (Some(cv), _) if same(cv, nv) => {}
            (Some(Value::Object(_)), Value::Object(no)) => match map.get(txn, k) {
                Some(Out::YMap(inner)) => sync_map(txn, &inner, no),
                _ => put(txn, map, k, nv),
            },
            (Some(Value::Array(ca)), Value::Array(na)) => match map.get(txn, k) {
                Some(Out::YArray(list)) => sync_list(txn, &list, ca, na),
                _ => put(txn, map, k, nv),
            },
            _ => put(txn, map, k, nv),
        }
    }
    for k in current.keys() {
        if !new.contains_key(k) {
            map.remove(txn, k);
        }
    }
}

/// Whether a stored value and a new one are the same. Numbers are compared by value: a whole
/// float comes back from the document as an integer (see [`json_of_any`]), so `5000.0` (an
/// entity's order) must equal the `5000` read back, or every edit would write it again, and
/// every other copy would read its whole collection again (0.7 s at 10 000 projects).
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
            (Some(i), Some(j)) => i == j,
            _ => match (x.as_u64(), y.as_u64()) {
                (Some(i), Some(j)) => i == j,
                _ => x.as_f64() == y.as_f64(),
            },
        },
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len() && x.iter().all(|(k, a)| y.get(k).is_some_and(|b| same(a, b)))
        }
        _ => a == b,
    }
}

/// Insert `items` into `list` at `at`: objects as maps, runs of other values in one insertion
/// (values written one by one become blocks that are merged when the change is committed, at
/// a cost that grows with the document).
fn insert_elements(txn: &mut TransactionMut, list: &ArrayRef, at: u32, items: &[Value]) {
    let mut i = 0;
    while i < items.len() {
        if let Value::Object(o) = &items[i] {
            let m = list.insert(txn, at + i as u32, MapPrelim::default());
            for (k, x) in o {
                put(txn, &m, k, x);
            }
            i += 1;
        } else {
            let run = items[i..].iter().take_while(|v| !v.is_object()).count();
            list.insert_range(txn, at + i as u32, items[i..i + run].iter().map(any_of));
            i += run;
        }
    }
}

/// Make `list` (which holds `current`) hold `new`. Elements equal at the start and at the end
/// are left alone; in between, an object element edited in place keeps its identity (its
/// fields change), anything else is replaced.
fn sync_list(txn: &mut TransactionMut, list: &ArrayRef, current: &[Value], new: &[Value]) {
    let start = current
        .iter()
        .zip(new)
        .take_while(|(a, b)| same(a, b))
        .count();
    let end = current[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| same(a, b))
        .count();
    let old_mid = &current[start..current.len() - end];
    let new_mid = &new[start..new.len() - end];
    if old_mid.len() == new_mid.len() {
        // The same number of elements: change each in place where it is a map.
        for (i, (o, n)) in old_mid.iter().zip(new_mid).enumerate() {
            let at = (start + i) as u32;
            match (list.get(txn, at), n) {
                (Some(Out::YMap(m)), Value::Object(no)) if o.is_object() => sync_map(txn, &m, no),
                _ => {
                    list.remove(txn, at);
                    insert_elements(txn, list, at, std::slice::from_ref(n));
                }
            }
        }
        return;
    }
    if !old_mid.is_empty() {
        list.remove_range(txn, start as u32, old_mid.len() as u32);
    }
    insert_elements(txn, list, start as u32, new_mid);
}
