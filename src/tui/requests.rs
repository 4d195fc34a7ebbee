//! What the app does when an overlay asks (see `overlays::dialog::Request`): what needs
//! the store or the board, such as checking for the same person or opening another form.

use super::action::Action;
use super::app::App;
use super::effect::{Command, Effect};
use super::overlays::Overlay;
use super::overlays::dialog::Request;
use crate::domain::LevelId;
use crate::domain::text::inert;
use crate::store::StoreError;

impl App {
    /// Carry out `request` from the open overlay; what it asks of the run loop.
    pub(crate) fn request(&mut self, request: Request) -> Vec<Effect> {
        match request {
            Request::Add { new_anyway } => return self.submit_add(new_anyway).into_iter().collect(),
            Request::Copy(text) => {
                self.info("Copied the path to the clipboard");
                self.overlay = None;
                return vec![Effect::Copy(text)];
            }
            Request::Run(action) => {
                self.overlay = None;
                return self.on_action(action);
            }
            Request::SelectRole(index) => {
                self.overlay = None;
                self.select_role(index);
            }
            // From the candidate screen: what the access role does not allow is refused
            // there too, as on the board (issue 19).
            Request::OpenOutcome(_) if !Action::Outcome.allowed_for(self.access) => self.refuse_for_access(),
            Request::OpenEdit(_) if !Action::Edit.allowed_for(self.access) => self.refuse_for_access(),
            Request::OpenOutcome(app) => self.open_outcome(Some(app)),
            Request::OpenEdit(app) => self.open_edit(Some(app)),
            Request::JumpTo { family, app, closed } => self.jump_to(family, app, closed),
            Request::MoveToStage(index) => return self.move_to_stage(index).into_iter().collect(),
        }
        Vec::new()
    }

    /// The add form's Enter: add the person and apply them to the chosen level. When they
    /// seem to exist already, say so first; Enter again applies the existing person.
    /// `new_anyway`: add a new person even though one with the same email or name exists.
    fn submit_add(&mut self, new_anyway: bool) -> Option<Effect> {
        let Some(Overlay::Add(form)) = &mut self.overlay else { return None };
        let person = form.person()?;
        let existing = form.duplicate_of.filter(|_| !new_anyway);
        if existing.is_none()
            && !new_anyway
            && let Ok(dups) = self.store.find_duplicates(&person.name, person.email.as_deref())
            && let Some(d) = dups.first()
        {
            form.error = Some(format!(
                "#{} {} already exists: Enter applies them to this role · Ctrl-n adds a new person · Esc cancels",
                d.id,
                inert(&d.name)
            ));
            form.duplicate_of = Some(d.id);
            return None;
        }
        let level_title = form.level_title();
        let level = match self.level_of_current_role(&level_title) {
            Ok(level) => level,
            Err(e) => {
                if let Some(Overlay::Add(form)) = &mut self.overlay {
                    form.error = Some(crate::present::store_error_line(&e));
                }
                return None;
            }
        };
        Some(Effect::Write(match existing {
            Some(id) => Command::ApplyExisting(id, level),
            None => Command::AddCandidate(person, level),
        }))
    }

    /// The level of the role on screen with this title.
    fn level_of_current_role(&self, title: &str) -> Result<LevelId, StoreError> {
        let family =
            self.current_family().map(|f| f.id).ok_or_else(|| StoreError::Invalid("no role".into()))?;
        Ok(self.store.level_by_name(family, title)?.id)
    }
}
