//! A scripted month of pipeline activity (March 2026) under a clock the test controls,
//! shared by the snapshot and export tests.
#![allow(dead_code)]

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rolecall::domain::{
    ApplicationId, CandidateId, Clock, EventId, FamilyDraft, FamilyId, LevelDraft, Rating, RejectReason,
    StageDraft,
};
use rolecall::store::{NewCandidate, NewInterview, Store, Transition};
use std::collections::HashMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A clock the test moves by hand; clones share the same time.
#[derive(Clone)]
pub struct SteppingClock(Arc<AtomicI64>);

impl SteppingClock {
    /// A clock at `t`.
    pub fn new(t: DateTime<Utc>) -> Self {
        SteppingClock(Arc::new(AtomicI64::new(t.timestamp_micros())))
    }

    /// Jump to `t`.
    pub fn set(&self, t: DateTime<Utc>) {
        self.0.store(t.timestamp_micros(), Ordering::SeqCst);
    }

    /// Move forward by `d`.
    pub fn advance(&self, d: Duration) {
        self.0.fetch_add(d.num_microseconds().unwrap_or(0), Ordering::SeqCst);
    }
}

impl Clock for SteppingClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.0.load(Ordering::SeqCst)).unwrap_or_default()
    }
}

/// A family draft with its own levels and stages.
pub fn family(title: &str, levels: &[&str], stages: &[&str]) -> FamilyDraft {
    FamilyDraft {
        title: title.into(),
        description: format!("{title}, for tests"),
        levels: levels
            .iter()
            .zip(5..)
            .map(|(t, grade)| LevelDraft {
                title: t.to_string(),
                grade: Some(grade),
                reports_to: None,
                responsibilities: vec!["Do things".into()],
                requirements: vec!["Know things".into()],
            })
            .collect(),
        stages: stages
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

/// People in the month, by short key. Some names are hostile on purpose.
pub const PEOPLE: [(&str, &str); 12] = [
    ("ana", "Ana Ruiz"),
    ("bo", "Bo Lee"),
    ("formula", "=HYPERLINK(\"http://example.invalid\",\"x\")"),
    ("script", "<script>alert(1)</script>"),
    ("jose", "José Núñez"),
    ("pipe", "Pipe | Star *Bold*"),
    ("minus", "-Minus Start"),
    ("chen", "Chen Wei"),
    ("dana", "Dana O'Brien"),
    ("eve", "Eve Adams"),
    ("farah", "Farah Khan"),
    ("greg", "Greg \"Quote\" Hall"),
];

/// Drives the store through the script, one call per action.
pub struct Month<'a> {
    pub store: &'a mut Store,
    pub clock: SteppingClock,
    pub families: Vec<FamilyId>,
    pub people: HashMap<&'static str, CandidateId>,
    pub apps: HashMap<&'static str, ApplicationId>,
    pub last: HashMap<&'static str, EventId>,
    day: u32,
    minute: i64,
}

/// The instant of `day` March 2026 at `hour`:00 UTC.
pub fn march(day: u32, hour: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, day, hour, 0, 0).single().expect("valid March date")
}

impl<'a> Month<'a> {
    /// Import the two roles and add everyone on 1 March.
    pub fn start(store: &'a mut Store, clock: SteppingClock) -> Self {
        clock.set(march(1, 8));
        let f1 = family("Test Family", &["Junior Tester", "Senior Tester"], &["Screening", "Panel", "CFO"]);
        let f2 = family(
            "Data Platform",
            &["Data Engineer", "Staff Data Engineer"],
            &["Recruiter call", "Tech | deep dive", "Leader"],
        );
        let families = [("test.md", f1), ("data.md", f2)]
            .iter()
            .map(|(src, f)| store.import_family(src, "h", f).expect("import").0)
            .collect();
        let mut people = HashMap::new();
        for (key, name) in PEOPLE {
            let id = store
                .add_candidate(&NewCandidate { name: name.into(), ..Default::default() })
                .expect("add candidate");
            people.insert(key, id);
        }
        Month {
            store,
            clock,
            families,
            people,
            apps: HashMap::new(),
            last: HashMap::new(),
            day: 1,
            minute: 0,
        }
    }

    /// Start a new day: the clock goes to 09:00 of it.
    pub fn day(&mut self, day: u32) {
        self.day = day;
        self.minute = 0;
        self.clock.set(march(day, 9));
    }

    fn tick(&mut self) {
        self.minute += 17;
        self.clock.set(march(self.day, 9) + Duration::minutes(self.minute));
    }

    fn record(&mut self, who: &'static str, t: Transition) {
        self.apps.insert(who, t.application.id);
        self.last.insert(who, t.event_id);
    }

    fn app(&self, who: &str) -> ApplicationId {
        *self.apps.get(who).expect("applied earlier in the script")
    }

