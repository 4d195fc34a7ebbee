//! The whole demo pipeline, planned in memory before anything is written: people
//! arriving over the last twelve months, their applications, and every event in the
//! order it happened, so ids follow time as they do in a real log.

use super::people::{self, Person};
use super::rng::Rng;
use super::story::{self, Outcome, StageShape, Step};
use super::time::{DAY, Micros, working_time};
use crate::domain::{FamilyId, LevelId};

/// How far back the demo's history reaches.
pub const HISTORY_DAYS: i64 = 365;

/// A role as the generator sees it.
#[derive(Debug, Clone)]
pub struct RoleShape {
    /// The family.
    pub family: FamilyId,
    /// Its stages in order, Offer last.
    pub stages: Vec<StageShape>,
    /// Its levels in page order.
    pub levels: Vec<LevelShape>,
}

/// A level and the requirements its scorecards rate.
#[derive(Debug, Clone)]
pub struct LevelShape {
    /// The level.
    pub id: LevelId,
    /// Requirement texts, copied into each score as the store does.
    pub requirements: Vec<String>,
}

/// A person to add.
#[derive(Debug, Clone)]
pub struct PlannedCandidate {
    /// Who.
    pub person: Person,
    /// When they first applied.
    pub created_at: Micros,
}

/// An application to add, in its final state.
#[derive(Debug, Clone, Copy)]
pub struct PlannedApplication {
    /// Index into `Plan::candidates`.
    pub candidate: u32,
    /// Index into the roles.
    pub role: u16,
    /// Index into the role's levels.
    pub level: u16,
    /// When it was made.
    pub created_at: Micros,
    /// Where it stands now.
    pub outcome: Outcome,
}

/// An event to add.
#[derive(Debug, Clone, Copy)]
pub struct PlannedEvent {
    /// Index into `Plan::applications`.
    pub application: u32,
    /// What happened.
    pub step: Step,
}

/// Everything the demo will write, each list in id order.
#[derive(Debug, Default)]
pub struct Plan {
    /// People, oldest first.
    pub candidates: Vec<PlannedCandidate>,
    /// Applications, oldest first.
    pub applications: Vec<PlannedApplication>,
    /// Events in time order.
    pub events: Vec<PlannedEvent>,
}

/// An application before its story is told.
struct Draft {
    candidate: u32,
    nth: u32,
    role: u16,
    level: u16,
    created_at: Micros,
}

/// Plan `count` candidates over `roles` (those with at least one level and stage),
/// with everything happening at or before `now`. Same inputs, same plan.
pub fn plan(all: &[RoleShape], count: usize, seed: u64, now: Micros) -> Plan {
    let roles: Vec<(usize, &RoleShape)> =
        all.iter().enumerate().filter(|(_, r)| !r.levels.is_empty() && !r.stages.is_empty()).collect();
    if roles.is_empty() || count == 0 {
        return Plan::default();
    }
    let root = Rng::new(seed);
    let mut rng = root.fork(0);
    let role_weights: Vec<f64> = roles.iter().map(|_| 0.4 + rng.unit()).collect();
    let arrivals = arrivals(&mut rng, count, now);
    let mut candidates = Vec::with_capacity(count);
    let mut drafts = Vec::with_capacity(count * 3 / 2);
    for (c, &arrived) in arrivals.iter().enumerate() {
        let mut crng = root.fork(1 + c as u64);
        candidates
            .push(PlannedCandidate { person: people::person(&mut crng, c as u64), created_at: arrived });
        applications_of(&mut crng, c as u32, arrived, now, &roles, &role_weights, &mut drafts);
    }
    drafts.sort_by_key(|d| (d.created_at, d.candidate, d.nth));
    let (applications, events) = stories(all, &drafts, &root, seed, now);
    Plan { candidates, applications, events }
}

/// When each person applies first, in time order: working hours over the history, a
/// little more often lately, as a growing company sees.
fn arrivals(rng: &mut Rng, count: usize, now: Micros) -> Vec<Micros> {
    let start = now - HISTORY_DAYS * DAY;
    let mut arrivals: Vec<Micros> = (0..count)
        .map(|_| {
            let x = rng.unit().powf(0.85);
            working_time(start + (x * (HISTORY_DAYS * DAY) as f64) as Micros, rng.below(9 * 60) as u32)
        })
        .map(|t| t.min(now))
        .collect();
    arrivals.sort_unstable();
    arrivals
}

/// The applications person `c` makes: one at `arrived`, sometimes more later.
fn applications_of(
    crng: &mut Rng,
    c: u32,
    arrived: Micros,
    now: Micros,
    roles: &[(usize, &RoleShape)],
    role_weights: &[f64],
    drafts: &mut Vec<Draft>,
) {
    let extra = crng.weighted(&[50.0, 33.0, 17.0]);
    // One application per person per role: a second one to the same role (another
    // level, or after a rejection) is never planned, so none is ever open twice.
    let mut taken: Vec<u16> = Vec::new();
    let mut at = arrived;
    for nth in 0..=extra {
        if nth > 0 {
            at = working_time(at + (crng.exponential(12.0) * DAY as f64) as Micros, crng.below(540) as u32);
            if at > now {
                break;
            }
        }
        let (index, shape) = roles[crng.weighted(role_weights)];
        let level_weights: Vec<f64> = (0..shape.levels.len()).map(|i| 1.0 / (1.0 + 0.4 * i as f64)).collect();
        let pick = (index as u16, crng.weighted(&level_weights) as u16);
        if taken.contains(&pick.0) {
            continue;
        }
        taken.push(pick.0);
        drafts.push(Draft { candidate: c, nth: nth as u32, role: pick.0, level: pick.1, created_at: at });
    }
}

/// Tell each application's story (oldest first): the applications and every event,
/// the events in time order.
fn stories(
    all: &[RoleShape],
    drafts: &[Draft],
    root: &Rng,
    seed: u64,
    now: Micros,
) -> (Vec<PlannedApplication>, Vec<PlannedEvent>) {
    let mut applications = Vec::with_capacity(drafts.len());
    let mut events = Vec::with_capacity(drafts.len() * 7);
    let mut steps = Vec::new();
    for d in drafts {
        let Some(shape) = all.get(usize::from(d.role)) else { continue };
        let mut srng = root.fork(((u64::from(d.candidate) + 1) << 8) | u64::from(d.nth));
        // A person's quality shows across all of their applications.
        let quality = (Rng::new(seed ^ u64::from(d.candidate)).unit() * 0.8 + srng.unit() * 0.2).min(1.0);
        steps.clear();
        let outcome = story::tell(&mut srng, &shape.stages, d.created_at, now, quality, &mut steps);
        let a = applications.len() as u32;
        applications.push(PlannedApplication {
            candidate: d.candidate,
            role: d.role,
            level: d.level,
            created_at: d.created_at,
            outcome,
        });
        events.extend(steps.iter().map(|&step| PlannedEvent { application: a, step }));
    }
    events.sort_by_key(|e| (e.step.at, e.application));
    (applications, events)
}
