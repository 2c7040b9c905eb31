//! Live sync through a Hocuspocus server, as pure rules: the messages this app and the server
//! exchange, read and written here so that the app layer only moves bytes over a WebSocket.
//!
//! ## The wire (Hocuspocus 3, on y-protocols; every number a lib0 variable-length integer)
//! Each message starts with the document's name (a string) and a message type:
//! - `0` sync, then `0` step 1 (a state vector: "what I have"), `1` step 2 (an update: "what
//!   you lack") or `2` update (a change just made); `4` is a sync reply, read the same way;
//! - `1` awareness (who is here: each client's id, a clock and a JSON state);
//! - `2` auth: `0` token (client → server, then the token), `1` permission denied (a reason),
//!   `2` authenticated (a scope: `read-write` or `readonly`);
//! - `3` query awareness; `5` stateless (a string); `7` close; `8` sync status (whether the
//!   server applied a change).
//!
//! ## This app's protocol on top
//! After a client authenticated, the server (`sync-server/server.mjs`) sends one stateless
//! message, `{"app":"pmo-workbench-sync","version":1}`. A client that receives another
//! version, or none before the server's first sync step, says so and does not sync.
//!
//! ## Same workspace
//! The server's first sync step names the writers its copy holds (a state vector). A browser
//! with data syncs only with a copy that shares a writer with its own (a common history), so
//! that two workspaces made apart are never mixed; an empty browser, or an empty server
//! document, joins the other side. See [`may_sync`].
//!
//! Everything read here is untrusted: lengths are checked against what the message holds
//! before anything is allocated, and a message for another document is refused.

use yrs::updates::decoder::Decode;
use yrs::StateVector;

use crate::document::bounds::check_state_vector;

/// The app's protocol name and the version this build speaks.
pub const APP: &str = "pmo-workbench-sync";
pub const VERSION: u64 = 1;
/// The largest message read (a workspace of 10 000 projects is about 20 MB as one update).
pub const MAX_MESSAGE: usize = 64 * 1024 * 1024;
/// The longest name, reason or stateless text read.
const MAX_TEXT: usize = 64 * 1024;

/// A message from the server, read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Incoming {
    Authenticated {
        read_only: bool,
    },
    Denied(String),
    /// The server's state vector: reply with what it lacks.
    SyncStep1(Vec<u8>),
    /// What this copy lacks (the answer to its step 1).
    SyncStep2(Vec<u8>),
    /// A change another client made.
    Update(Vec<u8>),
    Awareness(Vec<u8>),
    QueryAwareness,
    Stateless(String),
    SyncStatus(bool),
    Close(String),
}

/// Why a message was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LiveError {
    TooLarge(usize),
    /// Cut short or not of the shape its type says (the detail says where).
    Malformed(String),
    /// For another document than this connection's.
    OtherDocument(String),
    UnknownType(u64),
}

impl std::fmt::Display for LiveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LiveError::TooLarge(n) => write!(
                f,
                "a message of {} MB is larger than this app accepts ({} MB)",
                n / (1024 * 1024),
                MAX_MESSAGE / (1024 * 1024)
            ),
            LiveError::Malformed(why) => write!(f, "a message from the server is damaged ({why})"),
            LiveError::OtherDocument(name) => write!(
                f,
                "the server sent a message for another workspace (“{}”)",
                crate::common::text::clip(name, 60)
            ),
            LiveError::UnknownType(t) => {
                write!(
                    f,
                    "the server sent a message of a kind this app does not know ({t})"
                )
            }
        }
    }
}

