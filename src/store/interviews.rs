//! Interviews and scorecards: recorded in one transaction with their event.

use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{ApplicationId, EventKind, InterviewId, ItemKind, Rating, ScheduleId, StageId};
use chrono::NaiveDate;
use serde::Serialize;

/// One requirement's rating on a scorecard; the text is kept as it was when rated.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Score {
    /// The requirement as worded when the interview was recorded.
    pub requirement: String,
    /// The rating, or none when left unrated.
    pub rating: Option<Rating>,
}

/// A recorded interview with its scorecard.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Interview {
    /// Row id.
    pub id: InterviewId,
    /// The application.
    pub application_id: ApplicationId,
    /// The stage it was held at.
    pub stage_id: StageId,
    /// That stage's label.
    pub stage_label: String,
    /// Who interviewed.
    pub interviewer: String,
    /// When (date).
    pub held_on: NaiveDate,
    /// Overall recommendation.
    pub recommendation: Rating,
    /// Free-text notes.
    pub notes: String,
    /// Per-requirement ratings.
    pub scores: Vec<Score>,
    /// The level the scorecard rated (kept when the application's level changes later).
    pub level_title: Option<String>,
    /// The scheduled interview it came from, if it was recorded from one.
    pub schedule_id: Option<crate::domain::ScheduleId>,
}

/// What an interviewer fills in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInterview {
    /// Stage; `None` means the application's current stage.
    pub stage: Option<StageId>,
    /// Who interviewed (required).
    pub interviewer: String,
    /// When.
    pub held_on: NaiveDate,
    /// Overall recommendation (required).
    pub recommendation: Rating,
    /// Notes.
    pub notes: String,
    /// Ratings by requirement index (position in the level's requirement list).
    pub ratings: Vec<(usize, Rating)>,
}

impl Store {
    /// The stage an interview was held at, from the event that recorded it (which may
    /// differ from where the application stood then).
    pub fn interview_stage_of_event(&self, event: crate::domain::EventId) -> Result<Option<StageId>> {
        let found = self.db().query_opt(
            "SELECT stage_id FROM interviews WHERE event_id = ?1",
            &args![event],
            |r| r.get::<i64>(0),
        )?;
        Ok(found.map(StageId))
    }

    /// The requirements an interview for this application rates (its level's, from the page).
    pub fn requirements_for(&self, app: ApplicationId) -> Result<Vec<String>> {
        let a = self.application(app)?;
        self.level_items(a.level_id, ItemKind::Requirement)
    }

    /// Record an interview outcome: interview, scores and event in one transaction.
    pub fn record_interview(
        &mut self,
        app: ApplicationId,
        new: &NewInterview,
        expected: Option<i64>,
    ) -> Result<(InterviewId, crate::domain::EventId)> {
        self.record_interview_from(app, new, expected, None)
    }

