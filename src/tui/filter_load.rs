//! The filter's cards, read off the UI thread (issue 20): a filter searches every open
//! card of the role, and a big role has many (42,677 in one role at 1,000,000 candidates:
//! 100 ms to read and fold). So the first letter typed on a big role asks a thread with a
//! connection of its own for them while the windowed board stays on screen and keys keep
//! working; the filter applies when they arrive (the run loop looks between keys). A small
//! role is read at once, and the cards read stay for the next filter until the data
//! changes or the role does.

use super::app::App;
use super::board::Board;
use super::closed_columns::first_closed_pages;
use super::every_card::{
    EveryCard, PendingScores, State, Unfiltered, add_scores, read_every_card, read_scorecards,
};
use crate::domain::{AppStatus, ApplicationId, FamilyId, Stage};
use crate::store::StoreError;
use std::sync::mpsc::{TryRecvError, channel};

impl App {
    /// The role's every-card board for a filter: at once when it is read (or small, or the
    /// store cannot be opened twice), else `None` while a thread reads it.
    pub(crate) fn every_card(&mut self, family: FamilyId) -> Result<Option<Board>, StoreError> {
        let version = self.store.data_version()?;
        self.poll_every_card();
        match self.every_card.take() {
            Some(EveryCard { family: f, version: v, state: State::Read(board) })
                if f == family && v == version =>
            {
                return Ok(Some(*board));
            }
            Some(pending @ EveryCard { state: State::Reading(_), .. })
                if pending.family == family && pending.version == version =>
            {
                self.every_card = Some(pending);
                return Ok(None);
            }
            _ => {}
        }
        // Counts not known yet: the role may be big.
        let open =
            self.board.windows.iter().map(|w| w.open.unwrap_or(usize::MAX)).fold(0, usize::saturating_add);
        let second = if open > self.read_at_once { self.store.reopener() } else { None };
        let closed = self.show_closed;
        let Some(second) = second else { return read_every_card(&self.store, family, closed).map(Some) };
        let (tx, rx) = channel();
        let (scores_tx, scores_rx) = channel();
        std::thread::spawn(move || {
            let store = match second.open() {
                Ok(store) => store,
                Err(e) => return drop(tx.send(Err(e.to_string()))),
            };
            let _ = store.set_page_cache_kib(super::count_load::ONCE_CACHE_KIB);
            let read = read_every_card(&store, family, closed);
            let unscored: Vec<ApplicationId> = read.as_ref().map_or(Vec::new(), |board| {
                board.cards.iter().zip(&board.scored).filter(|(_, s)| !**s).map(|(c, _)| c.id).collect()
            });
            if tx.send(read.map_err(|e| e.to_string())).is_ok() {
                let _ = scores_tx.send(read_scorecards(&store, family, &unscored));
            }
        });
        self.every_card = Some(EveryCard { family, version, state: State::Reading(rx) });
        self.pending_scores = Some(PendingScores { family, rx: scores_rx });
        Ok(None)
    }

    /// Between keys and on each filter key: give the filter's cards the scorecard figures
    /// its thread read, once they came (~0.2 ms for 42,000 cards; each key that brings
    /// new cards on screen otherwise reads theirs, ~2-3 ms at 1,000,000 candidates).
    pub(crate) fn take_scores(&mut self) {
        let Some(pending) = &self.pending_scores else { return };
        let scores = match pending.rx.try_recv() {
            Ok(scores) => scores,
            Err(TryRecvError::Empty) => return,
            Err(TryRecvError::Disconnected) => Vec::new(),
        };
        let family = pending.family;
        self.pending_scores = None;
        // An "only mine" board holds some of the cards only: it reads its own.
        if self.mine_only || self.current_family().is_none_or(|f| f.id != family) {
            return;
        }
        if !self.board.is_windowed() {
            add_scores(&mut self.board, &scores);
        }
        if let Some(EveryCard { family: f, state: State::Read(board), .. }) = &mut self.every_card
            && *f == family
        {
            add_scores(board, &scores);
        }
    }

    /// Take what the reading thread sent, if it has.
    fn poll_every_card(&mut self) {
        let Some(EveryCard { state: State::Reading(rx), .. }) = &self.every_card else { return };
        match rx.try_recv() {
            Ok(Ok(board)) => {
                if let Some(e) = self.every_card.as_mut() {
                    e.state = State::Read(Box::new(board));
                }
            }
            Ok(Err(e)) => {
                self.every_card = None;
                self.error(format!("Could not read the candidates to filter: {e}"));
            }
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.every_card = None,
        }
    }

    /// Whether a thread is reading the cards a filter waits for, or ranking them.
    pub fn filter_waiting(&self) -> bool {
        self.reading_cards() || self.ranking_waiting()
    }

    fn reading_cards(&self) -> bool {
        matches!(&self.every_card, Some(EveryCard { state: State::Reading(_), .. }))
    }

    /// Between keys: when the cards a typed filter waits for have come, filter them.
    pub(crate) fn apply_waiting_filter(&mut self) {
        if !self.reading_cards() {
            return;
        }
        self.poll_every_card();
        if !self.reading_cards() && !self.filter.is_empty() && self.board.is_windowed() {
            self.filter_board();
            match &mut self.ranking {
                Some(ranking) => ranking.announce = true,
                None => self.announce_filter(),
            }
        }
    }

    /// Say how many cards the filter shows.
    pub(crate) fn announce_filter(&mut self) {
        let shown: usize = (0..self.board.columns.len()).map(|c| self.board.count(c)).sum();
        let filter = crate::domain::text::inert(&self.filter);
        self.info(format!("Filter '{filter}': {shown} candidates"));
    }

