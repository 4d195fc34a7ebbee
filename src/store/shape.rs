//! The schema's shape: the tables, columns, indexes, triggers and views a database holds,
//! and how they differ from what rolecall's migrations create. The expected shape of
//! every version is built once per process by running the migrations on an in-memory
//! database, so it can never drift from the migrations themselves.

use super::{LATEST_VERSION, Result, StoreError};
use rusqlite::Connection;
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// One schema object as SQLite records it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Object {
    /// `table`, `index`, `trigger` or `view`.
    kind: String,
    /// The table an index or trigger belongs to.
    table: String,
    /// Its `CREATE` statement with comments removed and white space collapsed.
    sql: String,
    /// A table's columns (name, type, constraints), in order; empty for other kinds.
    columns: Vec<String>,
}

/// Every object of a schema, by namespace (triggers apart) and name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Shape {
    objects: BTreeMap<(bool, String), Object>,
}

impl Shape {
    /// Whether the schema holds nothing (a new, empty file).
    pub(crate) fn is_empty(&self) -> bool {
        self.objects.is_empty()
    }
}

/// One way a schema differs from rolecall's.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Difference {
    /// What differs, naming the object.
    pub text: String,
    /// True when ordinary reads and writes cannot work (a table or column missing or
    /// changed); false for extra objects, indexes, triggers and constraints.
    pub structural: bool,
}

/// The shape the migrations create at `version` (1 ..= `LATEST_VERSION`), without the
/// tables' column lists: enough to tell whether a database matches.
pub(crate) fn expected(version: i64) -> Result<&'static Shape> {
    static SHAPES: OnceLock<std::result::Result<Vec<Shape>, String>> = OnceLock::new();
    pick(SHAPES.get_or_init(|| build_expected(false).map_err(|e| e.to_string())), version)
}

/// As `expected`, with every table's columns, to say how a database differs.
fn expected_full(version: i64) -> Result<&'static Shape> {
    static SHAPES: OnceLock<std::result::Result<Vec<Shape>, String>> = OnceLock::new();
    pick(SHAPES.get_or_init(|| build_expected(true).map_err(|e| e.to_string())), version)
}

fn pick(shapes: &'static std::result::Result<Vec<Shape>, String>, version: i64) -> Result<&'static Shape> {
    let shapes = shapes
        .as_ref()
        .map_err(|e| StoreError::UnknownSchema(format!("cannot build rolecall's own schema: {e}")))?;
    usize::try_from(version - 1).ok().and_then(|i| shapes.get(i)).ok_or_else(|| {
        StoreError::UnknownSchema(format!("schema version {version} is not one rolecall writes"))
    })
}

fn build_expected(with_columns: bool) -> Result<Vec<Shape>> {
    let conn = Connection::open_in_memory()?;
    let mut shapes = Vec::new();
    super::migrations::run_each(&conn, |version| {
        debug_assert_eq!(version as usize, shapes.len() + 1);
        shapes.push(if with_columns { actual_full(&conn)? } else { actual(&conn)? });
        Ok(())
    })?;
    Ok(shapes)
}

/// The latest version and the SHA-256 of its light shape as the migrations create it
/// (the test `the_latest_digest_is_the_migrations` holds it to them). A database that
/// matches it is checked without building the expected shapes, which runs every
/// migration on an in-memory database: about 15 ms of CPU, most of the start-up of
/// every command and of the board (issue 20). A mismatch only means the slow path.
const LATEST_DIGEST: (i64, &str) = (35, "78082e2254424d86030984209992169c5ed2df156b3345bc7b73c94d3ab6b639");

/// A digest of `shape` (its objects in order, each part length-prefixed).
fn digest(shape: &Shape) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for ((trigger, name), o) in &shape.objects {
        let namespace = if *trigger { "trigger" } else { "object" };
        for part in [namespace, name, &o.kind, &o.table, &o.sql] {
            hasher.update((part.len() as u64).to_le_bytes());
            hasher.update(part.as_bytes());
        }
    }
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}

/// Whether `light` is exactly the latest version's shape, known without the migrations.
fn is_latest(light: &Shape, version: i64) -> bool {
    version == LATEST_DIGEST.0 && version == LATEST_VERSION && digest(light) == LATEST_DIGEST.1
}

/// How the database behind `conn` (whose light shape is `light`) differs from what the
/// migrations create at `version`. The column lists, which cost more to read than the
/// rest, are read only when something differs.
pub(crate) fn compare(conn: &Connection, light: &Shape, version: i64) -> Result<Vec<Difference>> {
    if is_latest(light, version) || differences(expected(version)?, light).is_empty() {
        return Ok(Vec::new());
    }
    Ok(differences(expected_full(version)?, &actual_full(conn)?))
}

/// The shape of the database behind `conn` (schema `main`; SQLite's own objects aside),
/// without column lists.
pub(crate) fn actual(conn: &Connection) -> Result<Shape> {
    let mut stmt = conn.prepare_cached(
        "SELECT type, name, tbl_name, sql FROM sqlite_master
         WHERE name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name",
    )?;
    let mut rows = stmt.query([])?;
    let mut shape = Shape::default();
    while let Some(r) = rows.next()? {
        let kind = lossy(r, 0)?;
        let object =
            Object { table: lossy(r, 2)?, sql: normalise_sql(&lossy(r, 3)?), columns: Vec::new(), kind };
        shape.objects.insert((object.kind == "trigger", lossy(r, 1)?), object);
    }
    Ok(shape)
}

/// As `actual`, with every table's columns.
fn actual_full(conn: &Connection) -> Result<Shape> {
    let mut shape = actual(conn)?;
    add_columns(conn, &mut shape)?;
    Ok(shape)
}

