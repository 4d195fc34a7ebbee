//! Several pipelines per role, on either backend: a page whose hiring process is split by
//! track keeps every track. The first is the role's pipeline (`Store::stages`, stages and
//! levels with no track); each further one is a `pipeline_tracks` row with its own stages,
//! and the levels the importer matched to it go through its stages, then the role's Offer.
//! A re-import matches tracks and their stages by name (then position), retires what the
//! page dropped (refused while open applications sit there) and matches levels again.

use super::import_rows::{match_rows, write_stage};
use super::pipeline_fields::refuse_if_occupied;
use super::rows::{self, STAGE_COLUMNS};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{FamilyId, LevelId, PipelineTrack, Stage, StageDraft, StageId, StageKind, TrackDraft};

/// Write the page's further tracks inside the import's transaction, after its levels and
/// first pipeline.
pub(super) fn sync_tracks(tx: &dyn Sql, family: FamilyId, tracks: &[TrackDraft]) -> Result<()> {
    let existing: Vec<(i64, String)> = tx.query_rows(
        "SELECT id, name FROM pipeline_tracks WHERE family_id = ?1 AND retired = FALSE ORDER BY position, id",
        &args![family],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let names: Vec<String> = tracks.iter().map(|t| t.name.clone()).collect();
    let (ids, left) = match_rows(&existing, &names);
    for id in left {
        sync_track_stages(tx, family, id, &[])?;
        tx.execute("UPDATE pipeline_tracks SET retired = TRUE WHERE id = ?1", &args![id])?;
    }
    tx.execute("UPDATE levels SET track_id = NULL WHERE family_id = ?1", &args![family])?;
    // Levels by the titles the page gave them (a recruiter's renames aside).
    let levels = super::pipeline_pins::page_rows(tx, "levels", family.0)?;
    for (position, (track, id)) in tracks.iter().zip(ids).enumerate() {
        let id = match id {
            Some(id) => {
                tx.execute(
                    "UPDATE pipeline_tracks SET position = ?2, name = ?3, retired = FALSE WHERE id = ?1",
                    &args![id, position, track.name.as_str()],
                )?;
                id
            }
            None => tx.insert_returning_id(
                "INSERT INTO pipeline_tracks (family_id, position, name) VALUES (?1, ?2, ?3) RETURNING id",
                &args![family, position, track.name.as_str()],
            )?,
        };
        sync_track_stages(tx, family, id, &track.stages)?;
        for (level, _) in
            levels.iter().filter(|(_, t)| track.levels.iter().any(|l| l.eq_ignore_ascii_case(t)))
        {
            tx.execute("UPDATE levels SET track_id = ?2 WHERE id = ?1", &args![*level, id])?;
        }
    }
    Ok(())
}

/// Make `stages` the live stages of track `track`: matched by label, then position; the
/// ones left over retired (refused while open applications sit there).
fn sync_track_stages(tx: &dyn Sql, family: FamilyId, track: i64, stages: &[StageDraft]) -> Result<()> {
    let existing: Vec<(i64, String)> = tx.query_rows(
        "SELECT id, label FROM stages WHERE track_id = ?1 AND retired = FALSE ORDER BY position, id",
        &args![track],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let names: Vec<String> = stages.iter().map(|s| s.label.clone()).collect();
    let (ids, left) = match_rows(&existing, &names);
    for id in left {
        refuse_if_occupied(tx, id)?;
        tx.execute("UPDATE stages SET retired = TRUE, position = -1 - position WHERE id = ?1", &args![id])?;
    }
    for (position, (stage, id)) in stages.iter().zip(ids).enumerate() {
        let id = match id {
            Some(id) => id,
            None => tx.insert_returning_id(
                "INSERT INTO stages (family_id, track_id, position, kind, label, full_text)
                 VALUES (?1, ?2, ?3, ?4, '', '') RETURNING id",
                &args![family, track, position, StageKind::Interview.as_str()],
            )?,
        };
        write_stage(tx, id, position, StageKind::Interview, stage)?;
    }
    Ok(())
}

impl Store {
    /// The role's further pipelines (its page's tracks past the first), in page order.
    pub fn tracks(&self, family: FamilyId) -> Result<Vec<PipelineTrack>> {
        let heads: Vec<(i64, String)> = self.db().query_rows(
            "SELECT id, name FROM pipeline_tracks WHERE family_id = ?1 AND retired = FALSE ORDER BY position, id",
            &args![family],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut out = Vec::new();
        for (id, name) in heads {
            let stages = self.db().query_rows(
                &format!(
                    "SELECT {STAGE_COLUMNS} FROM stages WHERE track_id = ?1 AND retired = FALSE ORDER BY position"
                ),
                &args![id],
                rows::stage,
            )?;
            let levels = self.db().query_rows(
                "SELECT id FROM levels WHERE track_id = ?1 AND retired = FALSE ORDER BY position",
                &args![id],
                |r| Ok(LevelId(r.get(0)?)),
            )?;
            out.push(PipelineTrack { id, family_id: family, name, stages, levels });
        }
        Ok(out)
    }

    /// The pipeline a level's applications go through: its track's stages then the role's
    /// Offer, or the role's pipeline for a level of no track (or of a retired one).
    pub fn level_pipeline(&self, level: LevelId) -> Result<Vec<Stage>> {
        let ids = self.pipeline_ids(level, None)?;
        self.stages_in_order(&ids)
    }

    /// The stages an application at `stage` of `level` steps through: [`Store::step_pipeline`]'s
    /// stages, read in full.
    pub fn pipeline_at(&self, level: LevelId, stage: StageId) -> Result<Vec<Stage>> {
        let ids = self.step_pipeline(level, stage)?;
        self.stages_in_order(&ids)
    }

    /// The ids of the stages an application at `stage` of `level` steps through: the
    /// level's pipeline ([`Store::level_pipeline`]), or, when `stage` is not on it (the
    /// page moved the level to another track since, or a recruiter moved the application
    /// onto another track), the live pipeline `stage` is on; for a retired stage, the
    /// role's pipeline. An error for a stage that does not exist or is another role's (the
    /// store never writes one). Read lightly, for a move: two small queries and no stage
    /// text (a move reads this inside its write transaction; the full stages were a
    /// tenth of a move's time at 1,000,000 candidates), a third only for a stage that is
    /// not live in the role.
    pub fn step_pipeline(&self, level: LevelId, stage: StageId) -> Result<Vec<StageId>> {
        self.pipeline_ids(level, Some(stage))
    }

    /// The one statement of the rules for [`Store::step_pipeline`] (`at` a stage) and
    /// [`Store::level_pipeline`] (`at` none): a track's stages then the role's Offer, or
    /// the role's pipeline.
    fn pipeline_ids(&self, level: LevelId, at: Option<StageId>) -> Result<Vec<StageId>> {
        let (family, track): (i64, Option<i64>) = self
            .db()
            .query_opt(
                "SELECT l.family_id, t.id FROM levels l
                 LEFT JOIN pipeline_tracks t ON t.id = l.track_id AND t.retired = FALSE WHERE l.id = ?1",
                &args![level],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?
            .ok_or_else(|| StoreError::not_found("level", &level.0.to_string(), []))?;
        // Every live stage of the role in position order: (id, is the Offer, track).
        let live: Vec<(StageId, bool, Option<i64>)> = self.db().query_rows(
            "SELECT id, kind = 'offer', track_id FROM stages WHERE family_id = ?1 AND retired = FALSE ORDER BY position",
            &args![family],
            |r| Ok((StageId(r.get(0)?), r.get(1)?, r.get(2)?)),
        )?;
        let on = |track: Option<i64>| -> Vec<StageId> {
            let own = live.iter().filter(|s| s.2 == track);
            let offer = live.iter().filter(|s| track.is_some() && s.1 && s.2.is_none());
            own.chain(offer).map(|s| s.0).collect()
        };
        let pipeline = on(track);
        // The level's own pipeline, asked for or holding the stage; else the one the stage is on.
        let Some(stage) = at.filter(|s| !pipeline.contains(s)) else { return Ok(pipeline) };
        match live.iter().find(|s| s.0 == stage) {
            Some(&(_, _, other)) => Ok(on(other)),
            None => {
                refuse_foreign_stage(self.db(), FamilyId(family), level, stage)?;
                Ok(on(None))
            }
        }
    }

    /// The stages of `ids`, in that order (one query).
    fn stages_in_order(&self, ids: &[StageId]) -> Result<Vec<Stage>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let values: Vec<Value> = ids.iter().map(|id| Value::from(id.0)).collect();
        let marks: Vec<String> = (1..=ids.len()).map(|n| format!("?{n}")).collect();
        let sql = format!("SELECT {STAGE_COLUMNS} FROM stages WHERE id IN ({})", marks.join(", "));
        let mut found = self.db().query_rows(&sql, &values, rows::stage)?;
        ids.iter()
            .map(|id| match found.iter().position(|s| s.id == *id) {
                Some(i) => Ok(found.swap_remove(i)),
                None => Err(StoreError::not_found("stage", &id.to_string(), [])),
            })
            .collect()
    }

    /// Every stage of a role as board columns: the role's pipeline, each further track's
    /// stages (labelled "stage · Track", so a narrow column still shows the stage), the
    /// Offer last.
    pub fn board_stages(&self, family: FamilyId) -> Result<Vec<Stage>> {
        let mut main = self.stages(family)?;
        let offer = main.iter().position(|s| s.kind == StageKind::Offer).map(|i| main.remove(i));
        for t in self.tracks(family)? {
            main.extend(t.stages.into_iter().map(|mut s| {
                s.label = format!("{} · {}", s.label, t.name);
                s
            }));
        }
        main.extend(offer);
        Ok(main)
    }

    /// A live stage of a role by name, for naming where an application goes or is seen: a
    /// stage of the role's pipeline or of a further track, named by its label or as the
    /// board shows it ("stage · Track", for a label more than one pipeline has). An exact
    /// name first, then a unique part of a name of the role's pipeline (as
    /// [`Store::stage_by_name`]), then of a track's.
    pub fn board_stage_by_name(&self, family: FamilyId, key: &str) -> Result<Stage> {
        let main = self.stages(family)?;
        let tracks = self.tracks(family)?;
        let on_tracks: Vec<(String, &Stage)> = tracks
            .iter()
            .flat_map(|t| t.stages.iter().map(move |s| (format!("{} · {}", s.label, t.name), s)))
            .collect();
        let k = key.trim().to_lowercase();
        let exact: Vec<&Stage> = on_tracks
            .iter()
            .filter(|(b, s)| b.to_lowercase() == k || s.label.to_lowercase() == k)
            .map(|p| p.1)
            .collect();
        let found = main
            .iter()
            .find(|s| s.label.to_lowercase() == k)
            .or(match exact[..] {
                [one] => Some(one),
                _ => None,
            })
            .or_else(|| super::lookup::find_by_name(&main, key, |s| &s.label))
            .or_else(|| super::lookup::find_by_name(&on_tracks, key, |p| &p.0).map(|p| p.1));
        found.cloned().ok_or_else(|| {
            let names = main.iter().map(|s| s.label.as_str()).chain(on_tracks.iter().map(|p| p.0.as_str()));
            StoreError::not_found("stage", key, names)
        })
    }
}

/// Refuse a stage that is not live in the role of `level` (of `family`) unless it is a
/// retired stage of that role: one that does not exist, or another role's.
fn refuse_foreign_stage(db: &dyn Sql, family: FamilyId, level: LevelId, stage: StageId) -> Result<()> {
    let owner: Option<i64> =
        db.query_opt("SELECT family_id FROM stages WHERE id = ?1", &args![stage], |r| r.get(0))?;
    match owner {
        None => Err(StoreError::not_found("stage", &stage.to_string(), [])),
        Some(owner) if owner != family.0 => {
            Err(StoreError::Invalid(format!("stage {stage} belongs to another role, not level {level}'s")))
        }
        Some(_) => Ok(()),
    }
}
