//! Reading untrusted JSON goes through [`strict`], which refuses fields the types do not
//! have: serde would drop them without a word (a misspelt `manager_id` would detach a person).

/// Where serde_ignored saw a field the types do not have, as `workspace.people[3].x`.
fn field_path(path: &serde_ignored::Path<'_>) -> String {
    use serde_ignored::Path;
    match path {
        Path::Root => String::new(),
        Path::Seq { parent, index } => format!("{}[{index}]", field_path(parent)),
        Path::Map { parent, key } => {
            let p = field_path(parent);
            if p.is_empty() {
                key.clone()
            } else {
                format!("{p}.{key}")
            }
        }
        Path::Some { parent }
        | Path::NewtypeStruct { parent }
        | Path::NewtypeVariant { parent } => field_path(parent),
    }
}

/// Collects unknown fields, at most [`MAX_UNKNOWN`] of them.
const MAX_UNKNOWN: usize = 100;

/// Deserialize `T` refusing fields it does not have (they would be dropped silently).
pub fn strict<'de, T, D>(de: D) -> Result<T, StrictError<D::Error>>
where
    T: serde::Deserialize<'de>,
    D: serde::Deserializer<'de>,
{
    let mut unknown = Vec::new();
    let value = serde_ignored::deserialize(de, |path| {
        if unknown.len() < MAX_UNKNOWN {
            unknown.push(field_path(&path));
        }
    })
    .map_err(StrictError::Shape)?;
    if unknown.is_empty() {
        Ok(value)
    } else {
        Err(StrictError::Unknown(unknown))
    }
}

/// Why [`strict`] refused: the shape is wrong, or fields are unknown.
#[derive(Debug)]
pub enum StrictError<E> {
    Shape(E),
    Unknown(Vec<String>),
}
