//! A compact form of the stored document, so that large workspaces fit the browser's storage.
//!
//! `localStorage` holds about 5.2 million characters per site, whatever the characters are.
//! The document is deflated and the bytes are packed 15 bits to a character (all in the Basic
//! Multilingual Plane, never a surrogate), which stores a 16 MB document (10 000 projects,
//! 10 000 people) in well under a million characters. A short plain-text header carries the
//! format version and revision, so the stale-tab check before every save does not need to
//! unpack anything.
//!
//! Layout (written now):
//! `PMOB2;v=<version>;r=<revision>;u=<unpacked bytes>;n=<packed bytes>;h=<crc32>;<packed characters>`
//!
//! - The body is the envelope in a compact binary form (postcard, every field written, see
//!   [`crate::model::ser`]), zlib-deflated, so its Adler-32 checksum catches any change to the
//!   stored bytes.
//! - `h=` is the CRC-32 (hex) of the header before it, so a changed digit of the version or
//!   revision is caught by the cheap header check alone, and never locks out saves or makes
//!   the data look "from a newer version". The version and revision are also inside the
//!   body, and decoding checks that both agree.
//! - The unpacked size is at most [`MAX_RATIO`] times the packed size (the writer falls back
//!   to weaker compression to keep to it), so a small stored text can never make the reader
//!   allocate a large buffer.
//!
//! Earlier forms, still read so that an upgrade loses nothing:
//! - `PMOB1;v=;r=;u=;[ok=;]n=;` (binary, written by builds of versions 2 to 4): the header
//!   has no checksum, so the version and revision are checked against the body, and `ok=`
//!   (a "checked already" mark) is ignored: everything read is checked in full.
//! - `PMOZ1;v=;r=;n=;` (the JSON, raw-deflated, the first packed form): it has no checksum at
//!   all; its JSON is checked like an imported file's.
//!
//! Every number in a header is checked against what the text can hold before anything is
//! allocated from it. Export files stay plain, readable JSON; only browser storage uses the
//! packed forms.

use miniz_oxide::deflate::{compress_to_vec, compress_to_vec_zlib};
use miniz_oxide::inflate::{decompress_slice_iter_to_slice, decompress_to_vec_with_limit};

/// Marks a packed JSON document (the first packed form; read only).
pub const PREFIX: &str = "PMOZ1;";
/// Marks a packed binary document without a header checksum (read only).
pub const BINARY_PREFIX_V1: &str = "PMOB1;";
/// Marks a packed binary document with a header checksum (written now).
pub const BINARY_PREFIX: &str = "PMOB2;";

/// What a packed document holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Body {
    Json,
    Binary,
}
/// First code point used for packed data (past ASCII and Latin-1 controls).
const BASE: u32 = 0x100;
/// Upper bound for an unpacked document.
pub const MAX_UNPACKED: usize = 256 * 1024 * 1024;
/// The unpacked binary body is at most this many times its deflated size. Real workspaces
/// deflate about 5:1 (the demo 3.6:1, 10 000 projects and people 5.2:1).
pub const MAX_RATIO: usize = 32;
/// The same bound for the JSON of the first packed form (JSON deflates further).
const MAX_RATIO_JSON: usize = 64;
/// A header is short; anything longer is damage.
const MAX_HEADER: usize = 200;

/// Is this stored text a packed document?
pub fn is_packed(stored: &str) -> bool {
    body_of(stored).is_some()
}

/// The kind of body of a packed document.
pub fn body_of(stored: &str) -> Option<Body> {
    if stored.starts_with(BINARY_PREFIX) || stored.starts_with(BINARY_PREFIX_V1) {
        Some(Body::Binary)
    } else if stored.starts_with(PREFIX) {
        Some(Body::Json)
    } else {
        None
    }
}

