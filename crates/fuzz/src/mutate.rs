//! Deterministic mutations of seed inputs: what bad luck (a flipped bit, a cut-off write) and
//! an attacker (huge numbers, deep nesting, swapped types) do to a file.

/// A small, fast, deterministic generator (SplitMix64).
#[derive(Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    pub fn chance(&mut self, one_in: usize) -> bool {
        self.below(one_in) == 0
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Numbers that break code which trusts them.
const HUGE: &[&str] = &[
    "0",
    "-1",
    "-0",
    "255",
    "256",
    "65536",
    "4294967295",
    "4294967296",
    "9223372036854775807",
    "9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775808",
    "99999999999999999999999999999999999999999",
    "1e308",
    "1e999",
    "-1e999",
    "0.0000001",
    "1.5",
    "NaN",
];

/// Values of other JSON types, to put where another type is expected.
const SWAPS: &[&str] = &[
    "null",
    "true",
    "false",
    "0",
    "-1",
    "\"\"",
    "\"x\"",
    "[]",
    "{}",
    "[null]",
    "{\"\":0}",
    "\"2026-02-30\"",
    "\"\\u0000\"",
    "\"\\ud800\"",
];

/// Text that is unusual for a parser.
const TOKENS: &[&str] = &[
    "\u{FEFF}",
    "\"",
    "\\",
    ",",
    ";",
    "\t",
    "\r\n",
    "\n",
    "=",
    "%",
    "%ZZ",
    "%00",
    "#",
    "?",
    "&",
    "/",
    "\u{0}",
    "\u{202E}",
    "é",
    "🚀",
    "\u{FFFD}",
    "'=1+1",
    "PMOB1;",
    "PMOB2;",
    "PMOZ1;",
    "v=9;",
    "r=;",
    "n=0;",
    "u=99999999999;",
];

fn is_digit_run_char(b: u8) -> bool {
    b.is_ascii_digit()
}

/// Apply one to four mutations to `input`.
pub fn mutate(input: &[u8], splice_from: &[u8], rng: &mut Rng) -> Vec<u8> {
    let mut out = input.to_vec();
    let rounds = 1 + rng.below(4);
    for _ in 0..rounds {
        mutate_once(&mut out, splice_from, rng);
    }
    out
}

