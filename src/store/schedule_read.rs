//! Reading scheduled interviews: one, an application's, and the agenda of a time span
//! (everyone's, or one person's).

use super::rows::time;
use super::sql::prelude::*;
use super::visibility::OWNER_SQL;
use super::{Result, Store, StoreError};
use crate::domain::clock::format_time;
use crate::domain::{ApplicationId, Schedule, ScheduleId, StageId};
use chrono::{DateTime, Utc};

const SCHEDULE_SELECT: &str = "SELECT s.id, s.uid, s.application_id, c.name, f.slug, s.stage_id, st.label,
        s.starts_at, s.zone, s.duration_minutes, s.place, s.sequence, s.cancelled_at, s.created_by
     FROM interview_schedules s
     JOIN applications a ON a.id = s.application_id
     JOIN candidates c ON c.id = a.candidate_id
     JOIN families f ON f.id = a.family_id
     JOIN stages st ON st.id = s.stage_id";

/// Whose interviews an agenda lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AgendaFor {
    /// Everyone's.
    Everyone,
    /// Those `person` interviews on, or whose application they own.
    Mine(String),
    /// Those `person` interviews on.
    Interviewer(String),
}

impl Store {
    /// One scheduled interview.
    pub fn schedule(&self, id: ScheduleId) -> Result<Schedule> {
        let found = self.db().query_opt(&format!("{SCHEDULE_SELECT} WHERE s.id = ?1"), &args![id], row)?;
        let mut found = found.ok_or_else(|| StoreError::NotFound {
            what: "scheduled interview",
            key: id.to_string(),
            hint: "; `rolecall agenda` lists them with their ids".into(),
        })?;
        self.fill_interviewers(std::slice::from_mut(&mut found))?;
        Ok(found)
    }

    /// Every interview scheduled for an application (cancelled ones too), by start.
    pub fn schedules_of(&self, app: ApplicationId) -> Result<Vec<Schedule>> {
        let sql = format!("{SCHEDULE_SELECT} WHERE s.application_id = ?1 ORDER BY s.starts_at, s.id");
        let mut list = self.db().query_rows(&sql, &args![app], row)?;
        self.fill_interviewers(&mut list)?;
        Ok(list)
    }

    /// Interviews starting in `[from, to)` for `who`, by start; cancelled ones only when
    /// `cancelled` (a calendar file needs them, to show them cancelled).
    pub fn agenda(
        &self,
        who: &AgendaFor,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        cancelled: bool,
    ) -> Result<Vec<Schedule>> {
        let on = "EXISTS (SELECT 1 FROM interview_schedule_people p
                   WHERE p.schedule_id = s.id AND p.person = ?3 AND p.dropped_at IS NULL)";
        let (person, filter) = match who {
            AgendaFor::Everyone => (String::new(), "CAST(?3 AS TEXT) = CAST(?3 AS TEXT)".to_string()),
            AgendaFor::Mine(p) => (p.clone(), format!("({on} OR ?3 = {OWNER_SQL})")),
            AgendaFor::Interviewer(p) => (p.clone(), on.to_string()),
        };
        let sql = format!(
            "{SCHEDULE_SELECT} WHERE s.starts_at >= ?1 AND s.starts_at < ?2 AND {filter}
               AND (s.cancelled_at IS NULL OR ?4 = 1)
             ORDER BY s.starts_at, s.id"
        );
        let args = args![format_time(from), format_time(to), person, i64::from(cancelled)];
        let mut list = self.db().query_rows(&sql, &args, row)?;
        self.fill_interviewers(&mut list)?;
        Ok(list)
    }

    /// The next interview (not cancelled) of each of these applications that starts at or
    /// after `now`, for the board's cards.
    pub fn next_interviews(&self, now: DateTime<Utc>) -> Result<Vec<(ApplicationId, DateTime<Utc>, String)>> {
        let found: Vec<(i64, Option<DateTime<Utc>>, String)> = self.db().query_rows(
            "SELECT s.application_id, s.starts_at, s.zone FROM interview_schedules s
             WHERE s.cancelled_at IS NULL AND s.starts_at >= ?1 ORDER BY s.starts_at DESC, s.id DESC",
            &args![format_time(now)],
            |r| Ok((r.get(0)?, time(r, 1)?, r.get(2)?)),
        )?;
        Ok(found.into_iter().filter_map(|(a, at, zone)| Some((ApplicationId(a), at?, zone))).collect())
    }

    /// The scheduled interview a scorecard by `who` on `app` is for: the latest that has
    /// begun, is not cancelled, has `who` on it and no scorecard of theirs yet.
    pub fn scheduled_for(&self, app: ApplicationId, who: &str) -> Result<Option<Schedule>> {
        let who = who.trim();
        let done = self.interviews(app)?;
        let now = self.now();
        Ok(self.schedules_of(app)?.into_iter().rev().find(|s| {
            !s.is_cancelled()
                && s.starts_at <= now
                && s.has_interviewer(who)
                && !done.iter().any(|i| i.schedule_id == Some(s.id) && i.interviewer == who)
        }))
    }

    fn fill_interviewers(&self, list: &mut [Schedule]) -> Result<()> {
        for s in list {
            s.interviewers = self.db().query_rows(
                "SELECT person FROM interview_schedule_people WHERE schedule_id = ?1 AND dropped_at IS NULL
                 ORDER BY position, id",
                &args![s.id],
                |r| r.get(0),
            )?;
        }
        Ok(())
    }
}

fn row(r: &Row<'_>) -> Result<Schedule> {
    let starts_at = time(r, 7)?.ok_or_else(|| {
        StoreError::Corrupt(format!(
            "scheduled interview {} has an unreadable time",
            r.get::<i64>(0).unwrap_or(0)
        ))
    })?;
    Ok(Schedule {
        id: ScheduleId(r.get(0)?),
        uid: r.get(1)?,
        application_id: ApplicationId(r.get(2)?),
        candidate_name: r.get(3)?,
        role: r.get(4)?,
        stage_id: StageId(r.get(5)?),
        stage_label: r.get(6)?,
        starts_at,
        zone: r.get(8)?,
        duration_minutes: r.get::<i64>(9)?.clamp(1, 1440) as u32,
        place: r.get(10)?,
        interviewers: Vec::new(),
        sequence: r.get(11)?,
        cancelled_at: time(r, 12)?,
        created_by: r.get(13)?,
    })
}
