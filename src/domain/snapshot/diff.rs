//! What changed between two snapshots: who joined, moved, left (and why).

use super::{ApplicationSnapshot, Snapshot};
use crate::domain::ids::{ApplicationId, FamilyId};
use crate::domain::{AppStatus, RejectReason};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// The kind of change an application went through between the two instants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Applied in the period (it may also have moved or closed since).
    Joined,
    /// Open at both ends, now in another stage.
    Moved,
    /// Open at both ends, put on hold.
    Held,
    /// Open at both ends, taken off hold.
    Resumed,
    /// Open at the start, closed (rejected, withdrawn, hired) at the end.
    Left,
    /// Closed at the start, open again at the end.
    Reopened,
    /// Closed at both ends, but closed differently (e.g. reopened, then withdrew).
    Reclosed,
}

impl ChangeKind {
    /// Every kind, in report order.
    pub const ALL: [ChangeKind; 7] = [
        ChangeKind::Joined,
        ChangeKind::Moved,
        ChangeKind::Held,
        ChangeKind::Resumed,
        ChangeKind::Left,
        ChangeKind::Reopened,
        ChangeKind::Reclosed,
    ];

    /// Human label for reports.
    pub fn label(self) -> &'static str {
        match self {
            ChangeKind::Joined => "Joined",
            ChangeKind::Moved => "Moved",
            ChangeKind::Held => "Put on hold",
            ChangeKind::Resumed => "Resumed",
            ChangeKind::Left => "Left",
            ChangeKind::Reopened => "Reopened",
            ChangeKind::Reclosed => "Closed again",
        }
    }

    /// Stable key used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            ChangeKind::Joined => "joined",
            ChangeKind::Moved => "moved",
            ChangeKind::Held => "held",
            ChangeKind::Resumed => "resumed",
            ChangeKind::Left => "left",
            ChangeKind::Reopened => "reopened",
            ChangeKind::Reclosed => "reclosed",
        }
    }
}

/// One application that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DiffEntry {
    /// What kind of change.
    pub change: ChangeKind,
    /// Role id.
    pub family_id: FamilyId,
    /// Role slug.
    pub role_slug: String,
    /// Role title.
    pub role_title: String,
    /// Application id.
    pub application_id: ApplicationId,
    /// Candidate name.
    pub candidate_name: String,
    /// Level title.
    pub level_title: String,
    /// Stage at the start (`None` for those who joined).
    pub from_stage: Option<String>,
    /// Stage at the end.
    pub to_stage: String,
    /// Status at the start (`None` for those who joined).
    pub from_status: Option<AppStatus>,
    /// Status at the end.
    pub to_status: AppStatus,
    /// Reject reason at the end, when rejected.
    pub reject_reason: Option<RejectReason>,
}

/// The changes between two instants.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SnapshotDiff {
    /// The earlier instant.
    pub since: DateTime<Utc>,
    /// The later instant.
    pub until: DateTime<Utc>,
    /// Changes, by role (in the later snapshot's order), then kind, then application id.
    pub entries: Vec<DiffEntry>,
}

impl SnapshotDiff {
    /// Compare two snapshots of the same roles; `before` should be the earlier one.
    pub fn between(before: &Snapshot, after: &Snapshot) -> SnapshotDiff {
        let earlier: HashMap<ApplicationId, &ApplicationSnapshot> =
            before.roles.iter().flat_map(|r| r.applications.iter().map(|a| (a.application_id, a))).collect();
        let mut entries = Vec::new();
        for role in &after.roles {
            let mut changes: Vec<DiffEntry> = role
                .applications
                .iter()
                .filter_map(|now| {
                    let then = earlier.get(&now.application_id).copied();
                    classify(then, now).map(|kind| {
                        DiffEntry::new(kind, (role.family_id, &role.slug, &role.title), then, now)
                    })
                })
                .collect();
            changes.sort_by_key(|e| (e.change, e.application_id));
            entries.extend(changes);
        }
        SnapshotDiff { since: before.as_of, until: after.as_of, entries }
    }

    /// Entries of one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        self.entries.iter().filter(|e| e.change == kind).count()
    }
}

/// How an application changed from `then` (`None`: it did not exist yet) to `now`, if
/// it did.
pub fn classify(then: Option<&ApplicationSnapshot>, now: &ApplicationSnapshot) -> Option<ChangeKind> {
    let Some(then) = then else {
        return Some(ChangeKind::Joined);
    };
    let same =
        then.stage_id == now.stage_id && then.status == now.status && then.reject_reason == now.reject_reason;
    if same {
        return None;
    }
    Some(match (then.status.is_closed(), now.status.is_closed()) {
        (false, true) => ChangeKind::Left,
        (true, false) => ChangeKind::Reopened,
        (true, true) => ChangeKind::Reclosed,
        (false, false) if then.stage_id != now.stage_id => ChangeKind::Moved,
        (false, false) if now.status == AppStatus::OnHold => ChangeKind::Held,
        (false, false) => ChangeKind::Resumed,
    })
}

impl DiffEntry {
    /// The entry of an application of `role` (id, slug, title) that changed.
    pub fn new(
        change: ChangeKind,
        role: (FamilyId, &str, &str),
        then: Option<&ApplicationSnapshot>,
        now: &ApplicationSnapshot,
    ) -> DiffEntry {
        DiffEntry {
            change,
            family_id: role.0,
            role_slug: role.1.to_string(),
            role_title: role.2.to_string(),
            application_id: now.application_id,
            candidate_name: now.candidate_name.clone(),
            level_title: now.level_title.clone(),
            from_stage: then.map(|t| t.stage_label.clone()),
            to_stage: now.stage_label.clone(),
            from_status: then.map(|t| t.status),
            to_status: now.status,
            reject_reason: now.reject_reason,
        }
    }
}
