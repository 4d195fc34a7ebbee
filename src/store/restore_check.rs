//! What a restore would lose: everything a user can lose (people, roles, applications,
//! interviews, events, erasures) that the live database holds and the backup does not.
//!
//! Both files are attached read-only to a scratch in-memory connection, so the comparison
//! is done by SQLite row by row (primary-key lookups) whatever the size of the database,
//! and neither file is written.

use super::Result;
use rusqlite::Connection;
use serde::Serialize;
use std::path::Path;

/// Work in the live database that the backup lacks. A row counts as the same when its id
/// and its creation time match, so a backup of another database is not taken for this one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Loss {
    /// People added since the backup.
    pub candidates: i64,
    /// Roles imported since the backup.
    pub roles: i64,
    /// Roles whose page was imported again with other content since the backup.
    pub roles_updated: i64,
    /// Applications made since the backup.
    pub applications: i64,
    /// Interviews recorded since the backup.
    pub interviews: i64,
    /// Events (moves, holds, edits, …) logged since the backup.
    pub events: i64,
    /// People erased since the backup: restoring would bring their personal data back.
    pub erasures: i64,
}

impl Loss {
    /// Nothing would be lost.
    pub fn is_empty(&self) -> bool {
        self.parts().is_empty()
    }

    /// "1 candidate, 42 roles, 3 events" (only what is not zero).
    pub fn describe(&self) -> String {
        self.parts().join(", ")
    }

    fn parts(&self) -> Vec<String> {
        let counted = [
            (self.candidates, "candidate", "candidates"),
            (self.roles, "role", "roles"),
            (self.roles_updated, "role update", "role updates"),
            (self.applications, "application", "applications"),
            (self.interviews, "interview", "interviews"),
            (self.events, "event", "events"),
            (self.erasures, "erasure", "erasures"),
        ];
        counted
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect()
    }
}

/// Compare the live database at `live` with the backup at `backup` (both only read).
pub fn work_not_in_backup(live: &Path, backup: &Path) -> Result<Loss> {
    let conn = Connection::open_in_memory()?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    conn.execute("ATTACH DATABASE ?1 AS live", [read_only_uri(live)])?;
    conn.execute("ATTACH DATABASE ?1 AS bk", [read_only_uri(backup)])?;
    // One read transaction: a consistent view of the live file while others write.
    conn.execute_batch("BEGIN")?;
    let loss = compare(&conn);
    let _ = conn.execute_batch("COMMIT");
    loss
}

fn compare(conn: &Connection) -> Result<Loss> {
    let missing = |table: &str, stamp: &str| -> Result<i64> {
        if !has_table(conn, "live", table)? {
            return Ok(0);
        }
        if !has_table(conn, "bk", table)? {
            return Ok(conn.query_row(&format!("SELECT COUNT(*) FROM live.{table}"), [], |r| r.get(0))?);
        }
        let sql = format!(
            "SELECT COUNT(*) FROM live.{table} l WHERE NOT EXISTS
               (SELECT 1 FROM bk.{table} b WHERE b.id = l.id AND b.{stamp} IS l.{stamp})"
        );
        Ok(conn.query_row(&sql, [], |r| r.get(0))?)
    };
    let by_slug = |extra: &str| -> Result<i64> {
        if !has_table(conn, "bk", "families")? {
            return Ok(conn.query_row("SELECT COUNT(*) FROM live.families", [], |r| r.get(0))?);
        }
        let sql = format!(
            "SELECT COUNT(*) FROM live.families l WHERE {extra} EXISTS
               (SELECT 1 FROM bk.families b WHERE b.slug = l.slug)"
        );
        Ok(conn.query_row(&sql, [], |r| r.get(0))?)
    };
    let roles = by_slug("NOT")?;
    let roles_updated = if has_table(conn, "bk", "families")? {
        conn.query_row(
            "SELECT COUNT(*) FROM live.families l JOIN bk.families b ON b.slug = l.slug
             WHERE b.content_hash IS NOT l.content_hash",
            [],
            |r| r.get(0),
        )?
    } else {
        0
    };
    let erasures = if has_table(conn, "bk", "candidates")? {
        conn.query_row(
            "SELECT COUNT(*) FROM live.candidates l JOIN bk.candidates b
               ON b.id = l.id AND b.created_at IS l.created_at
             WHERE l.erased = 1 AND b.erased IS NOT 1",
            [],
            |r| r.get(0),
        )?
    } else {
        0
    };
    Ok(Loss {
        candidates: missing("candidates", "created_at")?,
        roles,
        roles_updated,
        applications: missing("applications", "created_at")?,
        interviews: missing("interviews", "created_at")?,
        events: missing("events", "at")?,
        erasures,
    })
}

fn has_table(conn: &Connection, schema: &str, table: &str) -> Result<bool> {
    let sql =
        format!("SELECT EXISTS (SELECT 1 FROM {schema}.sqlite_master WHERE type = 'table' AND name = ?1)");
    Ok(conn.query_row(&sql, [table], |r| r.get(0))?)
}

/// `file:<path>?mode=ro`, with every byte outside the URI's unreserved set escaped, so a
/// path holding `?`, `#` or `%` names the right file.
fn read_only_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for &b in path_bytes(&absolute).iter() {
        if b.is_ascii_alphanumeric() || b"/-._~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri.push_str("?mode=ro");
    uri
}

#[cfg(unix)]
fn path_bytes(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    path.as_os_str().as_bytes().to_vec()
}

#[cfg(not(unix))]
fn path_bytes(path: &Path) -> Vec<u8> {
    path.to_string_lossy().replace('\\', "/").into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn describes_only_what_would_be_lost() {
        let loss = Loss { candidates: 1, roles: 42, events: 3, erasures: 1, ..Default::default() };
        assert_eq!(loss.describe(), "1 candidate, 42 roles, 3 events, 1 erasure");
        assert!(Loss::default().is_empty());
    }

    #[test]
    fn odd_paths_are_escaped_in_the_uri() {
        let uri = read_only_uri(Path::new("/tmp/a b?c#d%e.db"));
        assert_eq!(uri, "file:/tmp/a%20b%3Fc%23d%25e.db?mode=ro");
    }
}
