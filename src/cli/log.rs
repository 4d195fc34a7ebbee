//! Where the TUI logs: `rolecall.log` in the state directory (`$XDG_STATE_HOME/rolecall`,
//! `~/.local/state/rolecall` on Linux; the local data directory where there is no state
//! directory), never in the terminal it draws on. The directory is 0700 and the file 0600
//! whatever the umask: messages can name people.

use crate::store::create_private_dir_all;
use std::path::{Path, PathBuf};

/// The log file's path, if a home directory can be found.
pub fn log_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "rolecall")?;
    let dir = dirs.state_dir().unwrap_or_else(|| dirs.data_local_dir()).to_path_buf();
    Some(dir.join("rolecall.log"))
}

/// Send tracing output to the log; returns its path, or `None` when it cannot be opened.
pub fn start() -> Option<PathBuf> {
    let path = log_path()?;
    open(&path)?;
    Some(path)
}

fn open(path: &Path) -> Option<()> {
    let dir = path.parent()?;
    create_private_dir_all(dir).ok()?;
    let mut options = std::fs::OpenOptions::new();
    options.create(true).append(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(path).ok()?;
    tracing_subscriber::fmt().with_writer(std::sync::Mutex::new(file)).with_ansi(false).try_init().ok()
}
