//! Excel workbooks (`.xlsx`, Office Open XML, ECMA-376): writing tables with real number,
//! date, amount and percentage cells, a frozen and filtered header row and RAG fills; and
//! reading a sheet's cells as text, for the same mapping and preview as a CSV.
//!
//! Written by hand on [`super::zip`] rather than with rust_xlsxwriter and calamine: those two
//! bring a second deflate (zlib-rs), encoding tables and random numbers that need wasm
//! configuration, for the few parts a table needs (see issue 21 in docs/architecture.md).
//!
//! Reading takes untrusted bytes: every part unpacks to at most [`MAX_PART`] and to at most
//! 100 times the file; at most [`MAX_CELLS`] cells and [`MAX_COLUMNS`] columns are read.
//! Formulas are read as the value Excel saved with them, never run.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::common::text::escape_xml;
use crate::common::zip::{self, Archive};

/// A cell of a written sheet.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    Number(f64),
    /// An amount in the workbook's currency (major units).
    Money(f64),
    /// A share: 0.4 shows as 40 %.
    Percent(f64),
    Date(NaiveDate),
    /// Text on a RAG fill.
    Rag(String, Rag),
}

/// The fills of RAG cells.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rag {
    Green,
    Amber,
    Red,
}

/// A sheet to write: a header row, then rows.
#[derive(Clone, Debug, PartialEq)]
pub struct Sheet {
    pub name: String,
    pub header: Vec<String>,
    pub rows: Vec<Vec<Cell>>,
}

/// Excel's day number of a date (1900 date system: 1899-12-30 is day 0).
pub fn serial(d: NaiveDate) -> i64 {
    (d - NaiveDate::from_ymd_opt(1899, 12, 30).expect("a date")).num_days()
}

/// A sheet name as Excel allows it: at most 31 characters, none of `[]:*?/\`, unique.
fn sheet_name(wanted: &str, taken: &[String]) -> String {
    let clean: String = wanted
        .chars()
        .filter(|c| !"[]:*?/\\'".contains(*c) && !c.is_control())
        .take(31)
        .collect();
    let base = if clean.trim().is_empty() {
        "Sheet".to_string()
    } else {
        clean.trim().to_string()
    };
    let mut name = base.clone();
    let mut n = 2;
    while taken.iter().any(|t| t.eq_ignore_ascii_case(&name)) {
        let suffix = format!(" ({n})");
        name = format!(
            "{}{suffix}",
            base.chars().take(31 - suffix.len()).collect::<String>()
        );
        n += 1;
    }
    name
}

/// The column letters of a zero-based index: 0 → A, 26 → AA.
pub fn column_letters(mut i: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII")
}

// Cell formats (`cellXfs`), in the order of STYLES below.
const XF_HEADER: u8 = 1;
const XF_DATE: u8 = 2;
const XF_MONEY: u8 = 3;
const XF_PERCENT: u8 = 4;
const XF_NUMBER: u8 = 5;
const XF_GREEN: u8 = 6;

fn styles(currency: &str) -> String {
    let code = escape_xml(&format!("#,##0.00 \"{}\"", currency.replace('"', "")));
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/><numFmt numFmtId="165" formatCode="{code}"/></numFmts>"#,
            r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#,
            r#"<fills count="5"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFC6EFCE"/></patternFill></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFEB9C"/></patternFill></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFC7CE"/></patternFill></fill></fills>"#,
            r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="9">"#,
            r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
            r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="9" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="4" borderId="0" xfId="0" applyFill="1"/>"#,
            r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>"#
        ),
        code = code
    )
}

fn text_cell(out: &mut String, at: &str, style: u8, text: &str) {
    out.push_str(&format!(
        r#"<c r="{at}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{}</t></is></c>"#,
        escape_xml(text)
    ));
}

