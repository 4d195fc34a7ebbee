//! Writing a plan through the store's bulk loader: people, then applications, then the
//! events in time order with their interviews.

use super::plan::{Plan, RoleShape};
use super::story;
use super::time::{self, Micros};
use crate::domain::text::normalise_name;
use crate::domain::{ApplicationId, CandidateId, EventId, InterviewId, Rating};
use crate::store::{BulkApplication, BulkCandidate, BulkEvent, BulkInterview, BulkWriter, NextIds, Result};

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

/// Write `plan` with ids starting at `next`.
/// `progress` is told how many events are written, now and then.
pub fn write(
    w: &mut BulkWriter<'_>,
    roles: &[RoleShape],
    plan: &Plan,
    next: NextIds,
    progress: &mut dyn FnMut(u64),
) -> Result<Written> {
    let mut t = Texts::default();
    for (i, c) in plan.candidates.iter().enumerate() {
        let key = normalise_name(&c.person.name);
        w.candidate(&BulkCandidate {
            id: CandidateId(next.candidate + i as i64),
            name: &c.person.name,
            name_key: &key,
            email: Some(&c.person.email),
            phone: c.person.phone.as_deref(),
            source: Some(c.person.source),
            created_at: text(c.created_at, &mut t.a),
        })?;
    }
    for (i, a) in plan.applications.iter().enumerate() {
        let Some(role) = roles.get(usize::from(a.role)) else { continue };
        let (Some(level), Some(stage)) =
            (role.levels.get(usize::from(a.level)), role.stages.get(usize::from(a.outcome.stage)))
        else {
            continue;
        };
        w.application(&BulkApplication {
            id: ApplicationId(next.application + i as i64),
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
        })?;
    }
    let interviews = write_events(w, roles, plan, next, &mut t, progress)?;
    Ok(Written {
        candidates: plan.candidates.len() as u64,
        applications: plan.applications.len() as u64,
        events: plan.events.len() as u64,
        interviews,
    })
}

fn write_events(
    w: &mut BulkWriter<'_>,
    roles: &[RoleShape],
    plan: &Plan,
    next: NextIds,
    t: &mut Texts,
    progress: &mut dyn FnMut(u64),
) -> Result<u64> {
    let mut interviews = 0u64;
    let mut ratings: Vec<Option<Rating>> = Vec::new();
    let mut scores: Vec<(&str, Option<Rating>)> = Vec::new();
    let mut note = String::new();
    for (i, e) in plan.events.iter().enumerate() {
        if i % 8192 == 0 {
            progress(i as u64);
        }
        let Some(app) = plan.applications.get(e.application as usize) else { continue };
        let Some(role) = roles.get(usize::from(app.role)) else { continue };
        let (Some(from), Some(to)) =
            (role.stages.get(usize::from(e.step.from_stage)), role.stages.get(usize::from(e.step.to_stage)))
        else {
            continue;
        };
        let application = ApplicationId(next.application + i64::from(e.application));
        let event = EventId(next.event + i as i64);
        let s = &e.step;
        let interviewer = s.interview.and_then(|iv| to.interviewers.get(usize::from(iv.interviewer)));
        let event_note = match (s.interview, interviewer) {
            (Some(iv), Some(who)) => {
                note.clear();
                note.push_str(iv.recommendation.label());
                note.push_str(" by ");
                note.push_str(who);
                Some(note.as_str())
            }
            _ => s.note,
        };
        w.event(&BulkEvent {
            id: event,
            at: text(s.at, &mut t.a),
            actor: RECRUITERS[e.application as usize % RECRUITERS.len()],
            kind: s.kind,
            candidate: CandidateId(next.candidate + i64::from(app.candidate)),
            application,
            from_stage: from.id,
            to_stage: to.id,
            from_status: s.from_status,
            to_status: s.to_status,
            reason: s.reason,
            note: event_note,
        })?;
        let (Some(iv), Some(who)) = (s.interview, interviewer) else { continue };
        let Some(level) = role.levels.get(usize::from(app.level)) else { continue };
        story::scores(iv.score_seed, iv.recommendation, level.requirements.len(), &mut ratings);
        scores.clear();
        scores.extend(level.requirements.iter().map(String::as_str).zip(ratings.iter().copied()));
        time::format_date(s.at, &mut t.b);
        w.interview(&BulkInterview {
            id: InterviewId(next.interview + interviews as i64),
            application,
            stage: to.id,
            interviewer: who,
            held_on: &t.b,
            recommendation: iv.recommendation,
            notes: iv.notes,
            created_at: &t.a,
            event,
            scores: &scores,
        })?;
        interviews += 1;
    }
    Ok(interviews)
}