fn mutate_once(out: &mut Vec<u8>, splice_from: &[u8], rng: &mut Rng) {
    let len = out.len();
    match rng.below(16) {
        // A flipped bit.
        0 if len > 0 => {
            let at = rng.below(len);
            out[at] ^= 1 << rng.below(8);
        }
        // A byte replaced.
        1 if len > 0 => {
            let at = rng.below(len);
            out[at] = rng.next() as u8;
        }
        // Cut short (a write interrupted).
        2 if len > 0 => {
            out.truncate(rng.below(len));
        }
        // A span removed.
        3 if len > 1 => {
            let a = rng.below(len);
            let b = (a + 1 + rng.below(64.min(len - a))).min(len);
            out.drain(a..b);
        }
        // A span repeated.
        4 if len > 1 => {
            let a = rng.below(len);
            let b = (a + 1 + rng.below(256.min(len - a))).min(len);
            let span = out[a..b].to_vec();
            let most = if rng.chance(8) { 200 } else { 3 };
            let times = 1 + rng.below(most);
            let at = rng.below(len);
            for _ in 0..times {
                out.splice(at..at, span.iter().copied());
            }
        }
        // A span of another seed spliced in.
        5 if !splice_from.is_empty() => {
            let a = rng.below(splice_from.len());
            let b = (a + 1 + rng.below(512.min(splice_from.len() - a))).min(splice_from.len());
            let at = rng.below(len + 1);
            out.splice(at..at, splice_from[a..b].iter().copied());
        }
        // Digits turned huge, negative or odd.
        6 | 7 => {
            let starts: Vec<usize> = (0..len)
                .filter(|&i| {
                    is_digit_run_char(out[i]) && (i == 0 || !is_digit_run_char(out[i - 1]))
                })
                .collect();
            if starts.is_empty() {
                return;
            }
            let a = *rng.pick(&starts);
            let mut b = a;
            while b < len && is_digit_run_char(out[b]) {
                b += 1;
            }
            let with = rng.pick(HUGE).as_bytes();
            out.splice(a..b, with.iter().copied());
        }
        // A value of another type.
        8 => {
            let starts: Vec<usize> = (0..len).filter(|&i| out[i] == b':').collect();
            if starts.is_empty() {
                return;
            }
            let colon = *rng.pick(&starts);
            // The value runs to the next `,` or `}` at this level (roughly).
            let mut end = colon + 1;
            let mut depth = 0i32;
            let mut in_str = false;
            while end < len {
                let c = out[end];
                if in_str {
                    if c == b'\\' {
                        end += 1;
                    } else if c == b'"' {
                        in_str = false;
                    }
                } else {
                    match c {
                        b'"' => in_str = true,
                        b'[' | b'{' => depth += 1,
                        b']' | b'}' if depth == 0 => break,
                        b']' | b'}' => depth -= 1,
                        b',' if depth == 0 => break,
                        _ => {}
                    }
                }
                end += 1;
            }
            let with = rng.pick(SWAPS).as_bytes();
            out.splice(colon + 1..end.min(len), with.iter().copied());
        }
        // Deep nesting.
        9 => {
            let most = if rng.chance(4) { 100_000 } else { 200 };
            let depth = 1 + rng.below(most);
            let (open, close) = if rng.chance(2) {
                (b'[', b']')
            } else {
                (b'{', b'}')
            };
            let at = rng.below(len + 1);
            let mut deep = Vec::with_capacity(depth * 6);
            for _ in 0..depth {
                if open == b'{' {
                    deep.extend_from_slice(b"{\"a\":");
                } else {
                    deep.push(open);
                }
            }
            deep.push(b'1');
            deep.extend(std::iter::repeat_n(close, depth));
            out.splice(at..at, deep);
        }
        // A very long string.
        10 => {
            let n = if rng.chance(8) {
                1 << 20
            } else {
                1 + rng.below(5000)
            };
            let quotes: Vec<usize> = (0..len).filter(|&i| out[i] == b'"').collect();
            let at = if quotes.is_empty() {
                rng.below(len + 1)
            } else {
                *rng.pick(&quotes) + 1
            };
            let c = *rng.pick(b"a9 ;,\\-");
            let mut long = vec![c; n];
            if c == b'\\' {
                long.push(b'\\');
            }
            out.splice(at..at, long);
        }
        // An odd token.
        11 => {
            let t = rng.pick(TOKENS).as_bytes();
            let at = rng.below(len + 1);
            out.splice(at..at, t.iter().copied());
        }
        // Plain random bytes.
        12 => {
            let n = rng.below(64);
            let at = rng.below(len + 1);
            let bytes: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            out.splice(at..at, bytes);
        }
        // A character of a packed body changed: its 15 bits stay in the packed range, so only
        // the checksum (or the inflater) can notice.
        13 | 14 => {
            let Ok(text) = std::str::from_utf8(out) else {
                return;
            };
            let chars: Vec<char> = text.chars().collect();
            let packed: Vec<usize> = (0..chars.len())
                .filter(|&i| (0x100..=0x80FF).contains(&(chars[i] as u32)))
                .collect();
            if packed.is_empty() {
                return;
            }
            let mut chars = chars;
            let at = *rng.pick(&packed);
            let v = (chars[at] as u32 - 0x100) ^ (1 << rng.below(15));
            chars[at] = char::from_u32(0x100 + v).unwrap_or('\u{100}');
            *out = chars.into_iter().collect::<String>().into_bytes();
        }
        // A digit changed by one (the subtlest change to a number or a header field).
        _ => {
            let digits: Vec<usize> = (0..len).filter(|&i| out[i].is_ascii_digit()).collect();
            if digits.is_empty() {
                return;
            }
            let at = *rng.pick(&digits);
            out[at] = if out[at] == b'9' { b'0' } else { out[at] + 1 };
        }
    }
}

/// Plain random bytes (sometimes text-like).
pub fn random_input(rng: &mut Rng) -> Vec<u8> {
    let most = if rng.chance(10) { 20_000 } else { 300 };
    let n = rng.below(most);
    if rng.chance(2) {
        (0..n).map(|_| rng.next() as u8).collect()
    } else {
        const ALPHABET: &[u8] = b"{}[]\":,0123456789-.eE abcxyz\\;=#?&%/\n\tPMOBZ";
        (0..n).map(|_| *rng.pick(ALPHABET)).collect()
    }
}
