//! The scriptable command line: `run` sends each command, in one `match`, to the module that
//! calls the store and prints text or `--json`.

mod access;
mod access_args;
mod args;
mod audit;
mod bulk;
mod candidates;
mod debug;
mod demo;
mod error;
mod export;
mod handbook;
mod import;
mod import_dry;
mod interviews;
mod level;
mod limits;
mod log;
mod maintenance;
mod open;
mod output;
mod pipeline;
mod progress;
mod report;
mod roles;
mod schedule;
mod search;
mod server;
mod shared_args;
mod shell;
mod stage;
mod stats;
mod team;
mod team_args;

pub use args::{Cli, Command};
pub use error::{CliError, ExitCode};
pub use open::{db_path, open_store};
pub use output::{CliResult, Output};
pub use report::{report, report_parse_error, wants_json};
pub use shell::{command, parse};

use crate::domain::ApplicationId;
use crate::store::Structure;
use open::tui;

/// Run the command line: `--demo`, the board when no command is given, else one command.
pub fn run(cli: Cli) -> CliResult {
    let out = Output { json: cli.json };
    if cli.demo {
        return demo::try_out(cli.command.is_some());
    }
    let db = cli.db;
    let Some(command) = cli.command else {
        return tui(db);
    };
    // Each command opens what it needs: completions and the manual nothing, the
    // maintenance commands the file as it is, the rest the database with its roles.
    let request = request_id(cli.request_id)?;
    let store = || open_store(db.clone()).map(|s| s.with_request_id(request.clone()));
    match command {
        Command::Completions(args) => shell::completions(&args),
        Command::Man => shell::man(),
        Command::Doctor { checkpoint, full } => match server::url(&db_path(db.clone())?) {
            Some(url) => server::doctor(&url, &out, checkpoint),
            None => {
                let structure = if full { Structure::Full } else { Structure::Quick };
                maintenance::doctor(&db_path(db)?, &out, checkpoint, structure)
            }
        },
        Command::Backup { path, force } => match server::url(&db_path(db.clone())?) {
            Some(url) => server::backup(&url, &out, &path, force),
            None => maintenance::backup(&db_path(db)?, &out, &path, force),
        },
        Command::Restore { path, force } => match server::url(&db_path(db.clone())?) {
            Some(url) => server::restore(&url, &out, &path, force),
            None => maintenance::restore_from(&db_path(db)?, &out, &path, force),
        },
        Command::Purge => server::purge(&db_path(db)?, &out),
        Command::Board { print: false, .. } => tui(db),
        Command::Board { role, closed, .. } => roles::board(&store()?, &out, role.as_deref(), closed),
        Command::Import { paths, default_process, dry_run: true, .. } => {
            import_dry::dry_run(&out, &paths, default_process)
        }
        Command::Import { paths, default_process, into, .. } => {
            import::import(&mut store()?, &out, &paths, into.as_deref(), default_process)
        }
        Command::Roles { role } => roles::roles(&store()?, &out, role.as_deref()),
        Command::Candidate(c) => candidates::run(&mut store()?, &out, c),
        Command::Apply { candidate, role, level } => {
            pipeline::apply(&mut store()?, &out, &candidate, &role, &level)
        }
        Command::Move(args) => bulk::move_apps(&mut store()?, &out, &args),
        Command::Reject(args) => bulk::reject(&mut store()?, &out, &args),
        Command::Withdraw(args) => bulk::pause(&mut store()?, &out, &args, false),
        Command::Hold(args) => bulk::pause(&mut store()?, &out, &args, true),
        Command::Limit(args) => limits::limit(&mut store()?, &out, &args),
        Command::Stale(args) => limits::stale(&store()?, &out, &args),
        Command::Search(args) => search::search(&store()?, &out, &args),
        Command::Resume { app, guard } => {
            pipeline::change(&mut store()?, &out, |s| s.resume(ApplicationId(app), guard.if_version))
        }
        Command::Hire { app, guard } => {
            pipeline::change(&mut store()?, &out, |s| s.hire(ApplicationId(app), guard.if_version))
        }
        Command::Reopen { app, guard } => {
            pipeline::change(&mut store()?, &out, |s| s.reopen(ApplicationId(app), guard.if_version))
        }
        Command::Level(args) => level::run(&mut store()?, &out, &args),
        Command::Stage(args) => stage::stage(&store()?, &out, &args),
        Command::LevelDef(args) => stage::level_def(&store()?, &out, &args),
        Command::Changes { role, ack } => stage::changes(&store()?, &out, role.as_deref(), ack),
        Command::Outcome(args) => interviews::outcome(&mut store()?, &out, &args),
        Command::Interview(c) => interviews::run(&store()?, &out, c),
        Command::History { app } => pipeline::history(&store()?, &out, ApplicationId(app)),
        Command::Export(args) => export::run(&store()?, &out, &args),
        Command::Stats(args) => stats::run(&store()?, &out, &args),
        Command::DebugChurn { count } => debug::churn(&mut store()?, count),
        Command::Demo(args) => demo::run(&mut store()?, &out, &args),
        Command::Team(command) => team::run(&mut store()?, &out, command),
        Command::Access(command) => access::run(&mut store()?, &out, command),
        Command::Audit(args) => audit::run(&store()?, &out, &args),
    }
}

/// The request id a command's change carries: the one given (checked), else a fresh one.
fn request_id(given: Option<String>) -> Result<String, CliError> {
    match given {
        Some(id) => {
            crate::store::check_request_id(&id)?;
            Ok(id)
        }
        None => Ok(crate::store::new_request_id()),
    }
}
