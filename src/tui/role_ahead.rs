//! Keeping role boards ready for a role switch (`ready.rs` says what and when they hold).

use super::app::App;
use super::board::Board;
use super::ready::{AheadOf, Ready};
use crate::domain::FamilyId;
use crate::store::StoreError;

impl App {
    /// Whether role boards are read ahead and kept: the real TUI on a file.
    pub(crate) fn reads_ahead(&self) -> bool {
        self.count_aside && self.store.path().is_some()
    }

    /// What a board read now for the screen would hold.
    pub(crate) fn ahead_of(&self) -> AheadOf {
        AheadOf { closed: self.show_closed, page: self.first_page(), version: self.data_version }
    }

    /// Whether `family` has a ready board for the screen as it is.
    pub(crate) fn is_ready(&self, family: FamilyId) -> bool {
        let of = self.ahead_of();
        self.ready.get(&(family, of.closed)).is_some_and(|r| r.of == of)
    }

    /// The roles next to the one on screen whose boards are worth reading ahead.
    pub(crate) fn ahead_wanted(&self) -> Vec<FamilyId> {
        if !self.reads_ahead() || !self.windowed() {
            return Vec::new();
        }
        let here = self.current_family().map(|f| f.id);
        self.neighbours().into_iter().filter(|f| Some(*f) != here && !self.is_ready(*f)).collect()
    }

    /// For a load from the top (`keep` none, no board yet): a copy of `family`'s ready
    /// board for the screen as it is, its counts filled in when known. Every ready board
    /// was read at the data version the app holds (a change forgets them, `reload`).
    pub(crate) fn ready_board(&mut self, family: FamilyId) -> Result<Option<Board>, StoreError> {
        let Some(ready) = self.ready.get(&(family, self.show_closed)).filter(|_| self.is_ready(family))
        else {
            return Ok(None);
        };
        let mut board = ready.board.clone();
        if let Some(counts) = self.counts_for(family)? {
            for (stage, window) in board.stages.iter().zip(board.windows.iter_mut()) {
                window.open.get_or_insert(counts.get(&stage.id).map_or(0, |[a, h]| a + h));
            }
        }
        Ok(Some(board))
    }

    /// Keep the board just loaded from the top (read at data version `version`) for the
    /// next role switch back to it.
    pub(crate) fn keep_ready(&mut self, family: FamilyId, version: i64) {
        if !self.reads_ahead() || !self.board.is_windowed() {
            return;
        }
        let of = AheadOf { version, ..self.ahead_of() };
        self.ready.insert((family, of.closed), Ready { board: self.board.clone(), of });
        self.prune_ready();
    }

    /// A board read ahead came: keep it unless a ready one for the screen is there.
    pub(crate) fn take_ready(&mut self, family: FamilyId, board: Board, of: AheadOf) {
        if self.is_ready(family) && self.show_closed == of.closed {
            return;
        }
        self.ready.insert((family, of.closed), Ready { board, of });
        self.prune_ready();
    }

    /// Only the role on screen and those next to it keep ready boards.
    fn prune_ready(&mut self) {
        let mut near = self.neighbours();
        near.extend(self.current_family().map(|f| f.id));
        self.ready.retain(|(family, _), _| near.contains(family));
    }
}
