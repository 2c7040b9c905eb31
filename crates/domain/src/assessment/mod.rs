//! Taking and scoring an assessment: which questions are asked, where a person is, and the
//! explicit scoring rules.
//!
//! ## Scoring rules
//! 1. Only questions that are *asked* count: a question with a condition is asked only while
//!    the earlier question it depends on is asked and has one of the named answers.
//! 2. Every answer becomes a number on the questionnaire's level scale (lowest level `lo`,
//!    highest `hi`, normally 1 and 5):
//!    - a statement counts as the level it is mapped to;
//!    - a scale value 1–5 is spread evenly over `lo..=hi`;
//!    - no counts as `lo`, partly as the middle, yes as `hi`.
//! 3. A dimension's **score** is the weighted mean of its answered questions (question
//!    weights, default 1). "Not applicable" and unanswered questions are left out of the mean;
//!    a dimension with no answered question has no score.
//! 4. A dimension's **level** is the highest level at or below its score: a level is reached
//!    when the mean reaches it (a score of 2.9 is level 2).
//! 5. The **overall score** is the weighted mean of the dimension scores (dimension weights);
//!    dimensions without a score are left out. The overall level follows rule 4.
//! 6. **Completeness** is the share of asked questions that have an answer (a value or "not
//!    applicable"). A result is **firm** only when every asked question is answered; until
//!    then it is shown as provisional, and so is each dimension with unanswered questions.
//! 7. For a *best fit* questionnaire (the PMO type), the dimension(s) with the highest score
//!    fit best; the reasons are the answers in that dimension at or above the middle.

pub mod questionnaire;

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::{Answer, Assessment};
use crate::model::{QuestionKind, Questionnaire, ResultKind};

/// Scores within this distance are treated as equal.
const EPS: f64 = 1e-9;

/// Which questions are asked, given the answers so far (one flag per question).
pub fn asked(q: &Questionnaire, answers: &[Answer]) -> Vec<bool> {
    let by_id = answer_map(answers);
    let index: HashMap<&str, usize> = q
        .questions
        .iter()
        .enumerate()
        .map(|(i, x)| (x.id.as_str(), i))
        .collect();
    let mut out = vec![true; q.questions.len()];
    for (i, x) in q.questions.iter().enumerate() {
        if let Some(c) = &x.show_if {
            // Conditions only look back (validated), so `out[j]` is already known.
            out[i] = match index.get(c.question.as_str()) {
                Some(&j) if j < i => {
                    out[j]
                        && by_id
                            .get(c.question.as_str())
                            .and_then(|a| a.value)
                            .is_some_and(|v| c.answers.contains(&v))
                }
                _ => false,
            };
        }
    }
    out
}

fn answer_map(answers: &[Answer]) -> HashMap<&str, &Answer> {
    answers
        .iter()
        .map(|a| (a.question_id.as_str(), a))
        .collect()
}

/// The answer to a question, if any.
pub fn answer_of<'a>(answers: &'a [Answer], question: &str) -> Option<&'a Answer> {
    answers.iter().find(|a| a.question_id == question)
}

/// An answer value on the level scale (rule 2); `None` for a value the question does not have.
pub fn value_on_scale(q: &Questionnaire, question: usize, value: u8) -> Option<f64> {
    let x = &q.questions[question];
    let (lo, hi) = q.level_range();
    let (lo, hi) = (f64::from(lo), f64::from(hi));
    match x.kind {
        QuestionKind::Statements => x
            .statements
            .get(usize::from(value).checked_sub(1)?)
            .map(|s| f64::from(s.level)),
        QuestionKind::Scale => (1..=5)
            .contains(&value)
            .then(|| lo + (f64::from(value) - 1.0) * (hi - lo) / 4.0),
        QuestionKind::YesPartlyNo => match value {
            1 => Some(lo),
            2 => Some((lo + hi) / 2.0),
            3 => Some(hi),
            _ => None,
        },
    }
}

/// The level reached with a score (rule 4).
pub fn level_of(q: &Questionnaire, score: f64) -> Option<u8> {
    q.levels
        .iter()
        .map(|l| l.value)
        .filter(|&v| f64::from(v) <= score + EPS)
        .max()
        .or_else(|| q.levels.iter().map(|l| l.value).min())
}