/// Pack a JSON document in the first packed form (kept to test that it is still read).
pub fn pack(json: &str, version: u32, revision: u64) -> String {
    let mut out = format!("{PREFIX}v={version};r={revision};");
    let bytes = compress_to_vec(json.as_bytes(), 3);
    out.push_str(&format!("n={};", bytes.len()));
    push_chars(&mut out, &bytes);
    out
}

/// Pack a binary document with its version and revision in a checksummed header.
pub fn pack_binary(bytes: &[u8], version: u32, revision: u64) -> String {
    // Level 3 deflates real workspaces about 5:1; a pathological one (the same text over
    // and over) is stored with weaker compression rather than beyond the reader's bound.
    let deflated = [3u8, 1, 0]
        .into_iter()
        .map(|level| compress_to_vec_zlib(bytes, level))
        .find(|d| within_ratio(bytes.len(), d.len(), MAX_RATIO))
        .unwrap_or_else(|| compress_to_vec_zlib(bytes, 0));
    let mut out = format!(
        "{BINARY_PREFIX}v={version};r={revision};u={};n={};",
        bytes.len(),
        deflated.len()
    );
    let crc = crc32(out.as_bytes());
    out.push_str(&format!("h={crc:08x};"));
    push_chars(&mut out, &deflated);
    out
}

/// Pack a binary document in the earlier form without a header checksum (`ok` is the
/// "checked" mark those builds wrote). Kept only to test that such data is still read
/// safely.
#[doc(hidden)]
pub fn pack_binary_v1(bytes: &[u8], version: u32, revision: u64, ok: Option<u32>) -> String {
    let deflated = compress_to_vec_zlib(bytes, 3);
    let mut out = format!(
        "{BINARY_PREFIX_V1}v={version};r={revision};u={};{}n={};",
        bytes.len(),
        ok.map(|c| format!("ok={c};")).unwrap_or_default(),
        deflated.len()
    );
    push_chars(&mut out, &deflated);
    out
}

fn within_ratio(unpacked: usize, packed: usize, ratio: usize) -> bool {
    // A few hundred bytes deflate to almost nothing whatever they hold.
    unpacked <= packed.saturating_mul(ratio).saturating_add(1024)
}

fn push_chars(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len() * 8 / 15 * 3 + 3);
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
}

/// CRC-32 (IEEE), bit by bit: headers are a few dozen bytes.
pub fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The header of a packed document, as far as it could be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Header {
    pub version: u64,
    pub revision: u64,
    /// A checksum proves the header unchanged (the current form only). An unverified header
    /// must be checked against the body before anything is decided from it.
    pub verified: bool,
}

/// The fields of a header, and where the body starts.
struct Parsed<'a> {
    fields: &'a str,
    body: &'a str,
    verified: bool,
    prefix: &'static str,
}

impl Parsed<'_> {
    fn field(&self, key: &str) -> Option<&str> {
        self.fields
            .split(';')
            .find_map(|part| part.strip_prefix(key).and_then(|v| v.strip_prefix('=')))
    }

    /// A number field, written as plain decimal digits (no sign, no leading zeros).
    fn number(&self, key: &str) -> Option<u64> {
        let v = self.field(key)?;
        let canonical = !v.is_empty()
            && v.bytes().all(|b| b.is_ascii_digit())
            && (v == "0" || !v.starts_with('0'));
        canonical.then(|| v.parse().ok()).flatten()
    }
}

