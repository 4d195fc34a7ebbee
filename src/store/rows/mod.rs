//! Row <-> domain type conversions: the one place that turns stored columns into
//! rolecall's types, with the column lists they read, on either backend (rows of the
//! neutral layer, `sql::Row`). Stored text is read lossily on SQLite; a stored time that
//! is not a time reads as `None` on rows, while an event's is refused (`events`), since
//! the log is what every other view is rebuilt from.

pub(super) mod events;

use crate::domain::clock::parse_time;
use crate::domain::{
    AppStatus, Application, ApplicationId, BoardCard, BoardLine, Candidate, CandidateId, Family, FamilyId,
    Level, LevelId, Rating, RejectReason, Stage, StageId, StageKind,
};
use crate::store::Result;
use crate::store::sql::Row;
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// A stored time column: `None` when its text is not a time.
pub(crate) fn time(r: &Row<'_>, i: usize) -> Result<Option<DateTime<Utc>>> {
    Ok(r.get::<Option<String>>(i)?.as_deref().and_then(parse_time))
}

/// A stored status: unknown text reads as active (doctor's replay reports it).
fn status(r: &Row<'_>, i: usize) -> Result<AppStatus> {
    Ok(AppStatus::parse(&r.get::<String>(i)?).unwrap_or(AppStatus::Active))
}

/// The columns [`family`] reads.
pub(super) const FAMILY_COLUMNS: &str =
    "id, slug, title, description, source, performance_indicators, career_ladder";

/// A family from a row of [`FAMILY_COLUMNS`].
pub(super) fn family(r: &Row<'_>) -> Result<Family> {
    let pis: String = r.get(5)?;
    Ok(Family {
        id: FamilyId(r.get(0)?),
        slug: r.get::<String>(1)?,
        title: r.get::<String>(2)?,
        description: r.get::<String>(3)?,
        source: r.get(4)?,
        performance_indicators: serde_json::from_str(&pis).unwrap_or_default(),
        career_ladder: r.get::<String>(6)?,
    })
}

/// The columns [`level`] reads.
pub(super) const LEVEL_COLUMNS: &str = "id, family_id, position, title, grade, reports_to";

/// A level from a row of [`LEVEL_COLUMNS`].
pub(super) fn level(r: &Row<'_>) -> Result<Level> {
    Ok(Level {
        id: LevelId(r.get(0)?),
        family_id: FamilyId(r.get(1)?),
        position: r.get(2)?,
        title: r.get::<String>(3)?,
        grade: r.get(4)?,
        reports_to: r.get::<Option<String>>(5)?,
    })
}

/// The columns [`stage`] reads.
pub(super) const STAGE_COLUMNS: &str =
    "id, family_id, position, kind, label, full_text, interviewers, alternatives,
     min_interviews, max_interviews";

/// A stage from a row of [`STAGE_COLUMNS`].
pub(super) fn stage(r: &Row<'_>) -> Result<Stage> {
    let kind: String = r.get(3)?;
    let interviewers: String = r.get(6)?;
    let alternatives: String = r.get(7)?;
    Ok(Stage {
        id: StageId(r.get(0)?),
        family_id: FamilyId(r.get(1)?),
        position: r.get(2)?,
        kind: StageKind::parse(&kind).unwrap_or(StageKind::Interview),
        label: r.get::<String>(4)?,
        full_text: r.get::<String>(5)?,
        interviewers: serde_json::from_str(&interviewers).unwrap_or_default(),
        alternatives: serde_json::from_str(&alternatives).unwrap_or_default(),
        min_interviews: r.get(8)?,
        max_interviews: r.get(9)?,
    })
}

/// The columns [`candidate`] reads.
pub(super) const CANDIDATE_COLUMNS: &str = "id, name, email, phone, source, notes, created_at";

/// A person from a row of [`CANDIDATE_COLUMNS`].
pub(super) fn candidate(r: &Row<'_>) -> Result<Candidate> {
    Ok(Candidate {
        id: CandidateId(r.get(0)?),
        name: r.get::<String>(1)?,
        email: r.get::<Option<String>>(2)?,
        phone: r.get::<Option<String>>(3)?,
        source: r.get::<Option<String>>(4)?,
        notes: r.get::<String>(5)?,
        created_at: time(r, 6)?,
    })
}

