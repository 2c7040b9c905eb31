//! Seeds: the app's own outputs, so that mutations start from inputs that get deep into
//! every decoder. Each seed may carry the workspace it stands for, which lets the oracles tell
//! a damaged input that was refused from one accepted as different data.

use pmo_domain::demo::{demo, generate};
use pmo_domain::storage::schema::Envelope;
use pmo_domain::Workspace;

/// One seed: its bytes, what it stands for, and whether its form carries a checksum.
pub struct Seed {
    pub name: &'static str,
    pub bytes: Vec<u8>,
    /// The document the seed decodes to, when it is one of ours and undamaged.
    pub envelope: Option<Envelope>,
    /// A checksum covers the whole form, so a changed input must never decode to a
    /// different document.
    pub checksummed: bool,
}

impl Seed {
    fn new(name: &'static str, bytes: impl Into<Vec<u8>>) -> Seed {
        Seed {
            name,
            bytes: bytes.into(),
            envelope: None,
            checksummed: false,
        }
    }
}

const FIXTURES: [(&str, &str); 7] = [
    (
        "v1-small.json",
        include_str!("../../domain/tests/fixtures/v1-small.json"),
    ),
    (
        "v2-small.json",
        include_str!("../../domain/tests/fixtures/v2-small.json"),
    ),
    (
        "v2-assessments.json",
        include_str!("../../domain/tests/fixtures/v2-assessments.json"),
    ),
    (
        "v2-assessments.stored",
        include_str!("../../domain/tests/fixtures/v2-assessments.stored"),
    ),
    (
        "v3-roles.json",
        include_str!("../../domain/tests/fixtures/v3-roles.json"),
    ),
    (
        "v3-roles.stored",
        include_str!("../../domain/tests/fixtures/v3-roles.stored"),
    ),
    (
        "v99-from-the-future.json",
        include_str!("../../domain/tests/fixtures/v99-from-the-future.json"),
    ),
];

pub const QUESTIONNAIRES: [(&str, &str); 3] = [
    (
        "pmo-maturity.json",
        include_str!("../../domain/questionnaires/pmo-maturity.json"),
    ),
    (
        "pmo-type.json",
        include_str!("../../domain/questionnaires/pmo-type.json"),
    ),
    (
        "pmo-skills.json",
        include_str!("../../domain/questionnaires/pmo-skills.json"),
    ),
];

/// The workspaces seeds are made of: the demo, a small generated one, an empty one.
pub fn workspaces() -> Vec<(&'static str, Workspace)> {
    vec![
        ("demo", demo()),
        ("generated-30", generate(30, 40)),
        ("empty", pmo_domain::demo::empty()),
    ]
}

fn envelope(ws: &Workspace, revision: u64) -> Envelope {
    let mut env = Envelope::new(ws.clone(), revision);
    env.saved_at = Some(chrono_now());
    env
}

fn chrono_now() -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(1_795_000_000, 0).expect("a valid time")
}

/// Stored text: every form start-up may find in browser storage.
pub fn stored() -> Vec<Seed> {
    let mut out = Vec::new();
    for (name, ws) in workspaces() {
        let env = envelope(&ws, 7);
        let stored = env.to_stored().expect("seeds are valid");
        let decoded = pmo_domain::storage::schema::decode(&stored).expect("our own store decodes");
        out.push(Seed {
            name,
            bytes: stored.into_bytes(),
            envelope: Some(decoded.clone()),
            checksummed: true,
        });
        // The binary form of the previous builds (no header checksum; its `ok=` mark is
        // ignored now): the body's checksum still covers everything that matters.
        let v1 = pmo_domain::storage::codec::pack_binary_v1(&env.to_binary(), 4, 7, Some(3));
        out.push(Seed {
            name,
            bytes: v1.into_bytes(),
            envelope: Some(decoded),
            checksummed: true,
        });
        // Earlier stored forms, still read: the packed JSON and plain JSON.
        let mut s = Seed::new(name, pmo_domain::storage::codec::pack(&env.to_json(), 4, 7));
        s.envelope = Some(env.clone());
        out.push(s);
        let mut s = Seed::new(name, env.to_json());
        s.envelope = Some(env);
        out.push(s);
    }
    out.extend(hostile_documents());
    out
}

