//! Reusable view pieces.

pub mod banners;
pub mod csv_import;
pub mod demo_offer;
pub mod header;
pub mod objectives;
