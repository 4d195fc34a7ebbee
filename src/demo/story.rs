//! One application's story: the events from applying to wherever it stands "now",
//! following the same rules the store enforces (only active applications move or get
//! interviewed, Offer ends in a hire, a candidate moves on only after the stage's
//! minimum number of interviews and never has more than its maximum).

use super::people::{
    self, APPLY_NOTES, HOLD_NOTES, INTERVIEW_NOTES, REJECT_NOTES, SCHEDULING_NOTES, WITHDRAW_NOTES,
};
use super::rng::Rng;
use super::time::{DAY, MINUTE, Micros, working_time};
use crate::domain::{AppStatus, EventKind, Rating, RejectReason, StageId};

/// What the generator needs to know about one stage.
#[derive(Debug, Clone)]
pub struct StageShape {
    /// The stage.
    pub id: StageId,
    /// Offer (ends in hire) rather than an interview stage.
    pub offer: bool,
    /// Fewest interviews before moving on.
    pub min_interviews: u32,
    /// Most interviews held.
    pub max_interviews: u32,
    /// Who interviews here (names from the page, else generic ones).
    pub interviewers: Vec<String>,
}

/// An interview held at a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct InterviewPlan {
    /// Index into the stage's interviewers.
    pub interviewer: u8,
    /// Overall recommendation.
    pub recommendation: Rating,
    /// The scorecard's notes.
    pub notes: &'static str,
    /// Seeds the per-requirement ratings, drawn when the scorecard is written.
    pub score_seed: u32,
}

/// One event of the story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Step {
    /// When.
    pub at: Micros,
    /// What.
    pub kind: EventKind,
    /// Stage index before.
    pub from_stage: u8,
    /// Stage index after.
    pub to_stage: u8,
    /// Status before.
    pub from_status: AppStatus,
    /// Status after.
    pub to_status: AppStatus,
    /// Why rejected.
    pub reason: Option<RejectReason>,
    /// Free-text note (interview events build theirs from the interview).
    pub note: Option<&'static str>,
    /// The interview, for `InterviewRecorded`.
    pub interview: Option<InterviewPlan>,
}

/// Where the story leaves the application.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    /// Stage index now.
    pub stage: u8,
    /// Status now.
    pub status: AppStatus,
    /// Why rejected, when rejected.
    pub reason: Option<RejectReason>,
    /// When it entered the current stage.
    pub stage_entered_at: Micros,
    /// The last event's time.
    pub updated_at: Micros,
    /// Version: one per event, as the store counts.
    pub version: u32,
}

/// Writes a story while tracking the state every step starts from.
struct Writer<'a> {
    steps: &'a mut Vec<Step>,
    stage: u8,
    status: AppStatus,
    at: Micros,
    now: Micros,
    stage_entered_at: Micros,
    reason: Option<RejectReason>,
    count: u32,
}

impl Writer<'_> {
    /// Advance the clock by about `mean_days` into working hours; `false` when that
    /// moment is still in the future (the story stops there).
    fn wait(&mut self, rng: &mut Rng, mean_days: f64, min_days: f64) -> bool {
        let gap = ((min_days + rng.exponential(mean_days)) * DAY as f64) as Micros;
        let mut next = working_time(self.at + gap, rng.below(9 * 60) as u32);
        if next <= self.at {
            next = self.at + MINUTE * (5 + rng.below(55) as Micros);
        }
        if next > self.now {
            return false;
        }
        self.at = next;
        true
    }

    fn push(
        &mut self,
        kind: EventKind,
        to_stage: u8,
        to_status: AppStatus,
        note: Option<&'static str>,
    ) -> &mut Step {
        if to_stage != self.stage || kind == EventKind::Applied {
            self.stage_entered_at = self.at;
        }
        self.steps.push(Step {
            at: self.at,
            kind,
            from_stage: self.stage,
            to_stage,
            from_status: self.status,
            to_status,
            reason: None,
            note,
            interview: None,
        });
        self.stage = to_stage;
        self.status = to_status;
        self.count += 1;
        let last = self.steps.len() - 1;
        &mut self.steps[last]
    }

    fn reject(&mut self, rng: &mut Rng, reason: RejectReason) {
        let note = people::note(rng, REJECT_NOTES);
        let stage = self.stage;
        self.push(EventKind::Rejected, stage, AppStatus::Rejected, note).reason = Some(reason);
        self.reason = Some(reason);
    }

    fn withdraw(&mut self, rng: &mut Rng) {
        let note = people::note(rng, WITHDRAW_NOTES);
        let stage = self.stage;
        self.push(EventKind::Withdrawn, stage, AppStatus::Withdrawn, note);
    }
}

