//! The maintenance commands' entry points for a team server, without naming the server's
//! client crate outside `store/` (and a one-line refusal in a build without it).

use super::restore::{RestoreError, RestoreReport};
use super::{CheckStep, Finding, Result, StoreError};
use std::path::Path;

/// `doctor` on the server at `url`: schema, connection security, then the data checks on
/// one snapshot, reporting each check as it starts and how far the long ones have got.
#[cfg(feature = "postgres")]
pub fn server_findings(url: &str, report: &mut dyn FnMut(CheckStep)) -> Result<Vec<Finding>> {
    super::pg::doctor::findings(url, report)
}

/// Without the `postgres` feature a server is refused in one line.
#[cfg(not(feature = "postgres"))]
pub fn server_findings(url: &str, report: &mut dyn FnMut(CheckStep)) -> Result<Vec<Finding>> {
    let _ = (url, report);
    Err(StoreError::Invalid(
        "this rolecall was built without PostgreSQL support (cargo feature `postgres`)".into(),
    ))
}

/// The checks [`server_findings`] runs at most, for a progress bar.
pub const SERVER_CHECKS: usize = 7;

/// Replace the rows of the server database at `url` with the backup at `backup`, with
/// the same refusals as a restore onto a file; what the server held is first saved as a
/// SQLite file beside the backup (`<database>.before-restore-<time>`).
#[cfg(feature = "postgres")]
pub fn restore_server(
    url: &str,
    backup: &Path,
    force: bool,
) -> std::result::Result<RestoreReport, RestoreError> {
    let mut client = super::pg::connect(url).map_err(StoreError::from)?;
    let dir = match backup.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    super::pg::restore_from_file(&mut client, backup, force, &dir)
}

/// Without the `postgres` feature a server is refused in one line.
#[cfg(not(feature = "postgres"))]
pub fn restore_server(
    url: &str,
    backup: &Path,
    force: bool,
) -> std::result::Result<RestoreReport, RestoreError> {
    let _ = (url, backup, force);
    Err(StoreError::Invalid(
        "this rolecall was built without PostgreSQL support (cargo feature `postgres`)".into(),
    )
    .into())
}
