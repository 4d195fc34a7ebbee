//! Tests of `shape.rs`, in their own file: they open a whole `Store`, which `shape.rs`
//! itself must not name (opening a store checks the shape).

use super::*;
use crate::store::Store;
use crate::store::handle::Backend;

/// The SQLite connection of an in-memory store.
fn conn(store: &Store) -> &rusqlite::Connection {
    match &store.backend {
        Backend::Sqlite(conn) => conn,
        #[cfg(feature = "postgres")]
        Backend::Postgres(_) => unreachable!("an in-memory store is SQLite"),
    }
}

#[test]
fn normalising_drops_comments_and_space_but_keeps_quoted_text() {
    assert_eq!(
        normalise_sql("CREATE  TABLE t (\n  a INT, -- note\n  b /* x */ TEXT)"),
        "CREATE TABLE t ( a INT, b TEXT)"
    );
    assert_ne!(normalise_sql("SELECT 'a  b'"), normalise_sql("SELECT 'a b'"));
    assert_ne!(normalise_sql("SELECT '--x' , 1"), normalise_sql("SELECT '--x'"));
}

#[test]
fn a_migrated_database_has_exactly_the_latest_shape() {
    let store = crate::store::Store::open_in_memory().expect("store");
    let shape = actual(conn(&store)).expect("shape");
    assert_eq!(differences(expected(LATEST_VERSION).expect("expected"), &shape), Vec::new());
    assert_eq!(matching_version(&shape).expect("match"), Some(LATEST_VERSION));
}

#[test]
fn each_kind_of_change_is_named() {
    let store = crate::store::Store::open_in_memory().expect("store");
    for (sql, needle, structural) in [
        (
            "CREATE TRIGGER spy AFTER INSERT ON candidates BEGIN SELECT 1; END",
            "unexpected trigger 'spy' on 'candidates'",
            false,
        ),
        ("CREATE TABLE hidden (x)", "unexpected table 'hidden'", false),
        ("DROP INDEX events_at", "index 'events_at' on 'events' is missing", false),
        (
            "ALTER TABLE candidates ADD COLUMN extra TEXT",
            "table 'candidates': unexpected column 'extra'",
            true,
        ),
    ] {
        store.debug_execute(sql).expect(sql);
        let found =
            compare(conn(&store), &actual(conn(&store)).expect("shape"), LATEST_VERSION).expect("compare");
        assert!(found.iter().any(|d| d.text == needle && d.structural == structural), "{sql}: {found:?}");
    }
}
