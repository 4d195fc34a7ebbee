//! `rolecall audit` (issue 19): who changed what, oldest first — every event and pipeline
//! edit with the name that made it (on a team server the login). Admins and recruiters.

use super::access_args::AuditArgs;
use super::{CliError, CliResult, Output};
use crate::domain::clock::{format_time, parse_time};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, EventId};
use crate::present::describe;
use crate::store::Store;
use chrono::{DateTime, Utc};
use serde::Serialize;

/// One change on the audit trail.
#[derive(Serialize)]
struct Entry {
    at: DateTime<Utc>,
    actor: String,
    /// The event's kind, or `pipeline:<kind>` for a pipeline edit.
    kind: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    event_id: Option<EventId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    application_id: Option<ApplicationId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pipeline_edit_id: Option<i64>,
    summary: String,
}

/// Print the audit trail.
pub fn run(store: &Store, out: &Output, args: &AuditArgs) -> CliResult {
    let since = match &args.since {
        Some(text) => Some(parse_time(text).ok_or_else(|| {
            CliError::usage(format!(
                "--since '{}' is not a date (YYYY-MM-DD) or an RFC 3339 time",
                inert(text)
            ))
        })?),
        None => None,
    };
    let user = args.user.as_deref().map(str::trim);
    let mut entries: Vec<Entry> = store
        .audit_events(user, since)?
        .into_iter()
        .map(|e| Entry {
            at: e.at,
            actor: e.actor.clone(),
            kind: e.kind.as_str().to_string(),
            event_id: Some(e.id),
            application_id: e.application_id,
            pipeline_edit_id: None,
            summary: describe(store, &e),
        })
        .collect();
    for edit in store.audit_pipeline_edits(user, since)? {
        let Some(at) = parse_time(&edit.at) else { continue };
        entries.push(Entry {
            at,
            actor: edit.actor,
            kind: format!("pipeline:{}", edit.kind.as_str()),
            event_id: None,
            application_id: None,
            pipeline_edit_id: Some(edit.id),
            summary: edit.summary,
        });
    }
    entries.sort_by_key(|e| e.at);
    out.emit(&entries, |w| {
        if entries.is_empty() {
            writeln!(w, "no changes{}", if user.is_some() || since.is_some() { " match" } else { " yet" })?;
        }
        for e in &entries {
            let at = format_time(e.at);
            let shown = at.get(..16).unwrap_or(&at).replace('T', " ");
            writeln!(w, "{shown}  {:<20} {:<22} {}", inert(&e.actor), e.kind, e.summary)?;
        }
        Ok(())
    })
}
