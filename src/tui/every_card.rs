//! Every open card of a role, read for a filter (`filter_load.rs` asks for them, on the UI
//! thread for a small role, else on a thread of their own).

use super::board::Board;
use super::closed_columns::first_closed_pages;
use crate::domain::{AppStatus, ApplicationId, FamilyId, Rating};
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

/// The windowed board a filter replaced, and what it was loaded for.
pub(crate) struct Unfiltered {
    pub(crate) family: FamilyId,
    /// The store's data version then.
    pub(crate) version: i64,
    /// Whether closed cards were shown, and only the user's.
    pub(crate) closed: bool,
    pub(crate) mine: bool,
    pub(crate) board: Box<Board>,
}

/// Read every open card of `family` into a board with no filter (when each held card went
/// on hold included), with the first closed cards of each column when `closed` (so the
/// key that shows the filter reads nothing); limits and scorecards are the caller's.
pub(crate) fn read_every_card(store: &Store, family: FamilyId, closed: bool) -> Result<Board, StoreError> {
    let stages = store.board_stages(family)?;
    let mut cards = store.board_without_scorecards(family)?;
    cards.sort_by_key(|c| match c.status {
        AppStatus::Active => 0,
        AppStatus::OnHold => 1,
        _ => 2,
    });
    let mut board = Board::new(stages, cards, "", None);
    board.held_since = store.held_since(family)?;
    if closed {
        let (cards, closed) = first_closed_pages(store, family, &board.stages, &Default::default())?;
        board.add_first_closed(cards, closed);
    }
    Ok(board)
}

/// Boards with more cards than this are ranked on a thread (when the app may start one).
pub const RANK_AT_ONCE: usize = 5_000;

/// A filter being ranked on a thread (`filter_rank.rs`).
pub(crate) struct Ranking {
    pub(crate) family: FamilyId,
    /// The folded filter ranked.
    pub(crate) text: String,
    /// The search text it is ranked on (`SearchText::id`).
    pub(crate) id: (u64, usize),
    pub(crate) rx: Receiver<Vec<usize>>,
    /// The filter's board when it is not on screen yet (its first letter): shown with
    /// the result.
    pub(crate) board: Option<Box<Board>>,
    /// Say how many cards the filter found when it is shown.
    pub(crate) announce: bool,
}

/// Free `value` on a thread of its own (a role's every card: thousands of allocations);
/// here when no thread can start.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new().name("drop".into()).spawn(move || drop(value));
}

/// Scorecard figures of a filter's open cards, in the board's order.
pub(crate) type Scores = Vec<(ApplicationId, Option<Rating>, u32)>;

/// The scorecard figures of every open card a filter's thread read, which it reads after
/// sending them (so no key waits for those of the cards it brings on screen).
pub(crate) struct PendingScores {
    /// The role.
    pub(crate) family: FamilyId,
    /// Where they come.
    pub(crate) rx: Receiver<Scores>,
}

/// The scorecard figures of `ids` (open cards of `family`), in their order; none after
/// an error (the cards on screen then get theirs as before, `scorecards.rs`).
pub(crate) fn read_scorecards(store: &Store, family: FamilyId, ids: &[ApplicationId]) -> Scores {
    let mut scores = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(500) {
        let Ok(found) = store.card_scorecards(family, chunk) else { return Vec::new() };
        scores.extend(chunk.iter().filter_map(|id| found.get(id).map(|&(rec, n)| (*id, rec, n))));
    }
    scores
}

/// Give `board`'s cards the figures in `scores` (a subsequence of its cards, in order)
/// that they lack.
pub(crate) fn add_scores(board: &mut Board, scores: &Scores) {
    let mut i = 0;
    for &(id, rec, interviews) in scores {
        while board.cards.get(i).is_some_and(|c| c.id != id) {
            i += 1;
        }
        let (Some(card), Some(scored)) = (board.cards.get_mut(i), board.scored.get_mut(i)) else { return };
        if !*scored {
            card.last_recommendation = rec;
            card.interviews_at_stage = interviews;
            *scored = true;
        }
        i += 1;
    }
}
