//! `doctor`: checks that the database is sound and that its story adds up: SQLite's
//! integrity and foreign keys, every application's row equal to the replay of its
//! events, erasures complete; plus the files' permissions and the write-ahead log.

use super::finding::{CheckStep, Finding, Severity, Structure};
use super::handle::Backend;
use super::health_pass::{Beside, Map, cannot_run, check_connection};
use super::sql::prelude::*;
use super::{ERASED_PLACEHOLDER, LATEST_VERSION, Result, Store, StoreError};
use rusqlite::Connection;
use std::path::Path;

/// At most this many details are spelled out per check.
const SHOWN: usize = 5;

impl Store {
    /// Open an existing database for checking: no file is created and nothing is migrated.
    pub fn open_for_check(path: &Path) -> Result<Store> {
        if !path.exists() {
            return Err(StoreError::NotFound {
                what: "database",
                key: path.display().to_string(),
                hint: String::new(),
            });
        }
        Ok(Store::on_sqlite(check_connection(path, Map::None)?, Some(path.to_path_buf()), "doctor".into()))
    }

    /// Run every database check, cheapest first, with SQLite's full integrity check. A
    /// check that cannot run (a table that is not rolecall's) is itself a problem, and
    /// the others still run.
    pub fn health(&self) -> Result<Vec<Finding>> {
        self.health_with_progress(Structure::Full, &mut |_| {})
    }

    /// Checks [`Store::health`] runs, in order.
    pub const HEALTH_CHECKS: usize = 7;

    /// [`Store::health`], reporting each check as it starts and how far the long ones
    /// have got (some take seconds on a large database). On a server these are `doctor`'s checks of a server (the
    /// schema as PostgreSQL holds it, the connection's security, then the same data
    /// checks on one snapshot): SQLite's integrity and foreign-key checks have no
    /// counterpart there (the server enforces references on every write).
    pub fn health_with_progress(
        &self,
        structure: Structure,
        report: &mut dyn FnMut(CheckStep),
    ) -> Result<Vec<Finding>> {
        let conn = match &self.backend {
            Backend::Sqlite(conn) => conn,
            #[cfg(feature = "postgres")]
            Backend::Postgres(_) => {
                let url = self
                    .url
                    .as_deref()
                    .ok_or_else(|| StoreError::Other("the server's URL is unknown".into()))?;
                return super::server_findings(url, report);
            }
        };
        report(CheckStep::Starting("schema"));
        let (schema, replayable) = schema_finding(conn)?;
        let mut findings = vec![schema];
        // SQLite's check reads every page of the file (the full one also looks every index
        // entry up in its b-tree, a minute of CPU at a million candidates), and the
        // foreign-key and text pass reads every table: on a file each runs on a connection
        // of its own, on another thread, while the replay of the log runs here.
        report(CheckStep::Starting("integrity"));
        let integrity =
            Beside::start(self.path.as_deref(), conn, Map::File, move |c| check_integrity(c, structure));
        report(CheckStep::Starting("foreign-keys"));
        let passed = self.shared_pass(conn, replayable, report);
        findings.push(passed.references);
        findings.extend(passed.event_log);
        findings.extend(passed.erasure);
        if let Some(open) = passed.open_apps {
            report(CheckStep::Starting("text"));
            findings.push(passed.text);
            findings.push(open);
        }
        findings.insert(1, integrity.finish("integrity", report)?);
        Ok(findings)
    }

    /// The checks of the data itself (the same on a server, run on a snapshot of it):
    /// every application against its event log, erasures, text, one open application.
    pub(super) fn data_findings(&self, report: &mut dyn FnMut(CheckStep)) -> Vec<Finding> {
        let mut findings = self.log_findings(report);
        report(CheckStep::Starting("text"));
        findings.push(cannot_run("text", self.check_text()));
        report(CheckStep::Starting("open-apps"));
        findings.push(cannot_run("open-apps", self.check_open_duplicates()));
        findings
    }

    /// Every application against its event log, then erasures.
    pub(super) fn log_findings(&self, report: &mut dyn FnMut(CheckStep)) -> Vec<Finding> {
        report(CheckStep::Starting("event-log"));
        let mut findings = vec![cannot_run("event-log", self.check_event_log(report))];
        report(CheckStep::Starting("erasure"));
        findings.push(cannot_run("erasure", self.check_erasures()));
        findings
    }

