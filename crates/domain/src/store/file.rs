//! The document as a file: what "Export the document" writes, and what the import reads back.
//!
//! The file is the stored document record itself ([`records::encode_doc`]: `PMOD`, a format
//! byte, the length, then the deflated state), so it carries everything the document holds:
//! the workspace, every copy's changes as the CRDT keeps them, and the history. The JSON
//! export stays the interchange format; this one is for moving a document between browsers
//! and, later, merging a colleague's copy.
//!
//! A file read back is untrusted: it is checked the way stored records are (the length
//! bound before anything inflates, then the document's own bounds), and a workspace it holds
//! that breaks a rule is refused with the rule, never repaired without a word.

use super::records::{decode_doc, encode_doc, RecordError, DOC_MAGIC};
use crate::document::Document;
use crate::model::Workspace;
use crate::storage::import::ImportPreview;
use crate::storage::schema::{DecodeError, Envelope};
use crate::validate::validate;

/// The file name's extension.
pub const EXTENSION: &str = "pmodoc";

/// The file for `doc`.
pub fn document_file(doc: &Document) -> Vec<u8> {
    encode_doc(doc)
}

/// Whether `bytes` look like a document file (and not JSON): they start with its magic.
pub fn is_document_file(bytes: &[u8]) -> bool {
    bytes.starts_with(DOC_MAGIC)
}

/// The workspace a document file holds, checked completely.
pub fn read_document_file(bytes: &[u8]) -> Result<Workspace, DecodeError> {
    if bytes.is_empty() {
        return Err(DecodeError::Empty);
    }
    let state = decode_doc(bytes).map_err(|e| match e {
        RecordError::Newer { found, supported } => DecodeError::NewerVersion {
            found: u32::from(found),
            supported: u32::from(supported),
        },
        RecordError::Damaged(why) => DecodeError::Malformed { detail: why },
    })?;
    let doc = Document::from_state(1, &state).map_err(|e| DecodeError::Malformed {
        detail: e.to_string(),
    })?;
    let read = doc.read();
    if !read.unreadable.is_empty() {
        return Err(DecodeError::UnknownFields {
            fields: read.unreadable,
        });
    }
    let problems = validate(&read.workspace);
    if !problems.is_empty() {
        return Err(DecodeError::Invalid { problems });
    }
    Ok(read.workspace)
}

/// [`crate::storage::import::preview_import`] for a document file.
pub fn preview_document_file(
    bytes: &[u8],
    current: &Workspace,
) -> Result<ImportPreview, DecodeError> {
    let workspace = read_document_file(bytes)?;
    Ok(ImportPreview {
        current: current.counts(),
        incoming: workspace.counts(),
        envelope: Envelope::new(workspace, 0),
    })
}
