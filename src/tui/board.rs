//! The board's data and cursor: cards grouped into stage columns, filtered, scrolled.
//! Pure state; the view only reads it.

use super::board_search::{Needle, SearchText};
use crate::domain::{ApplicationId, StageId};
use crate::domain::{BoardCard, Stage};

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
    /// What the filter searches, built once per load.
    pub(super) search: std::sync::Arc<SearchText>,
    /// Each card's column, `u32::MAX` when its stage is not on the board.
    pub(super) card_columns: Vec<u32>,
    /// The filter the columns were built for (folded).
    pub(super) needle: String,
    /// The columns for each shorter filter typed on the way to `needle` (shortest
    /// first), so erasing a character restores instead of searching again.
    pub(super) narrower: Vec<(String, Vec<Vec<usize>>, Option<usize>)>,
    /// The column holding the best match of `needle`.
    best: Option<usize>,
    /// Each stage's time limit in days (cards past it are marked).
    pub limits: std::collections::HashMap<StageId, i64>,
    /// When each held card went on hold.
    pub held_since: std::collections::HashMap<ApplicationId, chrono::DateTime<chrono::Utc>>,
    /// The closed cards paged in so far, per column (`closed_pages.rs` pages them in).
    pub closed: super::closed_columns::ClosedColumns,
    /// Per card, whether its scorecard figures are loaded (`scorecards.rs` loads those
    /// of the cards on screen).
    pub scored: Vec<bool>,
    /// Per column, how much of it is loaded; empty when every card is (a filter).
    pub windows: Vec<super::column_window::Window>,
    /// Per card of a windowed board, its place in its column.
    pub(super) keys: Vec<crate::store::ColumnKey>,
    /// Open cards past their stage's limit, counted by the store (a windowed board).
    pub overdue: Option<usize>,
}

impl Board {
    /// How many open cards are past their stage's time limit at `now`.
    pub fn past_limit(&self, now: chrono::DateTime<chrono::Utc>) -> usize {
        use crate::domain::AppStatus;
        if let Some(n) = self.overdue {
            return n;
        }
        self.cards
            .iter()
            .filter(|c| matches!(c.status, AppStatus::Active | AppStatus::OnHold))
            .filter(|c| {
                let limit = self.limits.get(&c.stage_id).copied();
                limit.is_some_and(|l| crate::domain::limits::is_past(c.stage_entered_at, l, now))
            })
            .count()
    }

    /// Build from stages and cards, keeping `keep` selected when it is still there.
    pub fn new(stages: Vec<Stage>, cards: Vec<BoardCard>, filter: &str, keep: Option<ApplicationId>) -> Self {
        let n = stages.len();
        let index: std::collections::HashMap<StageId, u32> =
            stages.iter().enumerate().map(|(i, s)| (s.id, i as u32)).collect();
        let card_columns =
            cards.iter().map(|c| index.get(&c.stage_id).copied().unwrap_or(u32::MAX)).collect();
        let search = std::sync::Arc::new(SearchText::new(&cards));
        let scored = vec![false; cards.len()];
        let mut board = Board {
            stages,
            cards,
            columns: vec![Vec::new(); n],
            col: 0,
            rows: vec![0; n],
            offsets: vec![0; n],
            col_offset: 0,
            search,
            card_columns,
            needle: String::new(),
            narrower: Vec::new(),
            best: None,
            scored,
            ..Board::default()
        };
        board.regroup(&Needle::new(filter), None);
        if let Some(id) = keep {
            board.select(id);
        }
        board
    }

    /// Regroup the cards into columns, keeping only those whose name, email or source holds
    /// every word of `filter` (any case, accents folded), best match first in each column;
    /// the cursor goes to the best match.
    pub fn apply_filter(&mut self, filter: &str) {
        let needle = Needle::new(filter);
        if needle.text == self.needle {
            return;
        }
        if !self.needle.is_empty() && needle.text.starts_with(self.needle.as_str()) {
            // Typing narrows: only the cards shown now can still match a longer needle.
            let previous = std::mem::take(&mut self.needle);
            self.narrower.push((previous, self.columns.clone(), self.best));
            let shown = self.columns.iter().flatten().copied().collect();
            self.regroup(&needle, Some(shown));
            return;
        }
        // Erasing (or editing): go back to the longest earlier filter this one extends.
        while let Some((typed, columns, best)) = self.narrower.pop() {
            if needle.text.starts_with(typed.as_str()) {
                self.columns = columns;
                self.needle = typed;
                self.clamp_rows();
                self.focus_best(best);
                return self.apply_filter(&needle.text);
            }
        }
        self.regroup(&needle, None);
    }

    pub(super) fn regroup(&mut self, needle: &Needle, within: Option<Vec<usize>>) {
        self.columns.iter_mut().for_each(Vec::clear);
        if needle.is_empty() {
            for (i, &c) in self.card_columns.iter().enumerate() {
                if let Some(col) = self.columns.get_mut(c as usize) {
                    col.push(i);
                }
            }
            self.needle.clear();
            self.best = None;
            self.clamp_rows();
            return;
        }
        let found = self.search.find(needle, within);
        self.show_found(needle.text.clone(), found);
    }

    /// The columns of the cards `found` (best first; equal matches in the board's order)
    /// for the folded filter `text`; the cursor on the best match.
    pub(super) fn show_found(&mut self, text: String, found: Vec<usize>) {
        self.columns.iter_mut().for_each(Vec::clear);
        let mut best = None;
        for i in found {
            if let Some(col) = self.card_columns.get(i).and_then(|&c| self.columns.get_mut(c as usize)) {
                col.push(i);
                best.get_or_insert(self.card_columns[i] as usize);
            }
        }
        self.needle = text;
        self.clamp_rows();
        self.focus_best(best);
    }

