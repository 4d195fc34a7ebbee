//! Key routing: dialogs take their fixed keys (and text input); otherwise the keymap
//! turns a key into an `Action` for `App::update`.

use super::action::Action;
use super::app::{App, Effect};
use super::dialogs::{AddForm, Overlay, field_text};
use crate::domain::RejectReason;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

impl App {
    /// Handle one key press.
    pub fn handle_key(&mut self, key: KeyEvent) -> Effect {
        if key.kind == KeyEventKind::Release {
            return Effect::None;
        }
        let ctrl_c = key.code == KeyCode::Char('c') && key.modifiers.contains(KeyModifiers::CONTROL);
        if ctrl_c {
            // In a form, Ctrl-c is Esc: it closes the form, asking first when something
            // typed would be lost. A second Ctrl-c quits.
            let in_form = matches!(
                self.overlay,
                Overlay::Add(_)
                    | Overlay::Reject(_)
                    | Overlay::Outcome(_)
                    | Overlay::Edit(_)
                    | Overlay::Export(_)
                    | Overlay::Note(_)
            );
            if !in_form {
                return Effect::Quit;
            }
            return self.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        }
        if self.filter_input.is_some() {
            self.filter_key(key);
            return Effect::None;
        }
        match &mut self.overlay {
            Overlay::None => match self.keymap.action_for(&key) {
                Some(action) => self.update(action),
                // Esc leaves the roles screen or the dashboard for the board.
                None if key.code == KeyCode::Esc && self.screen != super::app::Screen::Board => {
                    self.screen = super::app::Screen::Board;
                    Effect::None
                }
                None => Effect::None,
            },
            Overlay::Help { .. } => {
                self.help_key(key);
                Effect::None
            }
            Overlay::Outcome(_) => {
                self.outcome_key(key);
                Effect::None
            }
            Overlay::Edit(_) => {
                self.edit_key(key);
                Effect::None
            }
            Overlay::Export(_) => {
                self.export_key(key);
                Effect::None
            }
            Overlay::Exported(done) => {
                if key.code == KeyCode::Char('c') {
                    let path = done.path.clone();
                    self.info("Copied the path to the clipboard");
                    self.copy_to_clipboard(path);
                }
                self.overlay = Overlay::None;
                Effect::None
            }
            Overlay::Detail(_) => {
                self.detail_key(key);
                Effect::None
            }
            Overlay::Confirm(c) => {
                let explicit = c.pending.needs_explicit_yes();
                match key.code {
                    KeyCode::Char('y') | KeyCode::Char('Y') => self.confirm_yes(),
                    KeyCode::Enter if !explicit => self.confirm_yes(),
                    _ => {
                        self.overlay = Overlay::None;
                        self.info("Cancelled");
                    }
                }
                Effect::None
            }
            Overlay::Reject(_) => {
                self.reject_key(key);
                Effect::None
            }
            Overlay::Add(_) => {
                self.add_key(key);
                Effect::None
            }
            Overlay::Note(_) => {
                self.note_key(key);
                Effect::None
            }
            Overlay::Palette(_) | Overlay::RolePicker(_) => self.picker_key(key),
        }
    }

    fn filter_key(&mut self, key: KeyEvent) {
        let Some(field) = &mut self.filter_input else { return };
        match key.code {
            KeyCode::Enter => {
                self.filter_input = None;
                let shown: usize = (0..self.board.columns.len()).map(|c| self.board.count(c)).sum();
                if self.filter.is_empty() {
                    self.info("Filter cleared");
                } else {
                    self.info(format!(
                        "Filter '{}': {shown} candidates · Esc clears it",
                        crate::domain::text::inert(&self.filter)
                    ));
                }
            }
            KeyCode::Esc => self.clear_filter(),
            _ => {
                field.input(key);
                self.filter = field_text(field);
                let filter = self.filter.clone();
                self.board.apply_filter(&filter);
            }
        }
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }

    /// Scroll the help screen by line, page or to either end; other keys close it.
    fn help_key(&mut self, key: KeyEvent) {
        let (last, page) = super::help::help_limits(self, self.size);
        let Overlay::Help { scroll } = &mut self.overlay else { return };
        let Some(to) = scrolled(self.keymap.action_for(&key), key.code, *scroll, page, last) else {
            self.overlay = Overlay::None;
            return;
        };
        *scroll = to.min(last);
    }

