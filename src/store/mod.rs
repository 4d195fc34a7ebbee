//! SQLite persistence. Only this module names `rusqlite`; its errors reach callers as the
//! backend-neutral [`StoreError`].

mod applications;
mod apply;
pub mod backup;
mod bulk;
mod candidates;
mod erase;
mod error;
mod events;
mod families;
mod family_import;
mod files;
mod health;
mod health_files;
mod interviews;
pub mod leftovers;
mod level_change;
mod lookup;
mod lossy;
mod migrate;
mod open;
mod open_rule;
#[cfg(feature = "postgres")]
pub mod pg;
pub mod restore_check;
mod restore_over;
mod retry;
mod rows;
mod schema_check;
mod search;
mod shape;
mod snapshot;
mod sqlite_error;
mod text_check;
mod transitions;

pub use applications::{Application, BOARD_ALL_SQL, BOARD_OPEN_SQL, BoardCard, Transition};
pub use bulk::{BulkApplication, BulkCandidate, BulkEvent, BulkInterview, BulkWriter, NextIds};
pub use candidates::{Candidate, CandidateUpdate, NewCandidate, validate_email};
pub use erase::{ERASED_PLACEHOLDER, Erasure};
pub use error::StoreError;
pub use families::{Family, ImportOutcome, Level, Stage};
pub use files::{WAL_WARN_BYTES, companions, create_private_dir_all, file_findings, human_bytes};
pub use health::{Finding, Severity};
pub use health_files::findings as pre_open_findings;
pub use interviews::{Interview, NewInterview, Score};
pub use lookup::did_you_mean;
pub use migrate::LATEST_VERSION;
pub use open::default_db_path;
pub use open_rule::OpenDuplicate;

use crate::domain::{Clock, SystemClock};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// Result type of every store operation.
pub type Result<T> = std::result::Result<T, StoreError>;

/// An open rolecall database.
pub struct Store {
    conn: Connection,
    clock: Box<dyn Clock>,
    actor: String,
    path: Option<PathBuf>,
}

impl Store {
    /// Open (creating if needed, mode 0600, directory 0700) and migrate the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = open::open_file(path)?;
        // Temporary copies a killed backup, restore or export left beside the database.
        leftovers::sweep(leftovers::dir_of(path));
        Self::from_connection(conn, Some(path.to_path_buf()))
    }

    /// A private in-memory database, migrated (for tests and benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        open::configure(&conn)?;
        Self::from_connection(conn, None)
    }

    fn from_connection(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        migrate::migrate(&mut conn)?;
        Ok(Store { conn, clock: Box::new(SystemClock), actor: default_actor(), path })
    }

    /// Replace the clock (tests, `ROLECALL_NOW`).
    pub fn with_clock(mut self, clock: Box<dyn Clock>) -> Self {
        self.clock = clock;
        self
    }

    /// Set who is recorded as the actor of every event written from now on.
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    /// The actor recorded on events.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The file behind this store, if any.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// SQLite's `data_version`: changes when another connection commits.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self.conn.query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    fn now_text(&self) -> String {
        crate::domain::clock::format_time(self.clock.now())
    }

    /// The store's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

fn default_actor() -> String {
    std::env::var("ROLECALL_ACTOR").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "rolecall".into())
}

impl Store {
    /// Run raw SQL (tests use it to prove the schema's guards hold).
    #[doc(hidden)]
    pub fn debug_execute(&self, sql: &str) -> Result<usize> {
        Ok(self.conn.execute(sql, [])?)
    }
}
