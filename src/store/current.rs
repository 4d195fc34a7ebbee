//! The current state of every application read from the live rows, streamed one row at a
//! time in snapshot order (role, stage, time in stage, id) — what a snapshot "as of now"
//! shows, without replaying the event log or holding the pipeline in memory. A snapshot
//! of an earlier instant still replays the log (`store/snapshot.rs`).

use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::clock::parse_time;
use crate::domain::snapshot::ApplicationSnapshot;
use crate::domain::{AppStatus, ApplicationId, CandidateId, FamilyId, Rating, RejectReason, StageId};
use chrono::{DateTime, Utc};
use std::ops::ControlFlow;

/// Every application with what a snapshot row shows. A closed application's days in
/// stage stop when it closed: the last event that took it from open to closed. Interviews
/// at the stage are all those held there (as the replay counts them), and the last
/// recommendation is that of the latest interview in the log: the one with the highest id
/// (an interview's row is written with its event, in the same transaction, so the two
/// orders agree), which the `interviews_latest` index (migration 0031) ends each
/// application's run at, as for the board's cards — no table row, no sort (issue 20). Roles and stages come in
/// the order the replayed snapshot uses (roles by position, current stages by position,
/// retired ones after them).
const CURRENT: &str = "SELECT f.slug, f.title, a.id, a.candidate_id, c.name, l.title, a.stage_id, s.label,
        a.status, a.reject_reason, a.created_at, a.stage_entered_at,
        CASE WHEN a.status IN ('rejected', 'withdrawn', 'hired') THEN
            (SELECT e.at FROM events e
             WHERE e.application_id = a.id
               AND e.from_status IN ('active', 'on_hold') AND e.to_status IN ('rejected', 'withdrawn', 'hired')
             ORDER BY e.id DESC LIMIT 1)
        END,
        (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id),
        (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1)
     FROM applications a
     JOIN families f ON f.id = a.family_id
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     JOIN stages s ON s.id = a.stage_id
     WHERE a.family_id = ?1 OR ?1 IS NULL
     ORDER BY f.position, f.id, s.retired, CASE WHEN s.retired THEN -1 - s.position ELSE s.position END, s.id,
              a.stage_entered_at, a.id";

/// [`CURRENT`] for a hiring manager or an interviewer on a server, whose every table is a
/// view listing all their rows (migrations/postgres/0021): the same columns from joins
/// rather than three subqueries per application, which would list the log and the
/// scorecards again for each (PostgreSQL only).
const CURRENT_SEEN: &str = "WITH closed AS MATERIALIZED (
         SELECT DISTINCT ON (e.application_id) e.application_id, e.at FROM events e
          WHERE e.from_status IN ('active', 'on_hold') AND e.to_status IN ('rejected', 'withdrawn', 'hired')
          ORDER BY e.application_id, e.id DESC),
     held AS MATERIALIZED (SELECT i.application_id, i.stage_id, COUNT(*) AS n FROM interviews i GROUP BY 1, 2),
     latest AS MATERIALIZED (SELECT DISTINCT ON (i.application_id) i.application_id, i.recommendation FROM interviews i
                 ORDER BY i.application_id, i.event_id DESC)
     SELECT f.slug, f.title, a.id, a.candidate_id, c.name, l.title, a.stage_id, s.label,
        a.status, a.reject_reason, a.created_at, a.stage_entered_at,
        CASE WHEN a.status IN ('rejected', 'withdrawn', 'hired') THEN closed.at END,
        COALESCE(held.n, 0), latest.recommendation
     FROM applications a
     JOIN families f ON f.id = a.family_id
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     JOIN stages s ON s.id = a.stage_id
     LEFT JOIN closed ON closed.application_id = a.id
     LEFT JOIN held ON held.application_id = a.id AND held.stage_id = a.stage_id
     LEFT JOIN latest ON latest.application_id = a.id
     WHERE a.family_id = ?1 OR ?1 IS NULL
     ORDER BY f.position, f.id, s.retired, CASE WHEN s.retired THEN -1 - s.position ELSE s.position END, s.id,
              a.stage_entered_at, a.id";

/// The role a streamed row belongs to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoleKey {
    /// Slug.
    pub slug: String,
    /// Title.
    pub title: String,
}

fn time(id: i64, text: &str) -> Result<DateTime<Utc>> {
    parse_time(text).ok_or_else(|| {
        StoreError::Corrupt(format!("application {id} has a time that cannot be read: '{text}'"))
    })
}

/// One row of [`CURRENT`] as of `now`.
fn application(r: &Row<'_>, now: DateTime<Utc>) -> Result<ApplicationSnapshot> {
    let id: i64 = r.get(2)?;
    let status_text: String = r.get(8)?;
    let status = AppStatus::parse(&status_text).ok_or_else(|| {
        StoreError::Corrupt(format!("application {id} has an unknown status '{status_text}'"))
    })?;
    let stage_entered_at = time(id, &r.get::<String>(11)?)?;
    let closed_at = match r.get::<Option<String>>(12)? {
        Some(t) => Some(time(id, &t)?),
        None => None,
    };
    let end = closed_at.unwrap_or(now).min(now);
    Ok(ApplicationSnapshot {
        application_id: ApplicationId(id),
        candidate_id: CandidateId(r.get(3)?),
        candidate_name: r.get(4)?,
        level_title: r.get(5)?,
        stage_id: StageId(r.get(6)?),
        stage_label: r.get(7)?,
        status,
        reject_reason: if status == AppStatus::Rejected {
            r.get::<Option<String>>(9)?.as_deref().and_then(RejectReason::parse)
        } else {
            None
        },
        applied_at: time(id, &r.get::<String>(10)?)?,
        stage_entered_at,
        days_in_stage: (end - stage_entered_at).num_days().max(0),
        interviews_at_stage: r.get::<i64>(13)?.clamp(0, i64::from(u32::MAX)) as u32,
        last_recommendation: r.get::<Option<i64>>(14)?.and_then(Rating::from_value),
    })
}

impl Store {
    /// Stream every application (all roles, or one) as it stands now, in snapshot
    /// order, to `visit`, which may stop the stream with `Break`. Memory holds one row.
    pub fn for_each_current_application(
        &self,
        family: Option<FamilyId>,
        visit: &mut dyn FnMut(&RoleKey, &ApplicationSnapshot) -> ControlFlow<()>,
    ) -> Result<()> {
        let now = self.now();
        let mut role = RoleKey::default();
        // Independent feedback (issue 16): what the actor may not see yet stays out.
        let visible = self.visible_recommendations(family, None)?;
        // Streamed: on a server too, memory holds one row (`visit` only writes it out).
        let sql = if self.restricted()? { CURRENT_SEEN } else { CURRENT };
        self.db().each_row_streamed(sql, &args![family.map(|f| f.0)], &mut |r| {
            let slug: String = r.get(0)?;
            if slug != role.slug {
                role = RoleKey { slug, title: r.get(1)? };
            }
            let mut a = application(r, now)?;
            if let Some(rec) = visible.get(&a.application_id) {
                a.last_recommendation = *rec;
            }
            Ok(visit(&role, &a).is_continue())
        })
    }
}
