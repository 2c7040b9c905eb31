//! A check of a document's state in yrs' v2 encoding, before yrs reads it.
//!
//! The compacted snapshot is stored in the v2 encoding: its columns deflate to about a third of
//! the v1 encoding's size. But the columns are run-length encoded, so a few bytes can declare
//! millions of blocks, and yrs reserves memory for what is declared. So stored v2 bytes are
//! walked here first, reading each column as yrs' `DecoderV2` does, with every sum checked,
//! and refused unless:
//! - the blocks declared, in all, are no more than the bytes (a real document's blocks each
//!   take at least a byte: a value, a key, a length);
//! - every other count fits in the bytes that remain, and no text runs out or splits a
//!   character;
//! - it holds only what a workspace document is made of, as [`super::bounds`] requires.
//!
//! Then [`to_v1`] lets yrs decode it and re-encodes it as v1, which the document merges
//! through the v1 walk in [`super::bounds`] as any other change. Only stored snapshots and
//! document files are v2; changes between copies stay v1.

use yrs::updates::decoder::Decode;
use yrs::updates::encoder::Encode;
use yrs::Update;

use super::bounds::{
    Checked, Reader, ANY, ARRAY, DELETED, GC, HAS_ORIGIN, HAS_PARENT_SUB, HAS_RIGHT_ORIGIN, MAP,
    SKIP, TYPE,
};

/// A document's state in the v2 encoding as a v1 update, once [`check`] has passed it.
pub fn to_v1(bytes: &[u8]) -> Result<Vec<u8>, String> {
    check(bytes)?;
    let update = Update::decode_v2(bytes).map_err(|e| format!("it does not decode: {e}"))?;
    Ok(update.encode_v1())
}

/// Check v2 bytes; the reason names what is wrong and where.
pub fn check(bytes: &[u8]) -> Result<(), String> {
    let mut input = Reader { bytes, at: 0 };
    // The feature flag (unused), then nine columns, each a length and its bytes.
    input.u8()?;
    let mut column = |name: &'static str| -> Checked<Column> {
        let n = input.count(name)?;
        let start = input.at;
        input.skip(n)?;
        Ok(Column {
            name,
            r: Reader {
                bytes: &bytes[start..start + n],
                at: 0,
            },
        })
    };
    // Key clocks serve only content a workspace never holds (formatting, XML).
    column("the key clocks")?;
    let clients = column("the clients")?;
    let left_clocks = column("the left clocks")?;
    let right_clocks = column("the right clocks")?;
    let infos = column("the block kinds")?;
    let strings = column("the texts")?;
    let parent_infos = column("the parent kinds")?;
    let type_refs = column("the shared types")?;
    let lens = column("the lengths")?;
    let mut w = Walk {
        rest: Reader {
            bytes: &bytes[input.at..],
            at: 0,
        },
        clients: UintRle::new(clients),
        left_clocks: IntDiffRle::new(left_clocks),
        right_clocks: IntDiffRle::new(right_clocks),
        infos: ByteRle::new(infos),
        strings: Strings::new(strings)?,
        parent_infos: ByteRle::new(parent_infos),
        type_refs: UintRle::new(type_refs),
        lens: UintRle::new(lens),
        blocks_left: bytes.len(),
    };
    w.update()
}

/// One column's bytes.
struct Column<'a> {
    name: &'static str,
    r: Reader<'a>,
}

impl Column<'_> {
    fn err(&self, what: impl std::fmt::Display) -> String {
        format!("in {}, at byte {}: {what}", self.name, self.r.at)
    }

    /// lib0's signed number: the magnitude, and whether it is negative (`-0` counts).
    fn signed(&mut self) -> Checked<(u64, bool)> {
        let first = self.r.u8().map_err(|e| self.err(e))?;
        let negative = first & 0x40 != 0;
        let mut value = u64::from(first & 0x3f);
        let mut more = first & 0x80 != 0;
        let mut shift = 6;
        while more {
            let b = self.r.u8().map_err(|e| self.err(e))?;
            if shift > 56 {
                return Err(self.err("a number is too long"));
            }
            value |= u64::from(b & 0x7f) << shift;
            shift += 7;
            more = b & 0x80 != 0;
        }
        if value > i64::MAX as u64 {
            return Err(self.err("a number is out of range"));
        }
        Ok((value, negative))
    }

    fn unsigned32(&mut self) -> Checked<u32> {
        let v = self.r.var().map_err(|e| self.err(e))?;
        u32::try_from(v).map_err(|_| self.err("a count is out of range"))
    }
}

/// yrs' `UIntOptRleDecoder`: a value, or a negative value followed by how often it repeats.
struct UintRle<'a> {
    c: Column<'a>,
    last: u64,
    count: u32,
}

