//! The register as CSV: export (RFC 4180, UTF-8, cells that a spreadsheet would run as a
//! formula neutralised) and import with a preview — columns mapped to fields, rows matched to
//! existing projects by code, every problem listed by row, column and reason — that changes
//! nothing until it is applied.

use std::collections::HashMap;

use crate::common::csv::{finish, neutralise};
use crate::model::{Person, Phase, Project, ProjectManager, Status, Workspace};
use crate::portfolio::csv_choices::{date_in, person_key, value_key, Choices, DateColumn};
use crate::portfolio::priority_score;
use crate::portfolio::project::{blank_project, money_input, parse_money, ProjectChecks};

/// A field of a project that a CSV column can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    Code,
    Name,
    Description,
    Portfolio,
    Programme,
    Phase,
    Status,
    Managers,
    Sponsor,
    PmoContact,
    Start,
    End,
    BaselineEnd,
    Planned,
    Actual,
    Forecast,
    Complete,
}

impl Field {
    pub const ALL: [Field; 17] = [
        Field::Code,
        Field::Name,
        Field::Description,
        Field::Portfolio,
        Field::Programme,
        Field::Phase,
        Field::Status,
        Field::Managers,
        Field::Sponsor,
        Field::PmoContact,
        Field::Start,
        Field::End,
        Field::BaselineEnd,
        Field::Planned,
        Field::Actual,
        Field::Forecast,
        Field::Complete,
    ];

    /// The column heading used on export (and recognised on import).
    pub fn heading(self) -> &'static str {
        match self {
            Field::Code => "Code",
            Field::Name => "Name",
            Field::Description => "Description",
            Field::Portfolio => "Portfolio",
            Field::Programme => "Programme",
            Field::Phase => "Phase",
            Field::Status => "Status",
            Field::Managers => "Project managers",
            Field::Sponsor => "Sponsor",
            Field::PmoContact => "PMO contact",
            Field::Start => "Start",
            Field::End => "End",
            Field::BaselineEnd => "Baseline end",
            Field::Planned => "Planned budget",
            Field::Actual => "Actual cost",
            Field::Forecast => "Forecast cost",
            Field::Complete => "% complete",
        }
    }

    /// Other headings people and other tools use for the same field, in order of preference
    /// (the fixtures of OpenProject, Smartsheet, MS Project and Jira exports in
    /// `tests/fixtures/csv/` map with them). Compared as [`heading_norm`] leaves them.
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            Field::Code => &[
                "project code",
                "identifier",
                "project key",
                "issue key",
                "key",
                "project id",
                "unique id",
                "project number",
                "id",
            ],
            Field::Name => &[
                "project name",
                "project",
                "title",
                "subject",
                "summary",
                "task name",
            ],
            Field::Portfolio => &["portfolio name"],
            Field::Programme => &[
                "program",
                "programme name",
                "program name",
                "parent project",
                "parent",
            ],
            Field::Phase => &["project phase", "stage", "lifecycle phase"],
            Field::Status => &[
                "project status",
                "overall status",
                "health",
                "rag status",
                "rag",
                "state",
            ],
            Field::Managers => &[
                "project manager",
                "project managers",
                "pm",
                "pms",
                "manager",
                "project owner",
                "owner",
                "assignee",
                "resource names",
            ],
            Field::Sponsor => &["project sponsor", "executive sponsor", "accountable"],
            Field::PmoContact => &["pmo", "pmo contact person"],
            Field::Start => &["start date", "planned start", "begin"],
            Field::End => &[
                "end date",
                "finish",
                "finish date",
                "planned finish",
                "due",
                "due date",
                "target date",
            ],
            Field::BaselineEnd => &[
                "baseline",
                "baseline end date",
                "baseline finish",
                "baseline finish date",
            ],
            Field::Planned => &[
                "budget",
                "planned",
                "planned cost",
                "baseline cost",
                "budget at completion",
                "bac",
            ],
            Field::Actual => &["actual", "actuals", "spent", "actual costs", "cost to date"],
            Field::Forecast => &[
                "forecast",
                "eac",
                "estimate at completion",
                "cost",
                "estimated cost",
            ],
            Field::Complete => &[
                "percent complete",
                "complete",
                "progress",
                "done",
                "percent done",
                "done ratio",
            ],
            _ => &[],
        }
    }

    /// Whether the field's values come from a fixed list (mapped value by value on import).
    pub fn is_choice(self) -> bool {
        matches!(self, Field::Status | Field::Phase)
    }

    /// Whether the field holds dates.
    pub fn is_date(self) -> bool {
        matches!(self, Field::Start | Field::End | Field::BaselineEnd)
    }
}

