//! `doctor`'s foreign-key check, what `PRAGMA foreign_key_check` finds, in one
//! sequential pass per table. The pragma looks every reference up in its parent's
//! b-tree: 8.6 M events with seven references each took 32 s of CPU at a million
//! candidates. Here each parent's keys are read once into a bit set (a million ids are
//! 125 KB) and each child table is streamed once, every reference tested against the set.
//! A table whose references this cannot follow (a key of several columns, a parent key
//! that is not an integer) is left to the pragma, table by table. The same pass reads
//! each table's text columns for `doctor`'s text check (`text_check.rs`), so the large
//! tables are read once for both (the event log and the scorecards' scores are 3 GB of
//! the 5 GB at a million candidates).

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use std::collections::{BTreeMap, HashSet};

/// One reference of a child table: its column and the parent table and column.
struct Reference {
    column: String,
    parent: String,
    parent_column: String,
}

/// A set of integer keys: a bit per id for the small dense ids rolecall writes, a hash
/// set for any other.
#[derive(Default)]
struct Keys {
    bits: Vec<u64>,
    other: HashSet<i64>,
}

/// Ids below this are kept as bits (2 MB at most).
const BITS_LIMIT: i64 = 1 << 24;

impl Keys {
    fn insert(&mut self, id: i64) {
        if (0..BITS_LIMIT).contains(&id) {
            let (word, bit) = ((id / 64) as usize, id % 64);
            if word >= self.bits.len() {
                self.bits.resize(word + 1, 0);
            }
            self.bits[word] |= 1 << bit;
        } else {
            self.other.insert(id);
        }
    }

    fn contains(&self, id: i64) -> bool {
        if (0..BITS_LIMIT).contains(&id) {
            self.bits.get((id / 64) as usize).is_some_and(|w| w & (1 << (id % 64)) != 0)
        } else {
            self.other.contains(&id)
        }
    }
}

/// Quote an identifier for SQL.
fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What one pass over every table finds.
#[derive(Default)]
pub(super) struct Scanned {
    /// Every dangling reference, as `PRAGMA foreign_key_check` words it:
    /// `table row N → parent`, tables in schema order.
    pub(super) dangling: Vec<String>,
    /// Every stored text that is not UTF-8: `table row N: column`.
    pub(super) bad_text: Vec<String>,
}

/// Every dangling reference and every text that is not UTF-8, each table read once.
pub(super) fn scan_tables(conn: &Connection) -> rusqlite::Result<Scanned> {
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut parents: BTreeMap<(String, String), Option<Keys>> = BTreeMap::new();
    let mut found = Scanned::default();
    for table in &tables {
        let texts = super::text_check::text_columns(conn, table)?;
        let Some(references) = references(conn, table)? else {
            found.dangling.extend(by_pragma(conn, table)?);
            scan_child(conn, table, &[], &[], &texts, &mut found)?;
            continue;
        };
        for r in &references {
            if let std::collections::btree_map::Entry::Vacant(slot) =
                parents.entry((r.parent.clone(), r.parent_column.clone()))
            {
                slot.insert(parent_keys(conn, &r.parent, &r.parent_column)?);
            }
        }
        let sets: Option<Vec<&Keys>> = references
            .iter()
            .map(|r| parents.get(&(r.parent.clone(), r.parent_column.clone())).and_then(Option::as_ref))
            .collect();
        match sets {
            Some(sets) => scan_child(conn, table, &references, &sets, &texts, &mut found)?,
            None => {
                found.dangling.extend(by_pragma(conn, table)?);
                scan_child(conn, table, &[], &[], &texts, &mut found)?;
            }
        }
    }
    Ok(found)
}

/// The single-column references of `table`, or `None` when one has several columns.
fn references(conn: &Connection, table: &str) -> rusqlite::Result<Option<Vec<Reference>>> {
    let mut stmt = conn.prepare(
        "SELECT id, seq, \"table\", \"from\", \"to\" FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
    )?;
    let rows: Vec<(i64, i64, String, String, Option<String>)> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))?
        .collect::<rusqlite::Result<_>>()?;
    if rows.iter().any(|(_, seq, ..)| *seq > 0) {
        return Ok(None);
    }
    // A reference without a parent column names the parent's primary key: the pragma's.
    Ok(rows
        .into_iter()
        .map(|(_, _, parent, column, to)| to.map(|parent_column| Reference { column, parent, parent_column }))
        .collect())
}

/// Every key of `parent.column`, or `None` when one is not an integer (or the parent
/// is missing: the pragma then says so).
fn parent_keys(conn: &Connection, parent: &str, column: &str) -> rusqlite::Result<Option<Keys>> {
    let sql = format!("SELECT {} FROM {}", quote(column), quote(parent));
    let Ok(mut stmt) = conn.prepare(&sql) else { return Ok(None) };
    let mut rows = stmt.query([])?;
    let mut keys = Keys::default();
    while let Some(r) = rows.next()? {
        match r.get_ref(0)? {
            ValueRef::Integer(id) => keys.insert(id),
            ValueRef::Null => {}
            _ => return Ok(None),
        }
    }
    Ok(Some(keys))
}

/// Stream `table` once, testing each reference against its parent's keys and each text
/// for UTF-8. A value that is not an integer cannot match an integer key (the column's
/// affinity already turned any that could into one), so it dangles, as the pragma finds.
fn scan_child(
    conn: &Connection,
    table: &str,
    references: &[Reference],
    parents: &[&Keys],
    texts: &[String],
    found: &mut Scanned,
) -> rusqlite::Result<()> {
    if references.is_empty() && texts.is_empty() {
        return Ok(());
    }
    let columns: Vec<String> =
        references.iter().map(|r| quote(&r.column)).chain(texts.iter().map(|t| quote(t))).collect();
    let sql = format!("SELECT rowid, {} FROM {}", columns.join(", "), quote(table));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        for (i, (reference, keys)) in references.iter().zip(parents).enumerate() {
            let found_key = match r.get_ref(i + 1)? {
                ValueRef::Null => true,
                ValueRef::Integer(id) => keys.contains(id),
                _ => false,
            };
            if !found_key {
                found.dangling.push(format!("{table} row {} → {}", r.get::<_, i64>(0)?, reference.parent));
            }
        }
        for (i, column) in texts.iter().enumerate() {
            if let ValueRef::Text(bytes) = r.get_ref(references.len() + i + 1)?
                && std::str::from_utf8(bytes).is_err()
            {
                found.bad_text.push(format!("{table} row {}: {column}", r.get::<_, i64>(0)?));
            }
        }
    }
    Ok(())
}

/// `PRAGMA foreign_key_check` of one table, in its words.
fn by_pragma(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(&format!("PRAGMA foreign_key_check({})", quote(table)))?;
    stmt.query_map([], |r| {
        Ok(format!(
            "{} row {} → {}",
            r.get::<_, String>(0)?,
            r.get::<_, Option<i64>>(1)?.unwrap_or(0),
            r.get::<_, String>(2)?
        ))
    })?
    .collect()
}
