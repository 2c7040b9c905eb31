//! The stored and exported document: a versioned envelope around a [`Workspace`], and the
//! pure migrations that bring older documents up to date.
//!
//! The same envelope is written to browser storage and to export files, so a backup is just
//! the stored document with an export time. Decoding is strict and total: it either yields a
//! valid, current-version workspace or a [`DecodeError`] that says exactly what is wrong,
//! and it never changes anything on its own.
//!
//! ## Versions
//! - **1** (pre-release layout): the workspace sat under `data`, there was no revision
//!   counter, and a person's solid-line manager was called `manager`.
//! - **2**: the workspace sits under `workspace`; `revision` counts saves so that a stale tab
//!   can be detected; a person's manager is `manager_id`; `meta` keeps export times.
//! - **3**: an assessment records `finished` (a date) instead of `completed` (a flag;
//!   a completed one counts as finished on its start date), the questionnaire version, where
//!   the respondent is (`position`) and the page style (`by_dimension`); the workspace keeps
//!   imported `questionnaires`.
//! - **4**: a role lists its `responsibilities` and the `skills` it asks for; the
//!   workspace keeps the decisions of the "Start a PMO" guide (`setup`). Roles of the standard
//!   catalogue gain its responsibilities and skills, the catalogue's new roles are added, and
//!   role names are made unique ([`crate::roles::upgrade_catalogue`]).
//!
//! - **5**: the workspace keeps its monthly status `rounds` (none in older documents).
//! - **6** (current): the workspace keeps the PMO's summary of each month's report
//!   (`report_notes`; none in older documents).
//!
//! The binary stored forms of versions 2 to 5 are still read ([`v2`], [`v3`], [`v4`], [`v5`]).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::model::Workspace;
use crate::validate::{validate, Problem};

/// Value of the `format` field that marks a PMO Workbench document.
pub const FORMAT: &str = "pmo-workbench";
/// The document version this build writes and the newest it can read.
pub const CURRENT_VERSION: u32 = 6;

/// Book-keeping that travels with the data (so every tab sees it).
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Meta {
    /// When the data was last exported to a file.
    #[serde(default)]
    pub last_export: Option<DateTime<Utc>>,
    /// When the oldest change not yet in any export was made; `None` when everything is exported.
    #[serde(default)]
    pub unexported_since: Option<DateTime<Utc>>,
}

/// A versioned PMO Workbench document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Envelope {
    pub format: String,
    pub version: u32,
    /// Increases by one with every save; a tab may only save over the revision it loaded.
    pub revision: u64,
    #[serde(default)]
    pub saved_at: Option<DateTime<Utc>>,
    /// Set in export files only.
    #[serde(default, skip_serializing_if = "crate::model::ser::none")]
    pub exported_at: Option<DateTime<Utc>>,
    #[serde(default)]
    pub meta: Meta,
    pub workspace: Workspace,
}

impl Envelope {
    pub fn new(workspace: Workspace, revision: u64) -> Self {
        Envelope {
            format: FORMAT.into(),
            version: CURRENT_VERSION,
            revision,
            saved_at: None,
            exported_at: None,
            meta: Meta::default(),
            workspace,
        }
    }

    /// Serialize as compact JSON (for storage).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("a workspace always serializes")
    }

    /// The compact packed form kept in browser storage (see [`crate::storage::codec`]).
    ///
    /// A workspace that breaks the rules is refused with its problems instead: stored, it
    /// would be refused by the next start and the user would face "damaged data".
    pub fn to_stored(&self) -> Result<String, Vec<Problem>> {
        let problems = validate(&self.workspace);
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(crate::storage::codec::pack_binary(
            &self.to_binary(),
            self.version,
            self.revision,
        ))
    }

    /// The binary form of the stored document: every field, in declaration order.
    pub fn to_binary(&self) -> Vec<u8> {
        crate::model::ser::with_all_fields(|| postcard::to_allocvec(self))
            .expect("a workspace always serializes")
    }

    /// Read the binary form [`Envelope::to_binary`] writes, without the rule checks (the
    /// stored-form tests; start-up goes through [`decode`]).
    pub fn from_binary(bytes: &[u8]) -> Result<Envelope, DecodeError> {
        binary_envelope(bytes, u64::from(CURRENT_VERSION))
    }

    /// Serialize as indented JSON (for export files people may open).
    pub fn to_pretty_json(&self) -> String {
        crate::common::json::pretty(&self.to_json())
    }
}

