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

/// The PMO's own words at the top of a month's report: what the steering committee should
/// take away, decide and act on. One per month, known by the month.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct MonthlyNotes {
    /// The month, `YYYY-MM` (also the id).
    pub id: Id,
    /// Key messages, one per line.
    #[serde(default)]
    pub key_messages: String,
    /// Decisions needed from the committee, one per line.
    #[serde(default)]
    pub decisions: String,
    /// Escalations, one per line.
    #[serde(default)]
    pub escalations: String,
}

impl MonthlyNotes {
    /// Whether nothing is written.
    pub fn is_empty(&self) -> bool {
        NotesPart::ALL.iter().all(|p| p.of(self).trim().is_empty())
    }
}

/// One part of a month's summary, in the order the report shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotesPart {
    KeyMessages,
    Decisions,
    Escalations,
}

impl NotesPart {
    pub const ALL: [NotesPart; 3] = [
        NotesPart::KeyMessages,
        NotesPart::Decisions,
        NotesPart::Escalations,
    ];

    pub fn label(self) -> &'static str {
        match self {
            NotesPart::KeyMessages => "Key messages",
            NotesPart::Decisions => "Decisions needed from the committee",
            NotesPart::Escalations => "Escalations",
        }
    }

    /// What one line holds, for the field's placeholder.
    pub fn hint(self) -> &'static str {
        match self {
            NotesPart::KeyMessages => "one message per line",
            NotesPart::Decisions => "one decision per line",
            NotesPart::Escalations => "one escalation per line",
        }
    }

    pub fn slug(self) -> &'static str {
        match self {
            NotesPart::KeyMessages => "key",
            NotesPart::Decisions => "decisions",
            NotesPart::Escalations => "escalations",
        }
    }

    pub fn of(self, n: &MonthlyNotes) -> &str {
        match self {
            NotesPart::KeyMessages => &n.key_messages,
            NotesPart::Decisions => &n.decisions,
            NotesPart::Escalations => &n.escalations,
        }
    }

    pub fn of_mut(self, n: &mut MonthlyNotes) -> &mut String {
        match self {
            NotesPart::KeyMessages => &mut n.key_messages,
            NotesPart::Decisions => &mut n.decisions,
            NotesPart::Escalations => &mut n.escalations,
        }
    }
}
