//! Failure modes: a read-only database, a missing or uncreatable directory, a full disk,
//! a database from a newer rolecall. Each gives a clear message and corrupts nothing.

mod reliability;

use reliability::{assert_healthy, rolecall};
use rolecall::cli::CliError;
use rolecall::import::load::ensure_bundled;
use rolecall::store::{NewCandidate, Store};
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

fn ok(db: &Path, args: &[&str]) {
    let out = rolecall(db).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// (exit code, stderr) of a run expected to fail.
fn fails(db: &Path, args: &[&str]) -> (Option<i32>, String) {
    let out = rolecall(db).args(args).output().expect("run");
    assert!(!out.status.success(), "{args:?} should fail");
    (out.status.code(), String::from_utf8_lossy(&out.stderr).into_owned())
}

/// A store on `db` holding the bundled roles.
fn open_with_roles(db: &Path) -> Store {
    let mut store = Store::open(db).expect("open");
    ensure_bundled(&mut store).expect("bundled roles");
    store
}

fn bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).expect("read")
}

#[test]
fn a_read_only_database_reads_and_refuses_writes_clearly() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("ro.db");
    ok(&db, &["candidate", "add", "Ro Reader", "--email", "ro@example.org"]);
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    let before = bytes(&db);
    ok(&db, &["board", "--print"]);
    ok(&db, &["candidate", "show", "ro@example.org"]);
    let (code, msg) = fails(&db, &["candidate", "add", "New Person"]);
    assert_eq!(code, Some(5), "{msg}");
    assert!(msg.contains("read-only"), "{msg}");
    let (code, msg) =
        fails(&db, &["apply", "ro@example.org", "--role", "director-it-operations", "--level", "Sr"]);
    assert_eq!(code, Some(5), "{msg}");
    assert!(msg.contains("read-only"), "{msg}");
    assert_eq!(bytes(&db), before, "the file is untouched");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod back");
    assert_healthy(&db);
}

#[test]
fn a_database_made_read_only_while_open_refuses_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("later-ro.db");
    let mut store = open_with_roles(&db);
    let new = |name: &str| NewCandidate { name: name.into(), ..NewCandidate::default() };
    store.add_candidate(&new("Before Chmod")).expect("writable at first");
    // The connection is open read-write; the user then runs `chmod a-w` (a TUI left open).
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).expect("chmod");
    let err = store.add_candidate(&new("After Chmod")).expect_err("refused once read-only");
    let line = rolecall::present::store_error_line(&err);
    assert!(line.contains("read-only"), "{line}");
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o600)).expect("chmod back");
    let names: Vec<String> = store.candidates(None, 10).expect("list").into_iter().map(|c| c.name).collect();
    assert_eq!(names, vec!["Before Chmod".to_string()], "nothing written while read-only");
    store.add_candidate(&new("After Chmod Back")).expect("writable again");
}

#[test]
fn a_missing_directory_is_created_private() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("a").join("b").join("c").join("rolecall.db");
    ok(&db, &["roles"]);
    for d in ["a", "a/b", "a/b/c"] {
        let mode = std::fs::metadata(dir.path().join(d)).expect("dir").permissions().mode() & 0o777;
        assert_eq!(mode, 0o700, "{d}");
    }
    assert_eq!(std::fs::metadata(&db).expect("db").permissions().mode() & 0o777, 0o600);
}

#[test]
fn a_directory_that_cannot_be_created_is_reported() {
    let dir = tempfile::tempdir().expect("tempdir");
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where a directory should be").expect("write");
    let (code, msg) = fails(&blocker.join("rolecall.db"), &["roles"]);
    assert_eq!(code, Some(5), "{msg}");
    assert!(msg.contains("cannot create") && msg.contains("not-a-dir/rolecall.db"), "{msg}");
    assert!(msg.contains("Not a directory"), "the OS reason is given: {msg}");
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_everything_before_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("full.db");
    let mut store = open_with_roles(&db);
    let pages = store.debug_page_count().expect("pages");
    // The database may not grow past a few more pages: a disk that is nearly full.
    store.debug_limit_pages(pages + 3).expect("limit");
    let note = "n".repeat(1500);
    let mut added = Vec::new();
    let err = loop {
        let new = NewCandidate {
            name: format!("Filler {}", added.len()),
            notes: note.clone(),
            ..Default::default()
        };
        match store.add_candidate(&new) {
            Ok(id) => added.push(id),
            Err(e) => break e,
        }
        assert!(added.len() < 1000, "the limit never bit");
    };
    assert!(err.is_disk_full(), "{err:?}");
    let cli = CliError::from(err);
    assert!(
        cli.message.contains("disk is full") && cli.message.contains("nothing was saved"),
        "{}",
        cli.message
    );
    let level = store.levels(store.families().expect("families")[0].id).expect("levels")[0].id;
    // A state change that cannot be stored either leaves no trace.
    let applied = store.apply(added[0], level);
    if let Err(e) = &applied {
        assert!(e.is_database(), "{e:?}");
        assert!(rolecall::present::store_error_line(e).contains("disk is full"), "{e:?}");
    }
    drop(store);
    assert_healthy(&db);
    let mut store = Store::open(&db).expect("reopen with room again");
    for id in &added {
        assert_eq!(store.candidate(*id).expect("kept").notes, note);
    }
    store.add_candidate(&NewCandidate { name: "After".into(), ..Default::default() }).expect("room again");
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("data").join("newer.db");
    ok(&db, &["candidate", "add", "Future Person"]);
    Store::open(&db).expect("open").debug_execute("PRAGMA user_version = 99").expect("bump");
    let before = bytes(&db);
    for args in [&["roles"][..], &["move", "1", "--next"], &["board", "--print"], &["backup", "copy.db"]] {
        let (code, msg) = fails(&db, args);
        assert_eq!(code, Some(5), "{args:?}: {msg}");
        assert!(msg.contains("newer than this rolecall understands"), "{args:?}: {msg}");
    }
    let (code, _) = fails(&db, &["doctor"]);
    assert_eq!(code, Some(6));
    assert_eq!(bytes(&db), before, "the newer database is untouched");
}
