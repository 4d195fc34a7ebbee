//! The team server under load (issue 15's acceptance): 8 processes at once run mixed CLI
//! changes (moves, holds, rejects, withdrawals, reopenings, hires, interview outcomes,
//! guarded moves, new applications, retried requests) and reads (exports, the board,
//! histories) on one PostgreSQL database. No error may reach the user, no update may be
//! lost: every reported event is in the log and the log holds nothing else, every
//! application equals the last event of its history and its version counts its events,
//! a retried request returns the event it already wrote, and `doctor` is content.
//!
//! 8 workers × 6 s by default; `ROLECALL_PG_SECONDS=60` (scripts/pg-acceptance) runs
//! the acceptance size.
#![cfg(feature = "postgres")]

mod common;
mod reliability;

use common::pg;
use reliability::{Rng, assert_log_holds_exactly_the_reports, binary, seed};
use rolecall::store::Store;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const WORKERS: usize = 8;
const ROLE: (&str, &str) = ("it-program-management-office", "Staff IT Program Manager");

/// A command on the server database `url`, run in a scratch directory (where a URL
/// mistaken for a file name would land, not in the source tree).
fn rolecall(url: &str) -> Command {
    static SCRATCH: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    let scratch = SCRATCH.get_or_init(|| tempfile::tempdir().expect("tempdir"));
    let mut c = Command::new(binary());
    c.arg("--db").arg(url).current_dir(scratch.path());
    c.env("NO_COLOR", "1").env_remove("ROLECALL_NOW").env_remove("ROLECALL_DB");
    c
}

/// True when the command line opens the server (it imports the bundled roles there).
fn cli_opens_servers(db: &pg::TestDb) -> bool {
    let out = rolecall(&db.url).args(["roles"]).output().expect("run");
    let families: i64 = match db.client().query_one("SELECT count(*) FROM families", &[]) {
        Ok(row) => row.get(0),
        Err(_) => 0,
    };
    out.status.success() && families > 0
}

/// What one worker saw.
#[derive(Default)]
struct Tally {
    ops: usize,
    /// Event ids reported by successful changes.
    events: Vec<i64>,
    /// Successful changes that write an event without reporting its id (outcomes).
    unreported_events: usize,
    /// Refused by a rule (moving a rejected candidate, hiring before Offer, …).
    refused: usize,
    /// Refused because the version given with --if-version was stale (expected).
    stale_with_version: usize,
    /// Requests sent twice with one id that came back with the same event.
    retried: usize,
    /// Anything else: errors, a stale refusal without --if-version, a retry that wrote twice.
    errors: Vec<String>,
}

/// Run one command; on success the JSON it printed.
fn run_op(url: &str, args: &[String], tally: &mut Tally, guarded: bool) -> Option<Value> {
    let out = rolecall(url).args(args).arg("--json").output().expect("spawn");
    tally.ops += 1;
    let stderr = String::from_utf8_lossy(&out.stderr).to_string();
    match out.status.code() {
        Some(0) => {
            let v = serde_json::from_slice::<Value>(&out.stdout).ok();
            match v.as_ref().and_then(|v| v.get("event_id")).and_then(Value::as_i64) {
                Some(id) => tally.events.push(id),
                None if args[0] == "outcome" => tally.unreported_events += 1,
                None => {}
            }
            return v;
        }
        Some(4) if stderr.contains("changed by someone else") && guarded => tally.stale_with_version += 1,
        Some(4) if !stderr.contains("changed by someone else") => tally.refused += 1,
        code => tally.errors.push(format!("{args:?} → {code:?}: {stderr}")),
    }
    None
}

