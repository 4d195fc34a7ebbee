//! Erasing a person on request: their personal data and free text are replaced by a
//! placeholder, their anonymous events stay (so funnel statistics stay true), and the
//! database files are rewritten so the old text is gone from the disk, not just hidden.

use super::events::append_candidate_event;
use super::handle::Backend;
use super::sql::prelude::*;
use super::{Result, Store, StoreError, retry};
use crate::domain::{CandidateId, EventId, EventKind};
use serde::Serialize;

/// What erased text is replaced with (the schema's trigger allows exactly this value).
pub const ERASED_PLACEHOLDER: &str = "[erased]";

/// What an erasure did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Erasure {
    /// The person.
    pub candidate_id: CandidateId,
    /// The `erased` event recorded.
    pub event_id: EventId,
    /// Event notes scrubbed.
    pub event_notes: usize,
    /// Interview notes scrubbed.
    pub interview_notes: usize,
    /// Whether the database files were rewritten so the old text is gone from disk.
    /// False when another process kept the write-ahead log from being truncated; any
    /// later `rolecall doctor --checkpoint` (or the next erasure) finishes the job.
    pub purged: bool,
    /// The person had been erased before: this erasure scrubbed again whatever text had
    /// reached their record since (erasure is repeatable, so it can always be finished).
    pub again: bool,
    /// Why the files could not be rewritten after the erasure was committed (a full disk:
    /// VACUUM needs room for a copy of the database). The erasure itself is saved.
    pub compact_error: Option<String>,
    /// The database is a server: old row versions may hold the text until an
    /// administrator runs `rolecall purge` (rolecall cannot rewrite the server's files).
    pub on_server: bool,
}

impl Store {
    /// Erase a person: name, email, phone, source and every free text about them
    /// (their notes, their events' notes, their interviews' notes) become the
    /// placeholder; an `erased` event is recorded; the files are then compacted. Erasing
    /// an erased person again scrubs again (and records that it did).
    pub fn erase_candidate(&mut self, id: CandidateId) -> Result<Erasure> {
        let (again, event_notes, interview_notes, event_id) = self.write(|tx| {
            let now = self.now_in(tx)?;
            scrub(tx, id, &now, &self.actor)
        })?;
        // Committed: from here on a failure must not be reported as "nothing was saved".
        // On a server there are no files of ours to rewrite: old row versions stay until
        // an administrator's `rolecall purge`.
        let (purged, compact_error) = match self.dialect() {
            Dialect::Postgres => (false, None),
            Dialect::Sqlite => match self.compact() {
                Ok(purged) => (purged, None),
                Err(e) => {
                    tracing::warn!("erased candidate {id}, but compacting the files failed: {e}");
                    let why = if e.is_disk_full() { "the disk is full".to_string() } else { e.to_string() };
                    (false, Some(why))
                }
            },
        };
        let on_server = self.dialect() == Dialect::Postgres;
        Ok(Erasure {
            candidate_id: id,
            event_id,
            event_notes,
            interview_notes,
            purged,
            again,
            compact_error,
            on_server,
        })
    }

    /// Refuse to change, or apply to a role, a person whose data was erased.
    pub(crate) fn refuse_if_erased(&self, id: CandidateId) -> Result<()> {
        if self.is_erased(id)? {
            return Err(StoreError::Conflict(format!(
                "candidate {id}'s data was erased; add them again if they reapply"
            )));
        }
        Ok(())
    }

    /// Whether a person's data was erased (an unknown id is not).
    pub(crate) fn is_erased(&self, id: CandidateId) -> Result<bool> {
        is_erased_in(self.db(), id)
    }

    /// Rewrite the database files so that no deleted or overwritten text lingers in free
    /// pages or in the write-ahead log: checkpoint and truncate the log, VACUUM (in
    /// memory, so no temporary file holds the data), truncate again. Returns false when
    /// another connection's open read kept the log from being truncated. A server's files
    /// are PostgreSQL's: there an administrator runs `rolecall purge` instead.
    pub fn compact(&mut self) -> Result<bool> {
        let conn = self.sqlite_file("rewriting the database files")?;
        let first = checkpoint_truncate(conn)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        let mut backoff = retry::Backoff::new();
        loop {
            match conn.execute_batch("VACUUM") {
                Ok(()) => break,
                Err(e) if retry::is_busy(&e) && backoff.pause() => {}
                Err(e) => return Err(e.into()),
            }
        }
        conn.pragma_update(None, "temp_store", "DEFAULT")?;
        let second = checkpoint_truncate(conn)?;
        Ok(first && second)
    }

    /// `PRAGMA wal_checkpoint(TRUNCATE)`: copy the log into the database file and cut the
    /// log to zero bytes. False when a reader kept it from completing.
    pub fn checkpoint_truncate(&self) -> Result<bool> {
        checkpoint_truncate(self.sqlite_file("truncating the write-ahead log")?)
    }

    /// The SQLite connection, for `what` only a file has; on a server a refusal that
    /// names what does the job there.
    fn sqlite_file(&self, what: &str) -> Result<&rusqlite::Connection> {
        match &self.backend {
            Backend::Sqlite(conn) => Ok(conn),
            #[cfg(feature = "postgres")]
            Backend::Postgres(_) => Err(StoreError::Invalid(format!(
                "{what} is for a SQLite file; on a server an administrator runs `rolecall purge` \
                 (VACUUM FULL, checkpoint, WAL switch)"
            ))),
        }
    }
}

