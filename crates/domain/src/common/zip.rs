//! The ZIP container of `.xlsx` files (PKWARE APPNOTE): writing one (deflated entries), and
//! reading the entries of one from untrusted bytes.
//!
//! Reading never trusts what the file declares: the central directory must lie inside the
//! file, names are at most 1 KB, an entry inflates to at most the limit the caller gives
//! (so that a "zip bomb" is refused, not unpacked), and its CRC-32 must match. Only "stored"
//! and "deflate" entries are read; encrypted, split and ZIP64 archives are refused with a
//! message.

use std::collections::BTreeMap;

fn crc32_table() -> [u32; 256] {
    let mut t = [0u32; 256];
    for (i, slot) in t.iter_mut().enumerate() {
        let mut c = i as u32;
        for _ in 0..8 {
            c = if c & 1 != 0 {
                0xEDB8_8320 ^ (c >> 1)
            } else {
                c >> 1
            };
        }
        *slot = c;
    }
    t
}

/// CRC-32 (IEEE), as ZIP stores it.
pub fn crc32(data: &[u8]) -> u32 {
    let t = crc32_table();
    !data.iter().fold(!0u32, |c, &b| {
        t[((c ^ u32::from(b)) & 0xFF) as usize] ^ (c >> 8)
    })
}

fn u16le(out: &mut Vec<u8>, v: u16) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn u32le(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

/// A ZIP archive of `files` (name, contents), each deflated. Dates are 1980-01-01, so that
/// the same files always make the same bytes.
pub fn write<N: AsRef<str>>(files: &[(N, Vec<u8>)]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut central = Vec::new();
    for (name, data) in files {
        let name = name.as_ref();
        let packed = miniz_oxide::deflate::compress_to_vec(data, 6);
        let crc = crc32(data);
        let offset = out.len() as u32;
        let header = |out: &mut Vec<u8>, central_entry: bool| {
            u32le(
                out,
                if central_entry {
                    0x0201_4b50
                } else {
                    0x0403_4b50
                },
            );
            if central_entry {
                u16le(out, 20); // made by
            }
            u16le(out, 20); // needed to extract
            u16le(out, 0x0800); // flags: names are UTF-8
            u16le(out, 8); // deflate
            u16le(out, 0); // time
            u16le(out, 0x21); // date: 1980-01-01
            u32le(out, crc);
            u32le(out, packed.len() as u32);
            u32le(out, data.len() as u32);
            u16le(out, name.len() as u16);
            u16le(out, 0); // extra
            if central_entry {
                u16le(out, 0); // comment
                u16le(out, 0); // disk
                u16le(out, 0); // internal attributes
                u32le(out, 0); // external attributes
                u32le(out, offset);
            }
            out.extend_from_slice(name.as_bytes());
        };
        header(&mut out, false);
        out.extend_from_slice(&packed);
        header(&mut central, true);
    }
    let at = out.len() as u32;
    out.extend_from_slice(&central);
    u32le(&mut out, 0x0605_4b50);
    u16le(&mut out, 0);
    u16le(&mut out, 0);
    u16le(&mut out, files.len() as u16);
    u16le(&mut out, files.len() as u16);
    u32le(&mut out, central.len() as u32);
    u32le(&mut out, at);
    u16le(&mut out, 0);
    out
}

/// An entry of an archive being read.
#[derive(Clone, Debug)]
struct Entry {
    method: u16,
    crc: u32,
    packed: usize,
    size: usize,
    /// Where the entry's local header starts.
    offset: usize,
}

/// An archive read from untrusted bytes: its entries by name, unpacked on demand.
pub struct Archive<'a> {
    bytes: &'a [u8],
    entries: BTreeMap<String, Entry>,
}

const MAX_ENTRIES: usize = 10_000;
const MAX_NAME: usize = 1024;

fn at_u16(b: &[u8], i: usize) -> Option<u16> {
    Some(u16::from_le_bytes(b.get(i..i + 2)?.try_into().ok()?))
}

fn at_u32(b: &[u8], i: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
}

const NOT_ZIP: &str = "it is not an Excel workbook (.xlsx): its contents are not a ZIP archive";

