//! The instants snapshots are taken at: `--as-of` parsing (a plain date is the end of that
//! UTC day), the not-after-today rule, and how instants are written for files and people.

use chrono::{DateTime, NaiveDate, Utc};

/// The last representable instant of a UTC day: a snapshot "as of" it includes every
/// event of that day (stored times have microsecond precision).
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_micro_opt(23, 59, 59, 999_999).map(|t| t.and_utc()).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

/// Whether `at` is today (UTC) or earlier: a snapshot shows what has happened, and days
/// in stage would otherwise be counted up to a day that has not come.
pub fn is_not_after_today(at: DateTime<Utc>, now: DateTime<Utc>) -> bool {
    at <= end_of_day(now.date_naive())
}

/// Parse an as-of argument: a plain date (`2026-03-31`) means the END of that UTC day,
/// i.e. the state after every event of that date; anything else must be an RFC 3339
/// date-time (or `YYYY-MM-DDTHH:MM:SS`, taken as UTC).
pub fn parse_as_of(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(date) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return Some(end_of_day(date));
    }
    crate::domain::clock::parse_time(s)
}

/// ISO 8601 / RFC 3339 in UTC for exports: whole seconds when there is no fraction.
pub fn iso_time(t: DateTime<Utc>) -> String {
    if t.timestamp_subsec_micros() == 0 {
        t.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    } else {
        crate::domain::clock::format_time(t)
    }
}

/// An instant for people: "end of 2026-03-31" for an end-of-day instant, else
/// "2026-03-31 14:05 UTC".
pub fn human_instant(t: DateTime<Utc>) -> String {
    if t == end_of_day(t.date_naive()) {
        format!("end of {} (UTC)", t.format("%Y-%m-%d"))
    } else {
        t.format("%Y-%m-%d %H:%M UTC").to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_date_means_end_of_day() {
        let t = parse_as_of("2026-03-31").expect("date");
        assert_eq!(iso_time(t), "2026-03-31T23:59:59.999999Z");
        assert_eq!(human_instant(t), "end of 2026-03-31 (UTC)");
        let u = parse_as_of("2026-03-31T10:00:00+02:00").expect("rfc3339");
        assert_eq!(iso_time(u), "2026-03-31T08:00:00Z");
        assert_eq!(human_instant(u), "2026-03-31 08:00 UTC");
        assert_eq!(parse_as_of("last week"), None);
    }
}
