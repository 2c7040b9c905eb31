//! Reading untrusted JSON goes through [`read`] (or [`parse`] and then [`strict`] for a tree that
//! is migrated first), which refuse what serde would otherwise drop without a word: a key named
//! twice in one object (the last would win) and a field the types do not have (a misspelt
//! `manager_id` would detach a person).
//!
//! The typed value is read, written back as JSON text, and the key paths of the input and of that
//! text are compared (array positions left out, as `workspace.projects[].budget`: every element of
//! an array has the same type). Every model type is written as JSON text anyway (export), so this
//! adds no second copy of the model's deserialisation to the download, as wrapping the
//! deserializer (`serde_ignored`) did: 364 KB of the wasm before optimisation.

use serde::de::{DeserializeOwned, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::{Map, Number, Value};
use std::collections::{HashMap, HashSet};

/// At most this many unknown fields are named.
const MAX_UNKNOWN: usize = 100;

/// JSON text as a tree, refusing an object that names one key twice. Errors carry the line and
/// column; a repeated key is a data error (`classify()` is `Data`), not a syntax error.
pub fn parse(text: &str) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let value = serde::Deserializer::deserialize_any(&mut de, Tree)?;
    de.end()?;
    Ok(value)
}

/// Read `T` from JSON text, as [`parse`] and then [`strict`] would, but several times faster
/// and with the line and column of a shape error: `T` is read from the text, and the text's key
/// paths are compared with those of the value written back. Only when the text has a path the
/// value lacks is the tree built, to name each such field at its first place.
///
/// `T` must refuse a repeated field itself, as serde's derived structs do: a map in `T` would keep
/// the last value of a repeated key without a word.
///
/// Both functions know a field by its being written, so a type that leaves out empty fields must
/// write them all while these run: the model's readers call them inside
/// `model::ser::with_all_fields`. Otherwise an empty known field is refused as unknown, which is
/// safe but wrong.
pub fn read<T: DeserializeOwned + Serialize>(
    text: &str,
) -> Result<T, StrictError<serde_json::Error>> {
    let value: T = serde_json::from_str(text).map_err(StrictError::Shape)?;
    let given = key_paths(text).map_err(StrictError::Shape)?;
    let written = serde_json::to_string(&value).map_err(StrictError::Shape)?;
    if given.is_subset(&key_paths(&written).map_err(StrictError::Shape)?) {
        return Ok(value);
    }
    strict(parse(text).map_err(StrictError::Shape)?)
}

/// Read `T` from a JSON tree, refusing fields it does not have. Each unknown field is named by
/// its first place, as `workspace.people[3].manger_id`, even with an empty value.
pub fn strict<T: DeserializeOwned + Serialize>(
    value: Value,
) -> Result<T, StrictError<serde_json::Error>> {
    let mut given = HashMap::new();
    tree_paths(
        &value,
        0,
        &mut String::new(),
        &mut String::new(),
        &mut given,
    );
    let read: T = serde_json::from_value(value).map_err(StrictError::Shape)?;
    let written = serde_json::to_string(&read).map_err(StrictError::Shape)?;
    let known = key_paths(&written).map_err(StrictError::Shape)?;
    // A field inside an unknown one is not named again: its parent (the nearest enclosing key)
    // is unknown too.
    let mut unknown: Vec<String> = given
        .iter()
        .filter(|(shape, (_, parent))| {
            !known.contains(shape.as_str()) && (*parent == 0 || known.contains(&shape[..*parent]))
        })
        .map(|(_, (first, _))| first.clone())
        .collect();
    if unknown.is_empty() {
        return Ok(read);
    }
    // In the order of the file.
    unknown.sort_by(|a, b| natural(a).cmp(&natural(b)));
    unknown.truncate(MAX_UNKNOWN);
    Err(StrictError::Unknown(unknown))
}

/// Why [`strict`] refused: the shape is wrong, or fields are unknown.
#[derive(Debug)]
pub enum StrictError<E> {
    Shape(E),
    Unknown(Vec<String>),
}

