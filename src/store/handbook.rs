//! Handbook changes: what a re-import changed in a role as a recruiter sees it (levels'
//! titles, grades, requirements and responsibilities; the stages in order with their ranges), kept as a
//! notice on the role until someone acknowledges it. Notices and acknowledgements are
//! append-only logs (`handbook_notices`, `handbook_acks`).

use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::FamilyId;
use crate::domain::pipeline::{HandbookNotice, line_diff, range_text};

/// A level as shown: id, title, grade, and its items of each of [`ITEM_KINDS`].
type LevelText = (i64, String, Option<i64>, [Vec<String>; 2]);

/// A role's levels and stages as shown, to compare before and after an import.
#[derive(Debug, PartialEq)]
pub(super) struct RoleText {
    levels: Vec<LevelText>,
    stages: Vec<String>,
}

/// The level items a notice compares, as stored and as named in it.
const ITEM_KINDS: [&str; 2] = ["requirement", "responsibility"];
const ITEM_NAMES: [&str; 2] = ["requirements", "responsibilities"];

/// Read a role's live levels (with requirements) and stages.
pub(super) fn role_text(tx: &dyn Sql, family: i64) -> Result<RoleText> {
    let heads: Vec<(i64, String, Option<i64>)> = tx.query_rows(
        "SELECT id, title, grade FROM levels WHERE family_id = ?1 AND retired = FALSE ORDER BY position, id",
        &args![family],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let mut levels = Vec::new();
    for (id, title, grade) in heads {
        let mut items: [Vec<String>; 2] = Default::default();
        for (i, kind) in ITEM_KINDS.iter().enumerate() {
            items[i] = tx.query_rows(
                "SELECT text FROM level_items WHERE level_id = ?1 AND kind = ?2 ORDER BY position, id",
                &args![id, *kind],
                |r| r.get(0),
            )?;
        }
        levels.push((id, title, grade, items));
    }
    let mut stages: Vec<String> = tx.query_rows(
        "SELECT label, min_interviews, max_interviews FROM stages
         WHERE family_id = ?1 AND retired = FALSE AND track_id IS NULL ORDER BY position, id",
        &args![family],
        |r| {
            let label: String = r.get(0)?;
            Ok(format!("{label} ({})", range_text(r.get::<i64>(1)? as u32, r.get::<i64>(2)? as u32)))
        },
    )?;
    // Further tracks' stages, named with their track.
    stages.extend(tx.query_rows(
        "SELECT t.name, s.label, s.min_interviews, s.max_interviews FROM stages s
         JOIN pipeline_tracks t ON t.id = s.track_id
         WHERE s.family_id = ?1 AND s.retired = FALSE AND t.retired = FALSE ORDER BY t.position, s.position, s.id",
        &args![family],
        |r| {
            let (track, label): (String, String) = (r.get(0)?, r.get(1)?);
            Ok(format!("{track}: {label} ({})", range_text(r.get::<i64>(2)? as u32, r.get::<i64>(3)? as u32)))
        },
    )?);
    Ok(RoleText { levels, stages })
}

/// Readable lines saying how `after` differs from `before` (empty: nothing changed).
pub(super) fn diff(before: &RoleText, after: &RoleText) -> Vec<String> {
    let mut out = Vec::new();
    let grade = |g: &Option<i64>| g.map_or("none".to_string(), |g| g.to_string());
    for (id, title, g, reqs) in &after.levels {
        let Some((_, old_title, old_g, old_reqs)) = before.levels.iter().find(|l| l.0 == *id) else {
            out.push(format!("level '{title}' added ({} requirements)", reqs[0].len()));
            continue;
        };
        if old_title != title {
            out.push(format!("level '{old_title}' is now called '{title}'"));
        }
        if old_g != g {
            out.push(format!("level '{title}': grade {} (was {})", grade(g), grade(old_g)));
        }
        for (i, name) in ITEM_NAMES.iter().enumerate() {
            let lines = line_diff(&old_reqs[i], &reqs[i]);
            if !lines.is_empty() {
                out.push(format!("level '{title}', {name}:"));
                out.extend(lines.into_iter().map(|l| format!("  {l}")));
            }
        }
    }
    for (id, title, ..) in &before.levels {
        if !after.levels.iter().any(|l| l.0 == *id) {
            out.push(format!("level '{title}' removed"));
        }
    }
    if before.stages != after.stages {
        out.push(format!("stages: {}", after.stages.join(" → ")));
        out.push(format!("  (were: {})", before.stages.join(" → ")));
        out.extend(line_diff(&before.stages, &after.stages).into_iter().map(|l| format!("  {l}")));
    }
    out
}

/// After an import changed `family` (from `before`): record a notice when something a
/// recruiter sees changed or the page disagreed with an edit (`conflicts`).
pub(super) fn record(
    tx: &dyn Sql,
    family: i64,
    at: &str,
    before: &RoleText,
    conflicts: &[String],
) -> Result<()> {
    let changes = diff(before, &role_text(tx, family)?);
    if changes.is_empty() && conflicts.is_empty() {
        return Ok(());
    }
    tx.execute(
        "INSERT INTO handbook_notices (family_id, at, changes, conflicts) VALUES (?1, ?2, ?3, ?4)",
        &args![family, at, changes.join("\n"), conflicts.join("\n")],
    )?;
    Ok(())
}

const COLUMNS: &str = "n.id, n.family_id, f.slug, f.title, n.at, n.changes, n.conflicts, k.at, k.actor
     FROM handbook_notices n JOIN families f ON f.id = n.family_id
     LEFT JOIN handbook_acks k ON k.notice_id = n.id";

fn notice(r: &Row<'_>) -> Result<HandbookNotice> {
    let lines = |t: String| -> Vec<String> { t.lines().map(str::to_string).collect() };
    Ok(HandbookNotice {
        id: r.get(0)?,
        family_id: FamilyId(r.get(1)?),
        slug: r.get(2)?,
        title: r.get(3)?,
        at: r.get(4)?,
        changes: lines(r.get(5)?),
        conflicts: lines(r.get(6)?),
        acknowledged_at: r.get(7)?,
        acknowledged_by: r.get(8)?,
    })
}

impl Store {
    /// Notices not yet acknowledged (of one role, or all), oldest first.
    pub fn pending_notices(&self, family: Option<FamilyId>) -> Result<Vec<HandbookNotice>> {
        // Any role: every family id is at least 0 (PostgreSQL cannot type a bare `?1 IS NULL`).
        let sql = format!(
            "SELECT {COLUMNS} WHERE k.id IS NULL AND n.family_id >= ?1 AND n.family_id <= ?2 ORDER BY n.id"
        );
        let (low, high) = family.map_or((0, i64::MAX), |f| (f.0, f.0));
        self.db().query_rows(&sql, &args![low, high], notice)
    }

    /// Notices after id `mark` (those an import just wrote), oldest first.
    pub fn notices_after(&self, mark: i64) -> Result<Vec<HandbookNotice>> {
        self.db().query_rows(&format!("SELECT {COLUMNS} WHERE n.id > ?1 ORDER BY n.id"), &args![mark], notice)
    }

    /// The newest notice's id (0: none).
    pub fn latest_notice_id(&self) -> Result<i64> {
        self.db().query_value("SELECT COALESCE(MAX(id), 0) FROM handbook_notices", &[])
    }

    /// Acknowledge every pending notice of a role; how many there were.
    pub fn acknowledge_notices(&self, family: FamilyId) -> Result<usize> {
        self.write(|tx| {
            let at = self.now_in(tx)?;
            let pending: Vec<i64> = tx.query_rows(
                "SELECT n.id FROM handbook_notices n WHERE n.family_id = ?1
                 AND NOT EXISTS (SELECT 1 FROM handbook_acks k WHERE k.notice_id = n.id) ORDER BY n.id",
                &args![family],
                |r| r.get(0),
            )?;
            for id in &pending {
                tx.execute(
                    "INSERT INTO handbook_acks (notice_id, at, actor) VALUES (?1, ?2, ?3)",
                    &args![*id, at.as_str(), self.actor()],
                )?;
            }
            Ok(pending.len())
        })
    }
}
