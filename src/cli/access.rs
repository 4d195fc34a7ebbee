//! `rolecall access grant|revoke|list` (issue 19): the server's access roles. The store
//! calls the server's own functions, which refuse a login that is not an admin.

use super::access_args::AccessCommand;
use super::{CliError, CliResult, Output};
use crate::domain::access::Access;
use crate::domain::text::inert;
use crate::store::{AccessEntry, Store};
use serde::Serialize;

/// Run one access command.
pub fn run(store: &mut Store, out: &Output, command: AccessCommand) -> CliResult {
    match command {
        AccessCommand::Grant { user, role, roles } => {
            let access = Access::parse(&role).ok_or_else(|| {
                CliError::usage(format!(
                    "unknown access role '{}' (admin, recruiter, hiring-manager, interviewer)",
                    inert(&role)
                ))
            })?;
            store.grant_access(&user, access, &roles)?;
            let entry = entry_of(store, user.trim())?;
            out.emit(&entry, |w| writeln!(w, "{}", granted_line(entry.as_ref(), user.trim())))
        }
        AccessCommand::Revoke { user, roles } => {
            store.revoke_access(&user, &roles)?;
            let entry = entry_of(store, user.trim())?;
            out.emit(&Revoked { login: user.trim(), now: entry.as_ref() }, |w| {
                writeln!(w, "{}", granted_line(entry.as_ref(), user.trim()))
            })
        }
        AccessCommand::List => {
            let list = store.access_list()?;
            out.emit(&list, |w| {
                if list.is_empty() {
                    writeln!(w, "no login has an access role yet (rolecall access grant USER ROLE)")?;
                }
                for e in &list {
                    writeln!(w, "{:<20} {:<15} {}", inert(&e.login), e.access.cli_name(), e.roles.join(" "))?;
                }
                Ok(())
            })
        }
    }
}

#[derive(Serialize)]
struct Revoked<'a> {
    login: &'a str,
    now: Option<&'a AccessEntry>,
}

fn entry_of(store: &Store, login: &str) -> Result<Option<AccessEntry>, CliError> {
    Ok(store.access_list()?.into_iter().find(|e| e.login == login))
}

fn granted_line(entry: Option<&AccessEntry>, login: &str) -> String {
    match entry {
        None => format!("{} has no access role on this server now", inert(login)),
        Some(e) if e.access == Access::HiringManager => {
            let roles = if e.roles.is_empty() { "none yet".to_string() } else { e.roles.join(", ") };
            format!("{} is a hiring manager on this server (roles: {roles})", inert(&e.login))
        }
        Some(e) => {
            let article =
                if e.access == Access::Admin || e.access == Access::Interviewer { "an" } else { "a" };
            format!("{} is {article} {} on this server", inert(&e.login), e.access.cli_name())
        }
    }
}
