//! The board's dialogs: reject, withdraw confirmation, add candidate.

use super::action::Action;
use super::app::App;
use super::dialogs::{AddForm, Exported, Overlay, Pending, RejectDialog, field_text};
use crate::domain::text::inert;
use crate::store::{NewCandidate, StoreError, Transition};

impl App {
    pub(crate) fn open_reject(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Overlay::Reject(Box::new(RejectDialog {
            app,
            name,
            version,
            reason: None,
            error: None,
            note: super::dialogs::text_field("optional note"),
            note_focus: false,
        }));
    }

    /// Reject with the dialog's reason.
    pub fn confirm_reject(&mut self) {
        let Overlay::Reject(d) = &mut self.overlay else { return };
        // No reason is preselected: Enter alone must not reject for a reason nobody chose.
        let Some(reason) = d.chosen() else {
            d.error = Some("Pick a reason first: 1-9, or j/k then Enter".into());
            return;
        };
        let Overlay::Reject(d) = std::mem::replace(&mut self.overlay, Overlay::None) else { return };
        let note = field_text(&d.note);
        let note = Some(note.trim()).filter(|n| !n.is_empty());
        let result = self.store.reject(d.app, reason, note, Some(d.version));
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
    pub fn confirm_yes(&mut self) {
        let Overlay::Confirm(c) = std::mem::replace(&mut self.overlay, Overlay::None) else { return };
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

    pub(crate) fn open_add(&mut self) {
        let Some(family) = self.current_family() else {
            self.error("No role to add a candidate to; import a page first");
            return;
        };
        match self.store.levels(family.id) {
            Ok(levels) => {
                let titles = levels.into_iter().map(|l| inert(&l.title)).collect();
                self.overlay = Overlay::Add(Box::new(AddForm::new(titles)));
            }
            Err(e) => self.error(format!("Could not load levels: {e}")),
        }
    }

    /// Save the add form: add the person and apply them to the chosen level. When they
    /// seem to exist already, say so first; Enter again applies the existing person.
    pub fn confirm_add(&mut self) {
        self.save_add(false);
    }

    /// `new_anyway`: add a new person even though one with the same email or name exists.
    pub(crate) fn save_add(&mut self, new_anyway: bool) {
        let Overlay::Add(form) = &mut self.overlay else { return };
        let name = field_text(&form.name).trim().to_string();
        let email = field_text(&form.email).trim().to_string();
        if name.is_empty() {
            form.error = Some("Name is required".into());
            form.focus = 0;
            return;
        }
        if let Err(e) = crate::store::validate_email(&email) {
            form.error = Some(e.to_string());
            form.focus = 1;
            return;
        }
        let email = Some(email).filter(|e| !e.is_empty());
        let existing = form.duplicate_of.filter(|_| !new_anyway);
        if existing.is_none()
            && !new_anyway
            && let Ok(dups) = self.store.find_duplicates(&name, email.as_deref())
            && let Some(d) = dups.first()
        {
            form.error = Some(format!(
                "#{} {} already exists: Enter applies them to this role · Ctrl-n adds a new person · Esc cancels",
                d.id,
                inert(&d.name)
            ));
            form.duplicate_of = Some(d.id);
            return;
        }
        let level_title = form.levels.get(form.level).cloned().unwrap_or_default();
        let optional = |t: &ratatui_textarea::TextArea<'_>| {
            Some(field_text(t).trim().to_string()).filter(|s| !s.is_empty())
        };
        let person = NewCandidate {
            name,
            email,
            phone: optional(&form.phone),
            source: optional(&form.source),
            ..Default::default()
        };
        let result = match existing {
            Some(id) => self.apply_existing(id, &level_title),
            None => self.add_and_apply(&person, &level_title),
        };
        match result {
            Ok(t) => {
                self.overlay = Overlay::None;
                self.after_write(Ok(t));
            }
            Err(e) => {
                if let Overlay::Add(form) = &mut self.overlay {
                    form.error = Some(crate::present::store_error_line(&e));
                }
            }
        }
    }

    /// The level of the role on screen with this title.
    fn level_of_current_role(&self, title: &str) -> Result<crate::domain::LevelId, StoreError> {
        let family =
            self.current_family().map(|f| f.id).ok_or_else(|| StoreError::Invalid("no role".into()))?;
        Ok(self.store.level_by_name(family, title)?.id)
    }

    fn apply_existing(
        &mut self,
        person: crate::domain::CandidateId,
        level: &str,
    ) -> Result<Transition, StoreError> {
        let level = self.level_of_current_role(level)?;
        // On the board the way to another level is the edit form, not the command line.
        let edit = self.keymap.hint(Action::Edit);
        self.store.apply(person, level).map_err(|e| match e {
            StoreError::Conflict(m) => {
                StoreError::Conflict(match m.split_once("; change its level with `") {
                    Some((head, _)) => {
                        format!("{head}; select that card and press {edit} to change its level")
                    }
                    None => m,
                })
            }
            other => other,
        })
    }

    pub(crate) fn add_and_apply(
        &mut self,
        person: &NewCandidate,
        level: &str,
    ) -> Result<Transition, StoreError> {
        let level = self.level_of_current_role(level)?;
        let id = self.store.add_candidate(person)?;
        self.store.apply(id, level)
    }

    pub(crate) fn open_export(&mut self) {
        let (family, slug) = match self.current_family() {
            Some(f) => (Some(f.id), f.slug.clone()),
            None => (None, "all".to_string()),
        };
        let form = super::export_dialog::ExportForm::new(family, &slug, self.now);
        self.overlay = Overlay::Export(Box::new(form));
    }

    /// Write the export chosen in the dialog; errors stay in the dialog.
    pub fn confirm_export(&mut self) {
        let Overlay::Export(form) = &mut self.overlay else { return };
        match form.write(&self.store, self.now) {
            Ok((path, bytes)) => {
                let path = path.display().to_string();
                self.info(format!("Exported {bytes} bytes to {path}"));
                self.overlay = Overlay::Exported(Exported { path, bytes });
            }
            Err(message) => form.error = Some(message),
        }
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
