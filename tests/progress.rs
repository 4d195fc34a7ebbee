//! Long commands show progress on a terminal and print nothing extra when piped.

use rexpect::session::spawn_command;
use std::path::{Path, PathBuf};
use std::process::Command;

fn binary() -> PathBuf {
    std::env::var_os("ROLECALL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rolecall")))
}

fn rolecall(home: &Path, db: &Path) -> Command {
    let mut c = Command::new(binary());
    c.arg("--db")
        .arg(db)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("ROLECALL_NOW", "2026-06-01T12:00:00Z");
    c
}

/// `args` on `db` in a pseudo-terminal (stdout and stderr a terminal): everything it wrote.
fn on_a_terminal(home: &Path, db: &Path, args: &str) -> String {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("stty cols 120 rows 40; exec '{}' --db '{}' {args}", binary().display(), db.display()))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_STATE_HOME", home.join("state"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("ROLECALL_NOW", "2026-06-01T12:00:00Z")
        .env("TERM", "xterm-256color");
    let mut p = spawn_command(c, Some(120_000)).expect("spawn");
    p.exp_eof().expect("finishes")
}

#[test]
fn piped_output_has_no_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("db").join("piped.db"); // a directory rolecall makes private
    let pages = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pages");
    let html = dir.path().join("p.html");
    let runs: [&[&str]; 4] = [
        &["demo", "--candidates", "3000"],
        &["doctor"],
        &["import", "--default-process", pages.to_str().expect("utf-8 path")],
        &["export", "-o", html.to_str().expect("utf-8 path")],
    ];
    for args in runs {
        let out = rolecall(dir.path(), &db).args(args).output().expect("runs");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} wrote to stderr: {}", String::from_utf8_lossy(&out.stderr));
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains('\u{1b}') && !stdout.contains('\r'), "{args:?}: {stdout:?}");
    }
}

#[test]
fn a_terminal_sees_progress_then_the_result() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("tty.db");
    let demo = on_a_terminal(dir.path(), &db, "demo --candidates 20000");
    assert!(demo.contains("writing events") || demo.contains("planning 20000 people"), "{demo:?}");
    assert!(demo.contains("added 20000 candidates"), "{demo:?}");
    let doctor = on_a_terminal(dir.path(), &db, "doctor");
    assert!(doctor.contains("checking schema"), "{doctor:?}");
    assert!(doctor.contains("integrity"), "{doctor:?}");
    let export =
        on_a_terminal(dir.path(), &db, &format!("export -o '{}'", dir.path().join("x.csv").display()));
    assert!(export.contains("replaying the event log"), "{export:?}");
    assert!(export.contains("wrote csv"), "{export:?}");
}
