//! `rolecall level APP LEVEL`: move an application to another level of its role.

use super::shared_args::VersionGuard;
use super::{CliResult, Output};
use crate::domain::ApplicationId;
use crate::store::Store;
use clap::Args;

/// Arguments of `level`.
#[derive(Debug, Args)]
pub struct LevelArgs {
    /// Application id.
    pub app: i64,
    /// The new level's title (case-insensitive; a unique fragment is enough).
    pub level: String,
    #[command(flatten)]
    pub guard: VersionGuard,
}

/// Change the level of an open application; the stage, status and scorecards stay.
pub fn run(store: &mut Store, out: &Output, args: &LevelArgs) -> CliResult {
    let app = ApplicationId(args.app);
    let current = store.application(app)?;
    let level = store.level_by_name(current.family_id, &args.level)?;
    let t = store.change_level(app, level.id, args.guard.if_version)?;
    super::pipeline::print_transition(store, out, &t)
}
