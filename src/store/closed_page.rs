//! The closed applications of one board column, a page at a time (issue 20): with closed
//! cards shown (`z`), a role with a million applications behind it must not load them
//! all on the TUI's thread. A page is found by the `applications_board` index: each
//! closed status's run of the column is read in board order (time in stage, id) up to
//! the page's size, and the three are merged, so a page costs the same at any depth.

use super::applications::BOARD_COLUMNS;
use super::rows;
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::{ApplicationId, BoardCard, FamilyId, StageId};
use std::sync::Arc;

/// Where a column's closed cards continue: after the card that entered the stage at
/// `entered_at` (as stored) with id `id`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageAfter {
    /// The last card's stored `stage_entered_at`.
    pub entered_at: String,
    /// The last card's id.
    pub id: ApplicationId,
}

/// One page of a column's closed cards, in board order.
#[derive(Debug, Clone, Default)]
pub struct ClosedPage {
    /// The cards.
    pub cards: Vec<BoardCard>,
    /// Where the next page starts; `None` when this page was the last.
    pub next: Option<PageAfter>,
}

/// One closed status's run of the column, in board order, at most `?5` rows.
fn run(status: &str, after: bool) -> String {
    let after = if after { "AND stage_entered_at >= ?3 AND (stage_entered_at > ?3 OR id > ?4)" } else { "" };
    format!(
        "SELECT * FROM (SELECT id, stage_entered_at FROM applications
           WHERE family_id = ?1 AND status = '{status}' AND stage_id = ?2 {after}
           ORDER BY stage_entered_at, id LIMIT ?5)"
    )
}

fn page_sql(after: bool) -> String {
    let runs = ["rejected", "withdrawn", "hired"].map(|s| run(s, after)).join(" UNION ALL ");
    format!(
        "SELECT {BOARD_COLUMNS}, a.stage_entered_at
         FROM ({runs} ORDER BY stage_entered_at, id LIMIT ?5) p
         JOIN applications a ON a.id = p.id
         JOIN candidates c ON c.id = a.candidate_id
         JOIN levels l ON l.id = a.level_id
         ORDER BY a.stage_entered_at, a.id"
    )
}

impl Store {
    /// Up to `size` closed cards of `family` at `stage`, in board order, after `after`
    /// (from the first when `None`).
    pub fn closed_page(
        &self,
        family: FamilyId,
        stage: StageId,
        after: Option<&PageAfter>,
        size: usize,
    ) -> Result<ClosedPage> {
        let mut titles: Vec<Arc<str>> = Vec::new();
        let mut last = None;
        let (entered, id) = after.map_or((None, None), |a| (Some(a.entered_at.clone()), Some(a.id)));
        let params = args![family, stage, entered, id, size as i64];
        let mut cards = self.db().query_rows(&page_sql(after.is_some()), &params, |r| {
            let card = rows::board_card(r, &mut titles)?;
            last = Some(PageAfter { entered_at: r.get(12)?, id: card.id });
            Ok(card)
        })?;
        // A scorecard hidden from the viewer does not show its recommendation on a card.
        if !cards.is_empty() {
            let visible = self.visible_recommendations(Some(family), None)?;
            for card in &mut cards {
                if let Some(rec) = visible.get(&card.id) {
                    card.last_recommendation = *rec;
                }
            }
        }
        let next = if cards.len() < size { None } else { last };
        Ok(ClosedPage { cards, next })
    }
}
