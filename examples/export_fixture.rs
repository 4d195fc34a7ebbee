//! Fill a new database with generated pipeline activity, for trying exports in real
//! clients (see `scripts/check-exports.sh`).
//!
//! `cargo run --release --example export_fixture -- DB_PATH [APPLICATIONS]`
//!
//! Two roles, APPLICATIONS applications (default 200) spread over twelve weeks from
//! 2026-01-05 under a scripted clock, deterministic (same input, same database). The
//! first two candidates have hostile names: a spreadsheet formula and a script tag.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rolecall::domain::{
    ApplicationId, CandidateId, Clock, FamilyDraft, LevelDraft, LevelId, RejectReason, StageDraft,
};
use rolecall::store::{NewCandidate, Store};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

#[derive(Clone)]
struct ScriptClock(Arc<AtomicI64>);

impl Clock for ScriptClock {
    fn now(&self) -> DateTime<Utc> {
        DateTime::from_timestamp_micros(self.0.load(Ordering::SeqCst)).unwrap_or_default()
    }
}

/// xorshift64*: enough randomness for fixtures, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

#[derive(Clone, Copy)]
enum Op {
    Apply,
    Next,
    Reject(RejectReason),
    Withdraw,
    Hold,
    Resume,
    Hire,
}

fn role(title: &str, levels: &[&str], stages: &[&str]) -> FamilyDraft {
    FamilyDraft {
        title: title.into(),
        description: format!("{title} (generated fixture)"),
        levels: levels
            .iter()
            .map(|t| LevelDraft {
                title: t.to_string(),
                requirements: vec!["Relevant experience".into()],
                ..LevelDraft::default()
            })
            .collect(),
        stages: stages
            .iter()
            .map(|l| StageDraft {
                label: l.to_string(),
                full_text: format!("{l} interview"),
                interviewers: vec![],
                alternatives: vec![],
                min_interviews: 1,
                max_interviews: 1,
            })
            .collect(),
        ..FamilyDraft::default()
    }
}

/// The operations one application goes through, valid in order by construction.
fn journey(rng: &mut Rng, stages: usize) -> Vec<Op> {
    let mut ops = vec![Op::Apply];
    let mut at = 0;
    loop {
        if at + 1 == stages {
            if rng.chance(60) {
                ops.push(Op::Hire);
            } else if rng.chance(40) {
                ops.push(Op::Withdraw);
            }
            return ops;
        }
        match rng.below(100) {
            0..=49 => {
                ops.push(Op::Next);
                at += 1;
            }
            50..=69 => {
                let reason = RejectReason::ALL[rng.below(9) as usize];
                ops.push(Op::Reject(reason));
                return ops;
            }
            70..=74 => {
                ops.push(Op::Withdraw);
                return ops;
            }
            75..=81 => ops.extend([Op::Hold, Op::Resume]),
            _ => return ops,
        }
    }
}

const FIRST: [&str; 24] = [
    "Ana", "Bo", "Chen", "Dana", "Eve", "Farah", "Greg", "Hana", "Ivan", "José", "Kemi", "Lars", "Mei",
    "Nour", "Omar", "Priya", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Vera", "Wen", "Yusuf",
];
const LAST: [&str; 20] = [
    "Ruiz", "Lee", "Wei", "O'Brien", "Adams", "Khan", "Hall", "Sato", "Petrov", "Núñez", "Ade", "Berg",
    "Lin", "Haddad", "Farouk", "Nair", "Byrne", "Silva", "Olsen", "Aziz",
];

fn name(i: usize) -> String {
    match i {
        0 => "=HYPERLINK(\"http://example.invalid\",\"x\")".into(),
        1 => "<script>alert(1)</script>".into(),
        _ => format!("{} {}", FIRST[i % FIRST.len()], LAST[(i / 7) % LAST.len()]),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = PathBuf::from(args.next().ok_or("usage: export_fixture DB_PATH [APPLICATIONS]")?);
    let count: usize = args.next().map(|n| n.parse()).transpose()?.unwrap_or(200);
    if path.exists() {
        return Err(format!("{} exists; give a new path", path.display()).into());
    }
    let start = Utc.with_ymd_and_hms(2026, 1, 5, 8, 0, 0).single().ok_or("start")?;
    let clock = ScriptClock(Arc::new(AtomicI64::new(start.timestamp_micros())));
    let mut store = Store::open(&path)?.with_clock(Box::new(clock.clone())).with_actor("fixture");
    let roles = [
        role(
            "IT Program Management Office",
            &["IT Program Manager", "Senior IT Program Manager"],
            &["Screening", "VP IT panel", "Stakeholder", "Leader", "CFO"],
        ),
        role(
            "Director, IT Operations",
            &["Director, IT Operations"],
            &["Screening", "Manager IT", "Sr Director", "VP IT", "CFO"],
        ),
    ];
    let mut levels: Vec<(LevelId, usize)> = Vec::new();
    for (i, draft) in roles.iter().enumerate() {
        let (fam, _) = store.import_family(&format!("fixture-{i}.md"), "fixture", draft)?;
        let stages = store.stages(fam)?.len();
        levels.extend(store.levels(fam)?.into_iter().map(|l| (l.id, stages)));
    }
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let span = Duration::weeks(12).num_seconds();
    let end = start + Duration::weeks(12);
    // Every operation with its time; replayed in time order so the log is monotonic.
    let mut plan: Vec<(DateTime<Utc>, usize, Op)> = Vec::new();
    let mut targets: Vec<LevelId> = Vec::with_capacity(count);
    for app in 0..count {
        let (level, stages) = levels[rng.below(levels.len() as u64) as usize];
        targets.push(level);
        let span_secs = u64::try_from(span).unwrap_or(1);
        let mut t = start + Duration::seconds(rng.below(span_secs) as i64);
        for op in journey(&mut rng, stages) {
            if t > end {
                break;
            }
            plan.push((t, app, op));
            t += Duration::seconds(3_600 + rng.below(6 * 86_400) as i64);
        }
    }
    plan.sort_by_key(|(t, app, _)| (*t, *app));
    let mut apps: Vec<Option<ApplicationId>> = vec![None; count];
    for (t, app, op) in plan {
        clock.0.store(t.timestamp_micros(), Ordering::SeqCst);
        if let Op::Apply = op {
            let person: CandidateId =
                store.add_candidate(&NewCandidate { name: name(app), ..NewCandidate::default() })?;
            apps[app] = Some(store.apply(person, targets[app])?.application.id);
            continue;
        }
        let id = apps[app].ok_or("operation before apply")?;
        match op {
            Op::Apply => {}
            Op::Next => drop(store.step(id, true, None)?),
            Op::Reject(r) => drop(store.reject(id, r, None, None)?),
            Op::Withdraw => drop(store.withdraw(id, None, None)?),
            Op::Hold => drop(store.hold(id, None, None)?),
            Op::Resume => drop(store.resume(id, None)?),
            Op::Hire => drop(store.hire(id, None)?),
        }
    }
    println!(
        "{}: {count} applications, {} events, clock ends {}",
        path.display(),
        store.event_count()?,
        end.format("%Y-%m-%d")
    );
    Ok(())
}
