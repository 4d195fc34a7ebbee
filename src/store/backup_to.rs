//! `Store::backup_to`: a backup of whichever database is behind the store, as a rolecall
//! SQLite file — SQLite's online backup of a file, or one snapshot of a server.

use super::backup::{BackupSummary, copy_into, write_new_file};
use super::handle::Backend;
use super::{Result, Store};
use std::path::Path;

impl Store {
    /// Copy the whole database to `dest` (mode 0600) while others may be writing. The
    /// copy is written beside `dest` and renamed into place, so `dest` is never half
    /// written; an existing `dest` is replaced only with `replace`.
    pub fn backup_to(&self, dest: &Path, replace: bool) -> Result<BackupSummary> {
        match &self.backend {
            Backend::Sqlite(conn) => write_new_file(dest, replace, |partial| copy_into(conn, partial)),
            // From a server: one snapshot of it, written as a rolecall SQLite file.
            #[cfg(feature = "postgres")]
            Backend::Postgres(pg) => super::pg::backup_to_file(&mut *pg.client()?, dest, replace),
        }
    }
}