    /// Drop the filter (typed or applied) and show every card again.
    pub(crate) fn clear_filter(&mut self) {
        if self.filter.is_empty() && self.filter_input.is_none() {
            return;
        }
        self.filter_input = None;
        self.filter.clear();
        self.board.apply_filter("");
        self.info("Filter cleared");
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }

    fn reject_key(&mut self, key: KeyEvent) {
        let Overlay::Reject(d) = &mut self.overlay else { return };
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                self.info("Not rejected");
            }
            KeyCode::Enter => self.confirm_reject(),
            KeyCode::Tab | KeyCode::BackTab => d.note_focus = !d.note_focus,
            _ if d.note_focus => {
                d.note.input(key);
            }
            KeyCode::Down | KeyCode::Char('j') => d.step(1),
            KeyCode::Up | KeyCode::Char('k') => d.step(-1),
            KeyCode::Char(c) if c.is_ascii_digit() => {
                match c.to_digit(10).and_then(|n| (n as usize).checked_sub(1)) {
                    Some(i) if i < RejectReason::ALL.len() => {
                        d.reason = Some(i);
                        d.error = None;
                    }
                    _ => d.error = Some(format!("{c} is not a reason: 1-{}", RejectReason::ALL.len())),
                }
            }
            KeyCode::Char(_) => d.error = Some("Tab to write a note; 1-9 or j/k pick the reason".into()),
            _ => {}
        }
    }

    fn add_key(&mut self, key: KeyEvent) {
        let Overlay::Add(form) = &mut self.overlay else { return };
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                self.info("Nothing added");
            }
            KeyCode::Enter => self.confirm_add(),
            KeyCode::Char('n')
                if key.modifiers.contains(KeyModifiers::CONTROL) && form.duplicate_of.is_some() =>
            {
                self.save_add(true)
            }
            KeyCode::Tab | KeyCode::Down => form.focus = (form.focus + 1) % (AddForm::LEVEL + 1),
            KeyCode::BackTab | KeyCode::Up => {
                form.focus = (form.focus + AddForm::LEVEL) % (AddForm::LEVEL + 1)
            }
            KeyCode::Left if form.focus == AddForm::LEVEL => form.level = form.level.saturating_sub(1),
            KeyCode::Right | KeyCode::Char(' ') if form.focus == AddForm::LEVEL => {
                form.level = (form.level + 1).min(form.levels.len().saturating_sub(1))
            }
            _ => {
                let changed = form.focused_field().is_some_and(|f| f.input(key));
                if changed {
                    form.error = None;
                    form.duplicate_of = None;
                }
            }
        }
    }

    fn picker_key(&mut self, key: KeyEvent) -> Effect {
        let (Overlay::Palette(p) | Overlay::RolePicker(p)) = &mut self.overlay else { return Effect::None };
        match key.code {
            KeyCode::Esc => {
                self.overlay = Overlay::None;
                Effect::None
            }
            KeyCode::Down => {
                p.step(1);
                Effect::None
            }
            KeyCode::Up => {
                p.step(-1);
                Effect::None
            }
            KeyCode::Enter => {
                let chosen = p.current();
                let overlay = std::mem::replace(&mut self.overlay, Overlay::None);
                match (overlay, chosen) {
                    (Overlay::Palette(_), Some(i)) => self.update(Action::ALL[i]),
                    (Overlay::RolePicker(_), Some(i)) => {
                        self.select_role(i);
                        Effect::None
                    }
                    _ => Effect::None,
                }
            }
            _ => {
                if p.query.input(key) {
                    p.refilter();
                }
                Effect::None
            }
        }
    }
}

/// Where a scrolling key (down, up, a page either way, top, bottom; by action or arrow
/// and page keys) takes a view scrolled to `scroll`, or `None` for any other key.
pub(crate) fn scrolled(
    action: Option<Action>,
    code: KeyCode,
    scroll: u16,
    page: u16,
    last: u16,
) -> Option<u16> {
    Some(match (action, code) {
        (Some(Action::Down), _) | (_, KeyCode::Down) => scroll.saturating_add(1),
        (Some(Action::Up), _) | (_, KeyCode::Up) => scroll.saturating_sub(1),
        (Some(Action::PageDown), _) | (_, KeyCode::PageDown) => scroll.saturating_add(page),
        (Some(Action::PageUp), _) | (_, KeyCode::PageUp) => scroll.saturating_sub(page),
        (Some(Action::Top), _) => 0,
        (Some(Action::Bottom), _) => last,
        _ => return None,
    })
}
