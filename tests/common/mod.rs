//! Helpers shared by integration tests.
#![allow(dead_code)]

#[macro_use]
pub mod backends;
pub mod both;
pub mod demo;
pub mod faults;
#[cfg(feature = "postgres")]
pub mod logins;
#[cfg(feature = "postgres")]
pub mod pg;
#[cfg(feature = "postgres")]
pub mod team;
pub mod tui;

use chrono::{TimeZone, Utc};
use rolecall::domain::{FamilyDraft, FixedClock, LevelDraft, StageDraft};
use rolecall::store::Store;

/// A small family: two levels, three interview stages.
pub fn sample_family(stage_labels: &[&str]) -> FamilyDraft {
    let level = |title: &str, grade| LevelDraft {
        title: title.into(),
        grade: Some(grade),
        reports_to: None,
        responsibilities: vec!["Do things".into()],
        requirements: vec!["Know things".into(), "Explain things".into()],
    };
    FamilyDraft {
        title: "Test Family".into(),
        description: "A family for tests".into(),
        levels: vec![level("Junior Tester", 5), level("Senior Tester", 7)],
        stages: stage_labels
            .iter()
            .map(|l| StageDraft {
                label: l.to_string(),
                full_text: format!("Interview: {l}"),
                interviewers: vec![],
                alternatives: vec![],
                min_interviews: 1,
                max_interviews: 1,
            })
            .collect(),
        ..FamilyDraft::default()
    }
}

/// An in-memory store at a fixed time.
pub fn store() -> Store {
    Store::open_in_memory()
        .expect("in-memory store")
        .with_clock(Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap())))
        .with_actor("tester")
}
