//! Carrying out store writes (`effect::Command`) and reporting each result: on the status
//! line, in the undo stacks, and in the form that asked when it stays open on failure.

use super::action::Action;
use super::app::App;
use super::effect::Command;
use super::overlays::Overlay;
use super::overlays::edit::LEVEL;
use crate::domain::text::inert;
use crate::domain::{ApplicationId, CandidateId, EventId, LevelId};
use crate::present::{describe, not_saved_line, store_error_line};
use crate::store::{CandidateUpdate, NewInterview, StoreError, Transition};

impl App {
    /// Carry out one store write and report how it went.
    pub(crate) fn write(&mut self, command: Command) {
        if self.bulk_command(&command) {
            return;
        }
        let result = match command {
            Command::MoveTo { app, stage, version } => self.store.move_to(app, stage, Some(version)),
            Command::Step { app, forward, version } => self.store.step(app, forward, Some(version)),
            Command::Hire(app, version) => self.store.hire(app, Some(version)),
            Command::Reopen(app, version) => self.store.reopen(app, Some(version)),
            Command::Resume(app, version) => self.store.resume(app, Some(version)),
            Command::Pause { app, hold: true, note, version } => {
                self.store.hold(app, note.as_deref(), Some(version))
            }
            Command::Pause { app, hold: false, note, version } => {
                self.store.withdraw(app, note.as_deref(), Some(version))
            }
            Command::Reject { app, reason, note, version } => {
                let result = self.store.reject(app, reason, note.as_deref(), Some(version));
                return self.rejected(result);
            }
            Command::Erase(id) => return self.erase(id),
            Command::Revert { event, undo } => return self.revert(event, undo),
            Command::AddCandidate(person, level) => {
                let result = self.store.add_candidate_and_apply(&person, level);
                return self.added(result);
            }
            Command::ApplyExisting(person, level) => return self.apply_existing(person, level),
            Command::RecordInterview { app, version, name, interview, schedule } => {
                return self.record_interview(app, version, &name, &interview, schedule);
            }
            Command::Edit { candidate, details, level } => return self.save_edit(candidate, details, level),
            Command::Pipeline(family, op) => return self.pipeline_write(family, op),
            Command::AddNote { app, name, text } => return self.add_note(app, &name, &text),
        };
        self.after_write(result);
    }

