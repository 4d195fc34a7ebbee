//! Time limits per stage and the applications past them (issue 17), on either backend.
//!
//! A limit set with `rolecall limit` is a row of the append-only `stage_limits` log
//! (migration 0008: when, who, which stage, how many days); the newest row of a stage is
//! its limit, and a stage without one has the default of its kind
//! (`domain::limits::default_limit`). Whether an application is past its limit is
//! decided in Rust from its stage entry time (`domain::limits::is_past`), so both
//! backends answer the same.

use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::clock::parse_time;
use crate::domain::limits::{check_days, default_limit, is_past};
use crate::domain::{AppStatus, ApplicationId, CandidateId, FamilyId, StageId, StageKind};
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::collections::HashMap;

/// A stage's limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageLimit {
    /// The stage.
    pub stage_id: StageId,
    /// Its label.
    pub stage: String,
    /// Days an application may stay.
    pub days: i64,
    /// Whether someone set it (else it is the default of the stage's kind).
    pub set: bool,
}

/// An open application past its stage's limit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StaleApplication {
    /// The application.
    pub application_id: ApplicationId,
    /// The person.
    pub candidate_id: CandidateId,
    /// The person's name.
    pub name: String,
    /// The role's slug.
    pub role: String,
    /// The stage.
    pub stage_id: StageId,
    /// The stage's label.
    pub stage: String,
    /// Active or on hold.
    pub status: AppStatus,
    /// When it entered the stage.
    #[serde(serialize_with = "crate::domain::clock::serialize_stored")]
    pub stage_entered_at: Option<DateTime<Utc>>,
    /// Whole days in the stage.
    pub days_in_stage: i64,
    /// The stage's limit in days.
    pub limit_days: i64,
}

impl Store {
    /// Set a stage's limit (1 to 365 days), recorded with the time and the actor.
    pub fn set_stage_limit(&mut self, stage: StageId, days: i64) -> Result<StageLimit> {
        check_days(days).map_err(StoreError::Invalid)?;
        let label = self.stage(stage)?.label;
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            tx.execute(
                "INSERT INTO stage_limits (at, actor, stage_id, days) VALUES (?1, ?2, ?3, ?4)",
                &args![now.as_str(), store.actor.as_str(), stage, days],
            )?;
            Ok(())
        })?;
        Ok(StageLimit { stage_id: stage, stage: label, days, set: true })
    }

    /// The limit of every current stage of a role, in the role's order.
    pub fn stage_limits(&self, family: FamilyId) -> Result<Vec<StageLimit>> {
        let set = self.limits_set()?;
        Ok(self
            .stages(family)?
            .into_iter()
            .map(|s| {
                let chosen = set.get(&s.id).copied();
                StageLimit {
                    stage_id: s.id,
                    days: chosen.unwrap_or_else(|| default_limit(s.kind, &s.label)),
                    set: chosen.is_some(),
                    stage: s.label,
                }
            })
            .collect())
    }

    /// The limit in days of every stage (retired ones too), set or default.
    pub fn limit_days(&self) -> Result<HashMap<StageId, i64>> {
        let set = self.limits_set()?;
        let stages = self.db().query_rows("SELECT id, kind, label FROM stages", &[], |r| {
            Ok((StageId(r.get(0)?), r.get::<String>(1)?, r.get::<String>(2)?))
        })?;
        Ok(stages
            .into_iter()
            .map(|(id, kind, label)| {
                let kind = StageKind::parse(&kind).unwrap_or(StageKind::Interview);
                (id, set.get(&id).copied().unwrap_or_else(|| default_limit(kind, &label)))
            })
            .collect())
    }

    /// The newest limit set for each stage that has one.
    fn limits_set(&self) -> Result<HashMap<StageId, i64>> {
        let rows = self.db().query_rows("SELECT stage_id, days FROM stage_limits ORDER BY id", &[], |r| {
            Ok((StageId(r.get(0)?), r.get::<i64>(1)?))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// When each held application of a role went on hold (its latest `held` event).
    pub fn held_since(&self, family: FamilyId) -> Result<HashMap<ApplicationId, DateTime<Utc>>> {
        let rows = self.db().query_rows(
            "SELECT e.application_id, MAX(e.at) FROM events e JOIN applications a ON a.id = e.application_id
              WHERE a.family_id = ?1 AND a.status = 'on_hold' AND e.kind = 'held'
              GROUP BY e.application_id",
            &args![family],
            |r| Ok((ApplicationId(r.get(0)?), r.get::<String>(1)?)),
        )?;
        Ok(rows.into_iter().filter_map(|(a, t)| parse_time(&t).map(|t| (a, t))).collect())
    }

    /// The open applications (active or on hold) past their stage's limit at the store's
    /// time, longest over first; of one role, and only `actor`'s (owned, or on one of its
    /// scheduled interviews, as the board's "mine"), when given.
    pub fn stale(&self, family: Option<FamilyId>, actor: Option<&str>) -> Result<Vec<StaleApplication>> {
        let limits = self.limit_days()?;
        let now = self.now();
        let mut sql = String::from(
            "SELECT a.id, a.candidate_id, c.name, f.slug, a.stage_id, s.label, a.status, a.stage_entered_at
               FROM applications a
               JOIN candidates c ON c.id = a.candidate_id
               JOIN families f ON f.id = a.family_id
               JOIN stages s ON s.id = a.stage_id
              WHERE a.status IN ('active', 'on_hold')",
        );
        let mut params = Vec::new();
        if let Some(f) = family {
            params.push(Value::from(f));
            sql.push_str(&format!(" AND a.family_id = ?{}", params.len()));
        }
        // "Mine" as on the board (`m`): owned, or on one of its scheduled interviews.
        let mine: Option<std::collections::HashSet<ApplicationId>> = match actor {
            Some(person) => {
                let mut all = std::collections::HashSet::new();
                for f in self.families()? {
                    if family.is_none_or(|only| only == f.id) {
                        all.extend(self.mine(f.id, person)?);
                    }
                }
                Some(all)
            }
            None => None,
        };
        let mut found = Vec::new();
        self.db().each_row(&sql, &params, &mut |r| {
            let stage_id = StageId(r.get(4)?);
            let entered = parse_time(&r.get::<String>(7)?);
            let limit = limits.get(&stage_id).copied().unwrap_or(crate::domain::limits::INTERVIEW_LIMIT_DAYS);
            let app = ApplicationId(r.get(0)?);
            if is_past(entered, limit, now) && mine.as_ref().is_none_or(|m| m.contains(&app)) {
                let status = r.get::<String>(6)?;
                found.push(StaleApplication {
                    application_id: app,
                    candidate_id: CandidateId(r.get(1)?),
                    name: r.get(2)?,
                    role: r.get(3)?,
                    stage_id,
                    stage: r.get(5)?,
                    status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
                    stage_entered_at: entered,
                    days_in_stage: entered.map_or(0, |t| (now - t).num_days()),
                    limit_days: limit,
                });
            }
            Ok(true)
        })?;
        found.sort_by_key(|s| (std::cmp::Reverse(s.days_in_stage - s.limit_days), s.application_id));
        Ok(found)
    }
}
