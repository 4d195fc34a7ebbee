//! `rolecall demo` (fill a database with generated candidates) and `rolecall --demo`
//! (the TUI on a throw-away database filled that way).

use super::{CliError, CliResult, ExitCode, Output};
use crate::demo::{self, DEFAULT_SEED, DemoOptions};
use crate::domain::text::count_of;
use crate::store::Store;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// People in the throw-away database of `rolecall --demo`: a busy team's year, small
/// enough to generate in a blink.
const TRY_OUT_CANDIDATES: usize = 2_000;

/// Arguments of `demo`.
#[derive(Debug, clap::Args)]
pub struct DemoArgs {
    /// How many people to add.
    #[arg(long, default_value_t = 2_000,
          value_parser = clap::value_parser!(u32).range(1..=2_000_000))]
    pub candidates: u32,
    /// Seed: the same seed, roles and clock (ROLECALL_NOW) give the same data.
    #[arg(long, default_value_t = crate::demo::DEFAULT_SEED)]
    pub seed: u64,
    /// Add the generated people even though the database already holds candidates
    /// (without it, only a database without candidates is filled).
    #[arg(long)]
    pub force: bool,
}

/// `rolecall demo --candidates N [--seed S] [--force]`. Generated people never mix
/// with real ones by accident: a database that holds candidates is refused without
/// `--force`.
pub fn run(store: &mut Store, out: &Output, args: &DemoArgs) -> CliResult {
    let existing = store.candidates_total()?;
    if existing > 0 && !args.force {
        let db = store.path().map(|p| p.display().to_string()).unwrap_or_else(|| "the database".into());
        return Err(CliError {
            code: ExitCode::Conflict,
            message: format!(
                "{} already holds {existing} candidate{}; demo fills a database without any, so generated \
                 people never mix with real ones (use --db NEW.db for a demo database, or --force to add them anyway)",
                crate::domain::text::inert(&db),
                if existing == 1 { "" } else { "s" }
            ),
        });
    }
    let (candidates, seed) = (args.candidates, args.seed);
    let started = Instant::now();
    let bar = super::progress::Progress::spinner(&format!("planning {candidates} people"));
    let report = demo::fill_with_progress(
        store,
        DemoOptions { candidates: candidates as usize, seed },
        &mut |done, total| {
            bar.message(if total > 0 && done == total {
                "saving (building the indexes)"
            } else {
                "writing events"
            });
            bar.at(done, total);
        },
    )?;
    drop(bar);
    let seconds = started.elapsed().as_secs_f64();
    out.emit(&report, |w| {
        writeln!(
            w,
            "added {} ({}, {}, {}) across {} in {seconds:.1} s (seed {})",
            count_of(report.candidates, "candidate", "candidates"),
            count_of(report.applications, "application", "applications"),
            count_of(report.events, "event", "events"),
            count_of(report.interviews, "interview", "interviews"),
            count_of(report.roles, "role", "roles"),
            report.seed
        )
    })
}

/// A directory that is removed, with everything in it, when dropped.
struct TempDir(PathBuf);

impl TempDir {
    /// A new private (0700) directory under the system's temporary directory.
    fn create() -> Result<Self, CliError> {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let path = std::env::temp_dir().join(format!("rolecall-demo-{}-{nanos}", std::process::id()));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&path).map_err(|e| CliError {
            code: ExitCode::Io,
            message: format!("cannot create a demo directory {}: {e}", path.display()),
        })?;
        crate::tui::run::remove_on_forced_exit(&path);
        Ok(TempDir(path))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Err(e) = std::fs::remove_dir_all(&self.0) {
            tracing::warn!("could not remove the demo database {}: {e}", self.0.display());
        }
    }
}

/// `rolecall --demo`: fill a throw-away database and open the board on it.
pub fn try_out(with_command: bool) -> CliResult {
    if with_command {
        return Err(CliError::usage("--demo opens the board by itself; run it without a command"));
    }
    let dir = TempDir::create()?;
    let db = dir.path().join("rolecall-demo.db");
    {
        let mut store = super::open::open_store(Some(db.clone()))?;
        demo::fill(&mut store, DemoOptions { candidates: TRY_OUT_CANDIDATES, seed: DEFAULT_SEED })?;
    }
    let result = super::open::tui(Some(db));
    drop(dir);
    result
}