fn parse(stored: &str) -> Option<Parsed<'_>> {
    let prefix = [BINARY_PREFIX, BINARY_PREFIX_V1, PREFIX]
        .into_iter()
        .find(|p| stored.starts_with(p))?;
    let rest = &stored[prefix.len()..];
    let mut cut = rest.len().min(MAX_HEADER);
    while !rest.is_char_boundary(cut) {
        cut -= 1;
    }
    let window = &rest[..cut];
    if prefix == BINARY_PREFIX {
        // Everything up to `h=…;` is covered by the checksum.
        let at = window.find("h=")?;
        let end = at + window[at..].find(';')?;
        let claimed = u32::from_str_radix(&window[at + 2..end], 16).ok()?;
        let covered = &stored[..prefix.len() + at];
        let verified = end - at == 10 && crc32(covered.as_bytes()) == claimed;
        return Some(Parsed {
            fields: &rest[..at],
            body: &rest[end + 1..],
            verified,
            prefix,
        });
    }
    // The header ends after the `n=` field (the last one); earlier fields may vary.
    let mut idx = 0;
    loop {
        let end = idx + window.get(idx..)?.find(';')?;
        let part = &window[idx..end];
        idx = end + 1;
        if part.starts_with("n=") {
            return Some(Parsed {
                fields: &rest[..idx],
                body: &rest[idx..],
                verified: false,
                prefix,
            });
        }
    }
}

/// The version and revision in a packed document's header, and whether a checksum proves
/// them. `None` when the header cannot be read or a checksum proves it damaged.
pub fn header(stored: &str) -> Option<Header> {
    let p = parse(stored)?;
    if p.prefix == BINARY_PREFIX && !p.verified {
        return None;
    }
    Some(Header {
        version: p.number("v")?,
        revision: p.number("r")?,
        verified: p.verified,
    })
}

/// Unpack a packed JSON document back to its JSON text.
pub fn unpack(stored: &str) -> Result<String, String> {
    if body_of(stored) != Some(Body::Json) {
        return Err("this is not a packed JSON document".into());
    }
    let p = parse(stored).ok_or("the packed header is damaged")?;
    let bytes = unpack_raw(&p)?;
    let limit = bytes
        .len()
        .saturating_mul(MAX_RATIO_JSON)
        .saturating_add(1024)
        .min(MAX_UNPACKED);
    let json = decompress_to_vec_with_limit(&bytes, limit)
        .map_err(|e| format!("the packed data does not inflate ({:?})", e.status))?;
    String::from_utf8(json).map_err(|_| "the unpacked data is not text".to_string())
}

