//! Bulk actions on the board (issue 17): `Space` marks a card, the column key marks (or
//! unmarks) every card shown in the column; then reject, withdraw, hold or move (`t`)
//! acts on all marked with one confirmation, in one transaction (`Store::bulk_change`),
//! and one undo reverts the whole batch.
//!
//! The dialogs are the single-card ones, opened on the first marked card and titled with
//! how many are marked; a write for a marked card while several are marked
//! ([`App::bulk_command`]) becomes the bulk change.

use super::action::Action;
use super::app::App;
use super::effect::Command;
use crate::domain::{AppStatus, ApplicationId, EventId};
use crate::present::store_error_line;
use crate::store::BulkChange;
use std::collections::HashMap;

impl App {
    /// `Space`: mark or unmark the selected card.
    pub(crate) fn toggle_mark(&mut self) {
        let Some(card) = self.board.selected() else {
            self.error("No candidate selected");
            return;
        };
        let id = card.id;
        if !self.marked.remove(&id) {
            self.marked.insert(id);
        }
        self.board.move_row(1);
        self.say_marked();
    }

    /// Mark every card shown in the selected column, or unmark them when all are marked.
    pub(crate) fn mark_column(&mut self) {
        let ids = match self.column_ids(self.board.col) {
            Ok(ids) => ids,
            Err(e) => return self.error(format!("Could not read the column's candidates: {e}")),
        };
        if !ids.is_empty() && ids.iter().all(|id| self.marked.contains(id)) {
            ids.iter().for_each(|id| {
                self.marked.remove(id);
            });
        } else {
            self.marked.extend(ids);
        }
        self.say_marked();
    }

    /// Forget the marks (Esc, another role).
    pub(crate) fn clear_marks(&mut self) -> bool {
        let had = !self.marked.is_empty();
        self.marked.clear();
        had
    }

    fn say_marked(&mut self) {
        if self.marked.is_empty() {
            self.info("No cards marked");
            return;
        }
        let keys: Vec<String> = [Action::Reject, Action::Withdraw, Action::Hold, Action::MoveTo]
            .iter()
            .map(|a| self.keymap.hint(*a))
            .collect();
        let esc = self.keymap.hint(Action::ClearFilter);
        self.info(format!(
            "{} marked · {} act on all of them · {esc} clears the marks",
            self.marked.len(),
            keys.join(" ")
        ));
    }

    /// With several cards marked: the first marked card (what the dialog is opened on), its
    /// version, and the dialog's name for them ("12 marked candidates").
    pub(crate) fn batch_target(&self) -> Option<(ApplicationId, i64, String, AppStatus)> {
        if self.marked.len() < 2 {
            return None;
        }
        let first = *self.marked.iter().next()?;
        let card = self.board.cards.iter().find(|c| c.id == first);
        let (version, status) = card.map_or((0, AppStatus::Active), |c| (c.version, c.status));
        Some((first, version, format!("{} marked candidates", self.marked.len()), status))
    }

    /// Carry out `command` as a bulk change of every marked card when it is for one of
    /// several marked cards; `false` when it is an ordinary single write.
    pub(crate) fn bulk_command(&mut self, command: &Command) -> bool {
        let (app, change, note) = match command {
            Command::Reject { app, reason, note, .. } => (*app, BulkChange::Reject(*reason), note.clone()),
            Command::Pause { app, hold, note, .. } => {
                (*app, if *hold { BulkChange::Hold } else { BulkChange::Withdraw }, note.clone())
            }
            Command::MoveTo { app, stage, .. } => (*app, BulkChange::Move(*stage), None),
            _ => return false,
        };
        if self.marked.len() < 2 || !self.marked.contains(&app) {
            return false;
        }
        // The versions on screen: a card changed by anyone since stops the whole batch.
        let seen: HashMap<ApplicationId, i64> = self.board.cards.iter().map(|c| (c.id, c.version)).collect();
        let apps: Vec<(ApplicationId, Option<i64>)> =
            self.marked.iter().map(|id| (*id, seen.get(id).copied())).collect();
        match self.store.bulk_change(&apps, &change, note.as_deref()) {
            Ok(batch) => {
                let n = batch.events.len();
                self.record_batch(&batch.events);
                self.marked.clear();
                let undo = self.keymap.hint(Action::Undo);
                let what = match change {
                    BulkChange::Move(_) => "Moved",
                    BulkChange::Reject(_) => "Rejected",
                    BulkChange::Withdraw => "Withdrew",
                    BulkChange::Hold => "Put on hold",
                };
                self.info(format!("{what} {n} candidates in one step · {undo} undoes all {n}"));
                self.refresh_or_report();
            }
            Err(e) => {
                self.error(store_error_line(&e));
                self.refresh_or_report();
            }
        }
        true
    }

    /// Put a batch's events on the undo stack as one step.
    fn record_batch(&mut self, events: &[EventId]) {
        let read: Result<Vec<_>, _> = events.iter().map(|id| self.store.event(*id)).collect();
        if let Ok(events) = read {
            self.undo.record_step(&events);
        }
    }

    /// Undo or redo a whole batch at once.
    pub(crate) fn revert_batch(&mut self, events: &[EventId], undo: bool) {
        match self.store.revert_batch(events) {
            Ok(batch) => {
                self.record_batch(&batch.events);
                let n = batch.events.len();
                self.info(format!(
                    "{} {n} changes made in one step",
                    if undo { "Undone:" } else { "Redone:" }
                ));
                self.refresh_or_report();
            }
            Err(e) => {
                let again = self.keymap.hint(if undo { Action::Undo } else { Action::Redo });
                self.undo.forget_top(undo);
                self.error(format!(
                    "{}; skipped it, {again} again for the step before",
                    store_error_line(&e)
                ));
                self.refresh_or_report();
            }
        }
    }
}