/// The version of application `app` as the board shows it now.
fn version_of(url: &str, app: &str) -> Option<i64> {
    let out = rolecall(url).args(["history", app, "--json"]).output().ok()?;
    let v: Value = serde_json::from_slice(&out.stdout).ok()?;
    Some(v.as_array()?.len() as i64)
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// The arguments of one random operation; `true` when it carries `--if-version`.
fn pick_op(url: &str, rng: &mut Rng, app: &str, worker: usize, i: usize, dir: &Path) -> (Vec<String>, bool) {
    let s = strings;
    match rng.below(100) {
        0..=24 => (s(&["move", app, "--next"]), false),
        25..=36 => (s(&["move", app, "--back"]), false),
        37..=40 => (s(&["move", app, "--to", "Offer"]), false),
        41..=45 => (s(&["hold", app, "--note", "waiting for references"]), false),
        46..=51 => (s(&["resume", app]), false),
        52..=55 => (s(&["reject", app, "--reason", "location", "--note", "relocating"]), false),
        56..=57 => (s(&["withdraw", app]), false),
        58..=64 => (s(&["reopen", app]), false),
        65..=66 => (s(&["hire", app]), false),
        67..=71 => {
            // A guarded move from a version read a moment ago: may be legitimately stale.
            let v = version_of(url, app).unwrap_or(1);
            (s(&["move", app, "--next", "--if-version", &v.to_string()]), true)
        }
        72..=79 => (s(&["outcome", app, "--interviewer", "Dana", "--recommend", "yes"]), false),
        80..=87 => {
            let format = *rng.pick(&["csv", "json"]);
            let file = dir.join(format!("w{worker}-{i}.{format}"));
            (s(&["export", "--format", format, "--output", &file.to_string_lossy()]), false)
        }
        88..=91 => (s(&["board", "--print"]), false),
        _ => (s(&["history", app]), false),
    }
}

fn worker(url: &str, worker: usize, apps: &[i64], until: Instant, seed: u64, dir: &Path) -> Tally {
    let mut rng = Rng::new(seed ^ (worker as u64).wrapping_mul(0xA5A5_5A5A));
    let mut tally = Tally::default();
    let mut i = 0;
    while Instant::now() < until {
        i += 1;
        let app = rng.pick(apps).to_string();
        if rng.below(100) < 4 {
            retried_request(url, &app, worker, i, &mut tally);
            continue;
        }
        let (args, guarded) = pick_op(url, &mut rng, &app, worker, i, dir);
        run_op(url, &args, &mut tally, guarded);
    }
    tally
}

/// A change whose reply is "lost": sent again with the same request id, it must come
/// back with the event the first run wrote (or be refused both times).
fn retried_request(url: &str, app: &str, worker: usize, i: usize, tally: &mut Tally) {
    let id = format!("retry-w{worker}-{i}");
    let args = strings(&["move", app, "--next", "--request-id", &id]);
    let first = run_op(url, &args, tally, false);
    let before = tally.events.len();
    let again = run_op(url, &args, tally, false);
    let event = |v: &Option<Value>| v.as_ref().and_then(|v| v.get("event_id")).and_then(Value::as_i64);
    match (event(&first), event(&again)) {
        (Some(a), Some(b)) if a == b => {
            tally.events.truncate(before); // one event, reported twice
            tally.retried += 1;
        }
        // The first run was refused by a rule and wrote nothing; meanwhile another process
        // may have changed the application, so the second run is a new attempt that may
        // succeed. Exactly-once concerns a first run that committed.
        (None, _) => {}
        other => tally.errors.push(format!("retry of {id} on {app}: {other:?}")),
    }
}

/// Candidates applied to the first bundled role, through the CLI; their application ids.
fn seed_apps(url: &str, n: usize) -> Vec<i64> {
    let mut apps = Vec::new();
    for i in 0..n {
        let email = format!("person{i}@example.com");
        let add =
            rolecall(url).args(["candidate", "add", &format!("Person {i}"), "--email", &email]).output();
        assert!(add.as_ref().is_ok_and(|o| o.status.success()), "add: {add:?}");
        let out = rolecall(url)
            .args(["apply", &email, "--role", ROLE.0, "--level", ROLE.1, "--json"])
            .output()
            .expect("apply");
        assert!(out.status.success(), "apply: {}", String::from_utf8_lossy(&out.stderr));
        let v: Value = serde_json::from_slice(&out.stdout).expect("json");
        apps.push(v["application"]["id"].as_i64().or_else(|| v["id"].as_i64()).expect("application id"));
    }
    apps
}

/// Every application equals the last event of its history, and its version counts them.
fn assert_no_lost_update(store: &Store) {
    for family in store.families().expect("families") {
        for card in store.board(family.id, true).expect("board") {
            let history = store.history(card.id).expect("history");
            let last = history.last().expect("an application has events");
            assert_eq!(
                (last.to_stage, last.to_status),
                (Some(card.stage_id), Some(card.status)),
                "application {} differs from its last event {}",
                card.id,
                last.id
            );
            assert_eq!(card.version, history.len() as i64, "application {} version vs events", card.id);
        }
    }
}

#[test]
fn eight_processes_of_mixed_work_on_one_server_lose_nothing() {
    let Some(db) = pg::database() else { return };
    if !cli_opens_servers(&db) {
        eprintln!("skipped: the command line does not open a server yet (issue 15, item 1)");
        return;
    }
    let seconds: u64 = std::env::var("ROLECALL_PG_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(6);
    let seed = seed("eight_processes_of_mixed_work_on_one_server_lose_nothing");
    let files = tempfile::tempdir().unwrap();
    let apps = seed_apps(&db.url, 16);
    let before = Store::open_target(&db.url).expect("open").event_count().expect("count");
    let started = Instant::now();
    let until = started + Duration::from_secs(seconds);
    let tallies: Vec<Tally> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..WORKERS)
            .map(|w| {
                let (url, apps, dir) = (&db.url, &apps, files.path());
                scope.spawn(move || worker(url, w, apps, until, seed, dir))
            })
            .collect();
        handles.into_iter().map(|h| h.join().expect("worker")).collect()
    });
    let elapsed = started.elapsed();

    let store = Store::open_target(&db.url).expect("open");
    let committed = assert_log_holds_exactly_the_reports(
        &store,
        before,
        tallies.iter().flat_map(|t| &t.errors).collect(),
        tallies.iter().flat_map(|t| t.events.iter().copied()).collect(),
        tallies.iter().map(|t| t.unreported_events).sum(),
    );
    assert_no_lost_update(&store);
    let doctor = rolecall(&db.url).args(["doctor"]).output().expect("doctor");
    let said = String::from_utf8_lossy(&doctor.stdout);
    assert_eq!(doctor.status.code(), Some(0), "doctor: {said}{}", String::from_utf8_lossy(&doctor.stderr));

    let sum = |f: fn(&Tally) -> usize| tallies.iter().map(f).sum::<usize>();
    eprintln!(
        "pg concurrency: {WORKERS} processes × {seconds} s = {} CLI runs in {:.1} s; {} changes committed, \
         {} refused by a rule, {} stale --if-version refusals, {} retried requests answered with their \
         first event, 0 errors; doctor: {}",
        sum(|t| t.ops),
        elapsed.as_secs_f64(),
        committed,
        sum(|t| t.refused),
        sum(|t| t.stale_with_version),
        sum(|t| t.retried),
        said.lines().last().unwrap_or_default()
    );
}
