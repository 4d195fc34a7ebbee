//! The filter's search and ranking off the UI thread (issue 20, target 3): at 1,000,000
//! candidates a filter searches a role's 42,000 open cards, and the first letters of a
//! word match most of them: finding and ranking them was 1–2.5 ms of a key, its draw and
//! the figures of the cards it brought on screen the rest, so the p99 of filter typing sat
//! at 4 ms. With many cards (the real TUI), a key now hands the typed filter to a thread
//! holding the board's search text (shared, not copied) and returns; the screen keeps
//! the last result until the thread's comes, which a tick shows. Each key replaces the
//! ranking asked for before it (its channel is dropped, so a result for an older filter
//! is never shown), and a result is shown only if the board still holds the text it was
//! ranked on and the filter is still the one typed; otherwise it is ranked again.

use super::app::App;
use super::board::Board;
use super::board_search::Needle;
use super::closed_columns::first_closed_pages;
use super::every_card::Ranking;
use crate::domain::FamilyId;
use crate::store::StoreError;
use std::sync::mpsc::{TryRecvError, channel};

impl App {
    /// Whether the filter of `board` is ranked on a thread: the real TUI, many cards.
    pub(crate) fn ranks_aside(&self, board: &Board) -> bool {
        self.count_aside && board.search.id().1 > self.rank_at_once
    }

    /// Whether a filter is being ranked.
    pub fn ranking_waiting(&self) -> bool {
        self.ranking.is_some()
    }

    /// The filter typed now, on the filter's board on screen: at once for a few cards,
    /// else on a thread (nothing when it is what is shown or being ranked).
    pub(crate) fn filter_cards(&mut self) {
        let filter = self.filter.clone();
        let needle = Needle::new(&filter);
        if needle.is_empty() || !self.ranks_aside(&self.board) {
            self.ranking = None;
            return self.board.apply_filter(&filter);
        }
        if self.board.needle == needle.text {
            self.ranking = None;
        } else if self.ranking.as_ref().is_none_or(|r| r.text != needle.text)
            && let Some(family) = self.current_family().map(|f| f.id)
        {
            self.rank(family, needle, None);
        }
    }

    /// A ranking whose board is not on screen yet: rank that board for the filter as
    /// typed now and say so, or, the filter cleared, keep its cards for the next filter.
    pub(crate) fn rank_again(&mut self) -> bool {
        if !matches!(self.ranking, Some(Ranking { board: Some(_), .. })) {
            return false;
        }
        let Some(Ranking { family, board: Some(board), announce, .. }) = self.ranking.take() else {
            return false;
        };
        let needle = Needle::new(&self.filter);
        if self.current_family().is_none_or(|f| f.id != family) {
            // Another role's cards: not kept under this one.
            return false;
        }
        if needle.is_empty() {
            self.keep_every_card(*board);
            return false;
        }
        self.rank(family, needle, Some(board));
        if let Some(r) = &mut self.ranking {
            r.announce = announce;
        }
        true
    }

    /// Rank `needle` on a thread, on `board` (not on screen yet) or the board on screen.
    pub(crate) fn rank(&mut self, family: FamilyId, needle: Needle, board: Option<Box<Board>>) {
        let on = board.as_deref().unwrap_or(&self.board);
        let search = std::sync::Arc::clone(&on.search);
        let id = search.id();
        // Typing narrows: only the cards shown can match (when what is shown is settled).
        let narrows = board.is_none()
            && self.ranking.is_none()
            && !on.needle.is_empty()
            && needle.text.starts_with(on.needle.as_str());
        let within = narrows.then(|| on.columns.iter().flatten().copied().collect::<Vec<_>>());
        let (tx, rx) = channel();
        let filter = needle.text.clone();
        let here = std::sync::Arc::clone(&search);
        let spawned = std::thread::Builder::new().name("filter-rank".into()).spawn(move || {
            let _ = tx.send(search.find(&Needle::new(&filter), within));
        });
        let found_here = spawned.is_err().then(|| here.find(&needle, None));
        self.ranking = Some(Ranking { family, text: needle.text, id, rx, board, announce: false });
        if let Some(found) = found_here {
            // No thread: ranked here (showing it asks for no other ranking).
            self.show_ranked(Some(found));
        }
    }