impl<'a> Archive<'a> {
    /// Read the archive's directory.
    pub fn read(bytes: &'a [u8]) -> Result<Archive<'a>, String> {
        // The end record: in the last 22 + 65535 bytes (a comment may follow it).
        let from = bytes.len().saturating_sub(22 + 0xFFFF);
        let end = (from..=bytes.len().saturating_sub(22))
            .rev()
            .find(|&i| at_u32(bytes, i) == Some(0x0605_4b50))
            .ok_or(NOT_ZIP)?;
        let count = usize::from(at_u16(bytes, end + 10).ok_or(NOT_ZIP)?);
        let size = at_u32(bytes, end + 12).ok_or(NOT_ZIP)? as usize;
        let start = at_u32(bytes, end + 16).ok_or(NOT_ZIP)? as usize;
        if at_u16(bytes, end + 4) != Some(0) || count == 0xFFFF || start == 0xFFFF_FFFF {
            return Err("it is split over several files or uses ZIP64, which is not read: save it again from Excel".into());
        }
        if count > MAX_ENTRIES {
            return Err(format!("it holds {count} parts, more than a workbook has"));
        }
        let dir = bytes
            .get(start..start.checked_add(size).ok_or(NOT_ZIP)?)
            .ok_or("it is cut short: its table of contents is missing")?;
        let mut entries = BTreeMap::new();
        let mut i = 0;
        for _ in 0..count {
            if at_u32(dir, i) != Some(0x0201_4b50) {
                return Err("its table of contents is damaged".into());
            }
            let flags = at_u16(dir, i + 8).ok_or(NOT_ZIP)?;
            let method = at_u16(dir, i + 10).ok_or(NOT_ZIP)?;
            let crc = at_u32(dir, i + 16).ok_or(NOT_ZIP)?;
            let packed = at_u32(dir, i + 20).ok_or(NOT_ZIP)? as usize;
            let size = at_u32(dir, i + 24).ok_or(NOT_ZIP)? as usize;
            let name_len = usize::from(at_u16(dir, i + 28).ok_or(NOT_ZIP)?);
            let extra = usize::from(at_u16(dir, i + 30).ok_or(NOT_ZIP)?);
            let comment = usize::from(at_u16(dir, i + 32).ok_or(NOT_ZIP)?);
            let offset = at_u32(dir, i + 42).ok_or(NOT_ZIP)? as usize;
            if flags & 1 != 0 {
                return Err("it is protected with a password: save a copy without one".into());
            }
            if name_len > MAX_NAME {
                return Err("it has a part with an overlong name".into());
            }
            let name = dir.get(i + 46..i + 46 + name_len).ok_or(NOT_ZIP)?;
            let name = String::from_utf8_lossy(name).into_owned();
            entries.insert(
                name,
                Entry {
                    method,
                    crc,
                    packed,
                    size,
                    offset,
                },
            );
            i += 46 + name_len + extra + comment;
        }
        Ok(Archive { bytes, entries })
    }

    pub fn has(&self, name: &str) -> bool {
        self.entries.contains_key(name)
    }

    /// The contents of entry `name`, at most `limit` bytes unpacked.
    pub fn file(&self, name: &str, limit: usize) -> Result<Vec<u8>, String> {
        let e = self
            .entries
            .get(name)
            .ok_or_else(|| format!("its part {name} is missing"))?;
        let damaged = || format!("its part {name} is damaged");
        if e.size > limit {
            return Err(format!(
                "its part {name} unpacks to {} MB, more than a workbook of projects can be",
                e.size / 1_000_000
            ));
        }
        let b = self.bytes;
        if at_u32(b, e.offset) != Some(0x0403_4b50) {
            return Err(damaged());
        }
        let name_len = usize::from(at_u16(b, e.offset + 26).ok_or_else(damaged)?);
        let extra = usize::from(at_u16(b, e.offset + 28).ok_or_else(damaged)?);
        let start = e.offset + 30 + name_len + extra;
        let data = b
            .get(start..start.checked_add(e.packed).ok_or_else(damaged)?)
            .ok_or_else(damaged)?;
        let out = match e.method {
            0 => data.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec_with_limit(data, e.size.max(1))
                .map_err(|_| damaged())?,
            m => {
                return Err(format!(
                    "its part {name} is packed in a way that is not read (method {m})"
                ))
            }
        };
        if out.len() != e.size || crc32(&out) != e.crc {
            return Err(damaged());
        }
        Ok(out)
    }
}
