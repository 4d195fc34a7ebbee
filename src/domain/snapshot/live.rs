//! The facts of an application's live row that its events decide — stage, status,
//! reject reason and level — replayed without names or history. `doctor` compares them
//! with every row of a million applications; the full [`super::Replay`] also keeps every
//! stay in every stage and the names, which took 870 MB there.

use crate::domain::{AppStatus, EventKind, LevelId, RejectReason, StageId};

/// Stage, status, reason and level, as the live row holds them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LiveFacts {
    /// Current stage.
    pub stage_id: StageId,
    /// Current status.
    pub status: AppStatus,
    /// Why rejected, while rejected.
    pub reject_reason: Option<RejectReason>,
    /// Current level.
    pub level_id: LevelId,
}

/// As much of one event as decides [`LiveFacts`].
#[derive(Debug, Clone, Copy)]
pub struct FactEvent {
    /// What happened.
    pub kind: EventKind,
    /// Stage after the event.
    pub to_stage: Option<StageId>,
    /// Status after the event.
    pub to_status: Option<AppStatus>,
    /// Reject reason, for rejections.
    pub reason: Option<RejectReason>,
    /// The application's level as of this event: its last level change's, or the level
    /// it was made at (what [`super::ReplayEvent::level_id`] carries).
    pub level_id: LevelId,
}

impl LiveFacts {
    /// Apply the next event of one application, in log order, to its facts (`None`
    /// before its first event), exactly as [`super::Replay::apply`] changes them.
    pub fn apply(facts: &mut Option<LiveFacts>, ev: &FactEvent) {
        match effect(ev.kind, ev.to_stage, ev.to_status) {
            Effect::Level => {
                if let Some(f) = facts.as_mut() {
                    f.level_id = ev.level_id;
                }
            }
            Effect::State(stage_id, status) => {
                *facts = Some(LiveFacts {
                    stage_id,
                    status,
                    reject_reason: reason_for(status, ev.reason),
                    level_id: ev.level_id,
                })
            }
            Effect::Nothing => {}
        }
    }
}

/// The live row keeps a reason only while the application is rejected.
pub(super) fn reason_for(status: AppStatus, reason: Option<RejectReason>) -> Option<RejectReason> {
    if status == AppStatus::Rejected { reason } else { None }
}

/// Whether an event kind sets the application's stage and status.
fn changes_state(kind: EventKind) -> bool {
    matches!(
        kind,
        EventKind::Applied
            | EventKind::Moved
            | EventKind::Rejected
            | EventKind::Withdrawn
            | EventKind::Held
            | EventKind::Resumed
            | EventKind::Reopened
            | EventKind::Hired
    )
}

/// What an event (other than a recorded interview) does to an application's stage,
/// status and level: the one rule both [`Replay`] and [`LiveFacts`] follow.
pub(super) enum Effect {
    /// The level becomes the event's.
    Level,
    /// Stage and status become these (the first such event starts the application).
    State(StageId, AppStatus),
    /// Nothing (notes, edits, interviews).
    Nothing,
}

/// The [`Effect`] of an event of `kind` carrying `to_stage` and `to_status`.
pub(super) fn effect(kind: EventKind, to_stage: Option<StageId>, to_status: Option<AppStatus>) -> Effect {
    match (kind, to_stage, to_status) {
        (EventKind::LevelChanged, _, _) => Effect::Level,
        (kind, Some(stage), Some(status)) if changes_state(kind) => Effect::State(stage, status),
        _ => Effect::Nothing,
    }
}
