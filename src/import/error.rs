//! Why a page was not imported: the one error type of reading, parsing and storing a page.

use super::parse::ParseError;
use crate::store::StoreError;
use thiserror::Error;

/// Why a page was not imported.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The file could not be read.
    #[error("{path}: cannot read: {source}")]
    Read {
        /// The file.
        path: String,
        /// The OS error.
        source: std::io::Error,
    },
    /// The path is a FIFO, a device, a socket or a directory, not a page file.
    #[error("{path}: {kind}, not a regular file; only page files can be imported")]
    NotAFile {
        /// The file.
        path: String,
        /// What it is instead ("a named pipe (FIFO)", "a device", …).
        kind: &'static str,
    },
    /// The file is not UTF-8 text.
    #[error("{path}: not a text page (not valid UTF-8); only markdown job-family pages can be imported")]
    NotText {
        /// The file.
        path: String,
    },
    /// The parser refused the page.
    #[error("{path}: {source}")]
    Parse {
        /// The file.
        path: String,
        /// Why.
        source: ParseError,
    },
    /// The page has no hiring process.
    #[error(
        "{path}: no hiring process found (expected a 'Hiring Process' section with one step per item); pass --default-process to give it the standard stages"
    )]
    NoHiringProcess {
        /// The file.
        path: String,
    },
    /// The page has no levels and no responsibilities/requirements.
    #[error(
        "{path}: no levels found (expected level headings under 'Levels', or a Responsibilities/Requirements section)"
    )]
    NoLevels {
        /// The file.
        path: String,
    },
    /// The store refused or failed.
    #[error("{path}: {source}")]
    Store {
        /// The file.
        path: String,
        /// The store error.
        source: StoreError,
    },
}

impl ImportError {
    /// The store error inside, if that is what failed.
    pub fn store_error(&self) -> Option<&StoreError> {
        match self {
            ImportError::Store { source, .. } => Some(source),
            _ => None,
        }
    }
}
