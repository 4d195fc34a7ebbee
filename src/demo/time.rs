//! Instants as microseconds since the Unix epoch (UTC): cheap to add, compare and sort,
//! and formatted straight into the stored RFC 3339 text without going through chrono
//! for each of a million events.

use chrono::{DateTime, Utc};

/// Microseconds since 1970-01-01T00:00:00Z.
pub type Micros = i64;

/// One minute.
pub const MINUTE: Micros = 60_000_000;
/// One hour.
pub const HOUR: Micros = 60 * MINUTE;
/// One day.
pub const DAY: Micros = 24 * HOUR;

/// The instant as microseconds.
pub fn from_datetime(t: DateTime<Utc>) -> Micros {
    t.timestamp_micros()
}

/// Days since 1970-01-01 → (year, month, day) (Howard Hinnant's civil_from_days).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The stored form, identical to `domain::clock::format_time`: `2026-03-05T09:30:00.000000Z`.
pub fn format(t: Micros, out: &mut String) {
    use std::fmt::Write;
    let days = t.div_euclid(DAY);
    let rest = t.rem_euclid(DAY);
    let (y, m, d) = civil_from_days(days);
    let secs = rest / 1_000_000;
    let micros = rest % 1_000_000;
    out.clear();
    let _ = write!(
        out,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{micros:06}Z",
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    );
}

/// The date part only: `2026-03-05`.
pub fn format_date(t: Micros, out: &mut String) {
    use std::fmt::Write;
    let (y, m, d) = civil_from_days(t.div_euclid(DAY));
    out.clear();
    let _ = write!(out, "{y:04}-{m:02}-{d:02}");
}

/// Monday = 0 … Sunday = 6.
fn weekday(t: Micros) -> i64 {
    // 1970-01-01 was a Thursday.
    (t.div_euclid(DAY) + 3).rem_euclid(7)
}

/// Move an instant into working hours: weekends go to the next Monday, and the time of
/// day becomes 09:00 plus `minute_of_day` minutes (wrapped into the 9-hour day).
pub fn working_time(t: Micros, minute_of_day: u32) -> Micros {
    let mut day_start = t.div_euclid(DAY) * DAY;
    match weekday(t) {
        5 => day_start += 2 * DAY,
        6 => day_start += DAY,
        _ => {}
    }
    day_start + 9 * HOUR + Micros::from(minute_of_day % (9 * 60)) * MINUTE
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::clock::{format_time, parse_time};

    #[test]
    fn formats_like_the_store() {
        let mut s = String::new();
        for text in [
            "2026-03-05T09:30:00.000000Z",
            "2024-02-29T23:59:59.999999Z",
            "1999-12-31T00:00:00.000001Z",
            "2025-01-01T12:00:00.000000Z",
        ] {
            let t = parse_time(text).expect("time");
            format(from_datetime(t), &mut s);
            assert_eq!(s, format_time(t));
        }
        format_date(from_datetime(parse_time("2024-02-29").expect("date")), &mut s);
        assert_eq!(s, "2024-02-29");
    }

    #[test]
    fn working_time_skips_weekends() {
        // 2026-03-07 is a Saturday.
        let sat = from_datetime(parse_time("2026-03-07T22:00:00Z").expect("time"));
        let mut s = String::new();
        format(working_time(sat, 30), &mut s);
        assert_eq!(s, "2026-03-09T09:30:00.000000Z");
        let wed = from_datetime(parse_time("2026-03-04T02:00:00Z").expect("time"));
        format(working_time(wed, 9 * 60 + 5), &mut s);
        assert_eq!(s, "2026-03-04T09:05:00.000000Z");
    }
}