/// Why a document could not be opened. Every variant reads as a message for the user.
#[derive(Clone, Debug, PartialEq)]
pub enum DecodeError {
    /// Empty input.
    Empty,
    /// Not JSON at all.
    NotJson {
        line: usize,
        column: usize,
        detail: String,
    },
    /// JSON, but not a PMO Workbench document.
    WrongKind { detail: String },
    /// Written by a newer version of the app than this one.
    NewerVersion { found: u32, supported: u32 },
    /// The right kind and version, but its shape does not match (a field of the wrong type …).
    Malformed { detail: String },
    /// Well-formed but the data breaks rules (dangling references, cycles …).
    Invalid { problems: Vec<Problem> },
    /// Fields this version does not know (a misspelt `manager_id` …): reading on would drop
    /// them without a word, so the file is refused. Each entry is a path such as
    /// `workspace.people[3].manger_id`.
    UnknownFields { fields: Vec<String> },
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Empty => write!(f, "The file is empty."),
            DecodeError::NotJson { line, column, detail } => write!(
                f,
                "This is not a JSON file: its text has a syntax error or breaks off at line {line}, column {column} ({detail})."
            ),
            DecodeError::WrongKind { detail } => write!(f, "This is not a PMO Workbench file: {detail}."),
            DecodeError::NewerVersion { found, supported } => write!(
                f,
                "This data was written by a newer version of PMO Workbench (format version {found}; this version reads up to {supported}). Update the app to open it."
            ),
            DecodeError::Malformed { detail } => write!(f, "The file is damaged or incomplete: {detail}."),
            DecodeError::Invalid { problems } => write!(
                f,
                "The file has {} and was not loaded.",
                crate::common::text::plural(problems.len(), "problem", None)
            ),
            DecodeError::UnknownFields { fields } => {
                let n = fields.len();
                write!(
                    f,
                    "The file has {} this version does not know, which would be lost on import (a misspelt name?): ",
                    crate::common::text::plural(n, "field", None)
                )?;
                for (i, field) in fields.iter().take(8).enumerate() {
                    write!(f, "{}{field}", if i == 0 { "" } else { ", " })?;
                }
                if n > 8 {
                    write!(f, " and {} more", n - 8)?;
                }
                write!(f, ". Nothing was loaded.")
            }
        }
    }
}

fn parse_json(text: &str) -> Result<Value, DecodeError> {
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    crate::common::strict::parse(text).map_err(|e| {
        let full = e.to_string();
        if e.classify() == serde_json::error::Category::Data {
            // Valid JSON that names a key twice: which value was meant is unknown.
            return DecodeError::Malformed { detail: full };
        }
        let detail = full.split(" at line ").next().unwrap_or(&full).to_string();
        DecodeError::NotJson {
            line: e.line(),
            column: e.column(),
            detail,
        }
    })
}

/// Read the `format` and `version` header of a JSON document.
fn header(value: &Value) -> Result<u32, DecodeError> {
    let obj = value.as_object().ok_or_else(|| DecodeError::WrongKind {
        detail: "the file holds a JSON value but not an object".into(),
    })?;
    match obj.get("format").and_then(Value::as_str) {
        Some(FORMAT) => {}
        Some(other) => {
            return Err(DecodeError::WrongKind {
                detail: format!("its \"format\" is \"{other}\", expected \"{FORMAT}\"",),
            })
        }
        None => {
            return Err(DecodeError::WrongKind {
                detail: format!("it has no \"format\": \"{FORMAT}\" field"),
            })
        }
    }
    let version =
        obj.get("version")
            .and_then(Value::as_u64)
            .ok_or_else(|| DecodeError::Malformed {
                detail: "the \"version\" field is missing or not a whole number".into(),
            })?;
    u32::try_from(version)
        .ok()
        .filter(|v| *v >= 1)
        .ok_or_else(|| DecodeError::Malformed {
            detail: format!("the version {version} is not a known format version"),
        })
}

