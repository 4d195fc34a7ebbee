//! Exports as of an earlier instant, sorted on disk: a private temporary SQLite database
//! (opened with an empty name, so SQLite creates it mode 0600 and unlinks it at once; it
//! is gone when the connection closes) takes each application's row as its replay
//! finishes, and gives them back in board order through its own external sort. Memory
//! holds its page cache, not the rows, whatever the number of applications; it runs
//! beside either backend, since it is only the client's scratch space.

use super::Result;
use crate::domain::snapshot::{ApplicationSnapshot, ChangeKind, DiffEntry};
use crate::domain::{AppStatus, ApplicationId, CandidateId, FamilyId, Rating, RejectReason, StageId};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, params};

const SNAPSHOT_TABLE: &str = "CREATE TABLE rows (role INTEGER, slot INTEGER, es INTEGER, en INTEGER,
    app INTEGER, candidate INTEGER, name TEXT, level TEXT, stage INTEGER, label TEXT, status TEXT,
    reason TEXT, aps INTEGER, apn INTEGER, days INTEGER, interviews INTEGER, rec INTEGER)";
const SNAPSHOT_INSERT: &str =
    "INSERT INTO rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)";
const SNAPSHOT_SORTED: &str = "SELECT role, app, candidate, name, level, stage, label, status, reason,
    aps, apn, es, en, days, interviews, rec FROM rows ORDER BY role, slot, es, en, app";

const DIFF_TABLE: &str = "CREATE TABLE rows (role INTEGER, change INTEGER, app INTEGER, name TEXT,
    level TEXT, from_stage TEXT, to_stage TEXT, from_status TEXT, to_status TEXT, reason TEXT)";
const DIFF_INSERT: &str = "INSERT INTO rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
const DIFF_SORTED: &str = "SELECT role, change, app, name, level, from_stage, to_stage, from_status,
    to_status, reason FROM rows ORDER BY role, change, app";

/// Rows waiting to be read back sorted, on disk.
pub struct Spill {
    conn: Connection,
}

fn open(table: &str) -> Result<Spill> {
    let conn = Connection::open("")?;
    // Scratch: nothing to recover after a crash, and 2 MB of cache bound the sort.
    conn.execute_batch(&format!(
        "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA temp_store = FILE;
         PRAGMA cache_size = -2048; {table}; BEGIN"
    ))?;
    Ok(Spill { conn })
}

/// An instant as two sortable integers (seconds, nanoseconds), exact.
fn instant(t: DateTime<Utc>) -> (i64, i64) {
    (t.timestamp(), i64::from(t.timestamp_subsec_nanos()))
}

fn from_instant(secs: i64, nanos: i64) -> DateTime<Utc> {
    DateTime::from_timestamp(secs, u32::try_from(nanos).unwrap_or(0)).unwrap_or_default()
}

fn status(text: &str) -> AppStatus {
    AppStatus::parse(text).unwrap_or(AppStatus::Active)
}

impl Spill {
    /// An empty spill for snapshot rows.
    pub fn snapshot() -> Result<Spill> {
        open(SNAPSHOT_TABLE)
    }

    /// An empty spill for diff entries.
    pub fn diff() -> Result<Spill> {
        open(DIFF_TABLE)
    }

    /// Keep the row of an application of the `role`-th role, at `slot` of its stages.
    pub fn push_row(&self, role: usize, slot: usize, a: &ApplicationSnapshot) -> Result<()> {
        let (es, en) = instant(a.stage_entered_at);
        let (aps, apn) = instant(a.applied_at);
        self.conn.prepare_cached(SNAPSHOT_INSERT)?.execute(params![
            role as i64,
            slot as i64,
            es,
            en,
            a.application_id.0,
            a.candidate_id.0,
            a.candidate_name,
            a.level_title,
            a.stage_id.0,
            a.stage_label,
            a.status.as_str(),
            a.reject_reason.map(RejectReason::as_str),
            aps,
            apn,
            a.days_in_stage,
            i64::from(a.interviews_at_stage),
            a.last_recommendation.map(Rating::value),
        ])?;
        Ok(())
    }

    /// Keep a diff entry of the `role`-th role.
    pub fn push_change(&self, role: usize, e: &DiffEntry) -> Result<()> {
        let change = ChangeKind::ALL.iter().position(|k| *k == e.change).unwrap_or(0) as i64;
        self.conn.prepare_cached(DIFF_INSERT)?.execute(params![
            role as i64,
            change,
            e.application_id.0,
            e.candidate_name,
            e.level_title,
            e.from_stage,
            e.to_stage,
            e.from_status.map(AppStatus::as_str),
            e.to_status.as_str(),
            e.reject_reason.map(RejectReason::as_str),
        ])?;
        Ok(())
    }

    /// Every row kept, in board order (role, stage, time in stage, id), with its role's
    /// index, until `visit` answers `false`.
    pub fn each_row(self, visit: &mut dyn FnMut(usize, ApplicationSnapshot) -> bool) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        let mut stmt = self.conn.prepare(SNAPSHOT_SORTED)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let a = ApplicationSnapshot {
                application_id: ApplicationId(r.get(1)?),
                candidate_id: CandidateId(r.get(2)?),
                candidate_name: r.get(3)?,
                level_title: r.get(4)?,
                stage_id: StageId(r.get(5)?),
                stage_label: r.get(6)?,
                status: status(&r.get::<_, String>(7)?),
                reject_reason: r.get::<_, Option<String>>(8)?.as_deref().and_then(RejectReason::parse),
                applied_at: from_instant(r.get(9)?, r.get(10)?),
                stage_entered_at: from_instant(r.get(11)?, r.get(12)?),
                days_in_stage: r.get(13)?,
                interviews_at_stage: u32::try_from(r.get::<_, i64>(14)?).unwrap_or(0),
                last_recommendation: r.get::<_, Option<i64>>(15)?.and_then(Rating::from_value),
            };
            if !visit(r.get::<_, i64>(0)? as usize, a) {
                break;
            }
        }
        Ok(())
    }

    /// Every diff entry kept, by role, kind of change and id, until `visit` answers
    /// `false`; `role` gives the role's id, slug and title from its index.
    pub fn each_change(
        self,
        role: &dyn Fn(usize) -> (FamilyId, String, String),
        visit: &mut dyn FnMut(DiffEntry) -> bool,
    ) -> Result<()> {
        self.conn.execute_batch("COMMIT")?;
        let mut stmt = self.conn.prepare(DIFF_SORTED)?;
        let mut rows = stmt.query([])?;
        while let Some(r) = rows.next()? {
            let (family_id, role_slug, role_title) = role(r.get::<_, i64>(0)? as usize);
            let change = ChangeKind::ALL[usize::try_from(r.get::<_, i64>(1)?).unwrap_or(0).min(6)];
            let e = DiffEntry {
                change,
                family_id,
                role_slug,
                role_title,
                application_id: ApplicationId(r.get(2)?),
                candidate_name: r.get(3)?,
                level_title: r.get(4)?,
                from_stage: r.get(5)?,
                to_stage: r.get(6)?,
                from_status: r.get::<_, Option<String>>(7)?.as_deref().map(status),
                to_status: status(&r.get::<_, String>(8)?),
                reject_reason: r.get::<_, Option<String>>(9)?.as_deref().and_then(RejectReason::parse),
            };
            if !visit(e) {
                break;
            }
        }
        Ok(())
    }
}
