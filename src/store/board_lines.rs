//! The board as `rolecall board --print` prints it: per card only what its line shows
//! (no scorecards, no contact details), read in one pass in board order, so printing a
//! role with tens of thousands of open applications costs about what `sqlite3` printing
//! the same rows costs.

use super::rows;
use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::{BoardLine, FamilyId};
use std::sync::Arc;

const COLUMNS: &str = "SELECT a.id, c.name, l.title, a.stage_id, a.status, a.stage_entered_at
     FROM applications a
     JOIN candidates c ON c.id = a.candidate_id
     JOIN levels l ON l.id = a.level_id";

impl Store {
    /// The cards of `family` in board order (stage, time in stage, id): open ones, or
    /// every one when `include_closed`. The same cards as [`Store::board`], fewer columns.
    pub fn board_lines(&self, family: FamilyId, include_closed: bool) -> Result<Vec<BoardLine>> {
        // A plain `IN` for the open ones, so the `applications_board` index is sought.
        let filter = if include_closed { "" } else { " AND a.status IN ('active', 'on_hold')" };
        let sql =
            format!("{COLUMNS} WHERE a.family_id = ?1{filter} ORDER BY a.stage_id, a.stage_entered_at, a.id");
        let mut titles: Vec<Arc<str>> = Vec::new();
        self.db().query_rows(&sql, &args![family], |r| rows::board_line(r, &mut titles))
    }
}
