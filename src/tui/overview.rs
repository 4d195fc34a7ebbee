//! The dashboard's overview: hiring outcomes of the role and of every role, and the open
//! and overdue applications of every role (kept apart from `dashboard.rs`, which names `App`,
//! so that `App` can hold an overview without a loop).

use crate::domain::FamilyId;
use crate::store::{Store, StoreError};

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
