//! What the app does when an overlay asks (see `overlays::dialog::Request`): the writes a
//! dialog confirms, and opening one screen from another.

use super::action::Action;
use super::app::{App, Effect};
use super::overlays::Overlay;
use super::overlays::confirm::Pending;
use super::overlays::dialog::Request;
use super::overlays::note::NoteFor;

impl App {
    /// Carry out `request` from the open overlay.
    pub(crate) fn request(&mut self, request: Request) -> Effect {
        match request {
            Request::Reject => self.confirm_reject(),
            Request::Confirm => self.confirm_yes(),
            Request::Add { new_anyway } => self.save_add(new_anyway),
            Request::SaveOutcome => self.save_outcome(),
            Request::SaveEdit => self.save_edit(),
            Request::Export => self.confirm_export(),
            Request::Note => self.confirm_note(),
            Request::Copy(text) => {
                self.info("Copied the path to the clipboard");
                self.copy_to_clipboard(text);
                self.overlay = None;
            }
            Request::Run(action) => {
                self.overlay = None;
                return self.update(action);
            }
            Request::SelectRole(index) => {
                self.overlay = None;
                self.select_role(index);
            }
            Request::OpenOutcome(app) => self.open_outcome(Some(app)),
            Request::OpenEdit(app) => self.open_edit(Some(app)),
        }
        Effect::None
    }

    /// Reject with the dialog's reason and note.
    fn confirm_reject(&mut self) {
        let Some(Overlay::Reject(d)) = &self.overlay else { return };
        let Some(reason) = d.chosen() else { return };
        let (app, version, note) = (d.app, d.version, d.note_text());
        self.overlay = None;
        let result = self.store.reject(app, reason, note.as_deref(), Some(version));
        if result.is_ok() {
            let z = self.keymap.hint(Action::ToggleClosed);
            self.after_write(result);
            let text = format!("{} · {z} shows closed candidates", self.status.text);
            self.info(text);
        } else {
            self.after_write(result);
        }
    }

    /// Carry out a confirmed question.
    fn confirm_yes(&mut self) {
        let Some(Overlay::Confirm(c)) = self.overlay.take() else { return };
        match c.pending {
            Pending::Advance(app, version) => {
                let result = self.store.step(app, true, Some(version));
                self.after_write(result);
            }
            Pending::Erase(candidate) => self.erase(candidate),
            Pending::Hire(app, version) => {
                let result = self.store.hire(app, Some(version));
                self.after_write(result);
            }
            Pending::Reopen(app, version) => {
                let result = self.store.reopen(app, Some(version));
                self.after_write(result);
            }
        }
    }

    /// Withdraw or hold, with the note typed.
    fn confirm_note(&mut self) {
        let Some(Overlay::Note(d)) = self.overlay.take() else { return };
        let note = d.note_text();
        let result = match d.purpose {
            NoteFor::Withdraw => self.store.withdraw(d.app, note.as_deref(), Some(d.version)),
            NoteFor::Hold => self.store.hold(d.app, note.as_deref(), Some(d.version)),
        };
        self.after_write(result);
    }

    /// Ask the run loop to put `text` on the terminal's clipboard.
    pub fn copy_to_clipboard(&mut self, text: String) {
        self.clipboard = Some(text);
    }

    /// What to put on the clipboard, once.
    pub fn take_clipboard(&mut self) -> Option<String> {
        self.clipboard.take()
    }
}
