//! Scorecard grids (issue 16) of the applications an HTML page lists, as the actor may
//! see them (`visibility.rs`).

use super::sql::prelude::*;
use super::{Interview, Result, Store};
use crate::domain::ApplicationId;
use crate::domain::clock::format_time;
use crate::domain::dense::DenseMap;
use crate::domain::scorecard::{GridCard, Scorecards, grids};
use crate::domain::snapshot::Snapshot;
use chrono::{DateTime, Utc};
use std::collections::HashSet;

/// A scorecard as the grid needs it.
pub fn grid_card(i: &Interview) -> GridCard {
    GridCard {
        stage: i.stage_label.clone(),
        interviewer: i.interviewer.clone(),
        recommendation: i.recommendation,
        scores: i.scores.iter().map(|s| (s.requirement.clone(), s.rating)).collect(),
    }
}

impl Store {
    /// An application's grids and how many scorecards are hidden from the actor.
    pub fn scorecards(&self, app: ApplicationId) -> Result<Scorecards> {
        self.scorecards_until(app, None)
    }

    /// [`Store::scorecards`] of the scorecards recorded at or before `until` (any: `None`).
    pub fn scorecards_until(&self, app: ApplicationId, until: Option<DateTime<Utc>>) -> Result<Scorecards> {
        let recorded: HashSet<i64> = self
            .db()
            .query_rows(
                "SELECT i.id FROM interviews i JOIN events e ON e.id = i.event_id
                 WHERE i.application_id = ?1 AND (e.at <= ?2 OR ?2 IS NULL)",
                &args![app, until.map(format_time)],
                |r| r.get(0),
            )?
            .into_iter()
            .collect();
        let list = self.interviews(app)?;
        let cards: Vec<GridCard> =
            list.iter().filter(|i| recorded.contains(&i.id.0)).map(grid_card).collect();
        let hidden = self.hidden_interviews(super::visibility::Scope::Application(app))?;
        let hidden = hidden.iter().filter(|h| recorded.contains(&h.interview.0)).count();
        Ok(Scorecards { grids: grids(&cards), hidden })
    }

    /// The applications with any scorecard, as a set of ids (a byte per application).
    pub fn applications_with_scorecards(&self) -> Result<DenseMap<()>> {
        let mut scored = DenseMap::new();
        self.db().each_row("SELECT DISTINCT application_id FROM interviews", &[], &mut |r| {
            scored.insert(r.get(0)?, ());
            Ok(true)
        })?;
        Ok(scored)
    }

    /// Fill `snapshot.scorecards` for the first `per_role` open applications of each role
    /// (in the page's order) that have any scorecard, so the page stays small.
    pub fn add_scorecards(&self, snapshot: &mut Snapshot, per_role: usize) -> Result<()> {
        let scored: HashSet<i64> = self
            .db()
            .query_rows("SELECT DISTINCT application_id FROM interviews", &[], |r| r.get(0))?
            .into_iter()
            .collect();
        let mut found = Vec::new();
        for role in &snapshot.roles {
            let open = role.applications.iter().filter(|a| !a.status.is_closed());
            let with = open.filter(|a| scored.contains(&a.application_id.0));
            found.extend(with.take(per_role).map(|a| a.application_id));
        }
        for app in found {
            let cards = self.scorecards_until(app, Some(snapshot.as_of))?;
            if !cards.grids.is_empty() || cards.hidden > 0 {
                snapshot.scorecards.insert(app, cards);
            }
        }
        Ok(())
    }
}
