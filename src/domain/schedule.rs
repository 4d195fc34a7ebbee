//! Scheduled interviews (issue 16): an instant in UTC kept with the zone it was given in,
//! a length, the interviewers, and a sequence that rises on every reschedule. Reading a
//! wall-clock time in a zone (daylight-saving gaps and overlaps) lives here too.

use super::ids::{ApplicationId, ScheduleId, StageId};
use chrono::{DateTime, Duration, LocalResult, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::Serialize;

/// One scheduled interview as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Schedule {
    /// Row id (what `reschedule` and `cancel` take).
    pub id: ScheduleId,
    /// The calendar's stable UID of this interview.
    pub uid: String,
    /// The application.
    pub application_id: ApplicationId,
    /// The candidate's name.
    pub candidate_name: String,
    /// The role's slug.
    pub role: String,
    /// The stage it is for.
    pub stage_id: StageId,
    /// That stage's label.
    pub stage_label: String,
    /// When it starts (UTC).
    pub starts_at: DateTime<Utc>,
    /// The zone it was given in (IANA name, e.g. `Europe/Berlin`).
    pub zone: String,
    /// Length in minutes.
    pub duration_minutes: u32,
    /// Where (a room, a link); may be empty.
    pub place: String,
    /// Who interviews, in the order given.
    pub interviewers: Vec<String>,
    /// Raised on every reschedule (iCalendar SEQUENCE).
    pub sequence: i64,
    /// When it was cancelled, if it was.
    pub cancelled_at: Option<DateTime<Utc>>,
    /// Who scheduled it.
    pub created_by: String,
}

impl Schedule {
    /// When it ends (UTC).
    pub fn ends_at(&self) -> DateTime<Utc> {
        self.starts_at + Duration::minutes(i64::from(self.duration_minutes))
    }

    /// The start as a wall-clock time in the zone it was given in.
    pub fn local_start(&self) -> DateTime<Tz> {
        self.starts_at.with_timezone(&zone_or_utc(&self.zone))
    }

    /// Whether it was cancelled.
    pub fn is_cancelled(&self) -> bool {
        self.cancelled_at.is_some()
    }

    /// Whether `person` is one of its interviewers.
    pub fn has_interviewer(&self, person: &str) -> bool {
        self.interviewers.iter().any(|i| i == person)
    }
}

/// A zone by its IANA name (`Europe/Berlin`, `UTC`), or a one-line error.
pub fn parse_zone(name: &str) -> Result<Tz, String> {
    name.trim().parse::<Tz>().map_err(|_| {
        format!("'{name}' is not a time zone rolecall knows; use an IANA name such as Europe/Berlin or UTC")
    })
}

/// A stored zone name, or UTC for one this build does not know.
pub fn zone_or_utc(name: &str) -> Tz {
    parse_zone(name).unwrap_or(Tz::UTC)
}

/// A wall-clock time `YYYY-MM-DD HH:MM` (or with `T`, or with seconds) in `zone`, as a
/// UTC instant. A time that does not exist there (skipped by a daylight-saving change)
/// is refused; one that occurs twice means the first.
pub fn parse_local(at: &str, zone: Tz) -> Result<DateTime<Utc>, String> {
    let text = at.trim().replace('T', " ");
    let naive = ["%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(&text, f).ok())
        .ok_or_else(|| format!("'{at}' is not a date and time; write it as \"2026-12-03 14:00\""))?;
    match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
        LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
        LocalResult::None => Err(format!(
            "{at} does not exist in {zone} (the clocks skip it for daylight saving); pick another time"
        )),
    }
}

/// A length such as `45m`, `1h`, `1h30m`, `90` (minutes) in minutes, 1 to 1440.
pub fn parse_duration(text: &str) -> Result<u32, String> {
    let bad = || format!("'{text}' is not a length; write it as 45m, 1h or 1h30m (at most 24h)");
    let t = text.trim().to_ascii_lowercase();
    let minutes = if let Ok(n) = t.parse::<u32>() {
        n
    } else {
        let (hours, rest) = match t.split_once('h') {
            Some((h, rest)) => (h.parse::<u32>().map_err(|_| bad())?, rest),
            None => (0, t.as_str()),
        };
        let rest = rest.strip_suffix("min").or_else(|| rest.strip_suffix('m')).unwrap_or(rest);
        let mins = if rest.is_empty() { 0 } else { rest.parse::<u32>().map_err(|_| bad())? };
        hours.checked_mul(60).and_then(|h| h.checked_add(mins)).ok_or_else(bad)?
    };
    if (1..=1440).contains(&minutes) { Ok(minutes) } else { Err(bad()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn berlin_summer_and_winter_are_two_and_one_hours_ahead() {
        let berlin = parse_zone("Europe/Berlin").unwrap();
        let summer = parse_local("2026-07-02 14:00", berlin).unwrap();
        let winter = parse_local("2026-12-03 14:00", berlin).unwrap();
        assert_eq!(summer, Utc.with_ymd_and_hms(2026, 7, 2, 12, 0, 0).unwrap());
        assert_eq!(winter, Utc.with_ymd_and_hms(2026, 12, 3, 13, 0, 0).unwrap());
    }

    #[test]
    fn a_skipped_time_is_refused_and_a_repeated_one_is_the_first() {
        let berlin = parse_zone("Europe/Berlin").unwrap();
        assert!(parse_local("2026-03-29 02:30", berlin).unwrap_err().contains("daylight saving"));
        let twice = parse_local("2026-10-25 02:30", berlin).unwrap();
        assert_eq!(twice, Utc.with_ymd_and_hms(2026, 10, 25, 0, 30, 0).unwrap());
        assert!(parse_zone("Mars/Olympus").is_err());
        assert!(parse_local("tomorrow", berlin).is_err());
    }

    #[test]
    fn lengths() {
        assert_eq!(parse_duration("45m"), Ok(45));
        assert_eq!(parse_duration("1h"), Ok(60));
        assert_eq!(parse_duration("1h30m"), Ok(90));
        assert_eq!(parse_duration("90"), Ok(90));
        for bad in ["", "0", "25h", "abc", "-5m"] {
            assert!(parse_duration(bad).is_err(), "{bad}");
        }
    }
}
