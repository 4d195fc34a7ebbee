//! The rows a bulk load writes (`bulk.rs` runs the load, `bulk_writer.rs` inserts them):
//! the caller supplies ids, so rows can reference each other without a read-back.

use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, InterviewId, LevelId, Rating,
    RejectReason, StageId,
};

/// The first free id of each table, read under the write lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextIds {
    /// First free candidate id.
    pub candidate: i64,
    /// First free application id.
    pub application: i64,
    /// First free event id.
    pub event: i64,
    /// First free interview id.
    pub interview: i64,
}

/// A person row.
#[derive(Debug, Clone, Copy)]
pub struct BulkCandidate<'a> {
    /// Id (from `NextIds`).
    pub id: CandidateId,
    /// Full name.
    pub name: &'a str,
    /// Normalised name (`domain::text::normalise_name`).
    pub name_key: &'a str,
    /// Email.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Source.
    pub source: Option<&'a str>,
    /// Created (stored time text).
    pub created_at: &'a str,
}

/// An application row in its current state.
#[derive(Debug, Clone, Copy)]
pub struct BulkApplication<'a> {
    /// Id.
    pub id: ApplicationId,
    /// The person.
    pub candidate: CandidateId,
    /// The family.
    pub family: FamilyId,
    /// The level.
    pub level: LevelId,
    /// Current stage.
    pub stage: StageId,
    /// Current status.
    pub status: AppStatus,
    /// Why rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage.
    pub stage_entered_at: &'a str,
    /// When it was made.
    pub created_at: &'a str,
    /// Its last change.
    pub updated_at: &'a str,
    /// Number of changes (events) so far.
    pub version: i64,
}

/// An application event.
#[derive(Debug, Clone, Copy)]
pub struct BulkEvent<'a> {
    /// Id; ids must follow time.
    pub id: EventId,
    /// When.
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What.
    pub kind: EventKind,
    /// The person.
    pub candidate: CandidateId,
    /// The application.
    pub application: ApplicationId,
    /// Stage before.
    pub from_stage: StageId,
    /// Stage after.
    pub to_stage: StageId,
    /// Status before.
    pub from_status: AppStatus,
    /// Status after.
    pub to_status: AppStatus,
    /// Reject reason.
    pub reason: Option<RejectReason>,
    /// Note.
    pub note: Option<&'a str>,
}

/// An interview with its scorecard.
#[derive(Debug, Clone, Copy)]
pub struct BulkInterview<'a> {
    /// Id.
    pub id: InterviewId,
    /// The application.
    pub application: ApplicationId,
    /// The stage it was held at.
    pub stage: StageId,
    /// Who interviewed.
    pub interviewer: &'a str,
    /// Date held (YYYY-MM-DD).
    pub held_on: &'a str,
    /// Overall recommendation.
    pub recommendation: Rating,
    /// Notes.
    pub notes: &'a str,
    /// When it was recorded.
    pub created_at: &'a str,
    /// The `interview_recorded` event.
    pub event: EventId,
    /// One rating per requirement of the level, in order, with the requirement's text.
    pub scores: &'a [(&'a str, Option<Rating>)],
}
