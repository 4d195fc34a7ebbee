//! The `Store` handle: one open, migrated connection with the clock and the actor that
//! every write records. What it can do is spread over the other `store/` files, one
//! `impl Store` per aggregate.

use super::{Result, leftovers, migrate, open};
use crate::domain::{Clock, SystemClock};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// An open rolecall database.
pub struct Store {
    pub(super) conn: Connection,
    pub(super) clock: Box<dyn Clock>,
    pub(super) actor: String,
    pub(super) path: Option<PathBuf>,
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

    pub(super) fn now_text(&self) -> String {
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
