//! `rolecall purge` on a server (an administrator's maintenance): after an erasure the
//! old row versions holding the erased text stay in the table files until a vacuum,
//! sample values stay in the planner's statistics, and the write-ahead log keeps the
//! changes. Purge rewrites the tables that hold personal data (`VACUUM FULL`, with fresh
//! statistics), rewrites the statistics catalogue, then forces a checkpoint and a switch
//! to a new WAL segment with a second checkpoint, so the segments that held the text are
//! no longer needed by the server.
//!
//! With `wal_recycle = on` (the default) a checkpoint renames an old segment for reuse
//! instead of deleting it, and the renamed file keeps the erased text until the server
//! writes over it: purge turns `wal_recycle` off (`ALTER SYSTEM`, kept, reported) before
//! its checkpoints, and afterwards reads the head of every segment ahead of the one in
//! use to report any that still hold old records.
//!
//! It cannot reach copies outside the server's data directory: base backups, WAL
//! archives, replicas, server logs (README says so).

use super::transfer::server;
use crate::store::{Result, StoreError};
use postgres::Client;
use serde::Serialize;

/// The tables whose rows can hold a person's data (names, contacts, free text).
pub const PERSONAL_TABLES: &[&str] = &["candidates", "events", "interviews", "interview_scores"];

/// What a purge did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    /// The tables rewritten.
    pub tables: Vec<String>,
    /// The WAL position the server switched away from.
    pub switched_from: String,
    /// Whether this purge turned `wal_recycle` off (it stays off).
    pub turned_wal_recycle_off: bool,
    /// WAL segments ahead of the one in use that still hold old records (renamed for
    /// reuse before `wal_recycle` was off); the server writes over them in time.
    pub stale_segments: Vec<String>,
}

/// Run the purge on the server `client` is connected to, as a superuser.
pub fn purge(client: &mut Client) -> Result<PurgeReport> {
    refuse_without_rights(client)?;
    let mut tables = Vec::new();
    for table in PERSONAL_TABLES {
        let exists: bool =
            client.query_one("SELECT to_regclass($1) IS NOT NULL", &[table]).map_err(server)?.get(0);
        if exists {
            // VACUUM cannot run inside a transaction: each statement on its own.
            client.batch_execute(&format!("VACUUM (FULL, ANALYZE) {table}")).map_err(server)?;
            tables.push(table.to_string());
        }
    }
    client.batch_execute("VACUUM FULL pg_catalog.pg_statistic").map_err(server)?;
    let turned_wal_recycle_off = delete_old_segments(client)?;
    client.batch_execute("CHECKPOINT").map_err(server)?;
    let switched_from: String = client.query_one("SELECT pg_switch_wal()::text", &[]).map_err(server)?.get(0);
    // The second checkpoint moves the redo point past the old segments, so the server
    // lets go of them.
    client.batch_execute("CHECKPOINT").map_err(server)?;
    let stale_segments = stale_segments(client)?;
    Ok(PurgeReport { tables, switched_from, turned_wal_recycle_off, stale_segments })
}

/// Make checkpoints delete old WAL segments instead of renaming them for reuse
/// (`wal_recycle = off`, for good). True when it was on.
fn delete_old_segments(client: &mut Client) -> Result<bool> {
    let show = |c: &mut Client| -> Result<String> {
        Ok(c.query_one("SHOW wal_recycle", &[]).map_err(server)?.get(0))
    };
    if show(client)? == "off" {
        return Ok(false);
    }
    client.batch_execute("ALTER SYSTEM SET wal_recycle = off").map_err(server)?;
    client.batch_execute("SELECT pg_reload_conf()").map_err(server)?;
    // This session sees the new value once the server has re-read its configuration;
    // the checkpointer gets the same signal, and a moment more.
    for _ in 0..50 {
        if show(client)? == "off" {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    std::thread::sleep(std::time::Duration::from_millis(500));
    Ok(true)
}

/// Segments ahead of the one being written whose first page is not blank: renamed for
/// reuse, they still hold old records (a fresh segment is zero-filled).
fn stale_segments(client: &mut Client) -> Result<Vec<String>> {
    let rows = client
        .query(
            "SELECT name::text FROM pg_ls_waldir()
              WHERE name ~ '^[0-9A-F]{24}$' AND name > pg_walfile_name(pg_current_wal_insert_lsn())
                AND pg_read_binary_file('pg_wal/' || name, 0, 16) <> '\\x00000000000000000000000000000000'::bytea
              ORDER BY name",
            &[],
        )
        .map_err(server)?;
    Ok(rows.iter().map(|r| r.get(0)).collect())
}

/// Purge rewrites catalogues and forces checkpoints: a superuser's work.
fn refuse_without_rights(client: &mut Client) -> Result<()> {
    let row = client
        .query_one("SELECT current_user::text, rolsuper FROM pg_roles WHERE rolname = current_user", &[])
        .map_err(server)?;
    let (user, superuser): (String, bool) = (row.get(0), row.get(1));
    if superuser {
        return Ok(());
    }
    Err(StoreError::Other(format!(
        "purge needs a superuser login (it rewrites the tables and the statistics catalogue, forces a \
         checkpoint and switches the write-ahead log); {user} is not one: run it as the server's \
         administrator, e.g. --db postgres://postgres@HOST/DATABASE"
    )))
}
