//! A person in the pipeline, as stored.

use super::CandidateId;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// A person in the pipeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    /// Row id.
    pub id: CandidateId,
    /// Full name.
    pub name: String,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Where they came from (referral, LinkedIn, …).
    pub source: Option<String>,
    /// Free-text notes.
    pub notes: String,
    /// When the record was created; `None` when the stored text is not a time (a file
    /// another program wrote).
    #[serde(serialize_with = "super::clock::serialize_stored")]
    pub created_at: Option<DateTime<Utc>>,
}