fn number_cell(out: &mut String, at: &str, style: u8, v: f64) {
    if v.is_finite() {
        out.push_str(&format!(r#"<c r="{at}" s="{style}"><v>{v}</v></c>"#));
    }
}

fn sheet_xml(sheet: &Sheet) -> String {
    let width = sheet
        .header
        .len()
        .max(sheet.rows.iter().map(Vec::len).max().unwrap_or(0))
        .max(1);
    let last = format!("{}{}", column_letters(width - 1), sheet.rows.len() + 1);
    let mut out = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#
    ));
    out.push_str(&format!(r#"<dimension ref="A1:{last}"/>"#));
    out.push_str(r#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>"#);
    // Widths from the longest text of each column (in characters, within reason).
    out.push_str("<cols>");
    for c in 0..width {
        let longest = std::iter::once(sheet.header.get(c).map_or(0, |h| h.chars().count()))
            .chain(sheet.rows.iter().map(|r| match r.get(c) {
                Some(Cell::Text(t) | Cell::Rag(t, _)) => t.chars().count(),
                Some(Cell::Money(_)) => 16,
                Some(Cell::Date(_)) => 11,
                Some(Cell::Number(_) | Cell::Percent(_)) => 8,
                _ => 0,
            }))
            .max()
            .unwrap_or(8);
        let w = (longest + 2).clamp(6, 60);
        out.push_str(&format!(
            r#"<col min="{n}" max="{n}" width="{w}" customWidth="1"/>"#,
            n = c + 1
        ));
    }
    out.push_str("</cols><sheetData>");
    out.push_str(r#"<row r="1">"#);
    for (c, h) in sheet.header.iter().enumerate() {
        text_cell(&mut out, &format!("{}1", column_letters(c)), XF_HEADER, h);
    }
    out.push_str("</row>");
    for (r, row) in sheet.rows.iter().enumerate() {
        let n = r + 2;
        out.push_str(&format!(r#"<row r="{n}">"#));
        for (c, cell) in row.iter().enumerate() {
            let at = format!("{}{n}", column_letters(c));
            match cell {
                Cell::Empty => {}
                Cell::Text(t) => text_cell(&mut out, &at, 0, t),
                Cell::Rag(t, rag) => text_cell(&mut out, &at, XF_GREEN + *rag as u8, t),
                Cell::Number(v) => number_cell(&mut out, &at, XF_NUMBER, *v),
                Cell::Money(v) => number_cell(&mut out, &at, XF_MONEY, *v),
                Cell::Percent(v) => number_cell(&mut out, &at, XF_PERCENT, *v),
                Cell::Date(d) => number_cell(&mut out, &at, XF_DATE, serial(*d) as f64),
            }
        }
        out.push_str("</row>");
    }
    out.push_str("</sheetData>");
    out.push_str(&format!(r#"<autoFilter ref="A1:{last}"/>"#));
    out.push_str("</worksheet>");
    out
}

/// A workbook of `sheets`, amounts in `currency`.
pub fn workbook(sheets: &[Sheet], currency: &str) -> Vec<u8> {
    let mut names: Vec<String> = Vec::new();
    for s in sheets {
        let n = sheet_name(&s.name, &names);
        names.push(n);
    }
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut types = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
    ));
    let mut book_sheets = String::new();
    let mut rels = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
    ));
    let mut defined = String::new();
    for (i, (s, name)) in sheets.iter().zip(&names).enumerate() {
        let n = i + 1;
        types.push_str(&format!(r#"<Override PartName="/xl/worksheets/sheet{n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#));
        book_sheets.push_str(&format!(
            r#"<sheet name="{}" sheetId="{n}" r:id="rId{n}"/>"#,
            escape_xml(name)
        ));
        rels.push_str(&format!(r#"<Relationship Id="rId{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{n}.xml"/>"#));
        let width = s
            .header
            .len()
            .max(s.rows.iter().map(Vec::len).max().unwrap_or(0))
            .max(1);
        defined.push_str(&format!(
            r#"<definedName name="_xlnm._FilterDatabase" localSheetId="{i}" hidden="1">'{}'!$A$1:${}${}</definedName>"#,
            escape_xml(name),
            column_letters(width - 1),
            s.rows.len() + 1
        ));
        files.push((
            format!("xl/worksheets/sheet{n}.xml"),
            sheet_xml(s).into_bytes(),
        ));
    }
    types.push_str("</Types>");
    rels.push_str("</Relationships>");
    let book = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#,
            r#"<bookViews><workbookView/></bookViews><sheets>{}</sheets><definedNames>{}</definedNames></workbook>"#
        ),
        book_sheets, defined
    );
    let root_rels = concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
        r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
        r#"</Relationships>"#
    );
    let mut all: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), types.into_bytes()),
        ("_rels/.rels".into(), root_rels.as_bytes().to_vec()),
        ("xl/workbook.xml".into(), book.into_bytes()),
        ("xl/_rels/workbook.xml.rels".into(), rels.into_bytes()),
        ("xl/styles.xml".into(), styles(currency).into_bytes()),
    ];
    all.append(&mut files);
    zip::write(&all)
}

// ---- Reading ----

/// At most this many bytes unpacked per part of a workbook read.
pub const MAX_PART: usize = 200 * 1024 * 1024;
/// At most this many cells are read from a sheet.
pub const MAX_CELLS: usize = 5_000_000;
/// At most this many columns.
pub const MAX_COLUMNS: usize = 500;

/// One XML event of the minimal reader below.
#[derive(Debug, PartialEq)]
enum Event<'a> {
    /// A start tag: its local name and attributes (local names, decoded values); `true` if it
    /// closes itself.
    Start(&'a str, Vec<(&'a str, String)>, bool),
    End(&'a str),
    Text(String),
}

fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// Decode XML entities (`&amp;`, `&#233;`, `&#xE9;`); an unknown or broken one is kept as it is.
fn unescape(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest[..rest.len().min(12)].find(';') else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..end];
        let c = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => name
                .strip_prefix("#x")
                .map(|h| u32::from_str_radix(h, 16))
                .or_else(|| name.strip_prefix('#').map(str::parse::<u32>))
                .and_then(Result::ok)
                .and_then(char::from_u32),
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The events of an XML text, in order (enough of XML for the parts of a workbook).
fn events(xml: &str) -> Result<Vec<Event<'_>>, String> {
    let mut out = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            out.push(Event::Text(unescape(rest)));
            break;
        };
        if lt > 0 {
            out.push(Event::Text(unescape(&rest[..lt])));
        }
        rest = &rest[lt..];
        if let Some(r) = rest.strip_prefix("<![CDATA[") {
            let end = r.find("]]>").ok_or("an unfinished CDATA section")?;
            out.push(Event::Text(r[..end].to_string()));
            rest = &r[end + 3..];
            continue;
        }
        if rest.starts_with("<!--") {
            let end = rest.find("-->").ok_or("an unfinished comment")?;
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = rest.find('>').ok_or("an unfinished declaration")?;
            rest = &rest[end + 1..];
            continue;
        }
        // A tag: find its end outside quoted attribute values.
        let mut quote = None;
        let mut end = None;
        for (i, b) in rest.bytes().enumerate().skip(1) {
            match (quote, b) {
                (None, b'"' | b'\'') => quote = Some(b),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let end = end.ok_or("an unfinished tag")?;
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            out.push(Event::End(local(name.trim())));
            continue;
        }
        let closed = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name_end = tag.find(|c: char| c.is_whitespace()).unwrap_or(tag.len());
        let name = local(&tag[..name_end]);
        let mut attrs = Vec::new();
        let mut a = tag[name_end..].trim_start();
        while let Some(eq) = a.find('=') {
            let key = local(a[..eq].trim());
            let v = a[eq + 1..].trim_start();
            let q = v
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
                .ok_or("an attribute without quotes")?;
            let close = v[1..].find(q).ok_or("an unfinished attribute")?;
            attrs.push((key, unescape(&v[1..close + 1])));
            a = v[close + 2..].trim_start();
        }
        out.push(Event::Start(name, attrs, closed));
    }
    Ok(out)
}

