//! Several processes on one database: 4 workers each run random CLI operations at the
//! same time. No error may reach the user ("database is locked", I/O), no change may be
//! lost (every reported event is in the log, the log has nothing else, every version
//! equals its event count, every row equals the replay of its events).
//!
//! 4 × 150 operations in CI; `ROLECALL_RELIABILITY_FULL=1` does 4 × 2,500.

mod reliability;

use reliability::{
    Rng, assert_healthy, assert_log_holds_exactly_the_reports, assert_versions_match_events, rolecall, seed,
    seeded_db, size,
};
use rolecall::store::Store;
use serde_json::Value;
use std::path::Path;
use std::time::Instant;

const WORKERS: usize = 4;

/// What one worker saw.
#[derive(Default)]
struct Tally {
    ops: usize,
    /// Event ids reported by successful changes.
    events: Vec<i64>,
    /// Successful changes that write an event without reporting its id (edits).
    unreported_events: usize,
    /// Refused by a rule (moving a rejected candidate, hiring before Offer, …).
    refused: usize,
    /// Refused because the version given with --if-version was stale (expected).
    stale_with_version: usize,
    /// Anything else: locked, busy, I/O, internal, a stale refusal without --if-version.
    errors: Vec<String>,
}

fn run_op(db: &Path, args: &[String], tally: &mut Tally, guarded: bool) {
    let out = rolecall(db).args(args).arg("--json").output().expect("spawn");
    tally.ops += 1;
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    match out.status.code() {
        Some(0) => {
            if let Ok(v) = serde_json::from_slice::<Value>(&out.stdout) {
                if let Some(id) = v.get("event_id").and_then(Value::as_i64) {
                    tally.events.push(id);
                } else if args.first().is_some_and(|a| a == "outcome")
                    || (args.first().is_some_and(|a| a == "candidate")
                        && args.get(1).is_some_and(|a| a == "edit"))
                {
                    tally.unreported_events += 1;
                }
            }
        }
        Some(4) if stderr.contains("changed by someone else") && guarded => tally.stale_with_version += 1,
        Some(4) if !stderr.contains("changed by someone else") => tally.refused += 1,
        code => tally.errors.push(format!("{args:?} → {code:?}: {stderr}")),
    }
    if stderr.contains("locked") || stderr.contains("busy") {
        tally.errors.push(format!("{args:?} surfaced: {stderr}"));
    }
}

fn version_of(db: &Path, app: i64) -> Option<i64> {
    let out = rolecall(db).args(["history", &app.to_string(), "--json"]).output().ok()?;
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(v.as_array()?.len() as i64)
}

fn worker(db: &Path, worker: usize, apps: &[i64], ops: usize, seed: u64) -> Tally {
    let mut rng = Rng::new(seed ^ (worker as u64).wrapping_mul(0xA5A5_5A5A));
    let mut tally = Tally::default();
    for i in 0..ops {
        let app = rng.pick(apps).to_string();
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<String>>();
        let roll = rng.below(100);
        let (args, guarded) = match roll {
            0..=29 => (s(&["move", &app, "--next"]), false),
            30..=44 => (s(&["move", &app, "--back"]), false),
            45..=49 => (s(&["move", &app, "--to", "Offer"]), false),
            50..=54 => (s(&["hold", &app, "--note", "waiting for references"]), false),
            55..=61 => (s(&["resume", &app]), false),
            62..=64 => (s(&["reject", &app, "--reason", "location", "--note", "relocating"]), false),
            65..=66 => (s(&["withdraw", &app]), false),
            67..=73 => (s(&["reopen", &app]), false),
            74..=75 => (s(&["hire", &app]), false),
            76..=79 => {
                // A guarded move from a version read a moment ago: may be legitimately stale.
                let v = app.parse().ok().and_then(|a| version_of(db, a)).unwrap_or(1);
                (s(&["move", &app, "--next", "--if-version", &v.to_string()]), true)
            }
            80..=84 => {
                let who = format!("w{worker}-{i}@example.com");
                let name = format!("Worker {worker} hire {i}");
                let add = s(&["candidate", "add", &name, "--email", &who]);
                run_op(db, &add, &mut tally, false);
                let (role, level) = *rng.pick(&[
                    ("it-program-management-office", "Staff IT Program Manager"),
                    ("director-it-operations", "Sr. Director, IT Operations"),
                ]);
                (s(&["apply", &who, "--role", role, "--level", level]), false)
            }
            85..=89 => (
                s(&[
                    "candidate",
                    "edit",
                    &format!("person{}@example.com", rng.below(12)),
                    "--notes",
                    &format!("note {worker}-{i}"),
                ]),
                false,
            ),
            90..=92 => (s(&["board", "--print"]), false),
            // No --if-version: never refused for another worker's change.
            93..=94 => (s(&["outcome", &app, "--interviewer", "Dana", "--recommend", "yes"]), false),
            _ => (s(&["history", &app]), false),
        };
        run_op(db, &args, &mut tally, guarded);
    }
    tally
}

#[test]
fn four_processes_random_operations_lose_nothing() {
    let per_worker = size(150, 2500);
    let seed = seed("four_processes_random_operations_lose_nothing");
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("shared.db");
    let apps: Vec<i64> = seeded_db(&db, 16).into_iter().map(|a| a.0).collect();
    let before = Store::open_for_check(&db).expect("open").event_count().expect("count");
    let started = Instant::now();
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let (db, apps) = (&db, &apps);
                scope.spawn(move || worker(db, w, apps, per_worker, seed))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let elapsed = started.elapsed();

    let store = Store::open_for_check(&db).expect("open");
    let committed = assert_log_holds_exactly_the_reports(
        &store,
        before,
        tallies.iter().flat_map(|t| &t.errors).collect(),
        tallies.iter().flat_map(|t| t.events.iter().copied()).collect(),
        tallies.iter().map(|t| t.unreported_events).sum(),
    );
    assert_healthy(&db);
    assert_versions_match_events(&db);
    let ops: usize = tallies.iter().map(|t| t.ops).sum();
    let refused: usize = tallies.iter().map(|t| t.refused).sum();
    let stale: usize = tallies.iter().map(|t| t.stale_with_version).sum();
    eprintln!(
        "concurrency: {WORKERS} processes × {per_worker} operations = {ops} CLI runs in {:.1} s; \
         {} changes committed, {refused} refused by a rule, {stale} stale --if-version refusals, 0 errors",
        elapsed.as_secs_f64(),
        committed
    );
}

#[test]
fn simultaneous_first_runs_create_one_database() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("new").join("rolecall.db");
    // Eight processes open a database that does not exist yet, at the same moment: one
    // creates and migrates it and imports the bundled roles; the others wait and use it.
    let children: Vec<_> = (0..8)
        .map(|_| {
            let mut c = rolecall(&db);
            c.args(["roles", "--json"])
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped());
            c.spawn().expect("spawn")
        })
        .collect();
    for child in children {
        let out = child.wait_with_output().expect("run");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }
    let store = Store::open_for_check(&db).expect("open");
    assert_eq!(store.families().expect("families").len(), 2, "the bundled roles, once");
    assert_healthy(&db);
}
