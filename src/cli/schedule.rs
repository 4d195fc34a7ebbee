//! `schedule`, `reschedule`, `cancel`, `agenda` (issue 16).

use super::team_args::{AgendaArgs, RescheduleArgs, ScheduleArgs};
use super::{CliError, CliResult, Output};
use crate::domain::schedule::{parse_duration, parse_local, parse_zone};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Schedule, ScheduleId};
use crate::store::{AgendaFor, NewSchedule, ScheduleChange, Store};
use chrono::Duration;

/// The zone of `--tz`, else `$TZ` when it names one, else UTC.
fn zone_name(tz: Option<&str>) -> Result<String, CliError> {
    match tz {
        Some(name) => Ok(parse_zone(name).map_err(CliError::usage)?.name().to_string()),
        None => Ok(std::env::var("TZ")
            .ok()
            .and_then(|t| parse_zone(t.trim_start_matches(':')).ok())
            .map_or_else(|| "UTC".to_string(), |z| z.name().to_string())),
    }
}

/// `rolecall schedule APP …`.
pub fn schedule(store: &mut Store, out: &Output, args: &ScheduleArgs) -> CliResult {
    let app = ApplicationId(args.app);
    let zone = zone_name(args.tz.as_deref())?;
    let starts_at =
        parse_local(&args.at, parse_zone(&zone).map_err(CliError::usage)?).map_err(CliError::usage)?;
    let duration_minutes = parse_duration(&args.duration).map_err(CliError::usage)?;
    let current = store.application(app)?;
    let stage = args.stage.as_deref().map(|s| store.board_stage_by_name(current.family_id, s)).transpose()?;
    let new = NewSchedule {
        stage: stage.map(|s| s.id),
        starts_at,
        zone,
        duration_minutes,
        interviewers: args.interviewers.clone(),
        place: args.place.clone(),
    };
    let s = store.schedule_interview(app, &new)?;
    out.emit(&s, |w| writeln!(w, "scheduled interview {}: {}", s.id, line(&s)))
}

/// `rolecall reschedule ID …`.
pub fn reschedule(store: &mut Store, out: &Output, args: &RescheduleArgs) -> CliResult {
    let id = ScheduleId(args.id);
    let before = store.schedule(id)?;
    let starts_at = match &args.at {
        Some(at) => {
            let zone = match &args.tz {
                Some(tz) => zone_name(Some(tz))?,
                None => before.zone.clone(),
            };
            let when =
                parse_local(at, parse_zone(&zone).map_err(CliError::usage)?).map_err(CliError::usage)?;
            Some((when, zone))
        }
        None if args.tz.is_some() => return Err(CliError::usage("--tz goes with --at (the new time)")),
        None => None,
    };
    let duration_minutes =
        args.duration.as_deref().map(parse_duration).transpose().map_err(CliError::usage)?;
    let family = store.application(before.application_id)?.family_id;
    let stage = args.stage.as_deref().map(|s| store.board_stage_by_name(family, s)).transpose()?;
    let change = ScheduleChange {
        starts_at,
        duration_minutes,
        interviewers: (!args.interviewers.is_empty()).then(|| args.interviewers.clone()),
        place: args.place.clone(),
        stage: stage.map(|s| s.id),
    };
    if change == ScheduleChange::default() {
        return Err(CliError::usage(
            "nothing to change: give --at, --duration, --interviewer, --stage or --where",
        ));
    }
    let s = store.reschedule(id, &change)?;
    out.emit(&s, |w| writeln!(w, "rescheduled interview {} (sequence {}): {}", s.id, s.sequence, line(&s)))
}

/// `rolecall cancel ID`.
pub fn cancel(store: &mut Store, out: &Output, id: i64) -> CliResult {
    let s = store.cancel_schedule(ScheduleId(id))?;
    out.emit(&s, |w| writeln!(w, "cancelled interview {}: {}", s.id, line(&s)))
}

/// `rolecall agenda …`.
pub fn agenda(store: &Store, out: &Output, args: &AgendaArgs) -> CliResult {
    let who = match (&args.interviewer, args.mine) {
        (Some(name), _) => AgendaFor::Interviewer(name.trim().to_string()),
        (None, true) => AgendaFor::Mine(store.actor().to_string()),
        (None, false) => AgendaFor::Everyone,
    };
    let from = store.now();
    let to = from + Duration::days(i64::from(args.days));
    if let Some(path) = &args.ics {
        let all = store.agenda(&who, from, to, true)?;
        let text = crate::export::ics::calendar(&all, store.now());
        crate::export::write_atomically(path, |w| Ok(w.write_all(text.as_bytes())?))?;
    }
    let list = store.agenda(&who, from, to, false)?;
    out.emit(&list, |w| {
        if list.is_empty() {
            writeln!(w, "no interviews in the next {} days", args.days)?;
        }
        for s in &list {
            writeln!(w, "{:>4}  {}", s.id, line(s))?;
        }
        if let Some(path) = &args.ics {
            writeln!(w, "calendar written to {}", path.display())?;
        }
        Ok(())
    })
}

/// One interview on one line: when (in its zone, and UTC), who, what, where.
pub fn line(s: &Schedule) -> String {
    let local = s.local_start();
    let mut text = format!(
        "{} {} ({} UTC), {} min · app {} {} · {} · with {}",
        local.format("%a %Y-%m-%d %H:%M"),
        inert(&s.zone),
        s.starts_at.format("%H:%M"),
        s.duration_minutes,
        s.application_id,
        inert(&s.candidate_name),
        inert(&s.stage_label),
        inert(&s.interviewers.join(", "))
    );
    if !s.place.is_empty() {
        text.push_str(&format!(" · {}", inert(&s.place)));
    }
    if s.is_cancelled() {
        text.push_str(" · CANCELLED");
    }
    text
}

/// The scheduled interview a scorecard by `who` is for: the one named, else the one the
/// store offers ([`Store::scheduled_for`]).
pub fn scheduled_for(
    store: &Store,
    app: ApplicationId,
    who: &str,
    named: Option<i64>,
) -> Result<Option<Schedule>, CliError> {
    match named {
        Some(id) => Ok(Some(store.schedule(ScheduleId(id))?)),
        None => Ok(store.scheduled_for(app, who)?),
    }
}
