//! Property: for random sequences of pipeline operations (undo included) under an
//! advancing clock, replaying the log as of every recorded instant gives exactly the
//! live state recorded at that instant.

mod month;

use chrono::{DateTime, Duration, Utc};
use month::{SteppingClock, family, interview, march};
use proptest::prelude::*;
use rolecall::domain::Application;
use rolecall::domain::{AppStatus, ApplicationId, Clock, EventId, FamilyId, Rating, RejectReason};
use rolecall::store::{NewCandidate, Store, StoreError};
use std::collections::BTreeMap;

#[derive(Debug, Clone)]
enum Op {
    Apply { person: usize, level: usize },
    Step { app: usize, forward: bool },
    MoveTo { app: usize, stage: usize },
    Reject { app: usize, reason: usize },
    Withdraw { app: usize },
    Hold { app: usize },
    Resume { app: usize },
    Hire { app: usize },
    Reopen { app: usize },
    Interview { app: usize, rating: usize },
    Undo { back: usize },
}

/// The live state of an application, with the interview figures the board shows.
struct Live {
    app: Application,
    last_recommendation: Option<Rating>,
    interviews_at_stage: u32,
}

fn op() -> impl Strategy<Value = Op> {
    let i = || 0usize..64;
    prop_oneof![
        3 => (i(), i()).prop_map(|(person, level)| Op::Apply { person, level }),
        4 => (i(), any::<bool>()).prop_map(|(app, forward)| Op::Step { app, forward }),
        2 => (i(), i()).prop_map(|(app, stage)| Op::MoveTo { app, stage }),
        2 => (i(), i()).prop_map(|(app, reason)| Op::Reject { app, reason }),
        1 => i().prop_map(|app| Op::Withdraw { app }),
        1 => i().prop_map(|app| Op::Hold { app }),
        1 => i().prop_map(|app| Op::Resume { app }),
        1 => i().prop_map(|app| Op::Hire { app }),
        1 => i().prop_map(|app| Op::Reopen { app }),
        2 => (i(), i()).prop_map(|(app, rating)| Op::Interview { app, rating }),
        2 => i().prop_map(|back| Op::Undo { back }),
    ]
}

/// Time between operations: often none (same instant), else seconds to days.
fn gap() -> impl Strategy<Value = i64> {
    prop_oneof![2 => Just(0i64), 3 => 1i64..120, 3 => 3_600i64..400_000]
}

struct World {
    store: Store,
    clock: SteppingClock,
    families: Vec<FamilyId>,
    people: Vec<rolecall::domain::CandidateId>,
    apps: Vec<ApplicationId>,
    events: Vec<EventId>,
}

impl World {
    fn new() -> World {
        let clock = SteppingClock::new(march(1, 9));
        let mut store =
            Store::open_in_memory().expect("store").with_clock(Box::new(clock.clone())).with_actor("prop");
        let drafts = [
            family("Alpha", &["A1", "A2"], &["Screen", "Panel", "Lead"]),
            family("Beta", &["B1"], &["Call", "Deep dive"]),
        ];
        let families = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| store.import_family(&format!("{i}.md"), "h", d).expect("import").0)
            .collect();
        let people = (0..5)
            .map(|i| {
                store
                    .add_candidate(&NewCandidate { name: format!("Person {i}"), ..Default::default() })
                    .expect("candidate")
            })
            .collect();
        World { store, clock, families, people, apps: Vec::new(), events: Vec::new() }
    }

    /// Run one operation; refusals (conflicts, bad moves) are part of the game.
    fn run(&mut self, op: &Op) {
        let s = &mut self.store;
        let apps = &self.apps;
        let pick = |i: usize| (!apps.is_empty()).then(|| apps[i % apps.len()]);
        let t =
            |r: Result<rolecall::store::Transition, StoreError>| r.map(|t| (t.application.id, t.event_id));
        let result: Option<Result<(ApplicationId, EventId), StoreError>> = match *op {
            Op::Apply { person, level } => {
                let fam = self.families[level % self.families.len()];
                let levels = s.levels(fam).expect("levels");
                let level = &levels[level % levels.len()];
                Some(t(s.apply(self.people[person % self.people.len()], level.id)))
            }
            Op::Step { app, forward } => pick(app).map(|a| t(s.step(a, forward, None))),
            Op::MoveTo { app, stage } => pick(app).map(|a| {
                let fam = s.application(a).expect("app").family_id;
                let stages = s.stages(fam).expect("stages");
                t(s.move_to(a, stages[stage % stages.len()].id, None))
            }),
            Op::Reject { app, reason } => pick(app).map(|a| {
                let reason = RejectReason::ALL[reason % RejectReason::ALL.len()];
                t(s.reject(a, reason, None, None))
            }),
            Op::Withdraw { app } => pick(app).map(|a| t(s.withdraw(a, None, None))),
            Op::Hold { app } => pick(app).map(|a| t(s.hold(a, None, None))),
            Op::Resume { app } => pick(app).map(|a| t(s.resume(a, None))),
            Op::Hire { app } => pick(app).map(|a| t(s.hire(a, None))),
            Op::Reopen { app } => pick(app).map(|a| t(s.reopen(a, None))),
            Op::Interview { app, rating } => pick(app).map(|a| {
                let rec = Rating::ALL[rating % Rating::ALL.len()];
                let new = interview(self.clock.now(), rec);
                s.record_interview(a, &new, None).map(|(_, event)| (a, event))
            }),
            Op::Undo { back } => (!self.events.is_empty()).then(|| {
                let n = self.events.len();
                t(s.revert(self.events[n - 1 - back % n], None))
            }),
        };
        if let Some(Ok((app, event))) = result {
            if !self.apps.contains(&app) {
                self.apps.push(app);
            }
            self.events.push(event);
        }
    }

    fn live(&self) -> Vec<Live> {
        let cards: Vec<_> =
            self.families.iter().flat_map(|f| self.store.board(*f, true).expect("board")).collect();
        self.apps
            .iter()
            .map(|a| {
                let card = cards.iter().find(|c| c.id == *a).expect("card");
                Live {
                    app: self.store.application(*a).expect("live application"),
                    last_recommendation: card.last_recommendation,
                    interviews_at_stage: card.interviews_at_stage,
                }
            })
            .collect()
    }
}