fn attr<'a>(attrs: &'a [(&str, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// A workbook being read: its sheets' names and where they are.
pub struct Workbook<'a> {
    archive: Archive<'a>,
    limit: usize,
    /// (name, part path) of each sheet, in the workbook's order.
    pub sheets: Vec<(String, String)>,
}

fn text_of(archive: &Archive, name: &str, limit: usize) -> Result<String, String> {
    let bytes = archive.file(name, limit)?;
    String::from_utf8(bytes).map_err(|_| format!("its part {name} is not UTF-8 text"))
}

/// Resolve a relationship target against the folder of `xl/workbook.xml`.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(abs) => abs.to_string(),
        None => {
            let mut parts: Vec<&str> = vec!["xl"];
            for seg in target.split('/') {
                match seg {
                    ".." => {
                        parts.pop();
                    }
                    "." | "" => {}
                    s => parts.push(s),
                }
            }
            parts.join("/")
        }
    }
}

impl<'a> Workbook<'a> {
    /// Open a workbook: its parts' directory and its list of sheets.
    pub fn open(bytes: &'a [u8]) -> Result<Workbook<'a>, String> {
        let archive = Archive::read(bytes)?;
        if !archive.has("xl/workbook.xml") {
            return Err("it is not an Excel workbook (.xlsx): it has no workbook part (an .xls or .ods file must be saved as .xlsx first)".into());
        }
        let limit = MAX_PART.min(bytes.len().saturating_mul(100).max(1 << 20));
        let rels = text_of(&archive, "xl/_rels/workbook.xml.rels", limit)?;
        let mut targets = HashMap::new();
        for e in events(&rels).map_err(|e| format!("its part list is damaged: {e}"))? {
            if let Event::Start("Relationship", a, _) = e {
                if let (Some(id), Some(t)) = (attr(&a, "Id"), attr(&a, "Target")) {
                    targets.insert(id.to_string(), part_path(t));
                }
            }
        }
        let book = text_of(&archive, "xl/workbook.xml", limit)?;
        let mut sheets = Vec::new();
        for e in events(&book).map_err(|e| format!("its workbook part is damaged: {e}"))? {
            if let Event::Start("sheet", a, _) = e {
                let name = attr(&a, "name").unwrap_or("Sheet").to_string();
                if let Some(path) = attr(&a, "id").and_then(|id| targets.get(id)) {
                    sheets.push((name, path.clone()));
                }
            }
        }
        if sheets.is_empty() {
            return Err("it has no sheet".into());
        }
        Ok(Workbook {
            archive,
            limit,
            sheets,
        })
    }

    /// The cells of sheet `index` as text, row by row (a row as long as its last cell).
    /// Numbers are written as Excel shows them without formatting; dates (cells with a
    /// date format) as 2026-02-15.
    pub fn rows(&self, index: usize) -> Result<Vec<Vec<String>>, String> {
        let (_, path) = self.sheets.get(index).ok_or("there is no such sheet")?;
        let shared = if self.archive.has("xl/sharedStrings.xml") {
            shared_strings(&text_of(&self.archive, "xl/sharedStrings.xml", self.limit)?)?
        } else {
            Vec::new()
        };
        let dates = if self.archive.has("xl/styles.xml") {
            date_styles(&text_of(&self.archive, "xl/styles.xml", self.limit)?)?
        } else {
            Vec::new()
        };
        let xml = text_of(&self.archive, path, self.limit)?;
        sheet_rows(&xml, &shared, &dates)
    }
}

fn shared_strings(xml: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut current: Option<String> = None;
    let mut in_t = false;
    // Phonetic runs (`rPh`) are not part of the text.
    let mut in_ph = false;
    for e in events(xml).map_err(|e| format!("its shared text is damaged: {e}"))? {
        match e {
            Event::Start("si", _, closed) => {
                if closed {
                    out.push(String::new());
                } else {
                    current = Some(String::new());
                }
            }
            Event::End("si") => out.push(current.take().unwrap_or_default()),
            Event::Start("rPh", _, false) => in_ph = true,
            Event::End("rPh") => in_ph = false,
            Event::Start("t", _, closed) => in_t = !closed,
            Event::End("t") => in_t = false,
            Event::Text(t) if in_t && !in_ph => {
                if let Some(c) = current.as_mut() {
                    c.push_str(&t);
                }
            }
            _ => {}
        }
    }
    Ok(out)
}

/// Whether a number format shows a date: a built-in date format, or a code with d, m or y
/// outside quotes and brackets (`[Red]`, `"EUR"`).
fn is_date_format(id: u32, code: Option<&str>) -> bool {
    if matches!(id, 14..=22 | 45..=47) {
        return true;
    }
    let Some(code) = code else { return false };
    let mut quoted = false;
    let mut bracket = false;
    let mut prev = ' ';
    for c in code.chars() {
        match c {
            '"' => quoted = !quoted,
            '[' if !quoted => bracket = true,
            ']' if !quoted => bracket = false,
            'd' | 'D' | 'm' | 'M' | 'y' | 'Y' if !quoted && !bracket && prev != '\\' => {
                return true
            }
            _ => {}
        }
        prev = c;
    }
    false
}

/// How a cell format shows a number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shown {
    Plain,
    Date,
    Percent,
}