/// The result of one dimension.
#[derive(Clone, Debug, PartialEq)]
pub struct DimensionScore {
    pub dimension: String,
    pub score: Option<f64>,
    pub level: Option<u8>,
    /// Asked questions of the dimension.
    pub asked: usize,
    /// Answered with a value.
    pub answered: usize,
    /// Answered "not applicable".
    pub not_applicable: usize,
}

impl DimensionScore {
    /// Every asked question has an answer.
    pub fn firm(&self) -> bool {
        self.answered + self.not_applicable == self.asked
    }
}

/// The result of an assessment, complete or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Score {
    pub dimensions: Vec<DimensionScore>,
    pub overall: Option<f64>,
    pub level: Option<u8>,
    pub asked: usize,
    pub answered: usize,
    pub not_applicable: usize,
}

impl Score {
    /// The share of asked questions with an answer, 0–1 (rule 6).
    pub fn completeness(&self) -> f64 {
        if self.asked == 0 {
            1.0
        } else {
            (self.answered + self.not_applicable) as f64 / self.asked as f64
        }
    }

    /// Every asked question is answered, so the result is firm.
    pub fn firm(&self) -> bool {
        self.answered + self.not_applicable == self.asked
    }

    /// Completeness as a whole percentage, rounded down (so 99.6 % is not shown as 100 %).
    pub fn percent(&self) -> u32 {
        (self.completeness() * 100.0 + EPS).floor() as u32
    }

    pub fn of(&self, dimension: &str) -> Option<&DimensionScore> {
        self.dimensions.iter().find(|d| d.dimension == dimension)
    }
}

/// Score answers against a questionnaire (rules 1–6).
pub fn score(q: &Questionnaire, answers: &[Answer]) -> Score {
    let on = asked(q, answers);
    let by_id = answer_map(answers);
    let mut dims: Vec<DimensionScore> = q
        .dimensions
        .iter()
        .map(|d| DimensionScore {
            dimension: d.id.clone(),
            score: None,
            level: None,
            asked: 0,
            answered: 0,
            not_applicable: 0,
        })
        .collect();
    let dim_index: HashMap<&str, usize> = q
        .dimensions
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut sums = vec![(0.0_f64, 0.0_f64); dims.len()];
    for (i, x) in q.questions.iter().enumerate() {
        let Some(&d) = dim_index.get(x.dimension.as_str()) else {
            continue;
        };
        if !on[i] {
            continue;
        }
        dims[d].asked += 1;
        match by_id.get(x.id.as_str()) {
            None => {}
            Some(Answer { value: None, .. }) => dims[d].not_applicable += 1,
            Some(Answer { value: Some(v), .. }) => {
                if let Some(s) = value_on_scale(q, i, *v) {
                    dims[d].answered += 1;
                    sums[d].0 += x.weight * s;
                    sums[d].1 += x.weight;
                }
            }
        }
    }
    let (mut total, mut weight) = (0.0, 0.0);
    for (d, (sum, w)) in dims.iter_mut().zip(&sums) {
        if *w > 0.0 {
            let s = sum / w;
            d.score = Some(s);
            d.level = level_of(q, s);
            let dw = q.dimension(&d.dimension).map_or(1.0, |x| x.weight);
            total += dw * s;
            weight += dw;
        }
    }
    let overall = (weight > 0.0).then(|| total / weight);
    Score {
        asked: dims.iter().map(|d| d.asked).sum(),
        answered: dims.iter().map(|d| d.answered).sum(),
        not_applicable: dims.iter().map(|d| d.not_applicable).sum(),
        level: overall.and_then(|s| level_of(q, s)),
        overall,
        dimensions: dims,
    }
}

