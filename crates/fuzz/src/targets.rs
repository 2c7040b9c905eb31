//! The fuzz targets: every entry point that takes untrusted text, with the oracles that say
//! what a correct answer is beyond "it did not panic".
//!
//! A target returns `Err` with a sentence when an oracle fails. The part of the work that
//! counts against the time and memory bars runs inside [`Meter::measure`]; the oracles'
//! own work (saving again, decoding again) does not.

use std::time::{Duration, Instant};

use pmo_domain::storage::persist::{decide_startup, Startup};
use pmo_domain::storage::schema::{decode, DecodeError, Envelope};
use pmo_domain::validate::validate;
use pmo_domain::Workspace;
use serde_json::Value;

use crate::seeds::Seed;

/// Time and memory of the measured part of one input.
#[derive(Default)]
pub struct Meter {
    pub elapsed: Duration,
    pub peak: usize,
}

impl Meter {
    pub fn measure<R>(&mut self, f: impl FnOnce() -> R) -> R {
        let base = crate::alloc::start();
        let t = Instant::now();
        let r = f();
        self.elapsed += t.elapsed();
        self.peak = self.peak.max(crate::alloc::peak_since(base));
        r
    }
}

/// What every target gets besides the input.
pub struct Ctx {
    /// A valid current document, the draft or the other copy where one is needed.
    pub good: String,
    pub good_env: Envelope,
    /// The workspace imports and CSV previews run against.
    pub current: Workspace,
    /// The demo with a status round open, that reply files are merged into.
    pub with_round: Workspace,
}

impl Ctx {
    /// The day replies are merged on.
    pub fn today(&self) -> chrono::NaiveDate {
        pmo_domain::demo::reference_day()
    }

    pub fn new() -> Ctx {
        let current = pmo_domain::demo::demo();
        let good_env = Envelope::new(current.clone(), 3);
        let good = good_env.to_stored().expect("the demo is valid");
        Ctx {
            good_env: decode(&good).expect("our own store decodes"),
            good,
            with_round: crate::seeds::with_round(),
            current,
        }
    }
}

impl Default for Ctx {
    fn default() -> Self {
        Ctx::new()
    }
}

pub type Target = fn(&Ctx, &Seed, &[u8], &mut Meter) -> Result<(), String>;

/// Targets that run only when named with `--target`.
///
/// `share`: the merge preview holds three copies of a document at once (this copy's, the
/// file's and a merged one) and the blocks of two whole states, about 1.3 times the memory
/// bar for the largest seed. The file's bytes themselves are decoded by what `store` and
/// `document-v2` already run; the preview walks only states this code encoded.
pub const OPT_IN: [&str; 1] = ["share"];

pub const TARGETS: [(&str, Target); 13] = [
    ("stored", stored),
    ("import", import),
    ("csv", csv),
    ("xlsx", xlsx),
    ("questionnaire", questionnaire),
    ("route", route),
    ("parsers", parsers),
    ("document", document),
    ("store", store),
    ("document-v2", document_v2),
    ("share", share),
    ("round", round),
    ("live", live),
];

pub fn seeds_of(target: &str) -> Vec<Seed> {
    match target {
        "stored" => crate::seeds::stored(),
        "import" => crate::seeds::import(),
        "csv" => crate::seeds::csv(),
        "xlsx" => crate::seeds::workbooks(),
        "questionnaire" => crate::seeds::questionnaires(),
        "route" => crate::seeds::routes(),
        "document" => crate::seeds::documents(),
        "store" => crate::seeds::store_records(),
        "document-v2" | "share" => crate::seeds::documents_v2(),
        "round" => crate::seeds::status_files(),
        "live" => crate::seeds::live_messages(),
        _ => crate::seeds::parsers(),
    }
}

/// Storage hands the app a string; bytes that are not UTF-8 arrive replaced.
fn text(input: &[u8]) -> String {
    String::from_utf8_lossy(input).into_owned()
}

