//! Rows between a server and a rolecall SQLite file, table by table with the same ids:
//! every table of the SQLite schema (parents before children), each column by name,
//! converted by the server's column type — times (TIMESTAMPTZ) to and from the SQLite
//! text form (`domain::clock::format_time`), flags (BOOLEAN) to and from 0/1, days
//! (DATE) as `YYYY-MM-DD`. The server side is read with one query per table and written
//! with `COPY … FROM STDIN`.

use crate::domain::clock::format_time;
use crate::store::{Result, StoreError};
use postgres::GenericClient;
use postgres::fallible_iterator::FallibleIterator;
use postgres::types::Type;
use rusqlite::Connection;
use rusqlite::types::{Value, ValueRef};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// A failure of the server, as a store error (its message on one line).
pub(super) fn server(e: postgres::Error) -> StoreError {
    StoreError::Other(super::error::one_line(&e))
}

/// The tables of the SQLite schema in `conn`, each after the tables it references.
pub(super) fn table_order(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' ORDER BY name",
    )?;
    let names: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    let mut parents: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for name in &names {
        let mut fk = conn.prepare(&format!("SELECT \"table\" FROM pragma_foreign_key_list('{name}')"))?;
        let refs: BTreeSet<String> =
            fk.query_map([], |r| r.get(0))?.filter_map(|r| r.ok()).filter(|t| t != name).collect();
        parents.insert(name.clone(), refs);
    }
    let mut order: Vec<String> = Vec::new();
    while order.len() < names.len() {
        let ready = names
            .iter()
            .find(|n| {
                !order.contains(n) && parents[*n].iter().all(|p| order.contains(p) || !names.contains(p))
            })
            .ok_or_else(|| StoreError::Other("the tables' references go round in a circle".into()))?;
        order.push(ready.clone());
    }
    Ok(order)
}

/// The columns of `table` in the SQLite schema, in order.
pub(super) fn sqlite_columns(conn: &Connection, table: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("SELECT name FROM pragma_table_info('{table}') ORDER BY cid"))?;
    Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
}

/// The server's type of each column of `table` (by name).
fn server_types(client: &mut impl GenericClient, table: &str) -> Result<BTreeMap<String, String>> {
    let rows = client
        .query(
            "SELECT column_name::text, data_type::text FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = $1",
            &[&table],
        )
        .map_err(server)?;
    Ok(rows.iter().map(|r| (r.get(0), r.get(1))).collect())
}

/// The columns of `table` that the SQLite schema has, each with the server's type; an
/// error naming what the server lacks.
fn matched_columns(
    client: &mut impl GenericClient,
    sqlite: &Connection,
    table: &str,
) -> Result<Vec<(String, String)>> {
    let types = server_types(client, table)?;
    if types.is_empty() {
        return Err(StoreError::UnknownSchema(format!("the server database has no table '{table}'")));
    }
    sqlite_columns(sqlite, table)?
        .into_iter()
        .map(|c| match types.get(&c) {
            Some(t) => Ok((c, t.clone())),
            None => {
                Err(StoreError::UnknownSchema(format!("the server's table '{table}' has no column '{c}'")))
            }
        })
        .collect()
}

/// Copy every row of every table from the server into the (migrated, empty) SQLite
/// database `sqlite`, in one SQLite transaction. Returns the rows copied per table.
pub(super) fn dump(client: &mut impl GenericClient, sqlite: &mut Connection) -> Result<Vec<(String, u64)>> {
    let tx = sqlite.transaction()?;
    let mut copied = Vec::new();
    for table in table_order(&tx)? {
        let columns = matched_columns(client, &tx, &table)?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let select = format!("SELECT {} FROM {table} ORDER BY id", names.join(", "));
        let marks: Vec<String> = (1..=names.len()).map(|i| format!("?{i}")).collect();
        let insert = format!("INSERT INTO {table} ({}) VALUES ({})", names.join(", "), marks.join(", "));
        let mut stmt = tx.prepare(&insert)?;
        let mut rows = client.query_raw(&select, std::iter::empty::<i64>()).map_err(server)?;
        let mut count = 0;
        while let Some(row) = rows.next().map_err(server)? {
            let values: Vec<Value> = (0..row.len()).map(|i| to_sqlite(&row, i)).collect::<Result<_>>()?;
            stmt.execute(rusqlite::params_from_iter(values))?;
            count += 1;
        }
        copied.push((table, count));
    }
    tx.commit()?;
    Ok(copied)
}

/// Column `i` of a server row as the value the SQLite schema stores.
fn to_sqlite(row: &postgres::Row, i: usize) -> Result<Value> {
    let get =
        |e: postgres::Error| StoreError::Other(format!("reading column {}: {e}", row.columns()[i].name()));
    let ty = row.columns()[i].type_().clone();
    Ok(match ty {
        Type::INT8 => row.try_get::<_, Option<i64>>(i).map_err(get)?.map_or(Value::Null, Value::Integer),
        Type::INT4 => {
            row.try_get::<_, Option<i32>>(i).map_err(get)?.map_or(Value::Null, |v| Value::Integer(v.into()))
        }
        Type::INT2 => {
            row.try_get::<_, Option<i16>>(i).map_err(get)?.map_or(Value::Null, |v| Value::Integer(v.into()))
        }
        Type::BOOL => {
            row.try_get::<_, Option<bool>>(i).map_err(get)?.map_or(Value::Null, |b| Value::Integer(b.into()))
        }
        Type::FLOAT8 => row.try_get::<_, Option<f64>>(i).map_err(get)?.map_or(Value::Null, Value::Real),
        Type::TIMESTAMPTZ => row
            .try_get::<_, Option<chrono::DateTime<chrono::Utc>>>(i)
            .map_err(get)?
            .map_or(Value::Null, |t| Value::Text(format_time(t))),
        Type::DATE => row
            .try_get::<_, Option<chrono::NaiveDate>>(i)
            .map_err(get)?
            .map_or(Value::Null, |d| Value::Text(d.format("%Y-%m-%d").to_string())),
        Type::TEXT | Type::VARCHAR | Type::BPCHAR | Type::NAME => {
            row.try_get::<_, Option<String>>(i).map_err(get)?.map_or(Value::Null, Value::Text)
        }
        other => {
            return Err(StoreError::UnknownSchema(format!(
                "column {} has type {other}, which rolecall does not store",
                row.columns()[i].name()
            )));
        }
    })
}

