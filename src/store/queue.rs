//! Each person's queue (issue 16): scorecards they owe (an interview they were on has
//! ended and they have recorded no outcome for it), their interviews today and in the
//! week after, and the open applications they own that sit at an interview stage with
//! nothing scheduled there.

use super::schedule_read::AgendaFor;
use super::sql::prelude::*;
use super::visibility::{OWNER_JOINS_SEEN, OWNER_SEEN, OWNER_SQL, OWNER_WITH_SEEN};
use super::{Result, Store};
use crate::domain::{ApplicationId, Schedule};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;

/// An application someone owns with no interview scheduled at its stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unscheduled {
    /// The application.
    pub application_id: ApplicationId,
    /// The candidate's name.
    pub candidate_name: String,
    /// The role's slug.
    pub role: String,
    /// The stage it is at.
    pub stage_label: String,
}

/// What a person owes and has coming.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Queue {
    /// Whose queue.
    pub person: String,
    /// Interviews that have ended without this person's scorecard, oldest first.
    pub scorecards_owed: Vec<Schedule>,
    /// Their interviews from now to the end of the day (UTC).
    pub today: Vec<Schedule>,
    /// Their interviews after today, within seven days.
    pub this_week: Vec<Schedule>,
    /// Open applications they own at an interview stage with nothing scheduled there.
    pub unscheduled: Vec<Unscheduled>,
}

impl Store {
    /// `person`'s queue as of the store's clock.
    pub fn queue(&self, person: &str) -> Result<Queue> {
        let now = self.now();
        let who = AgendaFor::Interviewer(person.to_string());
        let end_of_day =
            (now.date_naive() + Duration::days(1)).and_hms_opt(0, 0, 0).map_or(now, |t| t.and_utc());
        let upcoming = self.agenda(&who, now, now + Duration::days(7), false)?;
        let (today, this_week) = upcoming.into_iter().partition(|s| s.starts_at < end_of_day);
        Ok(Queue {
            person: person.to_string(),
            scorecards_owed: self.owed(person, now)?,
            today,
            this_week,
            unscheduled: self.unscheduled(person, now)?,
        })
    }

    fn owed(&self, person: &str, now: DateTime<Utc>) -> Result<Vec<Schedule>> {
        let ids: Vec<i64> = self.db().query_rows(
            "SELECT s.id FROM interview_schedules s
             JOIN interview_schedule_people p ON p.schedule_id = s.id
             JOIN applications a ON a.id = s.application_id
             WHERE p.person = ?1 AND p.dropped_at IS NULL AND s.cancelled_at IS NULL AND s.starts_at <= ?2
               AND a.status IN ('active', 'on_hold')
               AND NOT EXISTS (SELECT 1 FROM interviews i WHERE i.interviewer = ?1
                     AND (i.schedule_id = s.id
                          OR (i.schedule_id IS NULL AND i.application_id = s.application_id
                              AND i.stage_id = s.stage_id AND i.created_at >= s.starts_at)))
             ORDER BY s.starts_at, s.id",
            &args![person, crate::domain::clock::format_time(now)],
            |r| r.get(0),
        )?;
        let mut owed = Vec::new();
        for id in ids {
            let s = self.schedule(crate::domain::ScheduleId(id))?;
            if s.ends_at() <= now {
                owed.push(s);
            }
        }
        Ok(owed)
    }

    fn unscheduled(&self, person: &str, now: DateTime<Utc>) -> Result<Vec<Unscheduled>> {
        let (with, joins, owner) = self.owner_sql()?;
        let sql = format!(
            "{with} SELECT a.id, c.name, f.slug, st.label FROM applications a
             JOIN candidates c ON c.id = a.candidate_id
             JOIN families f ON f.id = a.family_id
             JOIN stages st ON st.id = a.stage_id {joins}
             WHERE a.status = 'active' AND st.kind = 'interview' AND ?1 = {owner}
               AND NOT EXISTS (SELECT 1 FROM interview_schedules s
                     WHERE s.application_id = a.id AND s.stage_id = a.stage_id
                       AND s.cancelled_at IS NULL AND s.starts_at >= ?2)
             ORDER BY a.stage_entered_at, a.id"
        );
        self.db().query_rows(&sql, &args![person, crate::domain::clock::format_time(now)], |r| {
            Ok(Unscheduled {
                application_id: ApplicationId(r.get(0)?),
                candidate_name: r.get(1)?,
                role: r.get(2)?,
                stage_label: r.get(3)?,
            })
        })
    }

    /// The applications of `family` that are `person`'s: they own it, or they are on one
    /// of its scheduled interviews (not cancelled).
    pub fn mine(&self, family: crate::domain::FamilyId, person: &str) -> Result<Vec<ApplicationId>> {
        let (with, joins, owner) = self.owner_sql()?;
        let sql = format!(
            "{with} SELECT a.id FROM applications a {joins}
             WHERE a.family_id = ?1 AND (?2 = {owner} OR EXISTS (
                 SELECT 1 FROM interview_schedules s
                 JOIN interview_schedule_people p ON p.schedule_id = s.id
                 WHERE s.application_id = a.id AND s.cancelled_at IS NULL
                   AND p.person = ?2 AND p.dropped_at IS NULL))"
        );
        self.db().query_rows(&sql, &args![family, person], |r| Ok(ApplicationId(r.get(0)?)))
    }

    /// What goes before the query, the joins after `applications a`, and the owner's
    /// expression: set-based for a restricted login (`visibility::OWNER_WITH_SEEN`), a
    /// subquery per row otherwise.
    fn owner_sql(&self) -> Result<(&'static str, &'static str, &'static str)> {
        Ok(if self.restricted()? {
            (OWNER_WITH_SEEN, OWNER_JOINS_SEEN, OWNER_SEEN)
        } else {
            ("", "", OWNER_SQL)
        })
    }
}
