//! Who runs a role (a hiring manager and recruiters) and who owns an application (issue
//! 16). Both are append-only logs: the newest entry is in force. An application nobody
//! assigned is owned by the person who added it (the actor of its first event).

use super::events::{NewEvent, append};
use super::sql::prelude::*;
use super::visibility::OWNER_SQL;
use super::{Result, Store, StoreError};
use crate::domain::{Application, ApplicationId, EventId, EventKind, FamilyId};
use serde::Serialize;

/// The people who run a role.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct RoleOwners {
    /// The hiring manager, if one is set.
    pub hiring_manager: Option<String>,
    /// The recruiters, in the order given.
    pub recruiters: Vec<String>,
}

impl RoleOwners {
    /// Whether `person` is the hiring manager or a recruiter.
    pub fn includes(&self, person: &str) -> bool {
        self.hiring_manager.as_deref() == Some(person) || self.recruiters.iter().any(|r| r == person)
    }
}

/// A person's name as given on the command line or in a form: trimmed, not empty, no NUL.
pub(crate) fn person_name(what: &str, name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid(format!("{what} needs a name")));
    }
    super::candidates::reject_nul(what, name)?;
    Ok(name.to_string())
}

impl Store {
    /// The people who run a role (nobody, until set).
    pub fn role_owners(&self, family: FamilyId) -> Result<RoleOwners> {
        role_owners_in(self.db(), family)
    }

    /// Set who runs a role. `None` keeps the current hiring manager; an empty list keeps
    /// the current recruiters. Recorded as a new entry of the owners' log.
    pub fn set_role_owners(
        &mut self,
        family: FamilyId,
        hiring_manager: Option<&str>,
        recruiters: &[String],
    ) -> Result<RoleOwners> {
        let manager = hiring_manager.map(|m| person_name("--hiring-manager", m)).transpose()?;
        let recruiters =
            recruiters.iter().map(|r| person_name("--recruiter", r)).collect::<Result<Vec<_>>>()?;
        if self.family(family)?.is_none() {
            return Err(StoreError::not_found("role", &family.to_string(), []));
        }
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            let mut next = role_owners_in(tx, family)?;
            if let Some(m) = &manager {
                next.hiring_manager = Some(m.clone());
            }
            if !recruiters.is_empty() {
                next.recruiters = recruiters.clone();
                next.recruiters.dedup();
            }
            let set = tx.insert_returning_id(
                "INSERT INTO role_owner_sets (family_id, at, actor) VALUES (?1, ?2, ?3) RETURNING id",
                &args![family, now.as_str(), store.actor.as_str()],
            )?;
            let people = next.hiring_manager.iter().map(|m| ("hiring_manager", m));
            for (part, person) in people.chain(next.recruiters.iter().map(|r| ("recruiter", r))) {
                tx.execute(
                    "INSERT INTO role_owner_people (set_id, part, person) VALUES (?1, ?2, ?3)",
                    &args![set, part, person.as_str()],
                )?;
            }
            Ok(next)
        })
    }

    /// An application's owner: the one assigned last, else the person who added it.
    pub fn application_owner(&self, app: ApplicationId) -> Result<String> {
        self.application(app)?;
        self.db().query_value(&format!("SELECT {OWNER_SQL} FROM applications a WHERE a.id = ?1"), &args![app])
    }

    /// Give an application another owner: an `owner_changed` event and an entry of the
    /// owners' log, in one transaction.
    pub fn assign_owner(&mut self, app: ApplicationId, owner: &str) -> Result<EventId> {
        let owner = person_name("--owner", owner)?;
        let store: &Store = self;
        store.write(|tx| {
            let now = store.now_in(tx)?;
            let current = lock_application(store, tx, app)?;
            let before: String = tx.query_value(
                &format!("SELECT {OWNER_SQL} FROM applications a WHERE a.id = ?1"),
                &args![app],
            )?;
            let note = format!("owner: {before} → {owner}");
            let event = unchanged_event(tx, &now, &store.actor, &current, EventKind::OwnerChanged, &note)?;
            tx.execute(
                "INSERT INTO application_owners (application_id, owner, event_id) VALUES (?1, ?2, ?3)",
                &args![app, owner.as_str(), event],
            )?;
            Ok(event)
        })
    }
}

fn role_owners_in(db: &dyn Sql, family: FamilyId) -> Result<RoleOwners> {
    let people: Vec<(String, String)> = db.query_rows(
        "SELECT p.part, p.person FROM role_owner_people p
         WHERE p.set_id = (SELECT MAX(r.id) FROM role_owner_sets r WHERE r.family_id = ?1) ORDER BY p.id",
        &args![family],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    let mut owners = RoleOwners::default();
    for (part, person) in people {
        match part.as_str() {
            "hiring_manager" => owners.hiring_manager = Some(person),
            _ => owners.recruiters.push(person),
        }
    }
    Ok(owners)
}

/// Lock an application for a change (PostgreSQL: `FOR UPDATE`; SQLite's write lock
/// already covers it) and read it, refusing a person whose data was erased.
pub(crate) fn lock_application(store: &Store, tx: &dyn Sql, app: ApplicationId) -> Result<Application> {
    super::transitions::lock_application(tx, app)?;
    let current = store.application(app)?;
    store.refuse_if_erased(current.candidate_id)?;
    Ok(current)
}

/// Append an event that leaves the application's stage and status as they are.
pub(crate) fn unchanged_event(
    tx: &dyn Sql,
    now: &str,
    actor: &str,
    current: &Application,
    kind: EventKind,
    note: &str,
) -> Result<EventId> {
    append(
        tx,
        now,
        actor,
        &NewEvent {
            kind,
            candidate: current.candidate_id,
            application: current.id,
            from_stage: current.stage_id,
            to_stage: current.stage_id,
            from_status: current.status,
            to_status: current.status,
            reason: None,
            note: Some(note),
            undoes: None,
        },
    )
}
