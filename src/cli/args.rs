//! Command-line grammar (clap derive).

use super::shared_args::AS_OF_HELP;
use super::shared_args::VersionGuard;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const EXIT_CODES: &str = "Exit codes:
  0  success
  1  unexpected internal error
  2  usage error or invalid input (bad arguments, malformed page, bad email)
  3  not found (unknown role, level, stage, candidate or application)
  4  conflict (e.g. moving a rejected candidate, a stale change, a page that drops a busy stage)
  5  I/O or database error (unwritable path, locked or newer database)
  6  `doctor` found something wrong (a problem or a warning)
A closed output (`rolecall board --print | head -1`) ends quietly with 0.
With --json, an error is one line of JSON on stderr:
  {\"error\":{\"kind\":\"not_found\",\"code\":3,\"message\":\"…\"}}

Environment:
  ROLECALL_DB     database file or postgres:// URL, used when --db is absent
  PGPASSWORD      password for a postgres:// URL without one (else ~/.pgpass)
  ROLECALL_ACTOR  name recorded on events (default: $USER; on a server, the login)
  ROLECALL_NOW    fixed RFC 3339 time for scripted runs and tests";

/// rolecall: a keyboard-driven interview-pipeline tracker.
///
/// With no command, opens the board (TUI) on the database.
#[derive(Debug, Parser)]
#[command(name = "rolecall", version, after_help = EXIT_CODES)]
pub struct Cli {
    /// Database: a file (default: rolecall.db in the user data directory), or a team
    /// server as postgres://user@host/dbname (or postgresql://…; the password from
    /// PGPASSWORD or ~/.pgpass; passwords are never shown in messages).
    #[arg(long, global = true, env = "ROLECALL_DB", hide_env_values = true, value_name = "PATH|URL")]
    pub db: Option<PathBuf>,

    /// Print machine-readable JSON instead of text.
    #[arg(long, global = true)]
    pub json: bool,

    /// Tag this command's change with ID (default: a fresh one). Running the command again
    /// with the same ID, after a reply was lost, returns the change already made instead
    /// of making it twice.
    #[arg(long, global = true, value_name = "ID")]
    pub request_id: Option<String>,

    /// Try rolecall out: open the board on a throw-away database filled with generated
    /// candidates (removed on exit); --db is ignored.
    #[arg(long)]
    pub demo: bool,

    /// What to do.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Import job-family pages (files or directories of markdown).
    Import {
        /// Files or directories.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Update this existing role (slug or title) from the one page given, e.g. a newer
        /// copy of a bundled page; that file updates the role from then on.
        #[arg(long, value_name = "ROLE")]
        into: Option<String>,
        /// Give pages without a hiring process the standard stages (Screening → Hiring
        /// manager → Team → Leader) instead of refusing them.
        #[arg(long)]
        default_process: bool,
        /// Show what would be imported (levels with grades, stages with labels, interview
        /// ranges, alternatives and source lines, every track, notes and warnings) and
        /// write nothing; the database is not opened.
        #[arg(long)]
        dry_run: bool,
    },
    /// List roles (families), or show one in detail.
    Roles {
        /// Slug or title of a role to show in full.
        role: Option<String>,
    },
    /// Add, list, show, edit or erase candidates.
    #[command(subcommand)]
    Candidate(CandidateCommand),
    /// Apply a candidate to a level of a role; they enter the first stage.
    Apply {
        /// Candidate id, email or name.
        candidate: String,
        /// Role slug or title.
        #[arg(long)]
        role: String,
        /// Level title (a unique fragment is enough).
        #[arg(long)]
        level: String,
    },
    /// Move applications to another stage (several ids, or --all-in STAGE --role ROLE: all or none).
    Move(super::bulk::MoveArgs),
    /// Reject applications with a reason (several ids, or --all-in STAGE --role ROLE: all or none).
    Reject(super::bulk::RejectArgs),
    /// Record that candidates withdrew (several at once: all or none).
    Withdraw(super::bulk::NoteArgs),
    /// Put applications on hold (several at once: all or none).
    Hold(super::bulk::NoteArgs),
    /// Show a role's time limit per stage, or set one: limit ROLE STAGE DAYS.
    Limit(super::limits::LimitArgs),
    /// List the open applications past their stage's time limit.
    Stale(super::limits::StaleArgs),
    /// Find people across all roles by name, email, phone, source or notes (accents ignored, one typo forgiven).
    Search(super::search::SearchArgs),
    /// Take an application off hold.
    Resume {
        /// Application id.
        app: i64,
        #[command(flatten)]
        guard: VersionGuard,
    },
    /// Hire a candidate at the Offer stage.
    Hire {
        /// Application id.
        app: i64,
        #[command(flatten)]
        guard: VersionGuard,
    },
    /// Change the level of an open application within its role (stage, status and
    /// recorded scorecards stay as they are).
    Level(super::level::LevelArgs),
    /// Edit a role's stages: add, rename, remove, move, range, alternatives,
    /// interviewers; history, undo, redo. Edits stay when the page is imported again.
    Stage(super::stage::StageArgs),
    /// Edit a role's levels: rename one or change its grade.
    LevelDef(super::stage::LevelDefArgs),
    /// Handbook changes a re-import brought (not yet acknowledged), or --ack a role's.
    Changes {
        /// Role slug or title (default: every role).
        role: Option<String>,
        /// Acknowledge the role's changes (the TUI's notice goes away).
        #[arg(long)]
        ack: bool,
    },
    /// Reopen a rejected, withdrawn or hired application.
    Reopen {
        /// Application id.
        app: i64,
        #[command(flatten)]
        guard: VersionGuard,
    },
    /// Record an interview outcome (scorecard) for an application.
    Outcome(OutcomeArgs),
    /// List interviews of an application, or the requirements its scorecard rates.
    #[command(subcommand)]
    Interview(InterviewCommand),
    /// Show the event history of an application.
    History {
        /// Application id.
        app: i64,
    },
    /// Export a pipeline snapshot, or what changed between two dates, as CSV, JSON,
    /// Markdown or HTML.
    Export(super::export::ExportArgs),
    /// Funnel, days in stage, rejection reasons and new applications per week.
    Stats(StatsArgs),
    /// The board of a role as plain text (for scripts).
    Board {
        /// Role slug or title (default: the first role).
        #[arg(long)]
        role: Option<String>,
        /// Print the board instead of opening the TUI.
        #[arg(long)]
        print: bool,
        /// Include rejected, withdrawn and hired applications.
        #[arg(long)]
        closed: bool,
    },
    /// Check the database: SQLite's quick check of every page (`--full`: its integrity
    /// check), foreign keys, every application against its event log, erasures, file
    /// permissions, the write-ahead log. Exit code 6 when anything is wrong.
    ///
    /// On a file, the default is SQLite's quick check: every page, b-tree and record, the
    /// NOT NULL and CHECK constraints, the free list, but not that each index holds exactly
    /// its table's rows. `--full` runs SQLite's integrity check, which also looks every
    /// index entry up against its table: about a minute of CPU per million candidates
    /// (the quick check takes about ten seconds). A server checks its own pages; there
    /// `--full` changes nothing.
    Doctor {
        /// Also copy the write-ahead log into the database and truncate it.
        #[arg(long)]
        checkpoint: bool,
        /// Run SQLite's full integrity check (every index against its table; slow on a
        /// large file) instead of its quick check.
        #[arg(long)]
        full: bool,
    },
    /// Copy the database to PATH (mode 0600), consistent even while others write.
    Backup {
        /// Where to write the copy.
        path: PathBuf,
        /// Replace PATH if it exists.
        #[arg(long)]
        force: bool,
    },
    /// Replace the database with a backup. The current database is kept as
    /// `<db>.before-restore-<time>` first.
    Restore {
        /// The backup file.
        path: PathBuf,
        /// Restore even when the database has events newer than the backup.
        #[arg(long)]
        force: bool,
    },
    /// Make erased data unrecoverable from the database's own files (an administrator's
    /// maintenance on a team server: VACUUM FULL, checkpoint, WAL switch; on a file, the
    /// same rewrite every erasure does).
    Purge,
    /// Reliability testing: move applications back and forth COUNT times, printing each
    /// committed event id on its own line once it is committed.
    #[command(hide = true)]
    DebugChurn {
        /// How many moves.
        #[arg(long, default_value_t = 1000)]
        count: u64,
    },
    /// Fill the database with generated candidates across every role: a year of
    /// applications, interviews with scorecards, rejections, holds, withdrawals, hires.
    Demo(super::demo::DemoArgs),
    /// Print a completion script for a shell (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the manual page (roff), e.g. `rolecall man > ~/.local/share/man/man1/rolecall.1`.
    Man,
    #[command(flatten)]
    Team(super::team_args::TeamCommand),
    /// Who may see what on a team server: grant, revoke and list access roles (admin only).
    #[command(subcommand)]
    Access(super::access_args::AccessCommand),
    /// Who changed what: every change with the name (on a server, the login) that made it.
    Audit(super::access_args::AuditArgs),
}

/// Arguments of `outcome`.
#[derive(Debug, Args)]
pub struct OutcomeArgs {
    /// Application id.
    pub app: i64,
    /// Who interviewed (default: you, on a scheduled interview).
    #[arg(long)]
    pub interviewer: Option<String>,
    /// The scheduled interview this scorecard is for (default: the one you were on).
    #[arg(long, value_name = "ID")]
    pub schedule: Option<i64>,
    /// Overall recommendation: strong-no, no, yes, strong-yes.
    #[arg(long)]
    pub recommend: String,
    /// Rate requirement N (1-based, see `interview requirements APP`): N=RATING, repeatable.
    #[arg(long = "score", value_name = "N=RATING")]
    pub scores: Vec<String>,
    /// Notes.
    #[arg(long, default_value = "")]
    pub notes: String,
    /// Stage the interview was at (default: the current stage).
    #[arg(long)]
    pub stage: Option<String>,
    /// Date held, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub date: Option<String>,
    #[command(flatten)]
    pub guard: VersionGuard,
}

/// `interview …` subcommands.
#[derive(Debug, Subcommand)]
pub enum InterviewCommand {
    /// Interviews of an application with their scorecards.
    List {
        /// Application id.
        app: i64,
    },
    /// The requirements an interview of this application rates, numbered.
    Requirements {
        /// Application id.
        app: i64,
    },
}

/// `candidate …` subcommands.
#[derive(Debug, Subcommand)]
pub enum CandidateCommand {
    /// Add a person.
    Add {
        /// Full name.
        name: String,
        /// Email address.
        #[arg(long)]
        email: Option<String>,
        /// Phone number.
        #[arg(long)]
        phone: Option<String>,
        /// Where they came from.
        #[arg(long)]
        source: Option<String>,
        /// Notes.
        #[arg(long, default_value = "")]
        notes: String,
        /// Add even when a person with the same email or name exists.
        #[arg(long)]
        allow_duplicate: bool,
    },
    /// List people (newest first).
    List {
        /// Only names or emails containing this text.
        #[arg(long)]
        filter: Option<String>,
        /// At most this many.
        #[arg(long, default_value_t = 200)]
        limit: usize,
    },
    /// Show a person with their applications.
    Show {
        /// Candidate id, email or name.
        candidate: String,
    },
    /// Erase a person's personal data for good (name, email, phone, source, every note
    /// about them); their anonymous history stays so statistics remain true.
    Erase {
        /// Candidate id, email or name.
        candidate: String,
        /// Do not ask for confirmation (required when not run from a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Change a person's details.
    Edit {
        /// Candidate id, email or name.
        candidate: String,
        /// New name.
        #[arg(long)]
        name: Option<String>,
        /// New email ("" clears it).
        #[arg(long)]
        email: Option<String>,
        /// New phone ("" clears it).
        #[arg(long)]
        phone: Option<String>,
        /// New source ("" clears it).
        #[arg(long)]
        source: Option<String>,
        /// New notes.
        #[arg(long)]
        notes: Option<String>,
    },
}

/// Arguments of `stats`.
#[derive(Debug, Args)]
pub struct StatsArgs {
    /// Only this role (slug or title).
    #[arg(long, value_name = "SLUG")]
    pub role: Option<String>,
    /// Statistics as of this instant (see --help for what a plain date means).
    #[arg(long, value_name = "DATE|DATETIME", long_help = AS_OF_HELP)]
    pub as_of: Option<String>,
    /// How many weeks of new applications to show.
    #[arg(long, value_name = "N", default_value_t = 12,
          value_parser = clap::value_parser!(u16).range(1..=520))]
    pub weeks: u16,
}

/// Arguments of `completions`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to write the script for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}
