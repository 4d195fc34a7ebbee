//! Applications as stored and as shown on the board, their status and reject reasons.
//! The rules for which changes a status allows are in `rules`.

use super::{ApplicationId, CandidateId, FamilyId, LevelId, StageId};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::fmt;

/// An application with the names a person needs to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Row id.
    pub id: ApplicationId,
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's name.
    pub candidate_name: String,
    /// The family applied to.
    pub family_id: FamilyId,
    /// The family's slug.
    pub family_slug: String,
    /// The level applied to.
    pub level_id: LevelId,
    /// The level's title.
    pub level_title: String,
    /// Current stage.
    pub stage_id: StageId,
    /// Current stage label.
    pub stage_label: String,
    /// Whether the current stage is Offer: the one a hire is allowed from
    /// (`domain::rules::can_hire_from`).
    pub at_offer: bool,
    /// Status.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage; `None` when the stored text is not a time.
    #[serde(serialize_with = "super::clock::serialize_stored")]
    pub stage_entered_at: Option<DateTime<Utc>>,
    /// When the application was created; `None` when the stored text is not a time.
    #[serde(serialize_with = "super::clock::serialize_stored")]
    pub created_at: Option<DateTime<Utc>>,
    /// Optimistic-concurrency version; bumped on every change.
    pub version: i64,
}

/// One card on the board: an open application of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardCard {
    /// Application id.
    pub id: ApplicationId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Candidate name.
    pub name: String,
    /// Level title, shared by every card of that level (100,000 cards hold a handful of
    /// distinct titles).
    pub level: std::sync::Arc<str>,
    /// Current stage.
    pub stage_id: StageId,
    /// Status (active, on hold, or closed when shown).
    pub status: AppStatus,
    /// When it entered the stage, read once when the board loads; `None` when the stored
    /// text is not a time (shown as 0 days).
    #[serde(serialize_with = "super::clock::serialize_stored")]
    pub stage_entered_at: Option<DateTime<Utc>>,
    /// Version, for stale-view checks.
    pub version: i64,
    /// The most recent interview's recommendation, at any stage.
    pub last_recommendation: Option<super::Rating>,
    /// Interviews recorded at the current stage.
    pub interviews_at_stage: u32,
    /// The person's email, for the board's filter.
    pub email: Option<String>,
    /// Where the person came from, for the board's filter.
    pub source: Option<String>,
}

/// What a line of `rolecall board --print` shows of a card: the board's cards with
/// fewer columns (no scorecards, no contact details).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardLine {
    /// Application id.
    pub id: ApplicationId,
    /// Candidate name.
    pub name: String,
    /// Level title (shared by every card of that level).
    pub level: std::sync::Arc<str>,
    /// Current stage.
    pub stage_id: StageId,
    /// Status.
    pub status: AppStatus,
    /// When it entered the stage (`None`: the stored text is not a time).
    pub stage_entered_at: Option<DateTime<Utc>>,
}

/// Where an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AppStatus {
    /// Moving through the stages.
    Active,
    /// Paused; still on the board, dimmed.
    OnHold,
    /// Declined by the company.
    Rejected,
    /// The candidate withdrew.
    Withdrawn,
    /// Hired from the Offer stage.
    Hired,
}

impl AppStatus {
    /// Every status, in display order.
    pub const ALL: [AppStatus; 5] =
        [AppStatus::Active, AppStatus::OnHold, AppStatus::Rejected, AppStatus::Withdrawn, AppStatus::Hired];

    /// Text stored in the database and shown in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            AppStatus::Active => "active",
            AppStatus::OnHold => "on_hold",
            AppStatus::Rejected => "rejected",
            AppStatus::Withdrawn => "withdrawn",
            AppStatus::Hired => "hired",
        }
    }

    /// Parse the stored text.
    pub fn parse(s: &str) -> Option<Self> {
        AppStatus::ALL.into_iter().find(|st| st.as_str() == s)
    }

    /// Closed applications leave the board (rejected, withdrawn, hired).
    pub fn is_closed(self) -> bool {
        matches!(self, AppStatus::Rejected | AppStatus::Withdrawn | AppStatus::Hired)
    }
}

impl AppStatus {
    /// The words a person reads (`on hold`), as [`fmt::Display`] prints them.
    pub fn label(self) -> &'static str {
        match self {
            AppStatus::Active => "active",
            AppStatus::OnHold => "on hold",
            AppStatus::Rejected => "rejected",
            AppStatus::Withdrawn => "withdrawn",
            AppStatus::Hired => "hired",
        }
    }
}

impl fmt::Display for AppStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// Why the company declined a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RejectReason {
    /// Does not meet the role's requirements.
    NotQualified,
    /// Skills do not match what the team needs.
    SkillsMismatch,
    /// Compensation expectations cannot be met.
    Compensation,
    /// Location or time zone does not work.
    Location,
    /// The position was filled by someone else.
    PositionFilled,
    /// The candidate stopped responding.
    Unresponsive,
    /// References did not check out.
    FailedReferences,
    /// Culture or values concerns raised in interviews.
    ValuesMismatch,
    /// Anything else; the note says what.
    Other,
}

impl RejectReason {
    /// Every reason, in picker order.
    pub const ALL: [RejectReason; 9] = [
        RejectReason::NotQualified,
        RejectReason::SkillsMismatch,
        RejectReason::Compensation,
        RejectReason::Location,
        RejectReason::PositionFilled,
        RejectReason::Unresponsive,
        RejectReason::FailedReferences,
        RejectReason::ValuesMismatch,
        RejectReason::Other,
    ];

    /// Stable key used on the command line, in the database and in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            RejectReason::NotQualified => "not-qualified",
            RejectReason::SkillsMismatch => "skills-mismatch",
            RejectReason::Compensation => "compensation",
            RejectReason::Location => "location",
            RejectReason::PositionFilled => "position-filled",
            RejectReason::Unresponsive => "unresponsive",
            RejectReason::FailedReferences => "failed-references",
            RejectReason::ValuesMismatch => "values-mismatch",
            RejectReason::Other => "other",
        }
    }

    /// Human label for pickers and reports.
    pub fn label(self) -> &'static str {
        match self {
            RejectReason::NotQualified => "Not qualified",
            RejectReason::SkillsMismatch => "Skills mismatch",
            RejectReason::Compensation => "Compensation",
            RejectReason::Location => "Location / time zone",
            RejectReason::PositionFilled => "Position filled",
            RejectReason::Unresponsive => "Candidate unresponsive",
            RejectReason::FailedReferences => "Failed references",
            RejectReason::ValuesMismatch => "Values mismatch",
            RejectReason::Other => "Other",
        }
    }

    /// Parse a key, accepting `_` or `-` and any case.
    pub fn parse(s: &str) -> Option<Self> {
        let key = s.trim().to_ascii_lowercase().replace('_', "-");
        RejectReason::ALL.into_iter().find(|r| r.as_str() == key)
    }
}

impl fmt::Display for RejectReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_round_trips() {
        for s in AppStatus::ALL {
            assert_eq!(AppStatus::parse(s.as_str()), Some(s));
        }
        assert!(AppStatus::Hired.is_closed());
        assert!(!AppStatus::OnHold.is_closed());
    }

    #[test]
    fn reason_parse_is_lenient() {
        assert_eq!(RejectReason::parse("Not_Qualified"), Some(RejectReason::NotQualified));
        assert_eq!(RejectReason::parse("nope"), None);
        for r in RejectReason::ALL {
            assert_eq!(RejectReason::parse(r.as_str()), Some(r));
        }
    }
}
