//! The candidate screen and the forms opened from it (outcome, edit): loading their
//! data from the store and saving what was typed.

use super::app::App;
use super::dialogs::{Detail, Overlay};
use crate::domain::ApplicationId;
use crate::domain::text::inert;
use crate::present::describe;
use crate::store::StoreError;

impl App {
    pub(crate) fn open_detail(&mut self) {
        let Some((app, _, name, _)) = self.selected_or_hint() else { return };
        self.show_detail(app, name);
    }

    /// Open (or refresh) the candidate screen for `app`.
    pub fn show_detail(&mut self, app: ApplicationId, title: String) {
        match self.detail_lines(app) {
            Ok(lines) => self.overlay = Overlay::Detail(Detail { app, title, lines, scroll: 0 }),
            Err(e) => self.error(format!("Could not load the candidate: {e}")),
        }
    }

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

    fn detail_lines(&self, app: ApplicationId) -> Result<Vec<String>, StoreError> {
        let a = self.store.application(app)?;
        let c = self.store.candidate(a.candidate_id)?;
        let mut lines = vec![
            format!("Email:  {}", inert(c.email.as_deref().unwrap_or("—"))),
            format!("Phone:  {}", inert(c.phone.as_deref().unwrap_or("—"))),
            format!("Source: {}", inert(c.source.as_deref().unwrap_or("—"))),
        ];
        for note in c.notes.lines() {
            lines.push(format!("Notes:  {}", inert(note)));
        }
        lines.push(String::new());
        lines.push("Applications:".into());
        for other in self.store.applications_of(c.id)? {
            let marker = if other.id == app { "▶" } else { " " };
            let reason = other.reject_reason.map(|r| format!(", {}", r.label())).unwrap_or_default();
            lines.push(format!(
                "{marker} {} · {} · {} ({}{reason})",
                inert(&other.family_slug),
                inert(&other.level_title),
                inert(&other.stage_label),
                other.status
            ));
        }
        let interviews = self.store.interviews(app)?;
        if !interviews.is_empty() {
            lines.push(String::new());
            lines.push("Scorecards:".into());
        }
        for i in interviews.iter().rev() {
            lines.push(format!(
                "{} · {} · {} · {} {}",
                i.held_on,
                inert(&i.stage_label),
                inert(&i.interviewer),
                i.recommendation.glyph(),
                i.recommendation.label()
            ));
            // A scorecard keeps the level it was rated against; say so once it differs.
            if let Some(level) = i.level_title.as_deref().filter(|l| *l != a.level_title) {
                lines.push(format!("    rated as {}", inert(level)));
            }
            for s in i.scores.iter() {
                let r = s.rating.map(|r| r.label()).unwrap_or("unrated");
                lines.push(format!("    {r:<10} {}", inert(&s.requirement)));
            }
            for note in i.notes.lines() {
                lines.push(format!("    │ {}", inert(note)));
            }
        }
        lines.push(String::new());
        lines.push("Timeline (newest first):".into());
        let mut events = self.store.candidate_history(c.id)?;
        events.reverse();
        for e in events {
            lines.push(format!(
                "{}  {}  {}",
                e.at.format("%Y-%m-%d %H:%M"),
                inert(&e.actor),
                describe(&self.store, &e)
            ));
        }
        Ok(lines)
    }
}
