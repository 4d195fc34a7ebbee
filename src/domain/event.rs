//! The append-only event log: everything that happened to an application.

use super::ids::{ApplicationId, CandidateId, EventId, LevelId, StageId};
use super::{AppStatus, RejectReason};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What kind of thing happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// The candidate applied to a level; enters the first stage.
    Applied,
    /// Moved to another stage.
    Moved,
    /// Declined with a reason.
    Rejected,
    /// The candidate withdrew.
    Withdrawn,
    /// Put on hold.
    Held,
    /// Taken off hold.
    Resumed,
    /// A closed application was reopened (e.g. by undo).
    Reopened,
    /// Hired from Offer.
    Hired,
    /// An interview outcome was recorded.
    InterviewRecorded,
    /// A free-text note.
    Note,
    /// Candidate details were edited.
    Edited,
    /// Personal data was erased.
    Erased,
    /// The application moved to another level of its role (stage and status unchanged).
    LevelChanged,
    /// An interview was scheduled (the schedule's row holds the details).
    InterviewScheduled,
    /// A scheduled interview was moved to another time (or its details changed).
    InterviewRescheduled,
    /// A scheduled interview was cancelled.
    InterviewCancelled,
    /// The application was given another owner.
    OwnerChanged,
}

impl EventKind {
    /// Every kind.
    pub const ALL: [EventKind; 17] = [
        EventKind::Applied,
        EventKind::Moved,
        EventKind::Rejected,
        EventKind::Withdrawn,
        EventKind::Held,
        EventKind::Resumed,
        EventKind::Reopened,
        EventKind::Hired,
        EventKind::InterviewRecorded,
        EventKind::Note,
        EventKind::Edited,
        EventKind::Erased,
        EventKind::LevelChanged,
        EventKind::InterviewScheduled,
        EventKind::InterviewRescheduled,
        EventKind::InterviewCancelled,
        EventKind::OwnerChanged,
    ];

    /// Text stored in the database.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Applied => "applied",
            EventKind::Moved => "moved",
            EventKind::Rejected => "rejected",
            EventKind::Withdrawn => "withdrawn",
            EventKind::Held => "held",
            EventKind::Resumed => "resumed",
            EventKind::Reopened => "reopened",
            EventKind::Hired => "hired",
            EventKind::InterviewRecorded => "interview_recorded",
            EventKind::Note => "note",
            EventKind::Edited => "edited",
            EventKind::Erased => "erased",
            EventKind::LevelChanged => "level_changed",
            EventKind::InterviewScheduled => "interview_scheduled",
            EventKind::InterviewRescheduled => "interview_rescheduled",
            EventKind::InterviewCancelled => "interview_cancelled",
            EventKind::OwnerChanged => "owner_changed",
        }
    }

    /// Parse the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        EventKind::ALL.into_iter().find(|k| k.as_str() == s)
    }
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Log position.
    pub id: EventId,
    /// When it happened (UTC).
    pub at: DateTime<Utc>,
    /// Who did it (user name or "cli").
    pub actor: String,
    /// What happened.
    pub kind: EventKind,
    /// The person concerned.
    pub candidate_id: CandidateId,
    /// The application concerned, if any.
    pub application_id: Option<ApplicationId>,
    /// Stage before the event.
    pub from_stage: Option<StageId>,
    /// Stage after the event.
    pub to_stage: Option<StageId>,
    /// Status before the event.
    pub from_status: Option<AppStatus>,
    /// Status after the event.
    pub to_status: Option<AppStatus>,
    /// Reject reason, for rejections.
    pub reason: Option<RejectReason>,
    /// Free text.
    pub note: Option<String>,
    /// When this event reverses an earlier one (undo), that event's id.
    pub undoes: Option<EventId>,
    /// Level before a level change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_level: Option<LevelId>,
    /// Level after a level change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to_level: Option<LevelId>,
}
