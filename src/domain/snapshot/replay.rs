//! Replaying application events, in log order, into per-application state.

use super::application::ApplicationSnapshot;
use super::live::{Effect, effect, reason_for};
use crate::domain::dense::DenseMap;
use crate::domain::ids::{ApplicationId, CandidateId, EventId, FamilyId, LevelId, StageId};
use crate::domain::{AppStatus, EventKind, Rating, RejectReason};
use chrono::{DateTime, Utc};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One application event with the names a snapshot shows, as the store streams it.
#[derive(Debug, Clone, PartialEq)]
pub struct ReplayEvent {
    /// Log position.
    pub id: EventId,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened.
    pub kind: EventKind,
    /// The application.
    pub application_id: ApplicationId,
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's (current) name.
    pub candidate_name: Arc<str>,
    /// The role applied to.
    pub family_id: FamilyId,
    /// The level applied to.
    pub level_id: LevelId,
    /// The level's title.
    pub level_title: Arc<str>,
    /// Stage after the event.
    pub to_stage: Option<StageId>,
    /// Label of that stage.
    pub to_stage_label: Option<Arc<str>>,
    /// Status after the event.
    pub to_status: Option<AppStatus>,
    /// Reject reason, for rejections.
    pub reason: Option<RejectReason>,
    /// The event this one reverses (undo), if any.
    pub undoes: Option<EventId>,
    /// For a recorded interview: the stage it was held at and its recommendation.
    pub interview: Option<(StageId, Rating)>,
}

/// One stay of an application in a stage.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageVisit {
    /// The stage.
    pub stage_id: StageId,
    /// When the application entered it.
    pub entered_at: DateTime<Utc>,
    /// When it left the stage or closed there; `None` while it is still there and open.
    pub ended_at: Option<DateTime<Utc>>,
    /// The event that brought it here.
    pub entered_by: EventId,
    /// The move that brought it here was undone later, so it does not count as reached.
    pub undone: bool,
}

/// The state of one application after the events replayed so far.
#[derive(Debug, Clone, PartialEq)]
pub struct ApplicationState {
    /// Application id.
    pub id: ApplicationId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Candidate name.
    pub candidate_name: String,
    /// Role.
    pub family_id: FamilyId,
    /// Level.
    pub level_id: LevelId,
    /// Level title.
    pub level_title: String,
    /// Current stage.
    pub stage_id: StageId,
    /// Current stage label.
    pub stage_label: String,
    /// Current status.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reject_reason: Option<RejectReason>,
    /// When the application was made.
    pub applied_at: DateTime<Utc>,
    /// When it entered the current stage (unchanged by status-only changes).
    pub stage_entered_at: DateTime<Utc>,
    /// When it closed (rejected, withdrawn, hired); `None` while open.
    pub closed_at: Option<DateTime<Utc>>,
    /// Interviews recorded so far, by the stage they were held at.
    pub interviews: BTreeMap<StageId, u32>,
    /// The most recent interview's recommendation, at any stage.
    pub last_recommendation: Option<Rating>,
    /// Every stay in a stage, oldest first.
    pub visits: Vec<StageVisit>,
}

impl ApplicationState {
    fn start(ev: &ReplayEvent, stage: StageId, status: AppStatus) -> Self {
        ApplicationState {
            id: ev.application_id,
            candidate_id: ev.candidate_id,
            candidate_name: ev.candidate_name.to_string(),
            family_id: ev.family_id,
            level_id: ev.level_id,
            level_title: ev.level_title.to_string(),
            stage_id: stage,
            stage_label: ev.to_stage_label.as_deref().unwrap_or_default().to_string(),
            status,
            reject_reason: reason_for(status, ev.reason),
            applied_at: ev.at,
            stage_entered_at: ev.at,
            closed_at: status.is_closed().then_some(ev.at),
            interviews: BTreeMap::new(),
            last_recommendation: None,
            visits: vec![StageVisit {
                stage_id: stage,
                entered_at: ev.at,
                ended_at: status.is_closed().then_some(ev.at),
                entered_by: ev.id,
                undone: false,
            }],
        }
    }