    /// Put the cursor on the first card of column `best`, where the best match is.
    fn focus_best(&mut self, best: Option<usize>) {
        self.best = best;
        if let Some(c) = best.filter(|&c| self.count(c) > 0) {
            self.col = c;
            self.rows[c] = 0;
        }
    }

    fn clamp_rows(&mut self) {
        for (c, rows) in self.rows.iter_mut().enumerate() {
            *rows = (*rows).min(self.columns.get(c).map_or(0, Vec::len).saturating_sub(1));
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

    /// Put the cursor on the first column that has cards (start-up, role switch).
    pub fn focus_first_card(&mut self) {
        if let Some(c) = self.columns.iter().position(|col| !col.is_empty()) {
            self.col = c;
        }
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
        // After the terminal grows, show as many columns as fit instead of leaving the
        // board scrolled to the right with empty space beside it.
        self.col_offset = self.col_offset.min(self.columns.len().saturating_sub(visible_cols.max(1)));
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

    /// Number of cards in the column of stage index `c` (after filtering), loaded or not.
    pub fn count(&self, c: usize) -> usize {
        let loaded = self.loaded(c);
        self.windows.get(c).map_or(loaded, |w| w.open.unwrap_or(0).max(w.base + loaded))
    }

    /// Whether column `c`'s count is known (a windowed column's may still be counted).
    pub fn counted(&self, c: usize) -> bool {
        self.windows.get(c).is_none_or(|w| w.open.is_some())
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

    fn stage(id: i64) -> Stage {
        Stage {
            id: StageId(id),
            family_id: crate::domain::FamilyId(1),
            position: id,
            kind: crate::domain::StageKind::Interview,
            label: format!("S{id}"),
            full_text: String::new(),
            interviewers: Vec::new(),
            alternatives: Vec::new(),
            min_interviews: 1,
            max_interviews: 1,
        }
    }

    fn card(id: i64, stage: i64, name: &str, email: &str, source: &str) -> BoardCard {
        BoardCard {
            id: ApplicationId(id),
            candidate_id: crate::domain::CandidateId(id),
            name: name.into(),
            level: "Senior Manager".into(),
            stage_id: StageId(stage),
            status: crate::domain::AppStatus::Active,
            stage_entered_at: crate::domain::clock::parse_time("2026-03-01T09:00:00.000000Z"),
            version: 1,
            last_recommendation: None,
            interviews_at_stage: 0,
            email: Some(email.into()).filter(|e: &String| !e.is_empty()),
            source: Some(source.into()).filter(|s: &String| !s.is_empty()),
        }
    }

    fn shown(board: &Board) -> Vec<Vec<i64>> {
        board.columns.iter().map(|c| c.iter().map(|&i| board.cards[i].id.0).collect()).collect()
    }

    fn cards() -> Vec<BoardCard> {
        vec![
            card(1, 1, "Ana RUIZ", "ana@example.com", ""),
            card(2, 2, "Ben Okafor", "ben@example.org", "referral"),
            card(3, 2, "Zoë Anand", "", "job board"),
            card(4, 9, "Ana Lost", "", ""),
            card(5, 1, "Tab\tName", "", ""),
            card(6, 2, "Marko Jovanović", "", "LinkedIn"),
        ]
    }

    #[test]
    fn filter_matches_name_email_and_source_but_not_the_level() {
        let mut board = Board::new(vec![stage(1), stage(2)], cards(), "", None);
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3, 6]], "a card of an unknown stage is not shown");
        board.apply_filter("manager");
        assert_eq!(shown(&board), vec![Vec::<i64>::new(), vec![]], "every level says Manager; not searched");
        board.apply_filter("example.org");
        assert_eq!(shown(&board), vec![vec![], vec![2]], "email");
        board.apply_filter("referral");
        assert_eq!(shown(&board), vec![vec![], vec![2]], "source");
        board.apply_filter("jovanovic");
        assert_eq!(shown(&board), vec![vec![], vec![6]], "accents folded");
        board.apply_filter("ZOE");
        assert_eq!(shown(&board), vec![vec![], vec![3]]);
        board.apply_filter("ruiz\u{1}ana");
        assert_eq!(shown(&board), vec![Vec::<i64>::new(), vec![]], "never matches across fields");
        board.apply_filter("  ");
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3, 6]]);
    }

    #[test]
    fn typing_and_erasing_agree_with_a_fresh_filter_and_the_cursor_is_on_the_best_match() {
        let mut board = Board::new(vec![stage(1), stage(2)], cards(), "", None);
        for typed in ["a", "an", "ana", "ana r", "ana", "an", "a", "b n", "zoë a", ""] {
            board.apply_filter(typed);
            let fresh = Board::new(board.stages.clone(), board.cards.clone(), typed, None);
            assert_eq!(shown(&board), shown(&fresh), "after typing {typed:?}");
            if !typed.is_empty() {
                assert_eq!(
                    (board.col, board.rows[board.col]),
                    (fresh.col, fresh.rows[fresh.col]),
                    "{typed:?}"
                );
            }
        }
        board.apply_filter("okaf referral");
        assert_eq!(shown(&board), vec![vec![], vec![2]], "every word, in any field");
        board.apply_filter("tab name");
        assert_eq!(shown(&board), vec![vec![5], vec![]], "a tab reads as a space");
        board.apply_filter("ana");
        assert_eq!(shown(&board), vec![vec![1], vec![3]]);
        // "Ana RUIZ" starts with it; "Zoë Anand" only has it inside: Ana is the best match.
        assert_eq!(board.selected().map(|c| c.id.0), Some(1));
        board.col = 1;
        board.apply_filter("anan");
        assert_eq!(board.selected().map(|c| c.id.0), Some(3), "the cursor follows the best match");
    }
}
