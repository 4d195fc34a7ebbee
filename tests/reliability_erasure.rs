//! Erasure is final (issue 12, item 4): no new text, application or interview reaches an
//! erased person's record, and `candidate erase` can always be run again to finish one.

mod reliability;

use reliability::{rolecall, seeded_db};
use serde_json::Value;
use std::path::Path;

fn run(db: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let out = rolecall(db).args(args).output().expect("run");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into(),
        String::from_utf8_lossy(&out.stderr).into(),
    )
}

fn erasure_finding(db: &Path) -> (String, String) {
    let (_, stdout, _) = run(db, &["doctor", "--json"]);
    let report: Value = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    let f = report["findings"].as_array().and_then(|f| f.iter().find(|f| f["check"] == "erasure"));
    let f = f.unwrap_or(&Value::Null);
    (f["severity"].as_str().unwrap_or("").into(), f["message"].as_str().unwrap_or("").into())
}

#[test]
fn no_new_text_application_or_interview_reaches_an_erased_person() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("erase.db");
    seeded_db(&db, 2);
    let (code, _, stderr) = run(&db, &["candidate", "erase", "1", "--yes"]);
    assert_eq!(code, Some(0), "{stderr}");

    let secret = "salary expectations 95k";
    for args in [
        &["hold", "1", "--note", secret][..],
        &["reject", "1", "--reason", "other", "--note", secret],
        &["withdraw", "1", "--note", secret],
        &["outcome", "1", "--interviewer", "Kim", "--recommend", "yes", "--notes", secret],
        &["outcome", "1", "--interviewer", "Kim", "--recommend", "yes"],
        &["apply", "1", "--role", "it-program-management-office", "--level", "Senior IT Program Manager"],
    ] {
        let (code, _, stderr) = run(&db, args);
        assert_eq!(code, Some(4), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: one line: {stderr}");
        assert!(stderr.contains("erased"), "{args:?}: {stderr}");
    }
    // A change that carries no text about the person is still allowed (closing the file).
    let (code, _, stderr) = run(&db, &["reject", "1", "--reason", "other"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(erasure_finding(&db).0, "ok");
    let bytes = std::fs::read(&db).expect("read");
    assert!(!bytes.windows(secret.len()).any(|w| w == secret.as_bytes()), "the note never reached the file");
}

#[test]
fn erasing_again_finishes_an_incomplete_erasure_and_doctor_names_the_command() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("again.db");
    seeded_db(&db, 2);
    assert_eq!(run(&db, &["candidate", "erase", "1", "--yes"]).0, Some(0));
    // Text that reached the log after the erasure (as older builds let `hold --note` do).
    let conn = rusqlite::Connection::open(&db).expect("raw");
    conn.execute_batch(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, note)
         SELECT '2026-12-01T10:00:00Z', 'old build', 'held', candidate_id, id, stage_id, stage_id,
                'active', 'on_hold', 'lives at 12 Elm St'
         FROM applications WHERE candidate_id = 1",
    )
    .expect("insert");
    drop(conn);
    let (severity, message) = erasure_finding(&db);
    assert_eq!(severity, "problem");
    assert!(message.contains("rolecall candidate erase 1"), "{message}");

    let (code, stdout, stderr) = run(&db, &["candidate", "erase", "1", "--yes"]);
    assert_eq!(code, Some(0), "a second erasure scrubs again: {stderr}");
    assert!(stdout.contains("already erased; scrubbed again: 1 event notes"), "{stdout}");
    assert_eq!(erasure_finding(&db).0, "ok");
    let (_, history, _) = run(&db, &["history", "1"]);
    assert!(!history.contains("Elm St"), "{history}");
}