/// Version 1 → 2: move `data` to `workspace`, add `revision`, rename people's `manager` to `manager_id`.
fn migrate_v1_to_v2(mut doc: Value) -> Result<Value, String> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    let mut data = obj
        .remove("data")
        .ok_or("a version 1 document needs a \"data\" field")?;
    if let Some(people) = data.get_mut("people").and_then(Value::as_array_mut) {
        for person in people {
            if let Some(p) = person.as_object_mut() {
                if let Some(m) = p.remove("manager") {
                    p.insert("manager_id".into(), m);
                }
            }
        }
    }
    obj.insert("workspace".into(), data);
    obj.entry("revision").or_insert(Value::from(0u64));
    obj.insert("version".into(), Value::from(2u32));
    Ok(doc)
}

/// Version 2 → 3: an assessment's `completed` flag becomes a `finished` date (its start date,
/// the only date known).
fn migrate_v2_to_v3(mut doc: Value) -> Result<Value, String> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    if let Some(list) = obj
        .get_mut("workspace")
        .and_then(|w| w.get_mut("assessments"))
        .and_then(Value::as_array_mut)
    {
        for a in list {
            if let Some(a) = a.as_object_mut() {
                let done = a.remove("completed").and_then(|c| c.as_bool()) == Some(true);
                if done {
                    if let Some(started) = a.get("started").cloned() {
                        a.insert("finished".into(), started);
                    }
                }
            }
        }
    }
    obj.insert("version".into(), Value::from(3u32));
    Ok(doc)
}

/// Version 3 → 4: roles gain responsibilities and skills (see [`crate::roles::upgrade_catalogue`]).
fn migrate_v3_to_v4(mut doc: Value) -> Result<Value, String> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    if let Some(ws) = obj.get_mut("workspace").and_then(Value::as_object_mut) {
        let roles: Vec<crate::model::Role> = match ws.get("roles") {
            Some(v) => serde_json::from_value(v.clone())
                .map_err(|e| format!("the role catalogue cannot be read ({e})"))?,
            None => Vec::new(),
        };
        let roles = crate::roles::upgrade_catalogue(roles);
        ws.insert(
            "roles".into(),
            serde_json::to_value(roles).map_err(|e| e.to_string())?,
        );
    }
    obj.insert("version".into(), Value::from(4u32));
    Ok(doc)
}

/// Version 4 → 5: the workspace gains status rounds (an older document has none).
fn migrate_v4_to_v5(mut doc: Value) -> Result<Value, String> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    obj.insert("version".into(), Value::from(5u32));
    Ok(doc)
}

/// Version 5 → 6: the workspace gains the monthly report summaries (an older document has
/// none).
fn migrate_v5_to_v6(mut doc: Value) -> Result<Value, String> {
    let obj = doc.as_object_mut().ok_or("the document is not an object")?;
    obj.insert("version".into(), Value::from(6u32));
    Ok(doc)
}

/// Bring a document of version `from` up to [`CURRENT_VERSION`], one pure step at a time.
pub fn migrate(mut doc: Value, from: u32) -> Result<Value, String> {
    let mut version = from;
    while version < CURRENT_VERSION {
        doc = match version {
            1 => migrate_v1_to_v2(doc)?,
            2 => migrate_v2_to_v3(doc)?,
            3 => migrate_v3_to_v4(doc)?,
            4 => migrate_v4_to_v5(doc)?,
            5 => migrate_v5_to_v6(doc)?,
            v => return Err(format!("no migration from version {v}")),
        };
        version += 1;
    }
    Ok(doc)
}

fn shape_error(e: serde_json::Error) -> DecodeError {
    DecodeError::Malformed {
        detail: e.to_string(),
    }
}

use crate::common::strict::{strict, StrictError};

fn strict_error(e: StrictError<serde_json::Error>) -> DecodeError {
    match e {
        StrictError::Shape(e) => shape_error(e),
        StrictError::Unknown(fields) => DecodeError::UnknownFields { fields },
    }
}

/// The workspace of a decoded envelope, checked against every rule.
fn checked(env: Envelope) -> Result<Envelope, DecodeError> {
    let problems = validate(&env.workspace);
    if problems.is_empty() {
        Ok(env)
    } else {
        Err(DecodeError::Invalid { problems })
    }
}

