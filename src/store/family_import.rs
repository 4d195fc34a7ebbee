//! Importing a job family: create it, or update it in place (found by its page, or
//! chosen with `import --into`), keeping every application: levels and stages are
//! matched by name, then by position; ones that disappear are retired, or the change is
//! refused while they hold open applications. Each import is one transaction.

use super::import_rows::{match_rows, write_stage};
use super::sql::prelude::*;
use super::{ImportOutcome, Result, Store, StoreError};
use crate::domain::{FamilyDraft, FamilyId, ItemKind, LevelDraft, StageDraft, StageKind, TrackDraft};

impl Store {
    /// Create or update the family imported from `source`. Unchanged content (same hash)
    /// writes nothing. A change that would drop a stage or level still holding open
    /// applications is refused, naming them.
    pub fn import_family(
        &mut self,
        source: &str,
        content_hash: &str,
        draft: &FamilyDraft,
    ) -> Result<(FamilyId, ImportOutcome)> {
        self.import_family_tracks(source, content_hash, draft, &[])
    }

    /// [`Store::import_family`] of a page with further tracks (`pipeline_tracks.rs`).
    pub fn import_family_tracks(
        &mut self,
        source: &str,
        content_hash: &str,
        draft: &FamilyDraft,
        tracks: &[TrackDraft],
    ) -> Result<(FamilyId, ImportOutcome)> {
        refuse_empty(draft)?;
        self.write(|tx| {
            let now = self.now_in(tx)?;
            let existing: Option<(i64, String)> = tx.query_opt(
                &format!("SELECT id, content_hash FROM families WHERE source = ?1{}", tx.for_update()),
                &args![source],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            write_family(tx, existing, source, content_hash, (draft, tracks), &now)
        })
    }

    /// Update `family` from a page read from `source` (`import --into`): the family is
    /// imported from that file from now on. One transaction: if the update is refused or
    /// fails, the family keeps its old page as well as its old content.
    pub fn import_family_into(
        &mut self,
        family: FamilyId,
        source: &str,
        content_hash: &str,
        draft: &FamilyDraft,
        tracks: &[TrackDraft],
    ) -> Result<(FamilyId, ImportOutcome)> {
        refuse_empty(draft)?;
        self.write(|tx| {
            let now = self.now_in(tx)?;
            let other: Option<String> = tx.query_opt(
                "SELECT slug FROM families WHERE source = ?1 AND id <> ?2",
                &args![source, family],
                |r| r.get(0),
            )?;
            if let Some(slug) = other {
                // That family would be left without its page.
                return Err(StoreError::Conflict(format!(
                    "this file is already the page of role '{slug}'; import it without --into to update that role"
                )));
            }
            let hash: String = tx
                .query_opt(
                    &format!("SELECT content_hash FROM families WHERE id = ?1{}", tx.for_update()),
                    &args![family],
                    |r| r.get(0),
                )?
                .ok_or_else(|| StoreError::not_found("role", &family.0.to_string(), []))?;
            tx.execute("UPDATE families SET source = ?2 WHERE id = ?1", &args![family, source])?;
            write_family(tx, Some((family.0, hash)), source, content_hash, (draft, tracks), &now)
        })
    }
}

fn refuse_empty(draft: &FamilyDraft) -> Result<()> {
    if draft.levels.is_empty() {
        return Err(StoreError::Invalid("the page has no levels".into()));
    }
    Ok(())
}

/// Write a family's page inside the caller's transaction: update `existing` (id, content
/// hash) unless its content is the same, or create a new family from `source`.
fn write_family(
    tx: &dyn Sql,
    existing: Option<(i64, String)>,
    source: &str,
    content_hash: &str,
    (draft, tracks): (&FamilyDraft, &[TrackDraft]),
    now: &str,
) -> Result<(FamilyId, ImportOutcome)> {
    let pis = serde_json::to_string(&draft.performance_indicators).unwrap_or_else(|_| "[]".into());
    let (id, outcome) = match existing {
        Some((id, hash)) if hash == content_hash => return Ok((FamilyId(id), ImportOutcome::Unchanged)),
        Some((id, _)) => {
            tx.execute(
                "UPDATE families SET title=?2, description=?3, content_hash=?4,
                 performance_indicators=?5, career_ladder=?6, imported_at=?7 WHERE id=?1",
                &args![id, &draft.title, &draft.description, content_hash, pis, &draft.career_ladder, now],
            )?;
            (FamilyId(id), ImportOutcome::Updated)
        }
        None => {
            let slug = unique_slug(tx, &crate::domain::text::slugify(&draft.title))?;
            let position: i64 =
                tx.query_value("SELECT COALESCE(MAX(position), -1) + 1 FROM families", &[])?;
            let id = tx.insert_returning_id(
                "INSERT INTO families (slug, title, description, source, content_hash,
                 performance_indicators, career_ladder, position, imported_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) RETURNING id",
                &args![
                    slug,
                    &draft.title,
                    &draft.description,
                    source,
                    content_hash,
                    pis,
                    &draft.career_ladder,
                    position,
                    now
                ],
            )?;
            (FamilyId(id), ImportOutcome::Created)
        }
    };
    // What the recruiter sees before the page is written, for the handbook notice.
    let before = match outcome {
        ImportOutcome::Updated => Some(super::handbook::role_text(tx, id.0)?),
        _ => None,
    };
    sync_levels(tx, id, &draft.levels)?;
    let mut stages = draft.stages.clone();
    stages.push(StageDraft::offer());
    sync_stages(tx, id, &stages)?;
    super::pipeline_tracks::sync_tracks(tx, id, tracks)?;
    // The recruiter's edits stay over the page (pipeline_pins.rs).
    let conflicts = super::pipeline_pins::reapply(tx, id.0)?;
    if let Some(before) = before {
        super::handbook::record(tx, id.0, now, &before, &conflicts)?;
    }
    Ok((id, outcome))
}

