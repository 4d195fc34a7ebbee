//! What the importer skipped or guessed on a page, for the user to check.

/// Something the parser skipped or guessed, with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// 1-based line number in the page (front matter included).
    pub line: usize,
    /// What was skipped or guessed.
    pub message: String,
}