/// Decode a stored or exported document: parse, check the kind and version, migrate,
/// deserialize and validate. Nothing is changed anywhere; the caller decides what to do.
/// Every form is checked in full: no mark inside the input can skip a rule.
pub fn decode(text: &str) -> Result<Envelope, DecodeError> {
    match crate::storage::codec::body_of(text) {
        Some(crate::storage::codec::Body::Binary) => return decode_binary(text),
        Some(crate::storage::codec::Body::Json) => return decode_packed_json(text),
        None => {}
    }
    // Current documents are read typed from the text (quick, and a shape error has its line);
    // older ones are migrated as a JSON tree first.
    let env: Envelope = match Head::read(text) {
        Some(h) if h.format == FORMAT && h.version == u64::from(CURRENT_VERSION) => {
            crate::model::ser::with_all_fields(|| crate::common::strict::read(text))
                .map_err(strict_error)?
        }
        _ => {
            let value = parse_json(text)?;
            let version = header(&value)?;
            if version > CURRENT_VERSION {
                return Err(DecodeError::NewerVersion {
                    found: version,
                    supported: CURRENT_VERSION,
                });
            }
            let value =
                migrate(value, version).map_err(|detail| DecodeError::Malformed { detail })?;
            crate::model::ser::with_all_fields(|| strict(value)).map_err(strict_error)?
        }
    };
    checked(env)
}

/// [`decode`] of the binary packed form only (what compaction writes as the view); `None` for
/// any other form. Its checks are [`decode`]'s.
pub fn decode_packed_binary(text: &str) -> Option<Result<Envelope, DecodeError>> {
    match crate::storage::codec::body_of(text) {
        Some(crate::storage::codec::Body::Binary) => Some(decode_binary(text)),
        _ => None,
    }
}

/// The first packed form: raw-deflated JSON with no checksum. Its header must agree with the
/// JSON inside, which is then read like an imported file.
fn decode_packed_json(text: &str) -> Result<Envelope, DecodeError> {
    let damaged = |detail: String| DecodeError::Malformed { detail };
    let h = crate::storage::codec::header(text)
        .ok_or_else(|| damaged("the packed header is damaged".into()))?;
    let json = crate::storage::codec::unpack(text).map_err(damaged)?;
    let inner = Head::read(&json).map(|h| (h.version, h.revision.unwrap_or(0)));
    // Version 1 documents had no revision; a migrated one starts at 0.
    if inner.is_some_and(|(v, r)| v != h.version || (v > 1 && r != h.revision)) {
        return Err(damaged(
            "the packed header does not match the data inside it".into(),
        ));
    }
    decode(&json)
}

/// Decode a packed binary document. Its header names the version; binary documents exist from
/// version 2 on, and a build that changes the layout must keep reading the older one.
fn decode_binary(text: &str) -> Result<Envelope, DecodeError> {
    let damaged = |detail: &str| DecodeError::Malformed {
        detail: detail.into(),
    };
    let h = crate::storage::codec::header(text)
        .ok_or_else(|| damaged("the packed header is damaged"))?;
    if h.version > u64::from(CURRENT_VERSION) {
        // Only the checksummed form can prove a newer version: the earlier form was never
        // written by one, so there a higher number is damage.
        if !h.verified {
            return Err(damaged(
                "the packed header names a version this form was never written with",
            ));
        }
        return Err(DecodeError::NewerVersion {
            found: u32::try_from(h.version).unwrap_or(u32::MAX),
            supported: CURRENT_VERSION,
        });
    }
    let bytes = crate::storage::codec::unpack_binary(text)
        .map_err(|detail| DecodeError::Malformed { detail })?;
    let env = binary_envelope(&bytes, h.version)?;
    // The header's version and revision are also inside the checksummed body: they agree,
    // or the header was changed. (An older layout's own version was checked while reading
    // it; converted, it says the current one.)
    let version_agrees =
        h.version < u64::from(CURRENT_VERSION) || u64::from(env.version) == h.version;
    if env.format != FORMAT || !version_agrees || env.revision != h.revision {
        return Err(damaged(
            "the packed header does not match the data inside it",
        ));
    }
    checked(env)
}

