//! The data layer's rules: the stored form and its versions, migrations, and the decisions
//! behind browser storage.
//!
//! - [`codec`]: the compact packed form of the stored document
//! - [`schema`]: the versioned envelope and its migrations
//! - [`persist`]: pure decisions behind browser storage (start-up, saves, other tabs)
//! - [`import`]: validated import with a preview of what changes

pub mod codec;
pub mod import;
pub mod persist;
pub mod schema;
