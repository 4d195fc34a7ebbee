//! The reference pass against a writer that adds rows between the plan (the parents'
//! keys) and the scan (the children).

use super::*;

/// A parent and its child written after the plan are not called dangling; a reference
/// to no parent still is. For parents kept as a span of ids and as a set of them.
#[test]
fn a_parent_written_after_the_plan_is_not_called_missing() {
    for parents in ["(1), (2), (3)", "(1), (3), (5)"] {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = OFF;
             CREATE TABLE p (id INTEGER PRIMARY KEY);
             CREATE TABLE c (id INTEGER PRIMARY KEY, p_id INTEGER REFERENCES p(id));
             INSERT INTO p VALUES {parents};
             INSERT INTO c VALUES (1, 1), (2, 3);"
        ))
        .unwrap();
        let plan = plan(&conn).unwrap();
        conn.execute_batch("INSERT INTO p VALUES (7); INSERT INTO c VALUES (3, 7), (4, 99);").unwrap();
        let scanned = scan(&conn, &plan, &|_| true, None, &mut |_| {}).unwrap();
        let (dangling, bad_text) = scanned.join(Scanned::default());
        assert_eq!(dangling, ["c row 4 → p"], "parents {parents}");
        assert!(bad_text.is_empty());
    }
}
