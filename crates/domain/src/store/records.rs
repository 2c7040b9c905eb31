//! The two record formats of the store: the compacted document and one edit.
//!
//! - **Document** (`PMOD`): magic, format byte, the state's length (u32, little-endian), then
//!   the document's state deflated with zlib, whose Adler-32 checksum catches damage. Format 2
//!   holds the state in yrs' v2 encoding (deflated, about a third of v1's size; checked by
//!   [`crate::document::bounds_v2`] before yrs reads it), format 1 in v1; both are read.
//! - **Edit** (`PMOU`): magic, format byte, when (milliseconds since 1970, i64), who (u16
//!   length and UTF-8), then the change itself (a yrs v1 update).
//!
//! A record with a higher format byte was written by a newer version of the app and is
//! reported as such, so that the data opens read-only instead of being overwritten.

use crate::common::text::clip;
use crate::document::{Document, State};
use miniz_oxide::deflate::compress_to_vec_zlib;
use miniz_oxide::inflate::decompress_to_vec_zlib_with_limit;

/// Marks a stored document.
pub const DOC_MAGIC: &[u8; 4] = b"PMOD";
/// Marks a stored edit.
pub const UPDATE_MAGIC: &[u8; 4] = b"PMOU";
/// The format of change records this build writes and the newest it reads.
pub const FORMAT: u8 = 1;
/// The format of document records this build writes and the newest it reads.
pub const DOC_FORMAT: u8 = 2;
/// A stored document inflates to at most this many times its stored size (real documents
/// deflate about 5:1) plus [`SMALL`]; anything claiming more is damage, refused before
/// anything is allocated for it.
pub const MAX_RATIO: usize = 24;
const SMALL: usize = 1 << 20;
/// The longest name a change is recorded under.
pub const MAX_WHO: usize = 200;

/// Why a record was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum RecordError {
    /// The bytes are not a record of this kind, or are damaged (the reason says where).
    Damaged(String),
    /// Written by a newer version of the app.
    Newer { found: u8, supported: u8 },
}

impl std::fmt::Display for RecordError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RecordError::Damaged(why) => write!(f, "{why}"),
            RecordError::Newer { found, supported } => write!(
                f,
                "written by a newer version of PMO Workbench (record format {found}; this version reads up to {supported})"
            ),
        }
    }
}

/// One edit as stored: the change, who made it and when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UpdateRecord {
    /// Milliseconds since 1970-01-01 UTC.
    pub at_ms: i64,
    /// The name this browser's user gave (empty when none was given).
    pub who: String,
    /// The change of the document (a yrs v1 update).
    pub update: Vec<u8>,
}

/// Encode a document's whole state, in yrs' v2 encoding, for the snapshot or a document file.
pub fn encode_doc(doc: &Document) -> Vec<u8> {
    encode_state_v2(&doc.state_v2())
}

/// Encode a state already in the v2 encoding (or, in tests, any bytes).
#[doc(hidden)]
pub fn encode_state_v2(state_v2: &[u8]) -> Vec<u8> {
    // Level 6: a worker compacts, so the time (about 0.4 s at 10,000 projects) is nobody's
    // wait. A state that deflates beyond what the reader accepts (the same text over and over)
    // is stored with weaker compression instead.
    let deflated = [6u8, 1, 0]
        .into_iter()
        .map(|level| compress_to_vec_zlib(state_v2, level))
        .find(|d| state_v2.len() <= d.len().saturating_mul(MAX_RATIO).saturating_add(SMALL))
        .unwrap_or_else(|| compress_to_vec_zlib(state_v2, 0));
    framed_doc(DOC_FORMAT, state_v2.len(), &deflated)
}

/// Encode a state (yrs v1) as earlier versions did, in format 1. Kept only to test that their
/// snapshots are still read.
#[doc(hidden)]
pub fn encode_doc_v1(state: &[u8]) -> Vec<u8> {
    framed_doc(1, state.len(), &compress_to_vec_zlib(state, 1))
}

fn framed_doc(format: u8, len: usize, deflated: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(deflated.len() + 9);
    out.extend_from_slice(DOC_MAGIC);
    out.push(format);
    out.extend_from_slice(&(len as u32).to_le_bytes());
    out.extend_from_slice(deflated);
    out
}

/// Read a stored document back to its state (checked when a document loads it:
/// [`crate::document::Document::from_state`]).
pub fn decode_doc(bytes: &[u8]) -> Result<State, RecordError> {
    let (format, rest) = header(bytes, DOC_MAGIC, DOC_FORMAT, "stored document")?;
    let (len, deflated) = split(rest, 4, "the stored document breaks off in its header")?;
    let len = u32::from_le_bytes(len.try_into().expect("four bytes")) as usize;
    if len
        > deflated
            .len()
            .saturating_mul(MAX_RATIO)
            .saturating_add(SMALL)
    {
        return Err(RecordError::Damaged(format!(
            "the stored document claims {len} bytes, more than its {} stored bytes can hold",
            deflated.len()
        )));
    }
    let state = decompress_to_vec_zlib_with_limit(deflated, len).map_err(|e| {
        RecordError::Damaged(format!(
            "the stored document does not inflate ({:?}): it is damaged",
            e.status
        ))
    })?;
    if state.len() != len {
        return Err(RecordError::Damaged(format!(
            "the stored document holds {} bytes where its header says {len}",
            state.len()
        )));
    }
    Ok(if format == 1 {
        State::V1(state)
    } else {
        State::V2(state)
    })
}