    /// Apply one later event; mirrors what the store does to the live row.
    fn advance(&mut self, ev: &ReplayEvent, stage: StageId, status: AppStatus) {
        if stage != self.stage_id {
            if let Some(open) = self.visits.last_mut().filter(|v| v.ended_at.is_none()) {
                open.ended_at = Some(ev.at);
            }
            self.visits.push(StageVisit {
                stage_id: stage,
                entered_at: ev.at,
                ended_at: None,
                entered_by: ev.id,
                undone: false,
            });
            self.stage_id = stage;
            self.stage_entered_at = ev.at;
        }
        if let Some(label) = ev.to_stage_label.as_deref().filter(|l| *l != self.stage_label) {
            label.clone_into(&mut self.stage_label);
        }
        if let Some(undone) = ev.undoes {
            for v in self.visits.iter_mut().filter(|v| v.entered_by == undone) {
                v.undone = true;
            }
        }
        let was_closed = self.status.is_closed();
        match (was_closed, status.is_closed()) {
            (false, true) => {
                self.closed_at = Some(ev.at);
                if let Some(v) = self.visits.last_mut() {
                    v.ended_at.get_or_insert(ev.at);
                }
            }
            (true, false) => {
                self.closed_at = None;
                if let Some(v) = self.visits.last_mut().filter(|v| v.stage_id == stage) {
                    v.ended_at = None;
                }
            }
            _ => {}
        }
        self.status = status;
        self.reject_reason = reason_for(status, ev.reason);
        if *ev.candidate_name != self.candidate_name {
            ev.candidate_name.as_ref().clone_into(&mut self.candidate_name);
        }
        self.level_id = ev.level_id;
        if *ev.level_title != self.level_title {
            ev.level_title.as_ref().clone_into(&mut self.level_title);
        }
    }

    /// Apply the next event of one application, in log order, to its state (`None`
    /// before its first event that sets a stage): what [`Replay::apply`] does to each.
    pub fn fold(slot: &mut Option<ApplicationState>, ev: &ReplayEvent) {
        match slot {
            Some(state) => state.apply_later(ev),
            None => *slot = Self::first(ev),
        }
    }

    /// The state an application's first event starts, if it sets a stage.
    fn first(ev: &ReplayEvent) -> Option<Self> {
        if let (EventKind::InterviewRecorded, Some(_)) = (ev.kind, ev.interview) {
            return None;
        }
        match effect(ev.kind, ev.to_stage, ev.to_status) {
            Effect::State(stage, status) => Some(ApplicationState::start(ev, stage, status)),
            Effect::Level | Effect::Nothing => None,
        }
    }

    /// Interviews are counted, level changes set the level (the event carries the level
    /// after it); other events that do not change stage or status (notes, edits) are
    /// skipped.
    fn apply_later(&mut self, ev: &ReplayEvent) {
        if let (EventKind::InterviewRecorded, Some((stage, rec))) = (ev.kind, ev.interview) {
            self.record_interview(stage, rec);
            return;
        }
        match effect(ev.kind, ev.to_stage, ev.to_status) {
            Effect::Level => {
                self.level_id = ev.level_id;
                ev.level_title.as_ref().clone_into(&mut self.level_title);
            }
            Effect::State(stage, status) => self.advance(ev, stage, status),
            Effect::Nothing => {}
        }
    }

    /// Interviews recorded at the current stage (ever, as the board counts them).
    pub fn interviews_at_stage(&self) -> u32 {
        self.interviews.get(&self.stage_id).copied().unwrap_or(0)
    }

    fn record_interview(&mut self, stage: StageId, recommendation: Rating) {
        *self.interviews.entry(stage).or_insert(0) += 1;
        self.last_recommendation = Some(recommendation);
    }

    /// Whole days spent in the current stage as of `as_of` (the count stops at closing).
    pub fn days_in_stage(&self, as_of: DateTime<Utc>) -> i64 {
        let end = self.closed_at.unwrap_or(as_of).min(as_of);
        (end - self.stage_entered_at).num_days().max(0)
    }

    /// The row a snapshot shows for this application.
    pub fn snapshot(&self, as_of: DateTime<Utc>) -> ApplicationSnapshot {
        ApplicationSnapshot {
            application_id: self.id,
            candidate_id: self.candidate_id,
            candidate_name: self.candidate_name.clone(),
            level_title: self.level_title.clone(),
            stage_id: self.stage_id,
            stage_label: self.stage_label.clone(),
            status: self.status,
            reject_reason: self.reject_reason,
            applied_at: self.applied_at,
            stage_entered_at: self.stage_entered_at,
            days_in_stage: self.days_in_stage(as_of),
            interviews_at_stage: self.interviews_at_stage(),
            last_recommendation: self.last_recommendation,
        }
    }
}

/// Application states built by applying events one at a time, in log order.
#[derive(Debug, Clone, Default)]
pub struct Replay {
    apps: DenseMap<ApplicationState>,
    last_event: Option<EventId>,
}

impl Replay {
    /// An empty replay: the state before the first event.
    pub fn new() -> Self {
        Self::default()
    }

