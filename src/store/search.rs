//! Looking people up by what was typed, ignoring case and accents: `jovanovic` finds
//! "Jovanović" in every command that takes a name or email.

use super::{Result, Store};
use crate::domain::CandidateId;
use crate::domain::text::{fold, normalise_name};

impl Store {
    /// People (not erased) whose name or email equals `key` once both are folded, oldest
    /// first, at most `limit`.
    pub(crate) fn folded_equal(&self, key: &str, limit: usize) -> Result<Vec<CandidateId>> {
        let key = fold(&normalise_name(key));
        self.folded_scan(limit, true, |name, email| fold(&normalise_name(name)) == key || email == Some(&key))
    }

    /// People whose folded name or email contains `fragment`, newest first, at most `limit`.
    pub(crate) fn folded_containing(&self, fragment: &str, limit: usize) -> Result<Vec<CandidateId>> {
        let fragment = fold(fragment.trim());
        self.folded_scan(limit, false, |name, email| {
            fold(name).contains(&fragment) || email.is_some_and(|e| e.contains(&fragment))
        })
    }

    fn folded_scan(
        &self,
        limit: usize,
        oldest_first: bool,
        hit: impl Fn(&str, Option<&String>) -> bool,
    ) -> Result<Vec<CandidateId>> {
        let sql = if oldest_first {
            "SELECT id, name, email FROM candidates WHERE erased = FALSE ORDER BY id"
        } else {
            "SELECT id, name, email FROM candidates ORDER BY id DESC"
        };
        let mut out = Vec::new();
        if limit == 0 {
            return Ok(out);
        }
        self.db().each_row(sql, &[], &mut |r| {
            let name: String = r.get(1)?;
            let email = r.get::<Option<String>>(2)?.map(|e| fold(&e));
            if hit(&name, email.as_ref()) {
                out.push(CandidateId(r.get(0)?));
            }
            Ok(out.len() < limit)
        })?;
        Ok(out)
    }
}
