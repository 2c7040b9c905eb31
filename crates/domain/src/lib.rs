//! PMO Workbench's domain: plain Rust with no browser or UI dependencies.
//!
//! The folders, from the bottom up; each may use only those above it in this list (the test
//! `tests/layers.rs` of the app crate checks it):
//!
//! - [`common`]: small helpers: money, ids, slugs, CSV writing, strict JSON reading
//! - [`model`]: the stored types of the workspace document, data only
//! - [`portfolio`]: the register (priority scores, roll-ups, the filter/sort query), the
//!   project form's rules, dashboard charts, the roadmap, the monthly report, CSV
//! - [`org`]: the reporting forest the org chart draws, its layout, editing, viewport and SVG
//! - [`assessment`]: questionnaires, taking an assessment, scoring, comparisons, team view
//! - [`roles`]: the role catalogue and career paths (uses the skills questionnaire)
//! - [`setup`]: the "Start a PMO" guide, its routines calendar and the PMO charter
//! - [`validate`]: every rule a workspace must satisfy, composed from each feature's checks
//! - [`storage`]: the stored form, its versions and migrations, start-up/save decisions, import
//! - [`document`]: the workspace as a CRDT document (yrs), so that copies edited apart merge
//! - [`store`]: the data layer's records in IndexedDB and what start-up opens from them
//! - [`route`]: the app's addresses
//! - [`demo`]: the empty workspace, the demo organisation and a scalable generator
//!
//! The stored types are re-exported here, so `pmo_domain::Workspace` is
//! `pmo_domain::model::Workspace`.

pub mod common;
pub mod model;

pub mod assessment;
pub mod org;
pub mod portfolio;

pub mod roles;
pub mod setup;

pub mod validate;

pub mod storage;

pub mod document;
pub mod live;
pub mod round;
pub mod store;

pub mod demo;
pub mod route;

pub use model::*;