/// A document the app accepted: it passes the rules and saves and loads back unchanged.
fn accepted_is_sound(env: &Envelope, what: &str) -> Result<(), String> {
    let problems = validate(&env.workspace);
    if let Some(p) = problems.first() {
        return Err(format!(
            "{what}: accepted a workspace that breaks the rules ({} problems, first: {p})",
            problems.len()
        ));
    }
    let stored = env.to_stored().map_err(|p| {
        format!(
            "{what}: an accepted workspace cannot be saved ({} problems)",
            p.len()
        )
    })?;
    match decode(&stored) {
        Ok(back) if back == *env => Ok(()),
        Ok(_) => Err(format!(
            "{what}: saving and loading again changed the workspace"
        )),
        Err(e) => Err(format!(
            "{what}: the app would save data its own start-up refuses: {e}"
        )),
    }
}

/// Accepted data from a changed input of a checksummed form must be the seed's own data.
fn not_different(
    env: &Envelope,
    seed: &Seed,
    input: &[u8],
    also: Option<&Envelope>,
    what: &str,
) -> Result<(), String> {
    if !seed.checksummed || input == seed.bytes.as_slice() {
        return Ok(());
    }
    let same = seed.envelope.as_ref().is_some_and(|s| s == env) || also.is_some_and(|a| a == env);
    if same {
        Ok(())
    } else {
        Err(format!(
            "{what}: a damaged copy of seed {} was accepted as different data",
            seed.name
        ))
    }
}

fn stored(ctx: &Ctx, seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    let s = text(input);
    let (alone, as_draft, with_draft, readable) = m.measure(|| {
        (
            decide_startup(Some(&s), None),
            decide_startup(None, Some(&s)),
            decide_startup(Some(&s), Some(&ctx.good)),
            pmo_domain::storage::persist::readable(&s),
        )
    });
    // The copy offered for download is the stored text itself, or JSON that reads.
    if !readable.json && readable.text != s {
        return Err("the download of stored text is neither the text nor JSON".into());
    }
    if readable.json && serde_json::from_str::<Value>(&readable.text).is_err() {
        return Err("the download of stored text claims to be JSON but does not parse".into());
    }
    let decoded = decode(&s);
    // The first page's reader (`store::open::quick_view`) is `decode` of the binary form only.
    let quick = m.measure(|| pmo_domain::storage::schema::decode_packed_binary(&s));
    match (&quick, &decoded) {
        (None, _) | (Some(Err(_)), Err(_)) => {}
        (Some(Ok(a)), Ok(b)) if a == b => {}
        _ => {
            return Err("the first page's reader and start-up read stored text differently".into())
        }
    }
    for (what, st, draft) in [
        ("start-up", alone, None),
        ("start-up from the draft", as_draft, None),
        ("start-up with a draft", with_draft, Some(&ctx.good_env)),
    ] {
        match st {
            Startup::Loaded { envelope, .. } => {
                accepted_is_sound(&envelope, what)?;
                not_different(&envelope, seed, input, draft, what)?;
            }
            // Read-only: either what this version could read of it, or the draft.
            Startup::Newer {
                workspace,
                from_draft: true,
                ..
            } if workspace != ctx.good_env.workspace => {
                return Err(format!(
                    "{what}: a newer copy was shown with a draft that is not the draft"
                ));
            }
            _ => {}
        }
    }
    if seed.checksummed && input != seed.bytes.as_slice() {
        if let Err(DecodeError::NewerVersion { found, .. }) = &decoded {
            return Err(format!(
                "a damaged copy of seed {} looks like data from newer version {found}",
                seed.name
            ));
        }
    }
    Ok(())
}

