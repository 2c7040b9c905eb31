//! Writing CSV: cells a spreadsheet would run as a formula are neutralised, and the text
//! starts with a byte-order mark. Reading one: the bytes of a file as text, in the encoding
//! the file is in ([`decode`]).

/// Neutralise a cell a spreadsheet would treat as a formula (OWASP: = + - @, tab, CR) by
/// putting a `'` before it. A cell that starts with `'` gets one too, so that `restore` (in `portfolio::csv`)
/// gives back exactly what was written.
pub fn neutralise(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r' | '\'') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

/// The text of a CSV writer's output, UTF-8 with a byte-order mark so that spreadsheets
/// detect the encoding.
pub fn finish(w: csv::Writer<Vec<u8>>) -> String {
    let bytes = w.into_inner().expect("writing to memory");
    format!(
        "\u{FEFF}{}",
        String::from_utf8(bytes).expect("CSV of UTF-8 strings is UTF-8")
    )
}

/// The encodings [`decode`] reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// What Excel on Windows writes as "CSV": every byte is a character, so any file reads.
    Windows1252,
}

impl Encoding {
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le | Encoding::Utf16Be => "UTF-16",
            Encoding::Windows1252 => "Windows-1252",
        }
    }
}

/// Characters 0x80–0x9F of Windows-1252 (the five bytes it leaves undefined stay the control
/// characters of the same number, as browsers decode them).
const CP1252_HIGH: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{2C6}', '\u{2030}', '\u{160}', '\u{2039}', '\u{152}', '\u{8D}', '\u{17D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{2DC}', '\u{2122}', '\u{161}', '\u{203A}', '\u{153}', '\u{9D}', '\u{17E}', '\u{178}',
];

/// A text file's bytes as text: UTF-8 (with or without a byte-order mark), UTF-16 with its
/// byte-order mark, else Windows-1252. The encoding read is returned, to be shown: a file
/// that is not UTF-8 is never read as something else without a word.
pub fn decode(bytes: &[u8]) -> Result<(String, Encoding), String> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return std::str::from_utf8(rest)
            .map(|t| (t.to_string(), Encoding::Utf8))
            .map_err(|e| {
                format!(
                    "it says it is UTF-8 but byte {} is not: save it again as CSV UTF-8.",
                    e.valid_up_to() + 3
                )
            });
    }
    for (bom, enc) in [
        (b"\xFF\xFE", Encoding::Utf16Le),
        (b"\xFE\xFF", Encoding::Utf16Be),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            if rest.len() % 2 != 0 {
                return Err(
                    "it is UTF-16 with an odd number of bytes: it may be cut short.".into(),
                );
            }
            let units = rest.chunks_exact(2).map(|c| match enc {
                Encoding::Utf16Le => u16::from_le_bytes([c[0], c[1]]),
                _ => u16::from_be_bytes([c[0], c[1]]),
            });
            return char::decode_utf16(units)
                .collect::<Result<String, _>>()
                .map(|t| (t, enc))
                .map_err(|_| {
                    "it is UTF-16 with a broken character: save it again as CSV UTF-8.".into()
                });
        }
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Ok((t.to_string(), Encoding::Utf8)),
        Err(_) => Ok((
            bytes
                .iter()
                .map(|&b| match b {
                    0x80..=0x9F => CP1252_HIGH[usize::from(b - 0x80)],
                    _ => char::from(b),
                })
                .collect(),
            Encoding::Windows1252,
        )),
    }
}
