//! Scheduling interviews (issue 16): schedule, reschedule, cancel, each with its event in
//! one transaction. Reading schedules is in `schedule_read.rs`.

use super::owners::{lock_application, person_name, unchanged_event};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::clock::format_time;
use crate::domain::{Application, ApplicationId, EventKind, Schedule, ScheduleId, StageId};
use chrono::{DateTime, Utc};

/// What scheduling an interview takes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSchedule {
    /// The stage; `None` means the application's current stage.
    pub stage: Option<StageId>,
    /// When it starts.
    pub starts_at: DateTime<Utc>,
    /// The zone the time was given in (IANA name).
    pub zone: String,
    /// Length in minutes (1 to 1440).
    pub duration_minutes: u32,
    /// Who interviews (at least one).
    pub interviewers: Vec<String>,
    /// Where (a room, a link); may be empty.
    pub place: String,
}

/// What a reschedule changes; `None` keeps what is there.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScheduleChange {
    /// A new start and the zone it was given in.
    pub starts_at: Option<(DateTime<Utc>, String)>,
    /// A new length.
    pub duration_minutes: Option<u32>,
    /// New interviewers (replacing the old ones).
    pub interviewers: Option<Vec<String>>,
    /// A new place.
    pub place: Option<String>,
    /// Another stage.
    pub stage: Option<StageId>,
}

impl Store {
    /// Schedule an interview for an open application.
    pub fn schedule_interview(&mut self, app: ApplicationId, new: &NewSchedule) -> Result<Schedule> {
        let interviewers = checked_people(&new.interviewers)?;
        super::candidates::reject_nul("--where", &new.place)?;
        self.refuse_past(new.starts_at)?;
        let uid = format!("{}@rolecall", uuid::Uuid::new_v4());
        let store: &Store = self;
        let id = store.write(|tx| {
            let now = store.now_in(tx)?;
            let current = lock_open(store, tx, app)?;
            let stage = store.stage_of_role(&current, new.stage)?;
            let id = ScheduleId(tx.insert_returning_id(
                "INSERT INTO interview_schedules (uid, application_id, stage_id, starts_at, zone, duration_minutes,
                                                  place, sequence, created_at, created_by, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 0, ?8, ?9, ?8) RETURNING id",
                &args![
                    uid.as_str(),
                    app,
                    stage,
                    format_time(new.starts_at),
                    new.zone.as_str(),
                    new.duration_minutes,
                    new.place.trim(),
                    now.as_str(),
                    store.actor.as_str()
                ],
            )?);
            write_people(tx, id, &interviewers)?;
            let note = describe(new.starts_at, &new.zone, &interviewers);
            unchanged_event(tx, &now, &store.actor, &current, EventKind::InterviewScheduled, &note)?;
            Ok(id)
        })?;
        self.schedule(id)
    }

    /// Move a scheduled interview (or change its length, interviewers, place or stage);
    /// its sequence rises so calendars take the change.
    pub fn reschedule(&mut self, id: ScheduleId, change: &ScheduleChange) -> Result<Schedule> {
        let people = change.interviewers.as_deref().map(checked_people).transpose()?;
        if let Some(place) = &change.place {
            super::candidates::reject_nul("--where", place)?;
        }
        if let Some((at, _)) = change.starts_at {
            self.refuse_past(at)?;
        }
        let before = self.schedule(id)?;
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            let current = lock_open(store, tx, before.application_id)?;
            refuse_cancelled(tx, id)?;
            let stage = store.stage_of_role(&current, change.stage.or(Some(before.stage_id)))?;
            let (at, zone) = change.starts_at.clone().unwrap_or((before.starts_at, before.zone.clone()));
            let minutes = change.duration_minutes.unwrap_or(before.duration_minutes);
            let place = change.place.as_deref().map_or(before.place.clone(), |p| p.trim().to_string());
            tx.execute(
                "UPDATE interview_schedules SET starts_at = ?2, zone = ?3, duration_minutes = ?4, place = ?5,
                        stage_id = ?6, sequence = sequence + 1, updated_at = ?7
                 WHERE id = ?1",
                &args![id, format_time(at), zone.as_str(), minutes, place.as_str(), stage, now.as_str()],
            )?;
            if let Some(people) = &people {
                tx.execute(
                    "UPDATE interview_schedule_people SET dropped_at = ?2 WHERE schedule_id = ?1 AND dropped_at IS NULL",
                    &args![id, now.as_str()],
                )?;
                write_people(tx, id, people)?;
            }
            let names = people.clone().unwrap_or_else(|| before.interviewers.clone());
            let note = format!("{} (was {})", describe(at, &zone, &names), describe_at(before.starts_at, &before.zone));
            unchanged_event(tx, &now, &store.actor, &current, EventKind::InterviewRescheduled, &note)?;
            Ok(())
        })?;
        self.schedule(id)
    }

    /// Cancel a scheduled interview: it stays on record (a calendar shows it cancelled).
    pub fn cancel_schedule(&mut self, id: ScheduleId) -> Result<Schedule> {
        let before = self.schedule(id)?;
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            let current = lock_application(store, tx, before.application_id)?;
            refuse_cancelled(tx, id)?;
            tx.execute(
                "UPDATE interview_schedules SET cancelled_at = ?2, sequence = sequence + 1, updated_at = ?2
                 WHERE id = ?1",
                &args![id, now.as_str()],
            )?;
            let note = format!("cancelled {}", describe_at(before.starts_at, &before.zone));
            unchanged_event(tx, &now, &store.actor, &current, EventKind::InterviewCancelled, &note)?;
            Ok(())
        })?;
        self.schedule(id)
    }

    fn refuse_past(&self, at: DateTime<Utc>) -> Result<()> {
        let now = self.now();
        if at < now {
            return Err(StoreError::Invalid(format!(
                "{} is in the past (it is now {} UTC); schedule a time to come",
                at.format("%Y-%m-%d %H:%M UTC"),
                now.format("%Y-%m-%d %H:%M")
            )));
        }
        Ok(())
    }

    /// `stage` (default: the application's current one), refused unless of its role.
    fn stage_of_role(&self, current: &Application, stage: Option<StageId>) -> Result<StageId> {
        let stage = stage.unwrap_or(current.stage_id);
        let row = self.stage(stage)?;
        if row.family_id != current.family_id {
            return Err(StoreError::Invalid(format!("stage '{}' belongs to another role", row.label)));
        }
        Ok(stage)
    }
}

