//! Snapshot and diff writers: CSV for spreadsheets, JSON for tools, Markdown for a wiki
//! page, HTML for a browser. Each writer is pure: it renders onto any `io::Write`.
//! [`write_atomically`] puts the result in a file without ever leaving half of one.

mod atomic;
mod csv;
mod error;
mod format;
mod html;
mod html_scorecards;
pub mod ics;
mod json;
mod md;
mod rows;
mod safe_write;
mod stream;
mod svg;
mod text;
mod write;

pub use atomic::write_atomically;
pub use csv::SnapshotRows;
pub use error::{ExportError, Result};
pub use format::{ExportOptions, Format};
pub use html::LISTED_PER_STAGE;
pub use html_scorecards::SCORECARDS_PER_ROLE;
pub use json::SCHEMA_VERSION;
pub use rows::{CardSource, Changes, DiffCounts, HeldCards, RoleRows, Rows, rows_of};
pub use safe_write::{Mode, SafeWriter, json_line, json_pretty};
pub use stream::{write_sorted_diff, write_sorted_snapshot};
pub use write::{write_diff, write_diff_rows, write_snapshot, write_snapshot_rows};
