//! Typed store errors, the same whatever database sits behind the store; the CLI maps
//! each to an exit code and the TUI to a status line. The backend's own error type is
//! translated inside `store/` (see `sqlite_error.rs`), so no caller names it.

use std::path::PathBuf;
use thiserror::Error;

/// Result type of every store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

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
    /// The operation is not allowed in the current state (e.g. moving a rejected
    /// candidate), or the change was made against a stale version.
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
    /// Another writer holds the database's lock, and waiting did not help.
    #[error("database error: {0}")]
    Busy(String),
    /// The disk (or the database's size limit) is full: nothing was written.
    #[error("database error: {0}")]
    DiskFull(String),
    /// The database cannot be written (permissions, a read-only file or server).
    #[error("database error: {0}")]
    ReadOnly(String),
    /// The database is damaged, or is not a database at all.
    #[error("database error: {0}")]
    Corrupt(String),
    /// The server's access control refused it (issue 19): the text says what and why.
    #[error("{0}")]
    Denied(String),
    /// Any other failure the database reported; the text is the database's own.
    #[error("database error: {0}")]
    Other(String),
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
        matches!(self, StoreError::DiskFull(_))
    }

    /// True when the database said it is busy or locked.
    pub fn is_busy(&self) -> bool {
        matches!(self, StoreError::Busy(_))
    }

    /// True for a failure the database itself reported (busy, full, read-only, corrupt
    /// or other), as opposed to a rule, a lookup or the file system.
    pub fn is_database(&self) -> bool {
        matches!(
            self,
            StoreError::Busy(_)
                | StoreError::DiskFull(_)
                | StoreError::ReadOnly(_)
                | StoreError::Corrupt(_)
                | StoreError::Other(_)
        )
    }

    /// The database's own text of a failure it reported, if this is one.
    pub fn database_text(&self) -> Option<&str> {
        match self {
            StoreError::Busy(t)
            | StoreError::DiskFull(t)
            | StoreError::ReadOnly(t)
            | StoreError::Corrupt(t)
            | StoreError::Other(t) => Some(t),
            _ => None,
        }
    }
}
