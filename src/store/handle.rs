//! The `Store` handle: one open, migrated database (a SQLite file or a PostgreSQL server,
//! see [`Backend`]) with the clock and the actor that every write records. What it can do
//! is spread over the other `store/` files, one `impl Store` per aggregate, written
//! against the backend-neutral layer in `sql/`.

use super::sql::{Dialect, Sql};
use super::{Result, leftovers, migrate, open};
use crate::domain::{Clock, SystemClock};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// The database behind a store.
pub(crate) enum Backend {
    /// An embedded SQLite file (or an in-memory database).
    Sqlite(Connection),
    /// A PostgreSQL server (a team server).
    #[cfg(feature = "postgres")]
    Postgres(Box<super::sql::pg::PgConn>),
}

/// An open rolecall database.
/// This store's database, to open again on another thread ([`Store::reopener`]).
pub struct Reopener {
    path: Option<PathBuf>,
    url: Option<String>,
    actor: String,
}

impl Reopener {
    /// A second connection to the same database, as the same actor.
    pub fn open(self) -> Result<Store> {
        let store = match (self.path, self.url) {
            (Some(path), _) => Store::open(&path)?,
            (None, Some(url)) => Store::open_target(&url)?,
            (None, None) => return Err(super::StoreError::Other("no database to open again".into())),
        };
        Ok(store.with_actor(self.actor))
    }
}

pub struct Store {
    pub(super) backend: Backend,
    pub(super) clock: Box<dyn Clock>,
    /// True once a clock was set with [`Store::with_clock`]: on PostgreSQL it then wins
    /// over the server's clock.
    pub(super) clock_set: bool,
    /// True for a login in an access role on PostgreSQL (not the tables' owner): the
    /// server takes only its own clock from it (migrations/postgres/0019), so the clock
    /// set with [`Store::with_clock`] does not date what it writes.
    pub(super) server_clock: bool,
    pub(super) actor: String,
    pub(super) path: Option<PathBuf>,
    /// The server's URL (a second connection watches it for changes: `watch.rs`).
    pub(super) url: Option<String>,
    /// The request id writes carry and how many writes used it (`request.rs`), when tagged.
    pub(super) request: Option<(String, u32)>,
}

impl Store {
    /// What opens this store's database again, for a thread with a connection of its own
    /// (`None` for a database in memory).
    pub fn reopener(&self) -> Option<Reopener> {
        if self.path.is_none() && self.url.is_none() {
            return None;
        }
        Some(Reopener { path: self.path.clone(), url: self.url.clone(), actor: self.actor.clone() })
    }

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
        Ok(Self::on_sqlite(conn, path, default_actor()))
    }

    /// A store on an open SQLite connection, as it is (no migration).
    pub(super) fn on_sqlite(conn: Connection, path: Option<PathBuf>, actor: String) -> Self {
        Store {
            backend: Backend::Sqlite(conn),
            clock: Box::new(SystemClock),
            clock_set: false,
            server_clock: false,
            actor,
            path,
            url: None,
            request: None,
        }
    }

    /// Replace the clock (tests, `ROLECALL_NOW`). On PostgreSQL events then carry this
    /// clock's time instead of the server's, except a login's in an access role (the
    /// server refuses other times from it: migrations/postgres/0019).
    pub fn with_clock(mut self, clock: Box<dyn Clock>) -> Self {
        self.clock = clock;
        self.clock_set = true;
        self
    }

    /// Set who is recorded as the actor of every event written from now on (on
    /// PostgreSQL the default is the login, `session_user`).
    pub fn with_actor(mut self, actor: impl Into<String>) -> Self {
        self.actor = actor.into();
        self
    }

    /// The actor recorded on events.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    /// The file behind this store, if any (none for a server).
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Which kind of database is behind this store.
    pub fn dialect(&self) -> Dialect {
        self.db().dialect()
    }

    /// The database, for statements outside a transaction.
    pub(crate) fn db(&self) -> &dyn Sql {
        match &self.backend {
            Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => &**pg,
        }
    }

    /// The schema version the database is at.
    pub fn schema_version(&self) -> Result<i64> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?),
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => Ok(super::pg::schema_version(&mut *pg.client()?)?),
        }
    }

    /// A number that changes when another connection commits: SQLite's `data_version`;
    /// on PostgreSQL the newest event's id (every change appends one).
    pub fn data_version(&self) -> Result<i64> {
        #[cfg(feature = "postgres")]
        use super::sql::SqlExt;
        match &self.backend {
            Backend::Sqlite(conn) => Ok(conn.query_row("PRAGMA data_version", [], |r| r.get(0))?),
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => pg.query_value("SELECT COALESCE(MAX(id), 0) FROM events", &[]),
        }
    }

    /// Let SQLite keep up to `kib` KiB of the file's pages in memory on this connection
    /// (SQLite's default is 2 MB; nothing on a server). The board's windows and their scorecard
    /// figures touch ~400 pages per role at 1,000,000 candidates: with two roles a 2 MB
    /// cache evicts one role's pages while the other's load, and each role switch read
    /// them all again from the OS (a third of its time). Only pages read take memory.
    pub fn set_page_cache_kib(&self, kib: u32) -> Result<()> {
        if let Backend::Sqlite(conn) = &self.backend {
            conn.pragma_update(None, "cache_size", -i64::from(kib))?;
        }
        Ok(())
    }

    /// Keep up to `n` prepared statements on this connection (rusqlite keeps 16; nothing
    /// on a server). An import runs more than 16 statements for each page, so with 16 it
    /// prepared most of them again for every page (a seventh of its time); the TUI keeps
    /// the default (each kept statement holds memory, and its budget is tight).
    pub fn keep_statements(&self, n: usize) {
        if let Backend::Sqlite(conn) = &self.backend {
            conn.set_prepared_statement_cache_capacity(n);
        }
    }

    /// The store's clock's time as stored text.
    pub(super) fn now_text(&self) -> String {
        crate::domain::clock::format_time(self.clock.now())
    }

    /// The time a change made in `tx` records: the server's clock on PostgreSQL (the
    /// transaction's start, `now()`), unless a clock was set with [`Store::with_clock`]
    /// and the login may date its writes (not one in an access role); the store's clock
    /// on SQLite.
    #[allow(dead_code)] // Used as the writes move onto the layer.
    pub(crate) fn now_in(&self, tx: &dyn Sql) -> Result<String> {
        use super::sql::SqlExt;
        match tx.dialect() {
            Dialect::Postgres if !self.clock_set || self.server_clock => tx.query_value("SELECT now()", &[]),
            _ => Ok(self.now_text()),
        }
    }

    /// The store's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }
}

pub(super) fn default_actor() -> String {
    std::env::var("ROLECALL_ACTOR").or_else(|_| std::env::var("USER")).unwrap_or_else(|_| "rolecall".into())
}

impl Store {
    /// Run raw SQL (tests use it to prove the schema's guards hold).
    #[doc(hidden)]
    pub fn debug_execute(&self, sql: &str) -> Result<usize> {
        Ok(self.db().execute(sql, &[])? as usize)
    }
}