    /// An erased person keeps no personal data, and their erasure is on record.
    pub(super) fn check_erasures(&self) -> Result<Finding> {
        let p = ERASED_PLACEHOLDER;
        // `COALESCE(x, '') <> ?1`: a null-safe "differs from the placeholder" both accept.
        let incomplete: Vec<i64> = self.db().query_rows(
            "SELECT c.id FROM candidates c WHERE c.erased = TRUE AND (
                COALESCE(c.name, '') <> ?1 OR c.email IS NOT NULL OR c.phone IS NOT NULL OR c.source IS NOT NULL
                OR c.notes NOT IN ('', ?1)
                OR NOT EXISTS (SELECT 1 FROM events e WHERE e.candidate_id = c.id AND e.kind = 'erased')
                OR EXISTS (SELECT 1 FROM events e WHERE e.candidate_id = c.id AND e.kind <> 'erased'
                           AND e.note IS NOT NULL AND e.note <> ?1))
             ORDER BY c.id",
            &args![p],
            |r| r.get(0),
        )?;
        let erased: i64 =
            self.db().query_value("SELECT COUNT(*) FROM candidates WHERE erased = TRUE", &[])?;
        Ok(if incomplete.is_empty() {
            Finding::new("erasure", Severity::Ok, format!("{erased} erased people hold no personal data"))
        } else {
            let ids: Vec<String> = incomplete.iter().take(SHOWN).map(|i| format!("#{i}")).collect();
            let first = incomplete[0];
            let others = if incomplete.len() > 1 { " (and the same for each of the others)" } else { "" };
            let msg = format!(
                "erasure incomplete for {}: {}; run `rolecall candidate erase {first}`{others} to scrub it again",
                incomplete.len(),
                ids.join(", ")
            );
            Finding::new("erasure", Severity::Problem, msg)
        })
    }
}

impl Store {
    /// Cap the database at `pages` pages, as a full disk would; returns the cap in force.
    /// For tests of the disk-full path.
    #[doc(hidden)]
    pub fn debug_limit_pages(&self, pages: i64) -> Result<i64> {
        sqlite_only(self.dialect(), "a page limit")?;
        self.db().query_value(&format!("PRAGMA max_page_count = {pages}"), &[])
    }

    /// Pages in the database now.
    #[doc(hidden)]
    pub fn debug_page_count(&self) -> Result<i64> {
        sqlite_only(self.dialect(), "a page count")?;
        self.db().query_value("PRAGMA page_count", &[])
    }
}

/// A refusal of what only a SQLite file has.
fn sqlite_only(dialect: Dialect, what: &str) -> Result<()> {
    match dialect {
        Dialect::Sqlite => Ok(()),
        Dialect::Postgres => {
            Err(StoreError::Invalid(format!("{what} is a SQLite file's; a server has none")))
        }
    }
}

/// SQLite's own check of the file's structure, saying which one ran and what it leaves out.
fn check_integrity(conn: &Connection, structure: Structure) -> Result<Finding> {
    let (pragma, name) = match structure {
        Structure::Quick => ("PRAGMA quick_check", "quick check"),
        Structure::Full => ("PRAGMA integrity_check", "integrity check"),
    };
    let read = || -> Result<Vec<String>> {
        let mut stmt = conn.prepare(pragma)?;
        Ok(stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?)
    };
    // A page too damaged to walk stops the check with an error instead of a line.
    let lines = match read() {
        Err(e @ StoreError::Corrupt(_)) => {
            let msg = format!(
                "SQLite {name} stopped at a damaged page ({e}); restore a backup (`rolecall restore PATH`)"
            );
            return Ok(Finding::new("integrity", Severity::Problem, msg));
        }
        other => other?,
    };
    Ok(if lines.len() == 1 && lines[0] == "ok" {
        let msg = match structure {
            Structure::Quick => {
                "SQLite quick check: ok (every page, b-tree and constraint; not each index against its \
                 table: `rolecall doctor --full` checks that too, about a minute per million candidates)"
            }
            Structure::Full => "SQLite integrity check: ok (every page, b-tree, constraint and index entry)",
        };
        Finding::new("integrity", Severity::Ok, msg)
    } else {
        let msg = format!(
            "SQLite {name} failed ({} findings): {}; restore a backup (`rolecall restore PATH`)",
            lines.len(),
            lines.iter().take(SHOWN).cloned().collect::<Vec<_>>().join("; ")
        );
        Finding::new("integrity", Severity::Problem, msg)
    })
}

/// Doctor's schema finding, and whether the tables are sound enough to replay the log.
fn schema_finding(conn: &Connection) -> Result<(Finding, bool)> {
    let j = super::schema_check::read(conn)?;
    let finding = |severity, message: String| Finding::new("schema", severity, message);
    Ok(match (&j.unknown, j.version) {
        (Some(reason), _) => (
            finding(Severity::Problem, format!("{reason}; restore a backup (`rolecall restore PATH`)")),
            false,
        ),
        (None, 0) => {
            (finding(Severity::Warning, "the database is empty; any other command creates it".into()), false)
        }
        (None, v) if !j.differences.is_empty() => {
            let msg = format!(
                "the schema differs from what rolecall creates: {}; restore a backup (`rolecall restore PATH`) or undo those changes by hand",
                super::schema_check::list(&j.differences)
            );
            (finding(Severity::Problem, msg), v == LATEST_VERSION)
        }
        (None, v) if v < LATEST_VERSION => {
            let msg =
                format!("schema version {v}, older than {LATEST_VERSION}; any other command upgrades it");
            (finding(Severity::Warning, msg), false)
        }
        (None, v) => {
            let msg = format!("schema version {v}; tables, indexes and triggers as rolecall creates them");
            (finding(Severity::Ok, msg), true)
        }
    })
}
