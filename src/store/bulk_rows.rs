//! The rows a bulk load writes (`bulk.rs` runs the load, `bulk_writer.rs` inserts them):
//! the caller supplies ids, so rows can reference each other without a read-back.
//! [`BulkRows`] turns them into bound values without the database, so a generator can
//! make the next rows on another thread while the writer inserts these.

use crate::domain::{
    AppStatus, ApplicationId, CandidateId, EventId, EventKind, FamilyId, InterviewId, LevelId, Rating,
    RejectReason, StageId,
};

/// The first free id of each table, read under the write lock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NextIds {
    /// First free candidate id.
    pub candidate: i64,
    /// First free application id.
    pub application: i64,
    /// First free event id.
    pub event: i64,
    /// First free interview id.
    pub interview: i64,
}

/// A person row.
#[derive(Debug, Clone, Copy)]
pub struct BulkCandidate<'a> {
    /// Id (from `NextIds`).
    pub id: CandidateId,
    /// Full name.
    pub name: &'a str,
    /// Normalised name (`domain::text::normalise_name`).
    pub name_key: &'a str,
    /// Email.
    pub email: Option<&'a str>,
    /// Phone.
    pub phone: Option<&'a str>,
    /// Source.
    pub source: Option<&'a str>,
    /// Created (stored time text).
    pub created_at: &'a str,
}

/// An application row in its current state.
#[derive(Debug, Clone, Copy)]
pub struct BulkApplication<'a> {
    /// Id.
    pub id: ApplicationId,
    /// The person.
    pub candidate: CandidateId,
    /// The family.
    pub family: FamilyId,
    /// The level.
    pub level: LevelId,
    /// Current stage.
    pub stage: StageId,
    /// Current status.
    pub status: AppStatus,
    /// Why rejected.
    pub reject_reason: Option<RejectReason>,
    /// When it entered the current stage.
    pub stage_entered_at: &'a str,
    /// When it was made.
    pub created_at: &'a str,
    /// Its last change.
    pub updated_at: &'a str,
    /// Number of changes (events) so far.
    pub version: i64,
}

/// An application event.
#[derive(Debug, Clone, Copy)]
pub struct BulkEvent<'a> {
    /// Id; ids must follow time.
    pub id: EventId,
    /// When.
    pub at: &'a str,
    /// Who.
    pub actor: &'a str,
    /// What.
    pub kind: EventKind,
    /// The person.
    pub candidate: CandidateId,
    /// The application.
    pub application: ApplicationId,
    /// Stage before.
    pub from_stage: StageId,
    /// Stage after.
    pub to_stage: StageId,
    /// Status before.
    pub from_status: AppStatus,
    /// Status after.
    pub to_status: AppStatus,
    /// Reject reason.
    pub reason: Option<RejectReason>,
    /// Note.
    pub note: Option<&'a str>,
}

/// An interview with its scorecard.
#[derive(Debug, Clone, Copy)]
pub struct BulkInterview<'a> {
    /// Id.
    pub id: InterviewId,
    /// The application.
    pub application: ApplicationId,
    /// The stage it was held at.
    pub stage: StageId,
    /// Who interviewed.
    pub interviewer: &'a str,
    /// Date held (YYYY-MM-DD).
    pub held_on: &'a str,
    /// Overall recommendation.
    pub recommendation: Rating,
    /// Notes.
    pub notes: &'a str,
    /// When it was recorded.
    pub created_at: &'a str,
    /// The `interview_recorded` event.
    pub event: EventId,
    /// One rating per requirement of the level, in order, with the requirement's text.
    pub scores: &'a [(&'a str, Option<Rating>)],
}

/// Candidates, applications, events, interviews, interview scores: the tables a load
/// fills, as `BulkRows` numbers them (`bulk_writer::TABLES` is in this order).
pub(super) const CANDIDATES: usize = 0;
pub(super) const APPLICATIONS: usize = 1;
pub(super) const EVENTS: usize = 2;
pub(super) const INTERVIEWS: usize = 3;
pub(super) const SCORES: usize = 4;
/// Values a row of each table binds.
pub(super) const COLUMNS: [usize; 5] = [7, 11, 12, 9, 4];

