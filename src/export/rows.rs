//! The rows a writer pulls, one at a time: a snapshot's applications (each with its
//! role's index in the snapshot's head) or a diff's entries, from memory or streamed off
//! a sorted spill (`stream.rs`). Nothing here holds more than the row being written.

use super::Result;
use crate::domain::ApplicationId;
use crate::domain::scorecard::Scorecards;
use crate::domain::snapshot::{ApplicationSnapshot, ChangeKind, DiffEntry, Snapshot, SnapshotDiff};
use chrono::{DateTime, Utc};
use std::iter::Peekable;

/// A diff's two instants: since, until.
pub type Span = (DateTime<Utc>, DateTime<Utc>);

/// A snapshot's applications in board order, each with the index of its role.
pub type Rows<'a> = &'a mut dyn Iterator<Item = (usize, ApplicationSnapshot)>;

/// The applications of a snapshot held in memory, as [`Rows`].
pub fn rows_of(snap: &Snapshot) -> impl Iterator<Item = (usize, ApplicationSnapshot)> + '_ {
    snap.roles.iter().enumerate().flat_map(|(i, r)| r.applications.iter().map(move |a| (i, a.clone())))
}

/// [`Rows`] taken role by role.
pub struct RoleRows<'a> {
    rows: Peekable<Rows<'a>>,
}

impl<'a> RoleRows<'a> {
    /// Over `rows`.
    pub fn new(rows: Rows<'a>) -> Self {
        RoleRows { rows: rows.peekable() }
    }

    /// The next application of the `role`-th role, if the next row is one.
    pub fn next_of(&mut self, role: usize) -> Option<ApplicationSnapshot> {
        self.rows.next_if(|(i, _)| *i == role).map(|(_, a)| a)
    }
}

/// A diff's counts by kind, known before its entries are written.
pub trait DiffCounts {
    /// Entries of one kind.
    fn count(&self, kind: ChangeKind) -> usize;
}

impl DiffCounts for SnapshotDiff {
    fn count(&self, kind: ChangeKind) -> usize {
        SnapshotDiff::count(self, kind)
    }
}

/// A diff's entries by role, kind and id.
pub type Changes<'a> = &'a mut dyn Iterator<Item = DiffEntry>;

/// Where the HTML page's scorecard grids come from, as its rows go by.
pub trait CardSource {
    /// Whether the application has any scorecard at all (at any time).
    fn scored(&self, app: ApplicationId) -> bool;
    /// Its grids up to the snapshot's instant (`None`: nothing to show).
    fn cards(&mut self, app: ApplicationId) -> Result<Option<Scorecards>>;
}

/// The grids already in a snapshot held in memory (`Store::add_scorecards` chose them).
pub struct HeldCards<'a>(pub &'a Snapshot);

impl CardSource for HeldCards<'_> {
    fn scored(&self, app: ApplicationId) -> bool {
        self.0.scorecards.contains_key(&app)
    }

    fn cards(&mut self, app: ApplicationId) -> Result<Option<Scorecards>> {
        Ok(self.0.scorecards.get(&app).cloned())
    }
}