    /// `z` while a ranking holds a board not on screen yet: that board follows it too
    /// (its closed cards dropped, or the first closed pages added, as when its cards came).
    /// Its search text changes with its cards, so the result ranked on the old text is not
    /// shown: the filter is applied to the board as it is now when the result comes.
    pub(crate) fn closed_in_ranking(&mut self) -> Result<(), StoreError> {
        let Some(Ranking { family, board: Some(board), .. }) = &mut self.ranking else { return Ok(()) };
        if !self.show_closed {
            board.drop_closed();
        } else if board.closed.loaded.is_empty() {
            let (cards, closed) =
                first_closed_pages(&self.store, *family, &board.stages, &Default::default())?;
            board.add_first_closed(cards, closed);
        }
        Ok(())
    }

    /// Between keys: show the filter's ranked cards once they came.
    pub(crate) fn take_ranked(&mut self) {
        let Some(r) = &self.ranking else { return };
        match r.rx.try_recv() {
            Ok(found) => self.show_ranked(Some(found)),
            Err(TryRecvError::Empty) => {}
            Err(TryRecvError::Disconnected) => self.show_ranked(None),
        }
    }

    /// Show the ranking's result, `found` (else rank here), if it is for the filter typed
    /// and the text it was ranked on; else rank again.
    fn show_ranked(&mut self, found: Option<Vec<usize>>) {
        let Some(Ranking { family, text, id, board, announce, .. }) = self.ranking.take() else { return };
        let needle = Needle::new(&self.filter);
        if self.current_family().is_none_or(|f| f.id != family) {
            return;
        }
        let Some(mut board) = board else {
            if self.board.is_windowed() {
                return;
            }
            match found.filter(|_| self.board.search.id() == id && needle.text == text) {
                Some(found) => self.board.show_found(text, found),
                None => return self.filter_cards(),
            }
            self.scroll();
            return self.fill_scorecards();
        };
        match found.filter(|_| board.search.id() == id && needle.text == text) {
            Some(found) => board.show_found(text, found),
            None if needle.is_empty() => return self.keep_every_card(*board),
            None => board.apply_filter(&self.filter.clone()),
        }
        if let Err(e) = self.install_filtered(family, *board) {
            return self.error(format!("Could not load the board: {e}"));
        }
        if announce {
            self.announce_filter();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::FixedClock;
    use crate::tui::keymap::Keymap;
    use chrono::TimeZone;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(app: &mut App, code: KeyCode) {
        app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
    }

    fn open(path: &std::path::Path) -> crate::store::Store {
        let now = chrono::Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).single().expect("a time");
        crate::store::Store::open(path).expect("open").with_clock(Box::new(FixedClock(now)))
    }

    fn shown(app: &App) -> Vec<Vec<crate::domain::ApplicationId>> {
        let b = &app.board;
        b.columns.iter().map(|c| c.iter().map(|&i| b.cards[i].id).collect()).collect()
    }

    /// `Enter` and `z` right after a filter's cards came, before its ranking was shown
    /// (typeahead, a paste): the board shown follows `z` as filtering at once does.
    #[test]
    fn z_while_a_filter_is_ranked_shows_what_z_after_it_shows() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("rank_z.db");
        let mut s = open(&db);
        crate::import::load::import_bundled(&mut s).expect("bundled roles");
        crate::demo::fill(&mut s, crate::demo::DemoOptions { candidates: 3_000, seed: 5 }).expect("demo");
        drop(s);
        let keys = [KeyCode::Char('/'), KeyCode::Char('a'), KeyCode::Char('n'), KeyCode::Enter];
        for presses in 1..=2 {
            let mut app = App::counting_aside(open(&db), Keymap::defaults(), (120, 40)).expect("app");
            app.resize(120, 40);
            app.rank_at_once = 0;
            keys.iter().take(3).for_each(|k| press(&mut app, *k));
            // The cards come and go to a ranking whose board is not on screen yet.
            for _ in 0..2_000 {
                app.apply_waiting_filter();
                if matches!(app.ranking, Some(Ranking { board: Some(_), .. })) {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            assert!(matches!(app.ranking, Some(Ranking { board: Some(_), .. })), "a ranking holds the board");
            press(&mut app, KeyCode::Enter);
            (0..presses).for_each(|_| press(&mut app, KeyCode::Char('z')));
            for _ in 0..2_000 {
                if !app.filter_waiting() && !app.ranking_waiting() {
                    break;
                }
                std::thread::sleep(std::time::Duration::from_millis(2));
                app.tick();
            }
            let mut at_once = App::new(open(&db), Keymap::defaults()).expect("app");
            at_once.resize(120, 40);
            keys.iter().for_each(|k| press(&mut at_once, *k));
            (0..presses).for_each(|_| press(&mut at_once, KeyCode::Char('z')));
            assert_eq!(app.show_closed, at_once.show_closed);
            assert_eq!(shown(&app), shown(&at_once), "after {presses} z");
        }
    }
}
