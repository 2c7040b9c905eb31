//! Importing a workspace file: everything is checked before anything is replaced, and the
//! user sees what will change.

use crate::model::{Counts, Workspace};
use crate::storage::schema::{decode, DecodeError, Envelope};

/// A fully validated import, waiting for the user's confirmation.
#[derive(Clone, Debug, PartialEq)]
pub struct ImportPreview {
    pub envelope: Envelope,
    pub current: Counts,
    pub incoming: Counts,
}

impl ImportPreview {
    /// Rows of (label, now, after import) for the confirmation summary.
    pub fn rows(&self) -> Vec<(&'static str, usize, usize)> {
        self.current
            .rows()
            .iter()
            .zip(self.incoming.rows())
            .map(|((label, now), (_, after))| (*label, *now, after))
            .collect()
    }
}

/// Check an import file completely against the current workspace.
pub fn preview_import(text: &str, current: &Workspace) -> Result<ImportPreview, DecodeError> {
    let envelope = decode(text)?;
    Ok(ImportPreview {
        current: current.counts(),
        incoming: envelope.workspace.counts(),
        envelope,
    })
}
