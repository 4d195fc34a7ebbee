//! Closed cards (`z`) paged in on a board holding every open card (a filter; a windowed
//! board pages its closed cards with its open ones, `windows.rs`) (issue 20): a role's
//! closed applications grow without end (a million candidates leave more than half a
//! million closed cards in one role), so the board loads a page of each column's closed
//! cards when they are shown, and the next page of a column when the cursor comes within
//! two screens of what is loaded. The open cards stay loaded as they were: `z` adds or
//! drops closed cards without reloading them.

use super::app::App;
use super::board::{Board, cards_per_column};
use super::board_search::Needle;
use super::closed_columns::{CLOSED_PAGE, ClosedColumns, first_closed_pages};
use crate::domain::{ApplicationId, BoardCard, FamilyId, StageId};
use crate::store::StoreError;

/// Rows asked for at once when a jump goes to a closed card deep in its column.
const JUMP_PAGE: usize = 2_000;

impl Board {
    /// Add `more` after every card here, keeping the filter and the selected card.
    pub(super) fn append_cards(&mut self, more: Vec<BoardCard>) {
        if more.is_empty() {
            return;
        }
        let selected = self.selected().map(|c| c.id);
        let index: std::collections::HashMap<StageId, u32> =
            self.stages.iter().enumerate().map(|(i, s)| (s.id, i as u32)).collect();
        self.card_columns.extend(more.iter().map(|c| index.get(&c.stage_id).copied().unwrap_or(u32::MAX)));
        std::sync::Arc::make_mut(&mut self.search).extend(&more);
        // Pages come with their scorecard figures.
        self.scored.extend(more.iter().map(|_| true));
        self.cards.extend(more);
        self.regroup_keeping_cursor(selected);
    }

    /// Add the first closed `cards` of each column (`closed` says how far), after the open
    /// cards, which are all here (a filter's board).
    pub(super) fn add_first_closed(&mut self, cards: Vec<BoardCard>, closed: ClosedColumns) {
        self.closed = ClosedColumns { first: self.cards.len(), ..closed };
        self.append_cards(cards);
    }

    /// Drop the closed cards (a filter's board), keeping the filter and the selected card.
    pub(super) fn drop_closed(&mut self) {
        if !self.closed.loaded.is_empty() {
            self.truncate_cards(self.closed.first);
            self.closed = ClosedColumns::default();
        }
    }

    /// Keep only the first `n` cards, keeping the filter and, if still here, the selected card.
    pub(super) fn truncate_cards(&mut self, n: usize) {
        let selected = self.selected().map(|c| c.id);
        self.cards.truncate(n);
        self.card_columns.truncate(n);
        std::sync::Arc::make_mut(&mut self.search).truncate(n);
        self.scored.truncate(n);
        self.regroup_keeping_cursor(selected);
    }

    /// Columns again from the cards (a page came or went): the cursor stays where it
    /// was, on `selected` when it is still there.
    fn regroup_keeping_cursor(&mut self, selected: Option<ApplicationId>) {
        let (col, rows) = (self.col, self.rows.clone());
        let needle = Needle::new(&self.needle);
        self.narrower.clear();
        self.regroup(&needle, None);
        self.col = col;
        for (c, (row, old)) in self.rows.iter_mut().zip(rows).enumerate() {
            *row = old.min(self.columns.get(c).map_or(0, Vec::len).saturating_sub(1));
        }
        if let Some(id) = selected {
            self.select(id);
        }
    }
}