/// Headings of the export, after the fields: derived values (how the project stands and
/// why) that import ignores.
const EXTRA_HEADINGS: [&str; 8] = [
    "Schedule RAG",
    "Cost RAG",
    "Scope RAG",
    "Trend",
    "Latest commentary",
    "Last updated",
    "Priority score",
    "Archived",
];

/// Undo [`neutralise`] on import.
fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r', '\'']) => rest,
        _ => cell,
    }
}

pub(crate) fn managers_text(ws: &Workspace, p: &Project) -> String {
    p.managers
        .iter()
        .map(|m| {
            let name = ws
                .person(&m.person_id)
                .map_or(m.person_id.as_str(), |x| x.name.as_str());
            if m.label.is_empty() {
                name.to_string()
            } else {
                format!("{name} ({})", m.label)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn person_name(ws: &Workspace, id: &Option<String>) -> String {
    id.as_deref()
        .map(|id| ws.person(id).map_or(id.to_string(), |p| p.name.clone()))
        .unwrap_or_default()
}

fn value(ws: &Workspace, p: &Project, f: Field) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
    match f {
        Field::Code => p.code.clone(),
        Field::Name => p.name.clone(),
        Field::Description => p.description.clone(),
        Field::Portfolio => ws
            .portfolio(&p.portfolio_id)
            .map_or(p.portfolio_id.clone(), |x| x.name.clone()),
        Field::Programme => p
            .programme_id
            .as_deref()
            .map(|id| ws.programme(id).map_or(id.to_string(), |x| x.name.clone()))
            .unwrap_or_default(),
        Field::Phase => p.phase.label().into(),
        Field::Status => p.status.label().into(),
        Field::Managers => managers_text(ws, p),
        Field::Sponsor => person_name(ws, &p.sponsor_id),
        Field::PmoContact => person_name(ws, &p.pmo_contact_id),
        Field::Start => date(p.start),
        Field::End => date(p.end),
        Field::BaselineEnd => date(p.baseline_end),
        Field::Planned => money_input(p.budget.planned),
        Field::Actual => money_input(p.budget.actual),
        Field::Forecast => money_input(p.budget.forecast),
        Field::Complete => p.percent_complete.to_string(),
    }
}

/// The projects at `rows` (indices into the workspace) as CSV text, UTF-8 with a byte-order
/// mark so that spreadsheets detect the encoding, lines ending in CRLF.
pub fn export(ws: &Workspace, rows: &[usize]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let headings = Field::ALL.iter().map(|f| f.heading()).chain(EXTRA_HEADINGS);
    w.write_record(headings).expect("writing to memory");
    for &i in rows {
        let p = &ws.projects[i];
        let mut record: Vec<String> = Field::ALL
            .iter()
            .map(|f| neutralise(&value(ws, p, *f)))
            .collect();
        let latest = crate::portfolio::latest_update(p);
        for rag in [p.rag.schedule, p.rag.cost, p.rag.scope] {
            record.push(match rag {
                crate::model::Rag::NotSet => String::new(),
                r => r.label().into(),
            });
        }
        record.push(crate::portfolio::trend(p).label().into());
        record.push(neutralise(latest.map_or("", |u| u.commentary.as_str())));
        record.push(latest.map(|u| u.date.to_string()).unwrap_or_default());
        record.push(format!("{:.1}", priority_score(ws, p)));
        record.push(if p.archived { "yes" } else { "no" }.into());
        w.write_record(&record).expect("writing to memory");
    }
    finish(w)
}

/// A parsed CSV file: its headings and rows of cells. The cells are kept in one buffer, so a
/// file of many small cells takes little more memory than its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    pub headings: Vec<String>,
    /// Every cell's text, one after the other.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
    /// Where each row's first cell is in `ends`, and one past the last row.
    starts: Vec<u32>,
    /// The line of the file each row starts on (a quoted cell may span lines).
    lines: Vec<u32>,
}

/// One row of a [`Table`].
#[derive(Clone, Copy, Debug)]
pub struct Row<'a> {
    table: &'a Table,
    first: usize,
    len: usize,
    line: usize,
}

impl<'a> Row<'a> {
    /// The line of the file the row starts on (the headings are line 1).
    pub fn line(&self) -> usize {
        self.line
    }

    /// The cell in column `i`, if the row has one.
    pub fn get(&self, i: usize) -> Option<&'a str> {
        (i < self.len).then(|| self.table.cell(self.first + i))
    }

    pub fn iter(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len).map(|i| self.table.cell(self.first + i))
    }
}

