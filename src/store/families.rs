//! Job families, levels and stages: the queries that read them (rows become
//! `domain::role` types in `rows`), on either backend; the `*_in` functions read through
//! a transaction as well.
//! Importing (create / update in place) is in `family_import.rs`.

use super::lookup::find_by_name;
use super::rows::{self, FAMILY_COLUMNS, LEVEL_COLUMNS, STAGE_COLUMNS};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{Family, FamilyId, ItemKind, Level, LevelId, Stage, StageId};
use serde::Serialize;

/// What an import did to the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportOutcome {
    /// A new family was created.
    Created,
    /// An existing family's texts were updated in place.
    Updated,
    /// The page is unchanged; nothing was written.
    Unchanged,
}

impl Store {
    /// Every family, in import order.
    pub fn families(&self) -> Result<Vec<Family>> {
        families_in(self.db())
    }

    /// The family with this slug (case-insensitive; a unique title or slug fragment also works).
    pub fn family_by_slug(&self, key: &str) -> Result<Family> {
        let all = self.families()?;
        if let Some(f) = all.iter().find(|f| f.slug.eq_ignore_ascii_case(key.trim())) {
            return Ok(f.clone());
        }
        if let Some(f) =
            find_by_name(&all, key, |f| &f.title).or_else(|| find_by_name(&all, key, |f| &f.slug))
        {
            return Ok(f.clone());
        }
        Err(StoreError::not_found("role", key, all.iter().map(|f| f.slug.as_str())))
    }

    /// The current (not retired) levels of a family, in page order.
    pub fn levels(&self, family: FamilyId) -> Result<Vec<Level>> {
        self.db().query_rows(
            &format!(
                "SELECT {LEVEL_COLUMNS} FROM levels WHERE family_id = ?1 AND retired = FALSE ORDER BY position"
            ),
            &args![family],
            rows::level,
        )
    }

    /// One level by id (retired ones included, for history).
    pub fn level(&self, id: LevelId) -> Result<Level> {
        level_in(self.db(), id)
    }

    /// A level of a family by title (case-insensitive, unique fragment allowed).
    pub fn level_by_name(&self, family: FamilyId, key: &str) -> Result<Level> {
        let all = self.levels(family)?;
        find_by_name(&all, key, |l| &l.title)
            .cloned()
            .ok_or_else(|| StoreError::not_found("level", key, all.iter().map(|l| l.title.as_str())))
    }

    /// Responsibilities or requirements of a level, in page order.
    pub fn level_items(&self, level: LevelId, kind: ItemKind) -> Result<Vec<String>> {
        level_items_in(self.db(), level, kind)
    }

    /// The current (not retired) stages of a family's pipeline (its first track), Offer
    /// last; further tracks' stages are in [`Store::tracks`].
    pub fn stages(&self, family: FamilyId) -> Result<Vec<Stage>> {
        self.db().query_rows(
            &format!(
                "SELECT {STAGE_COLUMNS} FROM stages WHERE family_id = ?1 AND retired = FALSE AND track_id IS NULL \
                 ORDER BY position"
            ),
            &args![family],
            rows::stage,
        )
    }

    /// One stage by id (retired ones included, for history).
    pub fn stage(&self, id: StageId) -> Result<Stage> {
        stage_in(self.db(), id)
    }

    /// A stage of a family by label (case-insensitive, unique fragment allowed).
    pub fn stage_by_name(&self, family: FamilyId, key: &str) -> Result<Stage> {
        let all = self.stages(family)?;
        find_by_name(&all, key, |s| &s.label)
            .cloned()
            .ok_or_else(|| StoreError::not_found("stage", key, all.iter().map(|s| s.label.as_str())))
    }
}

/// Every family, in import order, read through `db` (a connection or a transaction).
pub(crate) fn families_in(db: &dyn Sql) -> Result<Vec<Family>> {
    db.query_rows(&format!("SELECT {FAMILY_COLUMNS} FROM families ORDER BY position, id"), &[], rows::family)
}

/// [`Store::level`] through `db` (a connection or a transaction).
pub(crate) fn level_in(db: &dyn Sql, id: LevelId) -> Result<Level> {
    db.query_opt(&format!("SELECT {LEVEL_COLUMNS} FROM levels WHERE id = ?1"), &args![id], rows::level)?
        .ok_or_else(|| StoreError::not_found("level", &id.to_string(), []))
}

/// [`Store::stage`] through `db` (a connection or a transaction).
pub(crate) fn stage_in(db: &dyn Sql, id: StageId) -> Result<Stage> {
    db.query_opt(&format!("SELECT {STAGE_COLUMNS} FROM stages WHERE id = ?1"), &args![id], rows::stage)?
        .ok_or_else(|| StoreError::not_found("stage", &id.to_string(), []))
}

/// [`Store::level_items`] through `db` (a connection or a transaction).
pub(crate) fn level_items_in(db: &dyn Sql, level: LevelId, kind: ItemKind) -> Result<Vec<String>> {
    db.query_rows(
        "SELECT text FROM level_items WHERE level_id = ?1 AND kind = ?2 ORDER BY position",
        &args![level, kind.as_str()],
        |r| r.get(0),
    )
}