/// Reads lib0 numbers, strings and byte arrays, never past the end.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn number(&mut self, what: &str) -> Result<u64, LiveError> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let Some(&b) = self.bytes.get(self.at) else {
                return Err(LiveError::Malformed(format!("{what} is cut short")));
            };
            self.at += 1;
            value |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(value);
            }
        }
        Err(LiveError::Malformed(format!("{what} is not a number")))
    }

    fn bytes(&mut self, what: &str, max: usize) -> Result<&'a [u8], LiveError> {
        let n = self.number(what)?;
        let rest = self.bytes.len() - self.at;
        let n = usize::try_from(n)
            .ok()
            .filter(|&n| n <= rest && n <= max)
            .ok_or_else(|| {
                LiveError::Malformed(format!("{what} claims more than the message holds"))
            })?;
        let out = &self.bytes[self.at..self.at + n];
        self.at += n;
        Ok(out)
    }

    fn text(&mut self, what: &str) -> Result<String, LiveError> {
        let b = self.bytes(what, MAX_TEXT)?;
        String::from_utf8(b.to_vec())
            .map_err(|_| LiveError::Malformed(format!("{what} is not text")))
    }
}

fn put_number(out: &mut Vec<u8>, mut n: u64) {
    while n > 0x7f {
        out.push(0x80 | (n & 0x7f) as u8);
        n >>= 7;
    }
    out.push(n as u8);
}

fn put_bytes(out: &mut Vec<u8>, b: &[u8]) {
    put_number(out, b.len() as u64);
    out.extend_from_slice(b);
}

fn head(doc: &str, kind: u64) -> Vec<u8> {
    let mut out = Vec::new();
    put_bytes(&mut out, doc.as_bytes());
    put_number(&mut out, kind);
    out
}

/// The first message of a connection: the token.
pub fn auth(doc: &str, token: &str) -> Vec<u8> {
    let mut out = head(doc, 2);
    put_number(&mut out, 0);
    put_bytes(&mut out, token.as_bytes());
    out
}

/// Sync step 1: this copy's state vector.
pub fn sync_step1(doc: &str, state_vector: &[u8]) -> Vec<u8> {
    sync(doc, 0, state_vector)
}

/// Sync step 2: what the other side lacks.
pub fn sync_step2(doc: &str, update: &[u8]) -> Vec<u8> {
    sync(doc, 1, update)
}

/// A change just made here.
pub fn update(doc: &str, update: &[u8]) -> Vec<u8> {
    sync(doc, 2, update)
}

fn sync(doc: &str, step: u64, payload: &[u8]) -> Vec<u8> {
    let mut out = head(doc, 0);
    put_number(&mut out, step);
    put_bytes(&mut out, payload);
    out
}

/// Who is here: this client's state (its name), as an awareness update.
pub fn presence(doc: &str, client: u64, clock: u64, name: Option<&str>) -> Vec<u8> {
    let state = match name {
        Some(n) => serde_json::json!({ "user": { "name": n } }).to_string(),
        None => "null".to_string(),
    };
    let mut inner = Vec::new();
    put_number(&mut inner, 1);
    put_number(&mut inner, client);
    put_number(&mut inner, clock);
    put_bytes(&mut inner, state.as_bytes());
    let mut out = head(doc, 1);
    put_bytes(&mut out, &inner);
    out
}

/// Read a message from the server for document `doc`.
pub fn read(doc: &str, bytes: &[u8]) -> Result<Incoming, LiveError> {
    if bytes.len() > MAX_MESSAGE {
        return Err(LiveError::TooLarge(bytes.len()));
    }
    let mut r = Reader { bytes, at: 0 };
    let name = r.text("the workspace's name")?;
    if name != doc {
        return Err(LiveError::OtherDocument(name));
    }
    let kind = r.number("the message type")?;
    let message = match kind {
        0 | 4 => {
            let step = r.number("the sync step")?;
            let payload = r.bytes("the sync payload", MAX_MESSAGE)?.to_vec();
            match step {
                0 => {
                    // Checked before yrs reads it: yrs sizes its table from the count claimed.
                    check_state_vector(&payload)
                        .map_err(|e| LiveError::Malformed(format!("its state vector: {e}")))?;
                    Incoming::SyncStep1(payload)
                }
                1 => Incoming::SyncStep2(payload),
                2 => Incoming::Update(payload),
                s => return Err(LiveError::Malformed(format!("unknown sync step {s}"))),
            }
        }
        1 => Incoming::Awareness(r.bytes("the awareness update", MAX_MESSAGE)?.to_vec()),
        2 => match r.number("the auth message type")? {
            1 => Incoming::Denied(r.text("the reason")?),
            2 => Incoming::Authenticated {
                read_only: r.text("the scope")? == "readonly",
            },
            t => return Err(LiveError::Malformed(format!("unknown auth message {t}"))),
        },
        3 => Incoming::QueryAwareness,
        5 => Incoming::Stateless(r.text("the stateless message")?),
        7 => Incoming::Close(if r.at < bytes.len() {
            r.text("the reason").unwrap_or_default()
        } else {
            String::new()
        }),
        8 => Incoming::SyncStatus(r.number("the sync status")? == 1),
        t => return Err(LiveError::UnknownType(t)),
    };
    if r.at != bytes.len() {
        return Err(LiveError::Malformed(format!(
            "{} bytes follow the end of the message",
            bytes.len() - r.at
        )));
    }
    Ok(message)
}

