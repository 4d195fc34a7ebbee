//! `rolecall demo` beside two yardsticks of SQLite writing the same database: `VACUUM INTO`
//! (a copy, each table and index written in its own order: the floor of writing that much),
//! and a rebuild the demo's way (rows in id order into tables without their indexes, the
//! indexes sorted and built after): what SQLite alone takes for the demo's database.

use super::clock::Sample;
use super::report::{Row, Table, Target};
use super::{count, setup};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

/// The tables the demo fills (as `store/bulk.rs` names them), in the order it fills them.
const FILLED: [&str; 5] = ["candidates", "applications", "events", "interviews", "interview_scores"];

/// The generation row, then the rebuild row.
pub fn rows(cfg: &setup::Config, big: &Path, sqlite3: Option<&Path>, took: Sample, table: &mut Table) {
    let Some(sqlite3) = sqlite3 else { return };
    let events = count(big, "events");
    let copy = cfg.dir.join("vacuum-copy.db");
    setup::remove_db(&copy);
    let mut cmd = Command::new(sqlite3);
    cmd.arg(big).arg(format!("VACUUM INTO '{}'", copy.display()));
    let yard = setup::time(cmd);
    setup::remove_db(&copy);
    let figure = format!(
        "`rolecall demo --candidates {}`: {} applications, {events} events",
        cfg.candidates,
        count(big, "applications")
    );
    table.push(Row {
        figure: figure.clone(),
        value: took,
        value_note: String::new(),
        yardstick: "`sqlite3` VACUUM INTO: rewriting the same data".into(),
        yard,
        target_text: "≤ 15 s up to 100,000 candidates, ≤ 90 s at 1,000,000".into(),
        target: Target::Under(Duration::from_secs(if cfg.candidates > 100_000 { 90 } else { 15 })),
    });
    let yard = rebuild(cfg, sqlite3, big);
    table.push(Row {
        figure: format!("{figure}: the same run"),
        value: took,
        value_note: String::new(),
        yardstick: "`sqlite3` writing the same rows the demo's way: id order, indexes sorted after".into(),
        yard,
        target_text: "— (what SQLite alone takes)".into(),
        target: Target::None,
    });
}

/// `sqlite3` building `big`'s database again as the demo does: its schema, the other
/// tables' rows, then the filled tables' rows in id order with the triggers on and the
/// indexes off, the indexes built after; one transaction on a rollback journal with the
/// load's 64 MiB cache and foreign keys off. Checked: the copy has the same rows.
fn rebuild(cfg: &setup::Config, sqlite3: &Path, big: &Path) -> Sample {
    let copy = cfg.dir.join("rebuild-copy.db");
    let script = cfg.dir.join("rebuild.sql");
    setup::remove_db(&copy);
    std::fs::write(&script, rebuild_script(big)).expect("write the rebuild script");
    let mut cmd = Command::new(sqlite3);
    cmd.arg(&copy).arg(format!(".read '{}'", script.display()));
    let took = setup::time(cmd);
    for t in FILLED {
        assert_eq!(count(&copy, t), count(big, t), "the rebuild copied every row of {t}");
    }
    setup::remove_db(&copy);
    took
}

fn rebuild_script(big: &Path) -> String {
    let conn = rusqlite::Connection::open(big).expect("open");
    let sql = |kind: &str| -> Vec<(String, String)> {
        let mut st = conn
            .prepare(
                "SELECT name, sql FROM sqlite_master WHERE type = ?1 AND sql IS NOT NULL \
                 AND name NOT LIKE 'sqlite_%' ORDER BY rowid",
            )
            .expect("schema");
        st.query_map([kind], |r| Ok((r.get(0)?, r.get(1)?)))
            .expect("schema")
            .map(|r| r.expect("row"))
            .collect()
    };
    let mut out = String::from(
        "PRAGMA journal_mode = DELETE;\nPRAGMA cache_size = -65536;\nPRAGMA foreign_keys = OFF;\n",
    );
    let tables = sql("table");
    for (_, create) in &tables {
        out.push_str(&format!("{create};\n"));
    }
    out.push_str(&format!("ATTACH '{}' AS src;\nBEGIN;\n", big.display().to_string().replace('\'', "''")));
    for (name, _) in tables.iter().filter(|(n, _)| !FILLED.contains(&n.as_str())) {
        out.push_str(&format!("INSERT INTO main.\"{name}\" SELECT * FROM src.\"{name}\";\n"));
    }
    for (_, create) in sql("trigger") {
        out.push_str(&format!("{create};\n"));
    }
    for name in FILLED {
        out.push_str(&format!("INSERT INTO main.{name} SELECT * FROM src.{name} ORDER BY id;\n"));
    }
    for (_, create) in sql("index") {
        out.push_str(&format!("{create};\n"));
    }
    out.push_str("COMMIT;\n");
    out
}