impl App {
    /// `z`: show the first closed cards of every column, or hide them all again.
    pub(crate) fn toggle_closed(&mut self) {
        self.show_closed = !self.show_closed;
        if self.changed_since_load() {
            // Another writer's change no tick has seen yet: the cards loaded no longer
            // hold (one closed since would show twice), so the board is read again (a
            // ranking waiting for its board is dropped with it, as by a tick).
            if let Err(e) = self.reload(None) {
                self.show_closed = !self.show_closed;
                // The next tick tries again.
                self.data_version = i64::MIN;
                return self.error(format!("Could not load the closed candidates: {e}"));
            }
        } else if let Err(e) = self.closed_in_ranking() {
            // Nothing changed yet but the ranking's board, which only gains cards.
            self.show_closed = !self.show_closed;
            return self.error(format!("Could not load the closed candidates: {e}"));
        } else if self.board.is_windowed() {
            // Each column's window as it is, its closed cards added or dropped.
            if let Err(e) = self.toggle_windows() {
                return self.error(format!("Could not load the closed candidates: {e}"));
            }
        } else if !self.show_closed {
            self.board.drop_closed();
        } else if let Some(family) = self.current_family().map(|f| f.id) {
            let loaded =
                first_closed_pages(&self.store, family, &self.board.stages, &ClosedColumns::default())
                    .and_then(|(cards, closed)| Ok((self.only_mine(family, cards)?, closed)));
            match loaded {
                Ok((cards, closed)) => self.board.add_first_closed(cards, closed),
                Err(e) => return self.error(format!("Could not load the closed candidates: {e}")),
            }
        }
        let what = if self.show_closed { "Showing" } else { "Hiding" };
        self.info(format!("{what} rejected, withdrawn and hired candidates"));
    }

    /// Whether the database changed since the board was read and no tick has reloaded
    /// it yet (announced changes come through `on_changes` instead; an error reads as
    /// changed, so the board is read again).
    fn changed_since_load(&self) -> bool {
        !self.watched && self.store.data_version().map_or(true, |v| v != self.data_version)
    }

    /// After a key on the board: the next page of the cursor's column when the cursor is
    /// within two screens of the end of what is loaded.
    pub(crate) fn page_in_closed(&mut self) {
        let c = self.board.col;
        if !self.show_closed || !self.board.closed.more(c) {
            return;
        }
        let screen = cards_per_column(self.size.1.saturating_sub(2)).max(1);
        let row = self.board.rows.get(c).copied().unwrap_or(0);
        if row + 2 * screen < self.board.count(c) {
            return;
        }
        if let Err(e) = self.next_closed_page(c, CLOSED_PAGE) {
            self.error(format!("Could not load more closed candidates: {e}"));
        }
    }

    /// Load the next `size` closed cards of column `c`; whether any came.
    fn next_closed_page(&mut self, c: usize, size: usize) -> Result<bool, StoreError> {
        let Some(after) = self.board.closed.next.get(c).cloned().flatten() else { return Ok(false) };
        let (Some(family), Some(stage)) =
            (self.current_family().map(|f| f.id), self.board.stages.get(c).map(|s| s.id))
        else {
            return Ok(false);
        };
        let page = self.store.closed_page(family, stage, Some(&after), size)?;
        self.board.closed.loaded[c] += page.cards.len();
        self.board.closed.next[c] = page.next;
        let cards = self.only_mine(family, page.cards)?;
        self.board.append_cards(cards);
        Ok(true)
    }

    /// Page in the closed cards of `app`'s column until `app` is loaded (a jump to it).
    pub(crate) fn page_in_to(&mut self, app: ApplicationId) -> Result<(), StoreError> {
        if self.board.is_windowed() {
            // Its column's window around it.
            return self.reload(Some(app));
        }
        let stage = self.store.application(app)?.stage_id;
        let Some(c) = self.board.stages.iter().position(|s| s.id == stage) else { return Ok(()) };
        while self.show_closed && !self.board.cards.iter().any(|card| card.id == app) {
            if !self.next_closed_page(c, JUMP_PAGE)? {
                break;
            }
        }
        Ok(())
    }

    /// `cards` without those that are not the user's, when only theirs are shown (`m`).
    fn only_mine(&self, family: FamilyId, mut cards: Vec<BoardCard>) -> Result<Vec<BoardCard>, StoreError> {
        if self.mine_only && !cards.is_empty() {
            let mine = self.store.mine(family, self.store.actor())?;
            cards.retain(|c| mine.contains(&c.id));
        }
        Ok(cards)
    }
}
