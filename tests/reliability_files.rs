//! Permissions that cannot trap a user: companion files follow the database's mode, a
//! read-only directory is named, directories are 0700 whatever the umask, logs live in the
//! state directory, and `-o` never replaces a symbolic link (`-o -` is stdout).

mod reliability;

use reliability::{binary, rolecall};
use serde_json::Value;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const NOBODY: u32 = 65534;

fn is_root() -> bool {
    // SAFETY: geteuid has no preconditions.
    unsafe { libc::geteuid() == 0 }
}

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path).expect("metadata").permissions().mode() & 0o777
}

fn chmod(path: &Path, mode: u32) {
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).expect("chmod");
}

/// A directory the test's unprivileged user owns: root would write through any mode,
/// so as root the binary runs as `nobody` in a directory given to `nobody`.
fn user_dir(root: &Path) -> PathBuf {
    let dir = root.join("home");
    std::fs::create_dir(&dir).expect("dir");
    if is_root() {
        std::os::unix::fs::chown(root, Some(NOBODY), Some(NOBODY)).expect("chown");
        std::os::unix::fs::chown(&dir, Some(NOBODY), Some(NOBODY)).expect("chown");
    }
    dir
}

fn as_user(db: &Path, args: &[&str]) -> Output {
    let mut cmd = rolecall(db);
    cmd.args(args);
    if is_root() {
        cmd.uid(NOBODY).gid(NOBODY);
    }
    cmd.output().expect("run")
}

fn doctor_finding(db: &Path, check: &str) -> Value {
    let out = as_user(db, &["doctor", "--json"]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["check"] == check))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn a_read_of_a_read_only_database_does_not_lock_out_later_writes() {
    let root = tempfile::tempdir().expect("tempdir");
    let db = user_dir(root.path()).join("r.db");
    let shm = PathBuf::from(format!("{}-shm", db.display()));
    assert!(as_user(&db, &["candidate", "add", "Ana Ruiz"]).status.success());
    for round in 0..2 {
        chmod(&db, 0o400);
        assert!(as_user(&db, &["candidate", "list"]).status.success(), "reads work");
        // The read leaves -shm with the database's mode of the moment: 0400.
        assert_eq!(mode(&shm), 0o400, "round {round}");
        chmod(&db, 0o600);
        if round == 0 {
            let f = doctor_finding(&db, "file-modes");
            assert_eq!(f["severity"], "problem", "{f}");
            assert!(f["message"].as_str().is_some_and(|m| m.contains("-shm is mode 0400")), "{f}");
            assert_eq!(doctor_finding(&db, "file-modes")["severity"], "ok", "opening repaired it");
        } else {
            let out = as_user(&db, &["candidate", "add", "Bo Lind"]);
            assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        }
    }
}

#[test]
fn a_read_only_directory_is_named_in_the_message() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = user_dir(root.path());
    let db = dir.join("d.db");
    assert!(as_user(&db, &["candidate", "add", "Ana Ruiz"]).status.success());
    chmod(&dir, 0o500);
    for args in [&["candidate", "add", "Bo Lind"][..], &["candidate", "list"][..]] {
        let out = as_user(&db, args);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(5), "{args:?}: {stderr}");
        assert!(
            stderr.contains(&format!("directory {}", dir.display())) && stderr.contains("read-only"),
            "{stderr}"
        );
    }
    let out = as_user(&dir.join("new.db"), &["roles"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("directory {}", dir.display())));
    chmod(&dir, 0o700);
}

#[test]
fn new_directories_are_private_whatever_the_umask() {
    let root = tempfile::tempdir().expect("tempdir");
    let db = root.path().join("a").join("b").join("u.db");
    let out = Command::new("sh")
        .arg("-c")
        .arg(format!("umask 0222; exec '{}' --db '{}' roles", binary().display(), db.display()))
        .output()
        .expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(mode(&root.path().join("a")), 0o700);
    assert_eq!(mode(&root.path().join("a").join("b")), 0o700);
    assert_eq!(mode(&db), 0o600);
}

#[test]
fn output_never_replaces_a_symbolic_link_and_dash_is_stdout() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("data").join("s.db");
    assert!(rolecall(&db).args(["candidate", "add", "Ana Ruiz"]).output().expect("add").status.success());
    let apply = ["apply", "Ana Ruiz", "--role", "director-it-operations", "--level", "Sr. Director"];
    assert!(rolecall(&db).args(apply).output().expect("apply").status.success());
    let target = dir.path().join("target.txt");
    std::fs::write(&target, "keep me").expect("write");
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(&target, &link).expect("symlink");
    let export = rolecall(&db).args(["export", "-f", "csv", "-o"]).arg(&link).output().expect("export");
    let backup = rolecall(&db).arg("backup").arg(&link).arg("--force").output().expect("backup");
    for out in [export, backup] {
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(4), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
        assert!(stderr.contains("symbolic link") && stderr.contains("link.csv"), "{stderr}");
        assert!(std::fs::symlink_metadata(&link).expect("link").file_type().is_symlink());
        assert_eq!(std::fs::read_to_string(&target).expect("target"), "keep me");
    }
    let out = Command::new(binary())
        .current_dir(dir.path())
        .arg("--db")
        .arg(&db)
        .args(["export", "-f", "csv", "-o", "-"])
        .output()
        .expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("Ana Ruiz"), "the CSV went to stdout");
    assert!(!dir.path().join("-").exists(), "no file named '-'");
}

#[test]
fn the_tui_logs_to_a_private_state_directory_and_leaves_the_data_directory_alone() {
    use rexpect::session::spawn_command;
    let home = tempfile::tempdir().expect("tempdir");
    let db = home.path().join("elsewhere").join("t.db");
    let (state, data, config) =
        (home.path().join("state"), home.path().join("data"), home.path().join("config"));
    std::fs::create_dir_all(config.join("rolecall")).expect("config dir");
    std::fs::write(config.join("rolecall/keymap.toml"), "[keys]\nfly = [\"f\"]\nswim = [\"s\"]\n")
        .expect("keymap");
    let mut cmd = Command::new("sh");
    cmd.arg("-c")
        .arg(format!(
            "umask 000; stty cols 120 rows 40; exec '{}' --db '{}'",
            binary().display(),
            db.display()
        ))
        .env("HOME", home.path())
        .env("XDG_STATE_HOME", &state)
        .env("XDG_DATA_HOME", &data)
        .env("XDG_CONFIG_HOME", &config)
        .env("TERM", "xterm-256color");
    let mut p = spawn_command(cmd, Some(20_000)).expect("spawn");
    p.exp_string("rolecall").expect("first frame");
    p.send("q").expect("quit");
    p.flush().expect("flush");
    p.exp_eof().expect("exits on q");
    let dir = state.join("rolecall");
    assert_eq!(mode(&dir), 0o700, "log directory private under umask 000");
    let log = dir.join("rolecall.log");
    assert_eq!(mode(&log), 0o600);
    let text = std::fs::read_to_string(&log).expect("log");
    assert!(text.contains("unknown action 'fly'") && text.contains("unknown action 'swim'"), "{text}");
    assert!(!data.exists(), "the TUI on another --db does not create the data directory");
}
