//! Snapshots and diffs as of earlier instants, streamed: the event log read sorted by
//! application (the database sorts it, on disk when it is big), each application's
//! events folded into its state before the next's are read, and its row handed to a
//! [`Spill`] that gives the rows back in board order. Memory holds one application's
//! state and the counts per stage, whatever the size of the log; the whole replay
//! (`store/snapshot.rs`) held every application's state (471 MB at 1,000,000 candidates).

use super::rows::events::{Fixed, replay_event};
use super::spill::Spill;
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::clock::format_time;
use crate::domain::dense::DenseMap;
use crate::domain::snapshot::{
    ApplicationSnapshot, ApplicationState, ChangeKind, DiffEntry, RoleOutline, RoleTally, Snapshot, classify,
};
use crate::domain::{CandidateId, FamilyId, LevelId};
use chrono::{DateTime, Utc};
use std::sync::Arc;

/// Each application's fixed facts (part 0) followed by its events up to `?1` (part 1),
/// by application then log order: the columns of an event are those `replay_event`
/// reads, at the same places, and whether it is at or before `?3` (a diff's earlier
/// instant, compared as the database compares `?1`). `+ 0` keeps SQLite from walking `events_application`
/// (a lookup into the table per event, 3× slower at 1,000,000 candidates than scanning
/// and sorting).
const APPLICATION_EVENTS: &str = "SELECT e.id, e.at, e.kind, e.application_id + 0, e.to_stage_id, e.to_status,
        e.reason, e.undoes, i.stage_id, i.recommendation, e.to_level_id, 1,
        NULL, NULL, NULL, NULL, NULL, e.at <= ?3
     FROM events e
     LEFT JOIN interviews i ON i.event_id = e.id
     WHERE e.at <= ?1 AND e.application_id IS NOT NULL
       AND (CAST(?2 AS BIGINT) IS NULL OR e.application_id IN (SELECT id FROM applications WHERE family_id = ?2))
     UNION ALL
     SELECT NULL, NULL, NULL, a.id, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0,
        a.candidate_id, c.name, a.family_id, a.level_id, l.title, NULL
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id
     WHERE a.family_id = ?2 OR ?2 IS NULL
     ORDER BY 4, 12, 1";

/// A snapshot whose rows wait, sorted, in a spill: `head` has every count and no
/// applications.
pub struct SortedSnapshot {
    /// The roles with their stages, counts and funnel; `applications` empty.
    pub head: Snapshot,
    rows: Spill,
}

/// The rows of a [`SortedSnapshot`], to read back (on a thread of their own, if need be).
pub struct SortedRows(Spill);

impl SortedRows {
    /// Each application's row in board order with its role's index in the head's roles,
    /// until `visit` answers `false`.
    pub fn each_row(self, visit: &mut dyn FnMut(usize, ApplicationSnapshot) -> bool) -> Result<()> {
        self.0.each_row(visit)
    }
}

impl SortedSnapshot {
    /// The head and the rows apart.
    pub fn into_parts(self) -> (Snapshot, SortedRows) {
        (self.head, SortedRows(self.rows))
    }
}

/// The changes between two instants, sorted in a spill.
pub struct SortedDiff {
    /// The earlier instant.
    pub since: DateTime<Utc>,
    /// The later instant.
    pub until: DateTime<Utc>,
    /// How many changed, by kind (in [`ChangeKind::ALL`] order).
    pub counts: [usize; 7],
    roles: Vec<RoleOutline>,
    rows: Spill,
}

impl SortedDiff {
    /// Entries of one kind.
    pub fn count(&self, kind: ChangeKind) -> usize {
        ChangeKind::ALL.iter().position(|k| *k == kind).map_or(0, |i| self.counts[i])
    }

    /// Each entry by role, kind and id, until `visit` answers `false`.
    pub fn each_change(self, visit: &mut dyn FnMut(DiffEntry) -> bool) -> Result<()> {
        let roles = self.roles;
        let role = |i: usize| match roles.get(i) {
            Some(r) => (r.id, r.slug.clone(), r.title.clone()),
            None => (FamilyId(0), String::new(), String::new()),
        };
        self.rows.each_change(&role, visit)
    }
}

/// One application being folded: its fixed facts, its state, and (for a diff) its state
/// from its events up to the earlier instant.
struct Current {
    id: i64,
    fixed: Fixed,
    state: Option<ApplicationState>,
    then: Option<ApplicationState>,
}

type Visit<'a> = dyn FnMut(Option<&ApplicationState>, &ApplicationState) -> Result<()> + 'a;

fn flush(current: Option<Current>, diff: bool, visit: &mut Visit<'_>) -> Result<()> {
    let Some(Current { state: Some(state), then, .. }) = current else { return Ok(()) };
    visit(then.as_ref().filter(|_| diff), &state)
}

