//! Shared UI: the shell around every page and the widgets several features use. It uses the
//! app layer, never a feature.

pub mod banners;
pub mod confirm;
pub mod demo_offer;
pub mod focus;
pub mod format;
pub mod header;
pub mod history;
pub mod name_prompt;
pub mod not_found;
pub mod person_picker;
pub mod shell;
pub mod views;