/// Rows ready to insert, in order: each row's table and its values, one flat list, the
/// text of every value in one string (no allocation per value). Filled anywhere (no
/// database needed), written by `BulkWriter::write`; `clear` keeps the capacity, so a
/// batch is reused.
#[derive(Debug, Default)]
pub struct BulkRows {
    tables: Vec<u8>,
    cells: Vec<Cell>,
    text: String,
}

/// One value of a row; text is a range of the rows' `text`.
#[derive(Debug, Clone, Copy)]
pub(super) enum Cell {
    Null,
    Int(i64),
    Text(u32, u32),
}

/// What a row's value can be made from.
trait IntoCell {
    fn put(self, rows: &mut BulkRows);
}

impl IntoCell for i64 {
    fn put(self, rows: &mut BulkRows) {
        rows.cells.push(Cell::Int(self));
    }
}

impl IntoCell for &str {
    fn put(self, rows: &mut BulkRows) {
        let start = rows.text.len() as u32;
        rows.text.push_str(self);
        rows.cells.push(Cell::Text(start, rows.text.len() as u32));
    }
}

impl<T: IntoCell> IntoCell for Option<T> {
    fn put(self, rows: &mut BulkRows) {
        match self {
            Some(v) => v.put(rows),
            None => rows.cells.push(Cell::Null),
        }
    }
}

/// Add one row of `table` to `rows`, its values in column order.
macro_rules! row {
    ($rows:expr, $table:expr; $($value:expr),+ $(,)?) => {{
        let rows: &mut BulkRows = $rows;
        let before = rows.cells.len();
        $( IntoCell::put($value, rows); )+
        debug_assert_eq!(rows.cells.len() - before, COLUMNS[$table]);
        rows.tables.push($table as u8);
    }};
}

impl BulkRows {
    /// Rows held.
    pub fn len(&self) -> usize {
        self.tables.len()
    }

    /// Whether it holds no row.
    pub fn is_empty(&self) -> bool {
        self.tables.is_empty()
    }

    /// Forget every row, keeping the memory.
    pub fn clear(&mut self) {
        self.tables.clear();
        self.cells.clear();
        self.text.clear();
    }

    /// Each row: its table and its values.
    pub(super) fn rows(&self) -> impl Iterator<Item = (usize, &[Cell])> {
        let mut at = 0;
        self.tables.iter().map(move |&t| {
            let table = usize::from(t);
            let row = &self.cells[at..at + COLUMNS[table]];
            at += COLUMNS[table];
            (table, row)
        })
    }

    /// The text of a `Cell::Text`.
    pub(super) fn text(&self, start: u32, end: u32) -> &str {
        &self.text[start as usize..end as usize]
    }

    /// A person.
    pub fn candidate(&mut self, c: &BulkCandidate<'_>) {
        row!(self, CANDIDATES; c.id.0, c.name, c.name_key, c.email, c.phone, c.source, c.created_at);
    }

    /// An application.
    pub fn application(&mut self, a: &BulkApplication<'_>) {
        row!(self, APPLICATIONS;
            a.id.0,
            a.candidate.0,
            a.family.0,
            a.level.0,
            a.stage.0,
            a.status.as_str(),
            a.reject_reason.map(RejectReason::as_str),
            a.stage_entered_at,
            a.created_at,
            a.updated_at,
            a.version,
        );
    }

    /// An event.
    pub fn event(&mut self, e: &BulkEvent<'_>) {
        row!(self, EVENTS;
            e.id.0,
            e.at,
            e.actor,
            e.kind.as_str(),
            e.candidate.0,
            e.application.0,
            e.from_stage.0,
            e.to_stage.0,
            e.from_status.as_str(),
            e.to_status.as_str(),
            e.reason.map(RejectReason::as_str),
            e.note,
        );
    }

    /// An interview and its scores.
    pub fn interview(&mut self, i: &BulkInterview<'_>) {
        row!(self, INTERVIEWS;
            i.id.0,
            i.application.0,
            i.stage.0,
            i.interviewer,
            i.held_on,
            i.recommendation.value(),
            i.notes,
            i.created_at,
            i.event.0,
        );
        for (position, (requirement, rating)) in i.scores.iter().enumerate() {
            row!(self, SCORES; i.id.0, position as i64, *requirement, rating.map(Rating::value));
        }
    }
}