/// The query [`application`] reads (add a `WHERE`).
pub(super) const APP_SELECT: &str =
    "SELECT a.id, a.candidate_id, c.name, a.family_id, f.slug, a.level_id, l.title,
        a.stage_id, s.label, s.kind, a.status, a.reject_reason, a.stage_entered_at, a.created_at, a.version
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN families f ON f.id = a.family_id
     JOIN levels l ON l.id = a.level_id
     JOIN stages s ON s.id = a.stage_id";

/// An application from a row of [`APP_SELECT`].
pub(super) fn application(r: &Row<'_>) -> Result<Application> {
    let kind: String = r.get(9)?;
    let reason: Option<String> = r.get(11)?;
    Ok(Application {
        id: ApplicationId(r.get(0)?),
        candidate_id: CandidateId(r.get(1)?),
        candidate_name: r.get::<String>(2)?,
        family_id: FamilyId(r.get(3)?),
        family_slug: r.get::<String>(4)?,
        level_id: LevelId(r.get(5)?),
        level_title: r.get::<String>(6)?,
        stage_id: StageId(r.get(7)?),
        stage_label: r.get::<String>(8)?,
        at_offer: StageKind::parse(&kind).is_some_and(crate::domain::rules::can_hire_from),
        status: status(r, 10)?,
        reject_reason: reason.as_deref().and_then(RejectReason::parse),
        stage_entered_at: time(r, 12)?,
        created_at: time(r, 13)?,
        version: r.get(14)?,
    })
}

/// A board card from a row of `BOARD_OPEN_SQL` / `BOARD_ALL_SQL`. `titles` holds the
/// level titles met so far, so every card of a level shares one string.
pub(super) fn board_card(r: &Row<'_>, titles: &mut Vec<Arc<str>>) -> Result<BoardCard> {
    let level = shared_title(r.get(3)?, titles);
    Ok(BoardCard {
        id: ApplicationId(r.get(0)?),
        candidate_id: CandidateId(r.get(1)?),
        name: r.get::<String>(2)?,
        level,
        stage_id: StageId(r.get(4)?),
        status: status(r, 5)?,
        stage_entered_at: time(r, 6)?,
        version: r.get(7)?,
        last_recommendation: r.get::<Option<i64>>(8)?.and_then(Rating::from_value),
        interviews_at_stage: r.get(9)?,
        email: r.get(10)?,
        source: r.get(11)?,
    })
}

/// An application's scorecard figures as `Store::card_scorecards` reads them: id, latest
/// recommendation, interviews at its stage (the board card's columns 0, 8 and 9).
pub(super) fn card_figures(r: &Row<'_>) -> Result<(ApplicationId, Option<Rating>, u32)> {
    Ok((ApplicationId(r.get(0)?), r.get::<Option<i64>>(1)?.and_then(Rating::from_value), r.get(2)?))
}

/// `title` as one of `titles` (added when new): a board holds a handful of distinct
/// level titles over many cards.
fn shared_title(title: String, titles: &mut Vec<Arc<str>>) -> Arc<str> {
    match titles.iter().find(|t| ***t == *title) {
        Some(t) => Arc::clone(t),
        None => {
            let t: Arc<str> = title.into();
            titles.push(Arc::clone(&t));
            t
        }
    }
}

/// A printed board line from a row of `id, name, level title, stage_id, status,
/// stage_entered_at` (`board_lines.rs`).
pub(super) fn board_line(r: &Row<'_>, titles: &mut Vec<Arc<str>>) -> Result<BoardLine> {
    Ok(BoardLine {
        id: ApplicationId(r.get(0)?),
        name: r.get(1)?,
        level: shared_title(r.get(2)?, titles),
        stage_id: StageId(r.get(3)?),
        status: status(r, 4)?,
        stage_entered_at: time(r, 5)?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::sql::SqlExt;

    #[test]
    fn a_stored_time_is_read_once_as_an_instant_and_unreadable_text_as_none() {
        let conn = rusqlite::Connection::open_in_memory().expect("open");
        let sql: &dyn crate::store::sql::Sql = &conn;
        let (good, bad, null) = sql
            .query_one("SELECT '2026-03-03T10:00:00.250000Z', 'x', NULL", &[], |r| {
                Ok((time(r, 0)?, time(r, 1)?, time(r, 2)?))
            })
            .expect("row");
        assert_eq!(good, parse_time("2026-03-03T10:00:00.25Z"));
        assert!(good.is_some());
        assert_eq!((bad, null), (None, None));
    }
}