/// Unpack a packed binary document to its bytes; a changed byte fails a checksum.
pub fn unpack_binary(stored: &str) -> Result<Vec<u8>, String> {
    if body_of(stored) != Some(Body::Binary) {
        return Err("this is not a packed binary document".into());
    }
    let p = parse(stored).ok_or("the packed header is damaged")?;
    if p.prefix == BINARY_PREFIX && !p.verified {
        return Err("the packed header fails its checksum".into());
    }
    let size = p
        .number("u")
        .ok_or("the unpacked size is missing from the header")?;
    let bytes = unpack_raw(&p)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|u| *u <= MAX_UNPACKED && within_ratio(*u, bytes.len(), MAX_RATIO))
        .ok_or_else(|| {
            format!(
                "the header claims {size} unpacked bytes, more than {} packed bytes can hold",
                bytes.len()
            )
        })?;
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
fn unpack_raw(p: &Parsed<'_>) -> Result<Vec<u8>, String> {
    let n = p.number("n").ok_or("the packed length is missing")?;
    // Each character carries 15 bits in at least two bytes of text: the body can hold no
    // more than this.
    let room = p.body.len() / 2 * 15 / 8 + 2;
    let n = usize::try_from(n)
        .ok()
        .filter(|n| *n <= room)
        .ok_or_else(|| format!("the packed data is cut short (the header claims {n} bytes)"))?;
    let mut bytes = Vec::with_capacity(n);
    let mut acc: u32 = 0;
    let mut bits = 0;
    for ch in p.body.chars() {
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

    fn split(stored: &str) -> (&str, &str) {
        let p = parse(stored).unwrap();
        (p.fields, p.body)
    }

    #[test]
    fn round_trip_of_every_length_modulo_15_bits() {
        for len in 0..64 {
            let text: String = (0..len)
                .map(|i| char::from(b'a' + (i * 7 % 26) as u8))
                .collect();
            let packed = pack(&text, 2, 9);
            assert_eq!(unpack(&packed).unwrap(), text, "len {len}");
            let h = header(&packed).unwrap();
            assert_eq!((h.version, h.revision, h.verified), (2, 9, false));
            let bytes = text.as_bytes();
            let packed = pack_binary(bytes, 4, 9);
            assert_eq!(unpack_binary(&packed).unwrap(), bytes, "len {len}");
            let h = header(&packed).unwrap();
            assert_eq!((h.version, h.revision, h.verified), (4, 9, true));
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
        for packed in [pack(&text, 2, 1), pack_binary(text.as_bytes(), 4, 1)] {
            let (_, body) = split(&packed);
            assert!(body.chars().all(|c| (0x100..=0x80FF).contains(&(c as u32))));
        }
    }

    #[test]
    fn crc32_matches_the_standard() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn binary_round_trip_and_checksum() {
        let data: Vec<u8> = (0..5000u32).map(|i| (i * 31 % 251) as u8).collect();
        let packed = pack_binary(&data, 2, 4);
        assert_eq!(body_of(&packed), Some(Body::Binary));
        assert_eq!(
            header(&packed),
            Some(Header {
                version: 2,
                revision: 4,
                verified: true
            })
        );
        assert_eq!(unpack_binary(&packed).unwrap(), data);
        assert!(unpack(&packed).is_err(), "not JSON");
        // Any changed character is caught (by the inflater or the checksum).
        let chars: Vec<char> = packed.chars().collect();
        let (head, _) = split(&packed);
        for at in [
            BINARY_PREFIX.len() + head.len() + 14,
            chars.len() / 2,
            chars.len() - 2,
        ] {
            let mut c = chars.clone();
            c[at] = char::from_u32(c[at] as u32 ^ 0x11).unwrap();
            let damaged: String = c.into_iter().collect();
            assert!(
                unpack_binary(&damaged).is_err(),
                "change at {at} not reported"
            );
        }
    }

    #[test]
    fn a_changed_header_digit_is_caught_by_the_header_checksum() {
        let packed = pack_binary(b"some bytes to pack", 4, 17);
        for (from, to) in [("v=4", "v=5"), ("r=17", "r=18"), ("r=17", "r=170")] {
            let damaged = packed.replacen(from, to, 1);
            assert_eq!(header(&damaged), None, "{to}");
            assert!(unpack_binary(&damaged)
                .unwrap_err()
                .contains("header fails its checksum"));
        }
    }

    #[test]
    fn header_numbers_never_size_an_allocation() {
        let packed = pack_binary(&[7u8; 3000], 4, 1);
        let v1 = pack_binary_v1(&[7u8; 3000], 4, 1, None);
        // A length far beyond what the text holds is refused before anything is allocated
        // (with the old code these asked for exabytes and aborted).
        let n_old = v1.split(";n=").nth(1).unwrap().split(';').next().unwrap();
        let huge_n = v1.replacen(&format!("n={n_old};"), "n=18446744073709551615;", 1);
        assert!(unpack_binary(&huge_n).unwrap_err().contains("cut short"));
        let huge_u = v1.replacen("u=3000;", "u=268435456;", 1);
        assert!(unpack_binary(&huge_u).unwrap_err().contains("more than"));
        // The writer keeps to the ratio the reader allows: 3000 equal bytes deflate 200:1
        // at level 3, so they are stored with weaker compression.
        let p = parse(&packed).unwrap();
        let n = p.number("n").unwrap() as usize;
        assert!(within_ratio(3000, n, MAX_RATIO));
        assert_eq!(unpack_binary(&packed).unwrap(), vec![7u8; 3000]);
        // Numbers are plain digits: no sign, no leading zeros, no spaces.
        for bad in ["r=+1;", "r=01;", "r= 1;", "r=;"] {
            let v = v1.replacen("r=1;", bad, 1);
            assert_eq!(header(&v), None, "{bad}");
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
