//! A row of a query result, whichever backend produced it.

use super::{FromValue, Value};
use crate::store::{Result, StoreError};

/// One row; read a column with [`Row::get`].
pub(crate) enum Row<'a> {
    /// A SQLite row.
    Sqlite(&'a rusqlite::Row<'a>),
    /// A PostgreSQL row.
    #[cfg(feature = "postgres")]
    Postgres(&'a postgres::Row),
}

impl Row<'_> {
    /// Column `i` (from 0) as a neutral value.
    pub(crate) fn value(&self, i: usize) -> Result<Value> {
        match self {
            Row::Sqlite(r) => Ok(value_of(r.get_ref(i)?)),
            #[cfg(feature = "postgres")]
            Row::Postgres(r) => Ok(r.try_get::<_, Value>(i)?),
        }
    }

    /// Column `i` (from 0) as a `T`; a value of another kind is an error naming the column.
    pub(crate) fn get<T: FromValue>(&self, i: usize) -> Result<T> {
        T::from_value(self.value(i)?).map_err(|e| StoreError::Other(format!("column {i}: {e}")))
    }

    /// How many columns the row has.
    pub(crate) fn len(&self) -> usize {
        match self {
            Row::Sqlite(r) => r.as_ref().column_count(),
            #[cfg(feature = "postgres")]
            Row::Postgres(r) => r.len(),
        }
    }
}

/// A SQLite column as a neutral value; text is read lossily (a stray byte becomes U+FFFD).
fn value_of(v: rusqlite::types::ValueRef<'_>) -> Value {
    match v {
        rusqlite::types::ValueRef::Null => Value::Null,
        rusqlite::types::ValueRef::Integer(i) => Value::Int(i),
        rusqlite::types::ValueRef::Real(f) => Value::Real(f),
        rusqlite::types::ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        rusqlite::types::ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}
