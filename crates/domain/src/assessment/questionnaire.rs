//! Questionnaires as data: levels, dimensions, questions and recommendations, read from JSON
//! and checked before use. The format is documented with an example in
//! `docs/questionnaire-format.md`; the built-in questionnaires are in `questionnaires/`.
//!
//! Answers are stored as small numbers (see [`crate::model::Answer`]):
//! - *statements*: the position of the chosen statement, from 1;
//! - *scale*: the value 1–5;
//! - *yes / partly / no*: 1 = no, 2 = partly, 3 = yes;
//! - not applicable: no value.

use std::collections::{HashMap, HashSet};

use crate::model::{Dimension, Level, Question, QuestionKind, Questionnaire};

/// The most statements one question may offer (the built-in ones have five).
pub const MAX_STATEMENTS: usize = 50;

/// One answer choice of a question, as the page offers it.
#[derive(Clone, Debug, PartialEq)]
pub struct Choice {
    /// The stored value.
    pub value: u8,
    pub label: String,
}

impl Question {
    /// The choices in the order they are shown.
    pub fn choices(&self) -> Vec<Choice> {
        match self.kind {
            QuestionKind::Statements => self
                .statements
                .iter()
                .enumerate()
                .map(|(i, s)| Choice {
                    // Validation allows at most MAX_STATEMENTS; never wrap past 255.
                    value: u8::try_from(i + 1).unwrap_or(u8::MAX),
                    label: s.text.clone(),
                })
                .collect(),
            QuestionKind::Scale => (1..=5)
                .map(|v| Choice {
                    value: v,
                    label: match v {
                        1 if !self.low.is_empty() => format!("1 {}", self.low),
                        5 if !self.high.is_empty() => format!("5 {}", self.high),
                        _ => v.to_string(),
                    },
                })
                .collect(),
            QuestionKind::YesPartlyNo => [(3, "Yes"), (2, "Partly"), (1, "No")]
                .into_iter()
                .map(|(value, l)| Choice {
                    value,
                    label: l.into(),
                })
                .collect(),
        }
    }

    /// The label of a stored answer value ("N/A" for none).
    pub fn answer_label(&self, value: Option<u8>) -> String {
        match value {
            None => "Not applicable".into(),
            Some(v) => self
                .choices()
                .into_iter()
                .find(|c| c.value == v)
                .map(|c| c.label)
                .unwrap_or_else(|| format!("({v})")),
        }
    }
}

impl Questionnaire {
    pub fn level(&self, value: u8) -> Option<&Level> {
        self.levels.iter().find(|l| l.value == value)
    }

    pub fn dimension(&self, id: &str) -> Option<&Dimension> {
        self.dimensions.iter().find(|d| d.id == id)
    }

    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }

    /// The lowest and highest level values.
    pub fn level_range(&self) -> (u8, u8) {
        let lo = self.levels.iter().map(|l| l.value).min().unwrap_or(1);
        let hi = self.levels.iter().map(|l| l.value).max().unwrap_or(5);
        (lo, hi)
    }

    /// The recommendation for a dimension at a level.
    pub fn recommendation(&self, dimension: &str, level: u8) -> Option<&str> {
        self.recommendations
            .iter()
            .find(|r| r.dimension == dimension && r.level == level)
            .map(|r| r.text.as_str())
    }

    /// Questions of one dimension, in order.
    pub fn questions_of<'a>(&'a self, dimension: &'a str) -> impl Iterator<Item = &'a Question> {
        self.questions
            .iter()
            .filter(move |q| q.dimension == dimension)
    }
}

/// A problem found in a questionnaire, with where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Such as `question "gov-2", field "dimension"`.
    pub at: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.at, self.message)
    }
}

/// Why a questionnaire file cannot be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// Not JSON, or not shaped like a questionnaire (with line and column).
    Shape(String),
    /// Read, but the content breaks the rules.
    Invalid(Vec<Problem>),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Shape(s) => write!(f, "{s}"),
            ReadError::Invalid(p) => {
                let n = p.len();
                write!(
                    f,
                    "{} in the questionnaire: ",
                    crate::common::text::plural(n, "problem", None)
                )?;
                for (i, x) in p.iter().take(5).enumerate() {
                    if i > 0 {
                        write!(f, "; ")?;
                    }
                    write!(f, "{x}")?;
                }
                if n > 5 {
                    write!(f, "; and {} more", n - 5)?;
                }
                Ok(())
            }
        }
    }
}

