//! Bulk loading (the demo generator): many rows in one transaction through statements
//! prepared once. The caller supplies ids, so rows can reference each other without a
//! read-back per insert, and states already consistent with their events; the schema's
//! checks and triggers still apply to every row.

use super::{Result, Store, retry};
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, InterviewId, LevelId, Rating,
    RejectReason, StageId,
};
use rusqlite::{Connection, Statement, params};

/// Page cache for the load (KiB): large enough that the indexes being filled stay in
/// memory instead of being re-read after every spill.
const LOAD_CACHE_KIB: i64 = 256 * 1024;

/// The first free id of each table, read under the write lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextIds {
    /// First free candidate id.
    pub candidate: i64,
    /// First free application id.
    pub application: i64,
    /// First free event id.
    pub event: i64,
    /// First free interview id.
    pub interview: i64,
}

/// A person row.
#[derive(Debug, Clone, Copy)]
pub struct BulkCandidate<'a> {
    /// Id (from `NextIds`).
    pub id: CandidateId,
    /// Full name.
    pub name: &'a str,
    /// Normalised name (`domain::text::normalise_name`).
    pub name_key: &'a str,
    /// Email.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Source.
    pub source: Option<&'a str>,
    /// Created (stored time text).
    pub created_at: &'a str,
}

/// An application row in its current state.
#[derive(Debug, Clone, Copy)]
pub struct BulkApplication<'a> {
    /// Id.
    pub id: ApplicationId,
    /// The person.
    pub candidate: CandidateId,
    /// The family.
    pub family: FamilyId,
    /// The level.
    pub level: LevelId,
    /// Current stage.
    pub stage: StageId,
    /// Current status.
    pub status: AppStatus,
    /// Why rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage.
    pub stage_entered_at: &'a str,
    /// When it was made.
    pub created_at: &'a str,
    /// Its last change.
    pub updated_at: &'a str,
    /// Number of changes (events) so far.
    pub version: i64,
}

/// An application event.
#[derive(Debug, Clone, Copy)]
pub struct BulkEvent<'a> {
    /// Id; ids must follow time.
    pub id: EventId,
    /// When.
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What.
    pub kind: EventKind,
    /// The person.
    pub candidate: CandidateId,
    /// The application.
    pub application: ApplicationId,
    /// Stage before.
    pub from_stage: StageId,
    /// Stage after.
    pub to_stage: StageId,
    /// Status before.
    pub from_status: AppStatus,
    /// Status after.
    pub to_status: AppStatus,
    /// Reject reason.
    pub reason: Option<RejectReason>,
    /// Note.
    pub note: Option<&'a str>,
}

/// An interview with its scorecard.
#[derive(Debug, Clone, Copy)]
pub struct BulkInterview<'a> {
    /// Id.
    pub id: InterviewId,
    /// The application.
    pub application: ApplicationId,
    /// The stage it was held at.
    pub stage: StageId,
    /// Who interviewed.
    pub interviewer: &'a str,
    /// Date held (YYYY-MM-DD).
    pub held_on: &'a str,
    /// Overall recommendation.
    pub recommendation: Rating,
    /// Notes.
    pub notes: &'a str,
    /// When it was recorded.
    pub created_at: &'a str,
    /// The `interview_recorded` event.
    pub event: EventId,
    /// One rating per requirement of the level, in order, with the requirement's text.
    pub scores: &'a [(&'a str, Option<Rating>)],
}

/// Prepared inserts inside an open transaction.
pub struct BulkWriter<'c> {
    conn: &'c Connection,
    candidate: Statement<'c>,
    application: Statement<'c>,
    event: Statement<'c>,
    interview: Statement<'c>,
    score: Statement<'c>,
}

