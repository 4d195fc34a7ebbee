//! The roles screen's data: every role's levels and stages, loaded when the screen opens
//! and again when the database changes, so drawing never queries the store.

use crate::domain::pipeline::HandbookNotice;
use crate::domain::{Family, Level, PipelineTrack, Stage};
use crate::store::Store;

/// One role's levels and stages (`None` when they could not be read).
#[derive(Debug, Clone, Default)]
pub struct RoleDetails {
    /// The role's levels, in page order.
    pub levels: Option<Vec<Level>>,
    /// The role's stages, Offer last.
    pub stages: Option<Vec<Stage>>,
    /// The role's further pipelines (a page split by track).
    pub tracks: Vec<PipelineTrack>,
    /// Handbook changes of the role not yet acknowledged.
    pub notices: Vec<HandbookNotice>,
}

/// The details of each of `families`, in the same order.
pub fn load(store: &Store, families: &[Family]) -> Vec<RoleDetails> {
    families
        .iter()
        .map(|f| RoleDetails {
            levels: store.levels(f.id).ok(),
            stages: store.stages(f.id).ok(),
            tracks: store.tracks(f.id).unwrap_or_default(),
            notices: store.pending_notices(Some(f.id)).unwrap_or_default(),
        })
        .collect()
}
