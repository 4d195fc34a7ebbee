//! The pipeline as it stood at one instant, rebuilt from the event log.
//!
//! The log is the only truth: replaying every application event up to an instant
//! gives the exact state at that instant, however much happened since. Undo events
//! are ordinary events carrying the stage and status they restore, so they need no
//! special case.

mod application;
pub mod diff;
mod instant;
mod live;
mod outline;
pub mod replay;

pub use application::ApplicationSnapshot;
pub use diff::{ChangeKind, DiffEntry, SnapshotDiff};
pub use instant::{end_of_day, human_instant, is_not_after_today, iso_time, parse_as_of};
pub use live::{FactEvent, LiveFacts};
pub use outline::{RoleOutline, StageOutline};
pub use replay::{ApplicationState, Replay, ReplayEvent, StageVisit};

use super::ids::{ApplicationId, FamilyId, StageId};
use super::{AppStatus, StageKind};
use chrono::{DateTime, Utc};
use serde::Serialize;

/// How many applications are in each status.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct StatusCounts {
    /// Moving through the stages.
    pub active: u32,
    /// Paused.
    pub on_hold: u32,
    /// Declined by the company.
    pub rejected: u32,
    /// Withdrawn by the candidate.
    pub withdrawn: u32,
    /// Hired.
    pub hired: u32,
}

impl StatusCounts {
    /// Count one more application in `status`.
    pub fn add(&mut self, status: AppStatus) {
        *self.slot(status) += 1;
    }

    /// The count for one status.
    pub fn get(&self, status: AppStatus) -> u32 {
        match status {
            AppStatus::Active => self.active,
            AppStatus::OnHold => self.on_hold,
            AppStatus::Rejected => self.rejected,
            AppStatus::Withdrawn => self.withdrawn,
            AppStatus::Hired => self.hired,
        }
    }

    /// All applications counted.
    pub fn total(&self) -> u32 {
        AppStatus::ALL.iter().map(|s| self.get(*s)).sum()
    }

    fn slot(&mut self, status: AppStatus) -> &mut u32 {
        match status {
            AppStatus::Active => &mut self.active,
            AppStatus::OnHold => &mut self.on_hold,
            AppStatus::Rejected => &mut self.rejected,
            AppStatus::Withdrawn => &mut self.withdrawn,
            AppStatus::Hired => &mut self.hired,
        }
    }
}

/// One stage of a role in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageSnapshot {
    /// Row id.
    pub stage_id: StageId,
    /// Column label.
    pub label: String,
    /// Interview or Offer.
    pub kind: StageKind,
    /// Dropped from the page; listed only while applications still sit in it.
    pub retired: bool,
    /// Applications that had reached this stage or a later one (the funnel).
    pub reached: u32,
    /// Applications sitting at this stage, by status (closed ones stay where they closed).
    pub counts: StatusCounts,
}

/// One role in a snapshot.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleSnapshot {
    /// Row id.
    pub family_id: FamilyId,
    /// Short unique name.
    pub slug: String,
    /// Page title.
    pub title: String,
    /// Stages in pipeline order with their counts.
    pub stages: Vec<StageSnapshot>,
    /// Applications hired (the end of the funnel).
    pub hired: u32,
    /// Applications, board order: by stage, then by time entered, then id.
    pub applications: Vec<ApplicationSnapshot>,
}

impl RoleSnapshot {
    /// Counts over all stages.
    pub fn totals(&self) -> StatusCounts {
        let mut total = StatusCounts::default();
        for app in &self.applications {
            total.add(app.status);
        }
        total
    }
}

/// Every role's pipeline at one instant.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Snapshot {
    /// The instant: every event at or before it is included.
    pub as_of: DateTime<Utc>,
    /// Roles in the order given.
    pub roles: Vec<RoleSnapshot>,
    /// Scorecard grids of the applications an HTML page lists (filled by the store for
    /// that page only; issue 16), by application.
    #[serde(skip)]
    pub scorecards: std::collections::BTreeMap<super::ApplicationId, super::scorecard::Scorecards>,
}

impl Snapshot {
    /// Build the snapshot of `roles` from a replay that stopped at `as_of`.
    /// Applications of roles not listed are left out.
    pub fn build(as_of: DateTime<Utc>, roles: &[RoleOutline], replay: &Replay) -> Snapshot {
        let roles = roles.iter().map(|role| role_snapshot(as_of, role, replay)).collect();
        Snapshot { as_of, roles, scorecards: Default::default() }
    }

    /// Number of applications over all roles.
    pub fn application_count(&self) -> usize {
        self.roles.iter().map(|r| r.applications.len()).sum()
    }

    /// The application with this id, if present.
    pub fn find(&self, id: ApplicationId) -> Option<(&RoleSnapshot, &ApplicationSnapshot)> {
        self.roles.iter().find_map(|r| r.applications.iter().find(|a| a.application_id == id).map(|a| (r, a)))
    }
}

fn role_snapshot(as_of: DateTime<Utc>, role: &RoleOutline, replay: &Replay) -> RoleSnapshot {
    let states: Vec<&ApplicationState> = replay.of_family(role.id).collect();
    let funnel = super::stats::funnel(role, states.iter().copied());
    let mut stages: Vec<StageSnapshot> = role
        .stages
        .iter()
        .map(|s| StageSnapshot {
            stage_id: s.id,
            label: s.label.clone(),
            kind: s.kind,
            retired: s.retired,
            reached: funnel.reached(s.id),
            counts: StatusCounts::default(),
        })
        .collect();
    let mut applications = Vec::with_capacity(states.len());
    for state in &states {
        let slot = match stages.iter().position(|s| s.stage_id == state.stage_id) {
            Some(i) => i,
            None => {
                // History can point at a stage the outline does not know; show it anyway.
                stages.push(StageSnapshot {
                    stage_id: state.stage_id,
                    label: state.stage_label.clone(),
                    kind: StageKind::Interview,
                    retired: true,
                    reached: 0,
                    counts: StatusCounts::default(),
                });
                stages.len() - 1
            }
        };
        stages[slot].counts.add(state.status);
        applications.push((slot, state.snapshot(as_of)));
    }
    applications.sort_by(|(sa, a), (sb, b)| {
        sa.cmp(sb)
            .then(a.stage_entered_at.cmp(&b.stage_entered_at))
            .then(a.application_id.cmp(&b.application_id))
    });
    stages.retain(|s| !s.retired || s.counts.total() > 0);
    RoleSnapshot {
        family_id: role.id,
        slug: role.slug.clone(),
        title: role.title.clone(),
        stages,
        hired: funnel.hired,
        applications: applications.into_iter().map(|(_, a)| a).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_counts_add_up() {
        let mut c = StatusCounts::default();
        for s in AppStatus::ALL {
            c.add(s);
        }
        c.add(AppStatus::Active);
        assert_eq!(c.total(), 6);
        assert_eq!(c.get(AppStatus::Active), 2);
    }
}
