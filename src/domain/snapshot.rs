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
mod role;
mod tally;

pub use application::ApplicationSnapshot;
pub use diff::{ChangeKind, DiffEntry, SnapshotDiff, classify};
pub use instant::{end_of_day, human_instant, is_not_after_today, iso_time, parse_as_of};
pub use live::{FactEvent, LiveFacts};
pub use outline::{RoleOutline, StageOutline};
pub use replay::{ApplicationState, Replay, ReplayEvent, StageVisit};
pub use role::{RoleSnapshot, StageSnapshot, StatusCounts};
pub use tally::RoleTally;

use super::ids::ApplicationId;
use chrono::{DateTime, Utc};
use serde::Serialize;

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
    let mut tally = RoleTally::new(role);
    let mut applications: Vec<(usize, ApplicationSnapshot)> =
        replay.of_family(role.id).map(|state| (tally.add(state), state.snapshot(as_of))).collect();
    applications.sort_by(|(sa, a), (sb, b)| {
        sa.cmp(sb)
            .then(a.stage_entered_at.cmp(&b.stage_entered_at))
            .then(a.application_id.cmp(&b.application_id))
    });
    tally.finish(role, applications.into_iter().map(|(_, a)| a).collect())
}
