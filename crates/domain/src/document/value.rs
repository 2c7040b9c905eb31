//! Values between JSON (the serde form of the model) and the document.
//!
//! - a JSON object becomes a nested map, so that its fields merge one by one;
//! - a JSON array becomes a list whose elements are whole values (a status update, a risk);
//! - anything else is a plain value, replaced as a whole.
//!
//! Integers are kept as 64-bit integers, never as floating point, so that money and counts
//! come back exactly.

use serde_json::{Map as JsonMap, Value};
use yrs::any::Number;
use yrs::{
    Any, Array, ArrayPrelim, ArrayRef, Map, MapPrelim, MapRef, Out, ReadTxn, TransactionMut,
};

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

/// A plain document value as JSON. Keys of a map value come back sorted, so that the same
/// content always gives the same JSON.
pub(super) fn json_of_any(a: &Any) -> Value {
    match a {
        Any::Null | Any::Undefined => Value::Null,
        Any::Bool(b) => Value::Bool(*b),
        Any::Number(Number::Int(i)) => Value::from(*i),
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
            // All elements in one insertion, so they are one block: blocks written one by one
            // are merged when the change is committed, at a cost that grows with the document.
            let list = map.insert(txn, key, ArrayPrelim::default());
            if !items.is_empty() {
                list.insert_range(txn, 0, items.iter().map(any_of));
            }
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
            (Some(cv), _) if cv == nv => {}
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

/// Make `list` (which holds `current`) hold `new`: the elements that differ between the
/// common start and the common end are replaced, the rest is left alone.
fn sync_list(txn: &mut TransactionMut, list: &ArrayRef, current: &[Value], new: &[Value]) {
    let start = current.iter().zip(new).take_while(|(a, b)| a == b).count();
    let end = current[start..]
        .iter()
        .rev()
        .zip(new[start..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    let removed = current.len() - start - end;
    if removed > 0 {
        list.remove_range(txn, start as u32, removed as u32);
    }
    let added = &new[start..new.len() - end];
    if !added.is_empty() {
        list.insert_range(txn, start as u32, added.iter().map(any_of));
    }
}
