//! Reusable view pieces.

pub mod banners;
pub mod charts;
pub mod csv_import;
pub mod demo_offer;
pub mod header;
pub mod objectives;
pub mod person_picker;
pub mod views;
