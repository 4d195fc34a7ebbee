//! Helpers for the reliability tests: the binary, a small seeded random generator, a
//! database with candidates in both bundled roles, and the full/CI switch.
#![allow(dead_code)]

use rolecall::domain::{AppStatus, ApplicationId};
use rolecall::import::load::ensure_bundled;
use rolecall::store::{NewCandidate, Severity, Store};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The binary under test (CI points `ROLECALL_E2E_BIN` at the release build).
pub fn binary() -> PathBuf {
    std::env::var_os("ROLECALL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rolecall")))
}

/// A command on `db` with a fixed actor and no colour.
pub fn rolecall(db: &Path) -> Command {
    let mut c = Command::new(binary());
    c.arg("--db").arg(db).env("ROLECALL_ACTOR", "tester").env_remove("ROLECALL_NOW").env("NO_COLOR", "1");
    c
}

/// `ROLECALL_RELIABILITY_FULL=1` runs the acceptance-size versions of the long tests.
pub fn full() -> bool {
    std::env::var("ROLECALL_RELIABILITY_FULL").is_ok_and(|v| v == "1")
}

/// `full` when the full run is asked for, `ci` otherwise.
pub fn size(ci: usize, full_size: usize) -> usize {
    if full() { full_size } else { ci }
}

/// A seed from `ROLECALL_SEED`, or from the clock; printed so a failure can be replayed.
pub fn seed(test: &str) -> u64 {
    let seed = std::env::var("ROLECALL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos() as u64)
            .unwrap_or(1)
    });
    eprintln!("{test}: ROLECALL_SEED={seed}");
    seed
}

/// xorshift64*: small, fast, good enough to pick operations and delays.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed (any value).
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    /// The next number.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    /// One of the items.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// Create `db` with the bundled roles and `n` candidates, each applied to a level of
/// one of the two roles (alternating). Returns the application ids.
pub fn seeded_db(db: &Path, n: usize) -> Vec<ApplicationId> {
    let mut store = Store::open(db).expect("open").with_actor("setup");
    ensure_bundled(&mut store).expect("bundled roles");
    let families = store.families().expect("families");
    let mut apps = Vec::new();
    for i in 0..n {
        let family = &families[i % families.len()];
        let levels = store.levels(family.id).expect("levels");
        let level = &levels[i % levels.len()];
        let c = store
            .add_candidate(&NewCandidate {
                name: format!("Person {i}"),
                email: Some(format!("person{i}@example.com")),
                ..Default::default()
            })
            .expect("add");
        apps.push(store.apply(c, level.id).expect("apply").application.id);
    }
    apps
}

/// Assert SQLite's integrity check, the foreign keys and the event-log replay all pass.
pub fn assert_healthy(db: &Path) {
    let store = Store::open_for_check(db).expect("open for check");
    for f in store.health().expect("health") {
        assert!(f.severity != Severity::Problem, "{}: {}", f.check, f.message);
    }
}

/// Every application's version equals its number of events: no two writers ever both
/// wrote "the next version" of the same application.
pub fn assert_versions_match_events(db: &Path) {
    let store = Store::open_for_check(db).expect("open");
    for family in store.families().expect("families") {
        for card in store.board(family.id, true).expect("board") {
            let events = store.history(card.id).expect("history").len() as i64;
            assert_eq!(card.version, events, "application {} version vs events", card.id);
        }
    }
}

/// Active applications in the database.
pub fn active_apps(store: &Store) -> Vec<ApplicationId> {
    let mut out = Vec::new();
    for family in store.families().expect("families") {
        for card in store.board(family.id, false).expect("board") {
            if card.status == AppStatus::Active {
                out.push(card.id);
            }
        }
    }
    out
}

/// After concurrent workers: no error surfaced, no event was reported by two of them,
/// every reported event is in the log, and the log grew (from `before` events) by exactly
/// the changes made — `events` reported by id plus `unreported` that wrote one without
/// naming it. Returns the number of changes committed.
pub fn assert_log_holds_exactly_the_reports(
    store: &Store,
    before: i64,
    errors: Vec<&String>,
    mut events: Vec<i64>,
    unreported: usize,
) -> usize {
    assert!(errors.is_empty(), "{} errors surfaced, first: {}", errors.len(), errors[0]);
    events.sort_unstable();
    let n_reported = events.len();
    events.dedup();
    assert_eq!(events.len(), n_reported, "two processes reported the same event");
    for id in &events {
        store.event(rolecall::domain::EventId(*id)).unwrap_or_else(|e| panic!("event {id} lost: {e}"));
    }
    let after = store.event_count().expect("count");
    assert_eq!(
        after - before,
        (n_reported + unreported) as i64,
        "the log holds exactly the changes reported"
    );
    n_reported + unreported
}
