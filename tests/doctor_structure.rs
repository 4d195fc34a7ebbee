//! `doctor`'s check of the file's structure: SQLite's quick check by default, its full
//! integrity check with `--full`. A damaged page is caught by both; an index that no
//! longer holds what its table holds only by `--full`, and the default says so.

mod reliability;

use reliability::{rolecall, seeded_db};
use rusqlite::Connection;
use serde_json::Value;
use std::io::{Seek, SeekFrom, Write};
use std::path::Path;

fn doctor(db: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let out = rolecall(db).arg("doctor").arg("--json").args(args).output().expect("doctor");
    (out.status.code(), serde_json::from_slice(&out.stdout).unwrap_or(Value::Null))
}

fn integrity(report: &Value) -> (String, String) {
    let found = report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["check"] == "integrity"))
        .unwrap_or_else(|| panic!("no integrity finding: {report:#}"));
    (found["severity"].as_str().unwrap_or("").into(), found["message"].as_str().unwrap_or("").into())
}

/// The file's page size and the pages of `name` (a table or index) of type `kind`, with
/// the write-ahead log copied in so the file holds every page.
fn pages_of(db: &Path, name: &str, kind: &str) -> (u64, Vec<u64>) {
    let conn = Connection::open(db).expect("open");
    conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |_| Ok(())).expect("checkpoint");
    let size: i64 = conn.query_row("PRAGMA page_size", [], |r| r.get(0)).expect("page size");
    let mut stmt = conn
        .prepare("SELECT pageno FROM dbstat WHERE name = ?1 AND pagetype = ?2 ORDER BY pageno")
        .expect("dbstat");
    let pages: Vec<i64> =
        stmt.query_map([name, kind], |r| r.get(0)).expect("pages").collect::<Result<_, _>>().expect("rows");
    (size as u64, pages.into_iter().map(|p| p as u64).collect())
}

fn overwrite(db: &Path, at: u64, bytes: &[u8]) {
    let mut file = std::fs::OpenOptions::new().write(true).open(db).expect("open file");
    file.seek(SeekFrom::Start(at)).expect("seek");
    file.write_all(bytes).expect("write");
}

#[test]
fn the_default_doctor_reports_a_damaged_page() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("private").join("damaged.db"); // a directory rolecall makes private
    seeded_db(&db, 200);
    let (code, report) = doctor(&db, &[]);
    assert_eq!(code, Some(0), "{report:#}");
    let (severity, message) = integrity(&report);
    assert_eq!(severity, "ok");
    assert!(message.contains("quick check") && message.contains("--full"), "{message}");

    // One leaf page of the event log, zeroed: no longer a b-tree page at all.
    let (size, leaves) = pages_of(&db, "events", "leaf");
    assert!(leaves.len() > 2, "the log spans several pages: {leaves:?}");
    overwrite(&db, (leaves[1] - 1) * size, &vec![0; size as usize]);
    for args in [&[][..], &["--full"][..]] {
        let (code, report) = doctor(&db, args);
        assert_eq!(code, Some(6), "{args:?}: {report:#}");
        let (severity, message) = integrity(&report);
        assert_eq!(severity, "problem", "{args:?}: {report:#}");
        assert!(message.contains("restore a backup"), "{message}");
    }
}

#[test]
fn only_the_full_check_compares_each_index_with_its_table() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("private").join("stale-index.db");
    seeded_db(&db, 200);
    // Change one email inside the candidates table's page, behind the index's back: the
    // record stays well formed, but `candidates_email` (on `lower(email)`) still holds
    // the old address.
    let (size, leaves) = pages_of(&db, "candidates", "leaf");
    let bytes = std::fs::read(&db).expect("read");
    let needle = b"person17@example.com";
    let at = leaves
        .iter()
        .find_map(|page| {
            let start = ((page - 1) * size) as usize;
            let content = &bytes[start..start + size as usize];
            content.windows(needle.len()).position(|w| w == needle).map(|i| (start + i) as u64)
        })
        .expect("the email is in a page of the table");
    overwrite(&db, at + 2, b"x"); // "pexson17@…"

    let (_, report) = doctor(&db, &[]);
    let (severity, message) = integrity(&report);
    assert_eq!(severity, "ok", "the quick check does not look at index entries: {report:#}");
    assert!(message.contains("`rolecall doctor --full`"), "it says what it left out: {message}");
    let (code, report) = doctor(&db, &["--full"]);
    assert_eq!(code, Some(6), "{report:#}");
    let (severity, message) = integrity(&report);
    assert_eq!(severity, "problem", "{report:#}");
    assert!(message.contains("integrity check") && message.contains("candidates_email"), "{message}");
}
