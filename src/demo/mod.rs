//! `rolecall demo`: fill a database with a realistic, deterministic pipeline for every
//! role in it — people applying over the last twelve months, a funnel that narrows
//! stage by stage, interviews with scorecards, rejections with reasons, holds,
//! withdrawals and hires — written in one transaction, with every application's
//! state equal to the replay of its events.

pub mod arrivals;
pub mod people;
mod pipe;
pub mod plan;
pub mod rng;
pub mod story;
pub mod stream;
pub mod time;
mod write;

use crate::domain::{ItemKind, StageKind};
use crate::store::{Result, Store};
use plan::{LevelShape, RoleShape};
use serde::Serialize;
use story::StageShape;

pub use write::Written;

/// The default seed, so `rolecall demo` twice on the same roles and clock agrees.
pub const DEFAULT_SEED: u64 = 42;

/// What to generate.
#[derive(Debug, Clone, Copy)]
pub struct DemoOptions {
    /// How many people.
    pub candidates: usize,
    /// Seed: the same seed, roles and clock give the same data.
    pub seed: u64,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
pub struct DemoReport {
    /// Roles the applications were spread over.
    pub roles: usize,
    /// People added.
    pub candidates: u64,
    /// Applications added.
    pub applications: u64,
    /// Events added.
    pub events: u64,
    /// Interviews (scorecards) added.
    pub interviews: u64,
    /// Seed used.
    pub seed: u64,
}

/// The roles of the database as the generator needs them.
pub fn role_shapes(store: &Store) -> Result<Vec<RoleShape>> {
    let mut shapes = Vec::new();
    for family in store.families()? {
        let stages = store
            .stages(family.id)?
            .into_iter()
            .map(|s| {
                let mut interviewers: Vec<String> = s.interviewers.clone();
                if interviewers.is_empty() {
                    interviewers = people::INTERVIEWERS.iter().map(|n| n.to_string()).collect();
                }
                StageShape {
                    id: s.id,
                    offer: s.kind == StageKind::Offer,
                    min_interviews: s.min_interviews,
                    max_interviews: s.max_interviews,
                    interviewers,
                }
            })
            .collect();
        let mut levels = Vec::new();
        for level in store.levels(family.id)? {
            let requirements = store.level_items(level.id, ItemKind::Requirement)?;
            levels.push(LevelShape { id: level.id, requirements });
        }
        shapes.push(RoleShape { family: family.id, stages, levels });
    }
    Ok(shapes)
}

/// Add `opts.candidates` generated people and their pipelines to every role in `store`.
pub fn fill(store: &mut Store, opts: DemoOptions) -> Result<DemoReport> {
    fill_with_progress(store, opts, &mut |_, _| {})
}

/// [`fill`], calling `progress(people written, people to write)` as it goes.
pub fn fill_with_progress(
    store: &mut Store,
    opts: DemoOptions,
    progress: &mut dyn FnMut(u64, u64),
) -> Result<DemoReport> {
    let roles = role_shapes(store)?;
    let now = time::from_datetime(store.now());
    let total = opts.candidates as u64;
    progress(0, total);
    // About nine events a person; decides whether the indexes are rebuilt at the end.
    let expected_events = total.saturating_mul(9);
    let written = store.bulk_load(expected_events, |w| {
        let next = w.next_ids()?;
        let written = pipe::write(w, &roles, (opts.candidates, opts.seed, now), next, &mut |done| {
            progress(done, total)
        })?;
        // What is left is the commit, which rebuilds the indexes.
        progress(total, total);
        Ok(written)
    })?;
    Ok(DemoReport {
        roles: roles.iter().filter(|r| !r.levels.is_empty() && !r.stages.is_empty()).count(),
        candidates: written.candidates,
        applications: written.applications,
        events: written.events,
        interviews: written.interviews,
        seed: opts.seed,
    })
}
