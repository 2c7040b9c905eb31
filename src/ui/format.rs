//! How pages write dates and counts: the domain's one format, plus the clock.

pub use pmo_domain::common::text::{day, day_time, is_are, month, plural};

/// Today, from the clock.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}
