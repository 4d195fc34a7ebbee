//! The team commands (issue 16): `owner`, `assign`, `note`, `queue`, and the dispatch of
//! the schedule commands (`schedule.rs`).

use super::team_args::TeamCommand;
use super::{CliResult, Output};
use crate::domain::ApplicationId;
use crate::domain::text::inert;
use crate::store::{Queue, RoleOwners, Store};
use serde::Serialize;

/// Run one team command.
pub fn run(store: &mut Store, out: &Output, command: TeamCommand) -> CliResult {
    match command {
        TeamCommand::Owner { role, hiring_manager, recruiters } => {
            owner(store, out, &role, hiring_manager.as_deref(), &recruiters)
        }
        TeamCommand::Assign { app, owner } => {
            let app = ApplicationId(app);
            let event = store.assign_owner(app, &owner)?;
            let now = store.application_owner(app)?;
            let shown = Assigned { application_id: app, owner: now, event_id: event.0 };
            out.emit(&shown, |w| writeln!(w, "app {app}: owner is now {}", inert(&shown.owner)))
        }
        TeamCommand::Schedule(args) => super::schedule::schedule(store, out, &args),
        TeamCommand::Reschedule(args) => super::schedule::reschedule(store, out, &args),
        TeamCommand::Cancel { id } => super::schedule::cancel(store, out, id),
        TeamCommand::Agenda(args) => super::schedule::agenda(store, out, &args),
        TeamCommand::Queue { for_person, .. } => {
            let person = for_person.map_or_else(|| store.actor().to_string(), |p| p.trim().to_string());
            let queue = store.queue(&person)?;
            out.emit(&queue, |w| print_queue(w, &queue))
        }
        TeamCommand::Note { app, text } => {
            let app = ApplicationId(app);
            let event = store.add_note(app, &text)?;
            let shown = Noted { application_id: app, event_id: event.0 };
            out.emit(&shown, |w| writeln!(w, "app {app}: note added (event {})", event.0))
        }
    }
}

#[derive(Serialize)]
struct Assigned {
    application_id: ApplicationId,
    owner: String,
    event_id: i64,
}

#[derive(Serialize)]
struct Noted {
    application_id: ApplicationId,
    event_id: i64,
}

#[derive(Serialize)]
struct Owners {
    role: String,
    #[serde(flatten)]
    owners: RoleOwners,
}

fn owner(
    store: &mut Store,
    out: &Output,
    role: &str,
    manager: Option<&str>,
    recruiters: &[String],
) -> CliResult {
    let family = store.family_by_slug(role)?;
    let owners = if manager.is_none() && recruiters.is_empty() {
        store.role_owners(family.id)?
    } else {
        store.set_role_owners(family.id, manager, recruiters)?
    };
    let shown = Owners { role: family.slug.clone(), owners };
    out.emit(&shown, |w| {
        let manager = shown.owners.hiring_manager.as_deref().unwrap_or("(none)");
        writeln!(w, "{}: hiring manager {}", shown.role, inert(manager))?;
        let recruiters = if shown.owners.recruiters.is_empty() {
            "(none)".to_string()
        } else {
            shown.owners.recruiters.join(", ")
        };
        writeln!(w, "{}: recruiters {}", shown.role, inert(&recruiters))
    })
}

fn print_queue(w: &mut dyn std::io::Write, q: &Queue) -> std::io::Result<()> {
    writeln!(w, "queue of {}", inert(&q.person))?;
    let sections = [
        ("scorecards owed", &q.scorecards_owed),
        ("interviews today", &q.today),
        ("interviews this week", &q.this_week),
    ];
    for (title, list) in sections {
        writeln!(w, "{title}: {}", list.len())?;
        for s in list {
            writeln!(w, "  {:>4}  {}", s.id, super::schedule::line(s))?;
        }
    }
    writeln!(w, "candidates you own with nothing scheduled: {}", q.unscheduled.len())?;
    for u in &q.unscheduled {
        writeln!(
            w,
            "  app {} {} · {} · {}",
            u.application_id,
            inert(&u.candidate_name),
            u.role,
            inert(&u.stage_label)
        )?;
    }
    Ok(())
}
