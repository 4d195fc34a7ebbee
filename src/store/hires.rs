//! Hiring outcomes for the dashboard (issue 17): how many were hired, the time from
//! application to hire (median, p90), where the hires came from, and how many offers
//! were accepted — for one role or across all roles, on either backend.

use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::FamilyId;
use crate::domain::clock::parse_time;
use serde::Serialize;
use std::collections::HashMap;

/// Hiring outcomes.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct HireStats {
    /// Applications hired (and still hired).
    pub hired: u32,
    /// Days from application to hire: median.
    pub median_days: Option<f64>,
    /// Days from application to hire: 90th percentile.
    pub p90_days: Option<f64>,
    /// Hires per source, most first ("unknown" when none was recorded).
    pub sources: Vec<(String, u32)>,
    /// Hired / (hired + rejected or withdrawn at the Offer stage); none before any offer ended.
    pub offer_acceptance: Option<f64>,
}

impl Store {
    /// Hiring outcomes of one role, or of every role.
    pub fn hire_stats(&self, family: Option<FamilyId>) -> Result<HireStats> {
        let (filter, params) = match family {
            Some(f) => (" AND a.family_id = ?1", vec![Value::from(f)]),
            None => ("", Vec::new()),
        };
        let rows = self.db().query_rows(
            &format!(
                "SELECT a.id, a.created_at, e.at, c.source FROM applications a
                   JOIN events e ON e.application_id = a.id AND e.kind = 'hired'
                   JOIN candidates c ON c.id = a.candidate_id
                  WHERE a.status = 'hired'{filter} ORDER BY a.id, e.id"
            ),
            &params,
            |r| Ok((r.get::<i64>(0)?, r.get::<String>(1)?, r.get::<String>(2)?, r.get::<Option<String>>(3)?)),
        )?;
        // The latest hire of each application (a reopened and hired again one counts once).
        let mut latest: HashMap<i64, (String, String, Option<String>)> = HashMap::new();
        for (app, created, hired, source) in rows {
            latest.insert(app, (created, hired, source));
        }
        let mut days: Vec<f64> = Vec::new();
        let mut sources: HashMap<String, u32> = HashMap::new();
        for (created, hired, source) in latest.values() {
            if let (Some(c), Some(h)) = (parse_time(created), parse_time(hired)) {
                days.push((h - c).num_seconds() as f64 / 86_400.0);
            }
            let source = source.as_deref().filter(|s| !s.trim().is_empty()).unwrap_or("unknown");
            *sources.entry(source.to_string()).or_default() += 1;
        }
        days.sort_by(f64::total_cmp);
        let mut sources: Vec<(String, u32)> = sources.into_iter().collect();
        sources.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let declined: i64 = self.db().query_value(
            &format!(
                "SELECT COUNT(*) FROM applications a JOIN stages s ON s.id = a.stage_id
                  WHERE s.kind = 'offer' AND a.status IN ('rejected', 'withdrawn'){filter}"
            ),
            &params,
        )?;
        let hired = latest.len() as u32;
        let ended = f64::from(hired) + declined as f64;
        Ok(HireStats {
            hired,
            median_days: percentile(&days, 0.5),
            p90_days: percentile(&days, 0.9),
            sources,
            offer_acceptance: (ended > 0.0).then(|| f64::from(hired) / ended),
        })
    }
}

/// The `p` quantile of sorted values (nearest rank), none of nothing.
fn percentile(sorted: &[f64], p: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = ((p * sorted.len() as f64).ceil() as usize).clamp(1, sorted.len());
    Some(sorted[rank - 1])
}

#[cfg(test)]
mod tests {
    #[test]
    fn nearest_rank() {
        let v: Vec<f64> = (1..=10).map(f64::from).collect();
        assert_eq!(super::percentile(&v, 0.5), Some(5.0));
        assert_eq!(super::percentile(&v, 0.9), Some(9.0));
        assert_eq!(super::percentile(&[], 0.9), None);
    }
}
