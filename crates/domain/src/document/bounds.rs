//! A check of a change's bytes before yrs reads them.
//!
//! yrs decodes an update trusting the counts it declares: a few bytes can claim a hundred
//! million clients or list entries, and yrs reserves memory for them first. In a browser a
//! reservation of a gigabyte may succeed and stay with the tab. So every update from outside
//! (the store, another tab, a file, a server) is walked here first, in the v1 format
//! (lib0 encoding), and refused unless:
//! - every count fits in the bytes that remain (each counted thing takes at least a byte);
//! - values nest at most [`MAX_DEPTH`] deep (yrs reads them recursively);
//! - it holds only what a workspace document is made of: maps, lists, JSON-like values and
//!   deletions (no text, XML, embedded documents or raw JSON/binary content).
//!
//! It reads each byte once. What it keeps is the update's [`Shape`]: the ids of the parents it
//! names by id and of its plain values, one entry per block at most (a block takes at least
//! three bytes), so at most a few times the update's size.
//!
//! The shape matters because yrs has no rollback: a block whose parent, named by id, turns
//! out to be a plain value makes yrs stop with an error *after* it applied the blocks
//! before it. [`crate::document::Document::merge`] uses the shape to prove that cannot
//! happen, or else tries the update on a copy first.

/// How deep values may nest (the workspace's deepest is a few levels).
pub const MAX_DEPTH: usize = 64;

/// Content kinds (the low four bits of a block's info byte).
pub(super) const GC: u8 = 0;
pub(super) const DELETED: u8 = 1;
pub(super) const TYPE: u8 = 7;
pub(super) const ANY: u8 = 8;
pub(super) const SKIP: u8 = 10;
pub(super) const HAS_ORIGIN: u8 = 0b1000_0000;
pub(super) const HAS_RIGHT_ORIGIN: u8 = 0b0100_0000;
pub(super) const HAS_PARENT_SUB: u8 = 0b0010_0000;
/// Shared types a workspace uses: Y.Array and Y.Map.
pub(super) const ARRAY: u8 = 0;
pub(super) const MAP: u8 = 1;

/// An item's id: the copy (client) that made it and its clock there.
pub type Id = (u64, u32);

/// How an update's blocks nest, as far as yrs could refuse it for that.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Shape {
    /// Parents named by id: blocks put straight into a map or list that is itself an item
    /// (not a root), with no neighbour to take the parent from.
    pub parents: Vec<Id>,
    /// The ids the update's plain values take: client, first clock, and the clock after the
    /// last. A parent among them is never valid.
    pub values: Vec<(u64, u32, u32)>,
}

impl Shape {
    /// Add another update's shape (a pending one that may be applied along with this).
    pub fn extend(&mut self, other: Shape) {
        self.parents.extend(other.parents);
        self.values.extend(other.values);
    }

    /// The first parent named by id that is one of the update's own plain values.
    pub fn parent_in_values(&mut self) -> Option<Id> {
        // Sorted, and overlapping ranges of a client joined (an update and a pending one may
        // both hold a range), so that the range that starts last at or before a clock is the
        // only one that can hold it.
        self.values.sort_unstable();
        let mut joined: Vec<(u64, u32, u32)> = Vec::with_capacity(self.values.len());
        for &(client, start, end) in &self.values {
            match joined.last_mut() {
                Some(last) if last.0 == client && start <= last.2 => last.2 = last.2.max(end),
                _ => joined.push((client, start, end)),
            }
        }
        self.parents.iter().copied().find(|&(client, clock)| {
            let after = joined.partition_point(|&(c, start, _)| (c, start) <= (client, clock));
            after > 0 && {
                let (c, _, end) = joined[after - 1];
                c == client && clock < end
            }
        })
    }
}

pub(super) struct Reader<'a> {
    pub(super) bytes: &'a [u8],
    pub(super) at: usize,
}

pub(super) type Checked<T> = Result<T, String>;

impl<'a> Reader<'a> {
    /// A length-prefixed UTF-8 text.
    pub(super) fn text(&mut self) -> Checked<&'a str> {
        let at = self.at;
        let n = self.count("bytes of text")?;
        let bytes: &'a [u8] = self.bytes;
        let text = std::str::from_utf8(&bytes[self.at..self.at + n])
            .map_err(|_| format!("the text at byte {at} is not UTF-8"))?;
        self.skip(n)?;
        Ok(text)
    }
}

