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
    /// What the filter searches, built once per load: each card's lowercased
    /// "name\u{1}level" followed by '\n', back to back, so a keystroke is one scan of
    /// one string instead of two lowercase copies per card.
    haystack: String,
    /// Where each card's text starts in `haystack`.
    starts: Vec<u32>,
    /// Per card, which of `a-z`, `0-9` and space its text holds (bit per character), so
    /// the first letter typed, which matches most cards, needs no text search at all.
    masks: Vec<u64>,
    /// Each card's column, `u32::MAX` when its stage is not on the board.
    card_columns: Vec<u32>,
    /// The filter the columns were built for.
    needle: String,
    /// The columns for each shorter filter typed on the way to `needle` (shortest
    /// first), so erasing a character restores instead of searching again.
    narrower: Vec<(String, Vec<Vec<usize>>)>,
}

impl Board {
    /// Build from stages and cards, keeping `keep` selected when it is still there.
    pub fn new(stages: Vec<Stage>, cards: Vec<BoardCard>, filter: &str, keep: Option<ApplicationId>) -> Self {
        let n = stages.len();
        let index: std::collections::HashMap<StageId, u32> =
            stages.iter().enumerate().map(|(i, s)| (s.id, i as u32)).collect();
        let card_columns =
            cards.iter().map(|c| index.get(&c.stage_id).copied().unwrap_or(u32::MAX)).collect();
        let (haystack, starts, masks) = search_text(&cards);
        let mut board = Board {
            stages,
            cards,
            columns: vec![Vec::new(); n],
            col: 0,
            rows: vec![0; n],
            offsets: vec![0; n],
            col_offset: 0,
            haystack,
            starts,
            masks,
            card_columns,
            needle: String::new(),
            narrower: Vec::new(),
        };
        board.regroup(filter.trim().to_lowercase(), true);
        if let Some(id) = keep {
            board.select(id);
        }
        board
    }

    /// Regroup the cards into columns, keeping only those matching `filter` (name or level,
    /// case-insensitive substring).
    pub fn apply_filter(&mut self, filter: &str) {
        let needle = filter.trim().to_lowercase();
        if needle == self.needle {
            return;
        }
        if !self.needle.is_empty() && needle.starts_with(self.needle.as_str()) {
            // Typing narrows: only the cards shown now can still match a longer needle.
            let previous = std::mem::take(&mut self.needle);
            self.narrower.push((previous, self.columns.clone()));
            self.regroup(needle, false);
            return;
        }
        // Erasing (or editing): go back to the longest earlier filter this one extends.
        while let Some((typed, columns)) = self.narrower.pop() {
            if needle.starts_with(typed.as_str()) {
                self.columns = columns;
                self.needle = typed;
                self.clamp_rows();
                return self.apply_filter(&needle);
            }
        }
        self.regroup(needle, true);
    }

    fn regroup(&mut self, needle: String, from_all: bool) {
        if needle.contains(['\n', '\u{1}']) {
            // Cannot occur in a typed filter; match nothing rather than across fields.
            self.columns.iter_mut().for_each(Vec::clear);
        } else if needle.is_empty() {
            self.columns.iter_mut().for_each(Vec::clear);
            for (i, &c) in self.card_columns.iter().enumerate() {
                if let Some(col) = self.columns.get_mut(c as usize) {
                    col.push(i);
                }
            }
        } else if let (true, Some(bit)) = (from_all, single_char_bit(&needle)) {
            self.columns.iter_mut().for_each(Vec::clear);
            for (i, (&mask, &c)) in self.masks.iter().zip(&self.card_columns).enumerate() {
                if let Some(col) = self.columns.get_mut(c as usize).filter(|_| mask & bit != 0) {
                    col.push(i);
                }
            }
        } else if from_all {
            self.columns.iter_mut().for_each(Vec::clear);
            self.search_all(&needle);
        } else {
            for col in &mut self.columns {
                col.retain(|&i| card_text(&self.haystack, &self.starts, i).contains(needle.as_str()));
            }
        }
        self.needle = needle;
        self.clamp_rows();
    }

