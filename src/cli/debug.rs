//! Hidden commands for reliability testing.

use super::CliResult;
use crate::domain::{AppStatus, ApplicationId};
use crate::store::{Store, StoreError};
use std::io::Write;

/// Move the active applications back and forth `count` times, round robin, printing
/// each event id on its own line only after its transaction committed. A test kills
/// this process at random moments and checks that every printed id survived.
pub fn churn(store: &mut Store, count: u64) -> CliResult {
    let mut apps: Vec<(ApplicationId, bool)> = Vec::new();
    for family in store.families()? {
        let cards = store.board(family.id, false)?;
        apps.extend(cards.into_iter().filter(|c| c.status == AppStatus::Active).map(|c| (c.id, true)));
    }
    if apps.is_empty() {
        return Err(super::CliError::usage("no active applications to move; apply some candidates first"));
    }
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for i in 0..count {
        let slot = (i % apps.len() as u64) as usize;
        let (app, forward) = apps[slot];
        let t = match store.step(app, forward, None) {
            Ok(t) => t,
            // At the first or last stage: turn around.
            Err(StoreError::Conflict(_)) => {
                apps[slot].1 = !forward;
                store.step(app, !forward, None)?
            }
            Err(e) => return Err(e.into()),
        };
        writeln!(out, "{}", t.event_id)?;
        out.flush()?;
    }
    Ok(())
}