/// A text column read whatever its bytes (a damaged or hostile file may hold any).
fn lossy(r: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<String> {
    Ok(match r.get_ref(i)? {
        rusqlite::types::ValueRef::Text(t) | rusqlite::types::ValueRef::Blob(t) => {
            String::from_utf8_lossy(t).into_owned()
        }
        rusqlite::types::ValueRef::Null => String::new(),
        rusqlite::types::ValueRef::Integer(n) => n.to_string(),
        rusqlite::types::ValueRef::Real(x) => x.to_string(),
    })
}

/// Every table's columns, in one query (one per table cost more than the rest together).
fn add_columns(conn: &Connection, shape: &mut Shape) -> Result<()> {
    let mut stmt = conn.prepare_cached(
        "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden
         FROM sqlite_master m JOIN pragma_table_xinfo(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY m.name, p.cid",
    )?;
    let mut rows = stmt.query([])?;
    while let Some(r) = rows.next()? {
        let mut text = format!("{} {}", lossy(r, 1)?, lossy(r, 2)?);
        if r.get::<_, i64>(3)? != 0 {
            text.push_str(" NOT NULL");
        }
        if let rusqlite::types::ValueRef::Text(_) = r.get_ref(4)? {
            text.push_str(&format!(" DEFAULT {}", lossy(r, 4)?));
        }
        if r.get::<_, i64>(5)? != 0 {
            text.push_str(" PRIMARY KEY");
        }
        if r.get::<_, i64>(6)? != 0 {
            text.push_str(" HIDDEN");
        }
        if let Some(table) = shape.objects.get_mut(&(false, lossy(r, 0)?)) {
            table.columns.push(text.trim_end().to_string());
        }
    }
    Ok(())
}

/// A `CREATE` statement without comments, with every run of white space outside quotes
/// made one space: two statements that say the same thing compare equal, and any change
/// of a word, even inside a string, does not.
pub(crate) fn normalise_sql(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' | '`' | '[' => {
                flush_space(&mut out, &mut space);
                let close = if c == '[' { ']' } else { c };
                out.push(c);
                for q in chars.by_ref() {
                    out.push(q);
                    if q == close {
                        break;
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                chars.by_ref().take_while(|&q| q != '\n').for_each(drop);
                space = true;
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                for q in chars.by_ref() {
                    if last == '*' && q == '/' {
                        break;
                    }
                    last = q;
                }
                space = true;
            }
            c if c.is_whitespace() => space = true,
            c => {
                flush_space(&mut out, &mut space);
                out.push(c);
            }
        }
    }
    out
}

fn flush_space(out: &mut String, space: &mut bool) {
    if *space && !out.is_empty() {
        out.push(' ');
    }
    *space = false;
}

/// Everything `actual` has that `expected` lacks, lacks that it has, or holds differently.
pub(crate) fn differences(expected: &Shape, actual: &Shape) -> Vec<Difference> {
    let mut out = Vec::new();
    for (key, want) in &expected.objects {
        let name = quoted(&key.1);
        match actual.objects.get(key) {
            None => out.push(Difference {
                text: format!("{} {name}{} is missing", want.kind, on_table(want)),
                structural: want.kind == "table",
            }),
            Some(got) if got.kind != want.kind => out.push(Difference {
                text: format!("{name} is a {}, rolecall's is a {}", got.kind, want.kind),
                structural: want.kind == "table",
            }),
            Some(got) if got.sql != want.sql => out.extend(changed(&name, want, got)),
            Some(_) => {}
        }
    }
    for (key, got) in &actual.objects {
        if !expected.objects.contains_key(key) {
            out.push(Difference {
                text: format!("unexpected {} {}{}", got.kind, quoted(&key.1), on_table(got)),
                structural: false,
            });
        }
    }
    out
}

/// How one object of the same name and kind differs.
fn changed(name: &str, want: &Object, got: &Object) -> Vec<Difference> {
    if want.kind != "table" {
        let text = format!("{} {name}{} differs from rolecall's", want.kind, on_table(got));
        return vec![Difference { text, structural: false }];
    }
    let mut out = Vec::new();
    let column_name = |c: &String| c.split(' ').next().unwrap_or_default().to_string();
    for w in &want.columns {
        match got.columns.iter().find(|g| column_name(g) == column_name(w)) {
            None => out.push(format!("table {name}: column {} is missing", quoted(&column_name(w)))),
            Some(g) if g != w => out.push(format!("table {name}: column `{g}`, rolecall's is `{w}`")),
            Some(_) => {}
        }
    }
    for g in &got.columns {
        if !want.columns.iter().any(|w| column_name(w) == column_name(g)) {
            out.push(format!("table {name}: unexpected column {}", quoted(&column_name(g))));
        }
    }
    if out.is_empty() {
        let text = format!("table {name}: its constraints differ from rolecall's");
        return vec![Difference { text, structural: false }];
    }
    out.into_iter().map(|text| Difference { text, structural: true }).collect()
}

fn on_table(o: &Object) -> String {
    if o.kind == "index" || o.kind == "trigger" { format!(" on {}", quoted(&o.table)) } else { String::new() }
}

/// A stored name in quotes, with control characters escaped so none reaches a terminal.
pub(crate) fn quoted(name: &str) -> String {
    format!("'{}'", name.chars().flat_map(char::escape_debug).collect::<String>())
}

/// The version whose shape `actual` is exactly, if any.
pub(crate) fn matching_version(actual: &Shape) -> Result<Option<i64>> {
    for version in (1..=LATEST_VERSION).rev() {
        if differences(expected(version)?, actual).is_empty() {
            return Ok(Some(version));
        }
    }
    Ok(None)
}

#[cfg(test)]
#[path = "shape_tests.rs"]
mod tests;
