//! The databases the benchmarks run on, and running the real binary.

use super::clock::{self, Sample};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// "Now" for every process, so days-in-stage and as-of dates are the same in every run.
pub const NOW: &str = "2026-11-01T12:00:00Z";
/// Six months before `NOW`, for the as-of snapshot.
pub const SIX_MONTHS_BACK: &str = "2026-05-01";

/// Where and how big.
pub struct Config {
    /// The rolecall binary built by cargo for this benchmark.
    pub bin: PathBuf,
    /// Scratch directory (under target/).
    pub dir: PathBuf,
    /// People in the big database.
    pub candidates: u32,
    /// The job-family pages of `../shared/corpus`.
    pub corpus: PathBuf,
}

impl Config {
    /// From cargo's environment; `ROLECALL_BENCH_CANDIDATES` shrinks the run for a quick look.
    pub fn from_env() -> Config {
        let candidates =
            std::env::var("ROLECALL_BENCH_CANDIDATES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("perf");
        std::fs::create_dir_all(&dir).expect("create the bench directory");
        Config {
            bin: PathBuf::from(env!("CARGO_BIN_EXE_rolecall")),
            dir,
            candidates,
            corpus: Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        }
    }

    /// A command running rolecall on `db` with the fixed clock.
    pub fn rolecall(&self, db: &Path) -> Command {
        let mut cmd = Command::new(&self.bin);
        cmd.env("ROLECALL_NOW", NOW)
            .env("ROLECALL_ACTOR", "bench")
            .env_remove("ROLECALL_DB")
            .arg("--db")
            .arg(db)
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        cmd
    }
}

/// Remove a database and its WAL companions.
pub fn remove_db(db: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let mut p = db.as_os_str().to_owned();
        p.push(suffix);
        let _ = std::fs::remove_file(PathBuf::from(p));
    }
}

/// Run to completion, returning wall and CPU time; panics with stderr on failure.
pub fn time(mut cmd: Command) -> Sample {
    let (out, sample) = clock::children(|| cmd.output().expect("run a benchmark command"));
    assert!(out.status.success(), "{cmd:?} failed: {}", String::from_utf8_lossy(&out.stderr));
    sample
}

/// A fresh database with `candidates` generated people; returns the time it took.
pub fn generate(cfg: &Config, db: &Path, candidates: u32) -> Sample {
    remove_db(db);
    let mut cmd = cfg.rolecall(db);
    cmd.args(["demo", "--candidates", &candidates.to_string(), "--seed", "42"]);
    time(cmd)
}

/// The `sqlite3` command-line shell, installing it with apt-get when missing and allowed.
pub fn sqlite3() -> Option<PathBuf> {
    let found = || {
        Command::new("sqlite3")
            .arg("--version")
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|_| PathBuf::from("sqlite3"))
    };
    if let Some(p) = found() {
        return Some(p);
    }
    eprintln!("sqlite3 CLI not found; trying `apt-get install -y sqlite3`");
    let _ = Command::new("apt-get").args(["install", "-y", "sqlite3"]).status();
    found()
}

/// A `sqlite3` run of `script` (SQL and dot-commands) on `db`, output discarded.
pub fn sqlite3_script(sqlite3: &Path, db: &Path, script: &Path, csv: bool) -> Command {
    let mut cmd = Command::new(sqlite3);
    if csv {
        cmd.arg("-csv");
    }
    cmd.arg(db).arg(format!(".read {}", script.display())).stdout(Stdio::null()).stderr(Stdio::piped());
    cmd
}

/// Medians of `a` and of `b` over `runs` interleaved runs (a, b, a, b, …), so both see
/// the same machine load.
pub fn interleaved(
    runs: usize,
    mut a: impl FnMut() -> Sample,
    mut b: impl FnMut() -> Sample,
) -> (Sample, Sample) {
    let (mut xs, mut ys) = (Vec::new(), Vec::new());
    for _ in 0..runs {
        xs.push(a());
        ys.push(b());
    }
    (clock::quantile(&xs, 0.5), clock::quantile(&ys, 0.5))
}