/// Documents that are not the app's own current output: the fixtures of old versions and a
/// newer one, and a store that claims to be checked but is not valid.
fn hostile_documents() -> Vec<Seed> {
    std::iter::once(Seed::new(
        "invalid-marked-checked",
        invalid_marked_checked(),
    ))
    .chain(
        FIXTURES
            .into_iter()
            .map(|(name, text)| Seed::new(name, text)),
    )
    .collect()
}

/// A workspace that breaks a rule (a manager who does not exist), packed in the form of the
/// previous builds with their "checked against rule set 3" mark: the mark must not skip the
/// check.
pub fn invalid_marked_checked() -> String {
    let mut ws = demo();
    ws.people[1].manager_id = Some("nobody".into());
    let env = Envelope::new(ws, 2);
    pmo_domain::storage::codec::pack_binary_v1(&env.to_binary(), 4, 2, Some(3))
}

/// Export files and other files a user may pick for import.
pub fn import() -> Vec<Seed> {
    let mut out = Vec::new();
    for (name, ws) in workspaces() {
        let mut env = envelope(&ws, 3);
        env.exported_at = Some(chrono_now());
        let mut s = Seed::new(name, env.to_pretty_json());
        s.envelope = Some(env.clone());
        out.push(s);
        out.push(Seed::new(name, env.to_json()));
    }
    out.extend(hostile_documents());
    out
}

/// CSV: the register's own export, and a file as another tool writes it.
pub fn csv() -> Vec<Seed> {
    let mut out = Vec::new();
    for (name, ws) in workspaces() {
        let rows: Vec<usize> = (0..ws.projects.len()).collect();
        out.push(Seed::new(
            name,
            pmo_domain::portfolio::csv::export(&ws, &rows),
        ));
    }
    for tool in ["openproject", "smartsheet", "ms-project", "jira"] {
        let path = format!(
            "{}/../domain/tests/fixtures/csv/{tool}.csv",
            env!("CARGO_MANIFEST_DIR")
        );
        if let Ok(bytes) = std::fs::read(path) {
            out.push(Seed::new(tool, bytes));
        }
    }
    out.push(Seed::new(
        "windows-1252.csv",
        b"Code;Name;Status;Start;PM\r\nC-1;Caf\xe9 \x80;On Hold;03/04/2026;Zo\xeb New\r\n".to_vec(),
    ));
    out.push(Seed::new(
        "other-tool.csv",
        "Project Name;Project Code;Status;Progress (%);Budget;Start Date;End Date;Project Manager\r\n\
         Data lake;DL-1;In Progress;40;1.250.000;15/02/2026;2026-12-31;Ann Lee\r\n\
         \"Quoted; name\";DL-2;On Hold;;300k;;;\r\n",
    ));
    out
}

/// Excel workbooks: the register and the report as the app writes them.
pub fn workbooks() -> Vec<Seed> {
    let mut out = Vec::new();
    for (name, ws) in workspaces().into_iter().take(3) {
        let rows: Vec<usize> = (0..ws.projects.len()).collect();
        out.push(Seed::new(
            name,
            pmo_domain::portfolio::xlsx::register(&ws, &rows, &pmo_domain::portfolio::Column::ALL),
        ));
    }
    // Parts as XML text (the target also reads its input as a sheet, its text and styles).
    out.push(Seed::new(
        "sheet.xml",
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="inlineStr"><is><t>Name &amp; co</t></is></c></row><row r="3"><c r="A3" s="1"><v>46068</v></c><c r="B3" t="b"><v>1</v></c><c r="C3" t="str"><v>x</v></c></row></sheetData></worksheet>"#,
    ));
    out.push(Seed::new(
        "shared.xml",
        r#"<sst><si><t>Code</t></si><si><r><t>Na</t></r><r><t>me</t></r><rPh><t>x</t></rPh></si><si/></sst>"#,
    ));
    out.push(Seed::new(
        "styles.xml",
        r#"<styleSheet><numFmts><numFmt numFmtId="164" formatCode="dd/mm/yyyy"/><numFmt numFmtId="165" formatCode="0.0%"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="165"/></cellXfs></styleSheet>"#,
    ));
    out
}

