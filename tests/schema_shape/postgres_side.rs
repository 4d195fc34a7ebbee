//! The shape of a PostgreSQL database (its current schema), from `information_schema`
//! for columns and the catalogue for keys, checks, indexes and triggers.

use super::{Check, Column, ForeignKey, Index, Shape, Table, Trigger, literals};
use postgres::Client;

/// Describe every table, index and trigger of the current schema.
pub fn shape(client: &mut Client) -> Shape {
    let mut shape = Shape::default();
    let tables: Vec<String> = client
        .query(
            "SELECT table_name::text FROM information_schema.tables
              WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| r.get(0))
        .collect();
    for name in tables {
        let table = table(client, &name);
        shape.tables.insert(name, table);
    }
    shape.indexes = indexes(client);
    shape.triggers = triggers(client);
    shape
}

/// `'[]'::text` → `'[]'`: the default without PostgreSQL's cast.
fn canonical_default(default: &str) -> String {
    match default.rfind("::") {
        Some(at) if default[..at].ends_with('\'') => default[..at].to_string(),
        _ => default.to_string(),
    }
}

fn table(client: &mut Client, name: &str) -> Table {
    let columns = client
        .query(
            "SELECT column_name::text, data_type::text, is_nullable::text = 'NO', column_default::text,
                    is_identity::text = 'YES'
               FROM information_schema.columns
              WHERE table_schema = current_schema() AND table_name = $1
              ORDER BY ordinal_position",
            &[&name],
        )
        .unwrap()
        .iter()
        .map(|r| Column {
            name: r.get(0),
            ty: r.get(1),
            not_null: r.get(2),
            default: r.get::<_, Option<String>>(3).map(|d| canonical_default(&d)),
            auto_id: r.get(4),
        })
        .collect();
    let mut table = Table { columns, ..Table::default() };
    // Each constraint with its columns (and the referenced ones), in key order.
    let rows = client
        .query(
            "SELECT c.contype::text,
                    ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY o),
                    c.confrelid::regclass::text,
                    ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY o),
                    c.confdeltype::text, pg_get_constraintdef(c.oid)
               FROM pg_constraint c
              WHERE c.conrelid = $1::text::regclass
                AND c.contype <> 't' -- a constraint trigger: read with the triggers",
            &[&name],
        )
        .unwrap();
    for r in rows {
        let kind: String = r.get(0);
        let columns: Vec<String> = r.get(1);
        match kind.as_str() {
            "p" => table.primary_key = columns,
            "u" => {
                table.uniques.insert(columns);
            }
            "f" => {
                let on_delete = match r.get::<_, String>(4).as_str() {
                    "a" => "NO ACTION",
                    "c" => "CASCADE",
                    "r" => "RESTRICT",
                    "n" => "SET NULL",
                    _ => "SET DEFAULT",
                };
                table.foreign_keys.insert(ForeignKey {
                    columns,
                    table: r.get(2),
                    to: r.get(3),
                    on_delete: on_delete.to_string(),
                });
            }
            "c" => {
                let text: String = r.get(5);
                let column = columns.into_iter().next().expect("a check on one column");
                table.checks.insert(Check { column, literals: literals(&text) });
            }
            other => panic!("constraint kind {other} on {name} has no SQLite twin to compare with"),
        }
    }
    table
}

fn indexes(client: &mut Client) -> std::collections::BTreeSet<Index> {
    client
        .query(
            "SELECT t.relname::text, i.relname::text, ix.indisunique, ix.indpred IS NOT NULL,
                    ARRAY(SELECT coalesce(a.attname::text, '<expr>')
                            FROM unnest(ix.indkey::int2[]) WITH ORDINALITY k(n, o)
                            LEFT JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.n
                           ORDER BY o)
               FROM pg_index ix
               JOIN pg_class i ON i.oid = ix.indexrelid
               JOIN pg_class t ON t.oid = ix.indrelid
               JOIN pg_namespace n ON n.oid = t.relnamespace
              WHERE n.nspname = current_schema()
                AND NOT EXISTS (SELECT 1 FROM pg_constraint c
                                 WHERE c.conindid = ix.indexrelid AND c.contype IN ('p', 'u'))",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| Index {
            table: r.get(0),
            name: r.get(1),
            unique: r.get(2),
            partial: r.get(3),
            columns: r.get(4),
        })
        .collect()
}

fn triggers(client: &mut Client) -> std::collections::BTreeSet<Trigger> {
    client
        .query(
            "SELECT c.relname::text, tg.tgname::text, tg.tgtype::int4,
                    ARRAY(SELECT a.attname::text FROM unnest(tg.tgattr::int2[]) WITH ORDINALITY k(n, o)
                          JOIN pg_attribute a ON a.attrelid = tg.tgrelid AND a.attnum = k.n ORDER BY o)
               FROM pg_trigger tg
               JOIN pg_class c ON c.oid = tg.tgrelid
               JOIN pg_namespace n ON n.oid = c.relnamespace
              WHERE NOT tg.tgisinternal AND n.nspname = current_schema()",
            &[],
        )
        .unwrap()
        .iter()
        .map(|r| {
            let bits: i32 = r.get(2);
            let timing = if bits & 2 != 0 { "BEFORE" } else { "AFTER" };
            let event = match bits & (4 | 8 | 16 | 32) {
                4 => "INSERT",
                8 => "DELETE",
                16 => "UPDATE",
                32 => "TRUNCATE",
                _ => "SEVERAL",
            };
            Trigger { table: r.get(0), name: r.get(1), event: format!("{timing} {event}"), columns: r.get(3) }
        })
        .collect()
}