impl<'a> UintRle<'a> {
    fn new(c: Column<'a>) -> Self {
        UintRle {
            c,
            last: 0,
            count: 0,
        }
    }

    fn next(&mut self) -> Checked<u64> {
        if self.count == 0 {
            let (value, negative) = self.c.signed()?;
            self.count = if negative {
                let n = self.c.unsigned32()?;
                n.checked_add(2)
                    .ok_or_else(|| self.c.err("a repeat count is out of range"))?
            } else {
                1
            };
            self.last = value;
        }
        self.count -= 1;
        Ok(self.last)
    }

    fn next32(&mut self) -> Checked<u32> {
        let v = self.next()?;
        u32::try_from(v).map_err(|_| self.c.err("a length is out of range"))
    }
}

/// yrs' `IntDiffOptRleDecoder`: differences between clocks, with how often each repeats.
struct IntDiffRle<'a> {
    c: Column<'a>,
    last: u32,
    count: u32,
    diff: i32,
}

impl<'a> IntDiffRle<'a> {
    fn new(c: Column<'a>) -> Self {
        IntDiffRle {
            c,
            last: 0,
            count: 0,
            diff: 0,
        }
    }

    fn next(&mut self) -> Checked<u32> {
        if self.count == 0 {
            let (magnitude, negative) = self.c.signed()?;
            let value = i32::try_from(magnitude)
                .map(|m| if negative { -m } else { m })
                .map_err(|_| self.c.err("a clock difference is out of range"))?;
            self.diff = value >> 1;
            self.count = if value & 1 != 0 {
                let n = self.c.unsigned32()?;
                n.checked_add(2)
                    .ok_or_else(|| self.c.err("a repeat count is out of range"))?
            } else {
                1
            };
        }
        self.last = (self.last as i32)
            .checked_add(self.diff)
            .ok_or_else(|| self.c.err("a clock is out of range"))? as u32;
        self.count -= 1;
        Ok(self.last)
    }
}

/// yrs' `RleDecoder` of bytes: a byte and how often it repeats; the last one repeats forever.
struct ByteRle<'a> {
    c: Column<'a>,
    last: u8,
    /// Reads left of `last`; `None` once it repeats forever.
    count: Option<u32>,
}

impl<'a> ByteRle<'a> {
    fn new(c: Column<'a>) -> Self {
        ByteRle {
            c,
            last: 0,
            count: Some(0),
        }
    }

    fn next(&mut self) -> Checked<u8> {
        if self.count == Some(0) {
            self.last = self.c.r.u8().map_err(|e| self.c.err(e))?;
            self.count = if self.c.r.left() > 0 {
                let n = self.c.unsigned32()?;
                if n >= i32::MAX as u32 {
                    return Err(self.c.err("a repeat count is out of range"));
                }
                Some(n + 1)
            } else {
                None
            };
        }
        if let Some(n) = self.count.as_mut() {
            *n -= 1;
        }
        Ok(self.last)
    }
}

/// yrs' `StringDecoder`: all texts as one, then their lengths in UTF-16 units.
struct Strings<'a> {
    text: &'a str,
    at: usize,
    lens: UintRle<'a>,
}

impl<'a> Strings<'a> {
    fn new(mut c: Column<'a>) -> Checked<Self> {
        let n = c.r.count("bytes of text").map_err(|e| c.err(e))?;
        let start = c.r.at;
        c.r.skip(n).map_err(|e| c.err(e))?;
        let text = std::str::from_utf8(&c.r.bytes[start..start + n])
            .map_err(|_| c.err("the texts are not UTF-8"))?;
        Ok(Strings {
            text,
            at: 0,
            lens: UintRle::new(c),
        })
    }

    fn next(&mut self) -> Checked<()> {
        let mut units = self.lens.next()?;
        let mut used = 0;
        let rest = &self.text[self.at..];
        for ch in rest.chars() {
            if units == 0 {
                break;
            }
            let n = ch.len_utf16() as u64;
            if n > units {
                return Err(self.lens.c.err("a text's length splits a character"));
            }
            units -= n;
            used += ch.len_utf8();
        }
        if units > 0 {
            return Err(self
                .lens
                .c
                .err(format!("a text runs out {units} characters short")));
        }
        self.at += used;
        Ok(())
    }
}

struct Walk<'a> {
    rest: Reader<'a>,
    clients: UintRle<'a>,
    left_clocks: IntDiffRle<'a>,
    right_clocks: IntDiffRle<'a>,
    infos: ByteRle<'a>,
    strings: Strings<'a>,
    parent_infos: ByteRle<'a>,
    type_refs: UintRle<'a>,
    lens: UintRle<'a>,
    /// How many more blocks may be declared.
    blocks_left: usize,
}

