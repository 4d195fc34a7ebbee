//! Transactions on either backend: [`Store::write`] for a change, [`Store::read`] for
//! several reads that must see one moment.

use super::Sql;
use crate::store::handle::Backend;
use crate::store::{Result, Store, retry};

impl Store {
    /// Run `f` in one write transaction and commit. SQLite: `BEGIN IMMEDIATE` (the write
    /// lock at once, waiting out other writers). PostgreSQL: `BEGIN` (READ COMMITTED; lock
    /// what you read with `tx.for_update()`), run again from the start on a
    /// serialization failure or a deadlock, a few times, then `Busy`. Any error rolls back.
    pub(crate) fn write<T>(&self, mut f: impl FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        match &self.backend {
            Backend::Sqlite(conn) => {
                let tx = retry::begin_immediate(conn)?;
                let value = f(&*tx)?;
                retry::commit(tx)?;
                Ok(value)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => pg.transaction(false, &mut f),
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
            Backend::Postgres(pg) => pg.transaction(true, &mut f),
        }
    }
}

#[cfg(feature = "postgres")]
impl super::pg::PgConn {
    /// One transaction with retries (see [`Store::write`]).
    pub(crate) fn transaction<T>(
        &self,
        read_only: bool,
        f: &mut dyn FnMut(&dyn Sql) -> Result<T>,
    ) -> Result<T> {
        let mut backoff = retry::Backoff::new();
        loop {
            match self.attempt(read_only, f) {
                Err(e) if e.is_busy() && backoff.pause() => {
                    tracing::debug!("transaction conflicted; running it again: {e}");
                }
                other => return other,
            }
        }
    }

    fn attempt<T>(&self, read_only: bool, f: &mut dyn FnMut(&dyn Sql) -> Result<T>) -> Result<T> {
        use postgres::IsolationLevel;
        let mut client = self.client()?;
        let level = if read_only { IsolationLevel::RepeatableRead } else { IsolationLevel::ReadCommitted };
        let tx = client.build_transaction().isolation_level(level).read_only(read_only).start()?;
        let tx = super::pg::PgTx { tx: std::cell::RefCell::new(tx), cache: self.cache() };
        let value = f(&tx)?;
        tx.tx.into_inner().commit()?;
        Ok(value)
    }
}
