//! Dashboard data: the statistics of the current role, computed when the screen opens.

use super::action::Action;
use super::app::{App, Screen};
use super::effect::Effect;
use super::overlays::Overlay;
use super::overlays::help::Help;
use super::overview::overview;
use crate::domain::FamilyId;
use crate::domain::stats::{RoleStats, role_stats};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// Weeks of new applications shown in the sparkline.
pub const WEEKS: usize = 26;

/// Statistics of `family` as of `now`.
pub fn load(store: &Store, family: FamilyId, now: DateTime<Utc>) -> Result<Option<RoleStats>, StoreError> {
    let roles = store.role_outlines(Some(family))?;
    let replay = store.replay_until(now, Some(family))?;
    Ok(roles.iter().find(|r| r.id == family).map(|role| role_stats(role, &replay, now, WEEKS)))
}

impl App {
    /// An action on the dashboard: help, export, another role, refresh; others go back
    /// to the board.
    pub(crate) fn dashboard_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Help => {
                self.overlay = Some(Overlay::Help(Help { access: self.access, ..Help::default() }))
            }
            Action::Export => self.open_export(),
            Action::NextRole | Action::PrevRole => {
                self.switch_role(if action == Action::NextRole { 1 } else { -1 });
                self.open_dashboard();
            }
            Action::Refresh => self.open_dashboard(),
            _ => self.screen = Screen::Board,
        }
        None
    }

    pub(crate) fn open_dashboard(&mut self) {
        let Some(family) = self.current_family().map(|f| f.id) else {
            self.error("No role to show; import a page first");
            return;
        };
        match load(&self.store, family, self.now) {
            Ok(stats) => {
                self.dashboard = stats;
                if self.board.is_windowed() {
                    self.board.overdue = self.store.past_limit_count(family, self.now).ok();
                }
                self.overview = overview(&self.store, family).ok();
                self.screen = Screen::Dashboard;
            }
            Err(e) => self.error(format!("Could not compute the dashboard: {e}")),
        }
    }
}
