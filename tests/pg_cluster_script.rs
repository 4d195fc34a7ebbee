//! `scripts/pg-cluster`, the throw-away PostgreSQL the tests run against: it starts a
//! server reachable only through its socket, stops it and leaves nothing behind, says
//! clearly when PostgreSQL is not installed, and never deletes a directory it did not make.
#![cfg(feature = "postgres")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn script(args: &[&std::ffi::OsStr]) -> Command {
    // Found on our PATH, so a test may give the script another one.
    let bash = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
        .map(|d| d.join("bash"))
        .find(|p| p.is_file())
        .expect("bash on PATH");
    let mut command = Command::new(bash);
    command.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster")).args(args);
    command
}

fn run(args: &[&std::ffi::OsStr]) -> Output {
    script(args).output().expect("run scripts/pg-cluster")
}

/// A short, not yet existing directory (a socket path holds at most 107 bytes).
fn fresh_dir(tag: &str) -> (tempfile::TempDir, PathBuf) {
    let parent = tempfile::Builder::new().prefix("rc-pgc").tempdir_in("/tmp").unwrap();
    // Open to the server's user (as root the server runs as `postgres`).
    set_mode(parent.path(), 0o755);
    let dir = parent.path().join(tag);
    (parent, dir)
}

/// Whether PostgreSQL is installed; outside CI a test without it says "skipped".
fn installed() -> bool {
    let out = run(&["bin".as_ref()]);
    if out.status.code() == Some(3) && std::env::var_os("CI").is_none_or(|v| v.is_empty()) {
        eprintln!("skipped: {}", String::from_utf8_lossy(&out.stderr).trim());
        return false;
    }
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    true
}

#[test]
fn start_gives_a_socket_only_server_and_stop_leaves_nothing() {
    if !installed() {
        return;
    }
    let (parent, dir) = fresh_dir("c");
    let out = run(&["start".as_ref(), dir.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let url = String::from_utf8(out.stdout).unwrap().trim().to_string();
    assert!(url.starts_with("postgres://postgres@%2F"), "{url}");
    let mut client = postgres::Client::connect(&url, postgres::NoTls).expect("connect over the socket");
    let listen: String = client.query_one("SHOW listen_addresses", &[]).unwrap().get(0);
    assert_eq!(listen, "", "no TCP port");
    let pid_file = std::fs::read_to_string(dir.join("data/postmaster.pid")).unwrap();
    let pid: i32 = pid_file.lines().next().unwrap().trim().parse().unwrap();
    drop(client);
    let out = run(&["stop".as_ref(), dir.as_os_str()]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!dir.exists(), "the cluster's directory is removed");
    assert!(gone_soon(pid), "the server process {pid} is gone");
    drop(parent);
}

/// The process exits (or is a zombie) within five seconds: the server removes its pid
/// file, which `pg_ctl stop` waits for, a moment before it exits.
fn gone_soon(pid: i32) -> bool {
    (0..50).any(|_| {
        let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
        // SAFETY: signal 0 only asks whether the process exists.
        let gone = unsafe { libc::kill(pid, 0) } != 0
            || stat.rsplit(')').next().is_some_and(|s| s.trim_start().starts_with('Z'));
        if !gone {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        gone
    })
}

#[test]
fn without_postgresql_it_says_so_and_exits_3() {
    let (parent, dir) = fresh_dir("c");
    // A PATH with the few tools the script needs before it looks, and no PostgreSQL.
    let bin = parent.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    for tool in ["ls", "sort"] {
        let found = std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default())
            .map(|d| d.join(tool))
            .find(|p| p.is_file())
            .expect("tool on PATH");
        std::os::unix::fs::symlink(found, bin.join(tool)).unwrap();
    }
    let out = script(&["start".as_ref(), dir.as_os_str()])
        .env("PATH", &bin)
        .env("PG_CLUSTER_SEARCH", "/nonexistent/*/bin")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.starts_with("pg-cluster: PostgreSQL not found ("), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn as_root_a_directory_the_postgres_user_cannot_reach_is_refused_clearly() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 || !installed() {
        return; // Not root: the server runs as us and reaches whatever we can.
    }
    let (parent, dir) = fresh_dir("c");
    set_mode(parent.path(), 0o700);
    let out = run(&["start".as_ref(), dir.as_os_str()]);
    assert_eq!(out.status.code(), Some(5));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("the postgres user cannot write"), "{stderr}");
}

#[test]
fn stop_refuses_a_directory_it_did_not_make() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("precious"), "keep me").unwrap();
    let out = run(&["stop".as_ref(), dir.path().as_os_str()]);
    assert_eq!(out.status.code(), Some(5));
    assert!(dir.path().join("precious").exists());
    assert!(String::from_utf8_lossy(&out.stderr).contains("not made by pg-cluster"));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["launch".as_ref()]).status.code(), Some(2));
    assert_eq!(run(&["start".as_ref()]).status.code(), Some(2));
}

#[test]
fn run_gives_the_command_a_server_and_stops_it_even_when_the_command_fails() {
    if !installed() {
        return;
    }
    let out = run(&[
        "run".as_ref(),
        "bash".as_ref(),
        "-c".as_ref(),
        "echo \"$ROLECALL_TEST_PG_URL\"; exit 7".as_ref(),
    ]);
    assert_eq!(
        out.status.code(),
        Some(7),
        "the command's exit code: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let url = String::from_utf8(out.stdout).unwrap();
    let dir =
        url.trim().strip_prefix("postgres://postgres@").and_then(|r| r.strip_suffix("/postgres")).unwrap();
    let dir = PathBuf::from(dir.replace("%2F", "/"));
    assert!(dir.starts_with("/") && dir.to_string_lossy().contains("rolecall-pg."), "{url}");
    assert!(!dir.exists(), "{} is removed", dir.display());
}
