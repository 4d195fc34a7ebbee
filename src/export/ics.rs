//! Scheduled interviews as an iCalendar file (RFC 5545), for a calendar program: one
//! VEVENT per interview with its stable UID, SEQUENCE (raised on every reschedule) and
//! STATUS (CANCELLED after a cancel). Times are written as UTC instants (`…Z`), which
//! every calendar reads exactly and shows in its own zone, so daylight-saving changes
//! cannot shift them; the zone it was given in travels along as `X-ROLECALL-TZID`.

use crate::domain::Schedule;
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, Event, EventLike, EventStatus};

/// The calendar of `list`, stamped `now`.
pub fn calendar(list: &[Schedule], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::new();
    cal.name("rolecall interviews");
    for s in list {
        cal.push(event(s, now));
    }
    cal.done().to_string()
}

fn event(s: &Schedule, now: DateTime<Utc>) -> Event {
    let mut e = Event::new();
    e.uid(&s.uid)
        .timestamp(now)
        .sequence(u32::try_from(s.sequence).unwrap_or(0))
        .summary(&format!("Interview: {} ({})", s.candidate_name, s.stage_label))
        .description(&format!(
            "{} · {} · application {}\nInterviewers: {}",
            s.role,
            s.stage_label,
            s.application_id,
            s.interviewers.join(", ")
        ))
        .starts(s.starts_at)
        .ends(s.ends_at())
        .status(if s.is_cancelled() { EventStatus::Cancelled } else { EventStatus::Confirmed })
        .add_property("X-ROLECALL-TZID", &s.zone);
    if !s.place.is_empty() {
        e.location(&s.place);
    }
    e.done()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ApplicationId, ScheduleId, StageId};
    use chrono::TimeZone;

    fn one(cancelled: bool) -> Schedule {
        Schedule {
            id: ScheduleId(1),
            uid: "u-1@rolecall".into(),
            application_id: ApplicationId(7),
            candidate_name: "Ana, Ruiz; \"A\"".into(),
            role: "eng".into(),
            stage_id: StageId(2),
            stage_label: "Panel".into(),
            starts_at: Utc.with_ymd_and_hms(2026, 12, 3, 13, 0, 0).unwrap(),
            zone: "Europe/Berlin".into(),
            duration_minutes: 45,
            place: "Room 1".into(),
            interviewers: vec!["ivy".into(), "ian".into()],
            sequence: 2,
            cancelled_at: cancelled.then(|| Utc.with_ymd_and_hms(2026, 12, 1, 0, 0, 0).unwrap()),
            created_by: "rita".into(),
        }
    }

    #[test]
    fn an_event_round_trips_through_a_parser() {
        let text = calendar(&[one(false), one(true)], Utc.with_ymd_and_hms(2026, 12, 1, 9, 0, 0).unwrap());
        assert!(text.contains("DTSTART:20261203T130000Z"), "{text}");
        assert!(text.contains("DTEND:20261203T134500Z"), "{text}");
        let parsed: Calendar = text.parse().expect("parses");
        let events: Vec<&Event> = parsed.events().collect();
        assert_eq!(events.len(), 2);
        assert_eq!(events[0].get_uid(), Some("u-1@rolecall"));
        assert_eq!(events[0].get_sequence(), Some(2));
        assert_eq!(events[0].get_status(), Some(EventStatus::Confirmed));
        assert_eq!(events[1].get_status(), Some(EventStatus::Cancelled));
        assert_eq!(events[0].get_summary(), Some("Interview: Ana, Ruiz; \"A\" (Panel)"));
    }
}