    /// Apply the next event (see [`ApplicationState::fold`]).
    pub fn apply(&mut self, ev: &ReplayEvent) {
        self.last_event = Some(ev.id);
        match self.apps.get_mut(ev.application_id.0) {
            Some(state) => state.apply_later(ev),
            None => {
                if let Some(state) = ApplicationState::first(ev) {
                    self.apps.insert(ev.application_id.0, state);
                }
            }
        }
    }

    /// The last event applied, if any.
    pub fn last_event(&self) -> Option<EventId> {
        self.last_event
    }

    /// One application's state.
    pub fn get(&self, id: ApplicationId) -> Option<&ApplicationState> {
        self.apps.get(id.0)
    }

    /// Every application, by id.
    pub fn applications(&self) -> impl Iterator<Item = &ApplicationState> {
        self.apps.values()
    }

    /// The applications of one role, by id.
    pub fn of_family(&self, family: FamilyId) -> impl Iterator<Item = &ApplicationState> {
        self.apps.values().filter(move |a| a.family_id == family)
    }

    /// Number of applications seen.
    pub fn len(&self) -> usize {
        self.apps.len()
    }

    /// True before any application event.
    pub fn is_empty(&self) -> bool {
        self.apps.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn ev(id: i64, day: u32, kind: EventKind, stage: i64, status: AppStatus) -> ReplayEvent {
        ReplayEvent {
            id: EventId(id),
            at: Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap(),
            kind,
            application_id: ApplicationId(1),
            candidate_id: CandidateId(1),
            candidate_name: "Ana".into(),
            family_id: FamilyId(1),
            level_id: LevelId(1),
            level_title: "Senior".into(),
            to_stage: Some(StageId(stage)),
            to_stage_label: Some(format!("S{stage}").into()),
            to_status: Some(status),
            reason: None,
            undoes: None,
            interview: None,
        }
    }

    #[test]
    fn moves_and_status_changes_follow_the_store_rules() {
        let mut r = Replay::new();
        r.apply(&ev(1, 1, EventKind::Applied, 10, AppStatus::Active));
        r.apply(&ev(2, 3, EventKind::Moved, 11, AppStatus::Active));
        r.apply(&ev(3, 5, EventKind::Held, 11, AppStatus::OnHold));
        let mut reject = ev(4, 8, EventKind::Rejected, 11, AppStatus::Rejected);
        reject.reason = Some(RejectReason::Location);
        r.apply(&reject);
        let a = r.get(ApplicationId(1)).expect("state");
        assert_eq!(a.stage_id, StageId(11));
        assert_eq!(a.stage_entered_at.format("%d").to_string(), "03");
        assert_eq!(a.reject_reason, Some(RejectReason::Location));
        let later = Utc.with_ymd_and_hms(2026, 3, 30, 0, 0, 0).unwrap();
        assert_eq!(a.days_in_stage(later), 5, "the count stops at rejection");
        assert_eq!(a.visits.len(), 2);
        assert!(a.visits.iter().all(|v| v.ended_at.is_some()));
    }

    #[test]
    fn undo_marks_the_undone_visit() {
        let mut r = Replay::new();
        r.apply(&ev(1, 1, EventKind::Applied, 10, AppStatus::Active));
        r.apply(&ev(2, 2, EventKind::Moved, 12, AppStatus::Active));
        let mut undo = ev(3, 2, EventKind::Moved, 10, AppStatus::Active);
        undo.undoes = Some(EventId(2));
        r.apply(&undo);
        let a = r.get(ApplicationId(1)).expect("state");
        assert_eq!(a.stage_id, StageId(10));
        assert_eq!(a.visits.iter().filter(|v| v.undone).count(), 1);
    }

    #[test]
    fn interviews_count_at_their_stage() {
        let mut r = Replay::new();
        r.apply(&ev(1, 1, EventKind::Applied, 10, AppStatus::Active));
        let mut talk = ev(2, 2, EventKind::InterviewRecorded, 10, AppStatus::Active);
        talk.interview = Some((StageId(10), Rating::Yes));
        r.apply(&talk);
        r.apply(&ev(3, 3, EventKind::Moved, 11, AppStatus::Active));
        let a = r.get(ApplicationId(1)).expect("state");
        assert_eq!(a.interviews_at_stage(), 0);
        assert_eq!(a.last_recommendation, Some(Rating::Yes));
        assert_eq!(a.stage_entered_at.format("%d").to_string(), "03");
    }

    #[test]
    fn notes_do_not_change_state() {
        let mut r = Replay::new();
        r.apply(&ev(1, 1, EventKind::Applied, 10, AppStatus::Active));
        r.apply(&ev(2, 4, EventKind::Note, 11, AppStatus::Hired));
        assert_eq!(r.get(ApplicationId(1)).map(|a| a.stage_id), Some(StageId(10)));
        assert_eq!(r.last_event(), Some(EventId(2)));
    }
}