/// The strongest and the weakest dimensions (all of them when tied); empty without scores.
pub fn extremes(s: &Score) -> (Vec<&DimensionScore>, Vec<&DimensionScore>) {
    let scored: Vec<&DimensionScore> = s.dimensions.iter().filter(|d| d.score.is_some()).collect();
    let max = scored
        .iter()
        .filter_map(|d| d.score)
        .fold(f64::MIN, f64::max);
    let min = scored
        .iter()
        .filter_map(|d| d.score)
        .fold(f64::MAX, f64::min);
    if scored.len() < 2 || (max - min).abs() < EPS {
        return (Vec::new(), Vec::new());
    }
    let near = |x: f64| move |d: &&DimensionScore| d.score.is_some_and(|s| (s - x).abs() < EPS);
    (
        scored.iter().copied().filter(near(max)).collect(),
        scored.iter().copied().filter(near(min)).collect(),
    )
}

/// The best-fitting dimension(s) of a best-fit questionnaire, with the reasons (rule 7).
#[derive(Clone, Debug, PartialEq)]
pub struct Fit {
    /// Ids of the dimensions with the highest score (several when tied).
    pub best: Vec<String>,
    /// For each best dimension, the asked questions answered at or above the middle, with
    /// the answer's label: (question text, answer label).
    pub reasons: Vec<(String, String)>,
}

pub fn best_fit(q: &Questionnaire, answers: &[Answer], s: &Score) -> Option<Fit> {
    if q.result != ResultKind::BestFit {
        return None;
    }
    let max = s
        .dimensions
        .iter()
        .filter_map(|d| d.score)
        .fold(f64::MIN, f64::max);
    let best: Vec<String> = s
        .dimensions
        .iter()
        .filter(|d| d.score.is_some_and(|x| (x - max).abs() < EPS))
        .map(|d| d.dimension.clone())
        .collect();
    if best.is_empty() {
        return None;
    }
    let (lo, hi) = q.level_range();
    let middle = (f64::from(lo) + f64::from(hi)) / 2.0;
    let on = asked(q, answers);
    let mut reasons = Vec::new();
    for (i, x) in q.questions.iter().enumerate() {
        if !on[i] || !best.contains(&x.dimension) {
            continue;
        }
        if let Some(v) = answer_of(answers, &x.id).and_then(|a| a.value) {
            if value_on_scale(q, i, v).is_some_and(|s| s >= middle - EPS) {
                reasons.push((x.text.clone(), x.answer_label(Some(v))));
            }
        }
    }
    Some(Fit { best, reasons })
}

/// Change per dimension from an earlier result to a later one (`None` where either has no
/// score), and overall.
pub fn deltas(earlier: &Score, later: &Score) -> (Vec<Option<f64>>, Option<f64>) {
    let per = later
        .dimensions
        .iter()
        .map(|d| {
            let before = earlier.of(&d.dimension)?.score?;
            Some(d.score? - before)
        })
        .collect();
    let overall = later.overall.zip(earlier.overall).map(|(a, b)| a - b);
    (per, overall)
}

/// Several respondents' scores of one dimension combined.
#[derive(Clone, Debug, PartialEq)]
pub struct Spread {
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    /// How many respondents scored the dimension.
    pub n: usize,
}

impl Spread {
    /// The distance between the lowest and the highest score.
    pub fn range(&self) -> f64 {
        self.max - self.min
    }
}

/// Team view: mean and spread per dimension over several results (in the questionnaire's
/// dimension order), and of the overall scores.
pub fn team(q: &Questionnaire, scores: &[Score]) -> (Vec<Option<Spread>>, Option<Spread>) {
    let spread = |xs: Vec<f64>| {
        (!xs.is_empty()).then(|| Spread {
            mean: xs.iter().sum::<f64>() / xs.len() as f64,
            min: xs.iter().copied().fold(f64::MAX, f64::min),
            max: xs.iter().copied().fold(f64::MIN, f64::max),
            n: xs.len(),
        })
    };
    let per = q
        .dimensions
        .iter()
        .map(|d| {
            spread(
                scores
                    .iter()
                    .filter_map(|s| s.of(&d.id).and_then(|x| x.score))
                    .collect(),
            )
        })
        .collect();
    let overall = spread(scores.iter().filter_map(|s| s.overall).collect());
    (per, overall)
}

/// Whether a team's answers disagree enough to talk about: a spread of at least one level.
pub fn disagrees(s: &Spread) -> bool {
    s.n > 1 && s.range() >= 1.0 - EPS
}