/// Encode one edit.
pub fn encode_update(record: &UpdateRecord) -> Vec<u8> {
    let who = clip(&record.who, MAX_WHO);
    let mut out = Vec::with_capacity(record.update.len() + who.len() + 16);
    out.extend_from_slice(UPDATE_MAGIC);
    out.push(FORMAT);
    out.extend_from_slice(&record.at_ms.to_le_bytes());
    out.extend_from_slice(&(who.len() as u16).to_le_bytes());
    out.extend_from_slice(who.as_bytes());
    out.extend_from_slice(&record.update);
    out
}

/// Read one stored edit.
pub fn decode_update(bytes: &[u8]) -> Result<UpdateRecord, RecordError> {
    let (_, rest) = header(bytes, UPDATE_MAGIC, FORMAT, "stored change")?;
    let (at, rest) = split(rest, 8, "the stored change breaks off in its header")?;
    let (who_len, rest) = split(rest, 2, "the stored change breaks off in its header")?;
    let who_len = u16::from_le_bytes(who_len.try_into().expect("two bytes")) as usize;
    if who_len > MAX_WHO {
        return Err(RecordError::Damaged(format!(
            "the stored change names its author in {who_len} bytes (at most {MAX_WHO})"
        )));
    }
    let (who, update) = split(rest, who_len, "the stored change breaks off in its author")?;
    let who = std::str::from_utf8(who)
        .map_err(|_| RecordError::Damaged("the stored change's author is not text".into()))?;
    Ok(UpdateRecord {
        at_ms: i64::from_le_bytes(at.try_into().expect("eight bytes")),
        who: who.to_string(),
        update: update.to_vec(),
    })
}

/// Check the magic and format byte (at most `newest`); the format and the rest of the record.
fn header<'a>(
    bytes: &'a [u8],
    magic: &[u8; 4],
    newest: u8,
    what: &str,
) -> Result<(u8, &'a [u8]), RecordError> {
    if bytes.len() < 5 || &bytes[..4] != magic {
        return Err(RecordError::Damaged(format!(
            "this is not a {what} (it does not start with {:?})",
            String::from_utf8_lossy(magic)
        )));
    }
    match bytes[4] {
        0 => Err(RecordError::Damaged(format!("the {what} has format 0"))),
        found if found > newest => Err(RecordError::Newer {
            found,
            supported: newest,
        }),
        found => Ok((found, &bytes[5..])),
    }
}

fn split<'a>(bytes: &'a [u8], n: usize, why: &str) -> Result<(&'a [u8], &'a [u8]), RecordError> {
    if bytes.len() < n {
        Err(RecordError::Damaged(why.into()))
    } else {
        Ok(bytes.split_at(n))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample_document() -> Document {
        let mut ws = crate::model::Workspace::default();
        ws.organisation.name = "Northwind Health".into();
        Document::of(&ws, 7)
    }

    #[test]
    fn records_read_back() {
        let doc = sample_document();
        // Written in v2, read back as the same state in v1.
        let stored = encode_doc(&doc);
        assert_eq!(stored[4], DOC_FORMAT);
        assert_eq!(decode_doc(&stored).unwrap(), State::V2(doc.state_v2()));
        // Snapshots of earlier versions (format 1, v1) still read.
        let state: Vec<u8> = (0..5000u32).flat_map(|i| (i % 97).to_le_bytes()).collect();
        assert_eq!(
            decode_doc(&encode_doc_v1(&state)).unwrap(),
            State::V1(state)
        );
        let rec = UpdateRecord {
            at_ms: 1_790_000_000_000,
            who: "Amara Okafor".into(),
            update: vec![1, 2, 3],
        };
        assert_eq!(decode_update(&encode_update(&rec)).unwrap(), rec);
    }

    #[test]
    fn damage_and_newer_formats_are_named() {
        let mut doc = encode_doc(&sample_document());
        let last = doc.len() - 1;
        doc[last] ^= 0x40;
        assert!(matches!(decode_doc(&doc), Err(RecordError::Damaged(_))));
        let mut newer = encode_state_v2(&[1, 2, 3]);
        newer[4] = DOC_FORMAT + 1;
        assert_eq!(
            decode_doc(&newer),
            Err(RecordError::Newer {
                found: DOC_FORMAT + 1,
                supported: DOC_FORMAT
            })
        );
        let mut newer = encode_update(&UpdateRecord {
            at_ms: 0,
            who: String::new(),
            update: vec![0, 0],
        });
        newer[4] = FORMAT + 1;
        assert!(matches!(
            decode_update(&newer),
            Err(RecordError::Newer { .. })
        ));
        assert!(matches!(
            decode_update(b"PMOU"),
            Err(RecordError::Damaged(_))
        ));
        assert!(matches!(decode_doc(b"junk"), Err(RecordError::Damaged(_))));
        // A header claiming far more than the bytes can hold is refused before inflating.
        let mut huge = encode_state_v2(&[0; 10]);
        huge[5..9].copy_from_slice(&u32::MAX.to_le_bytes());
        let err = decode_doc(&huge).unwrap_err();
        assert!(err.to_string().contains("claims"), "{err}");
    }

    #[test]
    fn a_long_author_is_cut_on_a_character() {
        let rec = UpdateRecord {
            at_ms: 0,
            who: "é".repeat(150),
            update: vec![],
        };
        let back = decode_update(&encode_update(&rec)).unwrap();
        assert_eq!(back.who.len(), MAX_WHO);
    }
}
