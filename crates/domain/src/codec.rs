//! A compact form of the stored document, so that large workspaces fit the browser's storage.
//!
//! `localStorage` holds about 5.2 million characters per site, whatever the characters are.
//! The document's JSON is deflated and the bytes are packed 15 bits to a character (all in
//! the Basic Multilingual Plane, never a surrogate), which stores a 16 MB document (10 000
//! projects, 10 000 people) in well under a million characters. A short plain-text header
//! carries the format version and revision, so the stale-tab check before every save does
//! not need to unpack anything.
//!
//! Layout: `PMOZ1;v=<version>;r=<revision>;n=<byte count>;<packed characters>`.
//! Export files stay plain, readable JSON; only browser storage uses this form.

use miniz_oxide::deflate::compress_to_vec;
use miniz_oxide::inflate::decompress_to_vec_with_limit;

/// Marks a packed document.
pub const PREFIX: &str = "PMOZ1;";
/// First code point used for packed data (past ASCII and Latin-1 controls).
const BASE: u32 = 0x100;
/// Upper bound for an unpacked document (a safety net against corrupt length fields).
const MAX_UNPACKED: usize = 256 * 1024 * 1024;

/// Is this stored text a packed document?
pub fn is_packed(stored: &str) -> bool {
    stored.starts_with(PREFIX)
}

/// Pack a JSON document with its version and revision in the header.
pub fn pack(json: &str, version: u32, revision: u64) -> String {
    let bytes = compress_to_vec(json.as_bytes(), 3);
    let mut out = String::with_capacity(bytes.len() * 8 / 15 * 3 + 48);
    out.push_str(&format!(
        "{PREFIX}v={version};r={revision};n={};",
        bytes.len()
    ));
    let mut acc: u32 = 0;
    let mut bits = 0;
    for b in bytes {
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
    let rest = stored.strip_prefix(PREFIX)?;
    // The header ends at the fourth ';' (v, r, n and the terminator).
    let mut idx = 0;
    for _ in 0..3 {
        idx += rest[idx..].find(';')? + 1;
    }
    Some((&rest[..idx], &rest[idx..]))
}

/// The version and revision in a packed document's header.
pub fn header(stored: &str) -> Option<(u64, u64)> {
    let (head, _) = split(stored)?;
    Some((
        field(head, "v")?.parse().ok()?,
        field(head, "r")?.parse().ok()?,
    ))
}

/// Unpack a packed document back to its JSON text.
pub fn unpack(stored: &str) -> Result<String, String> {
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
    let json = decompress_to_vec_with_limit(&bytes, MAX_UNPACKED)
        .map_err(|e| format!("the packed data does not inflate ({:?})", e.status))?;
    String::from_utf8(json).map_err(|_| "the unpacked data is not text".to_string())
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
