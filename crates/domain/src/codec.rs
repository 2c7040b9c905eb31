//! A compact form of the stored document, so that large workspaces fit the browser's storage.
//!
//! `localStorage` holds about 5.2 million characters per site, whatever the characters are.
//! The document's JSON is deflated and the bytes are packed 15 bits to a character (all in
//! the Basic Multilingual Plane, never a surrogate), which stores a 16 MB document (10 000
//! projects, 10 000 people) in well under a million characters. A short plain-text header
//! carries the format version and revision, so the stale-tab check before every save does
//! not need to unpack anything.
//!
//! Layout: `PMOB1;v=<version>;r=<revision>;u=<unpacked bytes>;[ok=<rule set>;]n=<packed bytes>;<packed characters>`
//! (the JSON form has no `u=` and `ok=`).
//!
//! Two bodies exist:
//! - `PMOB1;` (written now): the envelope in a compact binary form (postcard, every field
//!   written, see [`crate::ser`]), zlib-deflated so that the Adler-32 checksum catches any
//!   change to the stored bytes. Reading it needs no text parsing, which keeps start-up fast.
//! - `PMOZ1;` (written by earlier builds, still read): the envelope's JSON, raw-deflated.
//!
//! Export files stay plain, readable JSON; only browser storage uses the packed forms.

use miniz_oxide::deflate::{compress_to_vec, compress_to_vec_zlib};
use miniz_oxide::inflate::{decompress_slice_iter_to_slice, decompress_to_vec_with_limit};

/// Marks a packed JSON document (earlier builds).
pub const PREFIX: &str = "PMOZ1;";
/// Marks a packed binary document.
pub const BINARY_PREFIX: &str = "PMOB1;";

/// What a packed document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    Json,
    Binary,
}
/// First code point used for packed data (past ASCII and Latin-1 controls).
const BASE: u32 = 0x100;
/// Upper bound for an unpacked document (a safety net against corrupt length fields).
const MAX_UNPACKED: usize = 256 * 1024 * 1024;

/// Is this stored text a packed document?
pub fn is_packed(stored: &str) -> bool {
    body_of(stored).is_some()
}

/// The kind of body of a packed document.
pub fn body_of(stored: &str) -> Option<Body> {
    if stored.starts_with(BINARY_PREFIX) {
        Some(Body::Binary)
    } else if stored.starts_with(PREFIX) {
        Some(Body::Json)
    } else {
        None
    }
}

/// Pack a JSON document with its version and revision in the header (the form earlier
/// builds wrote; kept for tests and for reading them).
pub fn pack(json: &str, version: u32, revision: u64) -> String {
    to_chars(
        PREFIX,
        "",
        &compress_to_vec(json.as_bytes(), 3),
        version,
        revision,
    )
}

/// Pack a binary document with its version and revision in the header. `checked` names the
/// rule set the document was found valid against when it was written (see
/// [`checked_rules`]), if it was.
pub fn pack_binary(bytes: &[u8], version: u32, revision: u64, checked: Option<u32>) -> String {
    // The unpacked size (`u=`) lets reading allocate the output once.
    let extra = format!(
        "u={};{}",
        bytes.len(),
        checked.map(|c| format!("ok={c};")).unwrap_or_default()
    );
    to_chars(
        BINARY_PREFIX,
        &extra,
        &compress_to_vec_zlib(bytes, 3),
        version,
        revision,
    )
}

/// The rule set a packed document was found valid against when written, if the header says so.
pub fn checked_rules(stored: &str) -> Option<u32> {
    let (head, _) = split(stored)?;
    field(head, "ok")?.parse().ok()
}

fn to_chars(prefix: &str, extra: &str, bytes: &[u8], version: u32, revision: u64) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 48);
    out.push_str(&format!(
        "{prefix}v={version};r={revision};{extra}n={};",
        bytes.len()
    ));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            let v = (acc >> bits) & 0x7FFF;
            out.push(char::from_u32(BASE + v).expect("below the surrogate range"));
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        let v = (acc << (15 - bits)) & 0x7FFF;
        out.push(char::from_u32(BASE + v).expect("below the surrogate range"));
    }
    out
}

fn field<'a>(header: &'a str, key: &str) -> Option<&'a str> {
    header
        .split(';')
        .find_map(|part| part.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
}

fn split(stored: &str) -> Option<(&str, &str)> {
    let rest = stored
        .strip_prefix(BINARY_PREFIX)
        .or_else(|| stored.strip_prefix(PREFIX))?;
    // The header ends after the `n=` field (the last one); earlier fields may vary.
    let mut idx = 0;
    loop {
        let end = idx + rest[idx..].find(';')?;
        let part = &rest[idx..end];
        idx = end + 1;
        if part.starts_with("n=") {
            return Some((&rest[..idx], &rest[idx..]));
        }
        if idx > 200 {
            return None;
        }
    }
}

/// The version and revision in a packed document's header.
pub fn header(stored: &str) -> Option<(u64, u64)> {
    let (head, _) = split(stored)?;
    Some((
        field(head, "v")?.parse().ok()?,
        field(head, "r")?.parse().ok()?,
    ))
}

