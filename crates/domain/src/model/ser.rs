//! When serialization leaves out empty fields.
//!
//! JSON (export files, and stored documents of earlier builds) leaves out empty fields so it
//! stays short and readable; reading fills them back in with defaults. The binary stored form
//! (see [`crate::storage::codec`]) has no field names, so it must write every field: it serializes
//! inside [`with_all_fields`], which switches the skipping off.

use std::cell::Cell;

use crate::model::RagSet;

thread_local! {
    static ALL_FIELDS: Cell<bool> = const { Cell::new(false) };
}

/// Run `f` with every field serialized (no field is skipped).
pub fn with_all_fields<R>(f: impl FnOnce() -> R) -> R {
    struct Restore(bool);
    impl Drop for Restore {
        fn drop(&mut self) {
            ALL_FIELDS.set(self.0);
        }
    }
    let _restore = Restore(ALL_FIELDS.replace(true));
    f()
}

fn skipping() -> bool {
    !ALL_FIELDS.get()
}

pub fn none<T>(v: &Option<T>) -> bool {
    skipping() && v.is_none()
}

pub fn empty_str(v: &str) -> bool {
    skipping() && v.is_empty()
}

pub fn empty<T>(v: &[T]) -> bool {
    skipping() && v.is_empty()
}

pub fn unset(v: &RagSet) -> bool {
    skipping() && v.is_unset()
}

pub fn not(v: &bool) -> bool {
    skipping() && !*v
}

/// Dates: `"2026-11-22"` in JSON, a day number in the binary form (no text to parse).
pub mod date {
    use chrono::{Datelike, NaiveDate};
    use serde::{de::Error, Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        if s.is_human_readable() {
            s.collect_str(&d.format("%Y-%m-%d"))
        } else {
            s.serialize_i32(d.num_days_from_ce())
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        if d.is_human_readable() {
            // chrono's own reading of ISO dates, with its error messages.
            NaiveDate::deserialize(d)
        } else {
            let days = i32::deserialize(d)?;
            NaiveDate::from_num_days_from_ce_opt(days)
                .ok_or_else(|| D::Error::custom(format!("day number {days} is not a date")))
        }
    }
}

/// Optional dates, as [`date`].
pub mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, Serializer};

    struct Wrap(NaiveDate);

    impl serde::Serialize for Wrap {
        fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
            super::date::serialize(&self.0, s)
        }
    }

    impl<'de> Deserialize<'de> for Wrap {
        fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
            super::date::deserialize(d).map(Wrap)
        }
    }

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_some(&Wrap(*d)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        Option::<Wrap>::deserialize(d).map(|o| o.map(|w| w.0))
    }
}
