//! Loading a windowed board (issue 20): with no filter and everyone's cards shown, each
//! column loads the cards around what the screen shows and its true count, and the next
//! cards as the cursor comes within a screen of either end of what is loaded. A jump
//! to the top or the bottom of a long column loads that end instead of everything
//! between. Loading a whole role's open cards is left to a filter (`board_search.rs`).

use super::app::App;
use super::board::{Board, cards_per_column};
use super::column_window::{ColumnRun, Window};
use crate::domain::{ApplicationId, FamilyId, Stage, StageId};
use crate::store::{ColumnKey, PageFrom, StoreError};
use std::collections::HashMap;

/// Where a column's window is loaded around.
pub(super) enum Anchor {
    /// Its first cards.
    Start,
    /// Its last open cards (and, with closed shown, the first closed ones after them).
    OpenEnd,
    /// This card (or where it would be), with a screen or two before it.
    At(ColumnKey),
}

impl App {
    /// Whether the board loads windows: no filter, everyone's cards, and a login that sees
    /// every row. A hiring manager or an interviewer on a server reads views that list all
    /// their rows for each reference (migration 0021), so for them one statement loading
    /// the role is cheaper than the many small ones of windows.
    pub(crate) fn windowed(&self) -> bool {
        use crate::domain::access::Access;
        let restricted = matches!(self.access, Some(Access::HiringManager | Access::Interviewer));
        self.filter.is_empty() && !self.mine_only && !restricted
    }

    /// Cards a column loads at a time: at least three screens.
    fn window_page(&self) -> usize {
        (3 * self.screen_cards()).max(40)
    }

    fn screen_cards(&self) -> usize {
        cards_per_column(self.size.1.saturating_sub(2)).max(1)
    }

    /// Cards a column loads from an anchor: the screen's and two.
    pub(crate) fn first_page(&self) -> usize {
        self.screen_cards() + 2
    }

    /// The windowed board of `family`: each column around where `old` showed it (a
    /// reload) or from its top, the column of `keep` around `keep`.
    pub(crate) fn load_windows(
        &mut self,
        family: FamilyId,
        stages: Vec<Stage>,
        keep: Option<ApplicationId>,
    ) -> Result<Board, StoreError> {
        let ids: Vec<StageId> = stages.iter().map(|s| s.id).collect();
        let counts = self.counts_for(family)?;
        let old = &self.board;
        let keep = match keep {
            Some(app) => self.store.column_key(app)?,
            None => None,
        };
        // A card that closed while closed cards are hidden is not on the board.
        let keep = keep.filter(|(_, key)| key.part <= 1 || self.show_closed);
        let same_columns = old.is_windowed() && old.stages.iter().map(|s| s.id).eq(ids.iter().copied());
        let mut runs = Vec::with_capacity(stages.len());
        for (c, stage) in ids.iter().enumerate() {
            let anchor = match &keep {
                Some((s, key)) if s == stage => Anchor::At(key.clone()),
                _ if same_columns && old.base(c) > 0 => {
                    let first = old.columns[c].get(old.offsets[c]).or(old.columns[c].first());
                    first.and_then(|&i| old.keys.get(i)).map_or(Anchor::Start, |k| Anchor::At(k.clone()))
                }
                _ => Anchor::Start,
            };
            let open = counts.as_ref().map(|counts| counts.get(stage).map_or(0, |[a, h]| a + h));
            runs.push(self.load_run(family, *stage, open, anchor, self.first_page())?);
        }
        let mut board = Board::windowed(stages, runs);
        if same_columns {
            restore_cursor(&mut board, old);
        }
        if let Some((_, key)) = keep {
            board.select(key.id);
        }
        Ok(board)
    }

    /// One column's run of `page` cards around `anchor` (`open`: its count, if known; its
    /// end needs it, and counts it when it is not).
    pub(super) fn load_run(
        &self,
        family: FamilyId,
        stage: StageId,
        mut open: Option<usize>,
        anchor: Anchor,
        page: usize,
    ) -> Result<ColumnRun, StoreError> {
        let closed = self.show_closed;
        let store = &self.store;
        let anchor = match anchor {
            Anchor::At(key) if key.part > 1 && !closed => Anchor::OpenEnd,
            other => other,
        };
        let (mut cards, base, more_after) = match anchor {
            Anchor::Start => {
                let cards = store.column_page(family, stage, closed, PageFrom::Start, page)?;
                let more = cards.len() == page;
                (cards, 0, more)
            }
            Anchor::OpenEnd => {
                let mut cards = store.column_page(family, stage, false, PageFrom::End, page)?;
                let count = match open {
                    Some(n) => n,
                    None => store.open_counts(family, &[stage])?.get(&stage).map_or(0, |[a, h]| a + h),
                };
                open = Some(count);
                let base = count.saturating_sub(cards.len());
                let mut more = false;
                if let Some((_, last)) = cards.last().filter(|_| closed) {
                    let after = store.column_page(
                        family,
                        stage,
                        true,
                        PageFrom::After(&last.clone(), false),
                        page,
                    )?;
                    more = after.len() == page;
                    cards.extend(after);
                }
                (cards, base, more)
            }
            Anchor::At(key) => {
                let margin = self.screen_cards();
                let mut cards = store.column_page(family, stage, closed, PageFrom::Before(&key), margin)?;
                let base = store.column_position(family, stage, &key)?.saturating_sub(cards.len());
                let after = store.column_page(family, stage, closed, PageFrom::After(&key, true), page)?;
                let more = after.len() == page;
                cards.extend(after);
                (cards, base, more)
            }
        };
        cards.shrink_to_fit();
        Ok((cards, Window { base, open, more_after, closed }))
    }