/// Does `output` keep everything `input` said? Objects may gain keys (defaults), never lose
/// one; numbers keep their value; dates and times may only change their spelling.
fn covers(input: &Value, output: &Value, path: &str) -> Result<(), String> {
    match (input, output) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                let p = format!("{path}.{k}");
                match b.get(k) {
                    Some(w) => covers(v, w, &p)?,
                    None => return Err(format!("{p} was dropped without a word")),
                }
            }
            Ok(())
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                return Err(format!("{path} had {} entries, now {}", a.len(), b.len()));
            }
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                covers(v, w, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        (Value::Number(a), Value::Number(b)) => {
            let same = if a.is_f64() || b.is_f64() {
                a.as_f64() == b.as_f64()
            } else {
                a.as_i64() == b.as_i64() && a.as_u64() == b.as_u64()
            };
            if same {
                Ok(())
            } else {
                Err(format!("{path} was {a}, now {b}"))
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            // The same day or instant spelt another way ("255-11-18T…" is year 0255) is
            // the same value: read both the way the app reads them.
            let day = |s: &str| serde_json::from_value::<chrono::NaiveDate>(Value::from(s)).ok();
            let time = |s: &str| {
                serde_json::from_value::<chrono::DateTime<chrono::Utc>>(Value::from(s)).ok()
            };
            if (day(a).is_some() && day(a) == day(b)) || (time(a).is_some() && time(a) == time(b)) {
                Ok(())
            } else {
                Err(format!("{path} was {a:?}, now {b:?}"))
            }
        }
        (a, b) if a == b => Ok(()),
        (a, b) => Err(format!("{path} was {a}, now {b}")),
    }
}

fn import(ctx: &Ctx, seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    let s = text(input);
    let preview = m.measure(|| pmo_domain::storage::import::preview_import(&s, &ctx.current));
    let Ok(p) = preview else {
        return Ok(());
    };
    accepted_is_sound(&p.envelope, "import")?;
    not_different(&p.envelope, seed, input, None, "import")?;
    // Re-importing our own export changes nothing.
    let again =
        pmo_domain::storage::import::preview_import(&p.envelope.to_pretty_json(), &ctx.current)
            .map_err(|e| format!("import: our own export of an accepted file is refused: {e}"))?;
    if again.envelope != p.envelope {
        return Err("import: re-importing our own export changed the data".into());
    }
    // Nothing the file said is dropped or changed (current-version files; older ones are
    // migrated, which renames fields on purpose).
    if let Ok(value) = serde_json::from_str::<Value>(&s) {
        if value.get("version").and_then(Value::as_u64)
            == Some(u64::from(pmo_domain::storage::schema::CURRENT_VERSION))
        {
            let out = pmo_domain::model::ser::with_all_fields(|| serde_json::to_value(&p.envelope))
                .map_err(|e| e.to_string())?;
            covers(&value, &out, "file").map_err(|e| format!("import: {e}"))?;
        }
    }
    Ok(())
}

/// An Excel workbook chosen for import: its first sheet through the same mapping, questions
/// and preview as a CSV; what a preview accepts must keep the workspace valid.
fn xlsx(ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::portfolio::csv;
    let result = m.measure(|| {
        let wb = pmo_domain::common::xlsx::Workbook::open(input).ok()?;
        let table = csv::table_of_rows(wb.rows(0).ok()?).ok()?;
        Some(preview_answered(ctx, &table))
    });
    // The input also as the XML of a sheet and of its shared text and styles, in a sound
    // container: mutations of a packed file mostly break its checksum, these reach the XML.
    m.measure(|| {
        let rels = r#"<Relationships><Relationship Id="rId1" Target="worksheets/sheet1.xml"/></Relationships>"#;
        let book = r#"<workbook><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>"#;
        let wrapped = pmo_domain::common::zip::write(&[
            ("xl/workbook.xml", book.as_bytes().to_vec()),
            ("xl/_rels/workbook.xml.rels", rels.as_bytes().to_vec()),
            ("xl/worksheets/sheet1.xml", input.to_vec()),
            ("xl/sharedStrings.xml", input.to_vec()),
            ("xl/styles.xml", input.to_vec()),
        ]);
        let wb = pmo_domain::common::xlsx::Workbook::open(&wrapped).ok()?;
        wb.rows(0).ok()
    });
    let Some(preview) = result else {
        return Ok(());
    };
    applied_is_valid(ctx, preview, "xlsx").map(|_| ())
}

