//! How far each board column's closed cards are paged in (`closed_pages.rs` loads them).

use crate::domain::{BoardCard, FamilyId, Stage};
use crate::store::{PageAfter, Store, StoreError};

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

/// The first closed cards of each of `stages` (at least as many per column as `keep`
/// had loaded, so a reload keeps the cursor's card), in board order.
pub(crate) fn first_closed_pages(
    store: &Store,
    family: FamilyId,
    stages: &[Stage],
    keep: &ClosedColumns,
) -> Result<(Vec<BoardCard>, ClosedColumns), StoreError> {
    let mut cards = Vec::new();
    let mut closed = ClosedColumns::default();
    for (c, stage) in stages.iter().enumerate() {
        let size = keep.loaded.get(c).copied().unwrap_or(0).max(CLOSED_PAGE);
        let page = store.closed_page(family, stage.id, None, size)?;
        closed.loaded.push(page.cards.len());
        closed.next.push(page.next);
        cards.extend(page.cards);
    }
    Ok((cards, closed))
}
