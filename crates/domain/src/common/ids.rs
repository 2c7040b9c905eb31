//! Ids: finding a free one, and looking items up by theirs.

/// A stable identifier such as `"p-012"`. Ids are unique within their kind.
pub type Id = String;

/// The first id `{prefix}{n}` (with `n` zero-padded to `width` digits) for `n` from `from`
/// upwards that `taken` does not hold. Counting never overflows: when `from` is past any
/// number, the search starts again at 1.
pub fn first_free_id(prefix: &str, width: usize, from: u64, taken: impl Fn(&str) -> bool) -> Id {
    let start = from.max(1);
    (start..=u64::MAX)
        .chain(1..start)
        .map(|n| format!("{prefix}{n:0width$}"))
        .find(|id| !taken(id))
        .expect("an unused id exists")
}

/// Position of each item by its id (the first one wins if an id repeats).
pub fn index_by_id<T>(
    items: &[T],
    id: impl Fn(&T) -> &Id,
) -> std::collections::HashMap<&str, usize> {
    let mut map = std::collections::HashMap::with_capacity(items.len());
    for (i, x) in items.iter().enumerate() {
        map.entry(id(x).as_str()).or_insert(i);
    }
    map
}