/// The preview of importing `table` with its guessed mapping and every question answered:
/// the guesses, every unknown person added, dates day first.
fn preview_answered(
    ctx: &Ctx,
    table: &pmo_domain::portfolio::csv::Table,
) -> pmo_domain::portfolio::csv::Preview {
    use pmo_domain::portfolio::{csv, csv_choices};
    let mapping = csv::guess_mapping(&table.headings);
    let q = csv_choices::questions(&ctx.current, table, &mapping);
    let mut choices = csv_choices::Choices::guessed(&q);
    choices
        .new_people
        .extend(q.people.iter().map(|p| p.key.clone()));
    for d in &q.dates {
        choices
            .date_order
            .insert(d.field, csv_choices::DateOrder::DayFirst);
    }
    csv::preview_with(&ctx.current, table, &mapping, &choices)
}

/// Apply a previewed import to a copy of the workspace: the result must keep every rule.
fn applied_is_valid(
    ctx: &Ctx,
    preview: pmo_domain::portfolio::csv::Preview,
    what: &str,
) -> Result<pmo_domain::Workspace, String> {
    let mut ws = ctx.current.clone();
    pmo_domain::portfolio::csv::apply(&mut ws, preview);
    let problems = validate(&ws);
    if let Some(p) = problems.first() {
        return Err(format!(
            "{what}: applying a previewed import breaks the rules ({} problems, first: {p})",
            problems.len()
        ));
    }
    Ok(ws)
}

fn csv(ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::portfolio::csv;
    let result = m.measure(|| {
        // The bytes as a file chooser gives them: any encoding.
        let (s, _) = pmo_domain::common::csv::decode(input).ok()?;
        let table = csv::parse(&s).ok()?;
        Some(preview_answered(ctx, &table))
    });
    let Some(preview) = result else {
        return Ok(());
    };
    let ws = applied_is_valid(ctx, preview, "csv")?;
    accepted_is_sound(&Envelope::new(ws.clone(), 1), "csv")?;
    // Re-importing our own export of the result changes nothing.
    let rows: Vec<usize> = (0..ws.projects.len()).collect();
    let out = csv::export(&ws, &rows);
    let table = csv::parse(&out).map_err(|e| format!("csv: our own export does not parse: {e}"))?;
    let mapping = csv::guess_mapping(&table.headings);
    let again = csv::preview(&ws, &table, &mapping);
    if let Some((i, p)) = again.updates.first() {
        let before = &ws.projects[*i];
        return Err(format!(
            "csv: re-importing our own export changes project {} (was {before:?}, becomes {p:?})",
            p.code
        ));
    }
    if !again.creates.is_empty() {
        return Err("csv: re-importing our own export creates projects".into());
    }
    Ok(())
}

