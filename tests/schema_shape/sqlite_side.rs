//! The shape of a SQLite database, from `sqlite_master` and the `pragma_*` functions.

use super::{Check, Column, ForeignKey, Index, Shape, Table, Trigger, literals};
use rusqlite::Connection;

/// The PostgreSQL type a SQLite column is expected to have: INTEGER is BIGINT, a 0/1
/// flag BOOLEAN, a time (`at`, `*_at`) TIMESTAMPTZ, a day (`held_on`) DATE, other TEXT
/// stays TEXT.
pub fn expected_type(declared: &str, column: &str) -> String {
    let ty = match (declared, column) {
        ("INTEGER", "retired" | "erased") => "boolean",
        ("INTEGER", _) => "bigint",
        ("TEXT", "held_on") => "date",
        ("TEXT", c) if c == "at" || c.ends_with("_at") => "timestamp with time zone",
        ("TEXT", _) => "text",
        (other, _) => panic!("no PostgreSQL twin defined for SQLite type {other} ({column})"),
    };
    ty.to_string()
}

fn strings(conn: &Connection, sql: &str, arg: &str) -> Vec<String> {
    let mut stmt = conn.prepare(sql).unwrap();
    stmt.query_map([arg], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

/// Describe every table, index and trigger.
pub fn shape(conn: &Connection) -> Shape {
    let mut shape = Shape::default();
    for name in
        strings(conn, "SELECT name FROM sqlite_master WHERE type = ?1 AND name NOT LIKE 'sqlite_%'", "table")
    {
        shape.indexes.extend(indexes(conn, &name));
        shape.tables.insert(name.clone(), table(conn, &name));
    }
    shape.triggers = triggers(conn);
    shape
}

fn table(conn: &Connection, name: &str) -> Table {
    let mut stmt = conn
        .prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid")
        .unwrap();
    let rows: Vec<(String, String, bool, Option<String>, i64)> = stmt
        .query_map([name], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut primary: Vec<(i64, String)> =
        rows.iter().filter(|r| r.4 > 0).map(|r| (r.4, r.0.clone())).collect();
    primary.sort();
    let single_integer_key = primary.len() == 1;
    let columns = rows
        .iter()
        .map(|(column, declared, not_null, default, pk)| {
            let ty = expected_type(declared, column);
            let default = default.as_ref().map(|d| match (ty.as_str(), d.as_str()) {
                ("boolean", "0") => "false".to_string(),
                ("boolean", "1") => "true".to_string(),
                _ => d.clone(),
            });
            // An INTEGER PRIMARY KEY is never NULL, whatever the pragma says.
            let auto_id = *pk > 0 && single_integer_key && declared == "INTEGER";
            Column { name: column.clone(), ty, not_null: *not_null || *pk > 0, default, auto_id }
        })
        .collect();
    Table {
        columns,
        primary_key: primary.into_iter().map(|(_, c)| c).collect(),
        uniques: uniques(conn, name),
        foreign_keys: foreign_keys(conn, name),
        checks: checks(conn, name),
    }
}

fn index_columns(conn: &Connection, index: &str) -> Vec<String> {
    let mut stmt = conn
        .prepare("SELECT coalesce(name, '<expr>') FROM pragma_index_xinfo(?1) WHERE key = 1 ORDER BY seqno")
        .unwrap();
    stmt.query_map([index], |r| r.get(0)).unwrap().map(Result::unwrap).collect()
}

fn uniques(conn: &Connection, table: &str) -> std::collections::BTreeSet<Vec<String>> {
    strings(conn, "SELECT name FROM pragma_index_list(?1) WHERE origin = 'u'", table)
        .iter()
        .map(|index| index_columns(conn, index))
        .collect()
}

fn indexes(conn: &Connection, table: &str) -> Vec<Index> {
    let mut stmt = conn
        .prepare("SELECT name, \"unique\", partial FROM pragma_index_list(?1) WHERE origin = 'c'")
        .unwrap();
    let rows: Vec<(String, bool, bool)> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    rows.into_iter()
        .map(|(name, unique, partial)| Index {
            table: table.to_string(),
            columns: index_columns(conn, &name),
            name,
            unique,
            partial,
        })
        .collect()
}

fn foreign_keys(conn: &Connection, table: &str) -> std::collections::BTreeSet<ForeignKey> {
    let mut stmt = conn
        .prepare("SELECT id, \"table\", \"from\", \"to\", on_delete FROM pragma_foreign_key_list(?1) ORDER BY id, seq")
        .unwrap();
    let rows: Vec<(i64, String, String, String, String)> = stmt
        .query_map([table], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut keys: std::collections::BTreeMap<i64, ForeignKey> = Default::default();
    for (id, to_table, from, to, on_delete) in rows {
        let key = keys.entry(id).or_insert_with(|| ForeignKey {
            columns: vec![],
            table: to_table,
            to: vec![],
            on_delete,
        });
        key.columns.push(from);
        key.to.push(to);
    }
    keys.into_values().collect()
}

/// CHECKs from the table's SQL: each top-level part of its column list that holds one.
fn checks(conn: &Connection, table: &str) -> std::collections::BTreeSet<Check> {
    let sql: String = conn
        .query_row("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", [table], |r| r.get(0))
        .unwrap();
    let body = &sql[sql.find('(').unwrap() + 1..sql.rfind(')').unwrap()];
    let mut parts = vec![String::new()];
    let mut depth = 0;
    for c in body.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts
        .iter()
        .map(|p| strip_comments(p))
        .filter_map(|part| {
            let at = part.find("CHECK")?;
            let column = part.split_whitespace().next()?.to_string();
            Some(Check { column, literals: literals(&part[at..]) })
        })
        .collect()
}

fn strip_comments(part: &str) -> String {
    part.lines().map(|l| l.split("--").next().unwrap_or_default()).collect::<Vec<_>>().join("\n")
}

fn triggers(conn: &Connection) -> std::collections::BTreeSet<Trigger> {
    let mut stmt =
        conn.prepare("SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger'").unwrap();
    let rows: Vec<(String, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect();
    rows.into_iter()
        .map(|(name, table, sql)| {
            let words: Vec<&str> = sql.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "BEFORE" || *w == "AFTER").expect("timing");
            let event = format!("{} {}", words[at], words[at + 1]);
            let columns = if words.get(at + 2) == Some(&"OF") {
                let on = words.iter().position(|w| *w == "ON").unwrap();
                words[at + 3..on].join(" ").split(',').map(|c| c.trim().to_string()).collect()
            } else {
                vec![]
            };
            Trigger { table, name, event, columns }
        })
        .collect()
}
