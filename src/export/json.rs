//! JSON for tools. The document is versioned (`schema_version`); times are ISO 8601 UTC;
//! statuses and reasons are stable keys (`on_hold`, `not-qualified`).

use super::rows::Span;
use super::{Changes, DiffCounts, Result, RoleRows, Rows};
use crate::domain::snapshot::{
    ApplicationSnapshot, ChangeKind, DiffEntry, RoleSnapshot, Snapshot, StageSnapshot, StatusCounts, iso_time,
};
use crate::domain::{AppStatus, Rating, RejectReason, StageKind};
use serde::Serialize;
use std::cell::RefCell;
use std::io::Write;

/// Version of the JSON documents; bumped on any incompatible change.
pub const SCHEMA_VERSION: u32 = 1;

#[derive(Serialize)]
struct SnapshotDoc<'a, 'r> {
    schema_version: u32,
    kind: &'static str,
    as_of: String,
    totals: Counts,
    roles: Vec<RoleDoc<'a, 'r>>,
}

#[derive(Serialize)]
struct RoleDoc<'a, 'r> {
    slug: &'a str,
    title: &'a str,
    totals: Counts,
    hired: u32,
    stages: Vec<StageDoc<'a>>,
    applications: RoleApps<'a, 'r>,
}

/// A role's applications, pulled from the rows as the document is written.
struct RoleApps<'a, 'r> {
    role: usize,
    rows: &'r RefCell<RoleRows<'a>>,
}

impl Serialize for RoleApps<'_, '_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut rows = self.rows.borrow_mut();
        s.collect_seq(std::iter::from_fn(|| rows.next_of(self.role)).map(OwnedDoc))
    }
}

struct OwnedDoc(ApplicationSnapshot);

impl Serialize for OwnedDoc {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        application_doc(&self.0).serialize(s)
    }
}

#[derive(Serialize)]
struct StageDoc<'a> {
    label: &'a str,
    kind: StageKind,
    retired: bool,
    reached: u32,
    counts: Counts,
}

#[derive(Serialize)]
struct Counts {
    #[serde(flatten)]
    by_status: StatusCounts,
    total: u32,
}

impl From<StatusCounts> for Counts {
    fn from(by_status: StatusCounts) -> Self {
        Counts { total: by_status.total(), by_status }
    }
}

#[derive(Serialize)]
struct ApplicationDoc<'a> {
    application_id: i64,
    candidate_id: i64,
    candidate: &'a str,
    level: &'a str,
    stage: &'a str,
    status: AppStatus,
    reject_reason: Option<&'static str>,
    applied_at: String,
    stage_entered_at: String,
    days_in_stage: i64,
    interviews_at_stage: u32,
    last_recommendation: Option<&'static str>,
}

fn stage_doc(s: &StageSnapshot) -> StageDoc<'_> {
    StageDoc {
        label: &s.label,
        kind: s.kind,
        retired: s.retired,
        reached: s.reached,
        counts: s.counts.into(),
    }
}

fn application_doc(a: &ApplicationSnapshot) -> ApplicationDoc<'_> {
    ApplicationDoc {
        application_id: a.application_id.0,
        candidate_id: a.candidate_id.0,
        candidate: &a.candidate_name,
        level: &a.level_title,
        stage: &a.stage_label,
        status: a.status,
        reject_reason: a.reject_reason.map(RejectReason::as_str),
        applied_at: iso_time(a.applied_at),
        stage_entered_at: iso_time(a.stage_entered_at),
        days_in_stage: a.days_in_stage,
        interviews_at_stage: a.interviews_at_stage,
        last_recommendation: a.last_recommendation.map(Rating::key),
    }
}

fn role_doc<'a, 'r>(role: usize, r: &'a RoleSnapshot, rows: &'r RefCell<RoleRows<'a>>) -> RoleDoc<'a, 'r> {
    RoleDoc {
        slug: &r.slug,
        title: &r.title,
        totals: r.totals().into(),
        hired: r.hired,
        stages: r.stages.iter().map(stage_doc).collect(),
        applications: RoleApps { role, rows },
    }
}

fn finish(w: &mut dyn Write, doc: &impl Serialize) -> Result<()> {
    // DEL, C1 controls and bidi overrides as \u escapes: the data decodes unchanged
    // and the file is safe to print on a terminal.
    super::json_pretty(&mut *w, doc)?;
    w.write_all(b"\n")?;
    Ok(())
}

/// The snapshot as one JSON document.
pub fn snapshot<'a>(snap: &'a Snapshot, rows: Rows<'a>, w: &mut dyn Write) -> Result<()> {
    let mut totals = StatusCounts::default();
    for role in &snap.roles {
        totals.add_counts(&role.totals());
    }
    let rows = RefCell::new(RoleRows::new(rows));
    let doc = SnapshotDoc {
        schema_version: SCHEMA_VERSION,
        kind: "snapshot",
        as_of: iso_time(snap.as_of),
        totals: totals.into(),
        roles: snap.roles.iter().enumerate().map(|(i, r)| role_doc(i, r, &rows)).collect(),
    };
    finish(w, &doc)
}

#[derive(Serialize)]
struct DiffDoc<'a> {
    schema_version: u32,
    kind: &'static str,
    since: String,
    until: String,
    summary: Summary,
    changes: ChangeDocs<'a>,
}

/// The changes, pulled as the document is written.
struct ChangeDocs<'a>(RefCell<Changes<'a>>);

impl Serialize for ChangeDocs<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        let mut changes = self.0.borrow_mut();
        s.collect_seq((&mut **changes).map(OwnedChange))
    }
}

struct OwnedChange(DiffEntry);

impl Serialize for OwnedChange {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        change_doc(&self.0).serialize(s)
    }
}

#[derive(Serialize)]
struct Summary {
    joined: usize,
    moved: usize,
    held: usize,
    resumed: usize,
    left: usize,
    reopened: usize,
    reclosed: usize,
}

#[derive(Serialize)]
struct ChangeDoc<'a> {
    change: ChangeKind,
    role: &'a str,
    application_id: i64,
    candidate: &'a str,
    level: &'a str,
    from_stage: Option<&'a str>,
    to_stage: &'a str,
    from_status: Option<AppStatus>,
    to_status: AppStatus,
    reject_reason: Option<&'static str>,
}

fn change_doc(e: &DiffEntry) -> ChangeDoc<'_> {
    ChangeDoc {
        change: e.change,
        role: &e.role_slug,
        application_id: e.application_id.0,
        candidate: &e.candidate_name,
        level: &e.level_title,
        from_stage: e.from_stage.as_deref(),
        to_stage: &e.to_stage,
        from_status: e.from_status,
        to_status: e.to_status,
        reject_reason: e.reject_reason.map(RejectReason::as_str),
    }
}

/// The changes between two instants as one JSON document.
pub fn diff(span: Span, diff: &dyn DiffCounts, changes: Changes<'_>, w: &mut dyn Write) -> Result<()> {
    let doc = DiffDoc {
        schema_version: SCHEMA_VERSION,
        kind: "diff",
        since: iso_time(span.0),
        until: iso_time(span.1),
        summary: Summary {
            joined: diff.count(ChangeKind::Joined),
            moved: diff.count(ChangeKind::Moved),
            held: diff.count(ChangeKind::Held),
            resumed: diff.count(ChangeKind::Resumed),
            left: diff.count(ChangeKind::Left),
            reopened: diff.count(ChangeKind::Reopened),
            reclosed: diff.count(ChangeKind::Reclosed),
        },
        changes: ChangeDocs(RefCell::new(changes)),
    };
    finish(w, &doc)
}
