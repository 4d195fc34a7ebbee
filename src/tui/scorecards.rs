//! Scorecard figures for the cards on screen (issue 20): the board's open cards load
//! without their last recommendation and interviews at the stage (two index lookups per
//! card, most of a role switch at 1,000,000 candidates), and after every key, reload and
//! resize the cards in view that lack them get them in one query.

use super::app::App;
use super::board::{cards_per_column, column_layout};

impl App {
    /// Load the scorecard figures of the visible cards that do not have them yet.
    pub(crate) fn fill_scorecards(&mut self) {
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        let board = &self.board;
        let (width, height) = (self.size.0, self.size.1.saturating_sub(2));
        let (_, visible) = column_layout(width, board.stages.len());
        // One card more than fits, and the selected one, so a move never reads a stale count.
        let per_column = cards_per_column(height) + 1;
        let mut wanted: Vec<usize> = Vec::new();
        for c in board.col_offset..(board.col_offset + visible).min(board.columns.len()) {
            let offset = board.offsets.get(c).copied().unwrap_or(0);
            wanted.extend(board.columns[c].iter().skip(offset).take(per_column).copied());
        }
        if let Some(&i) = board.columns.get(board.col).and_then(|col| col.get(board.rows[board.col])) {
            wanted.push(i);
        }
        wanted.retain(|&i| !board.scored.get(i).copied().unwrap_or(true));
        wanted.sort_unstable();
        wanted.dedup();
        if wanted.is_empty() {
            return;
        }
        let ids: Vec<_> = wanted.iter().map(|&i| board.cards[i].id).collect();
        if board.is_windowed() {
            // A windowed board reads when its held cards went on hold with their figures.
            let held: Vec<_> = wanted
                .iter()
                .filter(|&&i| board.cards[i].status == crate::domain::AppStatus::OnHold)
                .map(|&i| board.cards[i].id)
                .collect();
            match self.store.held_since_of(&held) {
                Ok(found) => self.board.held_since.extend(found),
                Err(e) => return self.error(format!("Could not load the cards' hold times: {e}")),
            }
        }
        match self.store.card_scorecards(family, &ids) {
            Ok(found) => {
                for i in wanted {
                    let card = &mut self.board.cards[i];
                    if let Some(&(rec, interviews)) = found.get(&card.id) {
                        card.last_recommendation = rec;
                        card.interviews_at_stage = interviews;
                    }
                    self.board.scored[i] = true;
                }
            }
            Err(e) => self.error(format!("Could not load the cards' scorecards: {e}")),
        }
    }
}