fn checkpoint_truncate(conn: &rusqlite::Connection) -> Result<bool> {
    let busy: i64 = conn.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
    Ok(busy == 0)
}

/// Whether a person's data was erased, read through `db` (a connection or a transaction).
pub(crate) fn is_erased_in(db: &dyn Sql, id: CandidateId) -> Result<bool> {
    Ok(db
        .query_opt("SELECT erased FROM candidates WHERE id = ?1", &args![id], |r| r.get(0))?
        .unwrap_or(false))
}

/// The scrub, inside the erasure's transaction: whether the person had been erased
/// before, how many event and interview notes were scrubbed, and the `erased` event.
fn scrub(tx: &dyn Sql, id: CandidateId, now: &str, actor: &str) -> Result<(bool, usize, usize, EventId)> {
    let p = ERASED_PLACEHOLDER;
    let erased: Option<bool> = tx.query_opt(
        &format!("SELECT erased FROM candidates WHERE id = ?1{}", tx.for_update()),
        &args![id],
        |r| r.get(0),
    )?;
    let Some(again) = erased else {
        return Err(StoreError::not_found("candidate", &id.to_string(), []));
    };
    // Marking the person erased first is what lets the trigger accept the scrub below.
    tx.execute(
        "UPDATE candidates SET erased = TRUE, name = ?2, name_key = ?2, email = NULL, phone = NULL,
                source = NULL, notes = CASE WHEN notes = '' THEN '' ELSE ?2 END, updated_at = ?3
         WHERE id = ?1",
        &args![id, p, now],
    )?;
    // On a server no login may update the log: the scrub is a function of its own that
    // runs with the owner's rights (migrations/postgres/0016_access_erasure.sql).
    let event_notes = match tx.dialect() {
        Dialect::Postgres => {
            tx.query_value::<i64>("SELECT rolecall_scrub_event_notes(?1, ?2)", &args![id, p])? as usize
        }
        Dialect::Sqlite => tx.execute(
            "UPDATE events SET note = ?2 WHERE candidate_id = ?1 AND note IS NOT NULL AND note <> ?2
               AND kind <> 'erased'",
            &args![id, p],
        )? as usize,
    };
    // A SQLite file restored from before interviews existed has no such table.
    let has_interviews: bool = match tx.dialect() {
        Dialect::Postgres => true,
        Dialect::Sqlite => tx.query_value(
            "SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'interviews')",
            &[],
        )?,
    };
    let interview_notes = if has_interviews {
        tx.execute(
            "UPDATE interviews SET notes = ?2 WHERE notes <> '' AND notes <> ?2
               AND application_id IN (SELECT id FROM applications WHERE candidate_id = ?1)",
            &args![id, p],
        )? as usize
    } else {
        0
    };
    let summary = format!(
        "{}name, email, phone, source, notes; {event_notes} event notes, {interview_notes} interview notes",
        if again { "again: " } else { "" }
    );
    let event_id = append_candidate_event(tx, now, actor, id, EventKind::Erased, &summary)?;
    Ok((again, event_notes, interview_notes, event_id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::NewCandidate;

    #[test]
    fn erasure_scrubs_the_person_and_is_final() {
        let mut store = Store::open_in_memory().expect("store");
        let id = store
            .add_candidate(&NewCandidate {
                name: "Ana Ruiz".into(),
                email: Some("ana@example.com".into()),
                phone: Some("+34 600".into()),
                source: Some("referral".into()),
                notes: "salary 90k".into(),
            })
            .expect("add");
        let done = store.erase_candidate(id).expect("erase");
        assert_eq!(done.candidate_id, id);
        let c = store.candidate(id).expect("still there");
        assert_eq!(c.name, ERASED_PLACEHOLDER);
        assert_eq!((c.email, c.phone, c.source), (None, None, None));
        assert_eq!(c.notes, ERASED_PLACEHOLDER);
        let again = store.erase_candidate(id).expect("erasing again scrubs again");
        assert!(again.again && !done.again);
        let back = store.debug_execute(&format!("UPDATE candidates SET name = 'Ana' WHERE id = {id}"));
        assert!(back.is_err(), "an erased record cannot be filled in again");
    }

    #[test]
    fn the_log_stays_append_only_outside_erasure() {
        let mut store = Store::open_in_memory().expect("store");
        let id = store.add_candidate(&NewCandidate { name: "Bo".into(), ..Default::default() }).expect("add");
        store
            .edit_candidate(
                id,
                &crate::store::CandidateUpdate { notes: Some("x".into()), ..Default::default() },
            )
            .expect("edit");
        for sql in [
            "UPDATE events SET note = '[erased]'",
            "UPDATE events SET note = 'rewritten'",
            "UPDATE events SET kind = 'moved'",
            "DELETE FROM events",
        ] {
            assert!(store.debug_execute(sql).is_err(), "{sql} must be refused");
        }
        store.erase_candidate(id).expect("erase");
        assert!(store.debug_execute("UPDATE events SET kind = 'moved'").is_err());
        assert!(store.debug_execute("UPDATE events SET note = 'again'").is_err());
    }
}
