//! How far each board column's closed cards are paged in (`closed_pages.rs` loads them).

use crate::store::PageAfter;

/// Closed cards to load per column at a time: a few screens of a tall terminal.
pub const CLOSED_PAGE: usize = 30;

/// The closed cards on the board, per column.
#[derive(Debug, Clone, Default)]
pub struct ClosedColumns {
    /// Where each column's closed cards continue (`None`: all are loaded).
    pub next: Vec<Option<PageAfter>>,
    /// How many closed cards each column has loaded.
    pub loaded: Vec<usize>,
    /// Index in the board's cards of the first closed card (they come after every open one).
    pub first: usize,
}

impl ClosedColumns {
    /// Whether column `c` has closed cards not loaded yet.
    pub fn more(&self, c: usize) -> bool {
        self.next.get(c).is_some_and(Option::is_some)
    }
}
