//! Opening the database for a command (created with the bundled roles on first use), and
//! the board (TUI) on it.

use super::{CliError, CliResult, ExitCode};
use crate::domain::FixedClock;
use crate::domain::clock::parse_time;
use crate::import::load::ensure_bundled;
use crate::store::{Store, default_db_path};
use std::path::PathBuf;

/// The database from `--db` / `ROLECALL_DB` (a file path or a `postgres://` URL), or the
/// default file in the data directory.
pub fn db_path(cli_db: Option<PathBuf>) -> Result<PathBuf, CliError> {
    cli_db.or_else(default_db_path).ok_or_else(|| CliError {
        code: ExitCode::Io,
        message: "cannot find a data directory for the database; pass --db PATH".into(),
    })
}

/// Open the database (creating it and importing the bundled roles on first use).
pub fn open_store(cli_db: Option<PathBuf>) -> Result<Store, CliError> {
    let path = db_path(cli_db)?;
    // `--db postgres://…` (or ROLECALL_DB): a team server; anything else a file. A URL is
    // only ever shown with its password hidden.
    let opened = match super::server::url(&path) {
        Some(url) => Store::open_target(&url),
        None => Store::open(&path),
    };
    let mut store = opened.map_err(|e| {
        let err = CliError::from(e);
        CliError {
            code: err.code,
            message: format!(
                "cannot open database {}: {}",
                crate::store::shown_target(&path.to_string_lossy()),
                err.message
            ),
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

/// Open the TUI on the database, logging to a file (never to the terminal it draws on).
pub fn tui(db: Option<PathBuf>) -> CliResult {
    let store = open_store(db)?;
    let log = super::log::start();
    let keymap =
        directories::ProjectDirs::from("", "", "rolecall").map(|d| d.config_dir().join("keymap.toml"));
    crate::tui::run::run(store, keymap.as_deref(), log.as_deref())
        .map_err(|message| CliError { code: ExitCode::Io, message })
}
