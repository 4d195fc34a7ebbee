//! A role in a snapshot: its stages with their counts by status and the funnel.

use super::ApplicationSnapshot;
use crate::domain::ids::{FamilyId, StageId};
use crate::domain::{AppStatus, StageKind};
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

    /// Add every count of `other`.
    pub fn add_counts(&mut self, other: &StatusCounts) {
        for status in AppStatus::ALL {
            *self.slot(status) += other.get(status);
        }
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
    /// Counts over all stages (every application is counted in its stage, so this holds
    /// also when the applications are streamed apart).
    pub fn totals(&self) -> StatusCounts {
        let mut total = StatusCounts::default();
        for stage in &self.stages {
            total.add_counts(&stage.counts);
        }
        total
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
