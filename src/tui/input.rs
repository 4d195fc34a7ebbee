//! Key routing: an open overlay takes every key (see `overlays/`); the filter field takes
//! typing; otherwise the keymap turns a key into an `Action` for `App::on_action`. Keys
//! change state and return effects; they never write.

use super::action::Action;
use super::app::{App, Screen};
use super::effect::Effect;
use super::overlays::dialog::{Ctx, Reply};
use super::overlays::fields::field_text;
use super::overlays::keys::picker_action;
use super::views::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind};

impl App {
    /// Handle one key press; what it asks of the run loop.
    pub fn on_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        if key.kind == KeyEventKind::Release {
            return Vec::new();
        }
        self.apply_waiting_filter();
        self.take_counts();
        if self.filter_input.is_some() {
            return self.filter_key(key);
        }
        if self.overlay.is_some() {
            let reply = self.overlay_key(key);
            return self.answer(reply);
        }
        match self.keymap.action_for(&key) {
            Some(action) => self.on_action(action),
            // Esc leaves the roles screen or the dashboard for the board.
            None if key.code == KeyCode::Esc && self.screen != Screen::Board => {
                self.screen = Screen::Board;
                Vec::new()
            }
            None => Vec::new(),
        }
    }

    /// Give `key` to the open overlay.
    fn overlay_key(&mut self, key: KeyEvent) -> Reply {
        let theme = Theme::from_env();
        let ctx = Ctx {
            keymap: &self.keymap,
            size: self.size,
            thresholds: self.thresholds,
            theme: &theme,
            now: self.now,
            access: self.access,
        };
        match self.overlay.as_mut() {
            Some(overlay) => overlay.dialog_mut().key(key, &ctx),
            None => Reply::Stay,
        }
    }

    /// Act on an overlay's reply; what it asks of the run loop.
    pub(crate) fn answer(&mut self, reply: Reply) -> Vec<Effect> {
        match reply {
            Reply::Stay => {}
            Reply::Close => self.overlay = None,
            Reply::CloseWith(message) => {
                self.overlay = None;
                self.info(message);
            }
            Reply::CloseAnd(effect) => {
                self.overlay = None;
                return vec![effect];
            }
            Reply::Submit(effect) => return vec![effect],
            Reply::Ask(request) => return self.request(request),
        }
        Vec::new()
    }

    /// Keys of the `/` filter, a `[picker]`: typing filters, choose keeps the filter,
    /// close clears it.
    fn filter_key(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(field) = &mut self.filter_input else { return Vec::new() };
        match picker_action(&self.keymap, &key) {
            Some(Action::Quit) => return vec![Effect::Quit],
            Some(Action::Choose) => {
                self.filter_input = None;
                let shown: usize = (0..self.board.columns.len()).map(|c| self.board.count(c)).sum();
                if self.filter.is_empty() {
                    self.info("Filter cleared");
                } else {
                    let clear = self.keymap.hint(Action::ClearFilter);
                    let filter = crate::domain::text::inert(&self.filter);
                    self.info(format!("Filter '{filter}': {shown} candidates · {clear} clears it"));
                }
            }
            Some(Action::Close) => self.clear_filter(),
            _ => {
                field.input(key);
                self.filter = field_text(field);
                self.filter_board();
            }
        }
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
        Vec::new()
    }

    /// Drop the filter (typed or applied) and show every card again.
    /// Apply the filter to the board: a filter searches every open card of the role, so
    /// the first letter typed loads them all, and clearing it goes back to windows.
    pub(crate) fn filter_board(&mut self) {
        self.take_scores();
        if self.rank_again() {
            return;
        }
        if self.board.is_windowed() == self.windowed() {
            return self.filter_cards();
        }
        self.ranking = None;
        if !self.windowed() {
            return self.show_filtered();
        }
        // Cleared: windows again, the cursor on its card; the cards stay for the next filter.
        let keep = self.board.selected().map(|c| c.id);
        let every = std::mem::take(&mut self.board);
        if !self.restore_unfiltered(keep) {
            // Nothing changed: the role's counts still hold.
            self.same_data = true;
            if let Err(e) = self.reload(keep) {
                self.error(format!("Could not load the board: {e}"));
            }
        }
        self.keep_every_card(every);
    }

    pub(crate) fn clear_filter(&mut self) {
        if self.filter.is_empty() && self.filter_input.is_none() {
            return;
        }
        self.filter_input = None;
        self.filter.clear();
        self.filter_board();
        self.info("Filter cleared");
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }
}