fn is_percent_format(id: u32, code: Option<&str>) -> bool {
    matches!(id, 9 | 10) || code.is_some_and(|c| c.trim_end().ends_with('%'))
}

/// For each cell format (`cellXfs` index), how it shows a number.
fn date_styles(xml: &str) -> Result<Vec<Shown>, String> {
    let ev = events(xml).map_err(|e| format!("its styles are damaged: {e}"))?;
    let mut codes: HashMap<u32, String> = HashMap::new();
    for e in &ev {
        if let Event::Start("numFmt", a, _) = e {
            if let (Some(id), Some(code)) = (
                attr(a, "numFmtId").and_then(|v| v.parse().ok()),
                attr(a, "formatCode"),
            ) {
                codes.insert(id, code.to_string());
            }
        }
    }
    let mut out = Vec::new();
    let mut in_xfs = false;
    for e in &ev {
        match e {
            Event::Start("cellXfs", _, _) => in_xfs = true,
            Event::End("cellXfs") => in_xfs = false,
            Event::Start("xf", a, _) if in_xfs => {
                let id = attr(a, "numFmtId")
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0);
                let code = codes.get(&id).map(String::as_str);
                out.push(if is_percent_format(id, code) {
                    Shown::Percent
                } else if is_date_format(id, code) {
                    Shown::Date
                } else {
                    Shown::Plain
                });
            }
            _ => {}
        }
    }
    Ok(out)
}