    /// The cursor's column on a windowed board: its role, its stage and its window.
    fn cursor_window(&self) -> Option<(FamilyId, StageId, Window)> {
        let c = self.board.col;
        let family = self.current_family()?.id;
        let stage = self.board.stages.get(c)?.id;
        Some((family, stage, self.board.windows.get(c)?.clone()))
    }

    /// After a key on a windowed board: the next cards of the cursor's column when the
    /// cursor is within a screen of either end of what is loaded.
    pub(crate) fn page_in_window(&mut self) -> Result<(), StoreError> {
        let c = self.board.col;
        let Some((family, stage, window)) = self.cursor_window() else { return Ok(()) };
        let Some((first, last)) = self.board.ends(c) else { return Ok(()) };
        let (screen, page, row) = (self.screen_cards(), self.window_page(), self.board.rows[c]);
        if window.more_after && row + screen >= self.board.loaded(c) {
            let after =
                self.store.column_page(family, stage, window.closed, PageFrom::After(&last, false), page)?;
            self.board.windows[c].more_after = after.len() == page;
            self.board.push_cards(c, after, false);
        }
        if window.base > 0 && row < screen {
            let before =
                self.store.column_page(family, stage, window.closed, PageFrom::Before(&first), page)?;
            self.board.push_cards(c, before, true);
        }
        Ok(())
    }

    /// `g` / `G` on a windowed board: the cursor to the column's first or last card,
    /// loading that end when it is not loaded. With closed cards shown, the bottom is the
    /// last loaded card, as their count is not known.
    pub(crate) fn jump_window(&mut self, top: bool) -> Result<(), StoreError> {
        let c = self.board.col;
        let Some((family, stage, window)) = self.cursor_window() else { return Ok(()) };
        let loaded_to = window.base + self.board.loaded(c);
        let far = if top {
            window.base > 0
        } else if window.closed {
            window.open.is_none_or(|open| loaded_to < open)
        } else {
            window.more_after
        };
        if far {
            let anchor = if top { Anchor::Start } else { Anchor::OpenEnd };
            let run = self.load_run(family, stage, window.open, anchor, self.first_page())?;
            self.board.replace_column(c, run, top);
        }
        self.board.jump(top);
        Ok(())
    }

    /// After this user's change of one application of the role, now at `stage`: the next
    /// reload counts only the column it left and the one it is in again, and keeps the
    /// other columns' counts (the role's others are forgotten). When the card is not on
    /// the board (a new one), every column is counted again.
    pub(crate) fn recount_after(&mut self, app: ApplicationId, stage: StageId) {
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        let board = &self.board;
        let from =
            board.cards.iter().find(|c| c.id == app).map(|c| c.stage_id).filter(|_| board.is_windowed());
        let (Some(from), Some(mut counts)) = (from, self.open_counts.remove(&family)) else { return };
        self.forget_counts();
        if let Ok(fresh) = self.store.open_counts(family, &[from, stage]) {
            counts.extend(fresh);
            self.open_counts.insert(family, counts);
            self.same_data = true;
        }
    }

    /// Every card id of column `c` (open ones from the store, closed ones as loaded).
    pub(crate) fn column_ids(&self, c: usize) -> Result<Vec<ApplicationId>, StoreError> {
        let board = &self.board;
        let column = board.columns.get(c).map(Vec::as_slice).unwrap_or_default();
        let loaded = column.iter().map(|&i| board.cards[i].id);
        let (Some(family), Some(stage), true) =
            (self.current_family().map(|f| f.id), board.stages.get(c).map(|s| s.id), board.is_windowed())
        else {
            return Ok(loaded.collect());
        };
        let mut ids = self.store.column_open_ids(family, stage)?;
        let closed =
            column.iter().filter(|&&i| board.cards[i].status.is_closed()).map(|&i| board.cards[i].id);
        ids.extend(closed);
        Ok(ids)
    }
}

/// Put the cursor of each column back on the card it was on, else at the same place.
pub(super) fn restore_cursor(board: &mut Board, old: &Board) {
    board.col = old.col.min(board.columns.len().saturating_sub(1));
    board.col_offset = old.col_offset;
    let places: HashMap<ApplicationId, usize> =
        board.cards.iter().enumerate().map(|(i, card)| (card.id, i)).collect();
    for c in 0..board.columns.len() {
        let Some(&was) = old.columns.get(c).and_then(|col| col.get(old.rows[c])) else { continue };
        let at = places.get(&old.cards[was].id).and_then(|i| board.columns[c].iter().position(|j| j == i));
        let place = old.base(c) + old.rows[c];
        let row = at.unwrap_or_else(|| place.saturating_sub(board.base(c)));
        board.rows[c] = row.min(board.loaded(c).saturating_sub(1));
        let offset = (old.base(c) + old.offsets[c]).saturating_sub(board.base(c));
        board.offsets[c] = offset.min(board.rows[c]);
    }
}