impl Store {
    /// Every application (all roles, or one) with a state at `until`, one at a time in
    /// id order, to `visit` with (for a diff, given `since`) its state at `since`.
    fn for_each_application_state(
        &self,
        since: Option<DateTime<Utc>>,
        until: DateTime<Utc>,
        family: Option<FamilyId>,
        visit: &mut Visit<'_>,
    ) -> Result<()> {
        let level_titles = self.level_titles()?;
        let first_levels = self.first_levels()?;
        let mut labels: DenseMap<Arc<str>> = DenseMap::new();
        self.db().each_row("SELECT id, label FROM stages", &[], &mut |r| {
            labels.insert(r.get(0)?, r.get::<String>(1)?.into());
            Ok(true)
        })?;
        let diff = since.is_some();
        let mut current: Option<Current> = None;
        let params = args![format_time(until), family.map(|f| f.0), since.map(format_time)];
        self.db().each_row_streamed(APPLICATION_EVENTS, &params, &mut |row| {
            let id: i64 = row.get(3)?;
            if row.get::<i64>(11)? == 0 {
                flush(current.take(), diff, visit)?;
                let level_id = first_levels.get(&id).copied().unwrap_or(row.get(15)?);
                let level_title = match level_titles.get(&level_id) {
                    Some(t) => Arc::clone(t),
                    None => row.get::<String>(16)?.into(),
                };
                let fixed = Fixed {
                    candidate_id: CandidateId(row.get(12)?),
                    candidate_name: row.get::<String>(13)?.into(),
                    family_id: FamilyId(row.get(14)?),
                    level_id: LevelId(level_id),
                    level_title,
                };
                current = Some(Current { id, fixed, state: None, then: None });
                return Ok(true);
            }
            // Events of other roles (when one is asked for) have no facts read before them.
            let Some(app) = current.as_mut().filter(|c| c.id == id) else { return Ok(true) };
            if let Some(level) = row.get::<Option<i64>>(10)? {
                app.fixed.level_id = LevelId(level);
                if let Some(title) = level_titles.get(&level) {
                    app.fixed.level_title = Arc::clone(title);
                }
            }
            let ev = replay_event(row, &app.fixed, &labels)?;
            if row.get::<Option<bool>>(17)? == Some(true) {
                ApplicationState::fold(&mut app.then, &ev);
            }
            ApplicationState::fold(&mut app.state, &ev);
            Ok(true)
        })?;
        flush(current, diff, visit)
    }

    /// The pipeline (all roles, or one) as it stood at `as_of`, its rows sorted on disk:
    /// the same rows and counts as [`Store::snapshot`] in memory that does not grow with
    /// the log.
    pub fn sorted_snapshot(&self, as_of: DateTime<Utc>, family: Option<FamilyId>) -> Result<SortedSnapshot> {
        let roles = self.role_outlines(family)?;
        let mut tallies: Vec<RoleTally> = roles.iter().map(RoleTally::new).collect();
        // Independent feedback (issue 16): an export run as an interviewer.
        let visible = self.visible_recommendations(family, Some(as_of))?;
        let rows = Spill::snapshot()?;
        self.for_each_application_state(None, as_of, family, &mut |_, state| {
            let Some(role) = roles.iter().position(|r| r.id == state.family_id) else { return Ok(()) };
            let slot = tallies[role].add(state);
            let mut row = state.snapshot(as_of);
            if let Some(rec) = visible.get(&row.application_id) {
                row.last_recommendation = *rec;
            }
            rows.push_row(role, slot, &row)
        })?;
        let roles = roles.iter().zip(tallies).map(|(role, tally)| tally.finish(role, Vec::new())).collect();
        Ok(SortedSnapshot { head: Snapshot { as_of, roles, scorecards: Default::default() }, rows })
    }

    /// What changed between `since` and `until` (all roles, or one), sorted on disk: the
    /// entries of [`crate::domain::snapshot::SnapshotDiff::between`] the two snapshots.
    pub fn sorted_diff(
        &self,
        since: DateTime<Utc>,
        until: DateTime<Utc>,
        family: Option<FamilyId>,
    ) -> Result<SortedDiff> {
        let roles = self.role_outlines(family)?;
        let rows = Spill::diff()?;
        let mut counts = [0; 7];
        self.for_each_application_state(Some(since), until, family, &mut |then, state| {
            let Some(i) = roles.iter().position(|r| r.id == state.family_id) else { return Ok(()) };
            let (then, now) = (then.map(|t| t.snapshot(since)), state.snapshot(until));
            let Some(change) = classify(then.as_ref(), &now) else { return Ok(()) };
            let role = &roles[i];
            let entry = DiffEntry::new(change, (role.id, &role.slug, &role.title), then.as_ref(), &now);
            counts[ChangeKind::ALL.iter().position(|k| *k == change).unwrap_or(0)] += 1;
            rows.push_change(i, &entry)
        })?;
        Ok(SortedDiff { since, until, counts, roles, rows })
    }
}
