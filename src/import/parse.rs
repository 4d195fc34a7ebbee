//! Pure parser: page text → `FamilyDraft` plus warnings. (Stub; being written.)

use crate::domain::FamilyDraft;
use thiserror::Error;

/// Something the parser skipped or guessed, with the 1-based line it concerns.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Warning {
    /// 1-based line number in the page.
    pub line: usize,
    /// What was skipped or guessed.
    pub message: String,
}

/// The result of parsing one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPage {
    /// The family with its levels and stages (no Offer stage).
    pub draft: FamilyDraft,
    /// What could not be fully understood.
    pub warnings: Vec<Warning>,
}

/// A page that cannot be imported at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// The page is empty or only whitespace.
    #[error("the page is empty")]
    Empty,
    /// The page contains NUL bytes (a binary file?).
    #[error("the page contains NUL bytes; it looks like a binary file, not markdown")]
    Binary,
    /// The page is larger than the importer accepts.
    #[error("the page is {size} bytes; pages over {limit} bytes are refused")]
    TooLarge {
        /// Size of the page in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

/// Largest page accepted, in bytes.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Parse one job-family page.
pub fn parse(src: &str) -> Result<ParsedPage, ParseError> {
    if src.len() > MAX_PAGE_BYTES {
        return Err(ParseError::TooLarge {
            size: src.len(),
            limit: MAX_PAGE_BYTES,
        });
    }
    if src.contains('\0') {
        return Err(ParseError::Binary);
    }
    if src.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    Ok(ParsedPage {
        draft: FamilyDraft::default(),
        warnings: Vec::new(),
    })
}