/// Unpack a packed JSON document back to its JSON text.
pub fn unpack(stored: &str) -> Result<String, String> {
    if body_of(stored) != Some(Body::Json) {
        return Err("this is not a packed JSON document".into());
    }
    let bytes = unpack_raw(stored)?;
    let json = decompress_to_vec_with_limit(&bytes, MAX_UNPACKED)
        .map_err(|e| format!("the packed data does not inflate ({:?})", e.status))?;
    String::from_utf8(json).map_err(|_| "the unpacked data is not text".to_string())
}

/// Unpack a packed binary document to its bytes; a changed byte fails the checksum.
pub fn unpack_binary(stored: &str) -> Result<Vec<u8>, String> {
    if body_of(stored) != Some(Body::Binary) {
        return Err("this is not a packed binary document".into());
    }
    let size: usize = split(stored)
        .and_then(|(head, _)| field(head, "u"))
        .and_then(|u| u.parse().ok())
        .filter(|u| *u <= MAX_UNPACKED)
        .ok_or("the unpacked size is missing from the header")?;
    let bytes = unpack_raw(stored)?;
    let mut out = vec![0u8; size];
    let written =
        decompress_slice_iter_to_slice(&mut out, std::iter::once(&bytes[..]), true, false)
            .map_err(|status| {
                format!("the packed data does not inflate or fails its checksum ({status:?})")
            })?;
    if written != size {
        return Err(format!("the packed data holds {written} bytes, not {size}"));
    }
    Ok(out)
}

/// The deflated bytes of a packed document.
fn unpack_raw(stored: &str) -> Result<Vec<u8>, String> {
    let (head, body) = split(stored).ok_or("the packed header is damaged")?;
    let n: usize = field(head, "n")
        .and_then(|v| v.parse().ok())
        .ok_or("the packed length is missing")?;
    let mut bytes = Vec::with_capacity(n);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for ch in body.chars() {
        let v = (ch as u32)
            .checked_sub(BASE)
            .filter(|v| *v <= 0x7FFF)
            .ok_or("the packed data holds an unexpected character")?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 && bytes.len() < n {
            bits -= 8;
            bytes.push(((acc >> bits) & 0xFF) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bytes.len() != n {
        return Err(format!(
            "the packed data is cut short ({} of {n} bytes)",
            bytes.len()
        ));
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_of_every_length_modulo_15_bits() {
        for len in 0..64 {
            let text: String = (0..len)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let packed = pack(&text, 2, 9);
            assert_eq!(unpack(&packed).unwrap(), text, "len {len}");
            assert_eq!(header(&packed), Some((2, 9)));
        }
    }

    #[test]
    fn non_ascii_survives() {
        let text = "{\"name\":\"Chloé Yılmaz — 北京 🚀\"}";
        assert_eq!(unpack(&pack(text, 2, 1)).unwrap(), text);
    }

    #[test]
    fn packed_text_avoids_surrogates_and_controls() {
        let text = "x".repeat(10_000)
            + &(0..5000)
                .map(|i| char::from_u32(33 + i % 90).unwrap())
                .collect::<String>();
        let packed = pack(&text, 2, 1);
        let (_, body) = split(&packed).unwrap();
        assert!(body.chars().all(|c| (0x100..=0x80FF).contains(&(c as u32))));
    }

    #[test]
    fn binary_round_trip_and_checksum() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
        let packed = pack_binary(&data, 2, 4, Some(1));
        assert_eq!(checked_rules(&packed), Some(1));
        assert_eq!(checked_rules(&pack_binary(&data, 2, 4, None)), None);
        assert_eq!(body_of(&packed), Some(Body::Binary));
        assert_eq!(header(&packed), Some((2, 4)));
        assert_eq!(unpack_binary(&packed).unwrap(), data);
        assert!(unpack(&packed).is_err(), "not JSON");
        // Any changed character is caught (by the inflater or the checksum).
        let chars: Vec<char> = packed.chars().collect();
        let (head, _) = split(&packed).unwrap();
        for at in [
            PREFIX.len() + head.len() + 3,
            chars.len() / 2,
            chars.len() - 2,
        ] {
            let mut c = chars.clone();
            c[at] = char::from_u32(c[at] as u32 ^ 0x11).unwrap();
            let damaged: String = c.into_iter().collect();
            assert!(
                unpack_binary(&damaged).map(|d| d != data).unwrap_or(true),
                "change at {at} went unnoticed"
            );
            assert!(
                unpack_binary(&damaged).is_err(),
                "change at {at} not reported"
            );
        }
    }

    #[test]
    fn damage_is_reported_not_hidden() {
        let packed = pack(&"abc".repeat(1000), 2, 3);
        let cut: String = packed.chars().take(packed.chars().count() - 5).collect();
        assert!(unpack(&cut).unwrap_err().contains("cut short"));
        assert!(unpack("PMOZ1;v=2;").is_err());
        let mut flipped: Vec<char> = packed.chars().collect();
        let last = flipped.len() - 3;
        flipped[last] = 'A';
        assert!(unpack(&flipped.into_iter().collect::<String>()).is_err());
    }
}
