//! Pipeline statistics over replayed applications: funnel, days in stage, rejection
//! reasons, new applications per week. Pure functions, shared by `rolecall stats`,
//! the exports and the dashboard.

use super::ids::{FamilyId, StageId};
use super::snapshot::{ApplicationState, Replay, RoleOutline};
use super::{AppStatus, RejectReason};
use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use serde::Serialize;

/// One step of the funnel.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FunnelStep {
    /// The stage.
    pub stage_id: StageId,
    /// Its label.
    pub label: String,
    /// Applications that reached this stage (or a later one).
    pub reached: u32,
    /// Share of them that reached the next step (the next stage; hired after Offer).
    /// `None` when none reached this stage.
    pub conversion: Option<f64>,
}

/// How far applications got. An application counts as having reached every current
/// stage up to the furthest one it was ever in; a stay that was undone does not count.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Funnel {
    /// Current stages in pipeline order.
    pub steps: Vec<FunnelStep>,
    /// Applications hired.
    pub hired: u32,
}

impl Funnel {
    /// How many reached a stage (0 for a stage not in the funnel).
    pub fn reached(&self, stage: StageId) -> u32 {
        self.steps.iter().find(|s| s.stage_id == stage).map_or(0, |s| s.reached)
    }
}

/// Build the funnel of one role.
pub fn funnel<'a>(role: &RoleOutline, apps: impl IntoIterator<Item = &'a ApplicationState>) -> Funnel {
    let current: Vec<_> = role.stages.iter().filter(|s| !s.retired).collect();
    let mut reached = vec![0u32; current.len()];
    let mut hired = 0;
    for app in apps {
        let furthest = app
            .visits
            .iter()
            .filter(|v| !v.undone)
            .filter_map(|v| current.iter().position(|s| s.id == v.stage_id))
            .max();
        if let Some(furthest) = furthest {
            for slot in reached.iter_mut().take(furthest + 1) {
                *slot += 1;
            }
        }
        if app.status == AppStatus::Hired {
            hired += 1;
        }
    }
    let steps = current
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let next = reached.get(i + 1).copied().unwrap_or(hired);
            FunnelStep {
                stage_id: s.id,
                label: s.label.clone(),
                reached: reached[i],
                conversion: ratio(next, reached[i]),
            }
        })
        .collect();
    Funnel { steps, hired }
}

fn ratio(part: u32, whole: u32) -> Option<f64> {
    (whole > 0).then(|| f64::from(part) / f64::from(whole))
}

/// Time spent in one stage.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StageDays {
    /// The stage.
    pub stage_id: StageId,
    /// Its label.
    pub label: String,
    /// Finished stays counted (left the stage, or closed while in it).
    pub samples: usize,
    /// Median days of those stays.
    pub median_days: Option<f64>,
    /// 90th percentile days of those stays.
    pub p90_days: Option<f64>,
    /// Applications in the stage now (open), not counted above.
    pub in_stage_now: u32,
}

/// Median and 90th percentile days in each current stage, over finished stays that
/// were not undone. Ongoing stays are counted separately, as they have no end yet.
pub fn days_in_stage<'a>(
    role: &RoleOutline,
    apps: impl IntoIterator<Item = &'a ApplicationState>,
) -> Vec<StageDays> {
    let current: Vec<_> = role.stages.iter().filter(|s| !s.retired).collect();
    let mut samples: Vec<Vec<f64>> = vec![Vec::new(); current.len()];
    let mut now = vec![0u32; current.len()];
    for app in apps {
        for visit in app.visits.iter().filter(|v| !v.undone) {
            let Some(i) = current.iter().position(|s| s.id == visit.stage_id) else {
                continue;
            };
            match visit.ended_at {
                Some(end) => samples[i].push(days_between(visit.entered_at, end)),
                None => now[i] += 1,
            }
        }
    }
    current
        .iter()
        .zip(samples)
        .zip(now)
        .map(|((stage, mut days), in_stage_now)| {
            days.sort_by(f64::total_cmp);
            StageDays {
                stage_id: stage.id,
                label: stage.label.clone(),
                samples: days.len(),
                median_days: percentile(&days, 50.0),
                p90_days: percentile(&days, 90.0),
                in_stage_now,
            }
        })
        .collect()
}

fn days_between(from: DateTime<Utc>, to: DateTime<Utc>) -> f64 {
    let seconds = (to - from).num_seconds().max(0);
    seconds as f64 / 86_400.0
}

