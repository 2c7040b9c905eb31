//! Small helpers every feature uses; this folder depends on nothing else in the crate.
//!
//! - [`money`]: amounts in minor units, their sum, percentages and display
//! - [`ids`]: free ids and look-up by id
//! - [`slug`]: text as part of a file name or an id
//! - [`csv`]: writing CSV that spreadsheets open safely
//! - [`json`]: JSON laid out for people
//! - [`strict`]: reading JSON that refuses unknown fields
//! - [`text`]: how dates and counts read (one format each)
//! - [`hex`]: bytes as hexadecimal text

pub mod csv;
pub mod hex;
pub mod ids;
pub mod json;
pub mod money;
pub mod slug;
pub mod strict;
pub mod text;
pub mod xlsx;
pub mod zip;
