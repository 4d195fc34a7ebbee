//! Reading the event log for snapshots: roles with every stage (retired ones too), and
//! application events streamed in log order up to an instant.

use super::{Result, Store};
use crate::domain::clock::format_time;
use crate::domain::snapshot::{Replay, ReplayEvent, RoleOutline, Snapshot, StageOutline};
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, LevelId, RejectReason,
    StageId, StageKind,
};
use chrono::{DateTime, Utc};
use rusqlite::params;
use rusqlite::types::Type;

/// Application events with the names a snapshot shows. Stored times are RFC 3339 UTC
/// with microseconds, so comparing the text compares the instants.
const EVENTS_UNTIL: &str = "SELECT e.id, e.at, e.kind, e.application_id, a.candidate_id, c.name,
        a.family_id, a.level_id, l.title, e.to_stage_id, s.label, e.to_status, e.reason, e.undoes
     FROM events e
     JOIN applications a ON a.id = e.application_id
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     LEFT JOIN stages s ON s.id = e.to_stage_id
     WHERE e.at <= ?1 AND (?2 IS NULL OR a.family_id = ?2)
     ORDER BY e.id";

fn bad_text(col: usize, what: &str, value: &str) -> rusqlite::Error {
    let msg = format!("unreadable {what} '{value}'");
    rusqlite::Error::FromSqlConversionFailure(col, Type::Text, msg.into())
}

fn replay_event_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<ReplayEvent> {
    let at: String = r.get(1)?;
    let at = DateTime::parse_from_rfc3339(&at)
        .map_err(|_| bad_text(1, "event time", &at))?
        .with_timezone(&Utc);
    let kind: String = r.get(2)?;
    let kind = EventKind::parse(&kind).ok_or_else(|| bad_text(2, "event kind", &kind))?;
    let to_status: Option<String> = r.get(11)?;
    let reason: Option<String> = r.get(12)?;
    Ok(ReplayEvent {
        id: EventId(r.get(0)?),
        at,
        kind,
        application_id: ApplicationId(r.get(3)?),
        candidate_id: CandidateId(r.get(4)?),
        candidate_name: r.get(5)?,
        family_id: FamilyId(r.get(6)?),
        level_id: LevelId(r.get(7)?),
        level_title: r.get(8)?,
        to_stage: r.get::<_, Option<i64>>(9)?.map(StageId),
        to_stage_label: r.get(10)?,
        to_status: to_status.as_deref().and_then(AppStatus::parse),
        reason: reason.as_deref().and_then(RejectReason::parse),
        undoes: r.get::<_, Option<i64>>(13)?.map(EventId),
    })
}

impl Store {
    /// Roles (all, or one) with every stage in pipeline order; retired stages follow the
    /// current ones so history that points at them can still be shown.
    pub fn role_outlines(&self, family: Option<FamilyId>) -> Result<Vec<RoleOutline>> {
        let mut roles: Vec<RoleOutline> = self
            .families()?
            .into_iter()
            .filter(|f| family.is_none_or(|id| id == f.id))
            .map(|f| RoleOutline {
                id: f.id,
                slug: f.slug,
                title: f.title,
                stages: Vec::new(),
            })
            .collect();
        // Retired stages keep their old position as -1 - position.
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, family_id, kind, label, retired FROM stages
             WHERE ?1 IS NULL OR family_id = ?1
             ORDER BY family_id, retired, CASE WHEN retired THEN -1 - position ELSE position END, id",
        )?;
        let mut rows = stmt.query([family.map(|f| f.0)])?;
        while let Some(r) = rows.next()? {
            let family_id = FamilyId(r.get(1)?);
            let kind: String = r.get(2)?;
            let stage = StageOutline {
                id: StageId(r.get(0)?),
                label: r.get(3)?,
                kind: StageKind::parse(&kind).unwrap_or(StageKind::Interview),
                retired: r.get(4)?,
            };
            if let Some(role) = roles.iter_mut().find(|role| role.id == family_id) {
                role.stages.push(stage);
            }
        }
        Ok(roles)
    }

    /// Stream the application events at or before `until` (all roles, or one), in log
    /// order, to `visit`, without holding the whole log in memory.
    pub fn for_each_event_until(
        &self,
        until: DateTime<Utc>,
        family: Option<FamilyId>,
        mut visit: impl FnMut(ReplayEvent),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(EVENTS_UNTIL)?;
        let mut rows = stmt.query(params![format_time(until), family.map(|f| f.0)])?;
        while let Some(row) = rows.next()? {
            visit(replay_event_from_row(row)?);
        }
        Ok(())
    }

    /// Every application's state at `as_of`, with its stage history.
    pub fn replay_until(&self, as_of: DateTime<Utc>, family: Option<FamilyId>) -> Result<Replay> {
        let mut replay = Replay::new();
        self.for_each_event_until(as_of, family, |ev| replay.apply(&ev))?;
        Ok(replay)
    }

    /// The pipeline (all roles, or one) as it stood at `as_of`.
    pub fn snapshot(&self, as_of: DateTime<Utc>, family: Option<FamilyId>) -> Result<Snapshot> {
        let roles = self.role_outlines(family)?;
        let replay = self.replay_until(as_of, family)?;
        Ok(Snapshot::build(as_of, &roles, &replay))
    }
}