    /// Keep a filter's every-card board for the next filter (`Esc`).
    pub(crate) fn keep_every_card(&mut self, mut board: Board) {
        let (Some(family), Ok(version)) = (self.current_family().map(|f| f.id), self.store.data_version())
        else {
            return;
        };
        // Its closed cards stay (the next filter shows them, or drops them if hidden by then).
        board.apply_filter("");
        self.every_card = Some(EveryCard { family, version, state: State::Read(Box::new(board)) });
    }
}

impl App {
    /// The filter over every open card of the role, once they are read; until then the
    /// windowed board stays, saying so.
    pub(crate) fn show_filtered(&mut self) {
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        let open: Option<usize> = self.board.windows.iter().map(|w| w.open).sum();
        let open = open.map_or(String::new(), |n| format!("{n} "));
        match self.every_card(family) {
            Ok(Some(board)) => {
                if let Err(e) = self.filter_every_card(family, board) {
                    self.error(format!("Could not load the board: {e}"));
                }
            }
            Ok(None) => self.info(format!("Reading the role's {open}open candidates to filter them…")),
            Err(e) => self.error(format!("Could not load the board: {e}")),
        }
    }

    /// Show `board` (every open card of `family`) filtered, with the first closed cards of
    /// each column when those are shown; the cursor on the best match. The windowed board
    /// is kept for when the filter is cleared.
    fn filter_every_card(&mut self, family: FamilyId, mut board: Board) -> Result<(), StoreError> {
        // The cards were read with the closed ones shown then, or kept from the last filter.
        if !self.show_closed {
            board.drop_closed();
        } else if board.closed.loaded.is_empty() {
            let (cards, closed) =
                first_closed_pages(&self.store, family, &board.stages, &Default::default())?;
            board.add_first_closed(cards, closed);
        }
        board.limits = self.store.limit_days()?;
        if self.ranks_aside(&board) {
            // The windowed board stays until the ranking comes (`filter_rank.rs`).
            let needle = super::board_search::Needle::new(&self.filter);
            self.rank(family, needle, Some(Box::new(board)));
            return Ok(());
        }
        let filter = self.filter.clone();
        board.apply_filter(&filter);
        self.install_filtered(family, board)
    }

    /// Show `board`, the filter applied, in place of the windowed board, which is kept
    /// for when the filter is cleared.
    pub(crate) fn install_filtered(&mut self, family: FamilyId, board: Board) -> Result<(), StoreError> {
        let windowed = std::mem::replace(&mut self.board, board);
        self.unfiltered = Some(Unfiltered {
            family,
            version: self.store.data_version()?,
            closed: self.show_closed,
            mine: self.mine_only,
            board: Box::new(windowed),
        });
        self.scroll();
        self.fill_scorecards();
        Ok(())
    }

    /// The filter cleared: back to the windowed board the filter replaced, as it was, when
    /// nothing changed since and it holds `keep` (the cursor goes there); whether it did.
    /// Reloading its windows instead reads a page per column and their scorecards (~10 ms
    /// at 1,000,000 candidates).
    pub(crate) fn restore_unfiltered(&mut self, keep: Option<ApplicationId>) -> bool {
        let Some(Unfiltered { family, version, closed, mine, board }) = self.unfiltered.take() else {
            return false;
        };
        let same = self.current_family().is_some_and(|f| f.id == family)
            && self.store.data_version().is_ok_and(|v| v == version)
            && (closed, mine) == (self.show_closed, self.mine_only)
            && keep.is_none_or(|id| board.cards.iter().any(|c| c.id == id));
        if !same {
            return false;
        }
        self.board = *board;
        if let Some(id) = keep {
            self.board.select(id);
        }
        self.scroll();
        self.fill_scorecards();
        true
    }
}

impl App {
    /// The board with every open card of the role loaded (a filter searches them all),
    /// and a page of each column's closed cards when those are shown.
    pub(crate) fn load_every_card(
        &mut self,
        family_id: FamilyId,
        stages: Vec<Stage>,
        keep: Option<ApplicationId>,
    ) -> Result<Board, StoreError> {
        // Without scorecard figures: those of the cards on screen come after the layout.
        let mut cards = self.store.board_without_scorecards(family_id)?;
        // Held cards after the active ones of their column, closed ones last (a page of
        // each column's, `closed_pages.rs`).
        cards.sort_by_key(|c| match c.status {
            AppStatus::Active => 0,
            AppStatus::OnHold => 1,
            _ => 2,
        });
        let mut closed = Default::default();
        if self.show_closed {
            let (more, paged) = super::closed_columns::first_closed_pages(
                &self.store,
                family_id,
                &stages,
                &self.board.closed,
            )?;
            cards.extend(more);
            closed = paged;
        }
        self.load_team(family_id, &mut cards)?;
        // A windowed board's rows count from its windows: start afresh from one.
        let (col, rows) = match self.board.is_windowed() {
            false => (self.board.col, std::mem::take(&mut self.board.rows)),
            true => (self.board.col, Vec::new()),
        };
        let mut board = Board::new(stages, cards, &self.filter, None);
        let first = board.cards.iter().position(|c| c.status.is_closed()).unwrap_or(board.cards.len());
        board.closed = super::closed_columns::ClosedColumns { first, ..closed };
        board.held_since = self.store.held_since(family_id)?;
        if !rows.is_empty() {
            board.col = col.min(board.columns.len().saturating_sub(1));
            for (c, r) in rows.into_iter().enumerate().take(board.rows.len()) {
                board.rows[c] = r.min(board.count(c).saturating_sub(1));
            }
        }
        if let Some(id) = keep {
            board.select(id);
        }
        Ok(board)
    }
}
