//! `rolecall purge`: make erased data unrecoverable from the database's own files. On
//! SQLite every erasure already does it (`Store::compact`: the write-ahead log copied in
//! and truncated, the file rewritten by VACUUM), so purge does it once more, for an
//! erasure whose compaction could not finish. On a server it is the administrator's
//! maintenance in `pg/purge.rs`.

use super::handle::Backend;
use super::{Result, Store};
use serde::Serialize;

/// What a purge did, and what it could not do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PurgeReport {
    /// Each step done, one line each.
    pub done: Vec<String>,
    /// What is left to do or cannot be reached, one line each (empty when nothing).
    pub warnings: Vec<String>,
}

impl Store {
    /// Rewrite the database's files so no erased or overwritten text lingers in them.
    pub fn purge(&mut self) -> Result<PurgeReport> {
        match &self.backend {
            Backend::Sqlite(_) => {
                let truncated = self.compact()?;
                let mut report = PurgeReport {
                    done: vec!["file rewritten (VACUUM): no deleted text lingers in free pages".into()],
                    warnings: Vec::new(),
                };
                if truncated {
                    report.done.push("write-ahead log copied in and truncated".into());
                } else {
                    report.warnings.push(
                        "another process is reading, so the write-ahead log could not be truncated; run purge \
                         again once it is closed"
                            .into(),
                    );
                }
                Ok(report)
            }
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => Ok(server_report(super::pg::purge(&mut *pg.client()?)?)),
        }
    }
}

/// The server purge's report in lines.
#[cfg(feature = "postgres")]
fn server_report(r: super::pg::PurgeReport) -> PurgeReport {
    let mut done = vec![
        format!("rewrote {} (VACUUM FULL, fresh statistics)", r.tables.join(", ")),
        "rewrote the statistics catalogue (pg_statistic)".to_string(),
    ];
    if r.turned_wal_recycle_off {
        done.push(
            "set wal_recycle = off (ALTER SYSTEM; it stays off) so checkpoints delete old WAL segments instead \
             of keeping them for reuse"
                .into(),
        );
    }
    done.push(format!("checkpoint, switched to a new WAL segment (from {}), checkpoint", r.switched_from));
    let mut warnings = Vec::new();
    if !r.stale_segments.is_empty() {
        warnings.push(format!(
            "WAL segments kept for reuse before wal_recycle was off may still hold old records until the \
             server writes over them: {}",
            r.stale_segments.join(", ")
        ));
    }
    warnings.push(
        "not reached: base backups, WAL archives, replicas and server logs keep what they already hold"
            .into(),
    );
    PurgeReport { done, warnings }
}
