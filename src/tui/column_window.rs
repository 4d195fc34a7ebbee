//! How much of each board column is loaded (`board_window.rs` holds the board's side,
//! `windows.rs` loads them).

use crate::domain::BoardCard;
use crate::store::ColumnKey;

/// How much of one column is loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Window {
    /// The place in the column of the first loaded card.
    pub base: usize,
    /// The column's open cards (active and on hold), loaded or not; `None` while they
    /// are being counted (`count_load.rs`).
    pub open: Option<usize>,
    /// Whether cards may follow the last loaded one.
    pub more_after: bool,
    /// Whether the column's closed cards follow its open ones (`z`).
    pub closed: bool,
}

/// One column's loaded run: its cards with their places, and how much of the column it is.
pub type ColumnRun = (Vec<(BoardCard, ColumnKey)>, Window);

/// Per stage, its (active, on hold) cards.
pub type Counts = std::collections::HashMap<crate::domain::StageId, [usize; 2]>;
