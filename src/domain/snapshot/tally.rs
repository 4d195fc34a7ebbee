//! A role's part of a snapshot added up one application at a time: the count of each
//! stage by status, the funnel (how far each got) and the hires. The whole snapshot and
//! the streamed export both count through it, so their numbers agree by construction.

use super::{ApplicationSnapshot, ApplicationState, RoleOutline, RoleSnapshot, StageSnapshot, StatusCounts};
use crate::domain::{AppStatus, StageId, StageKind};

/// The counts of one role so far.
#[derive(Debug, Clone)]
pub struct RoleTally {
    stages: Vec<StageSnapshot>,
    /// The current (not retired) stages, in pipeline order: the funnel's steps.
    current: Vec<StageId>,
    reached: Vec<u32>,
    hired: u32,
}

impl RoleTally {
    /// Nothing counted yet for `role`.
    pub fn new(role: &RoleOutline) -> Self {
        let stages = role
            .stages
            .iter()
            .map(|s| StageSnapshot {
                stage_id: s.id,
                label: s.label.clone(),
                kind: s.kind,
                retired: s.retired,
                reached: 0,
                counts: StatusCounts::default(),
            })
            .collect();
        let current: Vec<StageId> = role.stages.iter().filter(|s| !s.retired).map(|s| s.id).collect();
        RoleTally { stages, reached: vec![0; current.len()], current, hired: 0 }
    }

    /// Count one application; its slot in the role's stages (the first key of board order).
    pub fn add(&mut self, state: &ApplicationState) -> usize {
        // The funnel: every current stage up to the furthest one it stayed in (not undone).
        let furthest = state
            .visits
            .iter()
            .filter(|v| !v.undone)
            .filter_map(|v| self.current.iter().position(|s| *s == v.stage_id))
            .max();
        if let Some(furthest) = furthest {
            for slot in self.reached.iter_mut().take(furthest + 1) {
                *slot += 1;
            }
        }
        if state.status == AppStatus::Hired {
            self.hired += 1;
        }
        let slot = match self.stages.iter().position(|s| s.stage_id == state.stage_id) {
            Some(i) => i,
            None => {
                // History can point at a stage the outline does not know; show it anyway.
                self.stages.push(StageSnapshot {
                    stage_id: state.stage_id,
                    label: state.stage_label.clone(),
                    kind: StageKind::Interview,
                    retired: true,
                    reached: 0,
                    counts: StatusCounts::default(),
                });
                self.stages.len() - 1
            }
        };
        self.stages[slot].counts.add(state.status);
        slot
    }

    /// The role with its counts and `applications` (in board order, or none when they
    /// are streamed apart).
    pub fn finish(mut self, role: &RoleOutline, applications: Vec<ApplicationSnapshot>) -> RoleSnapshot {
        for stage in &mut self.stages {
            stage.reached = match self.current.iter().position(|s| *s == stage.stage_id) {
                Some(i) => self.reached[i],
                None => 0,
            };
        }
        self.stages.retain(|s| !s.retired || s.counts.total() > 0);
        RoleSnapshot {
            family_id: role.id,
            slug: role.slug.clone(),
            title: role.title.clone(),
            stages: self.stages,
            hired: self.hired,
            applications,
        }
    }
}
