//! `apply`, `move`, `reject`, `withdraw`, `hold`, `resume`, `hire`, `reopen`, `history`.

use super::{CliError, CliResult, Output};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Event, RejectReason};
use crate::present::describe;
use crate::store::{Store, Transition, did_you_mean};
use serde::Serialize;

/// `apply CANDIDATE --role R --level L`: the candidate enters the role's first stage.
pub fn apply(store: &mut Store, out: &Output, candidate: &str, role: &str, level: &str) -> CliResult {
    let c = store.find_candidate(candidate)?;
    let family = store.family_by_slug(role)?;
    let level = store.level_by_name(family.id, level)?;
    let t = store.apply(c.id, level.id)?;
    print_transition(store, out, &t)
}

/// A change the store makes to one application (withdraw, hold, resume, hire, reopen),
/// then the line that describes it.
pub fn change(
    store: &mut Store,
    out: &Output,
    write: impl FnOnce(&mut Store) -> crate::store::Result<Transition>,
) -> CliResult {
    let t = write(store)?;
    print_transition(store, out, &t)
}

/// "unknown reason 'compensaton'; did you mean 'compensation'? use one of: …".
pub(super) fn unknown_reason(given: &str) -> CliError {
    let keys: Vec<&str> = RejectReason::ALL.iter().map(|r| r.as_str()).collect();
    let typed = given.trim().replace('_', "-");
    let hint = did_you_mean(&typed, keys.iter().copied())
        .map(|k| format!("did you mean '{k}'? "))
        .unwrap_or_default();
    CliError::usage(format!("unknown reason '{given}'; {hint}use one of: {}", keys.join(", ")))
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

/// `history APP`: every event of the application, oldest first.
pub fn history(store: &Store, out: &Output, app: ApplicationId) -> CliResult {
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
