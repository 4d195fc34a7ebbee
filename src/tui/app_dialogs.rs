//! Opening the board's dialogs (reject, withdraw / hold, add, export, the candidate
//! screen) and saving the add and export dialogs.

use super::action::Action;
use super::app::App;
use super::overlays::Overlay;
use super::overlays::add::AddForm;
use super::overlays::detail::Detail;
use super::overlays::export::ExportForm;
use super::overlays::exported::Exported;
use super::overlays::note::{NoteDialog, NoteFor};
use super::overlays::reject::RejectDialog;
use crate::domain::text::inert;
use crate::domain::{AppStatus, ApplicationId, CandidateId, LevelId};
use crate::store::{NewCandidate, StoreError, Transition};

impl App {
    pub(crate) fn open_reject(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Some(Overlay::Reject(Box::new(RejectDialog::new(app, version, name))));
    }

    pub(crate) fn open_withdraw(&mut self) {
        let Some((app, version, name, _)) = self.selected_or_hint() else { return };
        self.overlay = Some(Overlay::Note(Box::new(NoteDialog::new(NoteFor::Withdraw, app, version, name))));
    }

    /// Resume a held application; put any other on hold (asking for a note).
    pub(crate) fn toggle_hold(&mut self) {
        let Some((id, version, name, status)) = self.selected_or_hint() else { return };
        if status == AppStatus::OnHold {
            let result = self.store.resume(id, Some(version));
            self.after_write(result);
        } else {
            self.overlay = Some(Overlay::Note(Box::new(NoteDialog::new(NoteFor::Hold, id, version, name))));
        }
    }

    pub(crate) fn open_detail(&mut self) {
        let Some((app, _, name, _)) = self.selected_or_hint() else { return };
        self.show_detail(app, name);
    }

    /// Open (or refresh) the candidate screen for `app`.
    pub fn show_detail(&mut self, app: ApplicationId, title: String) {
        match Detail::load(&self.store, app, title) {
            Ok(detail) => self.overlay = Some(Overlay::Detail(detail)),
            Err(e) => self.error(format!("Could not load the candidate: {e}")),
        }
    }

    pub(crate) fn open_add(&mut self) {
        let Some(family) = self.current_family() else {
            self.error("No role to add a candidate to; import a page first");
            return;
        };
        let role = family.title.clone();
        match self.store.levels(family.id) {
            Ok(levels) => {
                let titles = levels.into_iter().map(|l| inert(&l.title)).collect();
                self.overlay = Some(Overlay::Add(Box::new(AddForm::new(role, titles))));
            }
            Err(e) => self.error(format!("Could not load levels: {e}")),
        }
    }

    /// Save the add form: add the person and apply them to the chosen level. When they
    /// seem to exist already, say so first; Enter again applies the existing person.
    /// `new_anyway`: add a new person even though one with the same email or name exists.
    pub(crate) fn save_add(&mut self, new_anyway: bool) {
        let Some(Overlay::Add(form)) = &mut self.overlay else { return };
        let Some(person) = form.person() else { return };
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
            return;
        }
        let level_title = form.level_title();
        let result = match existing {
            Some(id) => self.apply_existing(id, &level_title),
            None => self.add_and_apply(&person, &level_title),
        };
        match result {
            Ok(t) => {
                self.overlay = None;
                self.after_write(Ok(t));
            }
            Err(e) => {
                if let Some(Overlay::Add(form)) = &mut self.overlay {
                    form.error = Some(crate::present::store_error_line(&e));
                }
            }
        }
    }

    /// The level of the role on screen with this title.
    fn level_of_current_role(&self, title: &str) -> Result<LevelId, StoreError> {
        let family =
            self.current_family().map(|f| f.id).ok_or_else(|| StoreError::Invalid("no role".into()))?;
        Ok(self.store.level_by_name(family, title)?.id)
    }

    fn apply_existing(&mut self, person: CandidateId, level: &str) -> Result<Transition, StoreError> {
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
        self.store.add_candidate_and_apply(person, level)
    }

    pub(crate) fn open_export(&mut self) {
        let (family, slug) = match self.current_family() {
            Some(f) => (Some(f.id), f.slug.clone()),
            None => (None, "all".to_string()),
        };
        let form = ExportForm::new(family, &slug, self.now);
        self.overlay = Some(Overlay::Export(Box::new(form)));
    }

    /// Write the export chosen in the dialog; errors stay in the dialog.
    pub(crate) fn confirm_export(&mut self) {
        let Some(Overlay::Export(form)) = &mut self.overlay else { return };
        match form.write(&self.store, self.now) {
            Ok((path, bytes)) => {
                let path = path.display().to_string();
                self.info(format!("Exported {bytes} bytes to {path}"));
                self.overlay = Some(Overlay::Exported(Exported { path, bytes }));
            }
            Err(message) => form.error = Some(message),
        }
    }
}
