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

    /// The bundled role a page from `source` titled `title` is a copy or a newer version
    /// of: none when a role already comes from `source`, else the one bundled role (still
    /// tied to its bundled page) with that title, if exactly one has it. Reads the bundled
    /// roles only (a range of the unique index on `source`).
    pub fn bundled_twin(&self, source: &str, title: &str) -> Result<Option<FamilyId>> {
        let known: Option<i64> =
            self.db().query_opt("SELECT id FROM families WHERE source = ?1", &args![source], |r| r.get(0))?;
        if known.is_some() || source.starts_with(BUNDLED) {
            return Ok(None);
        }
        let twins: Vec<i64> = self.db().query_rows(
            "SELECT id FROM families WHERE source >= ?1 AND source < ?2 AND lower(title) = lower(?3)",
            &args![BUNDLED, BUNDLED_END, title.trim()],
            |r| r.get(0),
        )?;
        Ok(match twins.as_slice() {
            [one] => Some(FamilyId(*one)),
            _ => None,
        })
    }
}

/// How the source of a bundled role starts (`import_bundled`), and the first string past
/// every such source.
const BUNDLED: &str = "bundled:";
const BUNDLED_END: &str = "bundled;";
