//! The shape of a rolecall schema — tables, columns, keys, checks, indexes, triggers —
//! read from SQLite and from PostgreSQL into one form, so the two can be compared.
//! SQLite's types are written as the PostgreSQL type each one is expected to become
//! (`sqlite::expected_type`): that table is the definition of "equivalent".

pub mod postgres_side;
pub mod sqlite_side;

use std::collections::{BTreeMap, BTreeSet};

/// One column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Column {
    pub name: String,
    /// PostgreSQL's name of the type (SQLite's: the one it maps to).
    pub ty: String,
    pub not_null: bool,
    /// The default, as a canonical literal (`''`, `'[]'`, `0`, `false`, …).
    pub default: Option<String>,
    /// Ids the database assigns (SQLite's INTEGER PRIMARY KEY, PostgreSQL's identity).
    pub auto_id: bool,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct ForeignKey {
    pub columns: Vec<String>,
    pub table: String,
    pub to: Vec<String>,
    /// `NO ACTION`, `CASCADE`, …
    pub on_delete: String,
}

/// A CHECK on one column: the literals it names (quoted strings and numbers), sorted,
/// which is what two dialects' texts of the same check have in common.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Check {
    pub column: String,
    pub literals: Vec<String>,
}

/// One table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    pub columns: Vec<Column>,
    pub primary_key: Vec<String>,
    pub uniques: BTreeSet<Vec<String>>,
    pub foreign_keys: BTreeSet<ForeignKey>,
    pub checks: BTreeSet<Check>,
}

/// An index created by a migration (not one behind a key).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Index {
    pub table: String,
    pub name: String,
    /// Column names; `<expr>` for an expression.
    pub columns: Vec<String>,
    pub unique: bool,
    pub partial: bool,
}

/// A trigger.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Trigger {
    pub table: String,
    pub name: String,
    /// `BEFORE UPDATE`, …
    pub event: String,
    /// The columns of `UPDATE OF …`, if any.
    pub columns: Vec<String>,
}

/// A whole schema.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Shape {
    pub tables: BTreeMap<String, Table>,
    pub indexes: BTreeSet<Index>,
    pub triggers: BTreeSet<Trigger>,
}

/// The quoted strings and numbers in a CHECK's text, sorted.
pub fn literals(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '\'' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != '\'' {
                i += 1;
            }
            out.push(chars[start..=i.min(chars.len() - 1)].iter().collect());
        } else if c.is_ascii_digit() && (i == 0 || !(chars[i - 1].is_alphanumeric() || chars[i - 1] == '_')) {
            let start = i;
            while i + 1 < chars.len() && chars[i + 1].is_ascii_digit() {
                i += 1;
            }
            out.push(chars[start..=i].iter().collect());
        } else if c.is_alphabetic() || c == '_' {
            while i + 1 < chars.len() && (chars[i + 1].is_alphanumeric() || chars[i + 1] == '_') {
                i += 1;
            }
        }
        i += 1;
    }
    out.sort();
    out
}

/// What differs between two shapes, one line per difference (empty when equal).
pub fn differences(sqlite: &Shape, postgres: &Shape) -> Vec<String> {
    let mut out = Vec::new();
    let names: BTreeSet<&String> = sqlite.tables.keys().chain(postgres.tables.keys()).collect();
    for name in names {
        match (sqlite.tables.get(name), postgres.tables.get(name)) {
            (Some(a), Some(b)) => table_differences(name, a, b, &mut out),
            (Some(_), None) => out.push(format!("table {name} only on SQLite")),
            (None, Some(_)) => out.push(format!("table {name} only on PostgreSQL")),
            _ => {}
        }
    }
    for index in sqlite.indexes.symmetric_difference(&postgres.indexes) {
        let side = if sqlite.indexes.contains(index) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("index only on {side}: {index:?}"));
    }
    for trigger in sqlite.triggers.symmetric_difference(&postgres.triggers) {
        let side = if sqlite.triggers.contains(trigger) { "SQLite" } else { "PostgreSQL" };
        out.push(format!("trigger only on {side}: {trigger:?}"));
    }
    out
}

fn table_differences(name: &str, a: &Table, b: &Table, out: &mut Vec<String>) {
    let columns: BTreeSet<&str> = a.columns.iter().chain(&b.columns).map(|c| c.name.as_str()).collect();
    for column in columns {
        let find =
            |t: &Table| t.columns.iter().position(|c| c.name == column).map(|i| (i, t.columns[i].clone()));
        match (find(a), find(b)) {
            (Some(x), Some(y)) if x != y => {
                out.push(format!("{name}.{column}: sqlite {x:?}, postgres {y:?} (position, column)"))
            }
            (Some(_), None) => out.push(format!("{name}.{column} only on SQLite")),
            (None, Some(_)) => out.push(format!("{name}.{column} only on PostgreSQL")),
            _ => {}
        }
    }
    if a.primary_key != b.primary_key {
        out.push(format!("{name} primary key: sqlite {:?}, postgres {:?}", a.primary_key, b.primary_key));
    }
    let sets = |what: &str, x: Vec<String>, y: Vec<String>, out: &mut Vec<String>| {
        for item in x.iter().filter(|i| !y.contains(i)) {
            out.push(format!("{name} {what} only on SQLite: {item}"));
        }
        for item in y.iter().filter(|i| !x.contains(i)) {
            out.push(format!("{name} {what} only on PostgreSQL: {item}"));
        }
    };
    let debug = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>();
    sets(
        "unique key",
        debug(&mut a.uniques.iter().map(|u| format!("{u:?}"))),
        debug(&mut b.uniques.iter().map(|u| format!("{u:?}"))),
        out,
    );
    sets(
        "foreign key",
        debug(&mut a.foreign_keys.iter().map(|k| format!("{k:?}"))),
        debug(&mut b.foreign_keys.iter().map(|k| format!("{k:?}"))),
        out,
    );
    sets(
        "check",
        debug(&mut a.checks.iter().map(|c| format!("{c:?}"))),
        debug(&mut b.checks.iter().map(|c| format!("{c:?}"))),
        out,
    );
}

#[test]
fn literals_of_both_dialects_agree() {
    assert_eq!(
        literals("kind IN ('interview', 'offer')"),
        literals("CHECK ((kind = ANY (ARRAY['interview'::text, 'offer'::text])))")
    );
    assert_eq!(
        literals("rating IS NULL OR rating BETWEEN 1 AND 4"),
        literals("CHECK (((rating IS NULL) OR ((rating >= 1) AND (rating <= 4))))")
    );
    assert_ne!(literals("x BETWEEN 1 AND 4"), literals("x BETWEEN 1 AND 5"));
}
