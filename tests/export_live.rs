//! The CSV of the current state is read from the live rows (streamed), and says exactly
//! what the replay of the log says at the same instant: on the scripted month (undo,
//! reopen, hold, notes after closing) and on a generated pipeline, for every role and
//! for one, in both spreadsheet forms.

mod month;

use assert_cmd::Command;
use month::{SteppingClock, march, play};
use rolecall::store::Store;
use std::path::{Path, PathBuf};

const NOW: &str = "2026-04-01T08:00:00Z";

fn month_db(dir: &Path) -> PathBuf {
    let db = dir.join("rolecall.db");
    let clock = SteppingClock::new(march(1, 8));
    let mut store = Store::open(&db).expect("store").with_clock(Box::new(clock.clone())).with_actor("tester");
    play(&mut store, clock, |_, _| {});
    db
}

fn export(db: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("rolecall")
        .expect("binary")
        .env("ROLECALL_DB", db)
        .env("ROLECALL_NOW", NOW)
        .env("ROLECALL_ACTOR", "tester")
        .args(["export", "--format", "csv"])
        .args(args)
        .output()
        .expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

fn assert_live_equals_replay(db: &Path) {
    for extra in [&[][..], &["--excel"], &["--role", "data-platform"], &["--role", "test-family", "--excel"]]
    {
        let live = export(db, extra);
        let replayed = export(db, &[extra, &["--as-of", NOW]].concat());
        assert!(live.lines().count() > 2, "{extra:?}: rows exported\n{live}");
        assert_eq!(live, replayed, "{extra:?}");
    }
}

#[test]
fn the_current_csv_equals_the_replay_on_the_scripted_month() {
    let dir = tempfile::tempdir().expect("tempdir");
    assert_live_equals_replay(&month_db(dir.path()));
}

#[test]
fn the_current_csv_equals_the_replay_on_a_generated_pipeline() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = month_db(dir.path());
    let out = Command::cargo_bin("rolecall")
        .expect("binary")
        .env("ROLECALL_DB", &db)
        .env("ROLECALL_NOW", NOW)
        .args(["demo", "--candidates", "400", "--force"])
        .output()
        .expect("demo");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_live_equals_replay(&db);
}

#[test]
fn the_current_csv_reads_the_live_rows_and_an_earlier_instant_the_log() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = month_db(dir.path());
    // Shift one application's stage entry time behind rolecall's back: only the live row
    // holds it, so the current export shows it and the replay does not.
    let conn = rusqlite::Connection::open(&db).expect("open");
    let id: i64 = conn
        .query_row("SELECT id FROM applications WHERE status = 'active' ORDER BY id LIMIT 1", [], |r| {
            r.get(0)
        })
        .expect("an open application");
    conn.execute(
        "UPDATE applications SET stage_entered_at = '2026-03-30T10:00:00.000000Z' WHERE id = ?1",
        [id],
    )
    .expect("update");
    drop(conn);
    let row = |csv: &str| -> String {
        csv.lines().find(|l| l.split(',').nth(3) == Some(id.to_string().as_str())).expect("row").to_string()
    };
    let live = row(&export(&db, &[]));
    assert!(live.contains(",2026-03-30T10:00:00,1,"), "the live row's stage entry and days in stage: {live}");
    let replayed = row(&export(&db, &["--as-of", NOW]));
    assert!(!replayed.contains("2026-03-30T10:00:00"), "the replay keeps the log's time: {replayed}");
}