    pub fn apply(&mut self, who: &'static str, family: usize, level: &str) {
        self.tick();
        let level = self.store.level_by_name(self.families[family], level).expect("level");
        let t = self.store.apply(self.people[who], level.id).expect("apply");
        self.record(who, t);
    }

    pub fn next(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.step(self.app(who), true, None).expect("step");
        self.record(who, t);
    }

    pub fn move_to(&mut self, who: &'static str, stage: &str) {
        self.tick();
        let app = self.store.application(self.app(who)).expect("app");
        let stage = self.store.stage_by_name(app.family_id, stage).expect("stage");
        let t = self.store.move_to(app.id, stage.id, None).expect("move");
        self.record(who, t);
    }

    pub fn reject(&mut self, who: &'static str, reason: RejectReason) {
        self.tick();
        let t = self.store.reject(self.app(who), reason, Some("scripted"), None).expect("reject");
        self.record(who, t);
    }

    pub fn hold(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.hold(self.app(who), None, None).expect("hold");
        self.record(who, t);
    }

    pub fn resume(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.resume(self.app(who), None).expect("resume");
        self.record(who, t);
    }

    pub fn withdraw(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.withdraw(self.app(who), None, None).expect("withdraw");
        self.record(who, t);
    }

    pub fn hire(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.hire(self.app(who), None).expect("hire");
        self.record(who, t);
    }

    pub fn reopen(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.reopen(self.app(who), None).expect("reopen");
        self.record(who, t);
    }

    /// Record an interview at `who`'s current stage.
    pub fn interview(&mut self, who: &'static str, recommendation: Rating) {
        self.tick();
        let new = interview(self.clock.now(), recommendation);
        self.store.record_interview(self.app(who), &new, None).expect("interview");
    }

    /// Undo the last thing done to `who`.
    pub fn undo(&mut self, who: &'static str) {
        self.tick();
        let t = self.store.revert(self.last[who], None).expect("undo");
        self.record(who, t);
    }
}

/// An interview held at `at` with no per-requirement ratings.
pub fn interview(at: DateTime<Utc>, recommendation: Rating) -> NewInterview {
    NewInterview {
        stage: None,
        interviewer: "Pat Panel".into(),
        held_on: at.date_naive(),
        recommendation,
        notes: String::new(),
        ratings: Vec::new(),
    }
}

/// Play the whole month; `day_end` runs at 18:00 of every day of March.
pub fn play(store: &mut Store, clock: SteppingClock, mut day_end: impl FnMut(&Store, NaiveDate)) {
    use RejectReason::*;
    let mut m = Month::start(store, clock);
    for day in 1..=31 {
        m.day(day);
        match day {
            2 => {
                m.apply("ana", 0, "senior");
                m.apply("bo", 0, "junior");
                m.apply("formula", 0, "junior");
            }
            3 => {
                m.apply("script", 0, "senior");
                m.apply("jose", 1, "data engineer");
            }
            4 => {
                m.next("ana");
                m.next("bo");
            }
            5 => {
                m.interview("ana", Rating::Yes);
                m.apply("pipe", 0, "junior");
                m.apply("minus", 1, "staff");
            }
            6 => m.reject("formula", NotQualified),
            9 => {
                m.next("ana");
                m.apply("chen", 0, "senior");
                m.next("script");
            }
            10 => {
                m.hold("bo");
                m.interview("ana", Rating::StrongYes);
            }
            11 => {
                m.interview("script", Rating::No);
                m.next("jose");
                m.apply("dana", 1, "staff");
            }
            12 => {
                m.next("ana");
                m.apply("eve", 0, "junior");
            }
            13 => m.withdraw("pipe"),
            16 => {
                m.resume("bo");
                m.interview("bo", Rating::Yes);
                m.next("chen");
                m.undo("chen");
            }
            17 => {
                m.hire("ana");
                m.apply("farah", 0, "senior");
            }
            18 => m.reject("dana", Compensation),
            19 => {
                m.reopen("dana");
                m.apply("greg", 1, "data engineer");
            }
            20 => {
                m.next("script");
                m.next("eve");
            }
            23 => {
                m.next("bo");
                m.withdraw("minus");
            }
            24 => m.reject("chen", SkillsMismatch),
            25 => m.undo("chen"),
            26 => {
                m.next("farah");
                m.move_to("jose", "offer");
            }
            27 => m.hire("jose"),
            30 => {
                m.reject("eve", ValuesMismatch);
                m.next("greg");
            }
            31 => {
                m.hold("farah");
                m.next("dana");
            }
            _ => {}
        }
        m.clock.set(march(day, 18));
        day_end(&*m.store, NaiveDate::from_ymd_opt(2026, 3, day).expect("date"));
    }
}
