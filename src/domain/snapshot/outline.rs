//! A role and its stages as snapshots and statistics see them (no levels, no texts).

use crate::domain::StageKind;
use crate::domain::ids::{FamilyId, StageId};
use serde::Serialize;

/// A stage of a role, as snapshots and statistics need it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageOutline {
    /// Row id.
    pub id: StageId,
    /// Column label.
    pub label: String,
    /// Interview or Offer.
    pub kind: StageKind,
    /// Dropped from the page on a re-import; kept because history points at it.
    pub retired: bool,
}

/// A role (job family) and its stages in pipeline order, retired stages last.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleOutline {
    /// Row id.
    pub id: FamilyId,
    /// Short unique name.
    pub slug: String,
    /// Page title.
    pub title: String,
    /// Stages in pipeline order (Offer is the last current one), retired ones after.
    pub stages: Vec<StageOutline>,
}

impl RoleOutline {
    /// Position of a stage in [`RoleOutline::stages`].
    pub fn stage_index(&self, id: StageId) -> Option<usize> {
        self.stages.iter().position(|s| s.id == id)
    }
}