pub fn questionnaires() -> Vec<Seed> {
    QUESTIONNAIRES
        .into_iter()
        .map(|(name, text)| Seed::new(name, text))
        .collect()
}

pub fn routes() -> Vec<Seed> {
    [
        "#/",
        "#/portfolio?status=at-risk,off-track&sort=-budget&page=2&q=data%20lake",
        "#/project/p-001",
        "#/project/a%2Fb",
        "#/assessment/a-001/results",
        "#/assessment/a-002",
        "#/org?person=pe-003&view=pmo&preset=directive",
        "#/report?month=2026-10",
        "#/setup/charter",
        "#/roles?role=pmo-analyst",
        "#/data",
        "#/nowhere/at/all",
    ]
    .into_iter()
    .map(|r| Seed::new("route", r))
    .collect()
}

pub fn parsers() -> Vec<Seed> {
    [
        "1,250,000",
        "EUR 1 250 000.50",
        "300k",
        "1.25m",
        "€99.99",
        "0",
        "2026-12-31",
        "2028-02-29",
        "15/02/2026",
        "Mon 02/15/2026",
        "15 Feb 2026",
        "February 15, 2026",
        r#"{"Status|status":{"on hold":"not-started","in progress":"on-track"}}"#,
        "2026-10",
        "9999-12",
        "eur",
        "Ada Lovelace",
    ]
    .into_iter()
    .map(|r| Seed::new("value", r))
    .collect()
}