/// The `p`-th percentile (0–100) of sorted values, interpolating between the nearest
/// ranks (the common "linear" definition); `None` for no values.
pub fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let rank = (p.clamp(0.0, 100.0) / 100.0) * last as f64;
    let lo = rank.floor() as usize;
    let hi = rank.ceil() as usize;
    let (a, b) = (*sorted.get(lo)?, *sorted.get(hi)?);
    Some(a + (b - a) * (rank - lo as f64))
}

/// Rejections with one reason at one stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectionCount {
    /// Why.
    pub reason: RejectReason,
    /// Where the application was when rejected.
    pub stage_id: StageId,
    /// That stage's label.
    pub stage_label: String,
    /// How many applications.
    pub count: u32,
}

/// Applications rejected (and still rejected) by reason and stage, most frequent first.
pub fn rejection_reasons<'a>(
    role: &RoleOutline,
    apps: impl IntoIterator<Item = &'a ApplicationState>,
) -> Vec<RejectionCount> {
    let mut counts: Vec<RejectionCount> = Vec::new();
    for app in apps.into_iter().filter(|a| a.status == AppStatus::Rejected) {
        let reason = app.reject_reason.unwrap_or(RejectReason::Other);
        match counts.iter_mut().find(|c| c.reason == reason && c.stage_id == app.stage_id) {
            Some(c) => c.count += 1,
            None => counts.push(RejectionCount {
                reason,
                stage_id: app.stage_id,
                stage_label: app.stage_label.clone(),
                count: 1,
            }),
        }
    }
    let reason_order = |r: RejectReason| RejectReason::ALL.iter().position(|x| *x == r);
    let stage_order = |s: StageId| role.stage_index(s).unwrap_or(usize::MAX);
    counts.sort_by_key(|c| (std::cmp::Reverse(c.count), reason_order(c.reason), stage_order(c.stage_id)));
    counts
}

/// New applications in one week.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeekCount {
    /// The Monday (UTC) the week starts on.
    pub week_start: NaiveDate,
    /// Applications made that week.
    pub count: u32,
}

/// New applications per week for the `weeks` weeks ending with the week of `as_of`
/// (oldest first, empty weeks included, so it can be drawn as a sparkline).
pub fn weekly_new_applications<'a>(
    apps: impl IntoIterator<Item = &'a ApplicationState>,
    as_of: DateTime<Utc>,
    weeks: usize,
) -> Vec<WeekCount> {
    let last = monday_of(as_of.date_naive());
    let span = i64::try_from(weeks).unwrap_or(i64::MAX).saturating_sub(1);
    let first = last.checked_sub_signed(Duration::weeks(span)).unwrap_or(NaiveDate::MIN);
    let mut out: Vec<WeekCount> =
        first.iter_weeks().take(weeks).map(|week_start| WeekCount { week_start, count: 0 }).collect();
    for app in apps {
        let week = monday_of(app.applied_at.date_naive());
        let Ok(i) = usize::try_from((week - first).num_weeks()) else {
            continue;
        };
        if let Some(w) = out.get_mut(i) {
            w.count += 1;
        }
    }
    out
}

fn monday_of(d: NaiveDate) -> NaiveDate {
    let back = i64::from(d.weekday().num_days_from_monday());
    d.checked_sub_signed(Duration::days(back)).unwrap_or(d)
}

/// Everything `rolecall stats` and the dashboard show for one role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RoleStats {
    /// Role id.
    pub family_id: FamilyId,
    /// Role slug.
    pub slug: String,
    /// Role title.
    pub title: String,
    /// Applications ever made (up to the instant).
    pub applications: u32,
    /// Applications active or on hold.
    pub open: u32,
    /// The funnel.
    pub funnel: Funnel,
    /// Days in each stage.
    pub days_in_stage: Vec<StageDays>,
    /// Rejections by reason and stage.
    pub rejections: Vec<RejectionCount>,
    /// New applications per week.
    pub weekly_new: Vec<WeekCount>,
}