impl Table {
    /// A table of these headings and rows (for tests and other sources).
    pub fn new(headings: Vec<String>, rows: &[Vec<String>]) -> Table {
        let mut t = Table {
            headings,
            text: String::new(),
            ends: Vec::new(),
            starts: vec![0],
            lines: Vec::new(),
        };
        for (i, row) in rows.iter().enumerate() {
            t.push_row(row.iter().map(String::as_str), i + 2);
        }
        t
    }

    fn push_row<'s>(&mut self, cells: impl Iterator<Item = &'s str>, line: usize) {
        self.lines.push(u32::try_from(line).unwrap_or(u32::MAX));
        for c in cells {
            self.text.push_str(c);
            self.ends.push(self.text.len() as u32);
        }
        self.starts.push(self.ends.len() as u32);
    }

    fn cell(&self, k: usize) -> &str {
        let start = if k == 0 { 0 } else { self.ends[k - 1] as usize };
        &self.text[start..self.ends[k] as usize]
    }

    /// The number of rows (the headings not counted).
    pub fn len(&self) -> usize {
        self.starts.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn row(&self, i: usize) -> Row<'_> {
        let first = self.starts[i] as usize;
        Row {
            table: self,
            first,
            len: self.starts[i + 1] as usize - first,
            line: self.lines[i] as usize,
        }
    }

    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> + '_ {
        (0..self.len()).map(|i| self.row(i))
    }
}

/// The most columns a file may have (the register has 19).
pub const MAX_COLUMNS: usize = 500;
/// The most text a file may hold (cells are indexed with 32-bit offsets).
const MAX_TEXT: usize = u32::MAX as usize / 2;

/// The line of the first record with more than [`MAX_COLUMNS`] cells, found without
/// allocating. It follows the parser's reading: a quote opens a quoted cell only at the start
/// of a cell, a doubled quote inside one is a quote, and a line break (or a lone carriage
/// return) outside quotes ends a record.
fn too_many_columns(text: &str, delimiter: u8) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq)]
    enum At {
        CellStart,
        Unquoted,
        Quoted,
        QuoteInQuoted,
    }
    let (mut line, mut record_line, mut cells, mut at) = (1, 1, 1, At::CellStart);
    for b in text.bytes() {
        if b == b'\n' {
            line += 1;
        }
        at = match (at, b) {
            (At::Quoted, b'"') => At::QuoteInQuoted,
            (At::Quoted, _) => At::Quoted,
            (At::QuoteInQuoted, b'"') => At::Quoted,
            (At::CellStart, b'"') => At::Quoted,
            (_, b'\n' | b'\r') => {
                record_line = line;
                cells = 1;
                At::CellStart
            }
            (_, d) if d == delimiter => {
                cells += 1;
                if cells > MAX_COLUMNS {
                    return Some(record_line);
                }
                At::CellStart
            }
            _ => At::Unquoted,
        };
    }
    None
}