/// The envelope in the binary layout of `version`, converted to the current one.
fn binary_envelope(bytes: &[u8], version: u64) -> Result<Envelope, DecodeError> {
    let layout_error = |e: postcard::Error| DecodeError::Malformed {
        detail: format!("the stored data does not match the layout of version {version} ({e})"),
    };
    match version {
        2 => {
            let old: v2::Envelope = postcard::from_bytes(bytes).map_err(layout_error)?;
            (old.version == 2)
                .then(|| old.upgrade().upgrade())
                .ok_or_else(|| layout_error(postcard::Error::DeserializeBadEncoding))
        }
        3 => {
            let old: v3::Envelope = postcard::from_bytes(bytes).map_err(layout_error)?;
            (old.version == 3)
                .then(|| old.upgrade())
                .ok_or_else(|| layout_error(postcard::Error::DeserializeBadEncoding))
        }
        4 => {
            let old: v4::Envelope = postcard::from_bytes(bytes).map_err(layout_error)?;
            (old.version == 4)
                .then(|| old.upgrade())
                .ok_or_else(|| layout_error(postcard::Error::DeserializeBadEncoding))
        }
        5 => {
            let old: v5::Envelope = postcard::from_bytes(bytes).map_err(layout_error)?;
            (old.version == 5)
                .then(|| old.upgrade())
                .ok_or_else(|| layout_error(postcard::Error::DeserializeBadEncoding))
        }
        v if v == u64::from(CURRENT_VERSION) => postcard::from_bytes(bytes).map_err(layout_error),
        v => Err(DecodeError::Malformed {
            detail: format!("no binary layout is known for version {v}"),
        }),
    }
}

/// Stored text as JSON a person (or a test) can read: packed documents unpacked, binary ones
/// decoded without the rule checks. `None` if it cannot be read that way; plain text is
/// returned as it is.
pub fn stored_as_json(stored: &str) -> Option<String> {
    match crate::storage::codec::body_of(stored) {
        None => Some(stored.to_string()),
        Some(crate::storage::codec::Body::Json) => crate::storage::codec::unpack(stored).ok(),
        Some(crate::storage::codec::Body::Binary) => {
            let version = crate::storage::codec::header(stored)?.version;
            let bytes = crate::storage::codec::unpack_binary(stored).ok()?;
            Some(binary_envelope(&bytes, version).ok()?.to_json())
        }
    }
}

/// The header fields of a document, read without building the rest.
#[derive(Deserialize)]
struct Head {
    #[serde(default)]
    format: String,
    #[serde(default)]
    version: u64,
    #[serde(default)]
    revision: Option<u64>,
}

impl Head {
    fn read(text: &str) -> Option<Head> {
        serde_json::from_str(text).ok()
    }
}

/// The format version and revision of a stored document, without full decoding (for the
/// stale-tab check before every save), and whether a checksum proves them. `None` if it is
/// not a readable PMO Workbench document.
pub fn peek(text: &str) -> Option<crate::storage::codec::Header> {
    if crate::storage::codec::is_packed(text) {
        return crate::storage::codec::header(text);
    }
    Head::read(text)
        .filter(|h| h.format == FORMAT)
        .map(|h| crate::storage::codec::Header {
            version: h.version,
            revision: h.revision.unwrap_or(0),
            verified: false,
        })
}

/// Best effort for data from a newer version: read what this version understands (unknown
/// fields are ignored) so it can be shown read-only. `None` if even that fails.
pub fn read_newer_leniently(text: &str) -> Option<(u64, Workspace)> {
    let unpacked;
    let text = if crate::storage::codec::is_packed(text) {
        unpacked = crate::storage::codec::unpack(text).ok()?;
        unpacked.as_str()
    } else {
        text
    };
    let value: Value = serde_json::from_str(text).ok()?;
    let revision = value.get("revision").and_then(Value::as_u64).unwrap_or(0);
    let ws = serde_json::from_value(value.get("workspace")?.clone()).ok()?;
    Some((revision, ws))
}

/// The binary layout of version 2, kept so that data stored by earlier builds is still read.
/// Only the types whose layout changed are copied here; everything else is shared.
pub mod v2 {
    use chrono::{DateTime, NaiveDate, Utc};
    use serde::Deserialize;

    use super::Meta;
    use crate::model::{self, Answer, Id};

    #[derive(Deserialize)]
    pub struct Envelope {
        pub format: String,
        pub version: u32,
        pub revision: u64,
        pub saved_at: Option<DateTime<Utc>>,
        pub exported_at: Option<DateTime<Utc>>,
        pub meta: Meta,
        pub workspace: Workspace,
    }

