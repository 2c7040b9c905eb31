//! A counting allocator: how much memory one input made the code under test hold at most.
//!
//! Every allocation goes through [`Counting`], which keeps the bytes in use and their peak.
//! The runner resets the peak before each input and reads it after. A request that would
//! take the process past [`HARD_LIMIT`] is not attempted: the allocator says which input
//! asked for it (so it can be replayed) and stops the process, instead of letting the
//! machine swap.

use std::alloc::{GlobalAlloc, Layout, System};
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};

pub struct Counting;

static CURRENT: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);
/// The input being run, for the message when the hard limit is hit.
pub static INPUT_INDEX: AtomicUsize = AtomicUsize::new(usize::MAX);
pub static TARGET_INDEX: AtomicUsize = AtomicUsize::new(usize::MAX);

/// Far beyond any small multiple of the largest seed; reaching it is a finding by itself.
pub const HARD_LIMIT: usize = 3 << 30;

fn over_limit(size: usize) -> ! {
    // No allocation from here on: format into a stack buffer.
    let mut buf = [0u8; 160];
    let mut w = &mut buf[..];
    let _ = write!(
        w,
        "\nfuzz: an input asked for {size} bytes beyond the {} GiB limit: target #{}, input #{}\n",
        HARD_LIMIT >> 30,
        TARGET_INDEX.load(Relaxed),
        INPUT_INDEX.load(Relaxed)
    );
    let left = w.len();
    let used = buf.len() - left;
    let _ = std::io::stderr().write_all(&buf[..used]);
    std::process::abort();
}

fn grew(by: usize) {
    let now = CURRENT.fetch_add(by, Relaxed) + by;
    PEAK.fetch_max(now, Relaxed);
}

/// Allocate `size` more bytes with `alloc`, within the hard limit, and count them.
fn counted(size: usize, alloc: impl FnOnce() -> *mut u8) -> *mut u8 {
    if CURRENT.load(Relaxed).saturating_add(size) > HARD_LIMIT {
        over_limit(size);
    }
    let p = alloc();
    if !p.is_null() {
        grew(size);
    }
    p
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        counted(layout.size(), || System.alloc(layout))
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        counted(layout.size(), || System.alloc_zeroed(layout))
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        System.dealloc(ptr, layout);
        CURRENT.fetch_sub(layout.size(), Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size > layout.size()
            && CURRENT
                .load(Relaxed)
                .saturating_add(new_size - layout.size())
                > HARD_LIMIT
        {
            over_limit(new_size);
        }
        let p = System.realloc(ptr, layout, new_size);
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                CURRENT.fetch_sub(layout.size() - new_size, Relaxed);
            }
        }
        p
    }
}

/// Start measuring: the peak becomes what is in use now, which is returned.
pub fn start() -> usize {
    let now = CURRENT.load(Relaxed);
    PEAK.store(now, Relaxed);
    now
}

/// The most held since [`start`] returned `base`, beyond `base`.
pub fn peak_since(base: usize) -> usize {
    PEAK.load(Relaxed).saturating_sub(base)
}
