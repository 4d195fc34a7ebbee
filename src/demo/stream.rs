//! The demo as a stream, in the order the rows are written: each person as they arrive,
//! each application when it is made (its story told at once, its final state known),
//! and each event at its time — so ids follow time as in a real log while memory holds
//! only the applications and events still ahead of the clock, never the whole history.

use super::arrivals::Arrivals;
use super::people;
use super::plan::{PlannedApplication, PlannedCandidate, PlannedEvent, RoleShape};
use super::rng::Rng;
use super::story;
use super::time::{DAY, Micros, working_time};
use std::cmp::{Ordering, Reverse};
use std::collections::BinaryHeap;

/// One row to write. Candidates are numbered by arrival, applications by when they were
/// made; events name both.
#[derive(Debug)]
pub enum Item<'a> {
    /// A person (the n-th `Candidate` is person n).
    Candidate(&'a PlannedCandidate),
    /// An application in its final state (the n-th is application n).
    Application(&'a PlannedApplication),
    /// An event, in time order.
    Event(&'a PlannedEvent),
}

/// An application planned but not yet made: ordered by (time, person, n-th).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Draft {
    created_at: Micros,
    candidate: u32,
    nth: u32,
    role: u16,
    level: u16,
}

/// An event waiting for its time, ordered by (time, application) only: the heap holds
/// these 16 bytes and the event itself waits in a slab, so a heap of a million pending
/// events stays dense in the CPU's caches (sifting whole events was 14% of a 1M demo).
/// Equal keys compare equal exactly as before, so events come out in the same order.
struct Pending {
    at: Micros,
    application: u32,
    slot: u32,
}

impl Pending {
    fn key(&self) -> (Micros, u32) {
        (self.at, self.application)
    }
}

impl PartialEq for Pending {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}
impl Eq for Pending {}
impl PartialOrd for Pending {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Pending {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

/// Pending events, soonest first: a heap of keys over a slab of events.
#[derive(Default)]
struct Queue {
    heap: BinaryHeap<Reverse<Pending>>,
    slab: Vec<PlannedEvent>,
    free: Vec<u32>,
}

impl Queue {
    fn push(&mut self, event: PlannedEvent) {
        let slot = match self.free.pop() {
            Some(slot) => {
                self.slab[slot as usize] = event;
                slot
            }
            None => {
                self.slab.push(event);
                (self.slab.len() - 1) as u32
            }
        };
        self.heap.push(Reverse(Pending { at: event.step.at, application: event.application, slot }));
    }

    /// The next event if it is due at or before `until` (any when `None`).
    fn pop_due(&mut self, until: Option<Micros>) -> Option<PlannedEvent> {
        let Reverse(next) = self.heap.peek()?;
        if until.is_some_and(|t| next.at > t) {
            return None;
        }
        let Reverse(Pending { slot, .. }) = self.heap.pop()?;
        self.free.push(slot);
        Some(self.slab[slot as usize])
    }
}

struct Generator<'r, F> {
    all: &'r [RoleShape],
    root: Rng,
    seed: u64,
    now: Micros,
    drafts: BinaryHeap<Reverse<Draft>>,
    events: Queue,
    applications: u32,
    steps: Vec<story::Step>,
    sink: F,
}

/// Generate `count` candidates over `all` (the roles with at least one level and stage
/// take applications), everything at or before `now`, handing each row to `sink` in
/// write order. Same inputs, same rows.
pub fn generate<E>(
    all: &[RoleShape],
    count: usize,
    seed: u64,
    now: Micros,
    sink: &mut dyn FnMut(Item<'_>) -> Result<(), E>,
) -> Result<(), E> {
    let roles: Vec<(usize, &RoleShape)> =
        all.iter().enumerate().filter(|(_, r)| !r.levels.is_empty() && !r.stages.is_empty()).collect();
    if roles.is_empty() || count == 0 {
        return Ok(());
    }
    let root = Rng::new(seed);
    let mut rng = root.fork(0);
    let role_weights: Vec<f64> = roles.iter().map(|_| 0.4 + rng.unit()).collect();
    let mut g = Generator {
        all,
        root: root.clone(),
        seed,
        now,
        drafts: BinaryHeap::new(),
        events: Queue::default(),
        applications: 0,
        steps: Vec::new(),
        sink,
    };
    for (c, arrived) in Arrivals::new(rng, count, now).enumerate() {
        // Everything made up to this moment by people who came earlier goes first.
        g.make_applications(Some(arrived))?;
        let mut crng = root.fork(1 + c as u64);
        let person = PlannedCandidate { person: people::person(&mut crng, c as u64), created_at: arrived };
        (g.sink)(Item::Candidate(&person))?;
        applications_of(&mut crng, c as u32, arrived, now, &roles, &role_weights, &mut g.drafts);
    }
    g.make_applications(None)?;
    g.release_events(None)
}

impl<F, E> Generator<'_, F>
where
    F: FnMut(Item<'_>) -> Result<(), E>,
{
    /// Make every planned application due at or before `until` (all when `None`).
    fn make_applications(&mut self, until: Option<Micros>) -> Result<(), E> {
        while let Some(Reverse(d)) = self.drafts.peek().copied() {
            if until.is_some_and(|t| d.created_at > t) {
                break;
            }
            self.drafts.pop();
            // Its "applied" event sorts after every earlier application's events at that time.
            self.release_events(Some(d.created_at))?;
            self.tell(d)?;
        }
        Ok(())
    }

    /// Write the events due at or before `until` (all when `None`).
    fn release_events(&mut self, until: Option<Micros>) -> Result<(), E> {
        while let Some(event) = self.events.pop_due(until) {
            (self.sink)(Item::Event(&event))?;
        }
        Ok(())
    }

    /// Tell the application's story: write the application and queue its events.
    fn tell(&mut self, d: Draft) -> Result<(), E> {
        let Some(shape) = self.all.get(usize::from(d.role)) else { return Ok(()) };
        let mut srng = self.root.fork(((u64::from(d.candidate) + 1) << 8) | u64::from(d.nth));
        // A person's quality shows across all of their applications.
        let quality =
            (Rng::new(self.seed ^ u64::from(d.candidate)).unit() * 0.8 + srng.unit() * 0.2).min(1.0);
        self.steps.clear();
        let outcome = story::tell(&mut srng, &shape.stages, d.created_at, self.now, quality, &mut self.steps);
        let application = self.applications;
        self.applications += 1;
        let planned = PlannedApplication {
            candidate: d.candidate,
            role: d.role,
            level: d.level,
            created_at: d.created_at,
            outcome,
        };
        (self.sink)(Item::Application(&planned))?;
        for &step in &self.steps {
            let event =
                PlannedEvent { application, candidate: d.candidate, role: d.role, level: d.level, step };
            self.events.push(event);
        }
        Ok(())
    }
}

/// The applications person `c` makes: one at `arrived`, sometimes more later.
fn applications_of(
    crng: &mut Rng,
    c: u32,
    arrived: Micros,
    now: Micros,
    roles: &[(usize, &RoleShape)],
    role_weights: &[f64],
    drafts: &mut BinaryHeap<Reverse<Draft>>,
) {
    let extra = crng.weighted(&[50.0, 33.0, 17.0]);
    // One application per person per role: a second one to the same role (another
    // level, or after a rejection) is never planned, so none is ever open twice.
    let mut taken: Vec<u16> = Vec::new();
    let mut at = arrived;
    for nth in 0..=extra {
        if nth > 0 {
            // Never before the one before (a short gap can land earlier the same day):
            // the stream writes each application once its time has come.
            let next =
                working_time(at + (crng.exponential(12.0) * DAY as f64) as Micros, crng.below(540) as u32);
            at = next.max(at);
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
        drafts.push(Reverse(Draft {
            created_at: at,
            candidate: c,
            nth: nth as u32,
            role: pick.0,
            level: pick.1,
        }));
    }
}

/// Everything the demo writes, each list in id order — collected from
/// [`generate`], for tests and small demos; the demo itself writes the
/// stream as it comes.
#[derive(Debug, Default)]
pub struct Plan {
    /// People, oldest first.
    pub candidates: Vec<PlannedCandidate>,
    /// Applications, oldest first.
    pub applications: Vec<PlannedApplication>,
    /// Events in time order.
    pub events: Vec<PlannedEvent>,
}

/// Plan `count` candidates over `roles` (those with at least one level and stage),
/// with everything happening at or before `now`. Same inputs, same plan.
pub fn plan(all: &[RoleShape], count: usize, seed: u64, now: Micros) -> Plan {
    let mut plan = Plan::default();
    let collected: Result<(), std::convert::Infallible> = generate(all, count, seed, now, &mut |item| {
        match item {
            Item::Candidate(c) => plan.candidates.push(c.clone()),
            Item::Application(a) => plan.applications.push(*a),
            Item::Event(e) => plan.events.push(*e),
        }
        Ok(())
    });
    let Ok(()) = collected;
    plan
}
