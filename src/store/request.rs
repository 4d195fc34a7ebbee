//! Request ids: exactly-once writes over a network. A commit can succeed while its reply
//! is lost (the connection drops on the way back); the client cannot tell whether the
//! change happened, so it sends it again with the same request id. The first run wrote
//! the id on its event (migration 0006, unique); the retry finds that event under the
//! application's lock and returns it instead of writing a second one.
//!
//! The CLI tags one invocation (a fresh id, or `--request-id` so a script can retry
//! safely), the TUI each action. One invocation may write more than once: its first
//! write carries the id as given, the n-th `ID/n`, so a retry numbers them alike.

use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::{ApplicationId, CandidateId, EventId, EventKind};

/// Longest request id accepted.
const MAX_LEN: usize = 200;

/// A fresh request id: a random (version 4) UUID.
pub fn new_request_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// Refuse a request id that is empty, too long, or holds spaces or control characters.
pub fn check_request_id(id: &str) -> Result<()> {
    if id.is_empty() || id.len() > MAX_LEN || !id.chars().all(|c| c.is_ascii_graphic()) {
        return Err(StoreError::Invalid(format!(
            "request id '{}' must be 1 to {MAX_LEN} printable ASCII characters without spaces",
            id.escape_default()
        )));
    }
    Ok(())
}

impl Store {
    /// Tag the writes from now on with request ids derived from `id` (see the module
    /// notes); `None` writes untagged.
    pub fn set_request_id(&mut self, id: Option<String>) {
        self.request = id.map(|base| (base, 0));
    }

    /// [`Store::set_request_id`] when opening.
    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.set_request_id(Some(id.into()));
        self
    }

    /// The id the next write carries, if writes are tagged.
    pub(crate) fn next_request_id(&mut self) -> Option<String> {
        let (base, used) = self.request.as_mut()?;
        *used += 1;
        Some(match *used {
            1 => base.clone(),
            n => format!("{base}/{n}"),
        })
    }
}

/// The event an earlier run of request `id` wrote, with its application, if it was
/// committed; look inside the write, after locking what the write changes.
pub(crate) fn committed(tx: &dyn Sql, id: &str) -> Result<Option<(EventId, Option<ApplicationId>)>> {
    tx.query_opt("SELECT id, application_id FROM events WHERE request_id = ?1", &args![id], |r| {
        Ok((EventId(r.get(0)?), r.get::<Option<i64>>(1)?.map(ApplicationId)))
    })
}

/// The earlier run's event, when it was written for `app`; a request id reused for
/// another application is refused as a conflict.
pub(crate) fn replayed(tx: &dyn Sql, id: &str, app: ApplicationId) -> Result<Option<EventId>> {
    match committed(tx, id)? {
        None => Ok(None),
        Some((event, Some(a))) if a == app => Ok(Some(event)),
        Some((event, _)) => Err(used_elsewhere(id, event)),
    }
}

/// The earlier run of an apply: its application and `applied` event, when it applied
/// `candidate` (any person, for an apply that added the person in the same run); a
/// request id used for another change is refused as a conflict.
pub(crate) fn replayed_apply(
    tx: &dyn Sql,
    id: &str,
    candidate: Option<CandidateId>,
) -> Result<Option<(ApplicationId, EventId)>> {
    let found = tx.query_opt(
        "SELECT id, application_id, candidate_id, kind FROM events WHERE request_id = ?1",
        &args![id],
        |r| {
            let app: Option<i64> = r.get(1)?;
            Ok((EventId(r.get(0)?), app.map(ApplicationId), CandidateId(r.get(2)?), r.get::<String>(3)?))
        },
    )?;
    match found {
        None => Ok(None),
        Some((event, Some(app), person, kind))
            if kind == EventKind::Applied.as_str() && candidate.is_none_or(|c| c == person) =>
        {
            Ok(Some((app, event)))
        }
        Some((event, ..)) => Err(used_elsewhere(id, event)),
    }
}

/// A request id that already names another change.
pub(crate) fn used_elsewhere(id: &str, event: EventId) -> StoreError {
    StoreError::Conflict(format!(
        "request id '{id}' was already used for another change (event {event}); use a new id"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_fresh_and_checked() {
        let (a, b) = (new_request_id(), new_request_id());
        assert_ne!(a, b);
        assert!(check_request_id(&a).is_ok(), "{a}");
        for bad in ["", "with space", "tab\there", &"x".repeat(201), "é"] {
            assert!(matches!(check_request_id(bad), Err(StoreError::Invalid(_))), "{bad:?}");
        }
    }

    #[test]
    fn later_writes_of_one_request_are_numbered() {
        let mut store = Store::open_in_memory().unwrap();
        assert_eq!(store.next_request_id(), None);
        store.set_request_id(Some("job-7".into()));
        let ids: Vec<_> = (0..3).filter_map(|_| store.next_request_id()).collect();
        assert_eq!(ids, ["job-7", "job-7/2", "job-7/3"]);
    }
}
