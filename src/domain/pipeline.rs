//! The pipeline editor's vocabulary: what a recruiter may change in a role's stages and
//! levels, an edit as the log keeps it, the undo/redo stacks of edits, and the line
//! diff a re-import shows. Pure: the store applies edits (`store/pipeline_edit.rs`).

use super::FamilyId;
use serde::Serialize;

/// What an edit changes. Stage order edits (add, remove, move) record the whole order
/// of live stages (a JSON list of ids), so undoing one restores it exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EditKind {
    /// A stage's label.
    StageRename,
    /// A stage's interview range (`min-max`).
    StageRange,
    /// A stage's alternatives (a JSON array).
    StageAlternatives,
    /// A stage's interviewers (a JSON array).
    StageInterviewers,
    /// A stage added (the order before and after).
    StageAdd,
    /// A stage removed (the order before and after).
    StageRemove,
    /// A stage moved (the order before and after).
    StageMove,
    /// A level's title.
    LevelRename,
    /// A level's grade (a number, or empty for none).
    LevelGrade,
}

const KINDS: [(EditKind, &str); 9] = [
    (EditKind::StageRename, "stage_rename"),
    (EditKind::StageRange, "stage_range"),
    (EditKind::StageAlternatives, "stage_alternatives"),
    (EditKind::StageInterviewers, "stage_interviewers"),
    (EditKind::StageAdd, "stage_add"),
    (EditKind::StageRemove, "stage_remove"),
    (EditKind::StageMove, "stage_move"),
    (EditKind::LevelRename, "level_rename"),
    (EditKind::LevelGrade, "level_grade"),
];

impl EditKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        KINDS.iter().find(|(k, _)| *k == self).map(|(_, s)| *s).unwrap_or("stage_rename")
    }

    /// The kind a stored name stands for.
    pub fn parse(text: &str) -> Option<EditKind> {
        KINDS.iter().find(|(_, s)| *s == text).map(|(k, _)| *k)
    }

    /// Whether the edit changes the order of stages (its values are lists of ids).
    pub fn is_layout(self) -> bool {
        matches!(self, EditKind::StageAdd | EditKind::StageRemove | EditKind::StageMove)
    }

    /// Whether the edit is about a level (else a stage).
    pub fn is_level(self) -> bool {
        matches!(self, EditKind::LevelRename | EditKind::LevelGrade)
    }

    /// The field a pin of this edit holds (`layout` for the order of stages).
    pub fn field(self) -> &'static str {
        match self {
            EditKind::StageRename => "label",
            EditKind::StageRange => "range",
            EditKind::StageAlternatives => "alternatives",
            EditKind::StageInterviewers => "interviewers",
            EditKind::StageAdd | EditKind::StageRemove | EditKind::StageMove => "layout",
            EditKind::LevelRename => "title",
            EditKind::LevelGrade => "grade",
        }
    }
}

/// One logged edit: what it replaced and what it wrote.
#[derive(Debug, Clone, Serialize)]
pub struct PipelineEdit {
    /// Its id in the log.
    pub id: i64,
    /// When it was made.
    pub at: String,
    /// Who made it.
    pub actor: String,
    /// The role.
    pub family_id: FamilyId,
    /// What it changed.
    pub kind: EditKind,
    /// The stage it is about (layout edits: the stage added, removed or moved).
    pub stage_id: Option<i64>,
    /// The level it is about.
    pub level_id: Option<i64>,
    /// The value before.
    pub old_value: String,
    /// The value after.
    pub new_value: String,
    /// The edit this one reverts (an undo, or the redo of an undo).
    pub undoes: Option<i64>,
    /// A sentence saying what happened (names as they are now).
    pub summary: String,
}

/// What a re-import changed in a role, shown on it until acknowledged.
#[derive(Debug, Clone, Serialize)]
pub struct HandbookNotice {
    /// Its id.
    pub id: i64,
    /// The role.
    pub family_id: FamilyId,
    /// The role's slug.
    pub slug: String,
    /// The role's title.
    pub title: String,
    /// When the import ran.
    pub at: String,
    /// Readable lines: what changed.
    pub changes: Vec<String>,
    /// Where the page disagreed with a recruiter's edit (the edit stayed).
    pub conflicts: Vec<String>,
    /// When it was acknowledged, if it was.
    pub acknowledged_at: Option<String>,
    /// Who acknowledged it.
    pub acknowledged_by: Option<String>,
}

