//! The board's cards without, then with, their scorecard figures (issue 20): reading the
//! latest recommendation and the interviews at the stage of every open card of a role
//! was most of a role switch at 1,000,000 candidates (two index lookups per card), so the
//! TUI loads the cards without them and asks for those of the cards on screen.

use super::rows;
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::{ApplicationId, BoardCard, FamilyId, Rating};
use std::collections::HashMap;
use std::sync::Arc;

/// The open cards of a family (`?1`) in board order, scorecard figures left empty.
const WITHOUT_SQL: &str = "SELECT a.id, a.candidate_id, c.name, l.title, a.stage_id, a.status,
        a.stage_entered_at, a.version, NULL, 0, c.email, c.source
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     WHERE a.family_id = ?1 AND a.status IN ('active', 'on_hold')
     ORDER BY a.stage_id, a.stage_entered_at, a.id";

/// The scorecard figures of applications `a` (a `WHERE` follows): its latest
/// recommendation (by interview id: the `interviews_latest` index, migration 0031, ends
/// each application's run at it, so no sort and no table row) and its interviews at its
/// stage (`interviews_application`). Only the application's row besides: the card has
/// the rest, so no candidate or level is read (issue 20: this query runs for the cards a
/// key brings on screen, at 1,000,000 candidates mostly from pages outside SQLite's cache).
const FIGURES_SQL: &str = "SELECT a.id,
        (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1),
        (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id)
     FROM applications a";

impl Store {
    /// The open cards of `family`, as [`Store::board`] gives them but with no last
    /// recommendation and no interviews counted: [`Store::card_scorecards`] fills those.
    pub fn board_without_scorecards(&self, family: FamilyId) -> Result<Vec<BoardCard>> {
        let mut titles: Vec<Arc<str>> = Vec::new();
        self.db().query_rows(WITHOUT_SQL, &args![family], |r| rows::board_card(r, &mut titles))
    }

    /// For each of `ids` (applications of `family`): the latest recommendation the
    /// viewer may see and the interviews recorded at its current stage, as a board card
    /// of [`Store::board`] holds them.
    pub fn card_scorecards(
        &self,
        family: FamilyId,
        ids: &[ApplicationId],
    ) -> Result<HashMap<ApplicationId, (Option<Rating>, u32)>> {
        if ids.is_empty() {
            return Ok(HashMap::new());
        }
        let list: Vec<String> = (1..=ids.len()).map(|n| format!("?{n}")).collect();
        let sql = format!("{FIGURES_SQL} WHERE a.id IN ({})", list.join(", "));
        let params: Vec<Value> = ids.iter().map(|&id| Value::from(id)).collect();
        let figures = self.db().query_rows(&sql, &params, rows::card_figures)?;
        // A scorecard hidden from the viewer does not show its recommendation on a card.
        let visible = self.visible_recommendations(Some(family), None)?;
        Ok(figures
            .into_iter()
            .map(|(id, rec, interviews)| (id, (visible.get(&id).copied().unwrap_or(rec), interviews)))
            .collect())
    }
}
