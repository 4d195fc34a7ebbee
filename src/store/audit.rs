//! The audit trail (issue 19): who changed what — the event log (candidates,
//! applications, scorecards, schedules, owners) and the pipeline editor's log, each entry
//! with the name that made it (on a team server the database login, `session_user`).
//! On a server only admins and recruiters (and the tables' owner) may read it.

use super::rows::events::{EVENT_COLUMNS, event};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::Event;
use crate::domain::access::Access;
use crate::domain::clock::{format_time, parse_time};
use crate::domain::pipeline::PipelineEdit;
use chrono::{DateTime, Utc};

impl Store {
    /// The events made by `user` (anyone: `None`) at or after `since` (any time), oldest
    /// first. Refused to a hiring manager or an interviewer on a server.
    pub fn audit_events(&self, user: Option<&str>, since: Option<DateTime<Utc>>) -> Result<Vec<Event>> {
        self.refuse_audit()?;
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events
             WHERE (actor = ?1 OR ?1 IS NULL) AND (at >= ?2 OR ?2 IS NULL) ORDER BY id"
        );
        self.db().query_rows(&sql, &args![user, since.map(format_time)], event)
    }

    /// The pipeline edits made by `user` at or after `since`, oldest first, every role's.
    pub fn audit_pipeline_edits(
        &self,
        user: Option<&str>,
        since: Option<DateTime<Utc>>,
    ) -> Result<Vec<PipelineEdit>> {
        self.refuse_audit()?;
        let mut edits = Vec::new();
        for family in self.families()? {
            edits.extend(self.pipeline_edits(family.id)?.into_iter().filter(|e| {
                user.is_none_or(|u| e.actor == u)
                    && since.is_none_or(|s| parse_time(&e.at).is_none_or(|at| at >= s))
            }));
        }
        edits.sort_by_key(|e| e.id);
        Ok(edits)
    }

    fn refuse_audit(&self) -> Result<()> {
        match self.access()? {
            Some(a @ (Access::HiringManager | Access::Interviewer)) => {
                Err(StoreError::Denied(format!("{}; the audit trail is for admins and recruiters", a.may())))
            }
            _ => Ok(()),
        }
    }
}