    #[derive(Deserialize)]
    pub struct Workspace {
        pub organisation: model::Organisation,
        pub units: Vec<model::Unit>,
        pub roles: Vec<super::v3::Role>,
        pub people: Vec<model::Person>,
        pub dotted_lines: Vec<model::DottedLine>,
        pub objectives: Vec<model::Objective>,
        pub portfolios: Vec<model::Portfolio>,
        pub programmes: Vec<model::Programme>,
        pub projects: Vec<model::Project>,
        pub assessments: Vec<Assessment>,
    }

    #[derive(Deserialize)]
    pub struct Assessment {
        pub id: Id,
        pub questionnaire_id: String,
        pub unit_id: Option<Id>,
        pub respondent: String,
        #[serde(with = "crate::model::ser::date")]
        pub started: NaiveDate,
        pub answers: Vec<Answer>,
        pub completed: bool,
    }

    impl Envelope {
        /// The same document in version 3 (see `migrate_v2_to_v3`).
        pub fn upgrade(self) -> super::v3::Envelope {
            let w = self.workspace;
            super::v3::Envelope {
                format: self.format,
                version: 3,
                revision: self.revision,
                saved_at: self.saved_at,
                exported_at: self.exported_at,
                meta: self.meta,
                workspace: super::v3::Workspace {
                    organisation: w.organisation,
                    units: w.units,
                    roles: w.roles,
                    people: w.people,
                    dotted_lines: w.dotted_lines,
                    objectives: w.objectives,
                    portfolios: w.portfolios,
                    programmes: w.programmes,
                    projects: w.projects,
                    assessments: w
                        .assessments
                        .into_iter()
                        .map(|a| model::Assessment {
                            id: a.id,
                            questionnaire_id: a.questionnaire_id,
                            questionnaire_version: 1,
                            unit_id: a.unit_id,
                            respondent: a.respondent,
                            finished: a.completed.then_some(a.started),
                            started: a.started,
                            answers: a.answers,
                            position: 0,
                            by_dimension: false,
                        })
                        .collect(),
                    questionnaires: Vec::new(),
                },
            }
        }
    }
}

/// The binary layout of version 3. Only the types whose layout changed are copied here.
pub mod v3 {
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    use super::Meta;
    use crate::model::{self, Id};

    #[derive(Deserialize)]
    pub struct Envelope {
        pub format: String,
        pub version: u32,
        pub revision: u64,
        pub saved_at: Option<DateTime<Utc>>,
        pub exported_at: Option<DateTime<Utc>>,
        pub meta: Meta,
        pub workspace: Workspace,
    }

    #[derive(Deserialize)]
    pub struct Workspace {
        pub organisation: model::Organisation,
        pub units: Vec<model::Unit>,
        pub roles: Vec<Role>,
        pub people: Vec<model::Person>,
        pub dotted_lines: Vec<model::DottedLine>,
        pub objectives: Vec<model::Objective>,
        pub portfolios: Vec<model::Portfolio>,
        pub programmes: Vec<model::Programme>,
        pub projects: Vec<model::Project>,
        pub assessments: Vec<model::Assessment>,
        pub questionnaires: Vec<crate::model::Questionnaire>,
    }

    #[derive(Deserialize)]
    pub struct Role {
        pub id: Id,
        pub name: String,
        pub description: String,
        pub ladder: String,
        pub seniority: u8,
    }

    impl Envelope {
        /// The same document in the current version (see `migrate_v3_to_v4`).
        pub fn upgrade(self) -> super::Envelope {
            let w = self.workspace;
            let roles = w
                .roles
                .into_iter()
                .map(|r| model::Role {
                    id: r.id,
                    name: r.name,
                    description: r.description,
                    ladder: r.ladder,
                    seniority: r.seniority,
                    responsibilities: Vec::new(),
                    skills: Vec::new(),
                })
                .collect();
            super::Envelope {
                format: self.format,
                version: super::CURRENT_VERSION,
                revision: self.revision,
                saved_at: self.saved_at,
                exported_at: self.exported_at,
                meta: self.meta,
                workspace: model::Workspace {
                    organisation: w.organisation,
                    units: w.units,
                    roles: crate::roles::upgrade_catalogue(roles),
                    people: w.people,
                    dotted_lines: w.dotted_lines,
                    objectives: w.objectives,
                    portfolios: w.portfolios,
                    programmes: w.programmes,
                    projects: w.projects,
                    assessments: w.assessments,
                    questionnaires: w.questionnaires,
                    setup: None,
                    rounds: Vec::new(),
                    report_notes: Vec::new(),
                },
            }
        }
    }
}

