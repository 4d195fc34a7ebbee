//! Time source, injected so tests and scripted runs can fix "now".

use chrono::{DateTime, Utc};

/// Something that tells the current time.
pub trait Clock: Send + Sync {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The real wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock stuck at one instant (tests, `ROLECALL_NOW`).
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub DateTime<Utc>);

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        self.0
    }
}

/// Stored form of an instant: RFC 3339 UTC with microseconds, so text order is time order.
pub fn format_time(t: DateTime<Utc>) -> String {
    t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string()
}

/// Serialize a stored instant in its stored form (RFC 3339 UTC, microseconds), or null
/// when the stored text could not be read as a time.
pub fn serialize_stored<S: serde::Serializer>(t: &Option<DateTime<Utc>>, s: S) -> Result<S::Ok, S::Error> {
    match t {
        Some(t) => s.serialize_str(&format_time(*t)),
        None => s.serialize_none(),
    }
}

/// Parse a stored or user-given instant: RFC 3339, or a plain date (midnight UTC).
pub fn parse_time(s: &str) -> Option<DateTime<Utc>> {
    if let Some(t) = stored_form(s.as_bytes()) {
        return Some(t);
    }
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M:%S") {
        return Some(t.and_utc());
    }
    if let Ok(t) = chrono::NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S") {
        return Some(t.and_utc());
    }
    chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d")
        .ok()
        .and_then(|d| d.and_hms_opt(0, 0, 0))
        .map(|t| t.and_utc())
}

/// The instant in the form [`format_time`] writes, `2026-03-02T10:00:00.000000Z`, read
/// without chrono's general parser (exports and replays read millions of them); `None`
/// for any other text, or a day or time that does not exist (a leap second among them),
/// which the general parser then reads or refuses.
fn stored_form(t: &[u8]) -> Option<DateTime<Utc>> {
    const DIGITS: [usize; 20] = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22, 23, 24, 25];
    const MARKS: [(usize, u8); 7] =
        [(4, b'-'), (7, b'-'), (10, b'T'), (13, b':'), (16, b':'), (19, b'.'), (26, b'Z')];
    if t.len() != 27
        || !DIGITS.iter().all(|&i| t[i].is_ascii_digit())
        || !MARKS.iter().all(|&(i, c)| t[i] == c)
    {
        return None;
    }
    let n = |from: usize, to: usize| t[from..to].iter().fold(0u32, |n, d| n * 10 + u32::from(d - b'0'));
    let day = chrono::NaiveDate::from_ymd_opt(n(0, 4) as i32, n(5, 7), n(8, 10))?;
    let (h, m, sec) = (n(11, 13), n(14, 16), n(17, 19));
    if sec > 59 {
        return None;
    }
    Some(day.and_hms_micro_opt(h, m, sec, n(20, 26))?.and_utc())
}

/// `t` to the second as `YYYY-MM-DD<sep>HH:MM:SS` (what chrono's `%Y-%m-%d<sep>%H:%M:%S`
/// gives), appended to `out`: exports write one or more per row.
pub fn push_to_second(t: DateTime<Utc>, sep: char, out: &mut String) {
    use chrono::{Datelike, Timelike};
    use std::fmt::Write;
    let year = t.year();
    if !(0..=9999).contains(&year) {
        let _ = write!(out, "{}", t.format(&format!("%Y-%m-%d{sep}%H:%M:%S")));
        return;
    }
    let two = |out: &mut String, n: u32| {
        out.push(char::from(b'0' + (n / 10) as u8));
        out.push(char::from(b'0' + (n % 10) as u8));
    };
    two(out, year as u32 / 100);
    two(out, year as u32 % 100);
    out.push('-');
    two(out, t.month());
    out.push('-');
    two(out, t.day());
    out.push(sep);
    two(out, t.hour());
    out.push(':');
    two(out, t.minute());
    out.push(':');
    // A leap second reads as second 60, as chrono's `%S` prints it.
    two(out, t.second() + t.nanosecond() / 1_000_000_000);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_round_trip_and_sort() {
        let a = parse_time("2026-01-02").expect("date");
        let b = parse_time("2026-01-02T10:00:00Z").expect("rfc3339");
        assert!(format_time(a) < format_time(b));
        assert_eq!(parse_time(&format_time(b)), Some(b));
        assert_eq!(parse_time("yesterday"), None);
    }

    /// The stored form's own reader gives what the general parser gives, and leaves
    /// everything else to it.
    #[test]
    fn the_stored_form_reads_as_the_general_parser_reads_it() {
        let general = |s: &str| DateTime::parse_from_rfc3339(s).ok().map(|t| t.with_timezone(&Utc));
        for s in [
            "2026-03-02T10:00:00.000000Z",
            "2024-02-29T23:59:59.999999Z",
            "0001-01-01T00:00:00.000001Z",
            "9999-12-31T23:59:59.000000Z",
            "2026-11-01T12:00:00.123456Z",
        ] {
            assert_eq!(stored_form(s.as_bytes()), general(s), "{s}");
            assert!(stored_form(s.as_bytes()).is_some(), "{s}");
        }
        for s in [
            "2025-02-29T10:00:00.000000Z",
            "2026-13-01T10:00:00.000000Z",
            "2026-03-02T24:00:00.000000Z",
            "2026-03-02T10:60:00.000000Z",
            "2016-12-31T23:59:60.000000Z",
            "2026-03-02T10:00:00.000000+",
            "2026-03-02 10:00:00.000000Z",
            "2026-03-02T10:00:00Z",
            "２026-03-02T10:00:00.000000Z",
        ] {
            assert_eq!(stored_form(s.as_bytes()), None, "{s}");
        }
        // What the fast reader leaves goes to the general one, as before.
        assert_eq!(parse_time("2016-12-31T23:59:60.000000Z"), general("2016-12-31T23:59:60.000000Z"));
        assert_eq!(parse_time(" 2026-03-02T10:00:00.000000Z "), general("2026-03-02T10:00:00.000000Z"));
    }

    #[test]
    fn to_the_second_prints_what_chrono_prints() {
        use chrono::TimeZone;
        let leap = chrono::NaiveDate::from_ymd_opt(2016, 12, 31)
            .and_then(|d| d.and_hms_micro_opt(23, 59, 59, 1_500_000))
            .map(|t| t.and_utc());
        let times = [
            Utc.with_ymd_and_hms(2026, 3, 31, 23, 59, 59).single(),
            Utc.with_ymd_and_hms(2026, 1, 2, 3, 4, 5)
                .single()
                .map(|t| t + chrono::Duration::microseconds(999_999)),
            Utc.with_ymd_and_hms(7, 1, 1, 0, 0, 0).single(),
            Utc.with_ymd_and_hms(12345, 6, 7, 8, 9, 10).single(),
            Utc.with_ymd_and_hms(-44, 3, 15, 12, 0, 0).single(),
            leap,
        ];
        for t in times.into_iter().map(|t| t.expect("a time")) {
            for sep in ['T', ' '] {
                let mut ours = String::new();
                push_to_second(t, sep, &mut ours);
                assert_eq!(ours, t.format(&format!("%Y-%m-%d{sep}%H:%M:%S")).to_string(), "{t:?}");
            }
        }
    }
}
