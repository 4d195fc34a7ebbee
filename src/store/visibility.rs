//! Independent feedback (issues 16 and 19): someone on a (not cancelled) scheduled
//! interview of an application sees none of its other scorecards until they have
//! submitted their own: a scorecard at a stage they are scheduled at shows once they have
//! submitted theirs at that stage, one at any other stage (an earlier round's) once they
//! have submitted any of the application. On every surface that reads scorecards through
//! the store (interviews, history, the board's last recommendation, exports). The role's
//! hiring manager and recruiters and the application's owner see all; people who
//! interview nowhere there are not asked to submit. The viewer is the store's actor.

use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::snapshot::Snapshot;
use crate::domain::{ApplicationId, CandidateId, Event, EventId, FamilyId, InterviewId, Rating};
use chrono::{DateTime, Utc};
use std::collections::HashMap;

/// An application's owner as an SQL expression over `applications a`.
pub(crate) const OWNER_SQL: &str = "COALESCE(
    (SELECT o.owner FROM application_owners o WHERE o.application_id = a.id ORDER BY o.id DESC LIMIT 1),
    (SELECT e.actor FROM events e WHERE e.application_id = a.id ORDER BY e.id LIMIT 1), '')";

/// [`OWNER_SQL`] for a hiring manager or an interviewer on a server, whose every table is
/// a view listing all their rows (migrations/postgres/0021): a subquery per application
/// would list them again for each. Each owner once (PostgreSQL; materialized, so a join
/// the planner makes a loop of does not sort the log again per row): put before the
/// query, then [`OWNER_JOINS_SEEN`] after `applications a`, and [`OWNER_SEEN`] is the owner.
pub(crate) const OWNER_WITH_SEEN: &str = "WITH own AS MATERIALIZED (
        SELECT DISTINCT ON (o.application_id) o.application_id, o.owner FROM application_owners o
         ORDER BY o.application_id, o.id DESC),
     fe AS MATERIALIZED (
        SELECT DISTINCT ON (e.application_id) e.application_id, e.actor FROM events e
         ORDER BY e.application_id, e.id)";
/// See [`OWNER_WITH_SEEN`].
pub(crate) const OWNER_JOINS_SEEN: &str =
    "LEFT JOIN own ON own.application_id = a.id LEFT JOIN fe ON fe.application_id = a.id";
/// See [`OWNER_WITH_SEEN`].
pub(crate) const OWNER_SEEN: &str = "COALESCE(own.owner, fe.actor, '')";

/// Whether the person `?N` runs the role of `applications a` or owns `a`: SQL over `a`
/// with the viewer as parameter `n` (they see every scorecard).
pub(crate) fn runs_sql(n: usize) -> String {
    format!(
        "(?{n} = {OWNER_SQL} OR EXISTS (
            SELECT 1 FROM role_owner_people p
            WHERE p.person = ?{n} AND p.set_id = (SELECT MAX(r.id) FROM role_owner_sets r WHERE r.family_id = a.family_id)))"
    )
}

/// The line shown where scorecards are hidden.
pub fn hidden_line(count: usize) -> String {
    match count {
        1 => "1 scorecard hidden until you submit yours".to_string(),
        n => format!("{n} scorecards hidden until you submit yours"),
    }
}

/// SQL over `interviews i` and `applications a` (its application): whether `i` is hidden
/// from the viewer, parameter `?n`.
pub(crate) fn hidden_sql(n: usize) -> String {
    format!(
        "(i.interviewer <> ?{n}
          AND EXISTS (SELECT 1 FROM interview_schedule_people p
                      JOIN interview_schedules s ON s.id = p.schedule_id
                      WHERE p.person = ?{n} AND p.dropped_at IS NULL AND s.application_id = i.application_id
                        AND s.cancelled_at IS NULL)
          AND NOT EXISTS (SELECT 1 FROM interviews j
                          WHERE j.application_id = i.application_id AND j.interviewer = ?{n}
                            AND (j.stage_id = i.stage_id
                                 OR NOT EXISTS (SELECT 1 FROM interview_schedule_people p
                                                JOIN interview_schedules s ON s.id = p.schedule_id
                                                WHERE p.person = ?{n} AND p.dropped_at IS NULL
                                                  AND s.application_id = i.application_id
                                                  AND s.stage_id = i.stage_id AND s.cancelled_at IS NULL)))
          AND NOT {runs})",
        runs = runs_sql(n)
    )
}

/// SQL listing the scorecards hidden from the actor (`?1`) among the applications that
/// pass `filter` (over `applications a`, key `?2`).
fn hidden_here_sql(filter: &str) -> String {
    format!(
        "SELECT i.application_id, i.id, i.event_id FROM interviews i
             JOIN applications a ON a.id = i.application_id
             WHERE {filter} AND i.application_id IN (
                 SELECT s.application_id FROM interview_schedules s
                 JOIN interview_schedule_people p ON p.schedule_id = s.id
                 WHERE p.person = ?1 AND p.dropped_at IS NULL)
               AND {hidden}
             ORDER BY i.id",
        hidden = hidden_sql(1)
    )
}