/// Tell the story of one application made at `applied_at` by a candidate of hidden
/// `quality` (0–1), appending its steps to `steps`; returns where it stands at `now`.
pub fn tell(
    rng: &mut Rng,
    stages: &[StageShape],
    applied_at: Micros,
    now: Micros,
    quality: f64,
    steps: &mut Vec<Step>,
) -> Outcome {
    let mut w = Writer {
        steps,
        stage: 0,
        status: AppStatus::Active,
        at: applied_at,
        now,
        stage_entered_at: applied_at,
        reason: None,
        count: 0,
    };
    w.push(EventKind::Applied, 0, AppStatus::Active, None);
    if rng.chance(0.5) && w.wait(rng, 0.5, 0.05) {
        let note = rng.pick(APPLY_NOTES).copied();
        w.push(EventKind::Note, 0, AppStatus::Active, note);
    }
    run(rng, stages, quality, &mut w);
    if w.status.is_closed() && rng.chance(0.6) && w.wait(rng, 0.5, 0.02) {
        let note = match w.status {
            AppStatus::Hired => "Start date agreed",
            AppStatus::Rejected => "Rejection email sent",
            _ => "Thanked the candidate; kept on file",
        };
        let (stage, status) = (w.stage, w.status);
        w.push(EventKind::Note, stage, status, Some(note));
    }
    Outcome {
        stage: w.stage,
        status: w.status,
        reason: w.reason,
        stage_entered_at: w.stage_entered_at,
        updated_at: w.at,
        version: w.count,
    }
}

fn run(rng: &mut Rng, stages: &[StageShape], quality: f64, w: &mut Writer<'_>) {
    loop {
        let index = usize::from(w.stage);
        let Some(stage) = stages.get(index) else { return };
        if stage.offer {
            offer(rng, w);
            return;
        }
        if rng.chance(0.025) && !hold(rng, w) {
            return;
        }
        if rng.chance(0.03) {
            if w.wait(rng, 4.0, 0.5) {
                w.withdraw(rng);
            }
            return;
        }
        if index == 0 && rng.chance(0.2) {
            // Turned down on the résumé alone, before any call.
            if w.wait(rng, 3.0, 0.5) {
                w.reject(rng, RejectReason::NotQualified);
            }
            return;
        }
        // How well this stage goes: partly the person, partly the day and the panel.
        let today = 0.55 * quality + 0.45 * rng.unit();
        let Some(ratings) = interviews(rng, stage, today, w) else { return };
        if !w.wait(rng, 2.0, 0.3) {
            return;
        }
        let bar = 2.6 + 0.05 * index as f64;
        let mean = ratings.iter().map(|r| r.value() as f64).sum::<f64>() / ratings.len().max(1) as f64;
        let passes = mean + (rng.unit() - 0.5) * 0.4 >= bar
            && crate::domain::rules::meets_interview_minimum(stage.min_interviews, ratings.len() as u32);
        if passes && index + 1 < stages.len() {
            let next = w.stage + 1;
            w.push(EventKind::Moved, next, AppStatus::Active, None);
            continue;
        }
        if rng.chance(0.08) {
            w.withdraw(rng);
        } else {
            let reason = reject_reason(rng, index, stages.len());
            w.reject(rng, reason);
        }
        return;
    }
}

/// Put on hold; resume later (true) or stay on hold for good (false).
fn hold(rng: &mut Rng, w: &mut Writer<'_>) -> bool {
    if !w.wait(rng, 3.0, 0.2) {
        return false;
    }
    let note = people::note(rng, HOLD_NOTES);
    let stage = w.stage;
    w.push(EventKind::Held, stage, AppStatus::OnHold, note);
    if rng.chance(0.15) || !w.wait(rng, 18.0, 3.0) {
        return false;
    }
    w.push(EventKind::Resumed, stage, AppStatus::Active, None);
    true
}

