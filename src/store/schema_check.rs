//! Whether a database's schema is one rolecall knows: refused in one line before any
//! command migrates or reads a file it cannot understand, named object by object by
//! `doctor`, and checked in full before a file is restored over the live database.

use super::shape::{self, Difference, Shape};
use super::{LATEST_VERSION, Result, StoreError};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;

/// At most this many differences are spelled out in one line.
const SHOWN: usize = 5;

/// What a database's version and tables say together.
pub(super) struct Judgement {
    /// The schema version the file claims (`PRAGMA user_version`).
    pub(super) version: i64,
    /// How the tables differ from what the migrations create at `version`.
    pub(super) differences: Vec<Difference>,
    /// Why no command can work on it, when none can.
    pub(super) unknown: Option<String>,
}

fn judge(conn: &Connection, version: i64, actual: &Shape) -> Result<Judgement> {
    let unknown = |reason: String| Judgement { version, differences: Vec::new(), unknown: Some(reason) };
    if version < 0 || (version == 0 && !actual.is_empty()) {
        let what = if version == 0 {
            "it has tables but no rolecall schema version (0)".to_string()
        } else {
            format!("its schema version, {version}, is not one rolecall writes")
        };
        return Ok(unknown(format!("{what}, so it is not a rolecall database or its version was changed")));
    }
    if version == 0 || version > LATEST_VERSION {
        return Ok(Judgement { version, differences: Vec::new(), unknown: None });
    }
    let differences = shape::compare(conn, actual, version)?;
    if differences.is_empty() {
        return Ok(Judgement { version, differences, unknown: None });
    }
    if version < LATEST_VERSION {
        let reason = match shape::matching_version(actual)? {
            Some(other) => {
                format!("it says schema version {version}, but its tables are those of version {other}")
            }
            None => format!(
                "it says schema version {version}, but its tables do not match it: {}",
                list(&differences)
            ),
        };
        return Ok(unknown(reason));
    }
    let structural: Vec<Difference> = differences.iter().filter(|d| d.structural).cloned().collect();
    if !structural.is_empty() {
        let reason =
            format!("its tables are not rolecall's (schema version {version}): {}", list(&structural));
        return Ok(unknown(reason));
    }
    Ok(Judgement { version, differences, unknown: None })
}

/// The first differences in one line, with how many more there are.
pub(super) fn list(differences: &[Difference]) -> String {
    let mut text: Vec<String> = differences.iter().take(SHOWN).map(|d| d.text.clone()).collect();
    if differences.len() > SHOWN {
        text.push(format!("and {} more", differences.len() - SHOWN));
    }
    text.join("; ")
}

/// The version and the tables' judgement, read in one transaction: another process
/// creating the tables of a new file commits its version and its tables together, and
/// both must be seen from the same moment.
pub(super) fn read(conn: &Connection) -> Result<Judgement> {
    let tx = conn.unchecked_transaction()?;
    let version: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let actual = shape::actual(&tx)?;
    let judgement = judge(&tx, version, &actual)?;
    tx.finish()?;
    Ok(judgement)
}

/// Refuse, in one line, a database whose version is unknown or does not match its
/// tables (before any migration or query trips over it).
pub(crate) fn refuse_unknown(conn: &Connection) -> Result<()> {
    let Some(reason) = read(conn)?.unknown else {
        return Ok(());
    };
    Err(StoreError::UnknownSchema(format!(
        "{reason}. `rolecall doctor` lists what differs; restore a backup or use another --db"
    )))
}

/// Check that the file at `path` is a sound rolecall database before it replaces the live
/// one: a known schema version, exactly the tables, columns, indexes and triggers the
/// migrations create at that version, SQLite's integrity check and no dangling reference.
/// The file is opened read-only and never changed.
pub(crate) fn validate_backup(path: &Path) -> Result<()> {
    if !path.is_file() {
        return Err(StoreError::NotFound {
            what: "backup",
            key: path.display().to_string(),
            hint: String::new(),
        });
    }
    let refuse = |reason: String| {
        StoreError::Invalid(format!(
            "{} is not a rolecall backup: {reason}; the database was not changed",
            path.display()
        ))
    };
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| refuse(format!("cannot open it ({e})")))?;
    match check_backup(&conn) {
        Ok(None) => Ok(()),
        Ok(Some(reason)) => Err(refuse(reason)),
        Err(e @ StoreError::SchemaTooNew { .. }) => Err(e),
        Err(e) if e.is_database() => {
            let text = e.database_text().unwrap_or_default();
            Err(refuse(format!("it cannot be read as an SQLite database ({text})")))
        }
        Err(e) => Err(e),
    }
}

/// Why the open file is not a restorable rolecall backup, if it is not.
fn check_backup(conn: &Connection) -> Result<Option<String>> {
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > LATEST_VERSION {
        return Err(StoreError::SchemaTooNew { found: version, supported: LATEST_VERSION });
    }
    if version < 1 {
        return Ok(Some(format!("schema version {version} is not one rolecall writes")));
    }
    let mut stmt = conn.prepare("PRAGMA integrity_check")?;
    let lines: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    if lines != ["ok"] {
        return Ok(Some(format!(
            "it is damaged ({})",
            lines.into_iter().take(3).collect::<Vec<_>>().join("; ")
        )));
    }
    let differences = shape::compare(conn, &shape::actual(conn)?, version)?;
    if !differences.is_empty() {
        return Ok(Some(format!(
            "its schema differs from rolecall's version {version}: {}",
            list(&differences)
        )));
    }
    let dangling: i64 = conn.query_row("SELECT COUNT(*) FROM pragma_foreign_key_check", [], |r| r.get(0))?;
    if dangling > 0 {
        return Ok(Some(format!("{dangling} rows refer to rows that do not exist (foreign key check)")));
    }
    Ok(None)
}