/// The assessments of a unit with one questionnaire, oldest first (by start date, then id).
pub fn history<'a>(
    assessments: &'a [Assessment],
    questionnaire: &str,
    unit: Option<&str>,
) -> Vec<&'a Assessment> {
    let mut out: Vec<&Assessment> = assessments
        .iter()
        .filter(|a| a.questionnaire_id == questionnaire && a.unit_id.as_deref() == unit)
        .collect();
    out.sort_by(|a, b| (a.started, &a.id).cmp(&(b.started, &b.id)));
    out
}

/// The assessment a result is compared with at first: the same respondent's latest of
/// `history` (as [`history`] orders it) that started before `a`. Another respondent's
/// answers would show their differences of view as a change.
pub fn earlier_to_compare<'a>(
    history: &[&'a Assessment],
    a: &Assessment,
) -> Option<&'a Assessment> {
    let who = respondent_key(&a.respondent);
    history
        .iter()
        .rev()
        .find(|h| {
            h.id != a.id
                && (h.started, &h.id) < (a.started, &a.id)
                && respondent_key(&h.respondent) == who
        })
        .copied()
}

/// One respondent's overall scores over time, for a unit's trend.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendSeries {
    pub respondent: String,
    /// (started, overall score, assessment id), oldest first.
    pub points: Vec<(chrono::NaiveDate, Option<f64>, String)>,
}

/// A unit's trend: one series per respondent (names compared as [`respondent_key`] does), in
/// the order they first answered, and the dates the time axis spans.
pub fn trend_series(
    q: &Questionnaire,
    history: &[Assessment],
) -> (
    Vec<TrendSeries>,
    Option<(chrono::NaiveDate, chrono::NaiveDate)>,
) {
    let mut out: Vec<(String, TrendSeries)> = Vec::new();
    for h in history {
        let key = respondent_key(&h.respondent);
        let point = (h.started, score(q, &h.answers).overall, h.id.clone());
        match out.iter_mut().find(|(k, _)| *k == key) {
            Some((_, s)) => s.points.push(point),
            None => out.push((
                key,
                TrendSeries {
                    respondent: h.respondent.trim().to_string(),
                    points: vec![point],
                },
            )),
        }
    }
    for (_, s) in &mut out {
        s.points.sort_by(|a, b| (a.0, &a.2).cmp(&(b.0, &b.2)));
    }
    let span = history
        .iter()
        .map(|h| h.started)
        .min()
        .zip(history.iter().map(|h| h.started).max());
    (out.into_iter().map(|(_, s)| s).collect(), span)
}

/// Where `d` sits between `from` and `to`, from 0 to 1 (the middle when they are the same day).
pub fn time_fraction(d: chrono::NaiveDate, from: chrono::NaiveDate, to: chrono::NaiveDate) -> f64 {
    let total = (to - from).num_days();
    if total <= 0 {
        0.5
    } else {
        ((d - from).num_days() as f64 / total as f64).clamp(0.0, 1.0)
    }
}

/// How respondents' names are compared: without case or surrounding spaces.
pub fn respondent_key(name: &str) -> String {
    name.trim().to_lowercase()
}

/// The latest assessment per respondent of a unit with one questionnaire (names compared
/// without case or surrounding spaces), in respondent order: the team behind a team view.
pub fn latest_per_respondent<'a>(
    assessments: &'a [Assessment],
    questionnaire: &str,
    unit: Option<&str>,
) -> Vec<&'a Assessment> {
    let mut by: Vec<(String, &Assessment)> = Vec::new();
    for a in history(assessments, questionnaire, unit) {
        let key = respondent_key(&a.respondent);
        match by.iter_mut().find(|(k, _)| *k == key) {
            Some(slot) => slot.1 = a,
            None => by.push((key, a)),
        }
    }
    by.sort_by(|a, b| a.0.cmp(&b.0));
    by.into_iter().map(|(_, a)| a).collect()
}

/// Where to go from question `at`: the next (or previous) asked question, if any.
pub fn step(q: &Questionnaire, answers: &[Answer], at: usize, forward: bool) -> Option<usize> {
    let on = asked(q, answers);
    if forward {
        (at + 1..q.questions.len()).find(|&i| on[i])
    } else {
        (0..at.min(q.questions.len())).rev().find(|&i| on[i])
    }
}

