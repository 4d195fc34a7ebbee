//! Pure domain types and rules. No I/O lives here.

pub mod access;
pub mod application;
pub mod candidate;
pub mod clock;
pub mod dense;
pub mod department;
pub mod event;
pub mod family;
pub mod ids;
pub mod limits;
pub mod pipeline;
pub mod rating;
pub mod role;
pub mod rules;
pub mod schedule;
pub mod scorecard;
pub mod search;
pub mod snapshot;
pub mod stats;
pub mod text;

pub use application::{AppStatus, Application, BoardCard, BoardLine, RejectReason};
pub use candidate::Candidate;
pub use clock::{Clock, FixedClock, SystemClock};
pub use event::{Event, EventKind};
pub use family::{FamilyDraft, ItemKind, LevelDraft, StageDraft, StageKind, TrackDraft};
pub use ids::{ApplicationId, CandidateId, EventId, FamilyId, InterviewId, LevelId, ScheduleId, StageId};
pub use rating::Rating;
pub use role::{Family, Level, PipelineTrack, Stage};
pub use schedule::Schedule;
