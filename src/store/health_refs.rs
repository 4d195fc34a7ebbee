//! `doctor`'s foreign-key check, what `PRAGMA foreign_key_check` finds, in one
//! sequential pass per table. The pragma looks every reference up in its parent's
//! b-tree: 8.6 M events with seven references each took 32 s of CPU at a million
//! candidates. Here each parent's keys are read once into a bit set (a million ids are
//! 125 KB) and each child table is streamed once, every reference tested against the set.
//! A table whose references this cannot follow (a key of several columns, a parent key
//! that is not an integer) is left to the pragma, table by table. The same pass reads
//! each table's text columns for `doctor`'s text check (`text_check.rs`), so the large
//! tables are read once for both (the event log and the scorecards' scores are 3 GB of
//! the 5 GB at a million candidates). A parent whose keys are its row ids with no holes
//! is kept as its first and last id, without reading them. The tables can be scanned
//! on several threads (`scan` takes the ones it reads; `health_pass.rs` splits them) and
//! their findings joined in schema order. Each row's columns are read once, whoever
//! needs them: the replay of the log (`health_log.rs`) takes the log's rows from here.
//!
//! Tried and measured worse (100k, each thread's CPU): folding the references into one
//! SQL flag (`typeof(c) = 'integer' AND c BETWEEN first AND last`) and the texts into
//! one joined text, to read fewer columns per row: SQLite's evaluation of those
//! expressions cost more than the column reads they saved (about 170 ns a row for the
//! flag on `interview_scores`, against some 40 ns for reading the column).

use rusqlite::Connection;
use rusqlite::types::ValueRef;
use std::collections::{BTreeMap, HashSet};

/// One reference of a child table: its column and the parent table and column.
pub(super) struct Reference {
    pub(super) column: String,
    pub(super) parent: String,
    parent_column: String,
}

/// A set of integer keys: a bit per id for the small dense ids rolecall writes, a hash
/// set for any other; or, for a table's row ids known to have no holes, just the first
/// and the last.
#[derive(Default)]
pub(super) struct Keys {
    bits: Vec<u64>,
    other: HashSet<i64>,
    span: Option<(i64, i64)>,
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

    pub(super) fn contains(&self, id: i64) -> bool {
        if let Some((first, last)) = self.span {
            (first..=last).contains(&id)
        } else if (0..BITS_LIMIT).contains(&id) {
            self.bits.get((id / 64) as usize).is_some_and(|w| w & (1 << (id % 64)) != 0)
        } else {
            self.other.contains(&id)
        }
    }
}

/// Quote an identifier for SQL.
pub(super) fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// What the pass finds in one table.
#[derive(Default)]
pub(super) struct Found {
    /// Every dangling reference, as `PRAGMA foreign_key_check` words it: `table row N → parent`.
    pub(super) dangling: Vec<String>,
    /// Every stored text that is not UTF-8: `table row N: column`.
    pub(super) bad_text: Vec<String>,
}

/// What a pass over some of the tables finds, each table's findings by its place in
/// the schema, so that passes run on several threads join in the pragma's order.
#[derive(Default)]
pub(super) struct Scanned {
    tables: Vec<(usize, Found)>,
}

impl Scanned {
    /// The findings of both passes, tables in schema order: the dangling references and
    /// the texts that are not UTF-8.
    pub(super) fn join(mut self, other: Scanned) -> (Vec<String>, Vec<String>) {
        self.tables.extend(other.tables);
        self.tables.sort_by_key(|(at, _)| *at);
        let (mut dangling, mut bad_text) = (Vec::new(), Vec::new());
        for (_, found) in self.tables {
            dangling.extend(found.dangling);
            bad_text.extend(found.bad_text);
        }
        (dangling, bad_text)
    }
}

/// One table of the pass: what is read of it.
pub(super) struct Table {
    pub(super) name: String,
    /// Its text columns, for the text check.
    pub(super) texts: Vec<String>,
    /// Its references, each with the place of its parent's keys in [`Plan::keys`];
    /// `None` when the pragma checks this table.
    references: Option<Vec<(Reference, usize)>>,
    /// Its largest row id: the progress's estimate of its rows.
    rows: u64,
}

/// What the pass reads, table by table, and every parent's keys, read once and shared
/// by the threads that scan the tables.
pub(super) struct Plan {
    tables: Vec<Table>,
    keys: Vec<Keys>,
}

