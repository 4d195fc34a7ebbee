//! Typed store errors; the CLI maps each to an exit code.

use std::path::PathBuf;
use thiserror::Error;

/// Everything that can go wrong in the store.
#[derive(Debug, Error)]
pub enum StoreError {
    /// A named thing does not exist.
    #[error("{what} '{key}' not found{hint}")]
    NotFound {
        /// Kind of thing ("role", "stage", …).
        what: &'static str,
        /// What was asked for.
        key: String,
        /// ", did you mean …?" or empty.
        hint: String,
    },
    /// The operation is not allowed in the current state (e.g. moving a rejected candidate).
    #[error("{0}")]
    Conflict(String),
    /// Bad input (empty name, bad email, …).
    #[error("{0}")]
    Invalid(String),
    /// The database was written by a newer rolecall.
    #[error(
        "the database is at schema version {found}, newer than this rolecall understands ({supported}); upgrade rolecall or use another --db"
    )]
    SchemaTooNew {
        /// Version found in the file.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// The database's schema version is not one this rolecall knows, or does not match
    /// its tables: the message says what was found and what to do.
    #[error("{0}")]
    UnknownSchema(String),
    /// A file-system problem around the database.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// SQLite reported an error.
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
}

impl StoreError {
    /// A not-found error with a "did you mean" hint built from the candidates.
    pub fn not_found<'a>(
        what: &'static str,
        key: &str,
        candidates: impl IntoIterator<Item = &'a str>,
    ) -> Self {
        let hint = super::lookup::did_you_mean(key, candidates)
            .map(|s| format!("; did you mean '{s}'?"))
            .unwrap_or_default();
        StoreError::NotFound { what, key: key.to_string(), hint }
    }

    /// True when the disk (or the database's size limit) is full.
    pub fn is_disk_full(&self) -> bool {
        matches!(self, StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _)) if e.code == rusqlite::ErrorCode::DiskFull)
    }

    /// True when SQLite said the database is busy or locked.
    pub fn is_busy(&self) -> bool {
        matches!(
            self,
            StoreError::Sqlite(rusqlite::Error::SqliteFailure(e, _))
                if matches!(e.code, rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
        )
    }
}
