//! A move through the store (read, rule checks, update + event in one IMMEDIATE
//! transaction, commit) against a bare rusqlite transaction doing the same two writes.

use super::clock::{self, quantile};
use super::report::{Row, Table, Target, fmt};
use rolecall::domain::ApplicationId;
use rolecall::store::Store;
use rusqlite::{Connection, TransactionBehavior, params};
use std::path::Path;
use std::time::Duration;

const BLOCK: usize = 50;

/// 2,000 moves each side, or `ROLECALL_BENCH_MOVES` (rounded up to whole blocks; more for a
/// profile).
fn move_count() -> usize {
    let asked = std::env::var("ROLECALL_BENCH_MOVES")
        .map(|v| v.parse().unwrap_or_else(|_| panic!("ROLECALL_BENCH_MOVES={v}: not a number of moves")))
        .unwrap_or(2000usize);
    asked.max(1).div_ceil(BLOCK) * BLOCK
}

/// The same connection settings the store uses (WAL, synchronous=NORMAL, foreign keys).
fn raw_connection(db: &Path) -> Connection {
    let conn = Connection::open(db).expect("open");
    conn.busy_timeout(Duration::from_secs(5)).expect("timeout");
    conn.execute_batch("PRAGMA foreign_keys = ON; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
        .expect("pragmas");
    conn
}

/// Two active applications at a first stage that has a next one, and those two stages.
fn pick(conn: &Connection) -> (i64, i64, i64, i64, i64) {
    conn.query_row(
        "SELECT a.id, a.candidate_id, a.stage_id, s2.id,
                (SELECT b.id FROM applications b WHERE b.status = 'active' AND b.stage_id = a.stage_id AND b.id <> a.id LIMIT 1)
         FROM applications a JOIN stages s ON s.id = a.stage_id
         JOIN stages s2 ON s2.family_id = s.family_id AND s2.position = s.position + 1
         WHERE a.status = 'active' AND s.position = 0 LIMIT 1",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )
    .expect("an active application to move")
}

/// The yardstick: exactly the two writes of a move, in one IMMEDIATE transaction.
fn raw_move(conn: &mut Connection, app: i64, candidate: i64, from: i64, to: i64, now: &str) {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate).expect("begin");
    tx.prepare_cached(
        "UPDATE applications SET stage_id = ?2, status = 'active', reject_reason = NULL, stage_entered_at = ?3,
                updated_at = ?3, version = version + 1 WHERE id = ?1",
    )
    .and_then(|mut s| s.execute(params![app, to, now]))
    .expect("update");
    tx.prepare_cached(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status, reason, note, undoes)
         VALUES (?1, 'bench', 'moved', ?2, ?3, ?4, ?5, 'active', 'active', NULL, NULL, NULL)",
    )
    .and_then(|mut s| s.execute(params![now, candidate, app, from, to]))
    .expect("insert");
    tx.commit().expect("commit");
}

/// Moves on a copy of the big database (so it stays as generated).
pub fn moves(big: &Path, scratch: &Path, table: &mut Table) {
    super::setup::remove_db(scratch);
    std::fs::copy(big, scratch).expect("copy the database");
    let mut raw = raw_connection(scratch);
    // Both applications sit at the same first stage; each goes forward and back.
    let (app, _, first, next, other) = pick(&raw);
    let cand_b: i64 = raw
        .query_row("SELECT candidate_id FROM applications WHERE id = ?1", [other], |r| r.get(0))
        .expect("second application");
    let mut store = Store::open(scratch).expect("open");
    let (mut ours, mut bare) = (Vec::new(), Vec::new());
    let mut version = store.application(ApplicationId(app)).expect("app").version;
    // In blocks, not strictly alternating: a commit by one connection empties the other's
    // page cache, which would charge the store for re-reading what the raw connection
    // changed. Blocks keep each cache warm, as for one recruiter's TUI, while both sides
    // still share the machine's load.
    let moves = move_count();
    for block in 0..moves / BLOCK {
        for i in 0..BLOCK {
            let forward = i % 2 == 0;
            let (t, sample) = clock::thread(|| store.step(ApplicationId(app), forward, Some(version)));
            ours.push(sample);
            version = t.expect("move").application.version;
        }
        for i in 0..BLOCK {
            let (from, to) = if i % 2 == 0 { (first, next) } else { (next, first) };
            // A second later each move, from 12:00:00 on the demo's day.
            let n = block * BLOCK + i;
            let now = format!("2026-11-01T{:02}:{:02}:{:02}.000000Z", 12 + n / 3600, n / 60 % 60, n % 60);
            bare.push(clock::thread(|| raw_move(&mut raw, other, cand_b, from, to, &now)).1);
        }
    }
    // The copy is as big as the database measured (5 GB at 1M): not left behind.
    drop((store, raw));
    super::setup::remove_db(scratch);
    let (o99, b99) = (quantile(&ours, 0.99), quantile(&bare, 0.99));
    table.push(Row {
        figure: format!("a move: `Store::step` (checks + update + event, committed), median of {moves}"),
        value: quantile(&ours, 0.5),
        value_note: format!("; p99 {} ({})", fmt(o99.wall), fmt(o99.cpu)),
        yardstick: format!(
            "raw rusqlite IMMEDIATE transaction, same two writes (p99 {} ({}))",
            fmt(b99.wall),
            fmt(b99.cpu)
        ),
        yard: quantile(&bare, 0.5),
        target_text: "≤ 1.5×".into(),
        target: Target::Ratio(1.5),
    });
}
