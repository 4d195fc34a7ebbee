//! Going anywhere (issue 17): search everyone (`Ctrl-f`) and jump to the card in its
//! role; move a card (or the marked ones) to any stage with the stage picker (`t`),
//! asking first when that passes a stage whose interview minimum is not met (as `L`).

use super::app::App;
use super::effect::{Command, Effect};
use super::overlays::Overlay;
use super::overlays::confirm::{Confirm, Pending};
use super::overlays::picker::{Picker, PickerKind};
use super::overlays::search_all::SearchAll;
use crate::domain::department;
use crate::domain::text::inert;
use crate::domain::{ApplicationId, FamilyId, rules};
use std::rc::Rc;

impl App {
    /// `Ctrl-f`: the search box over everyone. It opens at once; the index comes from
    /// [`App::find_search_index`].
    pub(crate) fn open_search_all(&mut self) {
        self.take_search_index();
        self.overlay = Some(Overlay::SearchAll(Box::new(SearchAll::new(None))));
        self.find_search_index();
    }

    /// What the search index is kept for: the database's version and this app's own
    /// writes since (which do not move SQLite's `data_version` on this connection).
    fn search_key(&self) -> (i64, u64) {
        (self.store.data_version().unwrap_or(-1), self.search_epoch)
    }

    /// Give the waiting search box the index of the data as it is: the one kept, or one
    /// read at once (at most `search_at_once` people, or no second connection), or on a
    /// thread with a connection of its own while typing goes on (seconds at a million).
    /// One read at a time: while one runs, its result comes first, and a stale one asks
    /// again.
    fn find_search_index(&mut self) {
        let key = self.search_key();
        if let Some((k, index)) = &self.search_index
            && *k == key
        {
            let index = Rc::clone(index);
            return self.give_search_index(index);
        }
        if self.search_reading.is_some() {
            return;
        }
        let small = matches!(self.store.people_upper_bound(), Ok(n) if n <= self.search_at_once as i64);
        if let Some(second) = self.store.reopener().filter(|_| !small) {
            let (tx, rx) = std::sync::mpsc::channel();
            let spawned = std::thread::Builder::new().name("search-index".into()).spawn(move || {
                let read = second.open().and_then(|store| store.people_index());
                let _ = tx.send(read.map_err(|e| e.to_string()));
            });
            if spawned.is_ok() {
                self.search_reading = Some((key, rx));
                return;
            }
        }
        match self.store.people_index() {
            Ok(index) => {
                let index = Rc::new(index);
                self.search_index = Some((key, Rc::clone(&index)));
                self.give_search_index(index);
            }
            Err(e) => self.search_failed(&e.to_string()),
        }
    }

    fn give_search_index(&mut self, index: Rc<crate::store::PeopleIndex>) {
        if let Some(Overlay::SearchAll(search)) = &mut self.overlay
            && !search.is_indexed()
        {
            search.indexed(index);
        }
    }

    /// Whether the search box is open and waiting for its index.
    fn search_box_waiting(&self) -> bool {
        matches!(&self.overlay, Some(Overlay::SearchAll(s)) if !s.is_indexed())
    }

    fn search_failed(&mut self, e: &str) {
        if self.search_box_waiting() {
            self.overlay = None;
        }
        self.error(format!("Could not search: {e}"));
    }

    /// Between keys: take the search index its thread read, if it has; the search box
    /// waiting gets it, or another read when the data changed meanwhile.
    pub(crate) fn take_search_index(&mut self) {
        let Some((key, rx)) = &self.search_reading else { return };
        let read = match rx.try_recv() {
            Ok(read) => read,
            Err(std::sync::mpsc::TryRecvError::Empty) => return,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Err("the reading thread stopped".into()),
        };
        let key = *key;
        self.search_reading = None;
        match read {
            Ok(index) => {
                self.search_index = Some((key, Rc::new(index)));
                if self.search_box_waiting() {
                    self.find_search_index();
                }
            }
            Err(e) => self.search_failed(&e),
        }
    }

    /// Whether a thread is reading everyone for the search box.
    pub fn search_waiting(&self) -> bool {
        self.search_reading.is_some()
    }