fn unique_slug(tx: &dyn Sql, base: &str) -> Result<String> {
    let mut slug = base.to_string();
    let mut n = 2;
    while tx.query_opt("SELECT 1 FROM families WHERE slug = ?1", &args![&slug], |_| Ok(()))?.is_some() {
        slug = format!("{base}-{n}");
        n += 1;
    }
    Ok(slug)
}

/// The rows a family page lists (levels or stages) and how applications point at them.
struct Listed {
    table: &'static str,
    application_column: &'static str,
    what: &'static str,
}

const LEVELS: Listed = Listed { table: "levels", application_column: "level_id", what: "level" };
const STAGES: Listed = Listed { table: "stages", application_column: "stage_id", what: "stage" };

/// Match the family's current rows to the page's `names` (by name, then position), retire
/// the ones the page no longer lists, or refuse while they hold open applications. The
/// id of each matched row, in page order (`None`: a new row).
fn keep_matching(
    tx: &dyn Sql,
    rows: &Listed,
    family: FamilyId,
    names: &[String],
) -> Result<Vec<Option<i64>>> {
    let Listed { table, application_column, what, .. } = rows;
    // The rows as the page named them (a recruiter's renames and stage order aside).
    let existing = super::pipeline_pins::page_rows(tx, table, family.0)?;
    let (ids, left) = match_rows(&existing, names);
    refuse_if_held(tx, application_column, what, &left)?;
    for id in &left {
        tx.execute(
            &format!("UPDATE {table} SET retired = TRUE, position = -1 - position WHERE id = ?1"),
            &args![*id],
        )?;
    }
    Ok(ids)
}

/// Names of candidates with open applications at the given stage or level column value.
fn open_holders(tx: &dyn Sql, column: &str, ids: &[i64]) -> Result<Vec<String>> {
    let mut names = Vec::new();
    let sql = format!(
        "SELECT c.name FROM applications a JOIN candidates c ON c.id = a.candidate_id
         WHERE a.{column} = ?1 AND a.status IN ('active', 'on_hold') ORDER BY c.name"
    );
    for id in ids {
        names.extend(tx.query_rows(&sql, &args![*id], |r| r.get::<String>(0))?);
    }
    Ok(names)
}

fn refuse_if_held(tx: &dyn Sql, column: &str, what: &str, ids: &[i64]) -> Result<()> {
    let holders = open_holders(tx, column, ids)?;
    if holders.is_empty() {
        return Ok(());
    }
    let labels: Vec<String> = ids
        .iter()
        .filter_map(|id| {
            let table = if column == "stage_id" { "stages" } else { "levels" };
            let col = if column == "stage_id" { "label" } else { "title" };
            tx.query_opt(&format!("SELECT {col} FROM {table} WHERE id = ?1"), &args![*id], |r| r.get(0))
                .ok()
                .flatten()
        })
        .collect();
    Err(StoreError::Conflict(format!(
        "the new page drops {what} {} which still holds open candidates: {}; move or close them first",
        labels.join(", "),
        holders.join(", ")
    )))
}

fn sync_levels(tx: &dyn Sql, family: FamilyId, levels: &[LevelDraft]) -> Result<()> {
    let names: Vec<String> = levels.iter().map(|l| l.title.clone()).collect();
    let ids = keep_matching(tx, &LEVELS, family, &names)?;
    for (pos, (level, id)) in levels.iter().zip(ids).enumerate() {
        let id = match id {
            Some(id) => {
                tx.execute(
                    "UPDATE levels SET position=?2, title=?3, grade=?4, reports_to=?5 WHERE id=?1",
                    &args![id, pos, &level.title, level.grade, level.reports_to.as_deref()],
                )?;
                tx.execute("DELETE FROM level_items WHERE level_id = ?1", &args![id])?;
                id
            }
            None => tx.insert_returning_id(
                "INSERT INTO levels (family_id, position, title, grade, reports_to) VALUES (?1, ?2, ?3, ?4, ?5)
                 RETURNING id",
                &args![family, pos, &level.title, level.grade, level.reports_to.as_deref()],
            )?,
        };
        for (kind, items) in [
            (ItemKind::Responsibility, &level.responsibilities),
            (ItemKind::Requirement, &level.requirements),
        ] {
            for (i, text) in items.iter().enumerate() {
                tx.execute(
                    "INSERT INTO level_items (level_id, kind, position, text) VALUES (?1, ?2, ?3, ?4)",
                    &args![id, kind.as_str(), i, text],
                )?;
            }
        }
    }
    Ok(())
}

fn sync_stages(tx: &dyn Sql, family: FamilyId, stages: &[StageDraft]) -> Result<()> {
    let names: Vec<String> = stages.iter().map(|s| s.label.clone()).collect();
    let ids = keep_matching(tx, &STAGES, family, &names)?;
    let last = stages.len().saturating_sub(1);
    for (pos, (stage, id)) in stages.iter().zip(ids).enumerate() {
        let kind = if pos == last { StageKind::Offer } else { StageKind::Interview };
        let id = match id {
            Some(id) => id,
            None => tx.insert_returning_id(
                "INSERT INTO stages (family_id, position, kind, label, full_text) VALUES (?1, ?2, ?3, '', '')
                 RETURNING id",
                &args![family, pos, kind.as_str()],
            )?,
        };
        write_stage(tx, id, pos, kind, stage)?;
    }
    Ok(())
}