    /// Report the outcome of a store write and reload.
    pub(crate) fn after_write(&mut self, result: Result<Transition, StoreError>) {
        match result {
            Ok(t) => {
                self.recount_after(t.application.id, t.application.stage_id);
                if let Ok(e) = self.store.event(t.event_id) {
                    self.undo.record(&e);
                    let line = describe(&self.store, &e);
                    self.info(line);
                }
                if let Err(e) = self.reload(Some(t.application.id)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                let conflict = matches!(e, StoreError::Conflict(_));
                self.error(store_error_line(&e));
                if conflict {
                    self.refresh_or_report();
                }
            }
        }
    }

    /// A rejection also says how to see the candidate again.
    fn rejected(&mut self, result: Result<Transition, StoreError>) {
        let ok = result.is_ok();
        self.after_write(result);
        if ok {
            let z = self.keymap.hint(Action::ToggleClosed);
            let text = format!("{} · {z} shows closed candidates", self.status.text);
            self.info(text);
        }
    }

    /// Erase a person (confirmed) and show the board without their data.
    fn erase(&mut self, id: CandidateId) {
        match self.store.erase_candidate(id) {
            Ok(done) => {
                if let Some(why) = &done.compact_error {
                    self.error(format!(
                        "Erased #{id} (saved), but the files could not be rewritten ({why}): free space, then run `rolecall doctor --checkpoint`"
                    ));
                } else if done.again {
                    self.info(format!("#{id} was already erased; scrubbed again"));
                } else if done.purged || done.on_server {
                    self.info(format!("Erased #{id}'s personal data; their anonymous history stays"));
                } else {
                    self.info(format!(
                        "Erased #{id}'s data; another rolecall is reading, so run `rolecall doctor --checkpoint` later"
                    ));
                }
                if let Err(e) = self.reload(None) {
                    self.error(format!("Erased, but could not reload: {e}"));
                }
            }
            Err(e) => self.error(store_error_line(&e)),
        }
    }

    /// Undo or redo by reverting `event` (with the rest of its batch, if it has one).
    fn revert(&mut self, event: EventId, undo: bool) {
        match self.store.batch_of(event) {
            Ok(events) if events.len() > 1 => return self.revert_batch(&events, undo),
            Ok(_) => {}
            Err(e) => return self.error(store_error_line(&e)),
        }
        let result = self.store.revert(event, None);
        if let Ok(t) = &result {
            if let Ok(e) = self.store.event(t.event_id) {
                self.undo.record(&e);
                // "Undone: Ana Ruiz Screening → VP IT panel": the step itself, not the
                // reversing event (describe follows the chain of undos and redos).
                let line = describe(&self.store, &e);
                let mut chars = line.chars();
                let line = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or(line);
                self.info(line);
            }
            let id = t.application.id;
            if let Err(e) = self.reload(Some(id)) {
                self.error(format!("Could not reload: {e}"));
            }
        } else if let Err(StoreError::Conflict(why)) = &result {
            // A step that can no longer be reverted must not block the ones before it.
            let again = self.keymap.hint(if undo { Action::Undo } else { Action::Redo });
            let message = format!("{why}; skipped it, {again} again for the step before");
            self.undo.forget_top(undo);
            self.error(message);
        } else {
            self.after_write(result);
        }
    }

    fn apply_existing(&mut self, person: CandidateId, level: LevelId) {
        // On the board the way to another level is the edit form, not the command line.
        let edit = self.keymap.hint(Action::Edit);
        let result = self.store.apply(person, level).map_err(|e| match e {
            StoreError::Conflict(m) => {
                StoreError::Conflict(match m.split_once("; change its level with `") {
                    Some((head, _)) => {
                        format!("{head}; select that card and press {edit} to change its level")
                    }
                    None => m,
                })
            }
            other => other,
        });
        self.added(result);
    }

    /// The add form closes once the person is on the board; else it says why.
    fn added(&mut self, result: Result<Transition, StoreError>) {
        match result {
            Ok(t) => {
                self.overlay = None;
                self.after_write(Ok(t));
            }
            Err(e) => {
                if let Some(Overlay::Add(form)) = &mut self.overlay {
                    form.error = Some(store_error_line(&e));
                }
            }
        }
    }

    /// Record the outcome form's interview; on failure everything typed stays and the
    /// error shows in the form.
    fn record_interview(
        &mut self,
        app: ApplicationId,
        version: i64,
        name: &str,
        new: &NewInterview,
        schedule: Option<crate::domain::ScheduleId>,
    ) {
        // The scorecard belongs to the scheduled interview while the form still matches it.
        let schedule = schedule.filter(|id| {
            self.store.schedule(*id).is_ok_and(|s| {
                s.has_interviewer(new.interviewer.trim()) && new.stage.is_none_or(|st| st == s.stage_id)
            })
        });
        match self.store.record_interview_from(app, new, Some(version), schedule) {
            Ok(_) => {
                self.overlay = None;
                let (said, by) = (new.recommendation.label(), inert(&new.interviewer));
                self.info(format!("{name}: {said} recorded by {by}"));
                if let Err(e) = self.reload(Some(app)) {
                    self.error(format!("Saved, but could not reload: {e}"));
                }
            }
            Err(e) => {
                if let Some(Overlay::Outcome(form)) = &mut self.overlay {
                    form.error = Some(not_saved_line(&e));
                }
            }
        }
    }

    /// Save the edit form: the level (an application event, undoable), then the person's
    /// details. The form stays open with a message on failure, keeping what was typed.
    fn save_edit(
        &mut self,
        candidate: CandidateId,
        details: Option<CandidateUpdate>,
        level: Option<(ApplicationId, LevelId, i64)>,
    ) {
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
                Err(e) => return self.edit_failed(Some(LEVEL), &e),
            }
        }
        if let Some(update) = details {
            match self.store.edit_candidate(candidate, &update) {
                Ok(c) => saved.insert(0, format!("Saved {}", inert(&c.name))),
                Err(e) => return self.edit_failed(None, &e),
            }
        }
        self.overlay = None;
        self.info(if saved.is_empty() { "Nothing changed".to_string() } else { saved.join("; ") });
        self.refresh_or_report();
    }

    /// Say in the edit form why saving failed, at `field` (else the focused one).
    fn edit_failed(&mut self, field: Option<usize>, e: &StoreError) {
        if let Some(Overlay::Edit(form)) = &mut self.overlay {
            form.fail(field.unwrap_or(form.focus), &not_saved_line(e));
        }
    }
}