/// All statistics of one role from a replay that stopped at `as_of`.
pub fn role_stats(role: &RoleOutline, replay: &Replay, as_of: DateTime<Utc>, weeks: usize) -> RoleStats {
    let apps: Vec<&ApplicationState> = replay.of_family(role.id).collect();
    RoleStats {
        family_id: role.id,
        slug: role.slug.clone(),
        title: role.title.clone(),
        applications: u32::try_from(apps.len()).unwrap_or(u32::MAX),
        open: u32::try_from(apps.iter().filter(|a| !a.status.is_closed()).count()).unwrap_or(u32::MAX),
        funnel: funnel(role, apps.iter().copied()),
        days_in_stage: days_in_stage(role, apps.iter().copied()),
        rejections: rejection_reasons(role, apps.iter().copied()),
        weekly_new: weekly_new_applications(apps.iter().copied(), as_of, weeks),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::snapshot::{ReplayEvent, StageOutline};
    use crate::domain::{ApplicationId, CandidateId, EventId, EventKind, LevelId, StageKind};
    use AppStatus as S;
    use EventKind as K;
    use chrono::TimeZone;

    fn role() -> RoleOutline {
        let stage = |id, label: &str, kind| StageOutline {
            id: StageId(id),
            label: label.into(),
            kind,
            retired: false,
        };
        RoleOutline {
            id: FamilyId(1),
            slug: "r".into(),
            title: "R".into(),
            stages: vec![
                stage(1, "Screen", StageKind::Interview),
                stage(2, "Panel", StageKind::Interview),
                stage(3, "Offer", StageKind::Offer),
            ],
        }
    }

    fn at(day: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, day, 9, 0, 0).unwrap()
    }

    /// Replays `script` of (app, day, kind, stage, status) rows.
    fn replay(script: &[(i64, u32, EventKind, i64, AppStatus)]) -> Replay {
        let mut r = Replay::new();
        for (n, (app, day, kind, stage, status)) in script.iter().enumerate() {
            r.apply(&ReplayEvent {
                id: EventId(n as i64 + 1),
                at: at(*day),
                kind: *kind,
                application_id: ApplicationId(*app),
                candidate_id: CandidateId(*app),
                candidate_name: format!("C{app}").into(),
                family_id: FamilyId(1),
                level_id: LevelId(1),
                level_title: "L".into(),
                to_stage: Some(StageId(*stage)),
                to_stage_label: Some(format!("S{stage}").into()),
                to_status: Some(*status),
                reason: (*status == AppStatus::Rejected).then_some(RejectReason::Location),
                undoes: None,
                interview: None,
            });
        }
        r
    }

    #[test]
    fn funnel_counts_the_furthest_stage_reached() {
        let r = replay(&[
            (1, 1, K::Applied, 1, S::Active),
            (2, 1, K::Applied, 1, S::Active),
            (3, 2, K::Applied, 1, S::Active),
            (1, 3, K::Moved, 3, S::Active), // skipped Panel: still counts as reached
            (1, 5, K::Hired, 3, S::Hired),
            (2, 4, K::Moved, 2, S::Active),
            (2, 6, K::Rejected, 2, S::Rejected),
        ]);
        let f = funnel(&role(), r.applications());
        let reached: Vec<u32> = f.steps.iter().map(|s| s.reached).collect();
        assert_eq!(reached, [3, 2, 1]);
        assert_eq!(f.hired, 1);
        assert_eq!(f.steps[0].conversion, Some(2.0 / 3.0));
        assert_eq!(f.steps[2].conversion, Some(1.0));
        let rejections = rejection_reasons(&role(), r.applications());
        assert_eq!(rejections.len(), 1);
        assert_eq!((rejections[0].stage_id, rejections[0].count), (StageId(2), 1));
    }

    #[test]
    fn days_in_stage_uses_finished_stays() {
        let r = replay(&[
            (1, 1, K::Applied, 1, S::Active),
            (2, 1, K::Applied, 1, S::Active),
            (1, 3, K::Moved, 2, S::Active),
            (2, 11, K::Withdrawn, 1, S::Withdrawn),
        ]);
        let days = days_in_stage(&role(), r.applications());
        assert_eq!(days[0].samples, 2);
        assert_eq!(days[0].median_days, Some(6.0));
        assert_eq!(days[0].p90_days, Some(9.2));
        assert_eq!((days[1].samples, days[1].in_stage_now), (0, 1));
        assert_eq!(days[1].median_days, None);
    }

    #[test]
    fn percentile_interpolates() {
        assert_eq!(percentile(&[], 50.0), None);
        assert_eq!(percentile(&[4.0], 90.0), Some(4.0));
        assert_eq!(percentile(&[1.0, 2.0, 3.0, 4.0], 50.0), Some(2.5));
    }

    #[test]
    fn weeks_include_empty_ones_and_end_at_as_of() {
        // 2026-03-02 is a Monday.
        let r = replay(&[(1, 2, K::Applied, 1, S::Active), (2, 8, K::Applied, 1, S::Active)]);
        let weeks = weekly_new_applications(r.applications(), at(20), 4);
        let counts: Vec<u32> = weeks.iter().map(|w| w.count).collect();
        assert_eq!(counts, [0, 2, 0, 0]);
        assert_eq!(weeks[1].week_start.to_string(), "2026-03-02");
    }
}
