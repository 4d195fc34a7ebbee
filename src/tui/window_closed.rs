//! `z` on a windowed board (issue 20, target 3): the closed cards of a column come after
//! all its open ones, so showing them changes nothing on screen in a column whose open
//! cards go on below its window, and hiding them only drops those loaded. Reloading every
//! column's window instead read a page per column (five index runs each, ~2.5 ms at
//! 1,000,000 candidates, and as much at 1,000). Now a column reads only when its open
//! cards end in what is loaded (the first closed cards after them) or when nothing but
//! closed cards was loaded (the open end).

use super::app::App;
use super::board::Board;
use super::column_window::ColumnRun;
use super::windows::{Anchor, restore_cursor};
use crate::domain::FamilyId;
use crate::store::{PageFrom, StoreError};

impl App {
    /// `z` on a windowed board, `show_closed` already toggled: each column keeps its
    /// window with its closed cards added or dropped, the cards' figures kept, the cursor
    /// on its card (else at the same place, as a reload puts it).
    pub(crate) fn toggle_windows(&mut self) -> Result<(), StoreError> {
        let Some(family) = self.current_family().map(|f| f.id) else { return Ok(()) };
        let old = &self.board;
        let (mut runs, mut scored) = (Vec::with_capacity(old.stages.len()), Vec::new());
        for c in 0..old.stages.len() {
            let (run, run_scored) = self.toggled_run(family, c)?;
            runs.push(run);
            scored.extend(run_scored);
        }
        let mut board = Board::windowed(old.stages.clone(), runs);
        board.scored = scored;
        board.limits = old.limits.clone();
        board.held_since = old.held_since.clone();
        board.overdue = old.overdue;
        restore_cursor(&mut board, old);
        self.board = board;
        self.scroll();
        // As a reload would: the next roles' boards for `Tab`, read ahead with closed
        // cards shown or not.
        self.prefetch_counts();
        Ok(())
    }

    /// Column `c`'s run for the closed cards shown or not (`show_closed`), and whether
    /// each of its cards has its figures.
    fn toggled_run(&self, family: FamilyId, c: usize) -> Result<(ColumnRun, Vec<bool>), StoreError> {
        let (board, closed, page) = (&self.board, self.show_closed, self.first_page());
        let stage = board.stages[c].id;
        let mut window = board.windows.get(c).cloned().unwrap_or_default();
        let column = board.columns.get(c).map(Vec::as_slice).unwrap_or_default();
        let kept: Vec<usize> =
            column.iter().copied().filter(|&i| closed || board.keys[i].part <= 1).collect();
        let mut cards: Vec<_> =
            kept.iter().map(|&i| (board.cards[i].clone(), board.keys[i].clone())).collect();
        let mut scored: Vec<bool> = kept.iter().map(|&i| board.scored[i]).collect();
        window.closed = closed;
        if !closed && kept.len() < column.len() {
            // Closed cards were loaded, so the open ones end here.
            window.more_after = false;
            if cards.is_empty() || (window.base > 0 && cards.len() < page) {
                // Little or nothing open was loaded: the column's open end.
                let run = self.load_run(family, stage, window.open, Anchor::OpenEnd, page)?;
                let n = run.0.len();
                return Ok((run, vec![false; n]));
            }
        } else if closed && !window.more_after {
            // The open cards end in what is loaded: the first closed ones follow them, as
            // many as make the page a load from the top reads (the same "N+" count).
            let want = if cards.len() < page { page - cards.len() } else { page };
            let from = cards.last().map_or(PageFrom::Start, |(_, key)| PageFrom::After(key, false));
            let after = self.store.column_page(family, stage, true, from, want)?;
            window.more_after = after.len() == want;
            scored.extend(after.iter().map(|_| false));
            cards.extend(after);
        }
        let offset = board.offsets.get(c).copied().unwrap_or(0);
        if window.more_after && cards.len() < offset + page {
            // Less than a screen below the scroll (a window loaded for a smaller one).
            let from = cards.last().map_or(PageFrom::Start, |(_, key)| PageFrom::After(key, false));
            let after = self.store.column_page(family, stage, closed, from, page)?;
            window.more_after = after.len() == page;
            scored.extend(after.iter().map(|_| false));
            cards.extend(after);
        }
        Ok(((cards, window), scored))
    }
}
