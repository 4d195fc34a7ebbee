//! A role as stored: its job family, levels and hiring stages. Read by the store
//! (`store::rows`), shown by the CLI and the TUI.

use super::{FamilyId, LevelId, StageId, StageKind};
use serde::Serialize;

/// A stored job family.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Row id.
    pub id: FamilyId,
    /// Short unique name used on the command line.
    pub slug: String,
    /// Page title.
    pub title: String,
    /// Plain-text description.
    pub description: String,
    /// Where it was imported from.
    pub source: String,
    /// Performance indicators.
    pub performance_indicators: Vec<String>,
    /// Career ladder text.
    pub career_ladder: String,
}

/// A stored level.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// Row id.
    pub id: LevelId,
    /// Owning family.
    pub family_id: FamilyId,
    /// Order on the page.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Job grade.
    pub grade: Option<u32>,
    /// Reports to.
    pub reports_to: Option<String>,
}

/// A stored hiring stage.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// Row id.
    pub id: StageId,
    /// Owning family.
    pub family_id: FamilyId,
    /// Order in the pipeline.
    pub position: i64,
    /// Interview or Offer.
    pub kind: StageKind,
    /// Column label.
    pub label: String,
    /// Full text of the step.
    pub full_text: String,
    /// Interviewers named.
    pub interviewers: Vec<String>,
    /// Alternatives ("VP Finance or CFO").
    pub alternatives: Vec<String>,
    /// Fewest interviews.
    pub min_interviews: u32,
    /// Most interviews.
    pub max_interviews: u32,
}

/// A further pipeline of a role (a track of its page past the first), with the levels
/// that go through it. Its stages end at the role's Offer stage.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineTrack {
    /// Row id.
    pub id: i64,
    /// Owning family.
    pub family_id: FamilyId,
    /// The track's name ("Managers").
    pub name: String,
    /// Its stages in order, without the Offer.
    pub stages: Vec<Stage>,
    /// The levels that go through it.
    pub levels: Vec<LevelId>,
}
