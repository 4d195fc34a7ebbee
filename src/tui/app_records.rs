//! The forms opened from a card or the candidate screen (outcome, edit): loading their
//! data from the store and saving what was typed.

use super::app::App;
use super::dialogs::Overlay;
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
        match self.outcome_form(app) {
            Ok(form) => self.overlay = Overlay::Outcome(Box::new(form)),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    fn outcome_form(&self, app: ApplicationId) -> Result<super::forms::outcome::OutcomeForm, StoreError> {
        let a = self.store.application(app)?;
        if a.status.is_closed() {
            return Err(StoreError::Conflict(format!(
                "{} is {}; reopen before recording an interview",
                inert(&a.candidate_name),
                a.status
            )));
        }
        let stages = self
            .store
            .stages(a.family_id)?
            .into_iter()
            .filter(|s| s.kind == crate::domain::StageKind::Interview)
            .map(|s| (s.id, inert(&s.label)))
            .collect();
        let requirements = self.store.requirements_for(app)?.iter().map(|r| inert(r)).collect();
        Ok(super::forms::outcome::OutcomeForm::new(
            app,
            a.version,
            inert(&a.candidate_name),
            "",
            self.now.date_naive(),
            stages,
            a.stage_id,
            requirements,
        ))
    }

    /// Save the outcome form; on failure everything typed stays and the error shows in the form.
    pub fn save_outcome(&mut self) {
        let Overlay::Outcome(form) = &mut self.overlay else { return };
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
                self.overlay = Overlay::None;
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
                if let Overlay::Outcome(form) = &mut self.overlay {
                    form.error = Some(crate::present::not_saved_line(&e));
                }
            }
        }
    }

    /// Open the edit form for the candidate of `from` (or the selected card), with the
    /// level of that application.
    pub fn open_edit(&mut self, from: Option<ApplicationId>) {
        use super::forms::edit::{EditForm, LevelChoice};
        let Some(app) = self.target(from) else { return };
        let loaded = self.store.application(app).and_then(|a| {
            let levels =
                self.store.levels(a.family_id)?.into_iter().map(|l| (l.id, inert(&l.title))).collect();
            Ok((self.store.candidate(a.candidate_id)?, LevelChoice::new(&a, levels)))
        });
        match loaded {
            Ok((c, level)) => self.overlay = Overlay::Edit(Box::new(EditForm::new(&c, Some(level)))),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }

    /// Save the edit form: the level (an application event, undoable), then the person's
    /// details. The form stays open with a message on failure, keeping what was typed.
    pub fn save_edit(&mut self) {
        use super::forms::edit::LEVEL;
        let Overlay::Edit(form) = &mut self.overlay else { return };
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
                    if let Overlay::Edit(form) = &mut self.overlay
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
                        Overlay::Edit(form) => form.focus,
                        _ => 0,
                    };
                    return self.edit_failed(focus, &e);
                }
            }
        }
        self.overlay = Overlay::None;
        self.info(if saved.is_empty() { "Nothing changed".to_string() } else { saved.join("; ") });
        self.refresh_or_report();
    }

    fn edit_failed(&mut self, field: usize, e: &StoreError) {
        if let Overlay::Edit(form) = &mut self.overlay {
            form.fail(field, &crate::present::not_saved_line(e));
        }
    }
}
