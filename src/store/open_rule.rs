//! One open application per person per role. "Open" is active, on hold or hired: a
//! person is not applied again to a role while an application there is under way, nor
//! to the role they were hired into; rejected and withdrawn ones do not block, so a
//! person can apply again later. Checked under the write lock by every path that can
//! open an application (apply, reopen, undo); migration 0005's triggers are the backstop.
//! Which statuses count as open is `domain::rules::counts_as_open`.

use super::sql::prelude::*;
use super::{Finding, Result, Severity, Store, StoreError};
use crate::domain::{AppStatus, ApplicationId, CandidateId, FamilyId};

/// The statuses that count as open for this rule, as an SQL list of stored texts:
/// `('active', 'on_hold', 'hired')`.
fn open_statuses_sql() -> String {
    let stored: Vec<String> = AppStatus::ALL
        .into_iter()
        .filter(|s| crate::domain::rules::counts_as_open(*s))
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("({})", stored.join(", "))
}

/// Refuse when `candidate` already holds an open application to `family` other than
/// `except`; the message names it and offers changing its level instead. `reopening`
/// words the advice for a reopen or undo rather than a new application.
pub(crate) fn refuse_second_open(
    tx: &dyn Sql,
    candidate: CandidateId,
    family: FamilyId,
    except: Option<ApplicationId>,
    reopening: bool,
) -> Result<()> {
    let open = open_statuses_sql();
    // `a.id <> COALESCE(?3, 0)`: ids start at 1, and both backends read it the same
    // (`IS NOT` with a parameter is SQLite's, `IS DISTINCT FROM` PostgreSQL's).
    let sql = format!(
        "SELECT a.id, a.status, c.name, f.title FROM applications a
         JOIN candidates c ON c.id = a.candidate_id JOIN families f ON f.id = a.family_id
         WHERE a.candidate_id = ?1 AND a.family_id = ?2 AND a.id <> COALESCE(?3, 0) AND a.status IN {open}
         ORDER BY a.id LIMIT 1"
    );
    let other: Option<(i64, String, String, String)> =
        tx.query_opt(&sql, &args![candidate, family, except], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
    let Some((id, status, name, role)) = other else { return Ok(()) };
    let message = if AppStatus::parse(&status) == Some(AppStatus::Hired) {
        format!(
            "{name} was hired into {role} (app {id}); one person holds one open application per role, \
             and a hired one counts (reopen app {id} first if the hire is undone)"
        )
    } else if reopening {
        format!(
            "{name} already has an open application (app {id}) to {role}; close that one first, \
             or change its level with `rolecall level {id} LEVEL`"
        )
    } else {
        format!(
            "{name} already has an open application (app {id}) to {role}; \
             change its level with `rolecall level {id} LEVEL`"
        )
    };
    Err(StoreError::Conflict(message))
}

/// A person holding more than one open application in one role (written before the
/// rule existed): the person, the role's slug and the applications.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenDuplicate {
    /// The person.
    pub candidate: CandidateId,
    /// The person's name.
    pub name: String,
    /// The role's slug.
    pub role: String,
    /// The open applications, oldest first.
    pub applications: Vec<ApplicationId>,
}

impl Store {
    /// Every person with more than one open application in one role, by person.
    pub fn open_duplicates(&self) -> Result<Vec<OpenDuplicate>> {
        let open = open_statuses_sql();
        let db = self.db();
        let ids = db.group_concat("a.id", "','");
        // The open applications are grouped first (a covering index holds what that
        // reads) and only the groups found are joined to their names: joining every open
        // application to its person first took 1.3 s of CPU at a million candidates, this
        // 0.4 s. The same groups: a join on the grouping keys keeps or drops whole groups.
        let sql = format!(
            "SELECT d.candidate_id, c.name, f.slug, d.ids FROM (
                 SELECT a.candidate_id, a.family_id, {ids} AS ids FROM applications a
                 WHERE a.status IN {open}
                 GROUP BY a.family_id, a.candidate_id HAVING COUNT(*) > 1) d
             JOIN candidates c ON c.id = d.candidate_id JOIN families f ON f.id = d.family_id
             ORDER BY d.candidate_id, d.family_id"
        );
        db.query_rows(&sql, &[], |r| {
            let ids: String = r.get(3)?;
            let mut applications: Vec<ApplicationId> =
                ids.split(',').filter_map(|i| i.parse().ok()).map(ApplicationId).collect();
            applications.sort();
            Ok(OpenDuplicate {
                candidate: CandidateId(r.get(0)?),
                name: r.get(1)?,
                role: r.get(2)?,
                applications,
            })
        })
    }
}

impl Store {
    /// `doctor`: people holding two open applications in one role (possible only in a
    /// database written before the rule) are reported, with how to settle them.
    pub(crate) fn check_open_duplicates(&self) -> Result<Finding> {
        let found = self.open_duplicates()?;
        if found.is_empty() {
            return Ok(Finding::new("open-apps", Severity::Ok, "one open application per person per role"));
        }
        let shown: Vec<String> = found
            .iter()
            .take(5)
            .map(|d| {
                let apps: Vec<String> = d.applications.iter().map(|a| a.to_string()).collect();
                format!("{} (apps {}) in {}", crate::domain::text::inert(&d.name), apps.join(", "), d.role)
            })
            .collect();
        let message = format!(
            "{} people hold more than one open application in one role: {}; keep one \
             (`rolecall level APP LEVEL` sets its level) and withdraw the others",
            found.len(),
            shown.join("; ")
        );
        Ok(Finding::new("open-apps", Severity::Warning, message))
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_open_statuses_in_sql_are_the_rules_own() {
        assert_eq!(super::open_statuses_sql(), "('active', 'on_hold', 'hired')");
    }
}