/// Parse CSV text (comma, semicolon or tab separated; optional byte-order mark).
pub fn parse(text: &str) -> Result<Table, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err("The file is empty.".into());
    }
    if text.len() > MAX_TEXT {
        return Err("The file is too large to import (over 2 GB).".into());
    }
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let too_wide = |line: usize, n: usize| {
        format!("Line {line} has {n} columns; a file to import may have at most {MAX_COLUMNS}.")
    };
    // Checked before parsing: the parser keeps a position per cell, so a line of a million
    // separators would take sixteen bytes of memory per byte of text.
    if let Some(line) = too_many_columns(text, delimiter) {
        return Err(format!(
            "Line {line} has more than {MAX_COLUMNS} columns; a file to import may have at most {MAX_COLUMNS}."
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let headings = reader
        .headers()
        .map_err(|e| format!("The first line cannot be read as CSV headings: {e}."))?;
    if headings.len() > MAX_COLUMNS {
        return Err(too_wide(1, headings.len()));
    }
    let headings: Vec<String> = headings.iter().map(|h| h.trim().to_string()).collect();
    let mut table = Table::new(headings, &[]);
    let mut record = csv::StringRecord::new();
    // The line a record starts on, counted as the records go (linear in all). The parser's
    // position of a record may be a line break before it (after a CR, or an empty line), so
    // the count runs to the record's first byte that is not one. A line break is LF, CRLF or
    // a lone CR.
    let bytes = text.as_bytes();
    let (mut counted_to, mut line_at) = (0usize, 1usize);
    let mut line_of = |byte: usize| {
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start > counted_to {
            line_at += (counted_to..start)
                .filter(|&i| {
                    bytes[i] == b'\n' || (bytes[i] == b'\r' && bytes.get(i + 1) != Some(&b'\n'))
                })
                .count();
            counted_to = start;
        }
        line_at
    };
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e
                    .position()
                    .map_or(table.len() + 2, |p| line_of(p.byte() as usize));
                return Err(format!("Line {line} is not valid CSV: {e}."));
            }
        }
        let line = record
            .position()
            .map_or(table.len() + 2, |p| line_of(p.byte() as usize));
        if record.len() > MAX_COLUMNS {
            return Err(too_wide(line, record.len()));
        }
        table.push_row(record.iter(), line);
    }
    Ok(table)
}

/// A heading as compared with the fields' names: a note in brackets ("Progress (%)",
/// "Budget (EUR)") and punctuation ("% Complete") are not part of the name; case, `_` and `-`
/// do not count.
pub(crate) fn heading_norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0u32;
    for c in s.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ if depth > 0 => {}
            c if c.is_alphanumeric() => out.extend(c.to_lowercase()),
            _ => out.push(' '),
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Which column (if any) fills each field.
pub type Mapping = HashMap<Field, usize>;

/// Map columns to fields by their headings (our own export's headings and common synonyms).
/// A field takes the column of its most preferred name; a column fills one field at most.
pub fn guess_mapping(headings: &[String]) -> Mapping {
    let mut m = Mapping::new();
    // Each heading once, not once per field (a hostile file may have many columns).
    let given: Vec<String> = headings.iter().map(|h| heading_norm(h)).collect();
    for f in Field::ALL {
        let found = std::iter::once(f.heading())
            .chain(f.synonyms().iter().copied())
            .map(heading_norm)
            .find_map(|name| {
                (0..given.len()).find(|&i| given[i] == name && !m.values().any(|v| *v == i))
            });
        if let Some(i) = found {
            m.insert(f, i);
        }
    }
    m
}

