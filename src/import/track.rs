//! The hiring process as read from a page: one or more tracks (pipelines), each stage with
//! the source lines it came from and the notes attached to it.

use crate::domain::StageDraft;
use serde::Serialize;

/// One pipeline of a page: the whole hiring process, or one track of it ("For Managers:",
/// "### Director of Support Candidates").
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Track {
    /// The track's name ("Managers"); `None` when the page has a single process.
    pub name: Option<String>,
    /// 1-based line that starts the track (its label or heading; the section's heading
    /// when the page has a single process).
    pub line: usize,
    /// The stages in order, without the Offer stage.
    pub stages: Vec<SourcedStage>,
}

/// A stage with where it came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourcedStage {
    /// The stage.
    pub stage: StageDraft,
    /// 1-based first source line of the step.
    pub line: usize,
    /// 1-based last source line of the step.
    pub last_line: usize,
    /// Text of the hiring section read as notes on this stage (preambles, closing
    /// remarks, the offer line, asides), in page order.
    pub notes: Vec<Note>,
}

/// Text of the hiring section that is not a step.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Note {
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub last_line: usize,
    /// The text, markdown stripped (asides such as HTML or quotes are named, not copied).
    pub text: String,
}

impl Track {
    /// The stage drafts of the track.
    pub fn drafts(&self) -> Vec<StageDraft> {
        self.stages.iter().map(|s| s.stage.clone()).collect()
    }
}
