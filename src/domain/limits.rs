//! Time limits per stage (issue 17): how many days an application may sit in a stage
//! before it counts as stale. A role's recruiter can set a limit per stage
//! (`rolecall limit`); otherwise the stage has the default of its kind.

use super::StageKind;
use chrono::{DateTime, Utc};

/// Default days for a screening stage and for the Offer.
pub const SHORT_LIMIT_DAYS: i64 = 5;
/// Default days for an interview stage.
pub const INTERVIEW_LIMIT_DAYS: i64 = 7;
/// The longest limit that can be set.
pub const MAX_LIMIT_DAYS: i64 = 365;

/// The default limit of a stage: 5 days for screening (a label that says "screen") and for
/// the Offer, 7 for the other interview stages.
pub fn default_limit(kind: StageKind, label: &str) -> i64 {
    let screening = label.to_lowercase().contains("screen");
    if kind == StageKind::Offer || screening { SHORT_LIMIT_DAYS } else { INTERVIEW_LIMIT_DAYS }
}

/// Whether an application that entered its stage at `entered` is past a limit of
/// `days` at `now`: more than `days` whole days have passed. An unreadable entry time
/// is never past.
pub fn is_past(entered: Option<DateTime<Utc>>, days: i64, now: DateTime<Utc>) -> bool {
    entered.is_some_and(|t| now - t > chrono::Duration::days(days))
}

/// Check a limit asked for: 1 to 365 days.
pub fn check_days(days: i64) -> Result<(), String> {
    if (1..=MAX_LIMIT_DAYS).contains(&days) {
        Ok(())
    } else {
        Err(format!("a stage's limit is 1 to {MAX_LIMIT_DAYS} days, not {days}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn defaults_by_kind() {
        assert_eq!(default_limit(StageKind::Interview, "Screening"), 5);
        assert_eq!(default_limit(StageKind::Interview, "Phone screen"), 5);
        assert_eq!(default_limit(StageKind::Offer, "Offer"), 5);
        assert_eq!(default_limit(StageKind::Interview, "VP IT panel"), 7);
    }

    #[test]
    fn past_means_more_than_the_days() {
        let t = Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap();
        assert!(!is_past(Some(t), 5, t + chrono::Duration::days(5)));
        assert!(is_past(Some(t), 5, t + chrono::Duration::days(5) + chrono::Duration::seconds(1)));
        assert!(!is_past(None, 5, t + chrono::Duration::days(50)));
        assert!(check_days(0).is_err() && check_days(366).is_err() && check_days(7).is_ok());
    }
}