/// The zero-based column of a cell reference ("C7" → 2).
fn column_of(r: &str) -> Option<usize> {
    let letters: String = r.chars().take_while(|c| c.is_ascii_alphabetic()).collect();
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut n = 0usize;
    for c in letters.chars() {
        n = n * 26 + (c.to_ascii_uppercase() as usize - 'A' as usize + 1);
    }
    Some(n - 1)
}

/// A number as text the way a person would type it (no exponent for usual sizes).
fn number_text(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn date_text(v: f64) -> Option<String> {
    if !(1.0..2_958_466.0).contains(&v) {
        return None;
    }
    let base = NaiveDate::from_ymd_opt(1899, 12, 30)?;
    base.checked_add_signed(chrono::Duration::days(v.floor() as i64))
        .map(|d| d.format("%Y-%m-%d").to_string())
}

fn sheet_rows(xml: &str, shared: &[String], shown: &[Shown]) -> Result<Vec<Vec<String>>, String> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut cells = 0usize;
    // Rows and cells made, counting the blank ones a reference skips: at most about one per
    // byte of the sheet, so that `<row r="1000000"/>` cannot make a million rows.
    let budget = xml.len() + 10_000;
    let mut slots = 0usize;
    let too_big = || format!("it reserves more rows and columns than it fills (over {budget})");
    // The cell being read: column, type, style, value text, inline text.
    struct Current {
        col: usize,
        kind: String,
        style: usize,
        value: String,
        inline: String,
    }
    let mut cell: Option<Current> = None;
    let mut in_v = false;
    let mut in_t = false;
    let mut row_no: usize = 0;
    for e in events(xml).map_err(|e| format!("its sheet is damaged: {e}"))? {
        match e {
            Event::Start("row", a, closed) => {
                let n = attr(&a, "r")
                    .and_then(|v| v.parse::<usize>().ok())
                    .unwrap_or(row_no + 1);
                if n <= row_no || n > 1_048_576 {
                    return Err("its rows are out of order".into());
                }
                row_no = n;
                // Blank rows between are kept, so that line numbers match Excel's.
                slots += n - rows.len();
                if slots > budget {
                    return Err(too_big());
                }
                while rows.len() < n - 1 {
                    rows.push(Vec::new());
                }
                if !closed {
                    rows.push(Vec::new());
                }
            }
            Event::Start("c", a, closed) => {
                let row = rows.last().map_or(0, Vec::len);
                let col = attr(&a, "r").and_then(column_of).unwrap_or(row);
                if col >= MAX_COLUMNS {
                    return Err(format!("it has more than {MAX_COLUMNS} columns"));
                }
                cells += 1;
                if cells > MAX_CELLS {
                    return Err(format!("it has more than {MAX_CELLS} cells"));
                }
                let c = Current {
                    col,
                    kind: attr(&a, "t").unwrap_or("n").to_string(),
                    style: attr(&a, "s").and_then(|v| v.parse().ok()).unwrap_or(0),
                    value: String::new(),
                    inline: String::new(),
                };
                if closed {
                    continue;
                }
                cell = Some(c);
            }
            Event::Start("v", _, closed) => in_v = !closed,
            Event::End("v") => in_v = false,
            Event::Start("t", _, closed) => in_t = !closed,
            Event::End("t") => in_t = false,
            Event::Text(t) => {
                if let Some(c) = cell.as_mut() {
                    if in_v {
                        c.value.push_str(&t);
                    } else if in_t {
                        c.inline.push_str(&t);
                    }
                }
            }
            Event::End("c") => {
                let Some(c) = cell.take() else { continue };
                let text = match c.kind.as_str() {
                    "s" => c
                        .value
                        .trim()
                        .parse::<usize>()
                        .ok()
                        .and_then(|i| shared.get(i))
                        .cloned()
                        .unwrap_or_default(),
                    "inlineStr" => c.inline,
                    "str" | "e" => c.value,
                    "b" => {
                        if c.value.trim() == "1" {
                            "TRUE".into()
                        } else {
                            "FALSE".into()
                        }
                    }
                    _ => match c.value.trim().parse::<f64>() {
                        Ok(v) => match shown.get(c.style).copied().unwrap_or(Shown::Plain) {
                            Shown::Date => date_text(v).unwrap_or_else(|| number_text(v)),
                            Shown::Percent => format!("{}%", number_text((v * 1e6).round() / 1e4)),
                            Shown::Plain => number_text(v),
                        },
                        Err(_) => c.value,
                    },
                };
                let Some(row) = rows.last_mut() else {
                    return Err("it has a cell outside a row".into());
                };
                if row.len() <= c.col {
                    slots += c.col + 1 - row.len();
                    if slots > budget {
                        return Err(too_big());
                    }
                    row.resize(c.col + 1, String::new());
                }
                row[c.col] = text;
            }
            _ => {}
        }
    }
    Ok(rows)
}
