//! `move`, `reject`, `withdraw` and `hold` on several applications at once (issue 17):
//! several ids, or `--all-in STAGE --role ROLE`; all or nothing (`Store::bulk_change`).

use super::pipeline::{print_transition, unknown_reason};
use super::shared_args::VersionGuard;
use super::{CliError, CliResult, Output};
use crate::domain::rules::Change as Rule;
use crate::domain::{ApplicationId, RejectReason};
use crate::present::describe;
use crate::store::{BulkChange, Store, Transition};

/// Which applications a change is for.
#[derive(Debug, Clone, clap::Args)]
pub struct Targets {
    /// Application ids; `ID@VERSION` refuses the whole change unless that application is
    /// still at that version (from `--json` output).
    #[arg(value_name = "APP", required_unless_present = "all_in")]
    pub apps: Vec<String>,
    /// Every open application at this stage of `--role` (those the change allows: move and
    /// hold take the active ones, reject and withdraw also those on hold).
    #[arg(long, value_name = "STAGE", requires = "role", conflicts_with = "apps")]
    pub all_in: Option<String>,
    /// The role of `--all-in` (slug or title).
    #[arg(long, requires = "all_in")]
    pub role: Option<String>,
    #[command(flatten)]
    pub guard: VersionGuard,
}

/// Arguments of `move`.
#[derive(Debug, clap::Args)]
#[command(group = clap::ArgGroup::new("target").required(true).args(["to", "next", "back"]))]
pub struct MoveArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// Stage label (case-insensitive; a unique fragment is enough). A further track's
    /// stage by its label, or as the board shows it ("Screening · Director of Support").
    #[arg(long)]
    pub to: Option<String>,
    /// The next stage.
    #[arg(long)]
    pub next: bool,
    /// The previous stage.
    #[arg(long)]
    pub back: bool,
}

/// Arguments of `reject`.
#[derive(Debug, clap::Args)]
pub struct RejectArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// not-qualified, skills-mismatch, compensation, location, position-filled,
    /// unresponsive, failed-references, values-mismatch, other.
    #[arg(long)]
    pub reason: String,
    /// Free-text note.
    #[arg(long)]
    pub note: Option<String>,
}

/// Arguments of `withdraw` and `hold`.
#[derive(Debug, clap::Args)]
pub struct NoteArgs {
    #[command(flatten)]
    pub targets: Targets,
    /// Free-text note.
    #[arg(long)]
    pub note: Option<String>,
}

/// `move APP… --to STAGE | --next | --back` (several applications: `--to` only).
pub fn move_apps(store: &mut Store, out: &Output, args: &MoveArgs) -> CliResult {
    let Some(to) = &args.to else {
        let app = single(&args.targets)?.ok_or_else(|| {
            CliError::usage("--next and --back move one application; give several a stage with --to")
        })?;
        let t = store.step(app.0, args.next, app.1)?;
        return print_transition(store, out, &t);
    };
    let apps = resolve(store, &args.targets, Rule::Move)?;
    let Some(&(first, _)) = apps.first() else { return nothing(out) };
    let family = store.application(first)?.family_id;
    let stage = store.board_stage_by_name(family, to)?;
    if let Some(app) = single(&args.targets)? {
        let t = store.move_to(app.0, stage.id, app.1)?;
        return print_transition(store, out, &t);
    }
    apply(store, out, &apps, &BulkChange::Move(stage.id), None)
}

/// `reject APP… --reason R [--note N]`.
pub fn reject(store: &mut Store, out: &Output, args: &RejectArgs) -> CliResult {
    let reason = RejectReason::parse(&args.reason).ok_or_else(|| unknown_reason(&args.reason))?;
    let note = args.note.as_deref();
    if let Some((app, seen)) = single(&args.targets)? {
        let t = store.reject(app, reason, note, seen)?;
        return print_transition(store, out, &t);
    }
    let apps = resolve(store, &args.targets, Rule::Reject)?;
    apply(store, out, &apps, &BulkChange::Reject(reason), note)
}

