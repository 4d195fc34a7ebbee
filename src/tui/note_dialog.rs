//! Withdraw and hold ask for an optional note, as `rolecall withdraw/hold --note` do.

use super::app::App;
use super::dialogs::{Overlay, field_text, text_field};
use crate::domain::ApplicationId;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

/// What the note goes with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoteFor {
    /// Record that the candidate withdrew.
    Withdraw,
    /// Put the application on hold.
    Hold,
}

/// A question with an optional note: Enter does it, Esc does not.
pub struct NoteDialog {
    /// Withdraw or hold.
    pub purpose: NoteFor,
    /// Which application.
    pub app: ApplicationId,
    /// Version seen on the board.
    pub version: i64,
    /// The candidate's name.
    pub name: String,
    /// The optional note.
    pub note: TextArea<'static>,
}

impl NoteDialog {
    /// A dialog for `purpose` on this application.
    pub fn new(purpose: NoteFor, app: ApplicationId, version: i64, name: String) -> Self {
        NoteDialog { purpose, app, version, name, note: text_field("optional note, e.g. why") }
    }

    /// The question the dialog asks.
    pub fn question(&self) -> String {
        match self.purpose {
            NoteFor::Withdraw => format!("Record that {} withdrew?", self.name),
            NoteFor::Hold => format!("Put {} on hold?", self.name),
        }
    }
}

impl App {
    pub(crate) fn open_withdraw(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Overlay::Note(Box::new(NoteDialog::new(NoteFor::Withdraw, app, version, name)));
    }

    pub(crate) fn toggle_hold(&mut self) {
        let Some((id, version, name, status)) = self.selected_or_hint() else { return };
        if status == crate::domain::AppStatus::OnHold {
            let result = self.store.resume(id, Some(version));
            self.after_write(result);
        } else {
            self.overlay = Overlay::Note(Box::new(NoteDialog::new(NoteFor::Hold, id, version, name)));
        }
    }

    /// Keys of the note dialog: typing goes into the note, Enter confirms, Esc cancels.
    pub(crate) fn note_key(&mut self, key: KeyEvent) {
        let Overlay::Note(d) = &mut self.overlay else { return };
        match key.code {
            KeyCode::Esc => {
                let what = if d.purpose == NoteFor::Withdraw { "Not withdrawn" } else { "Not put on hold" };
                self.overlay = Overlay::None;
                self.info(what);
            }
            KeyCode::Enter => {
                let Overlay::Note(d) = std::mem::replace(&mut self.overlay, Overlay::None) else { return };
                let note = field_text(&d.note);
                let note = Some(note.trim()).filter(|n| !n.is_empty());
                let result = match d.purpose {
                    NoteFor::Withdraw => self.store.withdraw(d.app, note, Some(d.version)),
                    NoteFor::Hold => self.store.hold(d.app, note, Some(d.version)),
                };
                self.after_write(result);
            }
            _ => {
                d.note.input(key);
            }
        }
    }
}