/// Undo and redo stacks of edit ids, rebuilt from one actor's edits in order, as
/// `tui::undo` does for application events: an edit reverting the top of the undo stack
/// is an undo, one reverting the top of the redo stack a redo, anything else a new step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EditStacks {
    undo: Vec<i64>,
    redo: Vec<i64>,
}

impl EditStacks {
    /// From `(id, undoes)` pairs, oldest first.
    pub fn from_edits(edits: impl IntoIterator<Item = (i64, Option<i64>)>) -> Self {
        let mut s = EditStacks::default();
        for (id, undoes) in edits {
            match undoes {
                Some(t) if s.undo.last() == Some(&t) => {
                    s.undo.pop();
                    s.redo.push(id);
                }
                Some(t) if s.redo.last() == Some(&t) => {
                    s.redo.pop();
                    s.undo.push(id);
                }
                _ => {
                    s.undo.push(id);
                    s.redo.clear();
                }
            }
        }
        s
    }

    /// The edit an undo reverts.
    pub fn undo_target(&self) -> Option<i64> {
        self.undo.last().copied()
    }

    /// The undo a redo reverts.
    pub fn redo_target(&self) -> Option<i64> {
        self.redo.last().copied()
    }
}

/// A stage's range as text: `2-3`, or `1` when min and max agree.
pub fn range_text(min: u32, max: u32) -> String {
    if min == max { min.to_string() } else { format!("{min}-{max}") }
}

/// Parse `N` or `MIN-MAX` (1 ≤ MIN ≤ MAX ≤ 20).
pub fn parse_range(text: &str) -> Result<(u32, u32), String> {
    let bad = || format!("'{text}' is not an interview range: give N or MIN-MAX, e.g. 2-3 (1 to 20)");
    let (a, b) = match text.trim().split_once('-') {
        Some((a, b)) => (a.trim(), b.trim()),
        None => (text.trim(), text.trim()),
    };
    let min: u32 = a.parse().map_err(|_| bad())?;
    let max: u32 = b.parse().map_err(|_| bad())?;
    if min == 0 || min > max || max > 20 {
        return Err(bad());
    }
    Ok((min, max))
}

/// A line diff of `old` against `new` (longest common subsequence): each line prefixed
/// with `- ` (gone), `+ ` (new); unchanged lines are left out.
pub fn line_diff(old: &[String], new: &[String]) -> Vec<String> {
    let (n, m) = (old.len(), new.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] =
                if old[i] == new[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < n || j < m {
        if i < n && j < m && old[i] == new[j] {
            i += 1;
            j += 1;
        } else if i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1]) {
            out.push(format!("- {}", old[i]));
            i += 1;
        } else {
            out.push(format!("+ {}", new[j]));
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_reworded_line_is_one_minus_and_one_plus() {
        let d = line_diff(&v(&["a", "b", "c"]), &v(&["a", "B", "c"]));
        assert_eq!(d, v(&["- b", "+ B"]));
        assert!(line_diff(&v(&["a"]), &v(&["a"])).is_empty());
        assert_eq!(line_diff(&v(&[]), &v(&["x"])), v(&["+ x"]));
    }

    #[test]
    fn stacks_follow_undo_and_redo() {
        let s = EditStacks::from_edits([(1, None), (2, None), (3, Some(2))]);
        assert_eq!((s.undo_target(), s.redo_target()), (Some(1), Some(3)));
        let s = EditStacks::from_edits([(1, None), (2, Some(1)), (3, Some(2))]);
        assert_eq!((s.undo_target(), s.redo_target()), (Some(3), None));
    }

    #[test]
    fn ranges_parse_and_print() {
        assert_eq!(parse_range("2-3"), Ok((2, 3)));
        assert_eq!(parse_range(" 2 "), Ok((2, 2)));
        assert!(parse_range("3-2").is_err() && parse_range("0").is_err() && parse_range("x").is_err());
        assert_eq!(range_text(2, 2), "2");
        assert_eq!(range_text(1, 3), "1-3");
        for k in KINDS {
            assert_eq!(EditKind::parse(k.0.as_str()), Some(k.0));
        }
    }
}