fn questionnaire(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::assessment::{self, questionnaire};
    let s = text(input);
    let read = m.measure(|| questionnaire::read(&s));
    let Ok(q) = read else {
        return Ok(());
    };
    let back = questionnaire::read(&serde_json::to_string(&q).map_err(|e| e.to_string())?)
        .map_err(|e| format!("questionnaire: our own serialisation is refused: {e}"))?;
    if back != q {
        return Err("questionnaire: writing and reading it again changes it".into());
    }
    // Answer every question with each of its choices in turn, and with values out of range.
    let mut answers = Vec::new();
    m.measure(|| {
        for (i, question) in q.questions.iter().enumerate() {
            let choices = question.choices();
            let value = match i % 4 {
                0 => None,
                1 => Some(0),
                _ => choices.get(i % choices.len().max(1)).map(|c| c.value),
            };
            answers.push(pmo_domain::model::Answer {
                question_id: question.id.clone(),
                value,
                note: String::new(),
            });
            let _ = question.answer_label(value);
        }
        let score = assessment::score(&q, &answers);
        let _ = assessment::best_fit(&q, &answers, &score);
        let _ = assessment::asked(&q, &answers);
        let _ = assessment::first_open(&q, &answers, 0);
        let _ = assessment::step(&q, &answers, q.questions.len().saturating_sub(1), true);
        let _ = assessment::team(&q, &[score.clone(), score.clone()]);
        let _ = assessment::extremes(&score);
    });
    // An imported questionnaire is stored with the workspace: it must keep it valid.
    if questionnaire::is_built_in(&q.id) {
        return Ok(());
    }
    let mut ws = pmo_domain::demo::empty();
    ws.questionnaires.push(q.clone());
    ws.assessments.push(pmo_domain::model::Assessment {
        id: "a-1".into(),
        questionnaire_id: q.id.clone(),
        questionnaire_version: q.version,
        unit_id: None,
        respondent: "R".into(),
        started: chrono::NaiveDate::from_ymd_opt(2026, 1, 1).expect("a date"),
        finished: None,
        answers,
        position: 0,
        by_dimension: false,
    });
    accepted_is_sound(&Envelope::new(ws, 1), "questionnaire")?;
    if let Ok(value) = serde_json::from_str::<Value>(&s) {
        let out = serde_json::to_value(&q).map_err(|e| e.to_string())?;
        covers(&value, &out, "questionnaire").map_err(|e| format!("questionnaire: {e}"))?;
    }
    Ok(())
}

fn route(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::route;
    let s = text(input);
    let r = m.measure(|| route::parse(&s));
    // The register reads its filters (and the dashboard tiles' `only=`) from the address.
    let q = m.measure(|| pmo_domain::portfolio::Query::from_params(&r.query));
    let _ = m.measure(|| q.to_params());
    let query: Vec<(&str, &str)> = r
        .query
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let again = route::parse(&route::to_hash(&r.page, &query));
    if again != r && !matches!(r.page, route::Page::NotFound(_)) {
        return Err(format!(
            "route: {s:?} reads as {r:?}, but its own address reads as {again:?}"
        ));
    }
    Ok(())
}

/// The exact value of a plain decimal amount ("1234.5", "300k"), in minor units, or `None`
/// when it is not one or does not fit; a reference independent of the parser under test.
fn reference_money(cleaned: &str) -> Option<i128> {
    let (number, factor) = match cleaned.strip_suffix(['k', 'K']) {
        Some(n) => (n, 3),
        None => match cleaned.strip_suffix(['m', 'M']) {
            Some(n) => (n, 6),
            None => (cleaned, 0),
        },
    };
    let (whole, frac) = number.split_once('.').unwrap_or((number, ""));
    if !whole.bytes().all(|b| b.is_ascii_digit()) || !frac.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // digits × 10^(factor + 2 - frac.len()), exactly, or None when it leaves i64.
    let digits: String = format!("{whole}{frac}");
    let digits = digits.trim_start_matches('0');
    let shift = factor + 2 - frac.len() as i32;
    let mut value: i128 = 0;
    for b in digits.bytes() {
        value = value.checked_mul(10)?.checked_add(i128::from(b - b'0'))?;
        if value > i128::from(i64::MAX) * 1_000_000 {
            return None;
        }
    }
    if shift >= 0 {
        for _ in 0..shift {
            value = value.checked_mul(10)?;
        }
        Some(value)
    } else {
        // Sub-cent digits of "1.234k" are cut, as the parser documents.
        let div = 10i128.checked_pow((-shift) as u32)?;
        Some(value / div)
    }
}