fn assert_replay_matches(store: &Store, at: DateTime<Utc>, live: &[Live]) {
    let snap = store.snapshot(at, None).expect("snapshot");
    assert_eq!(snap.application_count(), live.len(), "as of {at}");
    for Live { app, last_recommendation, interviews_at_stage } in live {
        let (role, got) = snap.find(app.id).expect("application in the snapshot");
        let ctx = format!("application {} as of {at}", app.id);
        assert_eq!(role.family_id, app.family_id, "{ctx}");
        assert_eq!(got.stage_id, app.stage_id, "{ctx}");
        assert_eq!(got.stage_label, app.stage_label, "{ctx}");
        assert_eq!(got.status, app.status, "{ctx}");
        assert_eq!(got.reject_reason, app.reject_reason, "{ctx}");
        assert_eq!(got.candidate_name, app.candidate_name, "{ctx}");
        assert_eq!(got.level_title, app.level_title, "{ctx}");
        assert_eq!(Some(got.stage_entered_at), app.stage_entered_at, "{ctx}");
        assert_eq!(got.last_recommendation, *last_recommendation, "{ctx}");
        assert_eq!(got.interviews_at_stage, *interviews_at_stage, "{ctx}");
    }
    // Per role and stage, counts by status agree with the live rows.
    for role in &snap.roles {
        for stage in &role.stages {
            for status in AppStatus::ALL {
                let live_count = live
                    .iter()
                    .filter(|l| l.app.stage_id == stage.stage_id && l.app.status == status)
                    .count();
                assert_eq!(stage.counts.get(status) as usize, live_count, "as of {at}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn replay_as_of_every_point_equals_the_live_state(
        script in proptest::collection::vec((op(), gap()), 1..48)
    ) {
        let mut world = World::new();
        // Several operations can share an instant; the last state at each instant counts.
        let mut recorded: BTreeMap<DateTime<Utc>, Vec<Live>> = BTreeMap::new();
        recorded.insert(world.clock.now(), Vec::new());
        for (op, gap) in &script {
            world.clock.advance(Duration::seconds(*gap));
            world.run(op);
            recorded.insert(world.clock.now(), world.live());
        }
        for (at, live) in &recorded {
            assert_replay_matches(&world.store, *at, live);
        }
        // One role only: the same states, filtered.
        if let Some((at, live)) = recorded.iter().next_back() {
            let fam = world.families[0];
            let snap = world.store.snapshot(*at, Some(fam)).expect("snapshot");
            let expected = live.iter().filter(|l| l.app.family_id == fam).count();
            prop_assert_eq!(snap.roles.len(), 1);
            prop_assert_eq!(snap.application_count(), expected);
        }
    }
}
