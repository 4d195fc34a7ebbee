//! Crash safety: the real binary moves candidates in a loop, printing each event id
//! after its commit; it is SIGKILLed at random moments, again and again. Every id it
//! printed must be in the log afterwards, and the database must stay sound.
//!
//! 50 kills in CI; `ROLECALL_RELIABILITY_FULL=1` does 200.

mod reliability;

use reliability::{Rng, assert_healthy, assert_versions_match_events, rolecall, seed, seeded_db, size};
use rolecall::domain::{EventId, EventKind};
use rolecall::store::Store;
use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, Instant};

/// Start a churn, let it run for `run_for`, SIGKILL it; return the ids it reported.
fn churn_and_kill(db: &std::path::Path, run_for: Duration) -> Vec<i64> {
    let mut child = rolecall(db)
        .args(["debug-churn", "--count", "100000000"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn churn");
    let stdout = child.stdout.take().expect("stdout");
    let reader = std::thread::spawn(move || {
        let mut ids = Vec::new();
        let mut lines = BufReader::new(stdout);
        let mut line = String::new();
        // Only whole lines count: a line cut by the kill was never fully reported.
        while lines.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(id) = line.strip_suffix('\n').and_then(|l| l.parse().ok()) {
                ids.push(id);
            }
            line.clear();
        }
        ids
    });
    std::thread::sleep(run_for);
    child.kill().expect("SIGKILL");
    let status = child.wait().expect("wait");
    assert!(!status.success(), "the churn was killed, not finished");
    reader.join().expect("reader")
}

#[test]
fn committed_moves_survive_sigkill() {
    let kills = size(50, 200);
    let mut rng = Rng::new(seed("committed_moves_survive_sigkill"));
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("crash.db");
    seeded_db(&db, 12);
    let started = Instant::now();
    let mut reported: Vec<i64> = Vec::new();
    for round in 0..kills {
        // Mostly mid-churn; sometimes while the process is still opening the database.
        let ms = if rng.below(8) == 0 { rng.below(15) } else { 15 + rng.below(120) };
        let ids = churn_and_kill(&db, Duration::from_millis(ms as u64));
        let store = Store::open_for_check(&db).expect("reopen after kill");
        for id in &ids {
            let event = store
                .event(EventId(*id))
                .unwrap_or_else(|e| panic!("round {round}: reported event {id} is gone: {e}"));
            assert_eq!(event.kind, EventKind::Moved);
        }
        reported.extend(ids);
    }
    assert_healthy(&db);
    assert_versions_match_events(&db);
    let mut unique = reported.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), reported.len(), "an event id was reported twice");
    assert!(reported.len() > kills, "the churn made progress: {} moves", reported.len());
    eprintln!(
        "crash: {kills} SIGKILLs, {} committed moves reported, all present; integrity ok; {:.1} s",
        reported.len(),
        started.elapsed().as_secs_f64()
    );
}
