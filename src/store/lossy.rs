//! Reading stored text whatever its bytes. rolecall only ever writes UTF-8, but a file
//! edited by another tool may hold a stray byte; one such name must not make the board,
//! an export or the statistics fail for the whole database. It is shown with U+FFFD in
//! place of the bad bytes, and `doctor` names the row.

use rusqlite::Row;
use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ValueRef};

/// Text read lossily: invalid UTF-8 becomes U+FFFD.
pub(crate) struct Lossy(pub String);

impl FromSql for Lossy {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        match value {
            ValueRef::Text(t) => Ok(Lossy(String::from_utf8_lossy(t).into_owned())),
            _ => Err(FromSqlError::InvalidType),
        }
    }
}

/// A text column, lossily.
pub(crate) fn text(r: &Row<'_>, i: usize) -> rusqlite::Result<String> {
    r.get::<_, Lossy>(i).map(|t| t.0)
}