/// `withdraw APP…` (`hold` false) or `hold APP…` (`hold` true).
pub fn pause(store: &mut Store, out: &Output, args: &NoteArgs, hold: bool) -> CliResult {
    let note = args.note.as_deref();
    if let Some((app, seen)) = single(&args.targets)? {
        let t = if hold { store.hold(app, note, seen)? } else { store.withdraw(app, note, seen)? };
        return print_transition(store, out, &t);
    }
    let (rule, change) =
        if hold { (Rule::Hold, BulkChange::Hold) } else { (Rule::Withdraw, BulkChange::Withdraw) };
    let apps = resolve(store, &args.targets, rule)?;
    apply(store, out, &apps, &change, note)
}

/// The one application named, when exactly one id (and no `--all-in`) was given, with the
/// version to check (`ID@VERSION` or `--if-version`).
fn single(targets: &Targets) -> Result<Option<(ApplicationId, Option<i64>)>, CliError> {
    if targets.all_in.is_some() || targets.apps.len() != 1 {
        if targets.guard.if_version.is_some() {
            return Err(CliError::usage("--if-version is for one application; write ID@VERSION for several"));
        }
        return Ok(None);
    }
    let (app, seen) = parse_id(&targets.apps[0])?;
    if seen.is_some() && targets.guard.if_version.is_some() {
        return Err(CliError::usage("give the version once: ID@VERSION or --if-version"));
    }
    Ok(Some((app, seen.or(targets.guard.if_version))))
}

/// The applications the change is for: the ids given, or those at `--all-in` that the
/// change's rule allows.
fn resolve(
    store: &Store,
    targets: &Targets,
    rule: Rule,
) -> Result<Vec<(ApplicationId, Option<i64>)>, CliError> {
    let (Some(stage), Some(role)) = (&targets.all_in, &targets.role) else {
        return targets.apps.iter().map(|a| parse_id(a)).collect();
    };
    let family = store.family_by_slug(role)?;
    let stage = store.board_stage_by_name(family.id, stage)?;
    let open = store.open_at_stage(family.id, stage.id)?;
    let allowed = rule.allowed_from();
    Ok(open.into_iter().filter(|(_, _, s)| allowed.contains(s)).map(|(a, v, _)| (a, Some(v))).collect())
}

/// `12` or `12@3` (application 12, seen at version 3).
fn parse_id(text: &str) -> Result<(ApplicationId, Option<i64>), CliError> {
    let bad = || {
        CliError::usage(format!(
            "'{text}' is not an application id (write 12, or 12@3 with the version seen)"
        ))
    };
    let (id, version) = match text.split_once('@') {
        Some((id, v)) => (id, Some(v.trim().parse::<i64>().map_err(|_| bad())?)),
        None => (text, None),
    };
    let id = id.trim().parse::<i64>().map_err(|_| bad())?;
    Ok((ApplicationId(id), version))
}

/// Apply one change to all of `apps` and print a line per application.
fn apply(
    store: &mut Store,
    out: &Output,
    apps: &[(ApplicationId, Option<i64>)],
    change: &BulkChange,
    note: Option<&str>,
) -> CliResult {
    if apps.is_empty() {
        return nothing(out);
    }
    let batch = store.bulk_change(apps, change, note)?;
    let done: Vec<Transition> = batch
        .events
        .iter()
        .zip(batch.applications)
        .map(|(e, a)| Transition { event_id: *e, application: a })
        .collect();
    let lines: Vec<String> = done
        .iter()
        .map(|t| {
            let line = store.event(t.event_id).map(|e| describe(store, &e)).unwrap_or_default();
            format!("app {}: {line}", t.application.id)
        })
        .collect();
    out.emit(&done, |w| {
        for line in &lines {
            writeln!(w, "{line}")?;
        }
        writeln!(w, "{} applications changed in one step", lines.len())
    })
}

fn nothing(out: &Output) -> CliResult {
    let none: [Transition; 0] = [];
    out.emit(&none, |w| writeln!(w, "no open application there that this applies to; nothing changed"))
}