/// The key paths of a tree (array positions left out), each with the first place it occurs and
/// the length of its parent's path (the nearest enclosing key; 0 at the top). Nesting is bounded
/// by the parser's recursion limit.
fn tree_paths(
    value: &Value,
    parent: usize,
    shape: &mut String,
    place: &mut String,
    out: &mut HashMap<String, (String, usize)>,
) {
    match value {
        Value::Object(object) => {
            for (key, v) in object {
                let (s, p) = (shape.len(), place.len());
                if !shape.is_empty() {
                    shape.push('.');
                    place.push('.');
                }
                shape.push_str(key);
                place.push_str(key);
                if !out.contains_key(shape.as_str()) {
                    out.insert(shape.clone(), (place.clone(), parent));
                }
                tree_paths(v, shape.len(), shape, place, out);
                shape.truncate(s);
                place.truncate(p);
            }
        }
        Value::Array(items) => {
            let s = shape.len();
            shape.push_str("[]");
            for (i, v) in items.iter().enumerate() {
                let p = place.len();
                place.push_str(&format!("[{i}]"));
                tree_paths(v, parent, shape, place, out);
                place.truncate(p);
            }
            shape.truncate(s);
        }
        _ => {}
    }
}

/// A place such as `people[10].x` as parts that sort as numbers where they are numbers.
fn natural(place: &str) -> Vec<(u64, &str)> {
    place
        .split(['.', '[', ']'])
        .map(|part| (part.parse().unwrap_or(u64::MAX), part))
        .collect()
}

/// Every key path of a JSON text, array positions left out. A repeated key is not looked for
/// here (see [`read`]).
fn key_paths(text: &str) -> Result<HashSet<String>, serde_json::Error> {
    let mut paths = Paths {
        path: String::new(),
        seen: HashSet::new(),
    };
    let mut de = serde_json::Deserializer::from_str(text);
    serde::Deserializer::deserialize_any(&mut de, &mut paths)?;
    de.end()?;
    Ok(paths.seen)
}

struct Paths {
    path: String,
    seen: HashSet<String>,
}

impl<'de> DeserializeSeed<'de> for &mut Paths {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for &mut Paths {
    type Value = ();

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let len = self.path.len();
        self.path.push_str("[]");
        while seq.next_element_seed(&mut *self)?.is_some() {}
        self.path.truncate(len);
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let len = self.path.len();
        loop {
            if !self.path.is_empty() {
                self.path.push('.');
            }
            if map.next_key_seed(Key(&mut self.path))?.is_none() {
                break;
            }
            if !self.seen.contains(self.path.as_str()) {
                self.seen.insert(self.path.clone());
            }
            map.next_value_seed(&mut *self)?;
            self.path.truncate(len);
        }
        self.path.truncate(len);
        Ok(())
    }
}

/// A key, added to the end of the path without a copy of its own.
struct Key<'a>(&'a mut String);

impl<'de> DeserializeSeed<'de> for Key<'_> {
    type Value = ();
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for Key<'_> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a key")
    }
    fn visit_str<E>(self, key: &str) -> Result<(), E> {
        self.0.push_str(key);
        Ok(())
    }
}

/// A key named twice in one object: which value was meant is unknown.
fn twice<E: serde::de::Error>(key: &str) -> E {
    E::custom(format_args!(
        "the key \"{key}\" appears twice in one object"
    ))
}

/// Builds a [`Value`] as serde_json does, but refuses a repeated key. Nesting is bounded by
/// serde_json's own recursion limit.
struct Tree;

impl<'de> DeserializeSeed<'de> for Tree {
    type Value = Value;
    fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Tree)
    }
}

impl<'de> Visitor<'de> for Tree {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(Tree)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(Tree)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if object.contains_key(&key) {
                return Err(twice(&key));
            }
            let value = map.next_value_seed(Tree)?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Person {
        name: String,
        #[serde(default)]
        manager_id: Option<String>,
        #[serde(default)]
        tags: Vec<String>,
    }

    #[derive(Debug, Deserialize, Serialize, PartialEq)]
    struct Team {
        people: Vec<Person>,
    }

    fn read(text: &str) -> Result<Team, StrictError<serde_json::Error>> {
        super::read(text)
    }