    /// Enter in the search: show the card's role (closed cards too, when it is closed)
    /// with the card selected.
    pub(crate) fn jump_to(&mut self, family: FamilyId, app: ApplicationId, closed: bool) {
        self.overlay = None;
        let Some(index) = self.families.iter().position(|f| f.id == family) else {
            return self.error("That role is no longer there");
        };
        if closed && !self.show_closed {
            self.show_closed = true;
        }
        if !self.filter.is_empty() {
            self.filter.clear();
        }
        if index != self.family {
            self.select_role(index);
        } else {
            self.refresh_or_report();
        }
        if closed && let Err(e) = self.page_in_to(app) {
            return self.error(format!("Could not load the closed candidates: {e}"));
        }
        if self.board.select(app) {
            self.scroll();
            let name = self.board.selected().map(|c| inert(&c.name)).unwrap_or_default();
            let role = self.current_family().map(|f| inert(&f.title)).unwrap_or_default();
            self.info(format!("{name} · {role}"));
        } else {
            self.error("That card is not on the board");
        }
    }

    /// `R`: the role picker, each role with its department (from the page's path), level
    /// and open counts; roles of the same title also name their page.
    pub(crate) fn open_role_picker(&mut self) {
        let counts = self.store.role_counts().unwrap_or_default();
        let entries = self
            .families
            .iter()
            .map(|f| {
                let (levels, open) = counts.get(&f.id).copied().unwrap_or_default();
                let same = self.families.iter().filter(|g| g.title == f.title).count() > 1;
                let page =
                    if same { format!(" ({})", department::page_name(&f.source)) } else { String::new() };
                let dept = department::department(&f.source);
                let dept = if dept.is_empty() { String::new() } else { format!(" · {dept}") };
                format!("{}{page}{dept} · {levels} levels · {open} open  [{}]", f.title, f.slug)
            })
            .collect();
        let mut picker = Picker::new(PickerKind::Roles, entries, "type to filter roles");
        picker.selected = self.family.min(picker.matches.len().saturating_sub(1));
        self.overlay = Some(Overlay::RolePicker(picker));
    }

    /// `t`: pick the stage to move the selected card (or the marked ones) to.
    pub(crate) fn open_stage_picker(&mut self) {
        if self.batch_target().is_none() && self.selected_or_hint().is_none() {
            return;
        }
        let current = self.board.selected().map(|c| c.stage_id);
        let entries: Vec<String> = self
            .board
            .stages
            .iter()
            .map(|s| if Some(s.id) == current { format!("{} (here)", s.label) } else { s.label.clone() })
            .collect();
        let mut picker = Picker::new(PickerKind::Stages, entries, "type to filter stages");
        picker.selected = self.board.col.min(picker.matches.len().saturating_sub(1));
        self.overlay = Some(Overlay::RolePicker(picker));
    }

    /// The stage picker's Enter: move there (asking first for the marked ones, or when a
    /// stage passed over has fewer interviews than its minimum).
    pub(crate) fn move_to_stage(&mut self, index: usize) -> Option<Effect> {
        self.overlay = None;
        let stage = self.board.stages.get(index)?.clone();
        let label = inert(&stage.label);
        if let Some((first, version, name, _)) = self.batch_target() {
            let question = format!("Move the {name} to {label}?");
            let pending = Pending::MoveTo(first, stage.id, version);
            self.overlay = Some(Overlay::Confirm(Confirm { question, pending }));
            return None;
        }
        let (id, version, name, _) = self.selected_or_hint()?;
        let here = self.board.selected().map(|c| c.stage_id);
        if here == Some(stage.id) {
            self.info(format!("{name} is already at {label}"));
            return None;
        }
        if let Some(question) = self.passes_short_stage(id, index, &name) {
            let pending = Pending::MoveTo(id, stage.id, version);
            self.overlay = Some(Overlay::Confirm(Confirm { question, pending }));
            return None;
        }
        Some(Effect::Write(Command::MoveTo { app: id, stage: stage.id, version }))
    }

    /// Moving forward to the stage at `target`: the question when a stage left or passed
    /// over (the current one up to the one before `target`) has fewer interviews than its
    /// minimum, as `L` asks.
    fn passes_short_stage(&self, app: ApplicationId, target: usize, name: &str) -> Option<String> {
        let card = self.board.selected()?;
        let from = self.board.stages.iter().position(|s| s.id == card.stage_id)?;
        if target <= from {
            return None;
        }
        let held = self.store.interviews(app).unwrap_or_default();
        self.board.stages[from..target].iter().find_map(|s| {
            let n = held.iter().filter(|i| i.stage_id == s.id).count() as u32;
            rules::interview_shortfall(s.min_interviews, s.max_interviews, n).map(|expected| {
                format!(
                    "{} expects {expected} interviews; {name} has {n} there. Move to {} anyway?",
                    inert(&s.label),
                    inert(&self.board.stages[target].label)
                )
            })
        })
    }
}
