//! PMO Workbench's domain: plain Rust with no browser or UI dependencies.
//!
//! - [`model`]: the workspace document (organisation, people, portfolios, projects …)
//! - [`validate`]: every rule a workspace must satisfy, reported all at once
//! - [`demo`]: the deterministic demo organisation and a scalable generator
//! - [`codec`]: the compact packed form of the stored document
//! - [`schema`]: the versioned envelope and its migrations
//! - [`persist`]: pure decisions behind browser storage (start-up, saves, other tabs)
//! - [`register`]: priority scores, roll-ups, trends and the register's filter/sort query
//! - [`project`]: the project form's checks, new ids and codes, duplicates, status updates
//! - [`charts`]: figures and geometry for the dashboard charts, priorities and the roadmap
//! - [`report`]: the monthly PMO report
//! - [`csv_io`]: the register as CSV, export and previewed import
//! - [`layout`]: the org chart's tidy-tree layout (Buchheim–Jünger–Leipert)
//! - [`org`]: the reporting forest the org chart draws, views, search, metrics and warnings
//! - [`orgedit`]: editing people and lines, cycle refusal, PMO-type presets
//! - [`org_svg`]: the chart as a self-contained SVG file
//! - [`viewport`]: pan, zoom, fit, what is on screen, hit-testing and the overview
//! - [`questionnaire`]: questionnaires as data, their checks and the built-in ones
//! - [`assess`]: taking an assessment, the scoring rules, comparisons, team view, exports
//! - [`setup`]: the "Start a PMO" guide, its routines calendar and the PMO charter
//! - [`roles`]: the role catalogue, its checks and the career paths
//! - [`import`]: validated import with a preview of what changes
//! - [`route`]: hash-route parsing

pub mod assess;
pub mod charts;
pub mod codec;
pub mod csv_io;
pub mod demo;
pub mod import;
pub mod layout;
pub mod model;
pub mod org;
pub mod org_svg;
pub mod orgedit;
pub mod persist;
pub mod project;
pub mod questionnaire;
pub mod register;
pub mod report;
pub mod roles;
pub mod route;
pub mod schema;
pub mod ser;
pub mod setup;
pub mod validate;
pub mod viewport;

pub use model::*;
