//! Opening the overlays that need the store or the board: reject, withdraw / hold, erase,
//! add, export, the candidate screen, and the outcome and edit forms.

use super::app::App;
use super::effect::{Command, Effect};
use super::overlays::Overlay;
use super::overlays::add::AddForm;
use super::overlays::confirm::{Confirm, Pending};
use super::overlays::detail::Detail;
use super::overlays::edit::EditForm;
use super::overlays::export::ExportForm;
use super::overlays::note::{NoteDialog, NoteFor};
use super::overlays::outcome::OutcomeForm;
use super::overlays::reject::RejectDialog;
use crate::domain::text::inert;
use crate::domain::{AppStatus, ApplicationId};

impl App {
    pub(crate) fn open_reject(&mut self) {
        let Some((app, version, name, _)) = self.batch_target().or_else(|| self.selected_or_hint()) else {
            return;
        };
        self.overlay = Some(Overlay::Reject(Box::new(RejectDialog::new(app, version, name))));
    }

    pub(crate) fn open_withdraw(&mut self) {
        let Some((app, version, name, _)) = self.batch_target().or_else(|| self.selected_or_hint()) else {
            return;
        };
        self.overlay = Some(Overlay::Note(Box::new(NoteDialog::new(NoteFor::Withdraw, app, version, name))));
    }

    /// Resume a held application; put any other on hold (asking for a note).
    pub(crate) fn toggle_hold(&mut self) -> Option<Effect> {
        if let Some((id, version, name, _)) = self.batch_target() {
            self.overlay = Some(Overlay::Note(Box::new(NoteDialog::new(NoteFor::Hold, id, version, name))));
            return None;
        }
        let (id, version, name, status) = self.selected_or_hint()?;
        if status == AppStatus::OnHold {
            return Some(Effect::Write(Command::Resume(id, version)));
        }
        self.overlay = Some(Overlay::Note(Box::new(NoteDialog::new(NoteFor::Hold, id, version, name))));
        None
    }

    /// Ask whether to erase the selected card's person.
    pub(crate) fn open_erase(&mut self) {
        let Some(card) = self.board.selected() else {
            self.error("No candidate selected");
            return;
        };
        let (id, name) = (card.candidate_id, inert(&card.name));
        self.overlay = Some(Overlay::Confirm(Confirm {
            question: format!("Erase all personal data of {name} (#{id})? This cannot be undone."),
            pending: Pending::Erase(id),
        }));
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

    pub(crate) fn open_export(&mut self) {
        let (family, slug) = match self.current_family() {
            Some(f) => (Some(f.id), f.slug.clone()),
            None => (None, "all".to_string()),
        };
        let form = ExportForm::new(family, &slug, self.now);
        self.overlay = Some(Overlay::Export(Box::new(form)));
    }

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

    /// Open the edit form for the candidate of `from` (or the selected card), with the
    /// level of that application.
    pub fn open_edit(&mut self, from: Option<ApplicationId>) {
        let Some(app) = self.target(from) else { return };
        match EditForm::load(&self.store, app) {
            Ok(form) => self.overlay = Some(Overlay::Edit(Box::new(form))),
            Err(e) => self.error(crate::present::store_error_line(&e)),
        }
    }
}
