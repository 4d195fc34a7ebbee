//! Nothing hidden is left behind: temporary files of killed exports, backups and restores
//! are removed by the next run that writes in their directory (only when their process is
//! gone) and reported by `doctor`; an erasure that committed says so even when the step
//! after it fails on a full disk.

mod reliability;

use reliability::{rolecall, seeded_db};
use serde_json::Value;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};

/// A process id that no longer runs.
fn dead_pid() -> u32 {
    let mut child = std::process::Command::new("true").spawn().expect("spawn");
    let pid = child.id();
    child.wait().expect("wait");
    pid
}

fn touch(path: &Path, bytes: usize) -> PathBuf {
    std::fs::write(path, vec![b'x'; bytes]).expect("write");
    path.to_path_buf()
}

fn finding(report: &Value, check: &str) -> Value {
    report["findings"]
        .as_array()
        .and_then(|f| f.iter().find(|f| f["check"] == check))
        .cloned()
        .unwrap_or(Value::Null)
}

#[test]
fn leftovers_of_killed_runs_are_reported_then_swept_and_others_files_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let data = dir.path().join("data");
    let db = data.join("live.db");
    seeded_db(&db, 2);
    let out_dir = dir.path().join("exports");
    std::fs::create_dir(&out_dir).expect("dir");
    let dead = dead_pid();
    let alive = std::process::id();
    // What a backup (or a restore's safety copy) killed mid-copy leaves, with its journal.
    let partial = touch(&data.join(format!(".live.db.before-restore-x.rolecall-{dead}.partial")), 4096);
    let journal =
        touch(&data.join(format!(".live.db.before-restore-x.rolecall-{dead}.partial-journal")), 512);
    // What a killed export leaves; one of a process still running; someone else's file.
    let tmp = touch(&out_dir.join(format!(".month.csv.rolecall-{dead}-0.tmp")), 100);
    let running = touch(&out_dir.join(format!(".month.csv.rolecall-{alive}-7.tmp")), 100);
    let foreign = touch(&out_dir.join(format!(".month.csv.{dead}.0.tmp")), 100);

    let out = rolecall(&db).args(["doctor", "--json"]).output().expect("doctor");
    assert_eq!(out.status.code(), Some(6), "{}", String::from_utf8_lossy(&out.stderr));
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    let leftovers = finding(&report, "leftovers");
    assert_eq!(leftovers["severity"], "warning", "{report:#}");
    let message = leftovers["message"].as_str().unwrap_or_default();
    assert!(
        message.contains(&partial.display().to_string()) && message.contains("killed backup"),
        "{message}"
    );
    assert!(partial.exists(), "doctor reports, it does not delete");

    let csv = out_dir.join("month.csv");
    let out = rolecall(&db).args(["export", "-f", "csv", "-o"]).arg(&csv).output().expect("export");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!tmp.exists(), "the killed export's temporary file is removed");
    assert!(running.exists() && foreign.exists(), "a running process's file and others' files stay");
    assert!(!partial.exists() && !journal.exists(), "opening the database swept its directory");

    let backups = dir.path().join("backups");
    std::fs::create_dir(&backups).expect("dir");
    let old = touch(&backups.join(format!(".monday.db.rolecall-{dead}.partial")), 4096);
    let out = rolecall(&db).arg("backup").arg(backups.join("monday.db")).output().expect("backup");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(!old.exists(), "a backup sweeps the directory it writes in");

    let out = rolecall(&db).args(["doctor", "--json"]).output().expect("doctor");
    let report: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(finding(&report, "leftovers")["severity"], "ok", "{report:#}");
}

/// Run `rolecall` with files limited to `limit` bytes (as a nearly full disk would stop
/// them growing): writes past it fail instead of killing the process.
fn with_file_size_limit(db: &Path, limit: u64, args: &[&str]) -> std::process::Output {
    let mut cmd = rolecall(db);
    cmd.args(args);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(move || {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let lim = libc::rlimit { rlim_cur: limit as libc::rlim_t, rlim_max: limit as libc::rlim_t };
            if libc::setrlimit(libc::RLIMIT_FSIZE, &lim) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            Ok(())
        });
    }
    cmd.output().expect("run")
}

#[test]
fn an_erasure_that_committed_before_the_disk_filled_says_it_is_saved() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("data").join("full.db");
    seeded_db(&db, 300);
    let size = std::fs::metadata(&db).expect("meta").len();
    // Room for the erasure's own commit in the log, not for rewriting the database.
    let out = with_file_size_limit(&db, size / 4, &["candidate", "erase", "Person 7", "--yes"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(5), "{stderr}");
    assert!(!stderr.contains("nothing was saved"), "{stderr}");
    assert!(
        stderr.contains("erased #") && stderr.contains("saved") && stderr.contains("doctor --checkpoint")
    );
    let shown = rolecall(&db).args(["candidate", "show", "8", "--json"]).output().expect("show");
    let person: Value = serde_json::from_slice(&shown.stdout).expect("json");
    assert_eq!(person["name"], "[erased]", "the erasure was committed: {person:#}");
    let check = rolecall(&db).args(["doctor", "--checkpoint"]).output().expect("doctor");
    assert!(check.status.success(), "{}", String::from_utf8_lossy(&check.stdout));
}
