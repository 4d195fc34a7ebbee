//! The demo's stream as the store's rows, as it is generated: people, applications and
//! events (with their interviews) in the order they happened, handed over in batches
//! ([`Batch`]) ready to insert — times formatted, names normalised, scorecards rated —
//! so the thread that writes them does little but insert (`super::pipe`).

use super::plan::{PlannedApplication, PlannedCandidate, PlannedEvent, RoleShape};
use super::story;
use super::stream::{self, Item};
use super::time::{self, Micros};
use crate::domain::text::normalise_name;
use crate::domain::{ApplicationId, CandidateId, EventId, InterviewId, Rating};
use crate::store::{BulkApplication, BulkCandidate, BulkEvent, BulkInterview, BulkRows, NextIds};

/// Who the demo's events are recorded as (user names, as `$USER` would give).
const RECRUITERS: &[&str] = &["sam.rivera", "alex.morgan", "jordan.lee", "casey.patel"];

/// Rows written, by table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Written {
    /// People.
    pub candidates: u64,
    /// Applications.
    pub applications: u64,
    /// Events.
    pub events: u64,
    /// Interviews (each with one score per requirement).
    pub interviews: u64,
}

/// Reused text buffers, so a million rows do not mean millions of allocations.
#[derive(Default)]
struct Texts {
    a: String,
    b: String,
    c: String,
}

fn text(t: Micros, buf: &mut String) -> &str {
    time::format(t, buf);
    buf.as_str()
}

/// Rows per batch: a few tens of kilobytes, so the writer reads a batch while it is
/// still in the caches (4,096 rows cost more CPU than they saved in hand-overs).
const ROWS_PER_BATCH: usize = 512;

/// Rows ready to insert, and how many people are written once they are.
#[derive(Debug, Default)]
pub struct Batch {
    /// The rows, in write order.
    pub rows: BulkRows,
    /// People written once these rows are (for progress).
    pub people: u64,
}

/// Generate the stream of [`super::stream::generate`] as rows with ids starting at
/// `next`, handing each full batch to `hand_over`, which gives back a batch to fill next
/// (cleared here, so a reused batch's values are dropped on this thread).
pub fn rows<E>(
    roles: &[RoleShape],
    (count, seed, now): (usize, u64, Micros),
    next: NextIds,
    hand_over: &mut dyn FnMut(Batch) -> Result<Batch, E>,
) -> Result<Written, E> {
    let mut t = Texts::default();
    let mut s = Scratch::default();
    let mut n = Written::default();
    let mut batch = Batch::default();
    stream::generate::<E>(roles, count, seed, now, &mut |item| {
        let rows = &mut batch.rows;
        match item {
            Item::Candidate(c) => {
                candidate(rows, c, CandidateId(next.candidate + n.candidates as i64), &mut t);
                n.candidates += 1;
            }
            Item::Application(a) => {
                let id = ApplicationId(next.application + n.applications as i64);
                application(rows, roles, a, next, id, &mut t);
                n.applications += 1;
            }
            Item::Event(e) => {
                let (event, interview) =
                    (EventId(next.event + n.events as i64), next.interview + n.interviews as i64);
                n.interviews +=
                    event_row(rows, roles, e, next, (event, InterviewId(interview)), &mut t, &mut s);
                n.events += 1;
            }
        }
        if batch.rows.len() >= ROWS_PER_BATCH {
            batch.people = n.candidates;
            batch = hand_over(std::mem::take(&mut batch))?;
            batch.rows.clear();
        }
        Ok(())
    })?;
    if !batch.rows.is_empty() {
        batch.people = n.candidates;
        hand_over(batch)?;
    }
    Ok(n)
}

fn candidate(w: &mut BulkRows, c: &PlannedCandidate, id: CandidateId, t: &mut Texts) {
    let key = normalise_name(&c.person.name);
    w.candidate(&BulkCandidate {
        id,
        name: &c.person.name,
        name_key: &key,
        email: Some(&c.person.email),
        phone: c.person.phone.as_deref(),
        source: Some(c.person.source),
        created_at: text(c.created_at, &mut t.a),
    });
}

fn application(
    w: &mut BulkRows,
    roles: &[RoleShape],
    a: &PlannedApplication,
    next: NextIds,
    id: ApplicationId,
    t: &mut Texts,
) {
    let Some(role) = roles.get(usize::from(a.role)) else { return };
    let (Some(level), Some(stage)) =
        (role.levels.get(usize::from(a.level)), role.stages.get(usize::from(a.outcome.stage)))
    else {
        return;
    };
    w.application(&BulkApplication {
        id,
        candidate: CandidateId(next.candidate + i64::from(a.candidate)),
        family: role.family,
        level: level.id,
        stage: stage.id,
        status: a.outcome.status,
        reject_reason: a.outcome.reason,
        stage_entered_at: text(a.outcome.stage_entered_at, &mut t.a),
        created_at: text(a.created_at, &mut t.b),
        updated_at: text(a.outcome.updated_at, &mut t.c),
        version: i64::from(a.outcome.version),
    });
}

/// Reused buffers of the scorecards.
#[derive(Default)]
struct Scratch {
    ratings: Vec<Option<Rating>>,
    note: String,
}

/// One event's row (and its scorecard's, for an interview); returns the interviews added.
fn event_row(
    w: &mut BulkRows,
    roles: &[RoleShape],
    e: &PlannedEvent,
    next: NextIds,
    (event, interview): (EventId, InterviewId),
    t: &mut Texts,
    s: &mut Scratch,
) -> u64 {
    let Some(role) = roles.get(usize::from(e.role)) else { return 0 };
    let (Some(from), Some(to)) =
        (role.stages.get(usize::from(e.step.from_stage)), role.stages.get(usize::from(e.step.to_stage)))
    else {
        return 0;
    };
    let application = ApplicationId(next.application + i64::from(e.application));
    let step = &e.step;
    let interviewer = step.interview.and_then(|iv| to.interviewers.get(usize::from(iv.interviewer)));
    let event_note = match (step.interview, interviewer) {
        (Some(iv), Some(who)) => {
            s.note.clear();
            s.note.push_str(iv.recommendation.label());
            s.note.push_str(" by ");
            s.note.push_str(who);
            Some(s.note.as_str())
        }
        _ => step.note,
    };
    w.event(&BulkEvent {
        id: event,
        at: text(step.at, &mut t.a),
        actor: RECRUITERS[e.application as usize % RECRUITERS.len()],
        kind: step.kind,
        candidate: CandidateId(next.candidate + i64::from(e.candidate)),
        application,
        from_stage: from.id,
        to_stage: to.id,
        from_status: step.from_status,
        to_status: step.to_status,
        reason: step.reason,
        note: event_note,
    });
    let (Some(iv), Some(who)) = (step.interview, interviewer) else { return 0 };
    let Some(level) = role.levels.get(usize::from(e.level)) else { return 0 };
    story::scores(iv.score_seed, iv.recommendation, level.requirements.len(), &mut s.ratings);
    let scores: Vec<(&str, Option<Rating>)> =
        level.requirements.iter().map(String::as_str).zip(s.ratings.iter().copied()).collect();
    time::format_date(step.at, &mut t.b);
    w.interview(&BulkInterview {
        id: interview,
        application,
        stage: to.id,
        interviewer: who,
        held_on: &t.b,
        recommendation: iv.recommendation,
        notes: iv.notes,
        created_at: &t.a,
        event,
        scores: &scores,
    });
    1
}