    /// One pass over the search text: find the next match, note its card, continue
    /// from the start of the following card.
    fn search_all(&mut self, needle: &str) {
        let (mut pos, mut card) = (0usize, 0usize);
        while let Some(found) = self.haystack.get(pos..).and_then(|rest| rest.find(needle)) {
            let at = pos + found;
            while self.starts.get(card + 1).is_some_and(|&next| next as usize <= at) {
                card += 1;
            }
            if let Some(col) = self.card_columns.get(card).and_then(|&c| self.columns.get_mut(c as usize)) {
                col.push(card);
            }
            card += 1;
            match self.starts.get(card) {
                Some(&next) => pos = next as usize,
                None => break,
            }
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

    /// Number of cards in the column of stage index `c` (after filtering).
    pub fn count(&self, c: usize) -> usize {
        self.columns.get(c).map(Vec::len).unwrap_or(0)
    }
}

/// The bit of a character in a card's mask, for `a-z`, `0-9` and space.
fn char_bit(c: char) -> Option<u64> {
    match c {
        'a'..='z' => Some(1 << (c as u32 - 'a' as u32)),
        '0'..='9' => Some(1 << (26 + c as u32 - '0' as u32)),
        ' ' => Some(1 << 36),
        _ => None,
    }
}

/// The mask bit of a one-character needle, when it has one.
fn single_char_bit(needle: &str) -> Option<u64> {
    let mut chars = needle.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => char_bit(c),
        _ => None,
    }
}

/// The filter's search text of `cards`, where each card's part starts, and its mask.
fn search_text(cards: &[BoardCard]) -> (String, Vec<u32>, Vec<u64>) {
    let mut haystack = String::with_capacity(cards.len() * 40);
    let mut starts = Vec::with_capacity(cards.len());
    let mut masks = Vec::with_capacity(cards.len());
    for card in cards {
        starts.push(haystack.len() as u32);
        let mut mask = 0u64;
        for (i, part) in [card.name.as_str(), &*card.level].into_iter().enumerate() {
            if i > 0 {
                haystack.push('\u{1}');
            }
            // Control characters would break the layout of the search text.
            for c in part.chars().flat_map(char::to_lowercase).map(|c| if c.is_control() { ' ' } else { c }) {
                mask |= char_bit(c).unwrap_or(0);
                haystack.push(c);
            }
        }
        haystack.push('\n');
        masks.push(mask);
    }
    (haystack, starts, masks)
}

/// Card `i`'s part of the search text.
fn card_text<'a>(haystack: &'a str, starts: &[u32], i: usize) -> &'a str {
    let start = starts.get(i).map_or(haystack.len(), |&s| s as usize);
    let end = starts.get(i + 1).map_or(haystack.len(), |&s| s as usize);
    haystack.get(start..end).unwrap_or("")
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

    fn card(id: i64, stage: i64, name: &str, level: &str) -> BoardCard {
        BoardCard {
            id: ApplicationId(id),
            candidate_id: crate::domain::CandidateId(id),
            name: name.into(),
            level: level.into(),
            stage_id: StageId(stage),
            status: crate::domain::AppStatus::Active,
            stage_entered_at: "2026-03-01T09:00:00.000000Z".into(),
            version: 1,
            last_recommendation: None,
            interviews_at_stage: 0,
        }
    }

    fn shown(board: &Board) -> Vec<Vec<i64>> {
        board.columns.iter().map(|c| c.iter().map(|&i| board.cards[i].id.0).collect()).collect()
    }

    #[test]
    fn filter_matches_name_or_level_and_typing_agrees_with_a_fresh_filter() {
        let cards = vec![
            card(1, 1, "Ana RUIZ", "Senior"),
            card(2, 2, "Ben Okafor", "Staff"),
            card(3, 2, "Zoë Anand", "Senior Manager"),
            card(4, 9, "Ana Lost", "Senior"),
            card(5, 1, "Tab\tName", "Associate"),
        ];
        let mut board = Board::new(vec![stage(1), stage(2)], cards, "", None);
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3]], "a card of an unknown stage is not shown");
        board.apply_filter("a");
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3]]);
        board.apply_filter("an");
        assert_eq!(shown(&board), vec![vec![1], vec![3]], "name or level, any case");
        board.apply_filter("ana");
        let fresh = Board::new(board.stages.clone(), board.cards.clone(), "ana", None);
        assert_eq!(shown(&board), shown(&fresh));
        board.apply_filter("A");
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3]], "erasing widens again");
        board.apply_filter("b n");
        assert_eq!(shown(&board), vec![vec![5], vec![]], "a tab reads as a space");
        board.apply_filter("zoë a");
        assert_eq!(shown(&board), vec![vec![], vec![3]]);
        board.apply_filter("ruiz\u{1}senior");
        assert_eq!(shown(&board), vec![Vec::<i64>::new(), vec![]], "never matches across fields");
        board.apply_filter("  ");
        assert_eq!(shown(&board), vec![vec![1, 5], vec![2, 3]]);
    }
}