/// The first asked question without an answer, at or after `from` (wrapping round), or
/// `None` when all are answered: where "resume" and "next unanswered" go.
pub fn first_open(q: &Questionnaire, answers: &[Answer], from: usize) -> Option<usize> {
    let on = asked(q, answers);
    let n = q.questions.len();
    (0..n)
        .map(|k| (from + k) % n)
        .find(|&i| on[i] && answer_of(answers, &q.questions[i].id).is_none())
}

/// Set (or replace) the answer to a question; the note is kept when only the value changes.
pub fn set_answer(answers: &mut Vec<Answer>, question: &str, value: Option<u8>) {
    match answers.iter_mut().find(|a| a.question_id == question) {
        Some(a) => a.value = value,
        None => answers.push(Answer {
            question_id: question.into(),
            value,
            note: String::new(),
        }),
    }
}

/// Set the note of an answered question; `false` (and nothing changes) when the question has
/// no answer yet, so a note alone never counts as an answer.
pub fn set_note(answers: &mut [Answer], question: &str, note: &str) -> bool {
    match answers.iter_mut().find(|a| a.question_id == question) {
        Some(a) => {
            a.note = note.to_string();
            true
        }
        None => false,
    }
}

/// Remove the answer to a question (skip it for now).
pub fn clear_answer(answers: &mut Vec<Answer>, question: &str) {
    answers.retain(|a| a.question_id != question);
}

/// A one-decimal score as shown ("3.4"); "–" for none.
pub fn show(score: Option<f64>) -> String {
    score.map_or_else(|| "–".into(), |s| format!("{s:.1}"))
}

/// A signed one-decimal change ("+0.6", "−0.2", "±0.0").
pub fn show_delta(d: Option<f64>) -> String {
    match d {
        None => "–".into(),
        Some(x) if x.abs() < 0.05 => "±0.0".into(),
        Some(x) if x > 0.0 => format!("+{x:.1}"),
        Some(x) => format!("−{:.1}", -x),
    }
}

/// The results of an assessment as CSV: one row per dimension plus an overall row.
pub fn results_csv(q: &Questionnaire, a: &Assessment, unit: &str, s: &Score) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    w.write_record([
        "Questionnaire",
        "Unit",
        "Respondent",
        "Started",
        "Finished",
        "Dimension",
        "Score",
        "Level",
        "Level name",
        "Answered",
        "Not applicable",
        "Asked",
        "Firm",
    ])
    .expect("writing to memory");
    let level_name = |l: Option<u8>| {
        l.and_then(|l| q.level(l))
            .map_or(String::new(), |x| x.name.clone())
    };
    let finished = a.finished.map_or(String::new(), |d| d.to_string());
    let mut row = |dimension: &str,
                   score: Option<f64>,
                   level: Option<u8>,
                   n: (usize, usize, usize),
                   firm: bool| {
        let cells = [
            q.title.clone(),
            unit.to_string(),
            a.respondent.clone(),
            a.started.to_string(),
            finished.clone(),
            dimension.to_string(),
            score.map_or(String::new(), |s| format!("{s:.2}")),
            level.map_or(String::new(), |l| l.to_string()),
            level_name(level),
            n.0.to_string(),
            n.1.to_string(),
            n.2.to_string(),
            if firm { "yes" } else { "no" }.to_string(),
        ];
        w.write_record(cells.iter().map(|c| crate::common::csv::neutralise(c)))
            .expect("writing to memory");
    };
    for d in &s.dimensions {
        let name = q
            .dimension(&d.dimension)
            .map_or(d.dimension.as_str(), |x| x.name.as_str());
        row(
            name,
            d.score,
            d.level,
            (d.answered, d.not_applicable, d.asked),
            d.firm(),
        );
    }
    row(
        "Overall",
        s.overall,
        s.level,
        (s.answered, s.not_applicable, s.asked),
        s.firm(),
    );
    crate::common::csv::finish(w)
}