/// One problem with one cell (or row) of an import.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RowError {
    /// Line number in the file (the heading is line 1).
    pub line: usize,
    /// The column heading, or empty for a problem with the whole row.
    pub column: String,
    pub reason: String,
}

/// What an import would do; nothing has changed yet.
#[derive(Clone, Debug, PartialEq)]
pub struct Preview {
    /// New projects (codes not in the workspace).
    pub creates: Vec<Project>,
    /// Changed existing projects: (index in the workspace, new version).
    pub updates: Vec<(usize, Project)>,
    /// Rows that match a project and change nothing.
    pub unchanged: usize,
    /// Rows left out because of errors, with every error.
    pub errors: Vec<RowError>,
    /// People the file names who are not in the org chart, added because the user said so
    /// (only those the imported rows name).
    pub new_people: Vec<Person>,
}

/// Items found by id or by (unique) name, ignoring case; indexed once per import.
struct Names {
    /// Lower-case id → id.
    ids: HashMap<String, String>,
    /// Lower-case name → the ids of the items with that name.
    names: HashMap<String, Vec<String>>,
}

impl Names {
    fn new<'a>(items: impl Iterator<Item = (&'a str, &'a str)>) -> Names {
        let mut n = Names {
            ids: HashMap::new(),
            names: HashMap::new(),
        };
        for (id, name) in items {
            n.ids
                .entry(id.to_ascii_lowercase())
                .or_insert_with(|| id.to_string());
            n.names
                .entry(name.to_lowercase())
                .or_default()
                .push(id.to_string());
        }
        n
    }

    /// The one item `wanted` names: by id, else by name. Two items of that name, or an id of
    /// one that is also the name of another, do not say which: `None`.
    fn find(&self, wanted: &str) -> Option<String> {
        let wanted = wanted.trim();
        let by_id = self.ids.get(&wanted.to_ascii_lowercase());
        let by_name = self
            .names
            .get(&wanted.to_lowercase())
            .map_or(&[][..], |v| v);
        match (by_id, by_name) {
            (Some(id), []) => Some(id.clone()),
            (Some(id), [only]) if only == id => Some(id.clone()),
            (Some(_), _) => None,
            (None, [only]) => Some(only.clone()),
            (None, _) => None,
        }
    }
}

/// One of our values named by `cell` (its label or slug, compared as `value_key` leaves them).
pub(crate) fn parse_choice<T: Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
    slug: fn(T) -> &'static str,
    cell: &str,
) -> Option<T> {
    let c = value_key(cell);
    all.iter()
        .copied()
        .find(|x| value_key(label(*x)) == c || value_key(slug(*x)) == c)
}

/// A cell as quoted in a message: at most 60 characters, so that a huge cell makes neither
/// a huge message nor a copy of itself per problem.
fn short(cell: &str) -> String {
    const MAX: usize = 60;
    match cell.char_indices().nth(MAX) {
        Some((cut, _)) => format!("{}…", &cell[..cut]),
        None => cell.to_string(),
    }
}

/// A sheet's rows (read from a workbook) as a table: its first row holds the headings.
pub fn table_of_rows(mut rows: Vec<Vec<String>>) -> Result<Table, String> {
    if rows
        .first()
        .is_none_or(|h| h.iter().all(|c| c.trim().is_empty()))
    {
        return Err("its first row must hold the column headings, and it is empty.".into());
    }
    let headings = rows.remove(0);
    if headings.len() > MAX_COLUMNS {
        return Err(format!("it has more than {MAX_COLUMNS} columns."));
    }
    Ok(Table::new(headings, &rows))
}

/// Work out what importing `table` with `mapping` would do to `ws`, with no answers to its
/// questions (see [`preview_with`]).
pub fn preview(ws: &Workspace, table: &Table, mapping: &Mapping) -> Preview {
    preview_with(ws, table, mapping, &Choices::default())
}

