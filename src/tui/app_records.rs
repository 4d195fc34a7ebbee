//! The forms opened from a card or the candidate screen (outcome, edit): loading their
//! data from the store and saving what was typed.

use super::app::App;
use super::overlays::Overlay;
use super::overlays::edit::{EditForm, LEVEL};
use super::overlays::outcome::OutcomeForm;
use crate::domain::ApplicationId;
use crate::domain::text::inert;
use crate::present::describe;
use crate::store::StoreError;

impl App {
    /// The application a form should act on: the candidate screen's, else the selected card's.
    fn target(&mut self, from: Option<ApplicationId>) -> Option<ApplicationId> {
        from.or_else(|| self.selected_or_hint().map(|(id, ..)| id))
    }

    /// Open the outcome form for `from` (or the selected card).
    pub fn open_outcome(&mut self, from: Option<ApplicationId>) {
        let Some(app) = self.target(from) else { return };
        match OutcomeForm::load(&self.store, app, self.now.date_naive()) {
            Ok(form) => self.overlay = Some(Overlay::Outcome(Box::new(form))),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    /// Save the outcome form; on failure everything typed stays and the error shows in the form.
    pub fn save_outcome(&mut self) {
        let Some(Overlay::Outcome(form)) = &mut self.overlay else { return };
        let new = match form.to_new_interview() {
            Ok(n) => n,
            Err(message) => {
                form.error = Some(message);
                return;
            }
        };
        let (app, version, name) = (form.app, form.version, form.name.clone());
        match self.store.record_interview(app, &new, Some(version)) {
            Ok(_) => {
                self.overlay = None;
                self.info(format!(
                    "{name}: {} recorded by {}",
                    new.recommendation.label(),
                    inert(&new.interviewer)
                ));
                if let Err(e) = self.reload(Some(app)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                if let Some(Overlay::Outcome(form)) = &mut self.overlay {
                    form.error = Some(crate::present::not_saved_line(&e));
                }
            }
        }
    }

    /// Open the edit form for the candidate of `from` (or the selected card), with the
    /// level of that application.
    pub fn open_edit(&mut self, from: Option<ApplicationId>) {
        let Some(app) = self.target(from) else { return };
        match EditForm::load(&self.store, app) {
            Ok(form) => self.overlay = Some(Overlay::Edit(Box::new(form))),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    /// Save the edit form: the level (an application event, undoable), then the person's
    /// details. The form stays open with a message on failure, keeping what was typed.
    pub fn save_edit(&mut self) {
        let Some(Overlay::Edit(form)) = &mut self.overlay else { return };
        let Some(update) = form.validate() else { return };
        let (id, details) = (form.candidate, form.details_dirty());
        let level = form.level.as_ref().and_then(|l| Some((l.app, l.changed()?, l.version)));
        let mut saved = Vec::new();
        if let Some((app, level, version)) = level {
            match self.store.change_level(app, level, Some(version)) {
                Ok(t) => {
                    if let Ok(e) = self.store.event(t.event_id) {
                        self.undo.record(&e);
                        saved.push(describe(&self.store, &e));
                    }
                    if let Some(Overlay::Edit(form)) = &mut self.overlay
                        && let Some(choice) = form.level.as_mut()
                    {
                        (choice.original, choice.version) = (choice.chosen, t.application.version);
                    }
                }
                Err(e) => return self.edit_failed(LEVEL, &e),
            }
        }
        if details {
            match self.store.edit_candidate(id, &update) {
                Ok(c) => saved.insert(0, format!("Saved {}", inert(&c.name))),
                Err(e) => {
                    let focus = match &self.overlay {
                        Some(Overlay::Edit(form)) => form.focus,
                        _ => 0,
                    };
                    return self.edit_failed(focus, &e);
                }
            }
        }
        self.overlay = None;
        self.info(if saved.is_empty() { "Nothing changed".to_string() } else { saved.join("; ") });
        self.refresh_or_report();
    }

    fn edit_failed(&mut self, field: usize, e: &StoreError) {
        if let Some(Overlay::Edit(form)) = &mut self.overlay {
            form.fail(field, &crate::present::not_saved_line(e));
        }
    }
}