fn parsers(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::portfolio::project::{money_input, parse_date, parse_money};
    use pmo_domain::portfolio::report::Month;
    let s = text(input);
    let (money, date, month) = m.measure(|| {
        let month = Month::parse(&s).inspect(|mo| {
            let _ = (mo.first(), mo.last(), mo.next(), mo.prev(), mo.label());
        });
        let _ = pmo_domain::validate::currency_code(&s);
        let _ = pmo_domain::route::decode_component(&s);
        (parse_money(&s), parse_date(&s), month)
    });
    // Dates of other tools' files, in each order, and the import answers this browser keeps.
    {
        use pmo_domain::portfolio::csv_choices::{
            tests_support::date, DateColumn, DateOrder, Remembered,
        };
        let col = DateColumn::default();
        let dates = m.measure(|| {
            [None, Some(DateOrder::DayFirst), Some(DateOrder::MonthFirst)]
                .map(|o| date(&s, &col, o))
        });
        if let (Ok(Some(a)), Ok(Some(b))) = (&dates[1], &dates[2]) {
            if a != b && s.trim().len() < 8 {
                return Err(format!(
                    "date: {s:?} is {a} or {b}, from a text too short to hold both"
                ));
            }
        }
        let remembered = m.measure(|| Remembered::decode(&s));
        let again = Remembered::decode(&remembered.encode());
        if again != remembered {
            return Err(format!(
                "remembered answers: {s:?} does not read back the same"
            ));
        }
    }
    // Hexadecimal text (changes a closing tab kept in localStorage) reads back exactly.
    if let Some(bytes) = m.measure(|| pmo_domain::common::hex::decode(&s)) {
        if !pmo_domain::common::hex::encode(&bytes).eq_ignore_ascii_case(s.trim()) {
            return Err(format!("hex: {s:?} does not read back"));
        }
    }
    if let Ok(amount) = money {
        if amount < 0 {
            return Err(format!(
                "money: {s:?} was read as a negative amount {amount}"
            ));
        }
        let cleaned: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != ',' && *c != '\'' && *c != '_')
            .collect();
        let cleaned =
            cleaned.trim_start_matches(|c: char| c.is_ascii_alphabetic() || "€$£¥".contains(c));
        if !cleaned.is_empty() {
            match reference_money(cleaned) {
                Some(v) if v == i128::from(amount) => {}
                Some(v) if v > i128::from(i64::MAX) => {
                    return Err(format!(
                        "money: {s:?} is too large, yet was read as {amount}"
                    ))
                }
                other => {
                    return Err(format!(
                        "money: {s:?} was read as {amount}, but it is {other:?}"
                    ))
                }
            }
        }
        if parse_money(&money_input(amount)) != Ok(amount) {
            return Err(format!(
                "money: {amount} does not read back from {:?}",
                money_input(amount)
            ));
        }
    }
    if let Ok(Some(d)) = date {
        if parse_date(&d.format("%Y-%m-%d").to_string()) != Ok(Some(d)) {
            return Err(format!("date: {d} does not read back"));
        }
    }
    if let Some(mo) = month {
        if Month::parse(&mo.slug()) != Some(mo) {
            return Err(format!("month: {} does not read back", mo.slug()));
        }
    }
    Ok(())
}

/// Changes from another copy of the CRDT document (a tab, a file, a sync server): merged into
/// a copy of the demo. Refused bytes change nothing; accepted ones leave a document that still
/// reads, and repairing what it reads is done in one go (a second repair finds nothing).
/// Whether a merged workspace that breaks other rules is taken in is for the data layer that
/// will use the document (issue 17): here it must only never panic or hang.
fn document(ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::document::Document;
    let doc = Document::of(&ctx.current, 1);
    let mut patched = ctx.current.clone();
    let merged = m.measure(|| doc.merge_into(input, &mut patched));
    let read = m.measure(|| doc.read());
    // Lines of history a peer wrote are read as they are shown: any shape, never a panic.
    let first = ctx
        .current
        .projects
        .first()
        .map_or("p-1", |p| p.id.as_str());
    m.measure(|| doc.history_of("project", first));
    if merged.is_ok() && patched != read.workspace && read.unreadable.is_empty() {
        return Err("document: reading only what a merge touched differs from reading all".into());
    }
    // The demo kept the rules: the test of only what the merge touched agrees with the whole.
    if let Ok(merged) = &merged {
        use pmo_domain::document::repair::{needed, needed_after};
        let (after, whole) = m.measure(|| (needed_after(&patched, merged), needed(&patched)));
        if after != whole {
            return Err(format!(
                "document: repair::needed_after said {after}, repair::needed {whole}"
            ));
        }
    }
    match merged {
        Err(_) if read.workspace != ctx.current => {
            Err("document: refused changes still changed the document".into())
        }
        Err(_) => Ok(()),
        Ok(_) => repaired_once("document", read.workspace, m),
    }
}