/// What a stateless message says about the server's protocol.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Protocol {
    /// This app's protocol, in the version this build speaks.
    Ours,
    /// This app's protocol in another version.
    OtherVersion(u64),
    /// Not this app's announcement (another stateless message).
    NotAnnouncement,
}

/// Read the server's announcement.
pub fn protocol_of(stateless: &str) -> Protocol {
    let Ok(v) = serde_json::from_str::<serde_json::Value>(stateless) else {
        return Protocol::NotAnnouncement;
    };
    if v.get("app").and_then(|a| a.as_str()) != Some(APP) {
        return Protocol::NotAnnouncement;
    }
    match v.get("version").and_then(serde_json::Value::as_u64) {
        Some(VERSION) => Protocol::Ours,
        Some(other) => Protocol::OtherVersion(other),
        None => Protocol::OtherVersion(0),
    }
}

/// The message a client shows for a server speaking another version.
pub fn version_message(found: u64) -> String {
    if found > VERSION {
        format!(
            "The sync server speaks a newer version of PMO Workbench's sync protocol ({found}; this app speaks {VERSION}). Update the app (reload) to sync."
        )
    } else {
        format!(
            "The sync server speaks an older version of PMO Workbench's sync protocol ({found}; this app speaks {VERSION}). Update the server to sync."
        )
    }
}

/// Whether this copy may sync with a server copy whose state vector is `theirs`: yes when
/// either side is empty (it joins the other) or both share a writer (a common history).
pub fn may_sync(ours: &[u8], ours_has_data: bool, theirs: &[u8]) -> bool {
    if check_state_vector(ours).is_err() || check_state_vector(theirs).is_err() {
        return false;
    }
    let (Ok(a), Ok(b)) = (StateVector::decode_v1(ours), StateVector::decode_v1(theirs)) else {
        return false;
    };
    if !ours_has_data || b.is_empty() {
        return true;
    }
    a.iter().any(|(client, _)| b.get(client) > 0)
}

/// The names of the other people present, from an awareness update (clients other than
/// `me`; a state without a name counts as "Someone"; a removed client (state `null`) is
/// listed in `gone`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Presence {
    pub here: Vec<(u64, String)>,
    pub gone: Vec<u64>,
}

pub fn presence_of(update: &[u8], me: u64) -> Result<Presence, LiveError> {
    let mut r = Reader {
        bytes: update,
        at: 0,
    };
    let n = r.number("the number of clients")?;
    let mut p = Presence::default();
    for _ in 0..n {
        if r.at >= update.len() {
            return Err(LiveError::Malformed(
                "the awareness update is cut short".into(),
            ));
        }
        let client = r.number("a client id")?;
        let _clock = r.number("a clock")?;
        let state = r.text("a client's state")?;
        if client == me {
            continue;
        }
        if state == "null" {
            p.gone.push(client);
            continue;
        }
        let name = serde_json::from_str::<serde_json::Value>(&state)
            .ok()
            .and_then(|v| {
                v.pointer("/user/name")
                    .and_then(|n| n.as_str())
                    .map(str::to_string)
            })
            .filter(|n| !n.trim().is_empty())
            .map_or_else(
                || "Someone".to_string(),
                |n| crate::common::text::clip(&n, 80).to_string(),
            );
        p.here.push((client, name));
    }
    Ok(p)
}
