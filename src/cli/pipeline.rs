//! `apply`, `move`, `reject`, `withdraw`, `hold`, `resume`, `hire`, `reopen`, `history`.

use super::args::{Command, MoveArgs};
use super::{CliError, CliResult, Output};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Event, RejectReason};
use crate::present::describe;
use crate::store::{Store, Transition, did_you_mean};
use serde::Serialize;

/// Dispatch a pipeline command.
pub fn run(store: &mut Store, out: &Output, command: Command) -> CliResult {
    let t = match command {
        Command::Apply { candidate, role, level } => {
            let c = store.find_candidate(&candidate)?;
            let family = store.family_by_slug(&role)?;
            let level = store.level_by_name(family.id, &level)?;
            store.apply(c.id, level.id)?
        }
        Command::Move(args) => move_app(store, &args)?,
        Command::Reject { app, reason, note, guard } => {
            let reason = RejectReason::parse(&reason).ok_or_else(|| unknown_reason(&reason))?;
            store.reject(ApplicationId(app), reason, note.as_deref(), guard.if_version)?
        }
        Command::Withdraw { app, note, guard } => {
            store.withdraw(ApplicationId(app), note.as_deref(), guard.if_version)?
        }
        Command::Hold { app, note, guard } => {
            store.hold(ApplicationId(app), note.as_deref(), guard.if_version)?
        }
        Command::Resume { app, guard } => store.resume(ApplicationId(app), guard.if_version)?,
        Command::Hire { app, guard } => store.hire(ApplicationId(app), guard.if_version)?,
        Command::Reopen { app, guard } => store.reopen(ApplicationId(app), guard.if_version)?,
        Command::History { app } => return history(store, out, ApplicationId(app)),
        _ => return Err(CliError::usage("not a pipeline command")),
    };
    print_transition(store, out, &t)
}

/// "unknown reason 'compensaton'; did you mean 'compensation'? use one of: …".
fn unknown_reason(given: &str) -> CliError {
    let keys: Vec<&str> = RejectReason::ALL.iter().map(|r| r.as_str()).collect();
    let typed = given.trim().replace('_', "-");
    let hint = did_you_mean(&typed, keys.iter().copied())
        .map(|k| format!("did you mean '{k}'? "))
        .unwrap_or_default();
    CliError::usage(format!("unknown reason '{given}'; {hint}use one of: {}", keys.join(", ")))
}

fn move_app(store: &mut Store, args: &MoveArgs) -> Result<Transition, CliError> {
    let app = ApplicationId(args.app);
    let expected = args.guard.if_version;
    if let Some(to) = &args.to {
        let current = store.application(app)?;
        let stage = store.stage_by_name(current.family_id, to)?;
        Ok(store.move_to(app, stage.id, expected)?)
    } else {
        Ok(store.step(app, args.next, expected)?)
    }
}

pub(super) fn print_transition(store: &Store, out: &Output, t: &Transition) -> CliResult {
    let event = store.event(t.event_id)?;
    let line = describe(store, &event);
    out.emit(t, |w| writeln!(w, "app {}: {}", t.application.id, line))
}

#[derive(Serialize)]
struct HistoryEntry {
    #[serde(flatten)]
    event: Event,
    from_stage_label: Option<String>,
    to_stage_label: Option<String>,
    summary: String,
}

fn history(store: &Store, out: &Output, app: ApplicationId) -> CliResult {
    let label = |id: Option<crate::domain::StageId>| id.and_then(|s| store.stage(s).ok()).map(|s| s.label);
    let entries: Vec<HistoryEntry> = store
        .history(app)?
        .into_iter()
        .map(|e| HistoryEntry {
            from_stage_label: label(e.from_stage),
            to_stage_label: label(e.to_stage),
            summary: describe(store, &e),
            event: e,
        })
        .collect();
    out.emit(&entries, |w| {
        for e in &entries {
            writeln!(
                w,
                "{}  {:<18} {:<10} {}",
                e.event.at.format("%Y-%m-%d %H:%M"),
                e.event.kind.as_str(),
                inert(&e.event.actor),
                e.summary
            )?;
        }
        Ok(())
    })
}