/// Find `cell` among our values (by label or slug), else among the user's answers.
fn choice<T: Copy>(
    all: &[T],
    label: fn(T) -> &'static str,
    slug: fn(T) -> &'static str,
    field: Field,
    choices: &Choices,
    cell: &str,
) -> Option<T> {
    parse_choice(all, label, slug, cell).or_else(|| {
        let answer = choices.values.get(&(field, value_key(cell)))?;
        all.iter().copied().find(|x| slug(*x) == answer)
    })
}

/// Work out what importing `table` with `mapping` would do to `ws`, with the user's answers
/// to what it asks (`csv_choices::questions`): how other tools' values map to ours, the order
/// of day and month in date columns, which unknown people to add.
pub fn preview_with(
    ws: &Workspace,
    table: &Table,
    mapping: &Mapping,
    choices: &Choices,
) -> Preview {
    let mut out = Preview {
        creates: Vec::new(),
        updates: Vec::new(),
        unchanged: 0,
        errors: Vec::new(),
        new_people: Vec::new(),
    };
    if !mapping.contains_key(&Field::Code) {
        out.errors.push(RowError {
            line: 1,
            column: String::new(),
            reason: "No column is mapped to the project code, which is how rows are matched to projects.".into(),
        });
        return out;
    }
    let index_by_code: HashMap<String, usize> = ws
        .projects
        .iter()
        .enumerate()
        .map(|(i, p)| (p.code.to_lowercase(), i))
        .collect();
    let mut seen_codes: HashMap<String, usize> = HashMap::new();
    // Everything a row is looked up in is indexed once, so a preview takes time in
    // proportion to the rows and the workspace, not their product.
    let portfolios = Names::new(
        ws.portfolios
            .iter()
            .map(|x| (x.id.as_str(), x.name.as_str())),
    );
    let programmes = Names::new(
        ws.programmes
            .iter()
            .map(|x| (x.id.as_str(), x.name.as_str())),
    );
    let people = Names::new(
        ws.people
            .iter()
            .filter(|p| !p.vacancy)
            .map(|p| (p.id.as_str(), p.name.as_str())),
    );
    let mut checks = ProjectChecks::new(ws);
    // What each date column's dates say about their order of day and month.
    let date_columns: HashMap<Field, DateColumn> = [Field::Start, Field::End, Field::BaselineEnd]
        .into_iter()
        .filter_map(|f| {
            let i = *mapping.get(&f)?;
            Some((f, DateColumn::of(table.rows().filter_map(|r| r.get(i)))))
        })
        .collect();
    // New people, made once per name when the user said to add them.
    let mut person_ids: std::collections::HashSet<String> =
        ws.people.iter().map(|p| p.id.clone()).collect();
    let mut added: HashMap<String, Person> = HashMap::new();
    let mut new_person = |name: &str| -> Option<String> {
        let key = person_key(name);
        if !choices.new_people.contains(&key) {
            return None;
        }
        if let Some(p) = added.get(&key) {
            return Some(p.id.clone());
        }
        let id = crate::common::ids::fresh_id("person-", 1, person_ids.len() as u64 + 1, |id| {
            person_ids.contains(id)
        });
        person_ids.insert(id.clone());
        added.insert(
            key,
            Person {
                id: id.clone(),
                name: name.trim().to_string(),
                title: String::new(),
                role_id: None,
                unit_id: None,
                manager_id: None,
                vacancy: false,
            },
        );
        Some(id)
    };
    // New projects need ids that stay unique among themselves too.
    let mut used_ids: std::collections::HashSet<String> =
        ws.projects.iter().map(|p| p.id.clone()).collect();
    let mut next_id = ws.projects.len() as u64 + 1;
    let template = blank_project(ws);
    for row in table.rows() {
        let line = row.line();
        if row.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut errors = Vec::new();
        let cell = |f: Field| {
            mapping
                .get(&f)
                .and_then(|&i| row.get(i))
                .map(|c: &str| restore(c.trim()))
        };
        let heading = |f: Field| {
            mapping
                .get(&f)
                .and_then(|&i| table.headings.get(i))
                .cloned()
                .unwrap_or_default()
        };
        let mut bad = |f: Field, reason: String| {
            errors.push(RowError {
                line,
                column: heading(f),
                reason,
            });
        };
        let code = cell(Field::Code).unwrap_or("").to_string();
        if code.is_empty() {
            bad(Field::Code, "The code is empty.".into());
            out.errors.extend(errors);
            continue;
        }
        if let Some(first) = seen_codes.insert(code.to_lowercase(), line) {
            bad(
                Field::Code,
                format!("The code {} already appears on line {first}.", short(&code)),
            );
            out.errors.extend(errors);
            continue;
        }
        let existing = index_by_code.get(&code.to_lowercase()).copied();
        let mut p = match existing {
            Some(i) => ws.projects[i].clone(),
            None => {
                let mut b = template.clone();
                b.id = crate::common::ids::fresh_id("p-", 3, next_id, |id| used_ids.contains(id));
                next_id = b.id[2..]
                    .split('-')
                    .next()
                    .and_then(|n| n.parse::<u64>().ok())
                    .map_or(next_id, |n| n.saturating_add(1));
                b.code = code.clone();
                b
            }
        };
        // Cells are read trimmed: text that differs only in surrounding spaces is kept as it is.
        if let Some(v) = cell(Field::Name) {
            if p.name.trim() != v {
                p.name = v.to_string();
            }
        }
        if let Some(v) = cell(Field::Description) {
            if p.description.trim() != v {
                p.description = v.to_string();
            }
        }
        if let Some(v) = cell(Field::Portfolio) {
            match portfolios.find(v) {
                Some(id) => {
                    if id != p.portfolio_id {
                        p.programme_id = None;
                    }
                    p.portfolio_id = id;
                }
                None => bad(
                    Field::Portfolio,
                    format!("There is no portfolio called “{}”.", short(v)),
                ),
            }
        }
        if let Some(v) = cell(Field::Programme) {
            if v.is_empty() {
                p.programme_id = None;
            } else {
                match programmes.find(v) {
                    Some(id) => p.programme_id = Some(id),
                    None => bad(
                        Field::Programme,
                        format!("There is no programme called “{}”.", short(v)),
                    ),
                }
            }
        }
        if let Some(v) = cell(Field::Phase) {
            match choice(&Phase::ALL, Phase::label, Phase::slug, Field::Phase, choices, v) {
                Some(x) => p.phase = x,
                None => bad(
                    Field::Phase,
                    format!(
                        "“{}” is not a phase (initiation, planning, execution, closing): say which it is under Values.",
                        short(v)
                    ),
                ),
            }
        }
        if let Some(v) = cell(Field::Status) {
            match choice(&Status::ALL, Status::label, Status::slug, Field::Status, choices, v) {
                Some(x) => p.status = x,
                None => bad(
                    Field::Status,
                    format!(
                        "“{}” is not a status such as On track, At risk or Off track: say which it is under Values.",
                        short(v)
                    ),
                ),
            }
        }
        if let Some(v) = cell(Field::Managers) {
            let mut managers = Vec::new();
            for part in v.split(';').map(str::trim).filter(|s| !s.is_empty()) {
                let (name, label) = match part.strip_suffix(')').and_then(|s| s.rsplit_once(" (")) {
                    Some((n, l)) => (n.trim(), l.trim().to_string()),
                    None => (part, String::new()),
                };
                match people.find(name).or_else(|| new_person(name)) {
                    Some(person_id) => managers.push(ProjectManager { person_id, label }),
                    None => bad(Field::Managers, format!("There is no one person called “{}”: add them as a new person under People, or use their id if two share the name.", short(name))),
                }
            }
            p.managers = managers;
        }
        for (field, slot) in [(Field::Sponsor, 0), (Field::PmoContact, 1)] {
            if let Some(v) = cell(field) {
                let id = if v.is_empty() {
                    Some(None)
                } else {
                    people.find(v).or_else(|| new_person(v)).map(Some)
                };
                match id {
                    Some(id) if slot == 0 => p.sponsor_id = id,
                    Some(id) => p.pmo_contact_id = id,
                    None => bad(field, format!("There is no one person called “{}”: add them as a new person under People, or use their id if two share the name.", short(v))),
                }
            }
        }
        for field in [Field::Start, Field::End, Field::BaselineEnd] {
            if let Some(v) = cell(field) {
                let column = date_columns.get(&field).copied().unwrap_or_default();
                match date_in(v, &column, choices.date_order.get(&field).copied()) {
                    Ok(d) => match field {
                        Field::Start => p.start = d,
                        Field::End => p.end = d,
                        _ => p.baseline_end = d,
                    },
                    Err(m) => bad(field, format!("“{}”: {m}", short(v))),
                }
            }
        }
        for field in [Field::Planned, Field::Actual, Field::Forecast] {
            if let Some(v) = cell(field) {
                match parse_money(v) {
                    Ok(m) => match field {
                        Field::Planned => p.budget.planned = m,
                        Field::Actual => p.budget.actual = m,
                        _ => p.budget.forecast = m,
                    },
                    Err(m) => bad(field, format!("“{}”: {m}", short(v))),
                }
            }
        }
        if let Some(v) = cell(Field::Complete) {
            match v.trim_end_matches('%').trim().parse::<u8>() {
                Ok(x) if x <= 100 => p.percent_complete = x,
                _ => bad(
                    Field::Complete,
                    format!("“{}” is not a percentage from 0 to 100.", short(v)),
                ),
            }
        }
        if errors.is_empty() {
            for m in &p.managers {
                checks.add_person(&m.person_id);
            }
            for id in [&p.sponsor_id, &p.pmo_contact_id].into_iter().flatten() {
                checks.add_person(id);
            }
            // The same rules as the project form, reported against the right columns.
            for e in checks.check(&p) {
                let field = match e.field {
                    "name" => Field::Name,
                    "code" => Field::Code,
                    "portfolio" => Field::Portfolio,
                    "programme" => Field::Programme,
                    "managers" => Field::Managers,
                    "sponsor" => Field::Sponsor,
                    "pmo_contact" => Field::PmoContact,
                    "end" => Field::End,
                    "baseline_end" => Field::BaselineEnd,
                    "budget.planned" => Field::Planned,
                    "budget.actual" => Field::Actual,
                    "budget.forecast" => Field::Forecast,
                    _ => Field::Complete,
                };
                errors.push(RowError {
                    line,
                    column: heading(field),
                    reason: e.message,
                });
            }
        }
        if !errors.is_empty() {
            out.errors.extend(errors);
            continue;
        }
        match existing {
            Some(i) if ws.projects[i] == p => out.unchanged += 1,
            Some(i) => out.updates.push((i, p)),
            None => {
                checks.add(&p);
                used_ids.insert(p.id.clone());
                out.creates.push(p);
            }
        }
    }
    // Only the new people that the imported rows name.
    let named: std::collections::HashSet<&str> = out
        .creates
        .iter()
        .chain(out.updates.iter().map(|(_, p)| p))
        .flat_map(|p| {
            p.managers
                .iter()
                .map(|m| m.person_id.as_str())
                .chain(p.sponsor_id.as_deref())
                .chain(p.pmo_contact_id.as_deref())
        })
        .collect();
    let mut people: Vec<Person> = added
        .into_values()
        .filter(|p| named.contains(p.id.as_str()))
        .collect();
    people.sort_by(|a, b| a.id.cmp(&b.id));
    out.new_people = people;
    out
}

/// Apply a preview: add the new people, update the changed projects and add the new ones.
pub fn apply(ws: &mut Workspace, preview: Preview) {
    ws.people.extend(preview.new_people);
    for (i, p) in preview.updates {
        if let Some(slot) = ws.projects.get_mut(i) {
            *slot = p;
        }
    }
    ws.projects.extend(preview.creates);
}
