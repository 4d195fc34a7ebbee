//! The board's data and cursor: cards grouped into stage columns, filtered, scrolled.
//! Pure state; the view only reads it.

use crate::domain::{ApplicationId, StageId};
use crate::store::{BoardCard, Stage};

/// Rows one card takes on screen (name, level/days, gap).
pub const CARD_HEIGHT: u16 = 3;
/// Narrowest column before the board scrolls sideways.
pub const MIN_COLUMN_WIDTH: u16 = 16;

/// Cards of one role arranged by stage, with a cursor.
#[derive(Debug, Clone, Default)]
pub struct Board {
    /// The role's stages, Offer last.
    pub stages: Vec<Stage>,
    /// Every loaded card.
    pub cards: Vec<BoardCard>,
    /// Per stage, indices into `cards` that pass the filter.
    pub columns: Vec<Vec<usize>>,
    /// Selected column.
    pub col: usize,
    /// Selected row per column.
    pub rows: Vec<usize>,
    /// First visible row per column.
    pub offsets: Vec<usize>,
    /// First visible column.
    pub col_offset: usize,
}

impl Board {
    /// Build from stages and cards, keeping `keep` selected when it is still there.
    pub fn new(stages: Vec<Stage>, cards: Vec<BoardCard>, filter: &str, keep: Option<ApplicationId>) -> Self {
        let n = stages.len();
        let mut board = Board {
            stages,
            cards,
            columns: vec![Vec::new(); n],
            col: 0,
            rows: vec![0; n],
            offsets: vec![0; n],
            col_offset: 0,
        };
        board.apply_filter(filter);
        if let Some(id) = keep {
            board.select(id);
        }
        board
    }

    /// Regroup the cards into columns, keeping only those matching `filter` (name or level,
    /// case-insensitive substring).
    pub fn apply_filter(&mut self, filter: &str) {
        let needle = filter.trim().to_lowercase();
        let index: std::collections::HashMap<StageId, usize> =
            self.stages.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
        for col in &mut self.columns {
            col.clear();
        }
        for (i, card) in self.cards.iter().enumerate() {
            let Some(&c) = index.get(&card.stage_id) else { continue };
            if needle.is_empty()
                || card.name.to_lowercase().contains(&needle)
                || card.level.to_lowercase().contains(&needle)
            {
                self.columns[c].push(i);
            }
        }
        for (c, rows) in self.rows.iter_mut().enumerate() {
            *rows = (*rows).min(self.columns[c].len().saturating_sub(1));
        }
    }

    /// The selected card, if the column has any.
    pub fn selected(&self) -> Option<&BoardCard> {
        let col = self.columns.get(self.col)?;
        col.get(*self.rows.get(self.col)?).map(|&i| &self.cards[i])
    }

    /// Put the cursor on this application, if it is on the board.
    pub fn select(&mut self, id: ApplicationId) -> bool {
        for (c, col) in self.columns.iter().enumerate() {
            if let Some(r) = col.iter().position(|&i| self.cards[i].id == id) {
                self.col = c;
                self.rows[c] = r;
                return true;
            }
        }
        false
    }

    /// Move the cursor by columns (negative = left).
    pub fn move_col(&mut self, delta: isize) {
        if self.columns.is_empty() {
            return;
        }
        let max = self.columns.len() as isize - 1;
        self.col = (self.col as isize + delta).clamp(0, max) as usize;
    }

    /// Move the cursor by rows within the column (negative = up).
    pub fn move_row(&mut self, delta: isize) {
        let Some(len) = self.columns.get(self.col).map(Vec::len) else { return };
        if len == 0 {
            return;
        }
        let row = &mut self.rows[self.col];
        *row = (*row as isize + delta).clamp(0, len as isize - 1) as usize;
    }

    /// Cursor to the first (`top`) or last card of the column.
    pub fn jump(&mut self, top: bool) {
        let len = self.columns.get(self.col).map(Vec::len).unwrap_or(0);
        if let Some(row) = self.rows.get_mut(self.col) {
            *row = if top { 0 } else { len.saturating_sub(1) };
        }
    }

    /// Adjust scrolling so the cursor is visible in a board area of `width` × `height`.
    pub fn scroll_into_view(&mut self, width: u16, height: u16) {
        let (_, visible_cols) = column_layout(width, self.columns.len());
        if self.col < self.col_offset {
            self.col_offset = self.col;
        } else if visible_cols > 0 && self.col >= self.col_offset + visible_cols {
            self.col_offset = self.col + 1 - visible_cols;
        }
        let per_column = cards_per_column(height);
        for c in 0..self.columns.len() {
            let row = self.rows[c];
            let off = &mut self.offsets[c];
            if row < *off {
                *off = row;
            } else if per_column > 0 && row >= *off + per_column {
                *off = row + 1 - per_column;
            }
            let len = self.columns[c].len();
            if *off + per_column > len {
                *off = len.saturating_sub(per_column);
            }
        }
    }

    /// Number of cards in the column of stage index `c` (after filtering).
    pub fn count(&self, c: usize) -> usize {
        self.columns.get(c).map(Vec::len).unwrap_or(0)
    }
}

/// Column width and how many columns fit in `width` for `n` stages.
pub fn column_layout(width: u16, n: usize) -> (u16, usize) {
    if n == 0 || width == 0 {
        return (0, 0);
    }
    let fit = (width / MIN_COLUMN_WIDTH).max(1) as usize;
    let count = fit.min(n);
    (width / count as u16, count)
}

/// How many cards fit in a column of the given board height (borders included).
pub fn cards_per_column(height: u16) -> usize {
    (height.saturating_sub(2) / CARD_HEIGHT) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layout_never_divides_by_zero() {
        assert_eq!(column_layout(0, 6), (0, 0));
        assert_eq!(column_layout(10, 6), (10, 1));
        assert_eq!(column_layout(80, 6), (16, 5));
        assert_eq!(column_layout(120, 6), (20, 6));
        assert_eq!(cards_per_column(1), 0);
        assert_eq!(cards_per_column(38), 12);
    }
}
