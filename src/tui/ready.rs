//! A role's board read before `Tab` goes to it (issue 20, target 3): what the counting
//! thread reads and sends (`count_load.rs`), kept by the app (`role_ahead.rs`). At 1,000,000
//! candidates a role switch read each column's first page and the figures of the cards on
//! screen on the UI thread (~3.5 ms CPU; a role's first visit more, its pages not in
//! SQLite's cache). The thread that counts the next roles (`count_load.rs`) now also
//! reads their boards from the top, figures included, and the board a role switch loads
//! is kept: a `Tab` to a role with a ready board takes a copy of it. A ready board is
//! used only for a load from the top (a role switch, start-up) with the same closed
//! cards shown, the same screen, and no commit since it was read: the UI connection's
//! data version must be the one taken before the read, and a change of this user's
//! forgets every ready board with the counts. Kept for the role on screen and the two
//! next to it only. A file only (a server's roles load as before).

use super::board::Board;
use super::column_window::{Counts, Window};
use crate::domain::{AppStatus, FamilyId};
use crate::store::{PageFrom, Store, StoreError};

/// A role's board from the top of each column, ready for a role switch.
#[derive(Clone)]
pub(crate) struct Ready {
    pub(crate) board: Board,
    /// What it was read for.
    pub(crate) of: AheadOf,
}

/// What a ready board holds: closed cards or not, the cards a column loaded, and the UI
/// connection's data version before it was read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AheadOf {
    pub(crate) closed: bool,
    pub(crate) page: usize,
    pub(crate) version: i64,
}

/// On the counting thread: `family`'s board from the top of each column, as
/// `App::load_windows` loads it for a role switch, with the figures of every card read.
pub(crate) fn read_first_board(
    store: &Store,
    family: FamilyId,
    counts: &Counts,
    of: AheadOf,
) -> Result<Board, StoreError> {
    let stages = store.board_stages(family)?;
    let mut runs = Vec::with_capacity(stages.len());
    for stage in &stages {
        let mut cards = store.column_page(family, stage.id, of.closed, PageFrom::Start, of.page)?;
        let more_after = cards.len() == of.page;
        cards.shrink_to_fit();
        let open = Some(counts.get(&stage.id).map_or(0, |[a, h]| a + h));
        runs.push((cards, Window { base: 0, open, more_after, closed: of.closed }));
    }
    let mut board = Board::windowed(stages, runs);
    let held: Vec<_> = board.cards.iter().filter(|c| c.status == AppStatus::OnHold).map(|c| c.id).collect();
    board.held_since = store.held_since_of(&held)?;
    let ids: Vec<_> = board.cards.iter().map(|c| c.id).collect();
    let found = store.card_scorecards(family, &ids)?;
    for (card, scored) in board.cards.iter_mut().zip(board.scored.iter_mut()) {
        if let Some(&(rec, interviews)) = found.get(&card.id) {
            card.last_recommendation = rec;
            card.interviews_at_stage = interviews;
        }
        *scored = true;
    }
    Ok(board)
}

/// The roles a thread is counting, and where their counts come (`count_load.rs`).
pub(crate) struct CountJob {
    /// Roles asked for whose counts have not come yet, in order.
    pub(crate) families: Vec<FamilyId>,
    pub(crate) rx: std::sync::mpsc::Receiver<Found>,
}

/// What a counting thread sends: a role's counts, or (after them) a next role's board
/// read ahead.
pub(crate) enum Found {
    Counts(FamilyId, Result<Counts, String>),
    Board(FamilyId, Box<Board>, AheadOf),
}
