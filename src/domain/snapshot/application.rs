//! One application as it stood at an instant: the row every export writes.

use crate::domain::ids::{ApplicationId, CandidateId, StageId};
use crate::domain::{AppStatus, Rating, RejectReason};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One application in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ApplicationSnapshot {
    /// Application id.
    pub application_id: ApplicationId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Candidate name (as stored now: names are not versioned).
    pub candidate_name: String,
    /// Level title.
    pub level_title: String,
    /// Stage id at the instant.
    pub stage_id: StageId,
    /// Stage label.
    pub stage_label: String,
    /// Status at the instant.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reject_reason: Option<RejectReason>,
    /// When the application was made.
    pub applied_at: DateTime<Utc>,
    /// When it entered its stage.
    pub stage_entered_at: DateTime<Utc>,
    /// Whole days in the stage: up to the instant, or up to closing for closed applications.
    pub days_in_stage: i64,
    /// Interviews recorded at the current stage (up to the instant).
    pub interviews_at_stage: u32,
    /// The most recent interview's recommendation, at any stage (up to the instant).
    pub last_recommendation: Option<Rating>,
}
