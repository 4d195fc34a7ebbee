//! Applications (candidate × level): reading them and the board. Applying is in `apply`,
//! the changes a recruiter makes to them in `transitions`.

use super::{Result, Store, StoreError};
use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, FamilyId, LevelId, RejectReason, StageId, StageKind,
};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// An application with the names a person needs to read it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Application {
    /// Row id.
    pub id: ApplicationId,
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's name.
    pub candidate_name: String,
    /// The family applied to.
    pub family_id: FamilyId,
    /// The family's slug.
    pub family_slug: String,
    /// The level applied to.
    pub level_id: LevelId,
    /// The level's title.
    pub level_title: String,
    /// Current stage.
    pub stage_id: StageId,
    /// Current stage label.
    pub stage_label: String,
    /// Whether the current stage is Offer: the one a hire is allowed from
    /// (`domain::rules::can_hire_from`).
    pub at_offer: bool,
    /// Status.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage (RFC 3339).
    pub stage_entered_at: String,
    /// When the application was created (RFC 3339).
    pub created_at: String,
    /// Optimistic-concurrency version; bumped on every change.
    pub version: i64,
}

/// One card on the board: an open application of a family.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct BoardCard {
    /// Application id.
    pub id: ApplicationId,
    /// Candidate id.
    pub candidate_id: CandidateId,
    /// Candidate name.
    pub name: String,
    /// Level title, shared by every card of that level (100,000 cards hold a handful of
    /// distinct titles).
    pub level: std::sync::Arc<str>,
    /// Current stage.
    pub stage_id: StageId,
    /// Status (active, on hold, or closed when shown).
    pub status: AppStatus,
    /// When it entered the stage (RFC 3339).
    pub stage_entered_at: String,
    /// Version, for stale-view checks.
    pub version: i64,
    /// The most recent interview's recommendation, at any stage.
    pub last_recommendation: Option<crate::domain::Rating>,
    /// Interviews recorded at the current stage.
    pub interviews_at_stage: u32,
    /// The person's email, for the board's filter.
    pub email: Option<String>,
    /// Where the person came from, for the board's filter.
    pub source: Option<String>,
}

/// The result of a change: the event written and the application after it.
#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    /// The event appended.
    pub event_id: EventId,
    /// The application after the change.
    pub application: Application,
}

/// The board of one family (`?1`): open applications only. The status test is a plain
/// `IN` so SQLite can seek the `applications_board` index to the open rows instead of
/// reading every application the family ever had (a `?2 OR …` form defeats the index).
pub const BOARD_OPEN_SQL: &str = "SELECT a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status,
        a.stage_entered_at, a.version,
        (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id),
        c.email, c.source
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     WHERE a.family_id = ?1 AND a.status IN ('active', 'on_hold')
     ORDER BY a.stage_id, a.stage_entered_at, a.id";

/// The board of one family (`?1`) with closed applications too.
pub const BOARD_ALL_SQL: &str = "SELECT a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status,
        a.stage_entered_at, a.version,
        (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id),
        c.email, c.source
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     WHERE a.family_id = ?1
     ORDER BY a.stage_id, a.stage_entered_at, a.id";

const APP_SELECT: &str = "SELECT a.id, a.candidate_id, c.name, a.family_id, f.slug, a.level_id, l.title,
        a.stage_id, s.label, s.kind, a.status, a.reject_reason, a.stage_entered_at, a.created_at, a.version
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN families f ON f.id = a.family_id
     JOIN levels l ON l.id = a.level_id
     JOIN stages s ON s.id = a.stage_id";

fn application_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Application> {
    let kind: String = r.get(9)?;
    let status: String = r.get(10)?;
    let reason: Option<String> = r.get(11)?;
    Ok(Application {
        id: ApplicationId(r.get(0)?),
        candidate_id: CandidateId(r.get(1)?),
        candidate_name: super::lossy::text(r, 2)?,
        family_id: FamilyId(r.get(3)?),
        family_slug: super::lossy::text(r, 4)?,
        level_id: LevelId(r.get(5)?),
        level_title: super::lossy::text(r, 6)?,
        stage_id: StageId(r.get(7)?),
        stage_label: super::lossy::text(r, 8)?,
        at_offer: StageKind::parse(&kind).is_some_and(crate::domain::rules::can_hire_from),
        status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
        reject_reason: reason.as_deref().and_then(RejectReason::parse),
        stage_entered_at: r.get(12)?,
        created_at: r.get(13)?,
        version: r.get(14)?,
    })
}

impl Store {
    /// One application by id.
    pub fn application(&self, id: ApplicationId) -> Result<Application> {
        // Cached: every change reads the application twice, and parsing this join
        // again each time cost as much as the change's own writes.
        self.conn
            .prepare_cached(&format!("{APP_SELECT} WHERE a.id = ?1"))?
            .query_row([id.0], application_from_row)
            .optional()?
            .ok_or_else(|| StoreError::NotFound {
                what: "application",
                key: id.to_string(),
                hint: "; `rolecall candidate show NAME` lists a person's applications".into(),
            })
    }

    /// Every application of a person, oldest first.
    pub fn applications_of(&self, candidate: CandidateId) -> Result<Vec<Application>> {
        let mut stmt =
            self.conn.prepare_cached(&format!("{APP_SELECT} WHERE a.candidate_id = ?1 ORDER BY a.id"))?;
        let rows = stmt.query_map([candidate.0], application_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Open applications of a family (closed ones too when `include_closed`), board order.
    pub fn board(&self, family: FamilyId, include_closed: bool) -> Result<Vec<BoardCard>> {
        let sql = if include_closed { BOARD_ALL_SQL } else { BOARD_OPEN_SQL };
        let mut stmt = self.conn.prepare_cached(sql)?;
        let mut titles: Vec<std::sync::Arc<str>> = Vec::new();
        let rows = stmt.query_map(params![family.0], |r| {
            let status: String = r.get(5)?;
            let title = String::from_utf8_lossy(r.get_ref(3)?.as_bytes()?);
            let level = match titles.iter().find(|t| ***t == *title) {
                Some(t) => std::sync::Arc::clone(t),
                None => {
                    let t: std::sync::Arc<str> = title.as_ref().into();
                    titles.push(std::sync::Arc::clone(&t));
                    t
                }
            };
            Ok(BoardCard {
                id: ApplicationId(r.get(0)?),
                candidate_id: CandidateId(r.get(1)?),
                name: super::lossy::text(r, 2)?,
                level,
                stage_id: StageId(r.get(4)?),
                status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
                stage_entered_at: r.get(6)?,
                version: r.get(7)?,
                last_recommendation: r.get::<_, Option<i64>>(8)?.and_then(crate::domain::Rating::from_value),
                interviews_at_stage: r.get(9)?,
                email: r.get(10)?,
                source: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
