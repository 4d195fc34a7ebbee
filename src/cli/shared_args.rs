//! Argument pieces several commands share (the grammar of each command is in `args.rs`
//! or beside the command).

use clap::Args;

/// Optional optimistic-concurrency check.
#[derive(Debug, Args, Clone, Copy)]
pub struct VersionGuard {
    /// Refuse the change unless the application is still at this version (from `--json` output).
    #[arg(long, value_name = "N")]
    pub if_version: Option<i64>,
}

/// What `--as-of` means, shared by `export` and `stats`.
pub(super) const AS_OF_HELP: &str = "A plain date (2026-03-31) means the END of that UTC day: the state after every event of that date. Anything else is a date-time (2026-03-31T12:00:00Z, or with an offset such as +02:00; without one it is UTC). Not after today. Default: now";