    #[test]
    fn unknown_fields_are_named_with_their_path() {
        let text = r#"{"people":[{"name":"A"},{"name":"B","manger_id":"a","x":{"y":1}}],"z":0}"#;
        match read(text) {
            Err(StrictError::Unknown(f)) => {
                assert_eq!(f, ["people[1].manger_id", "people[1].x", "z"]);
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_known_fields_are_read_and_empty_unknown_ones_named() {
        let text = r#"{"people":[{"name":"A","manager_id":null,"tags":[]}]}"#;
        assert_eq!(read(text).unwrap().people[0].manager_id, None);
        let text = r#"{"people":[{"name":"A","manager_id":"b","tags":["t"]}]}"#;
        assert_eq!(read(text).unwrap().people[0].tags, ["t"]);
        for empty in ["null", "\"\"", "[]", "{}"] {
            let text = format!(r#"{{"people":[{{"name":"A","note":{empty}}}]}}"#);
            match read(&text) {
                Err(StrictError::Unknown(f)) => assert_eq!(f, ["people[0].note"], "{empty}"),
                other => panic!("{empty}: {other:?}"),
            }
        }
    }

    #[test]
    fn a_repeated_key_is_refused_with_its_place() {
        let e = parse("{\"a\": 1,\n \"a\": 2}").unwrap_err();
        assert_eq!(e.classify(), serde_json::error::Category::Data);
        assert!(e.to_string().contains("\"a\" appears twice"), "{e}");
        assert_eq!(e.line(), 2);
        // Nested, and in arrays.
        assert!(parse(r#"[{"b":{"c":1,"c":1}}]"#).is_err());
        // Different objects may use the same key.
        assert!(parse(r#"[{"a":1},{"a":2}]"#).is_ok());
    }

    #[test]
    fn the_tree_equals_serde_jsons_own() {
        let text = r#"{"a":[1,-2,3.5,1e300,"s\u00e9",true,null,{}],"b":{"c":[]},"big":18446744073709551615}"#;
        let ours = parse(text).unwrap();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
    }

    #[test]
    fn deep_nesting_is_refused_not_overflowed() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(parse(&text).is_err());
    }

    #[test]
    fn an_unknown_field_is_named_once_at_its_first_place_in_file_order() {
        let mut people: Vec<String> = (0..12).map(|i| format!(r#"{{"name":"{i}"}}"#)).collect();
        people[10] = r#"{"name":"10","b":1}"#.into();
        people[11] = r#"{"name":"11","b":2,"a":3}"#.into();
        people[2] = r#"{"name":"2","a":{"deep":[1]}}"#.into();
        let text = format!(r#"{{"people":[{}]}}"#, people.join(","));
        match read(&text) {
            Err(StrictError::Unknown(f)) => assert_eq!(f, ["people[2].a", "people[10].b"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn what_the_types_write_they_read() {
        let team = Team {
            people: vec![
                Person {
                    name: "A".into(),
                    manager_id: None,
                    tags: vec![],
                },
                Person {
                    name: "B".into(),
                    manager_id: Some("a".into()),
                    tags: vec!["t".into()],
                },
            ],
        };
        let text = serde_json::to_string(&team).unwrap();
        assert_eq!(read(&text).unwrap(), team);
        let pretty = serde_json::to_string_pretty(&team).unwrap();
        assert_eq!(read(&pretty).unwrap(), team);
    }

    #[test]
    fn a_huge_key_of_brackets_and_dots_is_named_once() {
        // Fuzz input (questionnaire #1314): a key of 190 000 brackets made naming it quadratic
        // (0.85 s); the fuzz harness holds the time, this test what is named.
        let key = "[.".repeat(100_000);
        let text = format!(r#"{{"people":[{{"name":"A","{key}":{{"{key}":1}}}}]}}"#);
        let started = std::time::Instant::now();
        match read(&text) {
            Err(StrictError::Unknown(f)) => assert_eq!(f, [format!("people[0].{key}")]),
            other => panic!("{other:?}"),
        }
        assert!(
            started.elapsed().as_millis() < 300,
            "{:?}",
            started.elapsed()
        );
    }

    #[test]
    fn a_known_key_in_the_wrong_object_is_unknown() {
        // "name" is a field of a person, not of the team.
        assert!(matches!(
            read(r#"{"people":[],"name":"x"}"#),
            Err(StrictError::Unknown(f)) if f == ["name"]
        ));
    }

    #[test]
    fn a_shape_error_is_a_shape_error() {
        assert!(matches!(
            read(r#"{"people":[{"name":3}]}"#),
            Err(StrictError::Shape(_))
        ));
    }
}