/// Read and check a questionnaire from JSON text.
pub fn read(text: &str) -> Result<Questionnaire, ReadError> {
    let parsed = match crate::model::ser::with_all_fields(|| {
        crate::common::strict::read::<Questionnaire>(text)
    }) {
        Err(crate::common::strict::StrictError::Unknown(fields)) => {
            return Err(ReadError::Shape(format!(
                "The file has fields a questionnaire does not have, which would be lost (a misspelt name?): {}",
                fields.join(", ")
            )))
        }
        Err(crate::common::strict::StrictError::Shape(e)) => Err(e),
        Ok(q) => Ok(q),
    };
    let q: Questionnaire = parsed.map_err(|e| {
        let what = match e.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                "The file is not valid JSON"
            }
            _ => "The file is not shaped like a questionnaire",
        };
        // serde_json's message ends with " at line L column C"; say it the other way round.
        let msg = e.to_string();
        let detail = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m);
        // A shape error found in a tree has no place in the text (line 0).
        if e.line() == 0 {
            ReadError::Shape(format!("{what}: {detail}"))
        } else {
            ReadError::Shape(format!(
                "{what} (line {}, column {}): {detail}",
                e.line(),
                e.column()
            ))
        }
    })?;
    let problems = validate(&q);
    if problems.is_empty() {
        Ok(q)
    } else {
        Err(ReadError::Invalid(problems))
    }
}

fn is_colour(c: &str) -> bool {
    c.len() == 7 && c.starts_with('#') && c[1..].chars().all(|x| x.is_ascii_hexdigit())
}

/// Every problem of a questionnaire, each with its location. Empty when it can be used.
pub fn validate(q: &Questionnaire) -> Vec<Problem> {
    let mut out = Vec::new();
    let mut bad = |at: String, message: String| out.push(Problem { at, message });
    if q.id.trim().is_empty() {
        bad("questionnaire".into(), "the id is empty".into());
    }
    if q.title.trim().is_empty() {
        bad("questionnaire".into(), "the title is empty".into());
    }
    // Levels.
    if q.levels.len() < 2 {
        bad("levels".into(), "at least two levels are needed".into());
    }
    let mut level_values = HashSet::new();
    for (i, l) in q.levels.iter().enumerate() {
        let at = format!("level {} (number {})", l.value, i + 1);
        if !(1..=5).contains(&l.value) {
            bad(at.clone(), "the value must be from 1 to 5".into());
        }
        if !level_values.insert(l.value) {
            bad(at.clone(), format!("level {} is defined twice", l.value));
        }
        if l.name.trim().is_empty() {
            bad(at.clone(), "the name is empty".into());
        }
        if !is_colour(&l.colour) {
            bad(
                at,
                format!("the colour \"{}\" is not of the form #rrggbb", l.colour),
            );
        }
    }
    // Dimensions.
    let mut dims = HashSet::new();
    for (i, d) in q.dimensions.iter().enumerate() {
        let at = format!("dimension \"{}\" (number {})", d.id, i + 1);
        if d.id.trim().is_empty() {
            bad(at.clone(), "the id is empty".into());
        }
        if !dims.insert(d.id.as_str()) {
            bad(at.clone(), format!("the id \"{}\" is used twice", d.id));
        }
        if d.name.trim().is_empty() {
            bad(at.clone(), "the name is empty".into());
        }
        if !(d.weight.is_finite() && d.weight > 0.0) {
            bad(at, "the weight must be a number above 0".into());
        }
    }
    if q.dimensions.is_empty() {
        bad(
            "dimensions".into(),
            "at least one dimension is needed".into(),
        );
    }
    // Questions.
    let all_ids: HashSet<&str> = q.questions.iter().map(|x| x.id.as_str()).collect();
    let asked_in: HashSet<&str> = q.questions.iter().map(|x| x.dimension.as_str()).collect();
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, qu) in q.questions.iter().enumerate() {
        let at = |field: &str| format!("question \"{}\", field \"{field}\"", qu.id);
        if qu.id.trim().is_empty() {
            bad(
                format!("question number {}", i + 1),
                "the id is empty".into(),
            );
        }
        if seen.insert(qu.id.as_str(), i).is_some() {
            bad(at("id"), format!("the id \"{}\" is used twice", qu.id));
        }
        if !dims.contains(qu.dimension.as_str()) {
            bad(
                at("dimension"),
                format!("unknown dimension \"{}\"", qu.dimension),
            );
        }
        if qu.text.trim().is_empty() {
            bad(at("text"), "the question has no text".into());
        }
        if !(qu.weight.is_finite() && qu.weight > 0.0) {
            bad(at("weight"), "the weight must be a number above 0".into());
        }
        match qu.kind {
            QuestionKind::Statements => {
                if qu.statements.len() < 2 {
                    bad(
                        at("statements"),
                        "a statements question needs at least two statements".into(),
                    );
                }
                if qu.statements.len() > MAX_STATEMENTS {
                    bad(
                        at("statements"),
                        format!(
                            "the question has {} statements; at most {MAX_STATEMENTS} can be offered",
                            qu.statements.len()
                        ),
                    );
                }
                for (k, s) in qu.statements.iter().enumerate() {
                    if !level_values.contains(&s.level) {
                        bad(
                            format!("question \"{}\", statement {}", qu.id, k + 1),
                            format!("the statement is mapped to level {}, which is not one of the levels", s.level),
                        );
                    }
                    if s.text.trim().is_empty() {
                        bad(
                            format!("question \"{}\", statement {}", qu.id, k + 1),
                            "the statement has no text".into(),
                        );
                    }
                }
            }
            QuestionKind::Scale | QuestionKind::YesPartlyNo => {
                if !qu.statements.is_empty() {
                    bad(
                        at("statements"),
                        "only a statements question has statements".into(),
                    );
                }
            }
        }
        if let Some(c) = &qu.show_if {
            match seen.get(c.question.as_str()) {
                Some(&j) if j < i => {
                    let target = &q.questions[j];
                    let valid: Vec<u8> = target.choices().iter().map(|c| c.value).collect();
                    for a in &c.answers {
                        if !valid.contains(a) {
                            bad(
                                at("show_if"),
                                format!("question \"{}\" has no answer {a}", c.question),
                            );
                        }
                    }
                    if c.answers.is_empty() {
                        bad(at("show_if"), "the condition names no answers".into());
                    }
                }
                Some(_) => bad(
                    at("show_if"),
                    format!("the condition refers to this question itself (\"{}\")", c.question),
                ),
                None if all_ids.contains(c.question.as_str()) => bad(
                    at("show_if"),
                    format!(
                        "the condition refers to question \"{}\", which comes later; conditions may only look back",
                        c.question
                    ),
                ),
                None => bad(
                    at("show_if"),
                    format!(
                        "the condition refers to question \"{}\", which does not exist",
                        c.question
                    ),
                ),
            }
        }
    }
    if q.questions.is_empty() {
        bad("questions".into(), "at least one question is needed".into());
    }
    for d in &q.dimensions {
        if !asked_in.contains(d.id.as_str()) {
            bad(
                format!("dimension \"{}\"", d.id),
                "the dimension has no questions".into(),
            );
        }
    }
    // Recommendations.
    let mut recs = HashSet::new();
    for (i, r) in q.recommendations.iter().enumerate() {
        let at = format!(
            "recommendation {} (dimension \"{}\", level {})",
            i + 1,
            r.dimension,
            r.level
        );
        if !dims.contains(r.dimension.as_str()) {
            bad(at.clone(), format!("unknown dimension \"{}\"", r.dimension));
        }
        if !level_values.contains(&r.level) {
            bad(at.clone(), format!("unknown level {}", r.level));
        }
        if !recs.insert((r.dimension.as_str(), r.level)) {
            bad(
                at.clone(),
                "there is already a recommendation for this dimension and level".into(),
            );
        }
        if r.text.trim().is_empty() {
            bad(at, "the recommendation has no text".into());
        }
    }
    out
}

