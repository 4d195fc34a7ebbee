//! Reading the event log for snapshots: roles with every stage (retired ones too), and
//! application events streamed in log order up to an instant.

use super::rows::events::{Fixed, replay_event};
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::clock::format_time;
use crate::domain::dense::DenseMap;
use crate::domain::snapshot::{Replay, ReplayEvent, RoleOutline, Snapshot, StageOutline};
use crate::domain::{CandidateId, FamilyId, LevelId, StageId, StageKind};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::sync::Arc;

/// Application events, narrow: one row per event and only the event's own columns (and
/// its interview's), in log order. Stored times are RFC 3339 UTC with microseconds, so
/// comparing the text compares the instants.
///
/// What never changes for an application (person, role, level and their names) is read
/// once per replay by `APPLICATIONS` instead of being joined onto each of a million
/// events: that join was two thirds of an export's time at 100,000 candidates.
const EVENTS_UNTIL: &str = "SELECT e.id, e.at, e.kind, e.application_id, e.to_stage_id, e.to_status,
        e.reason, e.undoes, i.stage_id, i.recommendation, e.to_level_id
     FROM events e
     LEFT JOIN interviews i ON i.event_id = e.id
     WHERE e.at <= ?1 AND e.application_id IS NOT NULL
     ORDER BY e.id";

/// The level each application had before its first level change (the partial index
/// `events_level_changes` holds only those events, so this reads a handful of rows).
pub(super) const FIRST_LEVELS: &str = "SELECT application_id, from_level_id FROM events
     WHERE kind = 'level_changed' ORDER BY application_id, id";

/// The fixed facts of each application (all roles, or one).
const APPLICATIONS: &str = "SELECT a.id, a.candidate_id, c.name, a.family_id, a.level_id, l.title
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     WHERE a.family_id = ?1 OR ?1 IS NULL";

impl Store {
    /// Roles (all, or one) with every stage in pipeline order; retired stages follow the
    /// current ones so history that points at them can still be shown.
    pub fn role_outlines(&self, family: Option<FamilyId>) -> Result<Vec<RoleOutline>> {
        let mut roles: Vec<RoleOutline> = self
            .families()?
            .into_iter()
            .filter(|f| family.is_none_or(|id| id == f.id))
            .map(|f| RoleOutline { id: f.id, slug: f.slug, title: f.title, stages: Vec::new() })
            .collect();
        // Retired stages keep their old position as -1 - position.
        let sql = "SELECT id, family_id, kind, label, retired FROM stages
             WHERE family_id = ?1 OR ?1 IS NULL
             ORDER BY family_id, retired, CASE WHEN retired THEN -1 - position ELSE position END, id";
        self.db().each_row(sql, &args![family.map(|f| f.0)], &mut |r| {
            let family_id = FamilyId(r.get(1)?);
            let kind: String = r.get(2)?;
            let stage = StageOutline {
                id: StageId(r.get(0)?),
                label: r.get(3)?,
                kind: StageKind::parse(&kind).unwrap_or(StageKind::Interview),
                retired: r.get(4)?,
            };
            if let Some(role) = roles.iter_mut().find(|role| role.id == family_id) {
                role.stages.push(stage);
            }
            Ok(true)
        })?;
        Ok(roles)
    }

    /// Stream the application events at or before `until` (all roles, or one), in log
    /// order, to `visit`, without holding the whole log in memory.
    pub fn for_each_event_until(
        &self,
        until: DateTime<Utc>,
        family: Option<FamilyId>,
        mut visit: impl FnMut(ReplayEvent),
    ) -> Result<()> {
        let family = family.map(|f| f.0);
        // Looked up once per event: a vector indexed by row id, not a hash map.
        let mut apps: DenseMap<Fixed> = DenseMap::new();
        let level_titles = self.level_titles()?;
        let first_levels = self.first_levels()?;
        self.db().each_row(APPLICATIONS, &args![family], &mut |r| {
            let id: i64 = r.get(0)?;
            let level_id = match first_levels.get(&id) {
                Some(level) => *level,
                None => r.get(4)?,
            };
            let level_title = match level_titles.get(&level_id) {
                Some(t) => Arc::clone(t),
                None => r.get::<String>(5)?.into(),
            };
            let fixed = Fixed {
                candidate_id: CandidateId(r.get(1)?),
                candidate_name: r.get::<String>(2)?.into(),
                family_id: FamilyId(r.get(3)?),
                level_id: LevelId(level_id),
                level_title,
            };
            apps.insert(id, fixed);
            Ok(true)
        })?;
        let mut labels: DenseMap<Arc<str>> = DenseMap::new();
        self.db().each_row("SELECT id, label FROM stages", &[], &mut |r| {
            labels.insert(r.get(0)?, r.get::<String>(1)?.into());
            Ok(true)
        })?;
        self.db().each_row(EVENTS_UNTIL, &args![format_time(until)], &mut |row| {
            // Events of other roles (when one is asked for) have no entry.
            let Some(app) = apps.get_mut(row.get(3)?) else { return Ok(true) };
            if let Some(level) = row.get::<Option<i64>>(10)? {
                app.level_id = LevelId(level);
                if let Some(title) = level_titles.get(&level) {
                    app.level_title = Arc::clone(title);
                }
            }
            visit(replay_event(row, app, &labels)?);
            Ok(true)
        })?;
        Ok(())
    }

    /// Every level's title, retired ones too, one shared string each.
    pub(super) fn level_titles(&self) -> Result<HashMap<i64, Arc<str>>> {
        let rows = self.db().query_rows("SELECT id, title FROM levels", &[], |r| {
            Ok((r.get::<i64>(0)?, Arc::from(r.get::<String>(1)?)))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// For each application whose level changed, the level it was made at.
    pub(super) fn first_levels(&self) -> Result<HashMap<i64, i64>> {
        let mut first = HashMap::new();
        self.db().each_row(FIRST_LEVELS, &[], &mut |r| {
            if let Some(level) = r.get::<Option<i64>>(1)? {
                first.entry(r.get(0)?).or_insert(level);
            }
            Ok(true)
        })?;
        Ok(first)
    }

    /// Every application's state at `as_of`, with its stage history.
    pub fn replay_until(&self, as_of: DateTime<Utc>, family: Option<FamilyId>) -> Result<Replay> {
        let mut replay = Replay::new();
        self.for_each_event_until(as_of, family, |ev| replay.apply(&ev))?;
        Ok(replay)
    }

    /// The pipeline (all roles, or one) as it stood at `as_of`.
    pub fn snapshot(&self, as_of: DateTime<Utc>, family: Option<FamilyId>) -> Result<Snapshot> {
        let roles = self.role_outlines(family)?;
        let replay = self.replay_until(as_of, family)?;
        let mut snapshot = Snapshot::build(as_of, &roles, &replay);
        // Independent feedback (issue 16): an export run as an interviewer.
        self.hide_in_snapshot(&mut snapshot, family)?;
        Ok(snapshot)
    }
}
