//! The pipeline's rules, as pure functions over statuses, stages and counts: which
//! changes an application's status allows, where a step leads, that a hire happens
//! only from Offer, when a stage's interviews fall short of its minimum, which
//! applications count as open, and what reverses a change. The store checks them under
//! the write lock; the TUI and the CLI ask the same functions before offering a change.
//! No I/O.

use super::{AppStatus, EventKind, StageId, StageKind};

/// A change a recruiter can ask for on an application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    /// To another stage of the role (a step forward or back, or a jump).
    Move,
    /// Declined by the company.
    Reject,
    /// The candidate withdrew.
    Withdraw,
    /// Paused.
    Hold,
    /// Taken off hold.
    Resume,
    /// Hired (from Offer only, see [`can_hire_from`]).
    Hire,
    /// A closed application back on the board.
    Reopen,
    /// Another level of the same role.
    ChangeLevel,
    /// An interview outcome recorded.
    RecordInterview,
}

impl Change {
    /// The statuses an application may have for this change.
    pub fn allowed_from(self) -> &'static [AppStatus] {
        use AppStatus::*;
        match self {
            Change::Move | Change::Hold | Change::Hire => &[Active],
            Change::Resume => &[OnHold],
            Change::Reject | Change::Withdraw | Change::ChangeLevel | Change::RecordInterview => {
                &[Active, OnHold]
            }
            Change::Reopen => &[Rejected, Withdrawn, Hired],
        }
    }

    /// Whether an application with `status` may undergo this change.
    pub fn allows(self, status: AppStatus) -> bool {
        self.allowed_from().contains(&status)
    }

    /// The status an allowed change leaves the application in.
    pub fn status_after(self, current: AppStatus) -> AppStatus {
        match self {
            Change::Move | Change::Resume | Change::Reopen => AppStatus::Active,
            Change::Reject => AppStatus::Rejected,
            Change::Withdraw => AppStatus::Withdrawn,
            Change::Hold => AppStatus::OnHold,
            Change::Hire => AppStatus::Hired,
            Change::ChangeLevel | Change::RecordInterview => current,
        }
    }

    /// The past participle used in refusals: "cannot be {verb}".
    pub fn verb(self) -> &'static str {
        match self {
            Change::Move => "moved",
            Change::Reject => "rejected",
            Change::Withdraw => "withdrawn",
            Change::Hold => "put on hold",
            Change::Resume => "resumed",
            Change::Hire => "hired",
            Change::Reopen => "reopened",
            Change::ChangeLevel => "given another level",
            Change::RecordInterview => "interviewed",
        }
    }
}

/// A change the application's status does not allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusRefusal {
    /// What was asked.
    pub change: Change,
    /// The status that refuses it.
    pub status: AppStatus,
}

impl StatusRefusal {
    /// What to do about it, as a clause to append ("; resume them first").
    pub fn advice(&self) -> &'static str {
        match self.status {
            AppStatus::OnHold => "; resume them first",
            AppStatus::Rejected | AppStatus::Withdrawn | AppStatus::Hired => "; it is closed",
            AppStatus::Active => "",
        }
    }

    /// The refusal as one sentence about a named application.
    pub fn message(&self, name: &str, app: impl std::fmt::Display) -> String {
        format!(
            "{name} (application {app}) is {} and cannot be {}{}",
            self.status,
            self.change.verb(),
            self.advice()
        )
    }
}

/// Refuse a change the status does not allow.
pub fn check_status(change: Change, status: AppStatus) -> Result<(), StatusRefusal> {
    if change.allows(status) { Ok(()) } else { Err(StatusRefusal { change, status }) }
}

/// Why a step to the next or previous stage cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepRefusal {
    /// The application's stage is no longer one of the role's.
    NotInRole,
    /// Already at the first (back) or last (forward) stage.
    AtEdge {
        /// The direction asked for.
        forward: bool,
    },
}

impl StepRefusal {
    /// The end of the pipeline named in a refusal, and what to do there: "last stage, Offer
    /// (hire instead)" or "first stage, Screening".
    pub fn edge(forward: bool, stage: &str) -> String {
        if forward { format!("last stage, {stage} (hire instead)") } else { format!("first stage, {stage}") }
    }
}

/// The stage one step forward or back from `current` in the role's ordered `stages`.
pub fn step_target(stages: &[StageId], current: StageId, forward: bool) -> Result<StageId, StepRefusal> {
    let pos = stages.iter().position(|s| *s == current).ok_or(StepRefusal::NotInRole)?;
    let next = if forward { stages.get(pos + 1) } else { pos.checked_sub(1).and_then(|p| stages.get(p)) };
    next.copied().ok_or(StepRefusal::AtEdge { forward })
}

/// A hire happens only from the Offer stage.
pub fn can_hire_from(kind: StageKind) -> bool {
    kind == StageKind::Offer
}

/// What "one stage forward" means from a stage of this kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Forward {
    /// Offer is the last stage: forward is a hire (asked first).
    Hire,
    /// Any other stage: a step to the next one.
    Step,
}

/// What moving forward from a stage of `kind` does.
pub fn forward_from(kind: StageKind) -> Forward {
    if can_hire_from(kind) { Forward::Hire } else { Forward::Step }
}

/// Whether `held` interviews meet a stage's minimum of `min`.
pub fn meets_interview_minimum(min: u32, held: u32) -> bool {
    held >= min
}

/// For a stage that plans a range of interviews (`max > 1`) and has fewer than `min`
/// held: the number expected, as text ("2" or "2–3"). `None` when moving on is fine.
pub fn interview_shortfall(min: u32, max: u32, held: u32) -> Option<String> {
    if max <= 1 || meets_interview_minimum(min, held) {
        return None;
    }
    Some(if min == max { min.to_string() } else { format!("{min}–{max}") })
}

/// An application that counts as open for "one open application per person per role":
/// active, on hold or hired. Rejected and withdrawn ones do not block a new application.
pub fn counts_as_open(status: AppStatus) -> bool {
    !matches!(status, AppStatus::Rejected | AppStatus::Withdrawn)
}

/// Whether a change from `from` to `to` opens an application again, so the
/// one-open-application rule must be checked first.
pub fn opens_again(from: AppStatus, to: AppStatus) -> bool {
    !counts_as_open(from) && counts_as_open(to)
}

/// The event that reverses a change, and the status it restores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reversal {
    /// The kind of the reversing event.
    pub kind: EventKind,
    /// The status the application returns to.
    pub to_status: AppStatus,
}

/// What undoes an event of `kind` that took an application from `from` to `to`.
/// Undoing an application itself closes it: there is no state before "applied".
pub fn reversal(kind: EventKind, from: AppStatus, to: AppStatus) -> Reversal {
    let reverse_kind = match (to.is_closed(), from) {
        (true, _) => EventKind::Reopened,
        (false, AppStatus::OnHold) if to != AppStatus::OnHold => EventKind::Held,
        (false, AppStatus::Active) if to == AppStatus::OnHold => EventKind::Resumed,
        (false, AppStatus::Rejected) => EventKind::Rejected,
        (false, AppStatus::Withdrawn) => EventKind::Withdrawn,
        (false, AppStatus::Hired) => EventKind::Hired,
        _ if kind == EventKind::Applied => EventKind::Withdrawn,
        _ => EventKind::Moved,
    };
    let to_status = if kind == EventKind::Applied { AppStatus::Withdrawn } else { from };
    Reversal { kind: reverse_kind, to_status }
}

#[cfg(test)]
#[path = "rules_tests.rs"]
mod tests;