/// A table's rows handed to another check as they are read (the event log's replay),
/// so that table is read once for all of them.
pub(super) trait RowHook {
    /// The table whose rows it takes.
    fn table(&self) -> &'static str;
    /// The columns it reads, in the order [`RowHook::row`] gets them.
    fn columns(&self) -> &'static [&'static str];
    /// One row's values of [`RowHook::columns`], in the table's order.
    fn row(&mut self, values: &[ValueRef<'_>]);
}

/// Every table's references and texts, and every parent's keys.
pub(super) fn plan(conn: &Connection) -> rusqlite::Result<Plan> {
    let names: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY rowid")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut places: BTreeMap<(String, String), Option<usize>> = BTreeMap::new();
    let mut plan = Plan { tables: Vec::new(), keys: Vec::new() };
    for name in names {
        let texts = super::text_check::text_columns(conn, &name)?;
        let single = references(conn, &name)?;
        let whole = single.is_some();
        let mut placed = Vec::new();
        for r in single.unwrap_or_default() {
            let key = (r.parent.clone(), r.parent_column.clone());
            let place = match places.get(&key) {
                Some(place) => *place,
                None => {
                    let keys = parent_keys(conn, &r.parent, &r.parent_column)?;
                    let place = keys.map(|k| {
                        plan.keys.push(k);
                        plan.keys.len() - 1
                    });
                    places.insert(key, place);
                    place
                }
            };
            placed.push(place.map(|p| (r, p)));
        }
        // A table with a reference of several columns, or one to a parent whose keys
        // are not all integers, is left to the pragma.
        let references = if whole { placed.into_iter().collect() } else { None };
        let rows: Option<i64> = conn
            .query_row(&format!("SELECT max(rowid) FROM {}", quote(&name)), [], |r| r.get(0))
            .unwrap_or(None);
        plan.tables.push(Table { name, texts, references, rows: rows.unwrap_or(0).max(0) as u64 });
    }
    Ok(plan)
}

impl Plan {
    /// The rows the pass will read of the tables `which` takes (an estimate: the largest
    /// row ids), for its progress.
    pub(super) fn rows(&self, which: &dyn Fn(&str) -> bool) -> u64 {
        self.tables.iter().filter(|t| which(&t.name)).map(|t| t.rows).sum()
    }
}

/// Progress is reported every this many rows.
pub(super) const EVERY: u64 = 1 << 16;

/// Every dangling reference and every text that is not UTF-8 in the tables `which`
/// takes, each read once, handing `hook` its table's rows; `tick` gets the rows read so
/// far every few thousand.
pub(super) fn scan(
    conn: &Connection,
    plan: &Plan,
    which: &dyn Fn(&str) -> bool,
    mut hook: Option<&mut dyn RowHook>,
    tick: &mut dyn FnMut(u64),
) -> rusqlite::Result<Scanned> {
    let mut scanned = Scanned::default();
    let mut done = 0;
    for (at, table) in plan.tables.iter().enumerate().filter(|(_, t)| which(&t.name)) {
        let mut found = Found::default();
        let references: Vec<(&Reference, &Keys)> = match &table.references {
            Some(references) => references.iter().map(|(r, place)| (r, &plan.keys[*place])).collect(),
            None => {
                found.dangling.extend(by_pragma(conn, &table.name)?);
                Vec::new()
            }
        };
        let hook: Option<&mut dyn RowHook> = match hook.as_mut() {
            Some(h) if h.table() == table.name => Some(&mut **h),
            _ => None,
        };
        scan_table(conn, table, &references, hook, &mut found, &mut || {
            done += EVERY;
            tick(done)
        })?;
        scanned.tables.push((at, found));
    }
    Ok(scanned)
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
    if let Some(span) = row_id_span(conn, parent, column) {
        return Ok(Some(Keys { span: Some(span), ..Keys::default() }));
    }
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

/// `(first, last)` when `parent.column` is the table's row id and its ids have no holes
/// (as many rows as ids from the first to the last): three look-ups instead of reading
/// every id (8.7 M events at a million candidates). Row ids are unique integers, so
/// they are then exactly that range. `None` sends the keys to be read one by one.
fn row_id_span(conn: &Connection, parent: &str, column: &str) -> Option<(i64, i64)> {
    let (p, c) = (quote(parent), quote(column));
    // SQLite's own word on whether the column is the row id (an INTEGER PRIMARY KEY).
    let plan: String = conn
        .query_row(&format!("EXPLAIN QUERY PLAN SELECT 1 FROM {p} WHERE {c} = 1"), [], |r| r.get(3))
        .ok()?;
    if !plan.contains("USING INTEGER PRIMARY KEY") {
        return None;
    }
    let one = |sql: String| conn.query_row(&sql, [], |r| r.get::<_, Option<i64>>(0)).ok().flatten();
    let count = one(format!("SELECT count(*) FROM {p}"))?;
    let first = one(format!("SELECT min({c}) FROM {p}"))?;
    let last = one(format!("SELECT max({c}) FROM {p}"))?;
    (count > 0 && last.checked_sub(first).and_then(|d| d.checked_add(1)) == Some(count))
        .then_some((first, last))
}

/// Stream `table` once, testing each reference against its parent's keys and each text
/// for UTF-8, and handing `hook` the columns it reads. A value that is not an integer
/// cannot match an integer key (the column's affinity already turned any that could into
/// one), so it dangles, as the pragma finds.
fn scan_table(
    conn: &Connection,
    table: &Table,
    references: &[(&Reference, &Keys)],
    mut hook: Option<&mut dyn RowHook>,
    found: &mut Found,
    tick: &mut dyn FnMut(),
) -> rusqlite::Result<()> {
    let mut columns: Vec<String> =
        references.iter().map(|(r, _)| r.column.clone()).chain(table.texts.iter().cloned()).collect();
    let hooked: &[&str] = hook.as_ref().map(|h| h.columns()).unwrap_or_default();
    let at: Vec<usize> = hooked.iter().map(|c| place_of(&mut columns, c)).collect();
    if columns.is_empty() {
        return Ok(());
    }
    let list: Vec<String> = columns.iter().map(|c| quote(c)).collect();
    let sql = format!("SELECT rowid, {} FROM {}", list.join(", "), quote(&table.name));
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query([])?;
    let (n, texts) = (columns.len(), references.len());
    let mut count = 0u64;
    while let Some(r) = rows.next()? {
        count += 1;
        if count.is_multiple_of(EVERY) {
            tick();
        }
        // Rolecall's widest read is 16 columns; a wider one (not rolecall's) pays for a vector.
        let (mut small, mut wide) = ([ValueRef::Null; 16], Vec::new());
        let values: &mut [ValueRef<'_>] = if n <= small.len() {
            &mut small[..n]
        } else {
            wide.resize(n, ValueRef::Null);
            &mut wide
        };
        for (i, v) in values.iter_mut().enumerate() {
            *v = r.get_ref(i + 1)?;
        }
        for (i, (reference, keys)) in references.iter().enumerate() {
            let found_key = match values[i] {
                ValueRef::Null => true,
                ValueRef::Integer(id) => keys.contains(id) || parent_has(conn, reference, id)?,
                _ => false,
            };
            if !found_key {
                found.dangling.push(format!(
                    "{} row {} → {}",
                    table.name,
                    r.get::<_, i64>(0)?,
                    reference.parent
                ));
            }
        }
        for (i, column) in table.texts.iter().enumerate() {
            if let ValueRef::Text(bytes) = values[texts + i]
                && std::str::from_utf8(bytes).is_err()
            {
                found.bad_text.push(format!("{} row {}: {column}", table.name, r.get::<_, i64>(0)?));
            }
        }
        if let Some(hook) = hook.as_mut() {
            let mut picked = [ValueRef::Null; 16];
            for (to, from) in picked.iter_mut().zip(&at) {
                *to = values[*from];
            }
            hook.row(&picked[..at.len().min(picked.len())]);
        }
    }
    Ok(())
}

/// Whether `reference`'s parent has key `id` as this connection reads it now: the keys
/// were read before the scan, so a parent written since by someone else is looked up in
/// the snapshot that shows its child (the scan's own) before the child is called dangling.
fn parent_has(conn: &Connection, reference: &Reference, id: i64) -> rusqlite::Result<bool> {
    let sql =
        format!("SELECT 1 FROM {} WHERE {} = ?1", quote(&reference.parent), quote(&reference.parent_column));
    conn.prepare_cached(&sql)?.exists([id])
}

/// Where `column` is in `columns`, adding it at the end when it is not there yet.
fn place_of(columns: &mut Vec<String>, column: &str) -> usize {
    match columns.iter().position(|c| c.eq_ignore_ascii_case(column)) {
        Some(at) => at,
        None => {
            columns.push(column.to_string());
            columns.len() - 1
        }
    }
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

#[cfg(test)]
#[path = "health_refs_tests.rs"]
mod tests;
