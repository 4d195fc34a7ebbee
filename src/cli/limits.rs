//! `limit ROLE [STAGE DAYS]` (a stage's time limit) and `stale` (open applications past
//! their stage's limit), issue 17.

use super::{CliError, CliResult, Output};
use crate::domain::text::inert;
use crate::store::Store;

/// Arguments of `limit`.
#[derive(Debug, clap::Args)]
pub struct LimitArgs {
    /// Role slug or title.
    pub role: String,
    /// Stage label (a unique fragment is enough); without it, every stage's limit is listed.
    pub stage: Option<String>,
    /// Days an application may stay in the stage (1 to 365).
    #[arg(requires = "stage")]
    pub days: Option<i64>,
}

/// Arguments of `stale`.
#[derive(Debug, clap::Args)]
pub struct StaleArgs {
    /// Only this role (slug or title).
    #[arg(long)]
    pub role: Option<String>,
    /// Only yours: those you own or interview (you: ROLECALL_ACTOR, the login, or the
    /// server's user).
    #[arg(long)]
    pub mine: bool,
}

/// `limit ROLE STAGE DAYS` sets a limit; `limit ROLE` lists them.
pub fn limit(store: &mut Store, out: &Output, args: &LimitArgs) -> CliResult {
    let family = store.family_by_slug(&args.role)?;
    match (&args.stage, args.days) {
        (Some(stage), Some(days)) => {
            let stage = store.board_stage_by_name(family.id, stage)?;
            let set = store.set_stage_limit(stage.id, days)?;
            out.emit(&set, |w| writeln!(w, "{}: {} is now {} days", family.slug, inert(&set.stage), set.days))
        }
        (Some(_), None) => Err(CliError::usage("give the days too: rolecall limit ROLE STAGE DAYS")),
        _ => {
            let limits = store.stage_limits(family.id)?;
            out.emit(&limits, |w| {
                for l in &limits {
                    let how = if l.set { "" } else { " (default)" };
                    writeln!(w, "{:<30} {:>3} days{how}", inert(&l.stage), l.days)?;
                }
                Ok(())
            })
        }
    }
}

/// `stale [--role R] [--mine]`: the open applications past their stage's limit, longest
/// over first.
pub fn stale(store: &Store, out: &Output, args: &StaleArgs) -> CliResult {
    let family = args.role.as_deref().map(|r| store.family_by_slug(r)).transpose()?;
    let actor = args.mine.then(|| store.actor().to_string());
    let found = store.stale(family.map(|f| f.id), actor.as_deref())?;
    out.emit(&found, |w| {
        for s in &found {
            let held = if s.status == crate::domain::AppStatus::OnHold { " (on hold)" } else { "" };
            writeln!(
                w,
                "app {:<6} {:<28} {:<30} {:<20} {}d of {}d{held}",
                s.application_id,
                inert(&s.name),
                s.role,
                inert(&s.stage),
                s.days_in_stage,
                s.limit_days
            )?;
        }
        writeln!(w, "{} past their stage's limit", found.len())
    })
}
