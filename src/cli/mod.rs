//! The scriptable command line: each command calls the store and prints text or `--json`.

mod args;
mod candidates;
mod debug;
mod demo;
mod error;
mod export;
mod interviews;
mod level;
mod log;
mod maintenance;
mod pipeline;
mod progress;
mod report;
mod roles;
mod shell;
mod stats;

pub use args::{Cli, Command};
pub use error::{CliError, ExitCode};
pub use report::{report, report_parse_error, wants_json};
pub use shell::{command, parse};

use crate::domain::FixedClock;
use crate::domain::clock::parse_time;
use crate::export::{Mode, SafeWriter, json_pretty};
use crate::import::load::ensure_bundled;
use crate::store::{Store, default_db_path};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Result of a CLI command.
pub type CliResult = Result<(), CliError>;

/// Where output goes and in which form.
pub struct Output {
    json: bool,
}

impl Output {
    /// Print `value` as JSON when `--json` was given, otherwise the text from `text`.
    /// Text goes through the terminal sanitiser and JSON through the JSON one, so no
    /// stored name or argument can send a control sequence to the terminal.
    pub fn emit<T: Serialize>(
        &self,
        value: &T,
        text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> CliResult {
        let stdout = std::io::stdout();
        let mut lock = stdout.lock();
        if self.json {
            json_pretty(&mut lock, value).map_err(|e| match e.io_error_kind() {
                Some(kind) => CliError::from(std::io::Error::from(kind)),
                None => CliError { code: ExitCode::Internal, message: format!("cannot encode JSON: {e}") },
            })?;
            writeln!(lock)?;
        } else {
            let mut safe = SafeWriter::new(&mut lock, Mode::Terminal);
            text(&mut safe)?;
            safe.flush()?;
        }
        lock.flush()?;
        Ok(())
    }
}

/// The database path from `--db` / `ROLECALL_DB`, or the default in the data directory.
pub fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, CliError> {
    cli_db.or_else(default_db_path).ok_or_else(|| CliError {
        code: ExitCode::Io,
        message: "cannot find a data directory for the database; pass --db PATH".into(),
    })
}

/// Open the database (creating it and importing the bundled roles on first use).
pub fn open_store(cli_db: Option<PathBuf>) -> Result<Store, CliError> {
    let path = db_path(cli_db)?;
    let mut store = Store::open(&path).map_err(|e| {
        let err = CliError::from(e);
        CliError {
            code: err.code,
            message: format!("cannot open database {}: {}", path.display(), err.message),
        }
    })?;
    if let Ok(now) = std::env::var("ROLECALL_NOW") {
        let t = parse_time(&now).ok_or_else(|| {
            CliError::usage(format!("ROLECALL_NOW='{now}' is not an RFC 3339 time or date"))
        })?;
        store = store.with_clock(Box::new(FixedClock(t)));
    }
    ensure_bundled(&mut store)?;
    Ok(store)
}

/// Run one subcommand.
pub fn run(cli: Cli) -> CliResult {
    let out = Output { json: cli.json };
    if cli.demo {
        return demo::try_out(cli.command.is_some());
    }
    let Some(command) = cli.command else {
        return tui(cli.db);
    };
    match &command {
        Command::Completions(args) => return shell::completions(args),
        Command::Man => return shell::man(),
        _ => {}
    }
    if let Command::Import { paths, default_process, into } = &command {
        let mut store = open_store(cli.db)?;
        return roles::import(&mut store, &out, paths, into.as_deref(), *default_process);
    }
    if matches!(command, Command::Doctor { .. } | Command::Backup { .. } | Command::Restore { .. }) {
        // These look at the database as it is: no creation, no bundled roles.
        return maintenance::run(db_path(cli.db)?, &out, command);
    }
    let db = cli.db.clone();
    let mut store = open_store(cli.db)?;
    match command {
        Command::Import { .. } => Ok(()),
        Command::Roles { role } => roles::roles(&store, &out, role.as_deref()),
        Command::Candidate(c) => candidates::run(&mut store, &out, c),
        Command::Outcome(args) => interviews::outcome(&mut store, &out, &args),
        Command::Interview(c) => interviews::run(&store, &out, c),
        Command::Board { print: false, .. } => {
            drop(store);
            tui(db)
        }
        Command::Board { role, closed, .. } => roles::board(&store, &out, role.as_deref(), closed),
        Command::Export(args) => export::run(&store, &out, &args),
        Command::Stats(args) => stats::run(&store, &out, &args),
        Command::DebugChurn { count } => debug::churn(&mut store, count),
        Command::Demo(args) => demo::run(&mut store, &out, &args),
        Command::Level(args) => level::run(&mut store, &out, &args),
        other => pipeline::run(&mut store, &out, other),
    }
}

/// Open the TUI on the database, logging to a file (never to the terminal it draws on).
fn tui(db: Option<PathBuf>) -> CliResult {
    let store = open_store(db)?;
    let log = log::start();
    let keymap =
        directories::ProjectDirs::from("", "", "rolecall").map(|d| d.config_dir().join("keymap.toml"));
    crate::tui::run::run(store, keymap.as_deref(), log.as_deref())
        .map_err(|message| CliError { code: ExitCode::Io, message })
}
