//! The layer on PostgreSQL: the connection ([`PgConn`]) is an [`Sql`]; a transaction is
//! opened on it with plain `BEGIN`/`COMMIT` (`tx.rs`), so every statement the store runs
//! meanwhile, in whatever method, is inside it, as on SQLite. Statements are rewritten to `$N` placeholders and prepared once per
//! connection. A [`Value`] goes to the server as text, which the server converts to the
//! parameter's inferred type (so a time's canonical text becomes a TIMESTAMPTZ); every
//! column type comes back as a [`Value`] (a TIMESTAMPTZ as canonical time text).

use super::{Dialect, Row, Sql, Value, placeholders};
use crate::store::{Result, StoreError};
use postgres::types::{Format, FromSql, IsNull, ToSql, Type, to_sql_checked};
use postgres::{GenericClient, Statement};
use std::cell::RefCell;
use std::collections::HashMap;
use std::error::Error;

/// Prepared statements kept per connection (cleared when it grows past this).
const CACHED: usize = 512;

/// Statements prepared on one connection, by their SQLite-form text.
#[derive(Default)]
pub(crate) struct Cache(RefCell<HashMap<String, Statement>>);

/// A connection to the server, usable through `&self` (the client needs `&mut`).
pub(crate) struct PgConn {
    client: RefCell<postgres::Client>,
    cache: Cache,
    /// A transaction is open on the connection (statements run inside it).
    pub(super) in_transaction: std::cell::Cell<bool>,
}

impl PgConn {
    /// Wrap a connected client.
    pub(crate) fn new(client: postgres::Client) -> Self {
        PgConn { client: RefCell::new(client), cache: Cache::default(), in_transaction: Default::default() }
    }

    /// The client, for one statement at a time (a store call made while an `each_row`
    /// callback runs finds it free: rows are read in full first; not so while a
    /// streamed read runs, see `Sql::each_row_streamed`).
    pub(crate) fn client(&self) -> Result<std::cell::RefMut<'_, postgres::Client>> {
        self.client
            .try_borrow_mut()
            .map_err(|_| StoreError::Other("the PostgreSQL connection is busy with another statement".into()))
    }
}