    /// [`Store::record_interview`] of the scorecard of a scheduled interview (its stage
    /// and one of its interviewers), which then belongs to it.
    pub fn record_interview_from(
        &mut self,
        app: ApplicationId,
        new: &NewInterview,
        expected: Option<i64>,
        schedule: Option<ScheduleId>,
    ) -> Result<(InterviewId, crate::domain::EventId)> {
        let mut new = new.clone();
        if let Some(id) = schedule {
            new.stage = Some(self.check_scheduled(app, &new, id)?);
        }
        let new = &new;
        let today = self.now().date_naive();
        if new.held_on > today {
            return Err(StoreError::Invalid(format!(
                "the interview date {} is in the future (today is {today} UTC); use today or an earlier date",
                new.held_on
            )));
        }
        let request = self.next_request_id();
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            // Lock the application first (SQLite's write lock already covers it): every
            // check below reads it as it is now, and nothing can change it before the
            // commit. A caller without a version is never refused for a change it did not see.
            super::transitions::lock_application(tx, app)?;
            // A retry of an outcome that was committed (its reply lost): what it recorded.
            if let Some(r) = request.as_deref()
                && let Some(event) = super::request::replayed(tx, r, app)?
            {
                let interview =
                    tx.query_opt("SELECT id FROM interviews WHERE event_id = ?1", &args![event], |r| {
                        Ok(InterviewId(r.get(0)?))
                    })?;
                return interview.map(|i| (i, event)).ok_or_else(|| super::request::used_elsewhere(r, event));
            }
            let current = store.application(app)?;
            if expected.is_some_and(|v| v != current.version) {
                return Err(StoreError::Conflict(format!(
                    "{} was changed by someone else since you looked; refresh and try again",
                    current.candidate_name
                )));
            }
            let checked = store.check_interview(&current, new)?;
            write_interview(tx, (&now, &store.actor, request.as_deref()), &current, new, checked, schedule)
        })
    }

    /// Every interview of an application the actor may see (`visibility.rs`), oldest
    /// first, with scores.
    pub fn interviews(&self, app: ApplicationId) -> Result<Vec<Interview>> {
        let sql = format!(
            "SELECT i.id, i.application_id, i.stage_id, s.label, i.interviewer, i.held_on, i.recommendation, i.notes,
                    l.title, i.schedule_id
             FROM interviews i JOIN stages s ON s.id = i.stage_id LEFT JOIN levels l ON l.id = i.level_id
             JOIN applications a ON a.id = i.application_id
             WHERE i.application_id = ?1 AND NOT {} ORDER BY i.id",
            super::visibility::hidden_sql(2)
        );
        let mut list = self.db().query_rows(&sql, &args![app, self.actor.as_str()], |r| {
            let held: String = r.get(5)?;
            let rec: i64 = r.get(6)?;
            Ok(Interview {
                id: InterviewId(r.get(0)?),
                application_id: ApplicationId(r.get(1)?),
                stage_id: StageId(r.get(2)?),
                stage_label: r.get(3)?,
                interviewer: r.get(4)?,
                held_on: NaiveDate::parse_from_str(&held, "%Y-%m-%d").unwrap_or_default(),
                recommendation: Rating::from_value(rec).unwrap_or(Rating::No),
                notes: r.get(7)?,
                scores: Vec::new(),
                level_title: r.get(8)?,
                schedule_id: r.get::<Option<i64>>(9)?.map(crate::domain::ScheduleId),
            })
        })?;
        self.attach_scores(&mut list)?;
        Ok(list)
    }

    /// Each interview's scores, in one query (a hiring manager or an interviewer on a
    /// server reads scores through a view that lists all theirs each time: 0021).
    fn attach_scores(&self, list: &mut [Interview]) -> Result<()> {
        if list.is_empty() {
            return Ok(());
        }
        let ids: Vec<Value> = list.iter().map(|i| Value::from(i.id.0)).collect();
        let marks: Vec<String> = (1..=ids.len()).map(|n| format!("?{n}")).collect();
        let sql = format!(
            "SELECT interview_id, requirement, rating FROM interview_scores WHERE interview_id IN ({})
             ORDER BY interview_id, position",
            marks.join(", ")
        );
        let scores = self.db().query_rows(&sql, &ids, |r| {
            let rating: Option<i64> = r.get(2)?;
            Ok((
                r.get::<i64>(0)?,
                Score { requirement: r.get(1)?, rating: rating.and_then(Rating::from_value) },
            ))
        })?;
        for (id, score) in scores {
            if let Some(interview) = list.iter_mut().find(|i| i.id.0 == id) {
                interview.scores.push(score);
            }
        }
        Ok(())
    }
}

impl Store {
    /// A scorecard from a scheduled interview: of this application, at its stage, not
    /// cancelled, by one of its interviewers, once each.
    fn check_scheduled(&self, app: ApplicationId, new: &NewInterview, id: ScheduleId) -> Result<StageId> {
        let s = self.schedule(id)?;
        let who = new.interviewer.trim();
        let refuse = |why: String| Err(StoreError::Invalid(format!("interview {id} {why}")));
        if s.application_id != app {
            return refuse(format!("is for application {}, not {app}", s.application_id));
        }
        if s.is_cancelled() {
            return Err(StoreError::Conflict(format!("interview {id} was cancelled")));
        }
        if new.stage.is_some_and(|stage| stage != s.stage_id) {
            return refuse(format!("was at {}", s.stage_label));
        }
        if !s.has_interviewer(who) {
            return refuse(format!("was with {}, not {who}", s.interviewers.join(", ")));
        }
        if s.starts_at > self.now() {
            let on = s.local_start().format("%Y-%m-%d %H:%M %Z");
            return refuse(format!("is on {on}, still to come: record its outcome once it is held"));
        }
        let done: i64 = self.db().query_value(
            "SELECT COUNT(*) FROM interviews WHERE schedule_id = ?1 AND interviewer = ?2",
            &args![id, who],
        )?;
        if done > 0 {
            return Err(StoreError::Conflict(format!(
                "{who} already recorded a scorecard for interview {id}"
            )));
        }
        Ok(s.stage_id)
    }