impl<'c> BulkWriter<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        Ok(BulkWriter {
            conn,
            candidate: conn.prepare(
                "INSERT INTO candidates (id, name, name_key, email, phone, source, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
            )?,
            application: conn.prepare(
                "INSERT INTO applications (id, candidate_id, family_id, level_id, stage_id, status, reject_reason,
                                           stage_entered_at, created_at, updated_at, version)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
            )?,
            event: conn.prepare(
                "INSERT INTO events (id, at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                                     from_status, to_status, reason, note)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
            )?,
            interview: conn.prepare(
                "INSERT INTO interviews (id, application_id, stage_id, interviewer, held_on, recommendation, notes,
                                         created_at, event_id, level_id)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, (SELECT level_id FROM applications WHERE id = ?2))",
            )?,
            score: conn.prepare(
                "INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES (?1, ?2, ?3, ?4)",
            )?,
        })
    }

    /// The first free id of each table.
    pub fn next_ids(&self) -> Result<NextIds> {
        let next = |table: &str| -> Result<i64> {
            let sql = format!("SELECT COALESCE(MAX(id), 0) + 1 FROM {table}");
            Ok(self.conn.query_row(&sql, [], |r| r.get(0))?)
        };
        Ok(NextIds {
            candidate: next("candidates")?,
            application: next("applications")?,
            event: next("events")?,
            interview: next("interviews")?,
        })
    }

    /// Insert a person.
    pub fn candidate(&mut self, c: &BulkCandidate<'_>) -> Result<()> {
        self.candidate.execute(params![
            c.id.0,
            c.name,
            c.name_key,
            c.email,
            c.phone,
            c.source,
            c.created_at
        ])?;
        Ok(())
    }

    /// Insert an application.
    pub fn application(&mut self, a: &BulkApplication<'_>) -> Result<()> {
        self.application.execute(params![
            a.id.0,
            a.candidate.0,
            a.family.0,
            a.level.0,
            a.stage.0,
            a.status.as_str(),
            a.reject_reason.map(RejectReason::as_str),
            a.stage_entered_at,
            a.created_at,
            a.updated_at,
            a.version
        ])?;
        Ok(())
    }

    /// Append an event.
    pub fn event(&mut self, e: &BulkEvent<'_>) -> Result<()> {
        self.event.execute(params![
            e.id.0,
            e.at,
            e.actor,
            e.kind.as_str(),
            e.candidate.0,
            e.application.0,
            e.from_stage.0,
            e.to_stage.0,
            e.from_status.as_str(),
            e.to_status.as_str(),
            e.reason.map(RejectReason::as_str),
            e.note
        ])?;
        Ok(())
    }

    /// Insert an interview and its scores.
    pub fn interview(&mut self, i: &BulkInterview<'_>) -> Result<()> {
        self.interview.execute(params![
            i.id.0,
            i.application.0,
            i.stage.0,
            i.interviewer,
            i.held_on,
            i.recommendation.value(),
            i.notes,
            i.created_at,
            i.event.0
        ])?;
        for (position, (requirement, rating)) in i.scores.iter().enumerate() {
            self.score.execute(params![i.id.0, position as i64, requirement, rating.map(Rating::value)])?;
        }
        Ok(())
    }
}

impl Store {
    /// Run `load` in one IMMEDIATE transaction with prepared inserts: everything it
    /// writes is committed together when it returns `Ok`, and nothing when it fails.
    ///
    /// For speed, foreign keys are not checked during the load (the caller's ids are
    /// consistent by construction; the demo's tests run `foreign_key_check` on its
    /// output), and when the load brings more events than the log holds, the indexes of
    /// the tables it fills are dropped and rebuilt at the end, inside the transaction:
    /// one sort per index instead of a million random B-tree inserts.
    pub fn bulk_load<T>(
        &mut self,
        expected_events: u64,
        load: impl FnOnce(&mut BulkWriter<'_>) -> Result<T>,
    ) -> Result<T> {
        let previous: i64 = self.sqlite()?.query_row("PRAGMA cache_size", [], |r| r.get(0))?;
        self.sqlite()?.pragma_update(None, "cache_size", -LOAD_CACHE_KIB)?;
        // Only takes effect outside a transaction, hence here.
        self.sqlite()?.pragma_update(None, "foreign_keys", "OFF")?;
        let result = self.load_in_transaction(expected_events, load);
        self.sqlite()?.pragma_update(None, "foreign_keys", "ON")?;
        // Give the memory back: the TUI or a later command must stay small.
        self.sqlite()?.pragma_update(None, "cache_size", previous)?;
        result
    }

    fn load_in_transaction<T>(
        &mut self,
        expected_events: u64,
        load: impl FnOnce(&mut BulkWriter<'_>) -> Result<T>,
    ) -> Result<T> {
        let tx = retry::begin_immediate(self.sqlite()?)?;
        let existing: i64 = tx.query_row("SELECT COUNT(*) FROM events", [], |r| r.get(0))?;
        let rebuild =
            if (existing.max(0) as u64) < expected_events { drop_indexes(&tx)? } else { Vec::new() };
        let value = {
            let mut writer = BulkWriter::new(&tx)?;
            load(&mut writer)?
        };
        for sql in &rebuild {
            tx.execute_batch(sql)?;
        }
        retry::commit(tx)?;
        Ok(value)
    }
}

/// Drop the declared indexes of the tables a load fills; returns their definitions.
fn drop_indexes(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT name, sql FROM sqlite_master
         WHERE type = 'index' AND sql IS NOT NULL
           AND tbl_name IN ('candidates', 'applications', 'events', 'interviews', 'interview_scores')",
    )?;
    let indexes: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?.collect::<rusqlite::Result<_>>()?;
    for (name, _) in &indexes {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", name.replace('"', "\"\"")))?;
    }
    Ok(indexes.into_iter().map(|(_, sql)| sql).collect())
}
