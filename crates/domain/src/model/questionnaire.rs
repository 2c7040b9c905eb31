//! A questionnaire as stored: levels, dimensions, questions and recommendations. What the
//! engine does with one (checks, scoring, built-ins) is in [`crate::assessment`].

use serde::{Deserialize, Serialize};

/// A questionnaire: everything the engine needs to ask, score and advise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub id: String,
    pub title: String,
    #[serde(default = "one")]
    pub version: u32,
    #[serde(default)]
    pub description: String,
    /// What the result is: a level per dimension, or which dimension fits best.
    #[serde(default)]
    pub result: ResultKind,
    pub levels: Vec<Level>,
    pub dimensions: Vec<Dimension>,
    pub questions: Vec<Question>,
    #[serde(default)]
    pub recommendations: Vec<Recommendation>,
}

fn one() -> u32 {
    1
}

fn unit_weight() -> f64 {
    1.0
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ResultKind {
    /// A level per dimension and overall (a maturity or skills assessment).
    #[default]
    Maturity,
    /// The dimension with the highest score is the answer (for example a PMO type).
    BestFit,
}

/// One level of the scale, such as "3 Defined".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Level {
    pub value: u8,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// A colour such as `#a16207`, used for the level's badge (with white text).
    pub colour: String,
}

/// Something the questionnaire measures, such as governance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Dimension {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// How much the dimension counts in the overall score.
    #[serde(default = "unit_weight")]
    pub weight: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum QuestionKind {
    /// Pick the statement that fits best; each statement stands for a level.
    Statements,
    /// A value from 1 to 5 between two labels.
    Scale,
    /// Yes, partly or no.
    YesPartlyNo,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Question {
    pub id: String,
    pub dimension: String,
    pub text: String,
    #[serde(default)]
    pub help: String,
    pub kind: QuestionKind,
    /// The statements of a `statements` question, in the order they are shown.
    #[serde(default)]
    pub statements: Vec<Statement>,
    /// Labels of the ends of a `scale` question.
    #[serde(default)]
    pub low: String,
    #[serde(default)]
    pub high: String,
    /// Whether "not applicable" may be answered.
    #[serde(default)]
    pub allow_na: bool,
    /// How much the question counts within its dimension.
    #[serde(default = "unit_weight")]
    pub weight: f64,
    /// Ask the question only after one of the given answers to an earlier question.
    #[serde(default)]
    pub show_if: Option<Condition>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Statement {
    pub text: String,
    pub level: u8,
}

/// Show a question only when `question` was answered with one of `answers`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Condition {
    pub question: String,
    pub answers: Vec<u8>,
}

/// What to do in a dimension at a level to reach the next one.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    pub dimension: String,
    pub level: u8,
    pub text: String,
}