impl Cache {
    fn statement(&self, client: &mut impl GenericClient, sql: &str) -> Result<Statement> {
        if let Some(stmt) = self.0.borrow().get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = client.prepare(&placeholders::rewrite(sql))?;
        let mut cache = self.0.borrow_mut();
        if cache.len() >= CACHED {
            cache.clear();
        }
        cache.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

fn refs(params: &[Value]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

fn execute_on(client: &mut impl GenericClient, cache: &Cache, sql: &str, params: &[Value]) -> Result<u64> {
    let stmt = cache.statement(client, sql)?;
    Ok(client.execute(&stmt, &refs(params))?)
}

/// All rows at once: the connection is free again before the caller reads them, so a
/// caller may run another query per row.
fn query_on(
    client: &mut impl GenericClient,
    cache: &Cache,
    sql: &str,
    params: &[Value],
) -> Result<Vec<postgres::Row>> {
    let stmt = cache.statement(client, sql)?;
    Ok(client.query(&stmt, &refs(params))?)
}

fn each(rows: &[postgres::Row], f: &mut dyn FnMut(&Row<'_>) -> Result<bool>) -> Result<()> {
    for r in rows {
        if !f(&Row::Postgres(r))? {
            break;
        }
    }
    Ok(())
}

impl Sql for PgConn {
    fn dialect(&self) -> Dialect {
        Dialect::Postgres
    }

    fn execute(&self, sql: &str, params: &[Value]) -> Result<u64> {
        execute_on(&mut *self.client()?, &self.cache, sql, params)
    }

    fn each_row(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        let rows = query_on(&mut *self.client()?, &self.cache, sql, params)?;
        each(&rows, f)
    }

    fn batch(&self, sql: &str) -> Result<()> {
        Ok(self.client()?.batch_execute(sql)?)
    }

    /// Rows as the server sends them (`query_raw`): memory holds one at a time.
    fn each_row_streamed(
        &self,
        sql: &str,
        params: &[Value],
        f: &mut dyn FnMut(&Row<'_>) -> Result<bool>,
    ) -> Result<()> {
        use postgres::fallible_iterator::FallibleIterator;
        let mut client = self.client()?;
        let stmt = self.cache.statement(&mut *client, sql)?;
        let mut rows = client.query_raw(&stmt, refs(params))?;
        while let Some(r) = rows.next()? {
            if !f(&Row::Postgres(&r))? {
                break;
            }
        }
        Ok(())
    }
}

type BoxError = Box<dyn Error + Sync + Send>;

impl ToSql for Value {
    fn to_sql(
        &self,
        ty: &Type,
        out: &mut postgres::types::private::BytesMut,
    ) -> std::result::Result<IsNull, BoxError> {
        let int_like = matches!(*ty, Type::INT2 | Type::INT4 | Type::INT8 | Type::NUMERIC | Type::OID);
        let text = match self {
            Value::Null => return Ok(IsNull::Yes),
            Value::Blob(b) if *ty == Type::BYTEA => {
                out.extend_from_slice(b);
                return Ok(IsNull::No);
            }
            Value::Blob(_) => return Err(format!("cannot bind bytes to a {ty} parameter").into()),
            Value::Int(i) => i.to_string(),
            Value::Real(f) => f.to_string(),
            Value::Bool(b) if int_like => i32::from(*b).to_string(),
            Value::Bool(b) => b.to_string(),
            Value::Text(s) => {
                out.extend_from_slice(s.as_bytes());
                return Ok(IsNull::No);
            }
        };
        out.extend_from_slice(text.as_bytes());
        Ok(IsNull::No)
    }

    /// Text for everything but bytes: the server parses it as the parameter's type.
    fn encode_format(&self, _ty: &Type) -> Format {
        match self {
            Value::Blob(_) => Format::Binary,
            _ => Format::Text,
        }
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }

    to_sql_checked!();
}

impl<'a> FromSql<'a> for Value {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> std::result::Result<Self, BoxError> {
        use crate::domain::clock::format_time;
        use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
        Ok(match *ty {
            Type::BOOL => Value::Bool(bool::from_sql(ty, raw)?),
            Type::INT2 => Value::Int(i16::from_sql(ty, raw)?.into()),
            Type::INT4 => Value::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT8 => Value::Int(i64::from_sql(ty, raw)?),
            Type::OID => Value::Int(u32::from_sql(ty, raw)?.into()),
            Type::FLOAT4 => Value::Real(f32::from_sql(ty, raw)?.into()),
            Type::FLOAT8 => Value::Real(f64::from_sql(ty, raw)?),
            Type::NUMERIC => super::numeric::decode(raw)?,
            Type::TIMESTAMPTZ => Value::Text(format_time(DateTime::<Utc>::from_sql(ty, raw)?)),
            Type::TIMESTAMP => Value::Text(format_time(NaiveDateTime::from_sql(ty, raw)?.and_utc())),
            Type::DATE => Value::Text(NaiveDate::from_sql(ty, raw)?.format("%Y-%m-%d").to_string()),
            Type::BYTEA => Value::Blob(raw.to_vec()),
            // jsonb's binary form is a version byte, then the text.
            Type::JSONB => {
                Value::Text(String::from_utf8_lossy(raw.get(1..).unwrap_or_default()).into_owned())
            }
            _ => Value::Text(String::from_utf8_lossy(raw).into_owned()),
        })
    }

    fn from_sql_null(_ty: &Type) -> std::result::Result<Self, BoxError> {
        Ok(Value::Null)
    }

    fn accepts(_ty: &Type) -> bool {
        true
    }
}