    /// What recording an interview on `current` needs checked, under the write lock: the
    /// person not erased, an interviewer, no NUL, an open application (`rules`), a stage
    /// of its role, ratings of existing requirements. Returns the interviewer (trimmed),
    /// the stage and the level's requirements.
    fn check_interview(
        &self,
        current: &crate::domain::Application,
        new: &NewInterview,
    ) -> Result<(String, StageId, Vec<String>)> {
        if self.is_erased(current.candidate_id)? {
            return Err(StoreError::Conflict(format!(
                "candidate {}'s data was erased, so no interview can be recorded for them",
                current.candidate_id
            )));
        }
        let interviewer = new.interviewer.trim();
        if interviewer.is_empty() {
            return Err(StoreError::Invalid("an interview needs an interviewer".into()));
        }
        super::candidates::reject_nul("interviewer", interviewer)?;
        super::candidates::reject_nul("notes", &new.notes)?;
        if !crate::domain::rules::Change::RecordInterview.allows(current.status) {
            return Err(StoreError::Conflict(format!(
                "{} is {}; reopen the application before recording an interview",
                current.candidate_name, current.status
            )));
        }
        let stage = new.stage.unwrap_or(current.stage_id);
        let stage_row = self.stage(stage)?;
        if stage_row.family_id != current.family_id {
            return Err(StoreError::Invalid(format!("stage '{}' belongs to another role", stage_row.label)));
        }
        let requirements = self.level_items(current.level_id, ItemKind::Requirement)?;
        for (index, _) in &new.ratings {
            if *index >= requirements.len() {
                return Err(StoreError::Invalid(format!(
                    "requirement {} does not exist; this level has {} (see `rolecall interview requirements {}`)",
                    index + 1,
                    requirements.len(),
                    current.id
                )));
            }
        }
        Ok((interviewer.to_string(), stage, requirements))
    }
}

/// Write a checked interview (interviewer, stage, the level's requirements) inside the
/// caller's transaction: its event, its row, its scores, and the application's version.
fn write_interview(
    tx: &dyn Sql,
    (now, actor, request): (&str, &str, Option<&str>),
    current: &crate::domain::Application,
    new: &NewInterview,
    (interviewer, stage, requirements): (String, StageId, Vec<String>),
    schedule: Option<ScheduleId>,
) -> Result<(InterviewId, crate::domain::EventId)> {
    let note = format!("{} by {interviewer}", new.recommendation.label());
    let event = super::events::append_for(
        tx,
        now,
        actor,
        &super::events::NewEvent {
            kind: EventKind::InterviewRecorded,
            candidate: current.candidate_id,
            application: current.id,
            // The application's state is unchanged; the interview's stage is in its row.
            from_stage: current.stage_id,
            to_stage: current.stage_id,
            from_status: current.status,
            to_status: current.status,
            reason: None,
            note: Some(&note),
            undoes: None,
        },
        request,
    )?;
    let id = InterviewId(tx.insert_returning_id(
        "INSERT INTO interviews (application_id, stage_id, interviewer, held_on, recommendation, notes, created_at,
                                 event_id, level_id, schedule_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) RETURNING id",
        &args![
            current.id,
            stage,
            interviewer,
            new.held_on.format("%Y-%m-%d").to_string(),
            new.recommendation.value(),
            &new.notes,
            now,
            event,
            current.level_id,
            schedule
        ],
    )?);
    insert_scores(tx, id, &requirements, &new.ratings)?;
    tx.execute(
        "UPDATE applications SET version = version + 1, updated_at = ?2 WHERE id = ?1",
        &args![current.id, now],
    )?;
    Ok((id, event))
}

/// One score row per requirement of the level; the last rating given for it wins.
fn insert_scores(
    tx: &dyn Sql,
    id: InterviewId,
    requirements: &[String],
    ratings: &[(usize, Rating)],
) -> Result<()> {
    for (pos, requirement) in requirements.iter().enumerate() {
        let rating = ratings.iter().rev().find(|(i, _)| *i == pos).map(|(_, r)| r.value());
        tx.execute(
            "INSERT INTO interview_scores (interview_id, position, requirement, rating) VALUES (?1, ?2, ?3, ?4)",
            &args![id.0, pos, requirement, rating],
        )?;
    }
    Ok(())
}
