//! The grammar of `access` and `audit` (issue 19).

use clap::{Args, Subcommand};

/// `rolecall access …`: who may see what on a team server (admin only).
#[derive(Debug, Subcommand)]
pub enum AccessCommand {
    /// Give a login an access role (its only one): admin, recruiter, hiring-manager or
    /// interviewer. A hiring manager sees only the roles named with --roles (added to
    /// those they had).
    Grant {
        /// The database login (as `psql` and `rolecall` connect with it).
        user: String,
        /// admin, recruiter, hiring-manager or interviewer.
        role: String,
        /// A hiring manager's roles (slugs, see `rolecall roles`).
        #[arg(long, value_name = "SLUG", num_args = 1..)]
        roles: Vec<String>,
    },
    /// Take roles away from a hiring manager (--roles), or every access from a login.
    Revoke {
        /// The database login.
        user: String,
        /// Only these roles (slugs) of a hiring manager.
        #[arg(long, value_name = "SLUG", num_args = 1..)]
        roles: Vec<String>,
    },
    /// Every login with an access role, and each hiring manager's roles.
    List,
}

/// Arguments of `rolecall audit`.
#[derive(Debug, Args)]
pub struct AuditArgs {
    /// Only the changes this person made (on a team server: the database login).
    #[arg(long, value_name = "NAME")]
    pub user: Option<String>,
    /// Only changes made on or after this date (YYYY-MM-DD, or an RFC 3339 time).
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
}
