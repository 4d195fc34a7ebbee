//! The filter's cards, read off the UI thread (issue 20): a filter searches every open
//! card of the role, and a big role has many (42,677 in one role at 1,000,000 candidates:
//! 100 ms to read and fold). So the first letter typed on a big role asks a thread with a
//! connection of its own for them while the windowed board stays on screen and keys keep
//! working; the filter applies when they arrive (the run loop looks between keys). A small
//! role is read at once, and the cards read stay for the next filter until the data
//! changes or the role does.

use super::app::App;
use super::board::Board;
use super::closed_columns::ClosedColumns;
use super::every_card::{EveryCard, State, read_every_card};
use crate::domain::FamilyId;
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
        let open: usize = self.board.windows.iter().map(|w| w.open).sum();
        let second = if open > self.read_at_once { self.store.reopener() } else { None };
        let Some(second) = second else { return read_every_card(&self.store, family).map(Some) };
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            let read = second.open().and_then(|store| read_every_card(&store, family));
            let _ = tx.send(read.map_err(|e| e.to_string()));
        });
        self.every_card = Some(EveryCard { family, version, state: State::Reading(rx) });
        Ok(None)
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

    /// Whether a thread is reading the cards a filter waits for.
    pub fn filter_waiting(&self) -> bool {
        matches!(&self.every_card, Some(EveryCard { state: State::Reading(_), .. }))
    }

    /// Between keys: when the cards a typed filter waits for have come, filter them.
    pub(crate) fn apply_waiting_filter(&mut self) {
        if !self.filter_waiting() {
            return;
        }
        self.poll_every_card();
        if !self.filter_waiting() && !self.filter.is_empty() && self.board.is_windowed() {
            self.filter_board();
            let shown: usize = (0..self.board.columns.len()).map(|c| self.board.count(c)).sum();
            let filter = crate::domain::text::inert(&self.filter);
            self.info(format!("Filter '{filter}': {shown} candidates"));
        }
    }

    /// Keep a filter's every-card board for the next filter (`Esc`).
    pub(crate) fn keep_every_card(&mut self, mut board: Board) {
        let (Some(family), Ok(version)) = (self.current_family().map(|f| f.id), self.store.data_version())
        else {
            return;
        };
        // Unfiltered first: dropping the closed cards regroups by the board's filter.
        board.apply_filter("");
        if !board.closed.loaded.is_empty() {
            let first = board.closed.first;
            board.truncate_cards(first);
            board.closed = ClosedColumns::default();
        }
        self.every_card = Some(EveryCard { family, version, state: State::Read(Box::new(board)) });
    }
}

impl App {
    /// The filter over every open card of the role, once they are read; until then the
    /// windowed board stays, saying so.
    pub(crate) fn show_filtered(&mut self) {
        let Some(family) = self.current_family().map(|f| f.id) else { return };
        let open: usize = self.board.windows.iter().map(|w| w.open).sum();
        match self.every_card(family) {
            Ok(Some(board)) => {
                if let Err(e) = self.filter_every_card(family, board) {
                    self.error(format!("Could not load the board: {e}"));
                }
            }
            Ok(None) => self.info(format!("Reading the role's {open} open candidates to filter them…")),
            Err(e) => self.error(format!("Could not load the board: {e}")),
        }
    }

    /// Show `board` (every open card of `family`) filtered, with the first closed cards of
    /// each column when those are shown; the cursor on the best match.
    fn filter_every_card(&mut self, family: FamilyId, mut board: Board) -> Result<(), StoreError> {
        if self.show_closed {
            let (cards, closed) = self.first_closed_pages(family, &board.stages, &Default::default())?;
            board.closed = ClosedColumns { first: board.cards.len(), ..closed };
            board.append_cards(cards);
        }
        board.limits = self.store.limit_days()?;
        let filter = self.filter.clone();
        board.apply_filter(&filter);
        self.board = board;
        self.scroll();
        self.fill_scorecards();
        Ok(())
    }
}