/// The results of an assessment as JSON: who, when, the score per dimension with level and
/// recommendation, and every answer with its note.
pub fn results_json(q: &Questionnaire, a: &Assessment, unit: &str, s: &Score) -> String {
    use serde_json::{json, Value};
    let level = |l: Option<u8>| -> Value {
        match l.and_then(|l| q.level(l)) {
            Some(x) => json!({"value": x.value, "name": x.name}),
            None => Value::Null,
        }
    };
    let dims: Vec<Value> = s
        .dimensions
        .iter()
        .map(|d| {
            json!({
                "id": d.dimension,
                "name": q.dimension(&d.dimension).map(|x| x.name.clone()),
                "score": d.score.map(|x| (x * 100.0).round() / 100.0),
                "level": level(d.level),
                "answered": d.answered,
                "not_applicable": d.not_applicable,
                "asked": d.asked,
                "firm": d.firm(),
                "recommendation": d.level.and_then(|l| q.recommendation(&d.dimension, l)),
            })
        })
        .collect();
    let answers: Vec<Value> = q
        .questions
        .iter()
        .filter_map(|x| {
            let ans = answer_of(&a.answers, &x.id)?;
            Some(json!({
                "question": x.id,
                "text": x.text,
                "answer": x.answer_label(ans.value),
                "value": ans.value,
                "note": ans.note,
            }))
        })
        .collect();
    let doc = json!({
        "format": "pmo-workbench-assessment-results",
        "questionnaire": {"id": q.id, "title": q.title, "version": q.version},
        "unit": unit,
        "respondent": a.respondent,
        "started": a.started.to_string(),
        "finished": a.finished.map(|d| d.to_string()),
        "completeness": (s.completeness() * 1000.0).round() / 1000.0,
        "firm": s.firm(),
        "overall": {"score": s.overall.map(|x| (x * 100.0).round() / 100.0), "level": level(s.level)},
        "dimensions": dims,
        "answers": answers,
    });
    crate::common::json::pretty(&doc.to_string())
}

/// A point of a radar chart: axis `i` of `n` (the first points up, then clockwise), at
/// `value` on a scale from `lo` (the centre) to `hi` (radius `r`).
pub fn radar_point(i: usize, n: usize, value: f64, (lo, hi): (f64, f64), r: f64) -> (f64, f64) {
    let angle = std::f64::consts::TAU * i as f64 / n.max(1) as f64 - std::f64::consts::FRAC_PI_2;
    let t = if hi > lo {
        ((value - lo) / (hi - lo)).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (r * t * angle.cos(), r * t * angle.sin())
}

/// An SVG path of a radar polygon through the values (a missing value is drawn at the centre),
/// centred on (0, 0).
pub fn radar_path(values: &[Option<f64>], range: (f64, f64), r: f64) -> String {
    let n = values.len();
    let mut d = String::new();
    for (i, v) in values.iter().enumerate() {
        let (x, y) = radar_point(i, n, v.unwrap_or(range.0), range, r);
        d.push_str(&format!("{}{x:.1},{y:.1}", if i == 0 { "M" } else { "L" }));
    }
    if n > 0 {
        d.push('Z');
    }
    d
}

/// The date a new assessment starts: today, from the caller's clock.
pub fn start(
    id: String,
    q: &Questionnaire,
    unit: Option<String>,
    respondent: &str,
    today: NaiveDate,
    by_dimension: bool,
) -> Assessment {
    Assessment {
        id,
        questionnaire_id: q.id.clone(),
        questionnaire_version: q.version,
        unit_id: unit,
        respondent: respondent.trim().to_string(),
        started: today,
        finished: None,
        answers: Vec::new(),
        position: 0,
        by_dimension,
    }
}

/// The next free assessment id ("a-001", "a-002", …).
pub fn next_id(assessments: &[Assessment]) -> String {
    let n = assessments
        .iter()
        .filter_map(|a| {
            a.id.strip_prefix("a-")?
                .split('-')
                .next()?
                .parse::<u64>()
                .ok()
        })
        .max()
        .unwrap_or(0);
    let used: HashSet<&str> = assessments.iter().map(|a| a.id.as_str()).collect();
    crate::common::ids::fresh_id("a-", 3, n.saturating_add(1), |id| used.contains(id))
}
