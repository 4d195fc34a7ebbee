//! Real-terminal end-to-end runs: the binary in a pseudo-terminal, driven by keys,
//! checked through the CLI afterwards. CI points `ROLECALL_E2E_BIN` at the release build.

use rexpect::session::spawn_command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn binary() -> PathBuf {
    std::env::var_os("ROLECALL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rolecall")))
}

/// A command running the TUI in a 120×40 pseudo-terminal on `db`.
fn tui_command(db: &Path, home: &Path, extra_env: &[(&str, &str)]) -> Command {
    let mut c = Command::new("sh");
    c.arg("-c")
        .arg(format!("stty cols 120 rows 40; exec '{}' --db '{}'", binary().display(), db.display()))
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("TERM", "xterm-256color");
    for (k, v) in extra_env {
        c.env(k, v);
    }
    c
}

fn cli_json(db: &Path, args: &[&str]) -> Value {
    let out = Command::new(binary()).arg("--db").arg(db).args(args).arg("--json").output().expect("cli");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn add_a_candidate_move_twice_quit_and_check_through_the_cli() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("e2e.db");
    let mut p = spawn_command(tui_command(&db, dir.path(), &[]), Some(20_000)).expect("spawn");
    p.exp_string("rolecall").expect("first frame");
    // Keys queue in the terminal and are read in order; screen text can't be matched
    // reliably because ratatui only redraws the cells that changed.
    for k in ["a", "Ana Ruiz", "\r", "L", "L", "q"] {
        p.send(k).unwrap();
        p.flush().unwrap();
    }
    let rest = p.exp_eof().expect("exits on q");
    assert!(rest.contains("\u{1b}[?1049l"), "left the alternate screen on quit");

    let people = cli_json(&db, &["candidate", "list"]);
    assert_eq!(people[0]["name"], "Ana Ruiz");
    let shown = cli_json(&db, &["candidate", "show", "Ana Ruiz"]);
    let app = shown["applications"][0]["id"].as_i64().unwrap().to_string();
    assert_eq!(shown["applications"][0]["stage_label"], "Stakeholder");
    let history = cli_json(&db, &["history", &app]);
    let kinds: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["applied", "moved", "moved"]);
}

#[test]
fn a_panic_restores_the_terminal_and_prints_the_message() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("panic.db");
    let mut p = spawn_command(tui_command(&db, dir.path(), &[("ROLECALL_TEST_PANIC", "1")]), Some(20_000))
        .expect("spawn");
    let out = p.exp_eof().expect("process ends");
    let leave = out.rfind("\u{1b}[?1049l").expect("alternate screen left");
    let message = out.find("panicking on purpose").expect("panic message printed");
    assert!(message > leave, "message printed after the terminal was restored");
}

#[test]
fn sigterm_restores_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("term.db");
    let mut p = spawn_command(tui_command(&db, dir.path(), &[]), Some(20_000)).expect("spawn");
    p.exp_string("rolecall").expect("first frame");
    p.process_mut().signal(rexpect::process::Signal::SIGTERM).expect("signal");
    let out = p.exp_eof().expect("process ends");
    assert!(out.contains("\u{1b}[?1049l"), "alternate screen left after SIGTERM");
}