impl Walk<'_> {
    fn update(&mut self) -> Checked<()> {
        for _ in 0..self.rest.count("clients")? {
            let at = self.rest.at;
            let blocks = self.rest.var()?;
            if blocks > self.blocks_left as u64 {
                return Err(format!(
                    "at byte {at} of the rest it declares {blocks} more blocks, more than its size allows"
                ));
            }
            self.blocks_left -= blocks as usize;
            self.clients.next()?;
            let mut clock = self.rest.clock()?;
            for _ in 0..blocks {
                let len = self.block()?;
                clock = clock
                    .checked_add(len)
                    .ok_or_else(|| "a block runs past the last clock".to_string())?;
            }
        }
        for _ in 0..self.rest.count("clients with deletions")? {
            self.rest.var()?;
            let mut clock: u32 = 0;
            for _ in 0..self.rest.count("deleted ranges")? {
                let start = self.rest.clock()?;
                let len = self.rest.clock()?;
                clock = clock
                    .checked_add(start)
                    .and_then(|c| c.checked_add(len))
                    .and_then(|c| c.checked_add(1))
                    .ok_or_else(|| "a deleted range runs past the last clock".to_string())?;
            }
        }
        if self.rest.left() > 0 {
            return Err(format!(
                "{} bytes follow the end of the changes",
                self.rest.left()
            ));
        }
        Ok(())
    }

    fn left_id(&mut self) -> Checked<()> {
        self.clients.next()?;
        self.left_clocks.next().map(drop)
    }

    /// One block; its length in clocks.
    fn block(&mut self) -> Checked<u32> {
        let info = self.infos.next()?;
        let empty = || "an empty block".to_string();
        if info == SKIP {
            return match self.rest.clock()? {
                0 => Err(empty()),
                len => Ok(len),
            };
        }
        if info == GC {
            return match self.lens.next32()? {
                0 => Err(empty()),
                len => Ok(len),
            };
        }
        if info & HAS_ORIGIN != 0 {
            self.left_id()?;
        }
        if info & HAS_RIGHT_ORIGIN != 0 {
            self.clients.next()?;
            self.right_clocks.next()?;
        }
        if info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0 {
            if self.parent_infos.next()? == 1 {
                self.strings.next()?;
            } else {
                self.left_id()?;
            }
            if info & HAS_PARENT_SUB != 0 {
                self.strings.next()?;
            }
        }
        match info & 0b1111 {
            DELETED => match self.lens.next32()? {
                0 => Err(empty()),
                len => Ok(len),
            },
            TYPE => match self.type_refs.next()? {
                t if t == u64::from(ARRAY) || t == u64::from(MAP) => Ok(1),
                other => Err(format!(
                    "a shared type of kind {other}; a workspace uses only maps and lists"
                )),
            },
            ANY => {
                let n = self.lens.next32()?;
                if n == 0 {
                    return Err(empty());
                }
                if n as usize > self.rest.left() {
                    return Err(format!(
                        "a block claims {n} values, more than the {} bytes left can hold",
                        self.rest.left()
                    ));
                }
                for _ in 0..n {
                    self.rest.any(0)?;
                }
                Ok(n)
            }
            other => Err(format!(
                "content of kind {other}, which a workspace document never holds"
            )),
        }
    }
}

/// A v2 state of `blocks` deleted blocks, all from run-length encoded columns: a few bytes
/// whatever the count. For the tests and the fuzz harness.
#[doc(hidden)]
pub fn block_bomb(blocks: u32) -> Vec<u8> {
    fn var(mut n: u64, out: &mut Vec<u8>) {
        while n >= 0x80 {
            out.push((n as u8 & 0x7f) | 0x80);
            n >>= 7;
        }
        out.push(n as u8);
    }
    let repeat = |first: u8| {
        let mut c = vec![first];
        var(u64::from(blocks), &mut c);
        c
    };
    let columns: [Vec<u8>; 9] = [
        vec![],       // key clocks
        repeat(0x45), // clients: 5, repeated
        repeat(0x01), // left clocks: a difference of 0, repeated
        vec![],       // right clocks
        vec![1],      // kinds: deleted, for ever
        vec![0],      // texts: none
        vec![0],      // parents: by id, for ever
        vec![],       // shared types
        repeat(0x41), // lengths: 1, repeated
    ];
    let mut out = vec![0];
    for c in columns {
        var(c.len() as u64, &mut out);
        out.extend(c);
    }
    for n in [1, u64::from(blocks), 0, 0] {
        var(n, &mut out);
    }
    out
}