/// Hold this stage's interviews; `None` when the story reached "now" before they ended.
fn interviews(rng: &mut Rng, stage: &StageShape, quality: f64, w: &mut Writer<'_>) -> Option<Vec<Rating>> {
    let min = stage.min_interviews.max(1);
    let max = stage.max_interviews.max(min);
    let planned = rng.between(min, max);
    let mut ratings = Vec::with_capacity(planned as usize);
    for _ in 0..planned {
        if rng.chance(0.85) {
            if !w.wait(rng, 1.0, 0.1) {
                return None;
            }
            let note = rng.pick(SCHEDULING_NOTES).copied();
            let (stage_index, status) = (w.stage, w.status);
            w.push(EventKind::Note, stage_index, status, note);
        }
        if !w.wait(rng, 2.5, 0.5) {
            return None;
        }
        let recommendation = rating(rng, quality);
        let plan = InterviewPlan {
            interviewer: rng.below(stage.interviewers.len().clamp(1, 255)) as u8,
            recommendation,
            notes: rng.pick(INTERVIEW_NOTES).copied().unwrap_or(""),
            score_seed: rng.next_u64() as u32,
        };
        let (stage_index, status) = (w.stage, w.status);
        w.push(EventKind::InterviewRecorded, stage_index, status, None).interview = Some(plan);
        ratings.push(recommendation);
        if recommendation == Rating::StrongNo {
            break;
        }
    }
    Some(ratings)
}

/// The Offer stage: most accept, some decline (withdrawn), a few fall through.
fn offer(rng: &mut Rng, w: &mut Writer<'_>) {
    if !w.wait(rng, 4.0, 1.0) {
        return;
    }
    let stage = w.stage;
    match rng.weighted(&[74.0, 16.0, 10.0]) {
        0 => {
            w.push(EventKind::Hired, stage, AppStatus::Hired, None);
        }
        1 => {
            let note = Some("Declined the offer");
            w.push(EventKind::Withdrawn, stage, AppStatus::Withdrawn, note);
        }
        _ => {
            let reason =
                if rng.chance(0.5) { RejectReason::Compensation } else { RejectReason::FailedReferences };
            w.reject(rng, reason);
        }
    }
}

/// A recommendation around the candidate's hidden quality.
pub fn rating(rng: &mut Rng, quality: f64) -> Rating {
    let score = quality + (rng.unit() - 0.5) * 0.5;
    if score < 0.25 {
        Rating::StrongNo
    } else if score < 0.5 {
        Rating::No
    } else if score < 0.8 {
        Rating::Yes
    } else {
        Rating::StrongYes
    }
}

/// Early stages reject on fit, later ones on values, money and references.
fn reject_reason(rng: &mut Rng, index: usize, stages: usize) -> RejectReason {
    use RejectReason::*;
    let late = index * 2 >= stages;
    let table: &[(RejectReason, f64)] = if index == 0 {
        &[(NotQualified, 40.0), (SkillsMismatch, 25.0), (Location, 15.0), (Unresponsive, 12.0), (Other, 8.0)]
    } else if !late {
        &[
            (SkillsMismatch, 40.0),
            (NotQualified, 20.0),
            (ValuesMismatch, 15.0),
            (Compensation, 15.0),
            (Other, 10.0),
        ]
    } else {
        &[
            (ValuesMismatch, 25.0),
            (Compensation, 25.0),
            (PositionFilled, 25.0),
            (FailedReferences, 10.0),
            (SkillsMismatch, 15.0),
        ]
    };
    let weights: Vec<f64> = table.iter().map(|(_, w)| *w).collect();
    table.get(rng.weighted(&weights)).map(|(r, _)| *r).unwrap_or(Other)
}

/// The per-requirement ratings of one scorecard: close to the recommendation, a few
/// left unrated (as interviewers do).
pub fn scores(seed: u32, recommendation: Rating, requirements: usize, out: &mut Vec<Option<Rating>>) {
    let mut rng = Rng::new(u64::from(seed));
    out.clear();
    for _ in 0..requirements {
        if rng.chance(0.12) {
            out.push(None);
            continue;
        }
        let shift = rng.weighted(&[1.0, 4.0, 1.0]) as i64 - 1;
        let value = (recommendation.value() + shift).clamp(1, 4);
        out.push(Rating::from_value(value));
    }
}
