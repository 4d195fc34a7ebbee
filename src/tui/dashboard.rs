//! Dashboard data: the statistics of the current role, computed when the screen opens.

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
