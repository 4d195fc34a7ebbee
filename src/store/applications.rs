//! Applications (candidate × level): reading them and the board, on either backend. Applying is in `apply`,
//! the changes a recruiter makes to them in `transitions`.

use super::rows::{self, APP_SELECT};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{Application, ApplicationId, BoardCard, CandidateId, EventId, FamilyId};
use serde::Serialize;

/// The result of a change: the event written and the application after it.
#[derive(Debug, Clone, Serialize)]
pub struct Transition {
    /// The event appended.
    pub event_id: EventId,
    /// The application after the change.
    pub application: Application,
}

/// The columns of a board card (`rows::board_card`) over `applications a`,
/// `candidates c` and `levels l` (a macro, so the queries below are constants).
macro_rules! board_columns {
    () => {
        "a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status,
        a.stage_entered_at, a.version,
        (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id),
        c.email, c.source"
    };
}

/// [`board_columns!`] as a constant.
pub(super) const BOARD_COLUMNS: &str = board_columns!();

/// A board's applications, cards and levels.
macro_rules! board_from {
    () => {
        " FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id"
    };
}

/// The board of one family (`?1`): open applications only. The status test is a plain
/// `IN` so SQLite can seek the `applications_board` index to the open rows instead of
/// reading every application the family ever had (a `?2 OR …` form defeats the index).
pub const BOARD_OPEN_SQL: &str = concat!(
    "SELECT ",
    board_columns!(),
    board_from!(),
    "
     WHERE a.family_id = ?1 AND a.status IN ('active', 'on_hold')
     ORDER BY a.stage_id, a.stage_entered_at, a.id"
);

/// The board of one family (`?1`) with closed applications too.
pub const BOARD_ALL_SQL: &str = concat!(
    "SELECT ",
    board_columns!(),
    board_from!(),
    "
     WHERE a.family_id = ?1
     ORDER BY a.stage_id, a.stage_entered_at, a.id"
);

impl Store {
    /// One application by id.
    pub fn application(&self, id: ApplicationId) -> Result<Application> {
        // Cached (prepared once per connection): every change reads the application twice.
        self.db()
            .query_opt(&format!("{APP_SELECT} WHERE a.id = ?1"), &args![id], rows::application)?
            .ok_or_else(|| StoreError::NotFound {
                what: "application",
                key: id.to_string(),
                hint: "; `rolecall candidate show NAME` lists a person's applications".into(),
            })
    }

    /// Every application of a person, oldest first.
    pub fn applications_of(&self, candidate: CandidateId) -> Result<Vec<Application>> {
        let sql = format!("{APP_SELECT} WHERE a.candidate_id = ?1 ORDER BY a.id");
        self.db().query_rows(&sql, &args![candidate], rows::application)
    }

    /// Open applications of a family (closed ones too when `include_closed`), board order.
    pub fn board(&self, family: FamilyId, include_closed: bool) -> Result<Vec<BoardCard>> {
        let sql = if include_closed { BOARD_ALL_SQL } else { BOARD_OPEN_SQL };
        let mut titles: Vec<std::sync::Arc<str>> = Vec::new();
        let mut cards = self.db().query_rows(sql, &args![family], |r| rows::board_card(r, &mut titles))?;
        // A scorecard hidden from the viewer does not show its recommendation on a card.
        let visible = self.visible_recommendations(Some(family), None)?;
        for card in &mut cards {
            if let Some(rec) = visible.get(&card.id) {
                card.last_recommendation = *rec;
            }
        }
        Ok(cards)
    }
}
