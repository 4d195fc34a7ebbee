//! The one decoder of stored events. Both readers of the log, the full [`Event`] (history,
//! undo, describe) and the narrow [`ReplayEvent`] (snapshots, statistics, doctor), decode
//! an event's time and kind here, and refuse the same way: an event whose time or kind
//! cannot be read is an error that names the event, never a note at the epoch.

use crate::domain::clock::parse_time;
use crate::domain::dense::DenseMap;
use crate::domain::snapshot::ReplayEvent;
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, Event, EventId, EventKind, FamilyId, LevelId, Rating,
    RejectReason, StageId,
};
use crate::store::error::StoreError;
use crate::store::sql::Row;
use chrono::{DateTime, Utc};
use std::sync::Arc;

type Result<T> = std::result::Result<T, StoreError>;

/// The columns [`event`] reads, in order.
pub(crate) const EVENT_COLUMNS: &str =
    "id, at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
     from_status, to_status, reason, note, undoes, from_level_id, to_level_id";

/// An event's time and kind from their stored text, or an error naming the event.
pub(crate) fn event_head(id: i64, at: &str, kind: &str) -> Result<(DateTime<Utc>, EventKind)> {
    let unreadable = |what: String| {
        StoreError::Corrupt(format!(
            "event {id} cannot be read: {what}; the log is append-only, so it stays as written \
             (`rolecall doctor` checks the rest)"
        ))
    };
    let at = parse_time(at).ok_or_else(|| unreadable(format!("its time '{at}' is not a time")))?;
    let kind = EventKind::parse(kind)
        .ok_or_else(|| unreadable(format!("its kind '{kind}' is not one rolecall knows")))?;
    Ok((at, kind))
}

/// A stored status or reason: unknown text reads as none (the log's checks report it).
fn status(text: Option<String>) -> Option<AppStatus> {
    text.as_deref().and_then(AppStatus::parse)
}

fn reason(text: Option<String>) -> Option<RejectReason> {
    text.as_deref().and_then(RejectReason::parse)
}

/// One event from a row of [`EVENT_COLUMNS`], on either backend.
pub(crate) fn event(r: &Row<'_>) -> Result<Event> {
    let id: i64 = r.get(0)?;
    let (at, kind) = event_head(id, &r.get::<String>(1)?, &r.get::<String>(3)?)?;
    Ok(Event {
        id: EventId(id),
        at,
        actor: r.get(2)?,
        kind,
        candidate_id: CandidateId(r.get(4)?),
        application_id: r.get::<Option<i64>>(5)?.map(ApplicationId),
        from_stage: r.get::<Option<i64>>(6)?.map(StageId),
        to_stage: r.get::<Option<i64>>(7)?.map(StageId),
        from_status: status(r.get(8)?),
        to_status: status(r.get(9)?),
        reason: reason(r.get(10)?),
        note: r.get(11)?,
        undoes: r.get::<Option<i64>>(12)?.map(EventId),
        from_level: r.get::<Option<i64>>(13)?.map(LevelId),
        to_level: r.get::<Option<i64>>(14)?.map(LevelId),
    })
}

/// An application's facts that every one of its events repeats; the level is the one
/// it had at the event being read (level changes update it as the log is replayed).
pub(crate) struct Fixed {
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's name.
    pub candidate_name: Arc<str>,
    /// The role.
    pub family_id: FamilyId,
    /// The level at the event being read.
    pub level_id: LevelId,
    /// That level's title.
    pub level_title: Arc<str>,
}

/// One replay event from a row of the snapshot's narrow query: id, at, kind,
/// application, to stage, to status, reason, undoes, interview stage, recommendation.
pub(crate) fn replay_event(r: &Row<'_>, app: &Fixed, labels: &DenseMap<Arc<str>>) -> Result<ReplayEvent> {
    let id: i64 = r.get(0)?;
    let (at, kind) = event_head(id, &r.get::<String>(1)?, &r.get::<String>(2)?)?;
    let to_stage: Option<i64> = r.get(4)?;
    Ok(ReplayEvent {
        id: EventId(id),
        at,
        kind,
        application_id: ApplicationId(r.get(3)?),
        candidate_id: app.candidate_id,
        candidate_name: app.candidate_name.clone(),
        family_id: app.family_id,
        level_id: app.level_id,
        level_title: app.level_title.clone(),
        to_stage: to_stage.map(StageId),
        to_stage_label: to_stage.and_then(|s| labels.get(s).cloned()),
        to_status: status(r.get(5)?),
        reason: reason(r.get(6)?),
        undoes: r.get::<Option<i64>>(7)?.map(EventId),
        interview: match (r.get::<Option<i64>>(8)?, r.get::<Option<i64>>(9)?) {
            (Some(stage), Some(rec)) => Rating::from_value(rec).map(|rec| (StageId(stage), rec)),
            _ => None,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_readable_head_decodes() {
        let (at, kind) = event_head(3, "2026-03-03T10:00:00.000000Z", "moved").expect("readable");
        assert_eq!(crate::domain::clock::format_time(at), "2026-03-03T10:00:00.000000Z");
        assert_eq!(kind, EventKind::Moved);
    }

    #[test]
    fn an_unreadable_time_or_kind_is_an_error_naming_the_event() {
        let time = event_head(42, "last tuesday", "moved").unwrap_err();
        assert!(
            matches!(&time, StoreError::Corrupt(m) if m.starts_with("event 42 cannot be read: its time 'last tuesday'")),
            "{time}"
        );
        let kind = event_head(43, "2026-03-03T10:00:00Z", "teleported").unwrap_err();
        assert!(
            matches!(&kind, StoreError::Corrupt(m) if m.contains("event 43") && m.contains("'teleported'")),
            "{kind}"
        );
    }
}
