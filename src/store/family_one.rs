//! One family by id, and the other families sharing a title: what an import reports
//! after each page, read with one narrow query each instead of every stored family
//! (which made importing many pages quadratic in their number).

use super::rows::{self, FAMILY_COLUMNS};
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::{Family, FamilyId};

impl Store {
    /// The family with this id, if there is one.
    pub fn family(&self, id: FamilyId) -> Result<Option<Family>> {
        self.db().query_opt(
            &format!("SELECT {FAMILY_COLUMNS} FROM families WHERE id = ?1"),
            &args![id],
            rows::family,
        )
    }

    /// The slugs of the other families titled exactly `title` (`except` excluded), in
    /// import order.
    pub fn slugs_titled(&self, title: &str, except: FamilyId) -> Result<Vec<String>> {
        self.db().query_rows(
            "SELECT slug FROM families WHERE title = ?1 AND id <> ?2 ORDER BY position, id",
            &args![title, except],
            |r| r.get(0),
        )
    }
}
