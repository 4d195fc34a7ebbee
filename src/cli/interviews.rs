//! `outcome`, `interview list`, `interview requirements`.

use super::args::{InterviewCommand, OutcomeArgs};
use super::{CliError, CliResult, Output};
use crate::domain::clock::parse_time;
use crate::domain::text::inert;
use crate::domain::{ApplicationId, Rating};
use crate::store::{Interview, NewInterview, Store};
use serde::Serialize;

fn parse_rating(s: &str, what: &str) -> Result<Rating, CliError> {
    Rating::parse(s).ok_or_else(|| {
        CliError::usage(format!(
            "{what} '{s}' is not a rating; use strong-no, no, yes or strong-yes (or 1-4)"
        ))
    })
}

fn parse_score(s: &str) -> Result<(usize, Rating), CliError> {
    let (n, r) = s
        .split_once('=')
        .ok_or_else(|| CliError::usage(format!("--score '{s}' should look like N=RATING, e.g. 2=yes")))?;
    let n: usize =
        n.trim().parse().ok().filter(|n| *n >= 1).ok_or_else(|| {
            CliError::usage(format!("--score '{s}': N must be a requirement number from 1"))
        })?;
    Ok((n - 1, parse_rating(r, "score")?))
}

/// `rolecall outcome APP …`.
pub fn outcome(store: &mut Store, out: &Output, args: &OutcomeArgs) -> CliResult {
    let app = ApplicationId(args.app);
    let recommendation = parse_rating(&args.recommend, "--recommend")?;
    let ratings = args.scores.iter().map(|s| parse_score(s)).collect::<Result<Vec<_>, _>>()?;
    let today = store.now().date_naive();
    let held_on = match &args.date {
        Some(d) => parse_time(d)
            .map(|t| t.date_naive())
            .ok_or_else(|| CliError::usage(format!("--date '{d}' is not a date (YYYY-MM-DD)")))?,
        None => today,
    };
    if held_on > today {
        // Like --as-of: an outcome records what has happened.
        return Err(CliError::usage(format!(
            "--date '{}' is in the future (today is {today} UTC); use today or an earlier date",
            args.date.as_deref().unwrap_or_default()
        )));
    }
    let current = store.application(app)?;
    let stage = match &args.stage {
        Some(s) => Some(store.board_stage_by_name(current.family_id, s)?.id),
        None => None,
    };
    let interviewer = args.interviewer.clone().unwrap_or_else(|| store.actor().to_string());
    let scheduled = super::schedule::scheduled_for(store, app, &interviewer, args.schedule)?;
    if scheduled.is_none() && args.interviewer.is_none() {
        return Err(unscheduled(store, app, &interviewer)?);
    }
    // A scheduled interview fills in its stage and (unless given) its day.
    let held_on = match (&scheduled, &args.date) {
        (Some(s), None) => s.local_start().date_naive().min(today),
        _ => held_on,
    };
    let new =
        NewInterview { stage, interviewer, held_on, recommendation, notes: args.notes.clone(), ratings };
    let from = scheduled.as_ref().map(|s| s.id);
    let (id, _) = store.record_interview_from(app, &new, args.guard.if_version, from)?;
    let interview = store.interviews(app)?.into_iter().find(|i| i.id == id);
    out.emit(&interview, |w| {
        let of = from.map(|s| format!(" (scheduled interview {s})")).unwrap_or_default();
        writeln!(
            w,
            "app {app}: interview {id} recorded: {} by {}{of}",
            recommendation.label(),
            inert(new.interviewer.trim())
        )
    })
}

#[derive(Serialize)]
struct Numbered {
    number: usize,
    requirement: String,
}

/// `rolecall interview list|requirements APP`.
pub fn run(store: &Store, out: &Output, command: InterviewCommand) -> CliResult {
    match command {
        InterviewCommand::List { app } => {
            let list = store.interviews(ApplicationId(app))?;
            let hidden = store.hidden_scorecards(ApplicationId(app))?;
            out.emit(&list, |w| {
                print_interviews(w, &list)?;
                if hidden > 0 {
                    writeln!(w, "{}", crate::store::hidden_line(hidden))?;
                }
                Ok(())
            })
        }
        InterviewCommand::Requirements { app } => {
            let list: Vec<Numbered> = store
                .requirements_for(ApplicationId(app))?
                .into_iter()
                .enumerate()
                .map(|(i, requirement)| Numbered { number: i + 1, requirement })
                .collect();
            out.emit(&list, |w| {
                for r in &list {
                    writeln!(w, "{:>3}. {}", r.number, inert(&r.requirement))?;
                }
                Ok(())
            })
        }
    }
}

/// Interviews as text, newest last.
pub fn print_interviews(w: &mut dyn std::io::Write, list: &[Interview]) -> std::io::Result<()> {
    if list.is_empty() {
        writeln!(w, "no interviews recorded")?;
    }
    for i in list {
        writeln!(
            w,
            "interview {} · {} · {} · {} · {} {}",
            i.id,
            i.held_on,
            inert(&i.stage_label),
            inert(&i.interviewer),
            i.recommendation.glyph(),
            i.recommendation.label()
        )?;
        if let Some(level) = &i.level_title {
            writeln!(w, "    rated against the requirements of {}", inert(level))?;
        }
        for s in i.scores.iter().filter(|s| s.rating.is_some()) {
            let r = s.rating.map(|r| r.label()).unwrap_or("—");
            writeln!(w, "    {r:<10} {}", inert(&s.requirement))?;
        }
        for line in i.notes.lines() {
            writeln!(w, "    | {}", inert(line))?;
        }
    }
    Ok(())
}

/// Why `outcome` without `--interviewer` found nothing to score: the login's interview of
/// `app` is still to come, or there is none.
fn unscheduled(store: &Store, app: ApplicationId, who: &str) -> Result<CliError, CliError> {
    let now = store.now();
    let coming = store
        .schedules_of(app)?
        .into_iter()
        .find(|s| !s.is_cancelled() && s.starts_at > now && s.has_interviewer(who));
    Ok(CliError::usage(match coming {
        Some(s) => format!(
            "{who}'s interview of app {app} is on {}, still to come: record its outcome once it is held \
             (or give --interviewer to record another one)",
            s.local_start().format("%Y-%m-%d %H:%M %Z")
        ),
        None => format!("--interviewer is required: {who} has no scheduled interview of app {app} to score"),
    }))
}
