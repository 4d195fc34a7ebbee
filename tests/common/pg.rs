//! A throw-away PostgreSQL server for tests: `scripts/pg-cluster` starts one per test
//! binary on first use (socket only, in a temporary directory), every test gets a
//! database of its own, and the server is stopped and its directory removed when the
//! test process exits. A run that was killed leaves its cluster behind; the next run
//! stops and removes clusters whose test process is gone.
//!
//! Without PostgreSQL installed a test prints a "skipped" line and passes, except under
//! CI (`CI` set), where it fails.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

/// A database of its own for one test.
pub struct TestDb {
    /// `postgres://postgres@%2F…/t_…`: the superuser, over the cluster's socket.
    pub url: String,
    /// The database's name.
    pub name: String,
    /// The socket directory (for URLs of other users or forms).
    pub socket_dir: PathBuf,
}

impl TestDb {
    /// A connection as the superuser.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls).expect("connect to the test database")
    }

    /// The URL of this database for `user` (optionally with a password).
    pub fn url_for(&self, user: &str, password: Option<&str>) -> String {
        let credentials = match password {
            Some(p) => format!("{user}:{p}"),
            None => user.to_string(),
        };
        format!("postgres://{credentials}@{}/{}", encode(&self.socket_dir), self.name)
    }
}

struct Cluster {
    dir: PathBuf,
    admin_url: String,
}

static CLUSTER: OnceLock<Result<Cluster, String>> = OnceLock::new();
static DIR_TO_STOP: OnceLock<PathBuf> = OnceLock::new();
static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh database on this binary's test server; `None` (after a "skipped" line) when
/// PostgreSQL is not installed and this is not CI. Use as
/// `let Some(db) = pg::database() else { return };`.
pub fn database() -> Option<TestDb> {
    let cluster = match CLUSTER.get_or_init(start) {
        Ok(cluster) => cluster,
        Err(not_found) => {
            if std::env::var_os("CI").is_some_and(|v| !v.is_empty()) {
                panic!("PostgreSQL is required under CI: {not_found}");
            }
            // Straight to stderr, past the test harness's capture, so it shows.
            let line = format!("skipped: {not_found}\n");
            let _ = std::io::stderr().write_all(line.as_bytes());
            return None;
        }
    };
    let name = format!("t_{}_{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed));
    let mut admin =
        postgres::Client::connect(&cluster.admin_url, postgres::NoTls).expect("connect to the test server");
    admin
        .batch_execute(&format!("CREATE DATABASE {name} STRATEGY = FILE_COPY"))
        .expect("create a test database");
    let socket_dir = cluster.dir.clone();
    let url = format!("postgres://postgres@{}/{name}", encode(&socket_dir));
    Some(TestDb { url, name, socket_dir })
}

/// Start this binary's server. `Err` (the script's "PostgreSQL not found (…)" line)
/// only when PostgreSQL is not installed; any other
/// failure panics (it is a real failure, not a missing tool).
fn start() -> Result<Cluster, String> {
    let base = std::env::temp_dir();
    sweep_orphans(&base);
    let dir = base.join(format!("rolecall-pg-{}", std::process::id()));
    let began = std::time::Instant::now();
    let out = script().arg("start").arg(&dir).output().expect("run scripts/pg-cluster");
    let stderr = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if out.status.code() == Some(3) {
        return Err(stderr.trim_start_matches("pg-cluster: ").to_string());
    }
    // Registered even on failure: whatever was started is stopped at exit.
    register_stop(&dir);
    assert!(out.status.success(), "scripts/pg-cluster start {} failed: {stderr}", dir.display());
    let admin_url = String::from_utf8_lossy(&out.stdout).trim().to_string();
    let line = format!("test PostgreSQL started in {:.1?} at {}\n", began.elapsed(), dir.display());
    let _ = std::io::stderr().write_all(line.as_bytes());
    Ok(Cluster { dir, admin_url })
}

fn script() -> Command {
    let mut command = Command::new("bash");
    command.arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster"));
    command
}

/// Stop the server when the process exits: statics are never dropped, but `exit`
/// (which the test harness reaches, pass or fail) runs `atexit` handlers.
fn register_stop(dir: &Path) {
    if DIR_TO_STOP.set(dir.to_path_buf()).is_ok() {
        // SAFETY: registers a plain `extern "C"` function with no arguments.
        unsafe {
            libc::atexit(stop_at_exit);
        }
    }
}

extern "C" fn stop_at_exit() {
    if let Some(dir) = DIR_TO_STOP.get() {
        let _ = script().arg("stop").arg(dir).output();
    }
}

/// Clusters left by test processes that were killed: stop them and remove them.
fn sweep_orphans(base: &Path) {
    let Ok(entries) = std::fs::read_dir(base) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let Some(pid) = name.strip_prefix("rolecall-pg-").and_then(|p| p.parse::<i32>().ok()) else {
            continue;
        };
        // SAFETY: kill with signal 0 only asks whether the process exists.
        let alive = unsafe { libc::kill(pid, 0) } == 0
            || std::io::Error::last_os_error().raw_os_error() == Some(libc::EPERM);
        if !alive {
            let _ = script().arg("stop").arg(entry.path()).output();
        }
    }
}

/// A socket directory as the host part of a URL.
fn encode(dir: &Path) -> String {
    dir.to_string_lossy().replace('/', "%2F")
}