/// Repair what a merge or a load broke (measured), then require that a second repair finds
/// nothing: the repair rules leave a workspace that keeps them. `repair::needed` (the cheap
/// test the app runs after each merge) must agree with the repair, before and after.
fn repaired_once(target: &str, mut ws: Workspace, m: &mut Meter) -> Result<(), String> {
    use pmo_domain::document::repair::{needed, repair};
    let said_needed = m.measure(|| needed(&ws));
    let said = m.measure(|| repair(&mut ws));
    if said_needed == said.is_empty() {
        return Err(format!(
            "{target}: repair::needed said {said_needed}, the repair changed {said:?}"
        ));
    }
    let again = repair(&mut ws);
    if !again.is_empty() {
        return Err(format!("{target}: a second repair still changed {again:?}"));
    }
    if needed(&ws) {
        return Err(format!("{target}: repair::needed after the repair"));
    }
    Ok(())
}

/// A document's state in the v2 encoding (the snapshot and document files, inflated): loaded
/// as start-up loads it, and re-encoded as v1 to merge into a document that holds something,
/// never panicking; what loads keeps the repair rules once repaired, and both ways agree.
fn document_v2(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::document::{bounds_v2::to_v1, Document, State};
    let loaded = m.measure(|| Document::from_state(1, &State::V2(input.to_vec())));
    let merged = m.measure(|| to_v1(input)).ok().and_then(|v1| {
        let doc = Document::new(1);
        m.measure(|| doc.merge(&v1)).ok().map(|()| doc)
    });
    let (Ok(doc), Some(other)) = (loaded, merged) else {
        return Ok(());
    };
    let read = m.measure(|| doc.read());
    if read != other.read() {
        return Err("document-v2: loading and merging the same state read differently".into());
    }
    repaired_once("document-v2", read.workspace, m)
}

/// A colleague's document file to merge (issue 18), as a state against the demo's document:
/// the preview never panics, and what it accepts merges into this copy.
fn share(ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::document::{share::preview, Document, State};
    // A small copy of our own: the preview copies it, which costs what it holds, not the input.
    let _ = ctx;
    let here = Workspace::default();
    let ours = Document::of(&here, 1);
    let Ok(p) = m.measure(|| preview(&ours, &here, &State::V2(input.to_vec()))) else {
        return Ok(());
    };
    let mut ws = here.clone();
    match m.measure(|| ours.merge_into(&p.update, &mut ws)) {
        Ok(_) => Ok(()),
        Err(e) => Err(format!("share: the preview's update does not merge: {e}")),
    }
}

