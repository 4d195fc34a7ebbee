//! Access roles on a team server (issue 19): who the login is (`Store::access`), and
//! granting, revoking and listing access. The server enforces them itself — grants,
//! row-level security and the functions of migrations/postgres/0011_access.sql, which
//! these call — so what a login may see is the same through rolecall and through `psql`.
//! A SQLite file has one user: access to it is the file's permission (0600).

use super::sql::Dialect;
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::access::Access;
use serde::Serialize;

/// What the access commands say on a SQLite file.
pub const FILE_ACCESS: &str = "a SQLite file has one user: access to it is the file's permission \
     (rolecall creates it 0600, yours alone; `rolecall doctor` warns when others may read it); \
     access roles are for a team server (--db postgres://…)";

/// One login's access on a team server.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AccessEntry {
    /// The database login.
    pub login: String,
    /// Its access role.
    pub access: Access,
    /// A hiring manager's roles (slugs); empty for the others, who need none.
    pub roles: Vec<String>,
}

impl Store {
    /// The login's access role on a team server. `None` on a file, and for a login in no
    /// access role (the owner of the tables, or a login granted them directly before
    /// access roles existed), which sees every row its table privileges allow.
    pub fn access(&self) -> Result<Option<Access>> {
        if self.dialect() != Dialect::Postgres {
            return Ok(None);
        }
        let name: Option<String> = self.db().query_value("SELECT rolecall_access()", &[])?;
        Ok(name.as_deref().and_then(Access::parse))
    }

    /// Whether the login sees only some rows (a hiring manager or an interviewer on a
    /// server): what is hidden from it must then be asked of the server.
    pub(crate) fn restricted(&self) -> Result<bool> {
        Ok(matches!(self.access()?, Some(Access::HiringManager | Access::Interviewer)))
    }

    /// A refusal by the server's access control, said with what the login's access role
    /// allows ("as an interviewer on this server you can …").
    pub(crate) fn explain_denied(&self, e: StoreError) -> StoreError {
        let StoreError::Denied(text) = e else { return e };
        // Only the server's terse refusals (grants, row security); the functions' own
        // ("only an admin may …") say it already.
        if !text.starts_with("the server refused") {
            return StoreError::Denied(text);
        }
        match self.access() {
            Ok(Some(access)) => StoreError::Denied(format!("{}; {text}", access.may())),
            _ => StoreError::Denied(format!(
                "{text}; this login has no access role that allows it (an admin sees who may do what \
                 with `rolecall access list`)"
            )),
        }
    }

    /// Whether this login may import roles (on a server: may insert into `families`);
    /// the bundled roles are imported on first use only by one that may.
    pub fn may_import_roles(&self) -> Result<bool> {
        match self.dialect() {
            Dialect::Sqlite => Ok(true),
            Dialect::Postgres => {
                self.db().query_value("SELECT has_table_privilege('families', 'INSERT')", &[])
            }
        }
    }

    /// Make `login` a member of `access` (and of no other access role); a hiring manager
    /// gets `roles` (slugs) added to those they had. Admin only.
    pub fn grant_access(&mut self, login: &str, access: Access, roles: &[String]) -> Result<()> {
        let (login, slugs) = access_args(self, login, roles)?;
        self.write(|tx| {
            tx.execute(
                "SELECT rolecall_grant_access(?1, ?2, string_to_array(?3, ','))",
                &args![login.as_str(), access.as_str(), slugs.as_str()],
            )
        })
        .map_err(refusal)?;
        Ok(())
    }

    /// Take `roles` away from a hiring manager, or (no roles) every access of `login`.
    /// Admin only.
    pub fn revoke_access(&mut self, login: &str, roles: &[String]) -> Result<()> {
        let (login, slugs) = access_args(self, login, roles)?;
        self.write(|tx| {
            tx.execute(
                "SELECT rolecall_revoke_access(?1, string_to_array(?2, ','))",
                &args![login.as_str(), slugs.as_str()],
            )
        })
        .map_err(refusal)?;
        Ok(())
    }

    /// Every login with an access role, by name. Admin only.
    pub fn access_list(&self) -> Result<Vec<AccessEntry>> {
        if self.dialect() != Dialect::Postgres {
            return Err(StoreError::Invalid(FILE_ACCESS.into()));
        }
        let rows: Vec<(String, String, Option<String>)> = self
            .db()
            .query_rows("SELECT login, access, roles FROM rolecall_access_list()", &[], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(refusal)?;
        Ok(rows
            .into_iter()
            .filter_map(|(login, access, roles)| {
                let roles = roles.map(|r| r.split(' ').map(str::to_string).collect()).unwrap_or_default();
                Access::parse(&access).map(|access| AccessEntry { login, access, roles })
            })
            .collect())
    }
}

/// The login (trimmed) and the slugs as one comma-separated text, refusing a file.
fn access_args(store: &Store, login: &str, roles: &[String]) -> Result<(String, String)> {
    if store.dialect() != Dialect::Postgres {
        return Err(StoreError::Invalid(FILE_ACCESS.into()));
    }
    let login = super::owners::person_name("a login", login)?;
    let mut slugs = Vec::new();
    for slug in roles.iter().map(|s| s.trim()) {
        if slug.is_empty() || slug.contains(',') {
            return Err(StoreError::Invalid(format!("'{slug}' is not a role slug (see `rolecall roles`)")));
        }
        slugs.push(slug.to_string());
    }
    Ok((login, slugs.join(",")))
}

/// The server's refusals of the access functions (no such login, no such role, not an
/// admin) are input errors, said in the function's own words.
fn refusal(e: StoreError) -> StoreError {
    match e {
        StoreError::Other(text) => StoreError::Invalid(text),
        // The functions run as the tables' owner, who hands the roles out.
        StoreError::Denied(text) if text.contains("admin option") => StoreError::Denied(format!(
            "the tables' owner may not hand out the access roles ({text}); a superuser runs once: \
             GRANT rolecall_admin, rolecall_recruiter, rolecall_hiring_manager, rolecall_interviewer \
             TO <the owner> WITH ADMIN OPTION"
        )),
        other => other,
    }
}
