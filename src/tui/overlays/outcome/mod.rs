//! The interview outcome form: interviewer, date, stage, one rating per requirement of the
//! application's level, an overall recommendation and notes.

mod draw;
mod keys;

use super::discard::Discard;
use super::fields::{line_field, multi_field, multi_text};
use crate::domain::clock::parse_time;
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Rating, StageId, StageKind};
use crate::store::{NewInterview, Store, StoreError};
use chrono::NaiveDate;
use ratatui_textarea::TextArea;

/// Which part of the form has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutcomeFocus {
    /// Interviewer name.
    Interviewer,
    /// Date held.
    Date,
    /// Stage (←/→).
    Stage,
    /// Requirement row `n` (1–4 to rate, 0 to clear).
    Requirement(usize),
    /// Overall recommendation (1–4).
    Recommendation,
    /// Notes (multi-line).
    Notes,
}

/// Everything typed into the outcome form. Kept intact when a save fails.
pub struct OutcomeForm {
    /// The application.
    pub app: ApplicationId,
    /// Version seen when the form opened.
    pub version: i64,
    /// Candidate name, for the title.
    pub name: String,
    /// Interviewer field.
    pub interviewer: TextArea<'static>,
    /// Date field (YYYY-MM-DD).
    pub date: TextArea<'static>,
    /// Stages to choose from (id, label).
    pub stages: Vec<(StageId, String)>,
    /// Selected stage index.
    pub stage: usize,
    /// The level's requirements, as imported.
    pub requirements: Vec<String>,
    /// Rating per requirement.
    pub ratings: Vec<Option<Rating>>,
    /// Overall recommendation.
    pub recommendation: Option<Rating>,
    /// Notes.
    pub notes: TextArea<'static>,
    /// Focused part.
    pub focus: OutcomeFocus,
    /// Why the last save failed.
    pub error: Option<String>,
    /// Esc was pressed on a form with changes: waiting for y/n.
    pub discard: Discard,
    /// Something was typed or chosen.
    pub dirty: bool,
    /// Why the last key did nothing (shown in the footer until the next key).
    pub notice: Option<String>,
    /// The scheduled interview the form was filled from (issue 16), if any.
    pub schedule: Option<crate::domain::ScheduleId>,
}