/// Status request and reply files (issue 18): a file read is written back the same; a reply
/// merged into a workspace with a round leaves it keeping every rule, changes only the
/// status fields of the projects that PM was asked about, and merged again changes nothing.
fn round(ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::round::{decode_reply, decode_request, encode, merge};
    let s = text(input);
    if let Ok(r) = m.measure(|| decode_request(&s)) {
        if decode_request(&encode(&r)).as_ref() != Ok(&r) {
            return Err("round: a request does not read back as written".into());
        }
    }
    let Ok(reply) = m.measure(|| decode_reply(&s)) else {
        return Ok(());
    };
    if decode_reply(&encode(&reply)).as_ref() != Ok(&reply) {
        return Err("round: a reply does not read back as written".into());
    }
    let mut ws = ctx.with_round.clone();
    let out = m.measure(|| merge(&mut ws, std::slice::from_ref(&reply), ctx.today()));
    if out[0].refused.is_some() || out[0].already {
        if ws != ctx.with_round {
            return Err("round: a refused reply changed the workspace".into());
        }
        return Ok(());
    }
    if let Some(p) = pmo_domain::validate::validate(&ws).first() {
        return Err(format!("round: a merged reply broke a rule: {p}"));
    }
    let asked: Vec<&str> = ctx.with_round.rounds[0]
        .requests
        .iter()
        .filter(|r| r.manager_id == reply.manager)
        .flat_map(|r| r.projects.iter().map(String::as_str))
        .collect();
    for (before, after) in ctx.with_round.projects.iter().zip(&ws.projects) {
        let mut only_status = after.clone();
        only_status.status = before.status;
        only_status.rag = before.rag;
        only_status.end = before.end;
        only_status.budget.forecast = before.budget.forecast;
        only_status.percent_complete = before.percent_complete;
        only_status.risks.clone_from(&before.risks);
        only_status.updates.clone_from(&before.updates);
        if only_status != *before || (after != before && !asked.contains(&before.id.as_str())) {
            return Err(format!(
                "round: a reply changed {} beyond its PM's status fields",
                before.code
            ));
        }
    }
    let again = ws.clone();
    let out = merge(&mut ws, &[reply], ctx.today());
    if !out[0].already || ws != again {
        return Err("round: a reply merged twice changed the workspace again".into());
    }
    Ok(())
}

/// Messages from a sync server (issue 18): read or refused, never a panic; a sync step 1 read
/// is a state vector; an awareness update read gives names of bounded length.
fn live(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::live::{presence_of, read, Incoming};
    match m.measure(|| read("pmo", input)) {
        Ok(Incoming::SyncStep1(sv))
            if pmo_domain::document::Document::new(1).covers(&sv).is_err() =>
        {
            return Err("live: a sync step 1 was read whose state vector does not decode".into());
        }
        Ok(Incoming::Awareness(a)) => {
            let names = m.measure(|| presence_of(&a, 1));
            if names.is_ok_and(|p| p.here.iter().any(|(_, n)| n.len() > 80)) {
                return Err("live: a present person's name was not clipped".into());
            }
        }
        _ => {}
    }
    Ok(())
}

/// Records read from IndexedDB (issue 17): the stored document, a stored change, and a whole
/// store made of them. A record that decodes encodes back to the same bytes (nothing in it is
/// dropped or changed on the way); opening a store never panics, and whatever it opens keeps
/// the repair rules (repairing again finds nothing).
fn store(_ctx: &Ctx, _seed: &Seed, input: &[u8], m: &mut Meter) -> Result<(), String> {
    use pmo_domain::document::repair::repair;
    use pmo_domain::store::open::{load, Stored};
    use pmo_domain::store::records::{decode_doc, decode_update, encode_update};
    if let Ok(record) = m.measure(|| decode_update(input)) {
        if encode_update(&record) != input {
            return Err("store: a stored change does not encode back to its bytes".into());
        }
    }
    m.measure(|| decode_doc(input)).ok();
    // A document file (the export of the document itself): accepted only when it reads whole
    // and keeps every rule.
    if let Ok(ws) = m.measure(|| pmo_domain::store::file::read_document_file(input)) {
        if !pmo_domain::validate::validate(&ws).is_empty() {
            return Err("store: a document file breaking a rule was accepted".into());
        }
    }
    let stored = Stored {
        doc: Some(input.to_vec()),
        view: None,
        updates: vec![(1, input.to_vec())],
    };
    let mut loaded = m.measure(|| load(&stored, 7));
    let again = repair(&mut loaded.workspace);
    if again.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "store: what a store opened still needed repairs {again:?}"
        ))
    }
}