impl Reader<'_> {
    pub(super) fn left(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(super) fn u8(&mut self) -> Checked<u8> {
        let b = *self
            .bytes
            .get(self.at)
            .ok_or_else(|| format!("it breaks off at byte {}", self.at))?;
        self.at += 1;
        Ok(b)
    }

    pub(super) fn skip(&mut self, n: usize) -> Checked<()> {
        if n > self.left() {
            return Err(format!(
                "it breaks off: {n} bytes are due at byte {} and only {} remain",
                self.at,
                self.left()
            ));
        }
        self.at += n;
        Ok(())
    }

    /// An unsigned variable-length integer (at most 64 bits).
    pub(super) fn var(&mut self) -> Checked<u64> {
        let start = self.at;
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(format!("the number at byte {start} is too long"))
    }

    /// A signed variable-length integer (only its length matters here).
    fn signed(&mut self) -> Checked<()> {
        let start = self.at;
        for _ in 0..10 {
            if self.u8()? & 0x80 == 0 {
                return Ok(());
            }
        }
        Err(format!("the number at byte {start} is too long"))
    }

    /// A count of things that each take at least one more byte.
    pub(super) fn count(&mut self, what: &str) -> Checked<usize> {
        let at = self.at;
        let n = self.var()?;
        if n > self.left() as u64 {
            return Err(format!(
                "at byte {at} it claims {n} {what}, more than the {} bytes left can hold",
                self.left()
            ));
        }
        Ok(n as usize)
    }

    fn string(&mut self) -> Checked<()> {
        self.text().map(drop)
    }

    pub(super) fn id(&mut self) -> Checked<Id> {
        let client = self.var()?;
        Ok((client, self.clock()?))
    }

    pub(super) fn clock(&mut self) -> Checked<u32> {
        let at = self.at;
        u32::try_from(self.var()?).map_err(|_| format!("the clock at byte {at} is out of range"))
    }

    /// A JSON-like value (lib0's `any`).
    pub(super) fn any(&mut self, depth: usize) -> Checked<()> {
        if depth > MAX_DEPTH {
            return Err(format!(
                "values nest more than {MAX_DEPTH} deep at byte {}",
                self.at
            ));
        }
        let at = self.at;
        match self.u8()? {
            126 | 127 | 120 | 121 => Ok(()),
            125 => self.signed(),
            124 => self.skip(4),
            122 | 123 => self.skip(8),
            119 => self.string(),
            118 => {
                for _ in 0..self.count("entries")? {
                    self.string()?;
                    self.any(depth + 1)?;
                }
                Ok(())
            }
            117 => {
                for _ in 0..self.count("values")? {
                    self.any(depth + 1)?;
                }
                Ok(())
            }
            116 => {
                let n = self.count("bytes")?;
                self.skip(n)
            }
            kind => Err(format!("unknown kind of value {kind} at byte {at}")),
        }
    }

    /// One block that starts at `id`; returns its length (how many clocks it takes), noting
    /// in `shape` a parent named by id and the ids of plain values.
    fn block(&mut self, id: Id, shape: &mut Shape) -> Checked<u32> {
        let at = self.at;
        let info = self.u8()?;
        if info == SKIP || info == GC {
            let len = self.clock()?;
            if len == 0 {
                return Err(format!("an empty block at byte {at}"));
            }
            return Ok(len);
        }
        if info & HAS_ORIGIN != 0 {
            self.id()?;
        }
        if info & HAS_RIGHT_ORIGIN != 0 {
            self.id()?;
        }
        if info & (HAS_ORIGIN | HAS_RIGHT_ORIGIN) == 0 {
            if self.var()? == 1 {
                self.string()?;
            } else {
                shape.parents.push(self.id()?);
            }
            if info & HAS_PARENT_SUB != 0 {
                self.string()?;
            }
        }
        let empty = || format!("an empty block at byte {at}");
        match info & 0b1111 {
            DELETED => match self.clock()? {
                0 => Err(empty()),
                len => Ok(len),
            },
            TYPE => match self.u8()? {
                ARRAY | MAP => Ok(1),
                other => Err(format!(
                    "a shared type of kind {other} at byte {at}; a workspace uses only maps and lists"
                )),
            },
            ANY => {
                let n = self.count("values")?;
                for _ in 0..n {
                    self.any(0)?;
                }
                // Fits: there are fewer values than bytes.
                let len = u32::try_from(n).map_err(|_| empty())?;
                if len == 0 {
                    return Err(empty());
                }
                shape
                    .values
                    .push((id.0, id.1, id.1.saturating_add(len)));
                Ok(len)
            }
            other => Err(format!(
                "content of kind {other} at byte {at}, which a workspace document never holds"
            )),
        }
    }
}

/// Check an update (yrs v1) before it is handed to yrs; the reason names what is wrong and
/// where.
pub fn check_update(bytes: &[u8]) -> Result<(), String> {
    shape_of(bytes).map(drop)
}

/// Check an update as [`check_update`] does, and return how its blocks nest.
pub fn shape_of(bytes: &[u8]) -> Result<Shape, String> {
    let mut r = Reader { bytes, at: 0 };
    let mut shape = Shape::default();
    for _ in 0..r.count("clients")? {
        let blocks = r.count("blocks")?;
        let client = r.var()?;
        let mut clock = r.clock()?;
        for _ in 0..blocks {
            let at = r.at;
            let len = r.block((client, clock), &mut shape)?;
            clock = clock
                .checked_add(len)
                .ok_or_else(|| format!("the block at byte {at} runs past the last clock"))?;
        }
    }
    for _ in 0..r.count("clients with deletions")? {
        r.var()?;
        for _ in 0..r.count("deleted ranges")? {
            r.clock()?;
            r.clock()?;
        }
    }
    if r.left() > 0 {
        return Err(format!(
            "{} bytes follow the end of the changes at byte {}",
            r.left(),
            r.at
        ));
    }
    Ok(shape)
}

/// Check a state vector (what a copy has seen) the same way.
pub fn check_state_vector(bytes: &[u8]) -> Result<(), String> {
    let mut r = Reader { bytes, at: 0 };
    for _ in 0..r.count("clients")? {
        r.var()?;
        r.clock()?;
    }
    if r.left() > 0 {
        return Err(format!("{} bytes follow the state vector", r.left()));
    }
    Ok(())
}
