//! The candidate screen's team parts (issue 16): the application's owner, its upcoming
//! and past interviews, the scorecard grid per stage, and how many scorecards are
//! hidden until the viewer submits their own.

use crate::domain::scorecard::grid_lines;
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Schedule};
use crate::store::{Store, StoreError, hidden_line};
use chrono::{DateTime, Utc};

/// The grid's width: it fits the candidate screen of an 80-column terminal.
const GRID_WIDTH: usize = 70;

/// Owner, interviews (upcoming, then past) and the scorecard grid of `app`.
pub fn lines(
    store: &Store,
    app: ApplicationId,
    now: DateTime<Utc>,
    out: &mut Vec<String>,
) -> Result<(), StoreError> {
    out.push(format!("Owner:  {}", inert(&store.application_owner(app)?)));
    let schedules = store.schedules_of(app)?;
    let (upcoming, past): (Vec<&Schedule>, Vec<&Schedule>) =
        schedules.iter().partition(|s| s.starts_at >= now && !s.is_cancelled());
    for (title, list) in [("Upcoming interviews:", upcoming), ("Past interviews:", past)] {
        if list.is_empty() {
            continue;
        }
        out.push(String::new());
        out.push(title.into());
        out.extend(list.iter().map(|s| schedule_line(s)));
    }
    grid(store, app, out)
}

/// One scheduled interview: when in its zone, how long, the stage, who, where.
pub fn schedule_line(s: &Schedule) -> String {
    let mut line = format!(
        "#{} {} {} · {} min · {} · {}",
        s.id,
        s.local_start().format("%a %Y-%m-%d %H:%M"),
        inert(&s.zone),
        s.duration_minutes,
        inert(&s.stage_label),
        inert(&s.interviewers.join(", "))
    );
    if !s.place.is_empty() {
        line.push_str(&format!(" · {}", inert(&s.place)));
    }
    if s.is_cancelled() {
        line.push_str(" · cancelled");
    }
    line
}

fn grid(store: &Store, app: ApplicationId, out: &mut Vec<String>) -> Result<(), StoreError> {
    let cards = store.scorecards(app)?;
    if cards.grids.is_empty() && cards.hidden == 0 {
        return Ok(());
    }
    out.push(String::new());
    out.push("Scorecard grid:".into());
    for g in &cards.grids {
        out.extend(grid_lines(g, GRID_WIDTH).into_iter().map(|l| format!("  {}", inert(&l))));
    }
    if cards.hidden > 0 {
        out.push(format!("  {}", hidden_line(cards.hidden)));
    }
    Ok(())
}