impl OutcomeForm {
    /// A blank form for `app` at `current_stage`, dated `today`.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        app: ApplicationId,
        version: i64,
        name: String,
        interviewer: &str,
        today: NaiveDate,
        stages: Vec<(StageId, String)>,
        current_stage: StageId,
        requirements: Vec<String>,
    ) -> Self {
        // At Offer (not an interview stage) the last interview stage is the likely one.
        let stage =
            stages.iter().position(|(id, _)| *id == current_stage).unwrap_or(stages.len().saturating_sub(1));
        let ratings = vec![None; requirements.len()];
        OutcomeForm {
            app,
            version,
            name,
            interviewer: line_field(interviewer, "who interviewed (required)"),
            date: line_field(&today.format("%Y-%m-%d").to_string(), "YYYY-MM-DD"),
            stages,
            stage,
            requirements,
            ratings,
            recommendation: None,
            notes: multi_field("", "notes (Enter for a new line)"),
            focus: OutcomeFocus::Interviewer,
            error: None,
            discard: Discard::default(),
            dirty: false,
            notice: None,
            schedule: None,
        }
    }

    /// The form for `app`, loaded from the store, dated `today`; refused for a closed
    /// application.
    pub fn load(store: &Store, app: ApplicationId, today: NaiveDate) -> Result<Self, StoreError> {
        let a = store.application(app)?;
        if !crate::domain::rules::Change::RecordInterview.allows(a.status) {
            return Err(StoreError::Conflict(format!(
                "{} is {}; reopen before recording an interview",
                inert(&a.candidate_name),
                a.status
            )));
        }
        let stages = (store.pipeline_at(a.level_id, a.stage_id)?.into_iter())
            .filter(|s| s.kind == StageKind::Interview)
            .map(|s| (s.id, inert(&s.label)))
            .collect();
        let requirements = store.requirements_for(app)?.iter().map(|r| inert(r)).collect();
        let name = inert(&a.candidate_name);
        let mut form = OutcomeForm::new(app, a.version, name, "", today, stages, a.stage_id, requirements);
        // Offer the user's scheduled interview: its stage, its day and the user filled in.
        if let Some(s) = store.scheduled_for(app, store.actor())? {
            form.interviewer = line_field(&inert(store.actor()), "who interviewed (required)");
            let day = s.local_start().date_naive().min(today);
            form.date = line_field(&day.format("%Y-%m-%d").to_string(), "YYYY-MM-DD");
            form.stage = form.stages.iter().position(|(id, _)| *id == s.stage_id).unwrap_or(form.stage);
            form.notice =
                Some(format!("From the interview scheduled {}", s.local_start().format("%a %d %b %H:%M")));
            form.schedule = Some(s.id);
        }
        Ok(form)
    }

    /// Every focus position in order.
    fn order(&self) -> Vec<OutcomeFocus> {
        let mut v = vec![OutcomeFocus::Interviewer, OutcomeFocus::Date, OutcomeFocus::Stage];
        v.extend((0..self.requirements.len()).map(OutcomeFocus::Requirement));
        v.push(OutcomeFocus::Recommendation);
        v.push(OutcomeFocus::Notes);
        v
    }

    /// Move focus forward (`true`) or back. Focus never wraps (Down on Notes must not put
    /// the next keys into Interviewer); at either end it stays (the key handler says why,
    /// naming the live keys) and this is `false`.
    pub fn move_focus(&mut self, forward: bool) -> bool {
        let order = self.order();
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        let next = if forward { i + 1 } else { i.wrapping_sub(1) };
        match order.get(next) {
            Some(f) => {
                self.focus = *f;
                true
            }
            None => false,
        }
    }

    /// Apply a digit on a rating row or the recommendation: 1–4 rate, 0 clears. The focus
    /// stays on the row, so ↓ always goes to the next one. A digit past 4 is refused.
    pub fn rate(&mut self, digit: u32) -> bool {
        let rating = if digit == 0 { None } else { Rating::from_value(digit as i64) };
        if digit > 4 {
            self.notice = Some(format!("{digit} is not a rating: 1 strong no … 4 strong yes, 0 clears"));
            return false;
        }
        match self.focus {
            OutcomeFocus::Requirement(i) => {
                if let Some(slot) = self.ratings.get_mut(i) {
                    *slot = rating;
                    self.dirty = true;
                    return true;
                }
                false
            }
            OutcomeFocus::Recommendation => {
                self.recommendation = rating;
                self.dirty = true;
                true
            }
            _ => false,
        }
    }

    /// Pick the previous / next stage.
    pub fn cycle_stage(&mut self, forward: bool) {
        if self.stages.is_empty() {
            return;
        }
        let n = self.stages.len();
        self.stage = if forward { (self.stage + 1).min(n - 1) } else { self.stage.saturating_sub(1) };
        self.dirty = true;
    }

    /// Validate and build what the store records; the message says what to fix.
    pub fn to_new_interview(&self) -> Result<NewInterview, String> {
        let interviewer = multi_text(&self.interviewer).trim().to_string();
        if interviewer.is_empty() {
            return Err("Interviewer is required".into());
        }
        let date_text = multi_text(&self.date);
        let held_on = parse_time(&date_text)
            .map(|t| t.date_naive())
            .ok_or_else(|| format!("'{}' is not a date; use YYYY-MM-DD", date_text.trim()))?;
        let recommendation =
            self.recommendation.ok_or("Pick an overall recommendation (1 strong no … 4 strong yes)")?;
        let ratings =
            self.ratings.iter().enumerate().filter_map(|(i, r)| r.map(|r| (i, r))).collect::<Vec<_>>();
        Ok(NewInterview {
            stage: self.stages.get(self.stage).map(|(id, _)| *id),
            interviewer,
            held_on,
            recommendation,
            notes: multi_text(&self.notes).trim_end().to_string(),
            ratings,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> OutcomeForm {
        OutcomeForm::new(
            ApplicationId(1),
            1,
            "Ana".into(),
            "",
            NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
            vec![(StageId(1), "Screening".into()), (StageId(2), "Panel".into())],
            StageId(2),
            vec!["Req A".into(), "Req B".into(), "Req C".into()],
        )
    }

    #[test]
    fn requires_interviewer_and_recommendation() {
        let mut f = form();
        assert_eq!(f.to_new_interview().unwrap_err(), "Interviewer is required");
        f.interviewer.insert_str("Pat");
        assert!(f.to_new_interview().unwrap_err().contains("recommendation"));
        f.focus = OutcomeFocus::Recommendation;
        assert!(f.rate(3));
        let new = f.to_new_interview().unwrap();
        assert_eq!(new.recommendation, Rating::Yes);
        assert_eq!(new.stage, Some(StageId(2)), "defaults to the current stage");
        assert!(new.ratings.is_empty(), "unrated rows stay unrated");
    }

    #[test]
    fn rating_keeps_the_focus_and_clears() {
        let mut f = form();
        f.focus = OutcomeFocus::Requirement(0);
        f.rate(4);
        assert_eq!(f.focus, OutcomeFocus::Requirement(0), "a rating does not move the focus");
        f.move_focus(true);
        f.rate(2);
        f.focus = OutcomeFocus::Requirement(0);
        f.rate(0);
        assert_eq!(f.ratings, vec![None, Some(Rating::No), None]);
        assert!(!f.rate(7));
        assert!(f.notice.as_deref().unwrap_or("").contains("not a rating"));
    }

    #[test]
    fn bad_date_is_reported_and_nothing_is_lost() {
        let mut f = form();
        f.interviewer.insert_str("Pat");
        f.recommendation = Some(Rating::StrongYes);
        f.date = line_field("31/02/2026", "");
        f.notes.insert_str("kept");
        assert!(f.to_new_interview().unwrap_err().contains("not a date"));
        assert_eq!(multi_text(&f.notes), "kept");
    }

    #[test]
    fn focus_visits_every_row_and_never_wraps() {
        let mut f = form();
        let mut seen = vec![f.focus];
        for _ in 0..7 {
            assert!(f.move_focus(true));
            seen.push(f.focus);
        }
        assert_eq!(seen[6], OutcomeFocus::Recommendation);
        assert_eq!(seen[7], OutcomeFocus::Notes);
        assert!(!f.move_focus(true), "no wrap past Notes");
        assert_eq!(f.focus, OutcomeFocus::Notes);
        f.focus = OutcomeFocus::Interviewer;
        assert!(!f.move_focus(false));
        assert_eq!(f.focus, OutcomeFocus::Interviewer);
    }
}
