//! Every open card of a role, read for a filter (`filter_load.rs` asks for them, on the UI
//! thread for a small role, else on a thread of their own).

use super::board::Board;
use crate::domain::{AppStatus, FamilyId};
use crate::store::{Store, StoreError};
use std::sync::mpsc::Receiver;

/// Roles with at most this many open cards are read on the UI thread, at once.
pub const READ_AT_ONCE: usize = 5_000;

/// Every open card of a role, as a board with no filter, for a filter to search.
pub(crate) struct EveryCard {
    /// The role.
    pub(crate) family: FamilyId,
    /// The store's data version when the cards were read.
    pub(crate) version: i64,
    /// Read, or being read.
    pub(crate) state: State,
}

/// Where the cards are.
pub(crate) enum State {
    Reading(Receiver<Result<Board, String>>),
    Read(Box<Board>),
}

/// Read every open card of `family` into a board with no filter (when each held card went
/// on hold included); the closed cards, limits and scorecards are the caller's.
pub(crate) fn read_every_card(store: &Store, family: FamilyId) -> Result<Board, StoreError> {
    let stages = store.board_stages(family)?;
    let mut cards = store.board_without_scorecards(family)?;
    cards.sort_by_key(|c| match c.status {
        AppStatus::Active => 0,
        AppStatus::OnHold => 1,
        _ => 2,
    });
    let mut board = Board::new(stages, cards, "", None);
    board.held_since = store.held_since(family)?;
    Ok(board)
}
