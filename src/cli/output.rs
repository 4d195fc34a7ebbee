//! How a command prints: text through the terminal sanitiser, or JSON with `--json`.

use super::{CliError, ExitCode};
use crate::export::{Mode, SafeWriter, json_pretty};
use serde::Serialize;
use std::io::Write;

/// Result of a CLI command.
pub type CliResult = Result<(), CliError>;

/// Where output goes and in which form.
pub struct Output {
    pub(super) json: bool,
}

impl Output {
    /// Print `value` as JSON when `--json` was given, otherwise the text from `text`.
    /// Text goes through the terminal sanitiser and JSON through the JSON one, so no
    /// stored name or argument can send a control sequence to the terminal.
    pub fn emit<T: Serialize>(
        &self,
        value: &T,
        text: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
    ) -> CliResult {
        // Buffered: standard output flushes at every newline otherwise (a system call a
        // line: 42,684 for `board --print` at 1,000,000 candidates).
        let mut lock = std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock());
        if self.json {
            json_pretty(&mut lock, value).map_err(|e| match e.io_error_kind() {
                Some(kind) => CliError::from(std::io::Error::from(kind)),
                None => CliError { code: ExitCode::Internal, message: format!("cannot encode JSON: {e}") },
            })?;
            writeln!(lock)?;
        } else {
            let mut safe = SafeWriter::new(&mut lock, Mode::Terminal);
            text(&mut safe)?;
            safe.flush()?;
        }
        lock.flush()?;
        Ok(())
    }
}
