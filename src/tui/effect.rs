//! Effects: what a key asks for beyond changing the app's state (a store write, an export
//! file, the clipboard, quitting), as data. Key handling returns them; the run loop
//! carries them out (`run.rs`, with `App::perform` for writes and exports).

use crate::domain::{ApplicationId, CandidateId, EventId, FamilyId, LevelId, RejectReason, StageId};
use crate::export::Format;
use crate::store::{CandidateUpdate, NewCandidate, NewInterview};
use chrono::{DateTime, Utc};
use std::path::PathBuf;

/// Something for the run loop to do.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Write to the store; the result is shown on the status line (or in the open form).
    Write(Command),
    /// Write a snapshot file; the result is shown in the export dialog.
    Export(ExportJob),
    /// Put this text on the terminal's clipboard.
    Copy(String),
    /// Leave the TUI.
    Quit,
}

/// Whether the loop goes on after an effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    /// Keep going.
    Continue,
    /// Leave the TUI.
    Quit,
}

/// A store write, with the version of the application the user saw (a change by someone
/// else since is refused as a conflict).
#[derive(Debug, Clone)]
pub enum Command {
    /// One stage forward or back.
    Step {
        /// Which application.
        app: ApplicationId,
        /// Forward (`true`) or back.
        forward: bool,
        /// Version seen.
        version: i64,
    },
    /// Move to any stage of the role (the stage picker).
    MoveTo {
        /// Which application.
        app: ApplicationId,
        /// Where to.
        stage: crate::domain::StageId,
        /// Version seen.
        version: i64,
    },
    /// Hire from the Offer stage.
    Hire(ApplicationId, i64),
    /// Reopen a closed application.
    Reopen(ApplicationId, i64),
    /// Resume a held application.
    Resume(ApplicationId, i64),
    /// Reject for a reason, with an optional note.
    Reject {
        /// Which application.
        app: ApplicationId,
        /// Why.
        reason: RejectReason,
        /// Optional note.
        note: Option<String>,
        /// Version seen.
        version: i64,
    },
    /// The candidate withdrew (`hold` false) or the application goes on hold (`hold` true).
    Pause {
        /// Which application.
        app: ApplicationId,
        /// Hold instead of withdraw.
        hold: bool,
        /// Optional note.
        note: Option<String>,
        /// Version seen.
        version: i64,
    },
    /// Erase a person's personal data.
    Erase(CandidateId),
    /// Undo (`undo` true) or redo by reverting this event.
    Revert {
        /// The event to revert.
        event: EventId,
        /// Undo rather than redo (for the message when it cannot be reverted).
        undo: bool,
    },
    /// Add a new person and apply them at this level (from the add form).
    AddCandidate(NewCandidate, LevelId),
    /// Apply an existing person at this level (from the add form).
    ApplyExisting(CandidateId, LevelId),
    /// Record an interview (from the outcome form).
    RecordInterview {
        /// Which application.
        app: ApplicationId,
        /// Version seen.
        version: i64,
        /// The candidate's name, for the message.
        name: String,
        /// What was recorded.
        interview: NewInterview,
        /// The scheduled interview it was filled from, if any.
        schedule: Option<crate::domain::ScheduleId>,
    },
    /// Save the edit form: the level of one application (an application event) and the
    /// person's details, each only when changed.
    Edit {
        /// Whose details.
        candidate: CandidateId,
        /// New details, when they changed.
        details: Option<CandidateUpdate>,
        /// (application, new level, version seen), when the level changed.
        level: Option<(ApplicationId, LevelId, i64)>,
    },
    /// An edit of a role's pipeline (from the pipeline editor).
    Pipeline(FamilyId, PipelineOp),
    /// Add a note to an application's timeline (from the note form).
    AddNote {
        /// Which application.
        app: ApplicationId,
        /// The candidate's name, for the message.
        name: String,
        /// The note.
        text: String,
    },
}

/// What the pipeline editor asks of the store, as `rolecall stage ROLE …` does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PipelineOp {
    /// Add a stage with this label before this one (`None`: before the Offer).
    Add(String, Option<StageId>),
    /// Rename a stage.
    Rename(StageId, String),
    /// Remove a stage.
    Remove(StageId),
    /// Move a stage to a position (1 = first).
    Move(StageId, usize),
    /// Set a stage's interview range.
    Range(StageId, u32, u32),
    /// Set a stage's alternatives.
    Alternatives(StageId, Vec<String>),
    /// Set a stage's interviewers.
    Interviewers(StageId, Vec<String>),
    /// Rename a level.
    RenameLevel(LevelId, String),
    /// Set a level's grade (`None`: no grade).
    Grade(LevelId, Option<u32>),
    /// Undo the user's latest edit of the role.
    Undo,
    /// Redo the edit the user last undid.
    Redo,
    /// Acknowledge the role's handbook change notices.
    Acknowledge,
}

/// An export chosen in the export dialog, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportJob {
    /// File format.
    pub format: Format,
    /// The snapshot's instant.
    pub as_of: DateTime<Utc>,
    /// One role, or every role.
    pub family: Option<FamilyId>,
    /// Where to write.
    pub path: PathBuf,
}
