//! What the role picker shows of each role (issue 17): how many levels it has and how
//! many applications are open, for every role in one pass.

use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::FamilyId;
use std::collections::HashMap;

impl Store {
    /// Per role: (levels, open applications). Roles with neither are absent.
    pub fn role_counts(&self) -> Result<HashMap<FamilyId, (i64, i64)>> {
        let mut counts: HashMap<FamilyId, (i64, i64)> = HashMap::new();
        let levels = self.db().query_rows(
            "SELECT family_id, COUNT(*) FROM levels WHERE retired = FALSE GROUP BY family_id",
            &[],
            |r| Ok((FamilyId(r.get(0)?), r.get::<i64>(1)?)),
        )?;
        for (f, n) in levels {
            counts.entry(f).or_default().0 = n;
        }
        let open = self.db().query_rows(
            "SELECT family_id, COUNT(*) FROM applications WHERE status IN ('active', 'on_hold') GROUP BY family_id",
            &[],
            |r| Ok((FamilyId(r.get(0)?), r.get::<i64>(1)?)),
        )?;
        for (f, n) in open {
            counts.entry(f).or_default().1 = n;
        }
        Ok(counts)
    }
}
