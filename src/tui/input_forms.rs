//! Keys for the outcome and edit forms. Nothing typed is lost until the user confirms
//! discarding it; a failed save keeps the form as it was.

use super::app::App;
use super::dialogs::Overlay;
use super::forms::outcome::OutcomeFocus;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// Keys in the notes field: text editing; ↑ on the first line and ↓ on the last leave it
/// (↓ is refused there with a notice: Notes is the last field).
fn notes_key(form: &mut super::forms::outcome::OutcomeForm, key: KeyEvent) {
    let row = form.notes.cursor().0;
    let last = form.notes.lines().len().saturating_sub(1);
    match key.code {
        KeyCode::Up if row == 0 => {
            form.move_focus(false);
        }
        KeyCode::Down if row >= last => {
            form.move_focus(true);
        }
        _ => {
            if form.notes.input(key) {
                form.dirty = true;
            }
        }
    }
}

fn is_save(key: &KeyEvent) -> bool {
    key.code == KeyCode::Char('s') && key.modifiers.contains(KeyModifiers::CONTROL)
}

impl App {
    /// Route a key to the outcome form. Every key lands in the focused field or is
    /// refused with a notice in the footer; nothing typed is dropped silently.
    pub(crate) fn outcome_key(&mut self, key: KeyEvent) {
        let Overlay::Outcome(form) = &mut self.overlay else { return };
        form.notice = None;
        if form.confirm_discard {
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                self.overlay = Overlay::None;
                self.info("Outcome discarded");
            } else {
                form.confirm_discard = false;
            }
            return;
        }
        if is_save(&key) {
            self.save_outcome();
            return;
        }
        let rating_row = matches!(form.focus, OutcomeFocus::Requirement(_) | OutcomeFocus::Recommendation);
        match (key.code, form.focus) {
            (KeyCode::Esc, _) => {
                if form.dirty {
                    form.confirm_discard = true;
                } else {
                    self.overlay = Overlay::None;
                }
            }
            (KeyCode::Tab, _) => {
                form.move_focus(true);
            }
            (KeyCode::BackTab, _) => {
                form.move_focus(false);
            }
            (_, OutcomeFocus::Notes) => notes_key(form, key),
            (KeyCode::Enter, _) => self.save_outcome(),
            // Letters are not navigation here: "ok" typed after a rating must not move on.
            (KeyCode::Down, _) => {
                form.move_focus(true);
            }
            (KeyCode::Up, _) => {
                form.move_focus(false);
            }
            (KeyCode::Left, OutcomeFocus::Stage) => form.cycle_stage(false),
            (KeyCode::Right, OutcomeFocus::Stage) => form.cycle_stage(true),
            (KeyCode::Char(c), _) if rating_row && c.is_ascii_digit() => {
                form.rate(c.to_digit(10).unwrap_or(9));
            }
            (KeyCode::Backspace | KeyCode::Delete, _) if rating_row => {
                form.rate(0);
            }
            (KeyCode::Char(_), _) if rating_row => {
                form.notice = Some("Ratings take 1-4 (0 clears) · ↓ or Tab to Notes to write text".into());
            }
            (KeyCode::Char(_), OutcomeFocus::Stage) => {
                form.notice = Some("←/→ choose the stage · ↓ or Tab to the ratings".into());
            }
            (_, OutcomeFocus::Interviewer) if form.interviewer.input(key) => form.dirty = true,
            (_, OutcomeFocus::Date) if form.date.input(key) => form.dirty = true,
            _ => {}
        }
    }

    /// Route a key to the export dialog.
    pub(crate) fn export_key(&mut self, key: KeyEvent) {
        use super::export_dialog::ExportFocus;
        let Overlay::Export(form) = &mut self.overlay else { return };
        match (key.code, form.focus) {
            (KeyCode::Esc, _) => {
                self.overlay = Overlay::None;
                self.info("Nothing exported");
            }
            (KeyCode::Enter, _) => self.confirm_export(),
            (KeyCode::Tab | KeyCode::Down, _) => form.move_focus(true),
            (KeyCode::BackTab | KeyCode::Up, _) => form.move_focus(false),
            (KeyCode::Left, ExportFocus::Format | ExportFocus::Scope) => form.cycle(false),
            (KeyCode::Right | KeyCode::Char(' '), ExportFocus::Format | ExportFocus::Scope) => {
                form.cycle(true)
            }
            (_, ExportFocus::AsOf) if form.as_of.input(key) => {
                form.error = None;
                form.refresh_default_path();
            }
            (_, ExportFocus::Path) if form.path.input(key) => {
                form.error = None;
                form.path_edited = true;
            }
            _ => {}
        }
    }

    /// Route a key to the edit form.
    pub(crate) fn edit_key(&mut self, key: KeyEvent) {
        let Overlay::Edit(form) = &mut self.overlay else { return };
        if form.confirm_discard {
            if matches!(key.code, KeyCode::Char('y') | KeyCode::Char('Y')) {
                self.overlay = Overlay::None;
                self.info("Changes discarded");
            } else {
                form.confirm_discard = false;
            }
            return;
        }
        if is_save(&key) {
            self.save_edit();
            return;
        }
        use super::forms::edit::{FIELDS, LEVEL, NOTES};
        let focus = form.focus;
        match key.code {
            KeyCode::Esc => {
                if form.is_dirty() {
                    form.confirm_discard = true;
                } else {
                    self.overlay = Overlay::None;
                }
            }
            KeyCode::Tab => form.focus = (focus + 1) % FIELDS,
            KeyCode::BackTab => form.focus = (focus + FIELDS - 1) % FIELDS,
            _ if focus == NOTES => {
                if let Some(notes) = form.text_mut(NOTES) {
                    notes.input(key);
                }
            }
            KeyCode::Enter => self.save_edit(),
            KeyCode::Down => form.focus = (focus + 1).min(NOTES),
            KeyCode::Up => form.focus = focus.saturating_sub(1),
            KeyCode::Left | KeyCode::Right | KeyCode::Char(' ') if focus == LEVEL => {
                let forward = key.code != KeyCode::Left;
                match form.level.as_mut().map(|l| l.cycle(forward)) {
                    Some(Ok(())) => form.error = None,
                    Some(Err(why)) => form.error = Some((LEVEL, why)),
                    None => form.error = Some((LEVEL, "this form has no application to change".into())),
                }
            }
            // Nothing is typed into the level: say how to choose it instead.
            _ if focus == LEVEL => form.error = Some((LEVEL, "choose it with ← and →".into())),
            _ => {
                let typed = form.text_mut(focus).is_some_and(|t| t.input(key));
                if typed && form.error.as_ref().is_some_and(|(f, _)| *f == focus) {
                    form.error = None;
                }
            }
        }
    }
}
