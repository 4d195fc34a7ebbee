//! The errors of the PostgreSQL backend, each one line: what is particular to reaching a
//! server ([`PgError`]), and the server's own errors as the [`StoreError`]s SQLite's
//! become (a newer schema, a foreign one, a refusal: the store's variants, not twins).

/// What can go wrong on the way to a server, before any statement runs.
#[derive(Debug, thiserror::Error)]
pub enum PgError {
    /// The connection URL (or a PG* variable) cannot be used.
    #[error("bad PostgreSQL URL: {0}")]
    Url(String),
    /// The server could not be reached or refused the login.
    #[error("cannot connect to {url}: {reason}")]
    Connect {
        /// The URL, its password hidden.
        url: String,
        /// The client's or the server's reason, one line.
        reason: String,
    },
}

/// The server's message (with its detail) on one line; the client's own otherwise.
pub(super) fn one_line(error: &postgres::Error) -> String {
    match error.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        // The client's own words, then why (a TLS handshake's "invalid peer certificate …").
        None => {
            let mut text = error.to_string().lines().next().unwrap_or_default().to_string();
            let mut cause = std::error::Error::source(error);
            while let Some(c) = cause {
                let line = c.to_string();
                if !text.contains(&line) {
                    text = format!("{text}: {}", line.lines().next().unwrap_or_default());
                }
                cause = c.source();
            }
            text
        }
    }
}

use crate::store::StoreError;
use postgres::error::SqlState;

impl From<PgError> for StoreError {
    fn from(e: PgError) -> Self {
        match e {
            PgError::Url(_) => StoreError::Invalid(e.to_string()),
            PgError::Connect { ref url, ref reason } => StoreError::Io {
                action: "cannot connect to",
                path: url.into(),
                source: std::io::Error::other(reason.clone()),
            },
        }
    }
}

/// The server's errors as the kinds SQLite's become (`sqlite_error.rs`), the text the
/// server's own message: a trigger's refusal reads as it does on SQLite.
impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        let text = one_line(&e);
        let Some(code) = e.code() else {
            return if e.is_closed() || io_source(&e) {
                StoreError::Io {
                    action: "lost the connection to",
                    path: "the PostgreSQL server".into(),
                    source: std::io::Error::other(text),
                }
            } else {
                StoreError::Other(text)
            };
        };
        let class = &code.code()[..2];
        if *code == SqlState::T_R_SERIALIZATION_FAILURE
            || *code == SqlState::T_R_DEADLOCK_DETECTED
            || *code == SqlState::LOCK_NOT_AVAILABLE
        {
            StoreError::Busy(text)
        } else if *code == SqlState::DISK_FULL {
            StoreError::DiskFull(text)
        } else if *code == SqlState::INSUFFICIENT_PRIVILEGE {
            StoreError::Denied(denied(&text))
        } else if *code == SqlState::READ_ONLY_SQL_TRANSACTION {
            StoreError::ReadOnly(text)
        } else if *code == SqlState::DATA_CORRUPTED || *code == SqlState::INDEX_CORRUPTED {
            StoreError::Corrupt(text)
        } else if class == "08" || class == "57" {
            StoreError::Io {
                action: "lost the connection to",
                path: "the PostgreSQL server".into(),
                source: std::io::Error::other(text),
            }
        } else {
            StoreError::Other(text)
        }
    }
}

/// A refusal by the server's grants or row-level security, as a sentence: the access
/// functions' own refusals ("only an admin may …") as they are, the server's terse ones
/// ("permission denied for table candidates") with what to do.
fn denied(text: &str) -> String {
    if text.starts_with("permission denied") || text.contains("row-level security") {
        format!("the server refused this for your login ({text})")
    } else {
        text.to_string()
    }
}

/// True when the client's error came from the socket.
fn io_source(e: &postgres::Error) -> bool {
    std::error::Error::source(e).is_some_and(|s| s.is::<std::io::Error>())
}
