//! Ids: finding a free one, and looking items up by theirs.

/// A stable identifier such as `"p-012"`. Ids are unique within their kind.
pub type Id = String;

thread_local! {
    /// This copy's tag, once the app has set it (see [`set_copy_tag`]).
    static COPY_TAG: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// Name this copy of the workspace (one browser tab, one start): from then on every new id
/// made on this thread ends in `-` and four base-36 characters taken from `client`, e.g.
/// `p-041-k7x2`. Two copies that add a project at the same moment then make two different
/// ids, and the merge keeps both; without the tag both would take the next free number and
/// one entity would replace the other. Counting stays readable: the number is still the next
/// free one in this copy. Native code that never calls this makes untagged ids.
pub fn set_copy_tag(client: u64) {
    let mut n = client;
    let mut tag = String::with_capacity(4);
    for _ in 0..4 {
        let d = (n % 36) as u32;
        tag.push(char::from_digit(d, 36).unwrap_or('0'));
        n /= 36;
    }
    COPY_TAG.with_borrow_mut(|t| *t = Some(tag));
}

/// Forget the copy's tag (new ids are untagged again).
pub fn clear_copy_tag() {
    COPY_TAG.with_borrow_mut(|t| *t = None);
}

/// `id` as this copy makes it: with the copy's tag when one is set. Every generator of a new
/// entity or item id goes through this, and only those (codes people read, such as
/// `PRJ-0042`, are never tagged: a repeated code is repaired after a merge instead).
pub fn for_this_copy(id: String) -> Id {
    COPY_TAG.with_borrow(|t| match t {
        Some(tag) => format!("{id}-{tag}"),
        None => id,
    })
}

/// The first new entity id `{prefix}{n}` (tagged for this copy) from `from` upwards that
/// `taken` does not hold.
pub fn fresh_id(prefix: &str, width: usize, from: u64, taken: impl Fn(&str) -> bool) -> Id {
    let id = first_free_id(prefix, width, from, |id| {
        taken(&for_this_copy(id.to_string()))
    });
    for_this_copy(id)
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_ids_carry_the_copys_tag_and_codes_never_do() {
        // Tests run on threads of their own, so the tag set here stays in this test.
        clear_copy_tag();
        assert_eq!(fresh_id("p-", 3, 4, |_| false), "p-004");
        set_copy_tag(36 * 36 * 36 + 2 * 36 + 11);
        assert_eq!(for_this_copy("obj-1".into()), "obj-1-b201");
        // The taken check sees the tagged form.
        let taken = ["p-004-b201".to_string()];
        assert_eq!(
            fresh_id("p-", 3, 4, |id| taken.iter().any(|t| t == id)),
            "p-005-b201"
        );
        assert_eq!(
            first_free_id("PRJ-", 4, 7, |_| false),
            "PRJ-0007",
            "codes stay as read"
        );
        set_copy_tag(u64::MAX);
        assert_eq!(for_this_copy("a".into()).len(), "a-".len() + 4);
        clear_copy_tag();
        assert_eq!(for_this_copy("obj-1".into()), "obj-1");
    }
}
