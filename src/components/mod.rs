//! Reusable view pieces.

pub mod banners;
pub mod demo_offer;
pub mod header;
