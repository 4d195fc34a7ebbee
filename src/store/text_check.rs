//! `doctor`'s check that every stored text is valid UTF-8, naming the rows that are not
//! (everything else reads them lossily, so they show with U+FFFD instead of failing).

use super::finding::{Finding, Severity};
use super::handle::Backend;
use super::{Result, Store};
use rusqlite::Connection;
use rusqlite::types::ValueRef;

/// At most this many rows are named.
const SHOWN: usize = 5;

impl Store {
    /// Every text column of every table, row by row: which values are not UTF-8. A
    /// server checks that itself: see [`server_encoding`]. On a file, `doctor` reads
    /// the texts in its foreign-key pass instead (`health_refs.rs`), each table once.
    pub(crate) fn check_text(&self) -> Result<Finding> {
        let conn = match &self.backend {
            Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => return server_encoding(&**pg),
        };
        let tables: Vec<String> = conn
            .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut bad = Vec::new();
        for table in &tables {
            let columns = text_columns(conn, table)?;
            if !columns.is_empty() {
                find_bad_text(conn, table, &columns, &mut bad)?;
            }
        }
        Ok(text_finding(&bad))
    }
}

/// The text check's finding, from the texts found not to be UTF-8 (`table row N: column`).
pub(super) fn text_finding(bad: &[String]) -> Finding {
    if bad.is_empty() {
        return Finding::new("text", Severity::Ok, "every stored text is valid UTF-8");
    }
    let mut shown: Vec<String> = bad.iter().take(SHOWN).cloned().collect();
    if bad.len() > SHOWN {
        shown.push(format!("and {} more", bad.len() - SHOWN));
    }
    let msg = format!(
        "{} stored texts are not valid UTF-8 (shown with \u{FFFD} in their place): {}; \
         edit them (e.g. `rolecall candidate edit ID --name …`) or restore a backup",
        bad.len(),
        shown.join("; ")
    );
    Finding::new("text", Severity::Problem, msg)
}

/// The columns of `table` declared TEXT, in order.
pub(super) fn text_columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    conn.prepare("SELECT name FROM pragma_table_info(?1) WHERE upper(type) = 'TEXT' ORDER BY cid")?
        .query_map([table], |r| r.get(0))?
        .collect()
}

/// Rows of `table` whose text columns are not UTF-8.
fn find_bad_text(conn: &Connection, table: &str, columns: &[String], bad: &mut Vec<String>) -> Result<()> {
    let quote = |name: &str| format!("\"{}\"", name.replace('"', "\"\""));
    let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let sql = format!("SELECT rowid, {} FROM {}", list.join(", "), quote(table));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        for (i, column) in columns.iter().enumerate() {
            if let ValueRef::Text(bytes) = r.get_ref(i + 1)?
                && std::str::from_utf8(bytes).is_err()
            {
                let id: i64 = r.get(0)?;
                bad.push(format!("{table} row {id}: {column}"));
            }
        }
    }
    Ok(())
}

/// On a server the database's encoding decides: PostgreSQL refuses any text that is not
/// valid in it, so with UTF8 (what rolecall's set-up creates) no stored text can be bad.
#[cfg(feature = "postgres")]
fn server_encoding(db: &dyn super::sql::Sql) -> Result<Finding> {
    use super::sql::SqlExt;
    let encoding: String = db.query_value(
        "SELECT CAST(pg_encoding_to_char(encoding) AS TEXT) FROM pg_database WHERE datname = current_database()",
        &[],
    )?;
    Ok(if encoding == "UTF8" {
        Finding::new("text", Severity::Ok, "the server stores text as UTF-8 and refuses anything else")
    } else {
        let msg = format!(
            "the server database's encoding is {encoding}, not UTF8: names in other scripts may not fit; \
             create the database with ENCODING 'UTF8' and restore a backup into it"
        );
        Finding::new("text", Severity::Warning, msg)
    })
}
