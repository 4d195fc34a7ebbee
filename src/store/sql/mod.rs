//! The backend-neutral SQL layer: every `impl Store` file is written once against it and
//! runs on SQLite (rusqlite) and on PostgreSQL (the synchronous `postgres` client).
//!
//! # Using it (store code)
//!
//! ```text
//! use super::sql::prelude::*;            // Sql, SqlExt, Row, Value, args!
//!
//! // Reads outside a transaction: `self.db()` is a `&dyn Sql` on either backend.
//! let names: Vec<String> =
//!     self.db().query_rows("SELECT name FROM candidates WHERE id > ?1 ORDER BY id", &args![0], |r| r.get(0))?;
//! let n: i64 = self.db().query_value("SELECT COUNT(*) FROM events", &[])?;
//! let app = self.db().query_opt(&format!("{APP_SELECT} WHERE a.id = ?1"), &args![id], rows::application)?;
//!
//! // A change: one transaction (SQLite BEGIN IMMEDIATE with the busy retry; PostgreSQL
//! // BEGIN, retried on serialization failure/deadlock). The closure may run more than
//! // once on PostgreSQL, so it must not have effects outside the database.
//! let id = self.write(|tx| {
//!     let at = self.now_in(tx)?;                 // server time on PostgreSQL
//!     tx.query_opt(&format!("SELECT version FROM applications WHERE id = ?1{}", tx.for_update()), …)?;
//!     tx.insert_returning_id("INSERT INTO events (…) VALUES (?1, …) RETURNING id", &args![at, …])
//! })?;
//! // `self.read(|tx| …)`: several reads that must see one moment (PostgreSQL: REPEATABLE READ).
//! ```
//!
//! Rules:
//! - Placeholders: write `?1, ?2 …` (or bare `?`); PostgreSQL gets `$1, $2 …` (rewritten
//!   once per statement, which is prepared once per connection and cached).
//! - Parameters are [`Value`]s: `args![a, b, c]` converts anything with `Into<Value>` (ints,
//!   bool, f64, &str, String, Option<…>, the domain ids). On PostgreSQL a value goes to the
//!   server as text and the server converts it to the type it inferred, so bind times as
//!   the canonical `format_time` text, dates as `YYYY-MM-DD`, flags as bool (or 0/1).
//! - Reading: `row.get::<T>(i)` for `T: FromValue` (i64, i32, bool, f64, String, Option<…>,
//!   chrono types, [`Value`]). A PostgreSQL TIMESTAMPTZ reads as the canonical
//!   `format_time` text, a DATE as `YYYY-MM-DD`, a BOOLEAN as a bool (`get::<i64>` gives
//!   0/1), SQLite text lossily (a stray byte becomes U+FFFD). So `get::<String>` of a time
//!   column gives the same text on both.
//! - Dialect: write SQL both accept. `TRUE`/`FALSE` for flags (never `flag = 0`),
//!   `RETURNING id` instead of `last_insert_rowid()`, `COALESCE`, `CASE`, `lower()`,
//!   `LIMIT/OFFSET`, `ON CONFLICT … DO NOTHING` work on both; `tx.for_update()` is
//!   `" FOR UPDATE"` on PostgreSQL and `""` on SQLite; `tx.group_concat(expr, sep)`;
//!   `tx.dialect()` for the rest. A sum of integers is `numeric` on PostgreSQL: cast it
//!   (`CAST(SUM(x) AS BIGINT)`), though a numeric without fraction also reads as an integer.
//! - PostgreSQL must infer each parameter's type from where it stands. Where it cannot
//!   (`?2 IS NULL` alone, or inside an overloaded function such as `lower(?1)`), say it:
//!   `lower(CAST(?1 AS TEXT))` (both backends accept the cast). The error otherwise is
//!   "could not determine data type of parameter $1".
//! - What only one backend has (SQLite's pragmas, PostgreSQL's maintenance) matches on
//!   `self.backend` and gives the other a clear answer of its own.
//! - Errors of either backend arrive as [`StoreError`](super::StoreError): SQLite's in
//!   `sqlite_error.rs`, PostgreSQL's in `pg/error.rs` (a trigger's refusal keeps its words).
//! - Inside `write`/`read` use only `tx`: on PostgreSQL the connection is the
//!   transaction's until it ends (a nested `self.…` call gets a clear error, not a panic).

