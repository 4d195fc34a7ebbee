//! Transactions on either backend: [`Store::write`] for a change, [`Store::read`] for
//! several reads that must see one moment. On both backends the transaction is on the
//! store's one connection, so any store method called inside the closure (reading the
//! application, a stage, …) runs inside it too.

use super::Sql;
use crate::store::handle::Backend;
use crate::store::{Result, Store, retry};

impl Store {
    /// Run `f` in one write transaction and commit. SQLite: `BEGIN IMMEDIATE` (the write
    /// lock at once, waiting out other writers). PostgreSQL: `BEGIN` (READ COMMITTED; lock
    /// what you read with `tx.for_update()`), run again from the start on a
    /// serialization failure or a deadlock, a few times, then `Busy`. Any error rolls
    /// back. The closure may run more than once: no effects outside the database.
    pub(crate) fn write<T>(&self, mut f: impl FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(conn) => {
                let tx = retry::begin_immediate(conn)?;
                let value = f(&*tx)?;
                retry::commit(tx)?;
                Ok(value)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => pg
                .transaction("BEGIN ISOLATION LEVEL READ COMMITTED", &mut f)
                .map_err(|e| self.explain_denied(e)),
        }
    }

    /// Run `f` in one read-only transaction: every statement sees the same moment.
    /// SQLite: a deferred transaction; PostgreSQL: REPEATABLE READ, READ ONLY.
    pub(crate) fn read<T>(&self, mut f: impl FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(conn) => {
                let tx = conn.unchecked_transaction()?;
                let value = f(&*tx)?;
                tx.commit()?;
                Ok(value)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => {
                pg.transaction("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", &mut f)
            }
        }
    }
}

#[cfg(feature = "postgres")]
impl super::pg::PgConn {
    /// One transaction opened with `begin`, with retries (see [`Store::write`]).
    pub(crate) fn transaction<T>(&self, begin: &str, f: &mut dyn FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        if self.in_transaction.get() {
            return Err(crate::store::StoreError::Other(
                "a transaction is already open on this PostgreSQL connection (a write nested in a write)"
                    .into(),
            ));
        }
        let mut backoff = retry::Backoff::new();
        loop {
            match self.attempt(begin, f) {
                Err(e) if e.is_busy() && backoff.pause() => {
                    tracing::debug!("transaction conflicted; running it again: {e}");
                }
                other => return other,
            }
        }
    }

    fn attempt<T>(&self, begin: &str, f: &mut dyn FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        self.batch(begin)?;
        self.in_transaction.set(true);
        let open = Open(self);
        let value = f(self)?;
        self.batch("COMMIT")?;
        std::mem::forget(open);
        self.in_transaction.set(false);
        Ok(value)
    }
}

/// While alive, a transaction is open: dropped on an error (or a panic) it rolls back.
#[cfg(feature = "postgres")]
struct Open<'a>(&'a super::pg::PgConn);

#[cfg(feature = "postgres")]
impl Drop for Open<'_> {
    fn drop(&mut self) {
        if let Err(e) = self.0.batch("ROLLBACK") {
            tracing::warn!("rollback failed: {e}");
        }
        self.0.in_transaction.set(false);
    }
}
