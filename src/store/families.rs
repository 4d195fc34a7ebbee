//! Job families, levels and stages: the stored rows and the queries that read them.
//! Importing (create / update in place) is in `family_import.rs`.

use super::lookup::find_by_name;
use super::{Result, Store, StoreError};
use crate::domain::{FamilyId, ItemKind, LevelId, StageId, StageKind};
use rusqlite::{OptionalExtension, params};
use serde::Serialize;

/// A stored job family.
#[derive(Debug, Clone, Serialize)]
pub struct Family {
    /// Row id.
    pub id: FamilyId,
    /// Short unique name used on the command line.
    pub slug: String,
    /// Page title.
    pub title: String,
    /// Plain-text description.
    pub description: String,
    /// Where it was imported from.
    pub source: String,
    /// Performance indicators.
    pub performance_indicators: Vec<String>,
    /// Career ladder text.
    pub career_ladder: String,
}

/// A stored level.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// Row id.
    pub id: LevelId,
    /// Owning family.
    pub family_id: FamilyId,
    /// Order on the page.
    pub position: i64,
    /// Title.
    pub title: String,
    /// Job grade.
    pub grade: Option<u32>,
    /// Reports to.
    pub reports_to: Option<String>,
}

/// A stored hiring stage.
#[derive(Debug, Clone, Serialize)]
pub struct Stage {
    /// Row id.
    pub id: StageId,
    /// Owning family.
    pub family_id: FamilyId,
    /// Order in the pipeline.
    pub position: i64,
    /// Interview or Offer.
    pub kind: StageKind,
    /// Column label.
    pub label: String,
    /// Full text of the step.
    pub full_text: String,
    /// Interviewers named.
    pub interviewers: Vec<String>,
    /// Alternatives ("VP Finance or CFO").
    pub alternatives: Vec<String>,
    /// Fewest interviews.
    pub min_interviews: u32,
    /// Most interviews.
    pub max_interviews: u32,
}

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
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, slug, title, description, source, performance_indicators, career_ladder
             FROM families ORDER BY position, id",
        )?;
        let rows = stmt.query_map([], |r| {
            let pis: String = r.get(5)?;
            Ok(Family {
                id: FamilyId(r.get(0)?),
                slug: super::lossy::text(r, 1)?,
                title: super::lossy::text(r, 2)?,
                description: super::lossy::text(r, 3)?,
                source: r.get(4)?,
                performance_indicators: serde_json::from_str(&pis).unwrap_or_default(),
                career_ladder: super::lossy::text(r, 6)?,
            })
        })?;
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, family_id, position, title, grade, reports_to FROM levels
             WHERE family_id = ?1 AND retired = 0 ORDER BY position",
        )?;
        let rows = stmt.query_map([family.0], level_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One level by id (retired ones included, for history).
    pub fn level(&self, id: LevelId) -> Result<Level> {
        self.conn
            .query_row(
                "SELECT id, family_id, position, title, grade, reports_to FROM levels WHERE id = ?1",
                [id.0],
                level_from_row,
            )
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
        let mut stmt = self.conn.prepare_cached(
            "SELECT text FROM level_items WHERE level_id = ?1 AND kind = ?2 ORDER BY position",
        )?;
        let rows = stmt.query_map(params![level.0, kind.as_str()], |r| super::lossy::text(r, 0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The current (not retired) stages of a family, Offer last.
    pub fn stages(&self, family: FamilyId) -> Result<Vec<Stage>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, family_id, position, kind, label, full_text, interviewers, alternatives,
                    min_interviews, max_interviews
             FROM stages WHERE family_id = ?1 AND retired = 0 ORDER BY position",
        )?;
        let rows = stmt.query_map([family.0], stage_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One stage by id (retired ones included, for history).
    pub fn stage(&self, id: StageId) -> Result<Stage> {
        self.conn
            .query_row(
                "SELECT id, family_id, position, kind, label, full_text, interviewers, alternatives,
                        min_interviews, max_interviews FROM stages WHERE id = ?1",
                [id.0],
                stage_from_row,
            )
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

fn level_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Level> {
    Ok(Level {
        id: LevelId(r.get(0)?),
        family_id: FamilyId(r.get(1)?),
        position: r.get(2)?,
        title: super::lossy::text(r, 3)?,
        grade: r.get(4)?,
        reports_to: super::lossy::opt_text(r, 5)?,
    })
}

fn stage_from_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Stage> {
    let kind: String = r.get(3)?;
    let interviewers: String = r.get(6)?;
    let alternatives: String = r.get(7)?;
    Ok(Stage {
        id: StageId(r.get(0)?),
        family_id: FamilyId(r.get(1)?),
        position: r.get(2)?,
        kind: StageKind::parse(&kind).unwrap_or(StageKind::Interview),
        label: super::lossy::text(r, 4)?,
        full_text: super::lossy::text(r, 5)?,
        interviewers: serde_json::from_str(&interviewers).unwrap_or_default(),
        alternatives: serde_json::from_str(&alternatives).unwrap_or_default(),
        min_interviews: r.get(8)?,
        max_interviews: r.get(9)?,
    })
}