/// Lock an application and refuse a closed one.
fn lock_open(store: &Store, tx: &dyn Sql, app: ApplicationId) -> Result<Application> {
    let current = lock_application(store, tx, app)?;
    if !crate::domain::rules::Change::RecordInterview.allows(current.status) {
        return Err(StoreError::Conflict(format!(
            "{} is {}; reopen the application before scheduling an interview",
            current.candidate_name, current.status
        )));
    }
    Ok(current)
}

fn refuse_cancelled(tx: &dyn Sql, id: ScheduleId) -> Result<()> {
    let cancelled: Option<String> = tx.query_value(
        &format!("SELECT cancelled_at FROM interview_schedules WHERE id = ?1{}", tx.for_update()),
        &args![id],
    )?;
    if cancelled.is_some() {
        return Err(StoreError::Conflict(format!(
            "interview {id} was cancelled; schedule a new one with `rolecall schedule`"
        )));
    }
    Ok(())
}

fn checked_people(names: &[String]) -> Result<Vec<String>> {
    let mut people: Vec<String> = Vec::new();
    for name in names {
        let name = person_name("--interviewer", name)?;
        if !people.contains(&name) {
            people.push(name);
        }
    }
    if people.is_empty() {
        return Err(StoreError::Invalid("an interview needs at least one --interviewer".into()));
    }
    Ok(people)
}

fn write_people(tx: &dyn Sql, id: ScheduleId, people: &[String]) -> Result<()> {
    for (position, person) in people.iter().enumerate() {
        tx.execute(
            "INSERT INTO interview_schedule_people (schedule_id, position, person) VALUES (?1, ?2, ?3)",
            &args![id, position, person.as_str()],
        )?;
    }
    Ok(())
}

fn describe_at(at: DateTime<Utc>, zone: &str) -> String {
    let local = at.with_timezone(&crate::domain::schedule::zone_or_utc(zone));
    format!("{} {zone}", local.format("%Y-%m-%d %H:%M"))
}

fn describe(at: DateTime<Utc>, zone: &str, people: &[String]) -> String {
    format!("{} with {}", describe_at(at, zone), people.join(", "))
}
