//! CLI errors and their exit codes.

use crate::import::load::ImportError;
use crate::store::StoreError;
use std::fmt;

/// Exit codes, documented in `--help`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    /// The reader of standard output went away (`… | head`): the process ends quietly
    /// with 0, in text and `--json` mode alike, as the work asked for was done.
    OutputClosed = 0,
    /// Unexpected internal error.
    Internal = 1,
    /// Usage error or invalid input.
    Usage = 2,
    /// Something named does not exist.
    NotFound = 3,
    /// The change conflicts with the current state.
    Conflict = 4,
    /// I/O or database failure.
    Io = 5,
    /// `doctor` found a problem or a warning.
    Unhealthy = 6,
}

/// An error to print as one line, with its exit code.
#[derive(Debug)]
pub struct CliError {
    /// Exit code.
    pub code: ExitCode,
    /// The line to print.
    pub message: String,
}

impl ExitCode {
    /// The stable name of this kind of failure in `--json` errors.
    pub fn kind(self) -> &'static str {
        match self {
            ExitCode::OutputClosed => "output_closed",
            ExitCode::Internal => "internal",
            ExitCode::Usage => "usage",
            ExitCode::NotFound => "not_found",
            ExitCode::Conflict => "conflict",
            ExitCode::Io => "io",
            ExitCode::Unhealthy => "unhealthy",
        }
    }
}

impl CliError {
    /// A usage / invalid-input error.
    pub fn usage(message: impl Into<String>) -> Self {
        CliError { code: ExitCode::Usage, message: message.into() }
    }

    /// The reader of standard output has gone.
    pub fn output_closed() -> Self {
        CliError { code: ExitCode::OutputClosed, message: String::new() }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CliError {}

/// The exit code a store error maps to.
pub fn code_for(e: &StoreError) -> ExitCode {
    match e {
        StoreError::NotFound { .. } => ExitCode::NotFound,
        StoreError::Conflict(_) | StoreError::Denied(_) => ExitCode::Conflict,
        StoreError::Invalid(_) => ExitCode::Usage,
        StoreError::SchemaTooNew { .. }
        | StoreError::UnknownSchema(_)
        | StoreError::Io { .. }
        | StoreError::Busy(_)
        | StoreError::DiskFull(_)
        | StoreError::ReadOnly(_)
        | StoreError::Corrupt(_)
        | StoreError::Other(_) => ExitCode::Io,
    }
}

impl From<StoreError> for CliError {
    fn from(e: StoreError) -> Self {
        let message = match &e {
            StoreError::Busy(inner) => {
                format!("the database is busy (another rolecall is writing); try again: {inner}")
            }
            StoreError::DiskFull(_) => {
                "the disk is full (or the database reached its size limit), so nothing was saved; \
                 free some space and try again"
                    .into()
            }
            StoreError::ReadOnly(_) => {
                "the database is read-only; check the file's permissions or use another --db".into()
            }
            _ => e.to_string(),
        };
        CliError { code: code_for(&e), message }
    }
}

impl From<ImportError> for CliError {
    fn from(e: ImportError) -> Self {
        let code = match &e {
            ImportError::Store { source, .. } => code_for(source),
            ImportError::Read { .. } => ExitCode::Io,
            _ => ExitCode::Usage,
        };
        CliError { code, message: e.to_string() }
    }
}

impl From<std::io::Error> for CliError {
    fn from(e: std::io::Error) -> Self {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            return CliError::output_closed();
        }
        CliError { code: ExitCode::Io, message: format!("cannot write output: {e}") }
    }
}
