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
fn the_latest_digest_is_the_migrations() {
    let want = digest(expected(LATEST_VERSION).expect("expected"));
    assert_eq!(
        LATEST_DIGEST,
        (LATEST_VERSION, want.as_str()),
        "the migrations changed the latest schema: set LATEST_DIGEST in shape.rs to ({LATEST_VERSION}, \"{want}\")"
    );
    let store = crate::store::Store::open_in_memory().expect("store");
    assert!(is_latest(&actual(conn(&store)).expect("shape"), LATEST_VERSION));
    assert!(!is_latest(&actual(conn(&store)).expect("shape"), LATEST_VERSION - 1));
}

#[test]
fn a_changed_object_is_not_the_latest_shape() {
    let store = crate::store::Store::open_in_memory().expect("store");
    // Only a word inside a trigger's body differs: the digest must see it.
    let (name, sql): (String, String) = conn(&store)
        .query_row(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .expect("a trigger");
    let changed = sql.replacen("BEGIN", "BEGIN SELECT 1;", 1);
    store.debug_execute(&format!("DROP TRIGGER \"{name}\"")).expect("drop it");
    store.debug_execute(&changed).expect("create it changed");
    let light = actual(conn(&store)).expect("shape");
    assert!(!is_latest(&light, LATEST_VERSION));
    let found = compare(conn(&store), &light, LATEST_VERSION).expect("compare");
    assert!(found.iter().any(|d| d.text.contains(&name)), "{found:?}");
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