#[cfg(feature = "postgres")]
mod numeric;
#[cfg(feature = "postgres")]
pub(crate) mod pg;
mod placeholders;
mod row;
mod sqlite;
mod tx;
#[cfg(feature = "postgres")]
pub(crate) use pg::PgConn;
mod value;

pub(crate) use row::Row;
pub(crate) use value::{FromValue, Value};

use super::{Result, StoreError};

/// Which database a statement goes to, for the few differences SQL cannot paper over.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// An embedded SQLite file.
    Sqlite,
    /// A PostgreSQL server.
    Postgres,
}

/// Parameters: `args![a, b]` is `[Value::from(a), Value::from(b)]`.
macro_rules! args {
    () => { [] as [$crate::store::sql::Value; 0] };
    ($($x:expr),+ $(,)?) => { [$($crate::store::sql::Value::from($x)),+] };
}
pub(crate) use args;

/// A connection or a transaction, on either backend.
pub(crate) trait Sql {
    /// The backend's dialect.
    fn dialect(&self) -> Dialect;
    /// Run one statement; the number of rows it changed.
    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64>;
    /// Run a query, calling `f` with each row until it answers `false`.
    fn each_row(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()>;
    /// Run several statements without parameters.
    fn batch(&self, sql: &str) -> Result<()>;
    /// [`Sql::each_row`] holding one row at a time on either backend, for big reads
    /// (exports). `f` must not run another statement: on PostgreSQL the connection is
    /// busy with the stream until it ends (such a statement is refused as busy). On
    /// SQLite, and by default, the same as `each_row`.
    fn each_row_streamed(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        self.each_row(sql, params, f)
    }
}

/// The conveniences every [`Sql`] has.
pub(crate) trait SqlExt: Sql {
    /// Every row of a query, each turned into a `T` by `f`.
    fn query_rows<T>(
        &self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Vec<T>> {
        let mut found = Vec::new();
        self.each_row(sql, params, &mut |r| {
            found.push(f(r)?);
            Ok(true)
        })?;
        Ok(found)
    }

    /// The first row of a query, if any.
    fn query_opt<T>(
        &self,
        sql: &str,
        params: &[Value],
        mut f: impl FnMut(&Row<'_>) -> Result<T>,
    ) -> Result<Option<T>> {
        let mut found = None;
        self.each_row(sql, params, &mut |r| {
            found = Some(f(r)?);
            Ok(false)
        })?;
        Ok(found)
    }

    /// The first row of a query; no row is an error.
    fn query_one<T>(&self, sql: &str, params: &[Value], f: impl FnMut(&Row<'_>) -> Result<T>) -> Result<T> {
        self.query_opt(sql, params, f)?.ok_or_else(|| StoreError::Other("Query returned no rows".into()))
    }

    /// The first column of the first row (`SELECT COUNT(*) …`).
    fn query_value<T: FromValue>(&self, sql: &str, params: &[Value]) -> Result<T> {
        self.query_one(sql, params, |r| r.get(0))
    }

    /// Run an `INSERT … RETURNING id`; the new row's id.
    fn insert_returning_id(&self, sql: &str, params: &[Value]) -> Result<i64> {
        debug_assert!(sql.trim_end().to_ascii_uppercase().ends_with("RETURNING ID"), "{sql}");
        self.query_value(sql, params)
    }

    /// `" FOR UPDATE"` on PostgreSQL (lock the rows read), `""` on SQLite (the write
    /// transaction already holds the database's lock).
    fn for_update(&self) -> &'static str {
        match self.dialect() {
            Dialect::Sqlite => "",
            Dialect::Postgres => " FOR UPDATE",
        }
    }

    /// The aggregate joining `expr` (text) with `separator` (an SQL literal, e.g. `', '`).
    fn group_concat(&self, expr: &str, separator: &str) -> String {
        match self.dialect() {
            Dialect::Sqlite => format!("group_concat({expr}, {separator})"),
            Dialect::Postgres => format!("string_agg(({expr})::text, {separator})"),
        }
    }
}

impl<S: Sql + ?Sized> SqlExt for S {}

/// What store files import: `use super::sql::prelude::*;`.
pub(crate) mod prelude {
    pub(crate) use super::{Dialect, FromValue, Row, Sql, SqlExt, Value, args};
}