/// Which scorecards a hidden list covers.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    /// One application's.
    Application(ApplicationId),
    /// A role's, or every role's (`None`).
    Role(Option<FamilyId>),
    /// A person's (all their applications).
    Candidate(CandidateId),
}

/// A scorecard hidden from the viewer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Hidden {
    pub application: ApplicationId,
    pub interview: InterviewId,
    pub event: EventId,
}

impl Store {
    /// How many scorecards of an application are hidden from the actor.
    pub fn hidden_scorecards(&self, app: ApplicationId) -> Result<usize> {
        Ok(self.hidden_interviews(Scope::Application(app))?.len())
    }

    /// The scorecards hidden from the actor in `scope`. Only applications the actor is
    /// scheduled to interview on can hide anything, so the query starts from those.
    pub(crate) fn hidden_interviews(&self, scope: Scope) -> Result<Vec<Hidden>> {
        let (filter, key) = match scope {
            Scope::Application(app) => ("a.id = ?2", Some(app.0)),
            Scope::Role(family) => ("(a.family_id = ?2 OR ?2 IS NULL)", family.map(|f| f.0)),
            Scope::Candidate(person) => ("a.candidate_id = ?2", Some(person.0)),
        };
        // On a server a hiring manager or an interviewer may not read what is hidden from
        // them: the server lists it (ids only), by the same rule.
        let sql = if self.restricted()? {
            format!(
                "SELECT h.application_id, h.interview_id, h.event_id FROM rolecall_hidden_scorecards() h
                 JOIN applications a ON a.id = h.application_id
                 WHERE {filter} AND CAST(?1 AS TEXT) IS NOT NULL ORDER BY h.interview_id"
            )
        } else {
            hidden_here_sql(filter)
        };
        self.hidden_rows(&sql, key)
    }

    fn hidden_rows(&self, sql: &str, key: Option<i64>) -> Result<Vec<Hidden>> {
        self.db().query_rows(sql, &args![self.actor.as_str(), key], |r| {
            Ok(Hidden {
                application: ApplicationId(r.get(0)?),
                interview: InterviewId(r.get(1)?),
                event: EventId(r.get(2)?),
            })
        })
    }

    /// The latest recommendation of `app` the actor may see among the interviews
    /// recorded at or before `until` (any time: `None`).
    pub(crate) fn last_visible_recommendation(
        &self,
        app: ApplicationId,
        until: Option<DateTime<Utc>>,
    ) -> Result<Option<Rating>> {
        let sql = format!(
            "SELECT i.recommendation FROM interviews i
             JOIN applications a ON a.id = i.application_id JOIN events e ON e.id = i.event_id
             WHERE i.application_id = ?1 AND NOT {} AND (e.at <= ?3 OR ?3 IS NULL)
             ORDER BY i.event_id DESC LIMIT 1",
            hidden_sql(2)
        );
        let until = until.map(crate::domain::clock::format_time);
        let found: Option<i64> =
            self.db().query_opt(&sql, &args![app, self.actor.as_str(), until], |r| r.get(0))?;
        Ok(found.and_then(Rating::from_value))
    }

    /// For each application of `family` (or all) with scorecards hidden from the actor,
    /// the latest recommendation they may see as of `until` (`None`: any time).
    pub(crate) fn visible_recommendations(
        &self,
        family: Option<FamilyId>,
        until: Option<DateTime<Utc>>,
    ) -> Result<HashMap<ApplicationId, Option<Rating>>> {
        let mut found = HashMap::new();
        for h in self.hidden_interviews(Scope::Role(family))? {
            if let std::collections::hash_map::Entry::Vacant(slot) = found.entry(h.application) {
                slot.insert(self.last_visible_recommendation(h.application, until)?);
            }
        }
        Ok(found)
    }

    /// Take the recommendations hidden from the actor out of a snapshot.
    pub(crate) fn hide_in_snapshot(&self, snapshot: &mut Snapshot, family: Option<FamilyId>) -> Result<()> {
        let visible = self.visible_recommendations(family, Some(snapshot.as_of))?;
        for role in &mut snapshot.roles {
            for a in &mut role.applications {
                if let Some(rec) = visible.get(&a.application_id) {
                    a.last_recommendation = *rec;
                }
            }
        }
        Ok(())
    }

    /// Replace the notes of events recording scorecards hidden from the actor (their
    /// recommendation) with a line saying so.
    pub(crate) fn redact_hidden(&self, events: &mut [Event], scope: Scope) -> Result<()> {
        let hidden = self.hidden_interviews(scope)?;
        for e in events.iter_mut().filter(|e| hidden.iter().any(|h| h.event == e.id)) {
            e.note = Some(hidden_line(1));
        }
        Ok(())
    }
}
