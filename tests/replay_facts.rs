//! Property: the facts `doctor` replays (stage, status, reason, level, without history)
//! equal the full replay's after every event, whatever the events (issue 20).

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use rolecall::domain::snapshot::{FactEvent, LiveFacts, Replay, ReplayEvent};
use rolecall::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, LevelId, Rating, RejectReason,
    StageId,
};

/// A replay event from a generated (kind, stage, status, reason, level, interview).
fn replay_event(i: usize, g: (usize, Option<i64>, Option<usize>, Option<usize>, i64, bool)) -> ReplayEvent {
    let (kind, stage, status, reason, level, interview) = g;
    let kind = EventKind::ALL[kind % EventKind::ALL.len()];
    ReplayEvent {
        id: EventId(i as i64 + 1),
        at: Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap() + chrono::Duration::minutes(i as i64),
        kind,
        application_id: ApplicationId(1),
        candidate_id: CandidateId(1),
        candidate_name: "Ana".into(),
        family_id: FamilyId(1),
        level_id: LevelId(level),
        level_title: format!("L{level}").into(),
        to_stage: stage.map(StageId),
        to_stage_label: stage.map(|s| format!("S{s}").into()),
        to_status: status.map(|s| AppStatus::ALL[s % AppStatus::ALL.len()]),
        reason: reason.map(|r| RejectReason::ALL[r % RejectReason::ALL.len()]),
        undoes: None,
        interview: (interview && stage.is_some()).then(|| (StageId(stage.unwrap_or(0)), Rating::Yes)),
    }
}

proptest! {
    /// Whatever the events, the facts equal the full replay's.
    #[test]
    fn the_facts_equal_the_full_replay(
        events in proptest::collection::vec(
            (0usize..17, proptest::option::of(1i64..4), proptest::option::of(0usize..5),
             proptest::option::of(0usize..9), 1i64..3, any::<bool>()),
            0..40,
        )
    ) {
        let mut replay = Replay::new();
        let mut facts = None;
        for (i, g) in events.into_iter().enumerate() {
            let ev = replay_event(i, g);
            replay.apply(&ev);
            let fact = FactEvent {
                kind: ev.kind,
                to_stage: ev.to_stage,
                to_status: ev.to_status,
                reason: ev.reason,
                level_id: ev.level_id,
            };
            LiveFacts::apply(&mut facts, &fact);
            let full = replay.get(ApplicationId(1)).map(|s| LiveFacts {
                stage_id: s.stage_id,
                status: s.status,
                reject_reason: s.reject_reason,
                level_id: s.level_id,
            });
            prop_assert_eq!(full, facts);
        }
    }
}
