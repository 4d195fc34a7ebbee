//! Why an export failed, and whether it failed at all (a closed pipe is the reader's choice).

use std::path::PathBuf;
use thiserror::Error;

/// Why an export failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("cannot write the export: {0}")]
    Io(#[from] std::io::Error),
    /// The CSV writer failed.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] ::csv::Error),
    /// JSON encoding failed.
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// Reading what the export shows failed while it was being written.
    #[error("cannot read the export's rows: {0}")]
    Read(String),
    /// The output path is not one rolecall writes to (a symbolic link).
    #[error("{0}")]
    Refused(String),
    /// A file-system step of an atomic write failed.
    #[error("cannot {action} {path}: {source}")]
    File {
        /// What was being done.
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
}

impl ExportError {
    /// True when the reader of the output went away (`… | head`): not a failure of ours.
    pub fn is_closed_pipe(&self) -> bool {
        let kind = match self {
            ExportError::Io(e) | ExportError::File { source: e, .. } => Some(e.kind()),
            ExportError::Csv(e) => match e.kind() {
                ::csv::ErrorKind::Io(e) => Some(e.kind()),
                _ => None,
            },
            ExportError::Json(e) => e.io_error_kind(),
            ExportError::Refused(_) | ExportError::Read(_) => None,
        };
        kind == Some(std::io::ErrorKind::BrokenPipe)
    }
}

/// Result of an export.
pub type Result<T> = std::result::Result<T, ExportError>;