/// The binary layout of version 4: the workspace without status rounds.
pub mod v4 {
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    use super::Meta;
    use crate::model;

    #[derive(Deserialize)]
    pub struct Envelope {
        pub format: String,
        pub version: u32,
        pub revision: u64,
        pub saved_at: Option<DateTime<Utc>>,
        pub exported_at: Option<DateTime<Utc>>,
        pub meta: Meta,
        pub workspace: Workspace,
    }

    #[derive(Deserialize)]
    pub struct Workspace {
        pub organisation: model::Organisation,
        pub units: Vec<model::Unit>,
        pub roles: Vec<model::Role>,
        pub people: Vec<model::Person>,
        pub dotted_lines: Vec<model::DottedLine>,
        pub objectives: Vec<model::Objective>,
        pub portfolios: Vec<model::Portfolio>,
        pub programmes: Vec<model::Programme>,
        pub projects: Vec<model::Project>,
        pub assessments: Vec<model::Assessment>,
        pub questionnaires: Vec<model::Questionnaire>,
        pub setup: Option<model::SetupPlan>,
    }

    impl Envelope {
        /// The same document in the current version (see `migrate_v4_to_v5`).
        pub fn upgrade(self) -> super::Envelope {
            let w = self.workspace;
            super::Envelope {
                format: self.format,
                version: super::CURRENT_VERSION,
                revision: self.revision,
                saved_at: self.saved_at,
                exported_at: self.exported_at,
                meta: self.meta,
                workspace: model::Workspace {
                    organisation: w.organisation,
                    units: w.units,
                    roles: w.roles,
                    people: w.people,
                    dotted_lines: w.dotted_lines,
                    objectives: w.objectives,
                    portfolios: w.portfolios,
                    programmes: w.programmes,
                    projects: w.projects,
                    assessments: w.assessments,
                    questionnaires: w.questionnaires,
                    setup: w.setup,
                    rounds: Vec::new(),
                    report_notes: Vec::new(),
                },
            }
        }
    }
}

/// The binary layout of version 5: the workspace without the monthly report summaries.
pub mod v5 {
    use chrono::{DateTime, Utc};
    use serde::Deserialize;

    use super::Meta;
    use crate::model;

    #[derive(Deserialize)]
    pub struct Envelope {
        pub format: String,
        pub version: u32,
        pub revision: u64,
        pub saved_at: Option<DateTime<Utc>>,
        pub exported_at: Option<DateTime<Utc>>,
        pub meta: Meta,
        pub workspace: Workspace,
    }

    #[derive(Deserialize)]
    pub struct Workspace {
        pub organisation: model::Organisation,
        pub units: Vec<model::Unit>,
        pub roles: Vec<model::Role>,
        pub people: Vec<model::Person>,
        pub dotted_lines: Vec<model::DottedLine>,
        pub objectives: Vec<model::Objective>,
        pub portfolios: Vec<model::Portfolio>,
        pub programmes: Vec<model::Programme>,
        pub projects: Vec<model::Project>,
        pub assessments: Vec<model::Assessment>,
        pub questionnaires: Vec<model::Questionnaire>,
        pub setup: Option<model::SetupPlan>,
        pub rounds: Vec<model::StatusRound>,
    }

    impl Envelope {
        /// The same document in the current version (see `migrate_v5_to_v6`).
        pub fn upgrade(self) -> super::Envelope {
            let w = self.workspace;
            super::Envelope {
                format: self.format,
                version: super::CURRENT_VERSION,
                revision: self.revision,
                saved_at: self.saved_at,
                exported_at: self.exported_at,
                meta: self.meta,
                workspace: model::Workspace {
                    organisation: w.organisation,
                    units: w.units,
                    roles: w.roles,
                    people: w.people,
                    dotted_lines: w.dotted_lines,
                    objectives: w.objectives,
                    portfolios: w.portfolios,
                    programmes: w.programmes,
                    projects: w.projects,
                    assessments: w.assessments,
                    questionnaires: w.questionnaires,
                    setup: w.setup,
                    rounds: w.rounds,
                    report_notes: Vec::new(),
                },
            }
        }
    }
}
