//! Job families, levels and stages: the queries that read them (rows become
//! `domain::role` types in `rows`).
//! Importing (create / update in place) is in `family_import.rs`.

use super::lookup::find_by_name;
use super::rows::{self, FAMILY_COLUMNS, LEVEL_COLUMNS, STAGE_COLUMNS};
use super::{Result, Store, StoreError};
use crate::domain::{Family, FamilyId, ItemKind, Level, LevelId, Stage, StageId};
use rusqlite::{OptionalExtension, params};
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
        let mut stmt = self
            .sqlite()?
            .prepare_cached(&format!("SELECT {FAMILY_COLUMNS} FROM families ORDER BY position, id"))?;
        let rows = stmt.query_map([], rows::family)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Other families with this title (`except` excluded), by slug.
    pub fn families_titled(&self, title: &str, except: FamilyId) -> Result<Vec<String>> {
        Ok(self
            .families()?
            .into_iter()
            .filter(|f| f.title == title && f.id != except)
            .map(|f| f.slug)
            .collect())
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
        let mut stmt = self.sqlite()?.prepare_cached(&format!(
            "SELECT {LEVEL_COLUMNS} FROM levels WHERE family_id = ?1 AND retired = 0 ORDER BY position"
        ))?;
        let rows = stmt.query_map([family.0], rows::level)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One level by id (retired ones included, for history).
    pub fn level(&self, id: LevelId) -> Result<Level> {
        self.sqlite()?
            .query_row(&format!("SELECT {LEVEL_COLUMNS} FROM levels WHERE id = ?1"), [id.0], rows::level)
            .optional()?
            .ok_or_else(|| StoreError::not_found("level", &id.to_string(), []))
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
        let mut stmt = self.sqlite()?.prepare_cached(
            "SELECT text FROM level_items WHERE level_id = ?1 AND kind = ?2 ORDER BY position",
        )?;
        let rows = stmt.query_map(params![level.0, kind.as_str()], |r| super::lossy::text(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current (not retired) stages of a family, Offer last.
    pub fn stages(&self, family: FamilyId) -> Result<Vec<Stage>> {
        let mut stmt = self.sqlite()?.prepare_cached(&format!(
            "SELECT {STAGE_COLUMNS} FROM stages WHERE family_id = ?1 AND retired = 0 ORDER BY position"
        ))?;
        let rows = stmt.query_map([family.0], rows::stage)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One stage by id (retired ones included, for history).
    pub fn stage(&self, id: StageId) -> Result<Stage> {
        self.sqlite()?
            .query_row(&format!("SELECT {STAGE_COLUMNS} FROM stages WHERE id = ?1"), [id.0], rows::stage)
            .optional()?
            .ok_or_else(|| StoreError::not_found("stage", &id.to_string(), []))
    }

    /// A stage of a family by label (case-insensitive, unique fragment allowed).
    pub fn stage_by_name(&self, family: FamilyId, key: &str) -> Result<Stage> {
        let all = self.stages(family)?;
        find_by_name(&all, key, |s| &s.label)
            .cloned()
            .ok_or_else(|| StoreError::not_found("stage", key, all.iter().map(|s| s.label.as_str())))
    }
}
