//! A board that holds a window of each column (issue 20): with no filter, the TUI loads
//! per column the cards around what the screen shows and the column's true count
//! (`windows.rs` asks the store), not every open card of the role. The loaded cards of a
//! column are one run of its board order, starting at `Window::base`; the cursor's row
//! and the scroll offset count from the first loaded card.

use super::board::Board;
use super::column_window::{ColumnRun, Window};
use crate::domain::{BoardCard, Stage};
use crate::store::ColumnKey;

impl Board {
    /// A board of windows: per stage, its loaded run.
    pub fn windowed(stages: Vec<Stage>, runs: Vec<ColumnRun>) -> Self {
        let n = stages.len();
        let mut board = Board::default();
        board.columns = vec![Vec::new(); n];
        board.rows = vec![0; n];
        board.offsets = vec![0; n];
        board.stages = stages;
        for (c, (cards, window)) in runs.into_iter().enumerate().take(n) {
            board.windows.push(window);
            board.push_cards(c, cards, false);
        }
        board.windows.resize(n, Window::default());
        board
    }

    /// Whether this board holds windows of its columns (else every card, filtered).
    pub fn is_windowed(&self) -> bool {
        !self.windows.is_empty()
    }

    /// The place in column `c` of its first loaded card.
    pub fn base(&self, c: usize) -> usize {
        self.windows.get(c).map_or(0, |w| w.base)
    }

    /// Whether column `c` has cards not loaded and not counted (closed ones).
    pub fn more(&self, c: usize) -> bool {
        match self.windows.get(c) {
            Some(w) => w.closed && w.more_after,
            None => self.closed.more(c),
        }
    }

    /// Cards of column `c` loaded (the cursor's row counts within them).
    pub fn loaded(&self, c: usize) -> usize {
        self.columns.get(c).map_or(0, Vec::len)
    }

    /// The place of column `c`'s first and last loaded cards.
    pub(super) fn ends(&self, c: usize) -> Option<(ColumnKey, ColumnKey)> {
        let column = self.columns.get(c)?;
        let first = self.keys.get(*column.first()?)?.clone();
        let last = self.keys.get(*column.last()?)?.clone();
        Some((first, last))
    }

    /// Add `cards` to column `c`, before (`front`) or after its loaded ones; the cursor
    /// stays on its card.
    pub(super) fn push_cards(&mut self, c: usize, cards: Vec<(BoardCard, ColumnKey)>, front: bool) {
        let start = self.cards.len();
        let n = cards.len();
        for (card, key) in cards {
            self.cards.push(card);
            self.keys.push(key);
            self.card_columns.push(c as u32);
            self.scored.push(false);
        }
        let Some(column) = self.columns.get_mut(c) else { return };
        if front {
            column.splice(0..0, start..start + n);
            self.rows[c] += n;
            self.offsets[c] += n;
            if let Some(w) = self.windows.get_mut(c) {
                w.base = w.base.saturating_sub(n);
            }
        } else {
            column.extend(start..start + n);
        }
    }

    /// Column `c` becomes `run` (a jump far away); the cursor goes to its first card
    /// (`top`) or its last.
    pub(super) fn replace_column(&mut self, c: usize, (cards, window): ColumnRun, top: bool) {
        // The cards left behind stay in `cards` until the next reload; only the column
        // forgets them.
        if let Some(column) = self.columns.get_mut(c) {
            column.clear();
        }
        if let Some(w) = self.windows.get_mut(c) {
            *w = window;
        }
        self.push_cards(c, cards, false);
        self.rows[c] = if top { 0 } else { self.loaded(c).saturating_sub(1) };
        self.offsets[c] = self.rows[c];
    }
}
