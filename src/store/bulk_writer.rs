//! The inserts of a bulk load, on either backend. On SQLite each row goes at once through
//! a statement prepared once (cheap: the database is in this process). On PostgreSQL
//! every row would be a round trip to the server, so rows wait in memory and go as
//! multi-row `INSERT … VALUES (…), (…), …` statements of [`ROWS_PER_STATEMENT`] rows,
//! parents before children (a table's rows reference only tables flushed before it).

use super::Result;
use super::bulk_rows::{BulkRows, Cell, NextIds};
#[cfg(test)]
use super::bulk_rows::{COLUMNS, INTERVIEWS, SCORES};
use super::sql::prelude::*;

/// Rows per multi-row statement on PostgreSQL (12 columns × 500 stays far below the
/// protocol's 65,535 parameters).
const ROWS_PER_STATEMENT: usize = 500;

/// One table a load fills: the head of its `INSERT` and one row's `VALUES` tuple, with
/// `?1 … ?n` for that row's parameters.
struct Table {
    head: &'static str,
    row: &'static str,
    columns: usize,
}

/// The tables in the order they are flushed (each references only earlier ones), numbered
/// as in `bulk_rows`.
const TABLES: [Table; 5] = [
    Table {
        head: "INSERT INTO candidates (id, name, name_key, email, phone, source, created_at, updated_at) VALUES ",
        row: "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        columns: 7,
    },
    Table {
        head: "INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, reject_reason,
                                         stage_entered_at, created_at, updated_at, version) VALUES ",
        row: "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
        columns: 11,
    },
    Table {
        head: "INSERT INTO events (id, at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                   from_status, to_status, reason, note) VALUES ",
        row: "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        columns: 12,
    },
    Table {
        head: "INSERT INTO interviews (id, application_id, stage_id, interviewer, held_on, recommendation, notes,
                                       created_at, event_id, level_id) VALUES ",
        row: "(?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT level_id FROM applications WHERE id = ?2))",
        columns: 9,
    },
    Table {
        head: "INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES ",
        row: "(?1, ?2, ?3, ?4)",
        columns: 4,
    },
];

/// The tables a load fills, by name (for locking and for their id sequences).
pub(super) const FILLED: [&str; 5] =
    ["candidates", "applications", "events", "interviews", "interview_scores"];

/// Inserts inside an open transaction (see the module notes).
pub struct BulkWriter<'c> {
    tx: &'c dyn Sql,
    /// Each table's one-row `INSERT` (SQLite).
    single: [String; 5],
    /// Rows waiting, per table (PostgreSQL only): their parameters, row after row.
    waiting: [Vec<Value>; 5],
    /// Each table's parameters of the row being inserted (SQLite), their text reused.
    params: [Vec<Value>; 5],
}

impl<'c> BulkWriter<'c> {
    pub(super) fn new(tx: &'c dyn Sql) -> Self {
        BulkWriter {
            tx,
            single: TABLES.map(|t| multi_row(&t, 1)),
            waiting: Default::default(),
            params: Default::default(),
        }
    }

    /// The first free id of each table.
    pub fn next_ids(&self) -> Result<NextIds> {
        let next = |table: &str| -> Result<i64> {
            self.tx.query_value(&format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}"), &[])
        };
        Ok(NextIds {
            candidate: next("candidates")?,
            application: next("applications")?,
            event: next("events")?,
            interview: next("interviews")?,
        })
    }

    /// Insert `rows`, in their order: on SQLite each row at once, its values copied
    /// into the table's reused parameters (no allocation per value); on PostgreSQL kept
    /// until a statement's worth of rows waits.
    pub fn write(&mut self, rows: &BulkRows) -> Result<()> {
        for (table, row) in rows.rows() {
            debug_assert_eq!(row.len(), TABLES[table].columns);
            match self.tx.dialect() {
                Dialect::Sqlite => {
                    let params = &mut self.params[table];
                    params.resize(row.len(), Value::Null);
                    for (param, &cell) in params.iter_mut().zip(row) {
                        set(param, cell, rows);
                    }
                    self.tx.execute(&self.single[table], params)?;
                }
                Dialect::Postgres => {
                    self.waiting[table].extend(row.iter().map(|&cell| owned(cell, rows)));
                    if self.waiting[table].len() >= ROWS_PER_STATEMENT * TABLES[table].columns {
                        self.flush()?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Send every waiting row, parents first.
    pub(super) fn flush(&mut self) -> Result<()> {
        for (table, t) in TABLES.iter().enumerate() {
            let rows = std::mem::take(&mut self.waiting[table]);
            for chunk in rows.chunks(ROWS_PER_STATEMENT * t.columns) {
                self.tx.execute(&multi_row(t, chunk.len() / t.columns), chunk)?;
            }
        }
        Ok(())
    }
}

/// `param` set to `cell`, reusing its text's memory when it holds text.
fn set(param: &mut Value, cell: Cell, rows: &BulkRows) {
    match (cell, param) {
        (Cell::Text(start, end), Value::Text(text)) => {
            text.clear();
            text.push_str(rows.text(start, end));
        }
        (cell, param) => *param = owned(cell, rows),
    }
}

/// The value of `cell`.
fn owned(cell: Cell, rows: &BulkRows) -> Value {
    match cell {
        Cell::Null => Value::Null,
        Cell::Int(n) => Value::Int(n),
        Cell::Text(start, end) => Value::Text(rows.text(start, end).to_string()),
    }
}

/// The `INSERT` of `rows` rows of `t`: row `r`'s `?k` becomes `?(k + r × columns)`.
fn multi_row(t: &Table, rows: usize) -> String {
    let mut sql = String::from(t.head);
    for r in 0..rows {
        if r > 0 {
            sql.push_str(", ");
        }
        sql.push_str(&shift_placeholders(t.row, r * t.columns));
    }
    sql
}

/// `template` with every `?k` turned into `?(k + by)`.
fn shift_placeholders(template: &str, by: usize) -> String {
    let mut out = String::with_capacity(template.len() + 8);
    let mut chars = template.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        out.push(c);
        if c != '?' {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some(&(j, d)) = chars.peek() {
            if !d.is_ascii_digit() {
                break;
            }
            end = j + 1;
            chars.next();
        }
        if let Ok(k) = template[start..end].parse::<usize>() {
            out.push_str(&(k + by).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn later_rows_number_their_parameters_after_the_earlier_rows() {
        assert_eq!(
            shift_placeholders("(?1, ?2, (SELECT x WHERE id = ?2))", 0),
            "(?1, ?2, (SELECT x WHERE id = ?2))"
        );
        assert_eq!(shift_placeholders("(?1, ?9, ?10)", 10), "(?11, ?19, ?20)");
        let sql = multi_row(&TABLES[SCORES], 2);
        assert!(sql.ends_with("VALUES (?1, ?2, ?3, ?4), (?5, ?6, ?7, ?8)"), "{sql}");
        let sql = multi_row(&TABLES[INTERVIEWS], 2);
        assert!(sql.ends_with("(?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, (SELECT level_id FROM applications WHERE id = ?11))"), "{sql}");
    }

    #[test]
    fn every_row_template_has_as_many_parameters_as_columns_it_binds() {
        for t in &TABLES {
            let highest = (1..=t.columns + 1).filter(|k| t.row.contains(&format!("?{k}"))).max();
            assert_eq!(highest, Some(t.columns), "{}", t.row);
        }
        assert_eq!(TABLES.map(|t| t.columns), COLUMNS);
    }
}
