//! Dashboard data: the statistics of the current role, computed when the screen opens.

use super::action::Action;
use super::app::{App, Screen};
use super::effect::Effect;
use super::overlays::Overlay;
use super::overlays::help::Help;
use crate::domain::FamilyId;
use crate::domain::stats::{RoleStats, role_stats};
use crate::store::{Store, StoreError};
use chrono::{DateTime, Utc};

/// Weeks of new applications shown in the sparkline.
pub const WEEKS: usize = 26;

/// Statistics of `family` as of `now`.
/// Hiring outcomes of the role and of every role, and the open and overdue applications
/// of every role (the dashboard's overview), computed when the dashboard opens.
#[derive(Debug, Clone, Default)]
pub struct Overview {
    /// This role's hires.
    pub role: crate::store::HireStats,
    /// Every role's hires.
    pub all: crate::store::HireStats,
    /// Roles.
    pub roles: usize,
    /// Open applications in every role.
    pub open: i64,
    /// Open applications past their stage's limit in every role.
    pub overdue: usize,
}

/// [`Overview`] of `family` and every role.
pub fn overview(store: &Store, family: FamilyId) -> Result<Overview, StoreError> {
    let counts = store.role_counts()?;
    Ok(Overview {
        role: store.hire_stats(Some(family))?,
        all: store.hire_stats(None)?,
        roles: store.families()?.len(),
        open: counts.values().map(|(_, open)| open).sum(),
        overdue: store.stale(None, None)?.len(),
    })
}

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
            Action::Help => self.overlay = Some(Overlay::Help(Help::default())),
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
                self.overview = overview(&self.store, family).ok();
                self.screen = Screen::Dashboard;
            }
            Err(e) => self.error(format!("Could not compute the dashboard: {e}")),
        }
    }
}
