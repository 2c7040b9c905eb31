//! The monthly status round: the PMO asks each project manager for the status of their
//! projects, by a due date, and merges their replies. The rules (who is asked, what a reply
//! may change, when a reply is late) are in [`crate::round`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::Id;

/// One round: a month reported on, who was asked for which projects, and the replies merged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StatusRound {
    pub id: Id,
    /// The month reported on, `YYYY-MM`.
    pub month: String,
    #[serde(with = "crate::model::ser::date")]
    pub opened: NaiveDate,
    #[serde(with = "crate::model::ser::date")]
    pub due: NaiveDate,
    /// Who was asked, and for which projects (fixed when the round opens).
    #[serde(default)]
    pub requests: Vec<RoundRequest>,
    /// The replies merged so far. Two PMO members may merge the same reply at once: entries
    /// with the same manager and `saved_at` are one reply.
    #[serde(default, skip_serializing_if = "crate::model::ser::empty")]
    pub replies: Vec<RoundReply>,
}

/// A project manager asked in a round, and the projects asked about.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundRequest {
    pub manager_id: Id,
    pub projects: Vec<Id>,
}

/// A reply merged into the workspace.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RoundReply {
    pub manager_id: Id,
    /// When the PM saved the reply file (as their browser gave it: RFC 3339), which tells
    /// one reply from a corrected one.
    pub saved_at: String,
    /// The day the PM saved it: after the due date, the reply was late.
    #[serde(with = "crate::model::ser::date")]
    pub submitted: NaiveDate,
    /// The day the PMO merged it.
    #[serde(with = "crate::model::ser::date")]
    pub merged: NaiveDate,
}
