//! The grammar of the team commands (issue 16): owners, schedules, the agenda, each
//! person's queue, notes. Flattened into [`super::args::Command`].

use clap::{Args, Subcommand};
use std::path::PathBuf;

/// The team commands.
#[derive(Debug, Subcommand)]
pub enum TeamCommand {
    /// Show or set who runs a role: its hiring manager and recruiters (they see every
    /// scorecard). With no option, shows them.
    Owner {
        /// Role slug or title.
        role: String,
        /// The hiring manager (a person's name as rolecall records it: ROLECALL_ACTOR, the login).
        #[arg(long, value_name = "NAME")]
        hiring_manager: Option<String>,
        /// A recruiter; repeat for several (replaces the recruiters).
        #[arg(long = "recruiter", value_name = "NAME", num_args = 1..)]
        recruiters: Vec<String>,
    },
    /// Give an application an owner (default owner: the person who added it).
    Assign {
        /// Application id.
        app: i64,
        /// The new owner.
        #[arg(long, value_name = "NAME")]
        owner: String,
    },
    /// Schedule an interview for an application.
    Schedule(ScheduleArgs),
    /// Move a scheduled interview, or change its length, interviewers, place or stage.
    Reschedule(RescheduleArgs),
    /// Cancel a scheduled interview (calendars then show it cancelled).
    Cancel {
        /// The scheduled interview's id (see `rolecall agenda`).
        id: i64,
    },
    /// Upcoming interviews: everyone's, yours (--mine) or one interviewer's.
    Agenda(AgendaArgs),
    /// What a person owes and has coming: scorecards owed, interviews today and this
    /// week, candidates they own with nothing scheduled.
    Queue {
        /// Your own queue (the default).
        #[arg(long, conflicts_with = "for_person")]
        mine: bool,
        /// Someone else's queue.
        #[arg(long = "for", value_name = "NAME")]
        for_person: Option<String>,
    },
    /// Add a note to an application's timeline.
    Note {
        /// Application id.
        app: i64,
        /// The note (quote it; several lines are kept).
        text: String,
    },
}

/// Arguments of `schedule`.
#[derive(Debug, Args)]
pub struct ScheduleArgs {
    /// Application id.
    pub app: i64,
    /// When, as a wall-clock time in --tz: "2026-12-03 14:00".
    #[arg(long, value_name = "\"YYYY-MM-DD HH:MM\"")]
    pub at: String,
    /// The time zone of --at (IANA name; default: $TZ if it names one, else UTC).
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// How long: 45m, 1h, 1h30m.
    #[arg(long, default_value = "1h", value_name = "LENGTH")]
    pub duration: String,
    /// Who interviews; repeat or list several.
    #[arg(long = "interviewer", value_name = "NAME", required = true, num_args = 1..)]
    pub interviewers: Vec<String>,
    /// The stage it is for (default: the application's current stage).
    #[arg(long)]
    pub stage: Option<String>,
    /// Where: a room, an address, a link.
    #[arg(long = "where", value_name = "TEXT", default_value = "")]
    pub place: String,
}

/// Arguments of `reschedule`: what is not given stays.
#[derive(Debug, Args)]
pub struct RescheduleArgs {
    /// The scheduled interview's id (see `rolecall agenda`).
    pub id: i64,
    /// The new time, a wall-clock time in --tz (default: the zone it was given in).
    #[arg(long, value_name = "\"YYYY-MM-DD HH:MM\"")]
    pub at: Option<String>,
    /// The time zone of --at.
    #[arg(long, value_name = "ZONE")]
    pub tz: Option<String>,
    /// A new length: 45m, 1h, 1h30m.
    #[arg(long, value_name = "LENGTH")]
    pub duration: Option<String>,
    /// New interviewers (replacing the old ones).
    #[arg(long = "interviewer", value_name = "NAME", num_args = 1..)]
    pub interviewers: Vec<String>,
    /// Another stage.
    #[arg(long)]
    pub stage: Option<String>,
    /// A new place.
    #[arg(long = "where", value_name = "TEXT")]
    pub place: Option<String>,
}

/// Arguments of `agenda`.
#[derive(Debug, Args)]
pub struct AgendaArgs {
    /// Only interviews you are on or whose candidate you own.
    #[arg(long, conflicts_with = "interviewer")]
    pub mine: bool,
    /// Only interviews NAME is on.
    #[arg(long, value_name = "NAME")]
    pub interviewer: Option<String>,
    /// How many days ahead, from now.
    #[arg(long, default_value_t = 14, value_name = "N",
          value_parser = clap::value_parser!(u16).range(1..=3660))]
    pub days: u16,
    /// Also write the interviews as an iCalendar file (RFC 5545), cancelled ones
    /// included as cancelled, for a calendar program to import.
    #[arg(long, value_name = "FILE")]
    pub ics: Option<PathBuf>,
}