/// Changes another copy of the document would send: its whole state, and the update of each
/// kind of edit (a status, a new project, a removed person, a move in the org chart).
pub fn documents() -> Vec<Seed> {
    use pmo_domain::document::Document;
    let ws = pmo_domain::demo::demo();
    let other = Document::of(&ws, 1);
    let mut seeds = vec![Seed::new("document state", other.state())];
    type Edit = (&'static str, fn(&mut Workspace));
    let edits: [Edit; 4] = [
        ("document status edit", |w| {
            w.projects[3].status = pmo_domain::Status::OffTrack
        }),
        ("document new project", |w| {
            let mut p = w.projects[0].clone();
            p.id = "p-new".into();
            p.code = "PRJ-NEW".into();
            w.projects.push(p);
        }),
        ("document removed person", |w| {
            w.people.remove(5);
        }),
        ("document move", |w| {
            w.people[8].manager_id = Some("ceo".into())
        }),
    ];
    for (name, edit) in edits {
        let mut next = ws.clone();
        edit(&mut next);
        let mut copy = Document::new(2);
        copy.merge(&other.state()).expect("our own state");
        seeds.push(Seed::new(name, copy.change(&ws, &next)));
    }
    // An edit as the app commits it: only the changed places, with a line of history.
    let mut copy = Document::new(3);
    copy.merge(&other.state()).expect("our own state");
    let mut held = ws.clone();
    let mut next = ws.clone();
    next.projects[1].name = "Renamed with history".into();
    next.people[2].name = "Also renamed".into();
    let change = pmo_domain::document::describe::Change::of(&ws, &next);
    let stamp = pmo_domain::document::history::Stamp {
        at_ms: 1_790_000_000_000,
        who: "Ana".into(),
    };
    seeds.push(Seed::new(
        "document edit with history",
        copy.commit(&mut held, &next, &change, &stamp),
    ));
    // Found by the harness: yrs applied part of it, then refused it (issue 17).
    seeds.push(Seed::new(
        "document refused part way",
        include_bytes!("../../domain/tests/fixtures/partly-applied.update").to_vec(),
    ));
    seeds
}

/// Documents' whole states in yrs' v2 encoding, as the snapshot and document files hold them
/// once inflated: the demo, a copy with edits and deletions merged in, and a few bytes that
/// declare a million blocks.
pub fn documents_v2() -> Vec<Seed> {
    use pmo_domain::document::Document;
    let ws = pmo_domain::demo::demo();
    let mut doc = Document::of(&ws, 1);
    let mut seeds = vec![Seed::new("v2 state", doc.state_v2())];
    let mut next = ws.clone();
    next.projects[1].name = "Renamed".into();
    next.projects.remove(4);
    next.people.remove(6);
    doc.change(&ws, &next);
    let copy = Document::new(2);
    copy.merge(&doc.state()).expect("our own state");
    seeds.push(Seed::new("v2 state with deletions", copy.state_v2()));
    seeds.push(Seed::new(
        "v2 block bomb",
        pmo_domain::document::bounds_v2::block_bomb(1_000_000),
    ));
    seeds
}

/// Records as the app stores them in IndexedDB: the compacted document and changes.
pub fn store_records() -> Vec<Seed> {
    use pmo_domain::document::Document;
    use pmo_domain::store::records::{encode_doc, encode_update, UpdateRecord};
    let ws = pmo_domain::demo::demo();
    let mut doc = Document::of(&ws, 1);
    let mut next = ws.clone();
    next.projects[2].status = pmo_domain::Status::AtRisk;
    let update = doc.change(&ws, &next);
    vec![
        Seed::new("stored document", encode_doc(&doc)),
        Seed::new(
            "stored document, format 1",
            pmo_domain::store::records::encode_doc_v1(&doc.state()),
        ),
        Seed::new(
            "stored change",
            encode_update(&UpdateRecord {
                at_ms: 1_796_000_000_000,
                who: "Amara".into(),
                update,
            }),
        ),
    ]
}

/// The demo with a status round for the reference month, due a week later.
pub fn with_round() -> Workspace {
    let today = pmo_domain::demo::reference_day();
    let mut ws = demo();
    pmo_domain::round::open(
        &mut ws,
        pmo_domain::portfolio::report::Month::containing(today),
        today + chrono::Days::new(7),
        today,
    )
    .expect("the demo has PMs to ask");
    ws
}

/// A request for every PM, one PM's request, and that PM's reply with changes (status, a
/// risk, commentary), as the app writes them.
pub fn status_files() -> Vec<Seed> {
    use pmo_domain::round::{encode, request, Reply};
    let ws = with_round();
    let round = &ws.rounds[0];
    let manager = round.requests[0].manager_id.clone();
    let all = request(&ws, round, None);
    let one = request(&ws, round, Some(&manager));
    let mut reply = Reply::blank(&one, &manager).expect("the PM is asked");
    if let Some(a) = reply.answers.first_mut() {
        a.given.status = pmo_domain::Status::AtRisk;
        a.given.percent_complete = 40;
        a.commentary = "Supplier late".into();
        if let Some(r) = a.given.risks.first_mut() {
            r.probability = 5;
        }
    }
    let reply = reply.sealed(
        "2026-11-20T10:00:00.000Z".into(),
        pmo_domain::demo::reference_day(),
    );
    vec![
        Seed::new("request-all", encode(&all)),
        Seed::new("request-one", encode(&one)),
        Seed::new("reply", encode(&reply)),
    ]
}

/// Messages a Hocuspocus server sends (as the live module writes them, plus the
/// authentication and announcement recorded from a real server).
pub fn live_messages() -> Vec<Seed> {
    use pmo_domain::document::Document;
    use pmo_domain::live::{presence, sync_step1, sync_step2, update};
    let doc = Document::of(&demo(), 3);
    let hex = |s: &str| -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap_or(0))
            .collect()
    };
    vec![
        Seed::new("authenticated", hex("03706d6f02020a726561642d7772697465")),
        Seed::new("denied", hex("03706d6f0201117065726d697373696f6e2d64656e696564")),
        Seed::new(
            "announcement",
            hex("03706d6f05287b22617070223a22706d6f2d776f726b62656e63682d73796e63222c2276657273696f6e223a317d"),
        ),
        Seed::new("step1", sync_step1("pmo", &doc.state_vector())),
        Seed::new("step2", sync_step2("pmo", &doc.state())),
        Seed::new("update", update("pmo", &doc.since(&doc.state_vector()).unwrap_or_default())),
        Seed::new("presence", presence("pmo", 9, 3, Some("Amara Lindqvist"))),
    ]
}