/// Copy every row of every table of the SQLite database `sqlite` into the server's
/// (empty) tables, inside the caller's transaction. Returns the rows copied per table.
pub(super) fn load(client: &mut impl GenericClient, sqlite: &Connection) -> Result<Vec<(String, u64)>> {
    let mut copied = Vec::new();
    for table in table_order(sqlite)? {
        let columns = matched_columns(client, sqlite, &table)?;
        let names: Vec<&str> = columns.iter().map(|(c, _)| c.as_str()).collect();
        let mut stmt = sqlite.prepare(&format!("SELECT {} FROM {table} ORDER BY id", names.join(", ")))?;
        let copy = format!("COPY {table} ({}) FROM STDIN", names.join(", "));
        let writer = client.copy_in(&copy).map_err(server)?;
        let mut out = std::io::BufWriter::with_capacity(1 << 16, writer);
        let mut rows = stmt.query([])?;
        let mut line = String::new();
        let mut count = 0;
        while let Some(row) = rows.next()? {
            line.clear();
            for (i, (name, ty)) in columns.iter().enumerate() {
                if i > 0 {
                    line.push('\t');
                }
                copy_field(&mut line, row.get_ref(i)?, ty == "boolean")
                    .map_err(|why| StoreError::Invalid(format!("{table}.{name}: {why}")))?;
            }
            line.push('\n');
            out.write_all(line.as_bytes()).map_err(copy_failed)?;
            count += 1;
        }
        let writer = out.into_inner().map_err(|e| copy_failed(e.into_error()))?;
        writer.finish().map_err(server)?;
        copied.push((table, count));
    }
    Ok(copied)
}

fn copy_failed(e: std::io::Error) -> StoreError {
    StoreError::Other(format!("sending rows to the server failed: {e}"))
}

/// One field of a `COPY … FROM STDIN` line (text format): `\N` for null, flags as
/// `t`/`f`, text with backslash, tab and line breaks escaped.
fn copy_field(line: &mut String, value: ValueRef<'_>, boolean: bool) -> std::result::Result<(), String> {
    match value {
        ValueRef::Null => line.push_str("\\N"),
        ValueRef::Integer(i) if boolean => line.push(if i != 0 { 't' } else { 'f' }),
        ValueRef::Integer(i) => line.push_str(&i.to_string()),
        ValueRef::Real(r) => line.push_str(&r.to_string()),
        ValueRef::Text(bytes) => {
            let text = std::str::from_utf8(bytes).map_err(|_| "text that is not UTF-8".to_string())?;
            for c in text.chars() {
                match c {
                    '\\' => line.push_str("\\\\"),
                    '\t' => line.push_str("\\t"),
                    '\n' => line.push_str("\\n"),
                    '\r' => line.push_str("\\r"),
                    '\0' => return Err("text holding a NUL character".into()),
                    c => line.push(c),
                }
            }
        }
        ValueRef::Blob(_) => return Err("binary data, which rolecall does not store".into()),
    }
    Ok(())
}

/// Set each table's identity sequence past its largest id, so the next row a user
/// adds gets a new one.
pub(super) fn reset_sequences(client: &mut impl GenericClient, tables: &[String]) -> Result<()> {
    for table in tables {
        client
            .execute(
                &format!(
                    "SELECT setval(pg_get_serial_sequence($1, 'id'), COALESCE(MAX(id), 0) + 1, false) FROM {table}"
                ),
                &[table],
            )
            .map_err(server)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copy_fields_escape_what_copy_reads_specially() {
        let mut line = String::new();
        copy_field(&mut line, ValueRef::Text(b"a\\b\tc\nd\re"), false).unwrap();
        assert_eq!(line, "a\\\\b\\tc\\nd\\re");
        let field = |v: ValueRef<'_>, boolean| {
            let mut s = String::new();
            copy_field(&mut s, v, boolean).map(|_| s)
        };
        assert_eq!(field(ValueRef::Null, false).unwrap(), "\\N");
        assert_eq!(field(ValueRef::Integer(1), true).unwrap(), "t");
        assert_eq!(field(ValueRef::Integer(0), true).unwrap(), "f");
        assert_eq!(field(ValueRef::Integer(-42), false).unwrap(), "-42");
        assert!(field(ValueRef::Blob(b"x"), false).is_err());
        assert!(field(ValueRef::Text(b"a\0b"), false).is_err());
    }

    #[test]
    fn tables_come_after_the_tables_they_reference() {
        let mut conn = Connection::open_in_memory().unwrap();
        crate::store::migrate::migrate(&mut conn).unwrap();
        let order = table_order(&conn).unwrap();
        let at = |t: &str| order.iter().position(|n| n == t).unwrap_or_else(|| panic!("{t} in {order:?}"));
        assert!(at("families") < at("levels") && at("levels") < at("level_items"));
        assert!(at("candidates") < at("applications") && at("applications") < at("events"));
        assert!(at("events") < at("interviews") && at("interviews") < at("interview_scores"));
    }
}