/// Dimension and level pairs without a recommendation (built-in questionnaires have none).
pub fn missing_recommendations(q: &Questionnaire) -> Vec<(String, u8)> {
    let mut out = Vec::new();
    for d in &q.dimensions {
        for l in &q.levels {
            if q.recommendation(&d.id, l.value).is_none() {
                out.push((d.id.clone(), l.value));
            }
        }
    }
    out
}

/// A small questionnaire that uses every kind of question and field: shown and offered for
/// download where a questionnaire is imported.
pub const EXAMPLE: &str = include_str!("../../questionnaires/example.json");

/// Ids of the built-in questionnaires.
pub const MATURITY: &str = "pmo-maturity";
pub const PMO_TYPE: &str = "pmo-type";
pub const SKILLS: &str = "pmo-skills";

const BUILT_IN: [&str; 3] = [
    include_str!("../../questionnaires/pmo-maturity.json"),
    include_str!("../../questionnaires/pmo-type.json"),
    include_str!("../../questionnaires/pmo-skills.json"),
];

/// The built-in questionnaires, in the order they are offered (read once).
pub fn built_in() -> &'static [Questionnaire] {
    static READ: std::sync::OnceLock<Vec<Questionnaire>> = std::sync::OnceLock::new();
    READ.get_or_init(|| {
        BUILT_IN
            .iter()
            .map(|t| read(t).expect("the built-in questionnaires are valid (tested)"))
            .collect()
    })
}

/// The questionnaires on offer: the built-in ones, then the workspace's own (an imported
/// questionnaire with a built-in id replaces nothing: built-in ids are reserved).
pub fn all(custom: &[Questionnaire]) -> Vec<Questionnaire> {
    let mut out = built_in().to_vec();
    for q in custom {
        if !out.iter().any(|b| b.id == q.id) {
            out.push(q.clone());
        }
    }
    out
}

/// Whether an id belongs to a built-in questionnaire.
pub fn is_built_in(id: &str) -> bool {
    [MATURITY, PMO_TYPE, SKILLS].contains(&id)
}

/// Find a questionnaire by id among the built-in ones and the workspace's own.
pub fn find<'a>(custom: &'a [Questionnaire], id: &str) -> Option<&'a Questionnaire> {
    built_in().iter().chain(custom).find(|q| q.id == id)
}
