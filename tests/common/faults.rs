//! Failures injected into a test's own database, on either backend: a trigger that
//! refuses a write with a message, as a full disk or an I/O error would. SQLite gets a
//! `TEMP TRIGGER` (this connection only); PostgreSQL a trigger calling a function that
//! raises (the test's database is its own, so no one else meets it).

use super::backends::Backend;
use rolecall::store::Store;

/// A write that fails: `BEFORE <event> ON <table>` (`event` as `INSERT` or
/// `UPDATE OF source`), only `WHEN <condition>` if given (written on `NEW.…`, valid on both).
pub struct Fault<'a> {
    pub name: &'a str,
    pub table: &'a str,
    pub event: &'a str,
    pub when: Option<&'a str>,
    pub message: &'a str,
}

impl Fault<'_> {
    /// Install the trigger.
    pub fn install(&self, store: &Store, backend: Backend) {
        let when = self.when.map(|w| format!("WHEN ({w})")).unwrap_or_default();
        let (name, table, event, message) = (self.name, self.table, self.event, self.message);
        match backend {
            Backend::Sqlite => {
                store
                    .debug_execute(&format!(
                        "CREATE TEMP TRIGGER {name} BEFORE {event} ON {table} {when}
                         BEGIN SELECT RAISE(ABORT, '{message}'); END"
                    ))
                    .expect("create the failing trigger");
            }
            Backend::Postgres => {
                store
                    .debug_execute(&format!(
                        "CREATE FUNCTION {name}_fn() RETURNS trigger LANGUAGE plpgsql AS
                         $f$ BEGIN RAISE EXCEPTION '{message}'; END $f$"
                    ))
                    .expect("create the failing function");
                store
                    .debug_execute(&format!(
                        "CREATE TRIGGER {name} BEFORE {event} ON {table} FOR EACH ROW {when}
                         EXECUTE FUNCTION {name}_fn()"
                    ))
                    .expect("create the failing trigger");
            }
        }
    }

    /// Remove the trigger: writes work again.
    pub fn remove(&self, store: &Store, backend: Backend) {
        let (name, table) = (self.name, self.table);
        match backend {
            Backend::Sqlite => {
                store.debug_execute(&format!("DROP TRIGGER temp.{name}")).expect("drop the trigger");
            }
            Backend::Postgres => {
                store.debug_execute(&format!("DROP TRIGGER {name} ON {table}")).expect("drop the trigger");
                store.debug_execute(&format!("DROP FUNCTION {name}_fn()")).expect("drop the function");
            }
        }
    }
}
