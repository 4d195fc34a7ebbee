//! The layer on SQLite: a `rusqlite::Connection` (and so a transaction, which derefs to
//! one) is an [`Sql`]; statements are prepared once and cached by rusqlite.

use super::{Dialect, Row, Sql, Value};
use crate::store::Result;
use rusqlite::types::{ToSqlOutput, ValueRef};

impl Sql for rusqlite::Connection {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64> {
        let changed = self.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?;
        Ok(changed as u64)
    }

    fn each_row(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        let mut stmt = self.prepare_cached(sql)?;
        let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
        while let Some(r) = rows.next()? {
            if !f(&Row::Sqlite(r))? {
                break;
            }
        }
        Ok(())
    }

    fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.execute_batch(sql)?)
    }
}

/// A transaction is its connection (callers need not write `&*tx`).
impl Sql for rusqlite::Transaction<'_> {
    fn dialect(&self) -> Dialect {
        Dialect::Sqlite
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64> {
        Sql::execute(&**self, sql, params)
    }

    fn each_row(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        (**self).each_row(sql, params, f)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        (**self).batch(sql)
    }
}

impl rusqlite::ToSql for Value {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(match self {
            Value::Null => ToSqlOutput::Borrowed(ValueRef::Null),
            Value::Int(i) => ToSqlOutput::Borrowed(ValueRef::Integer(*i)),
            Value::Real(f) => ToSqlOutput::Borrowed(ValueRef::Real(*f)),
            Value::Text(s) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Value::Bool(b) => ToSqlOutput::Borrowed(ValueRef::Integer(i64::from(*b))),
            Value::Blob(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::{SqlExt, args};
    use super::*;

    #[test]
    fn binds_and_reads_through_the_layer() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        conn.batch("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, flag INTEGER, at TEXT)").unwrap();
        let id = conn
            .insert_returning_id(
                "INSERT INTO t (name, flag, at) VALUES (?1, ?2, ?3) RETURNING id",
                &args!["a", true, None::<String>],
            )
            .unwrap();
        assert_eq!(id, 1);
        Sql::execute(&conn, "INSERT INTO t (name, flag) VALUES (?, ?)", &args![String::from("b\u{e9}"), 0])
            .unwrap();
        let rows: Vec<(String, bool, Option<String>)> = conn
            .query_rows(
                "SELECT name, flag, at FROM t WHERE flag = ?1 OR id > ?2 ORDER BY id",
                &args![1, 1],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .unwrap();
        assert_eq!(rows, vec![("a".into(), true, None), ("b\u{e9}".into(), false, None)]);
        assert_eq!(conn.query_value::<i64>("SELECT COUNT(*) FROM t WHERE flag = TRUE", &[]).unwrap(), 1);
        assert_eq!(conn.query_opt("SELECT id FROM t WHERE id = 9", &[], |r| r.get::<i64>(0)).unwrap(), None);
        let e = conn.query_value::<String>("SELECT id FROM t", &[]).unwrap_err();
        assert_eq!(e.to_string(), "database error: column 0: expected text, found an integer");
    }

    #[test]
    fn a_stray_byte_reads_as_a_replacement_character() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let text: String = conn.query_value("SELECT CAST(x'61ff62' AS TEXT)", &[]).unwrap();
        assert_eq!(text, "a\u{fffd}b");
    }
}
