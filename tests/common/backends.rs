//! One test body, both backends (issue 15: one suite, two backends).
//!
//! A store test written once as
//!
//! ```ignore
//! #[macro_use]
//! mod common;
//! fn adds_a_person(store: &mut Store) { … }
//! fn through_the_binary(target: &Target) { … }
//! both_backends!(adds_a_person, through_the_binary);
//! ```
//!
//! gives each body a module of the same name with two tests, `adds_a_person::sqlite`
//! and `adds_a_person::postgres` (filter with `cargo test sqlite` or `cargo test postgres`).
//! A `&mut Store` body gets a fresh migrated store at the fixed test time with the actor
//! `tester` ([`super::store`] on SQLite: in memory; on PostgreSQL: a database of its own
//! on the test server). A `&Target` body gets a [`Target`]: the `--db` value of a fresh
//! database (a file in a temporary directory, or a fresh database's URL), a command for
//! the real binary pointed at it, and the same database opened in-process.
//!
//! Without a PostgreSQL server the `postgres` half prints a "skipped" line and passes,
//! except under CI, where it fails (see [`super::pg`]).

use chrono::{TimeZone, Utc};
use rolecall::domain::FixedClock;
use rolecall::store::Store;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The instant every harness store is fixed at (as [`super::store`]).
pub fn test_time() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 0).unwrap()
}

/// Which database a test runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Backend {
    /// Run a test body on this backend (what the `both_backends!` tests call): a
    /// `fn(&mut Store)` or a `fn(&Target)`.
    pub fn run<M, B: Body<M>>(self, body: B) {
        body.run_on(self)
    }

    /// `sqlite` or `postgres`, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}

/// A test body the harness can run on a backend; `M` tells the two kinds apart.
pub trait Body<M> {
    fn run_on(self, backend: Backend);
}

/// The kind of a body taking `&mut Store`.
pub struct OnStore;
/// The kind of a body taking `&Target`.
pub struct OnTarget;

impl<F: FnOnce(&mut Store)> Body<OnStore> for F {
    fn run_on(self, backend: Backend) {
        let Some(target) = Target::new(backend) else { return };
        let mut store = match backend {
            Backend::Sqlite => super::store(),
            Backend::Postgres => target.store(),
        };
        self(&mut store)
    }
}

impl<F: FnOnce(&Target)> Body<OnTarget> for F {
    fn run_on(self, backend: Backend) {
        if let Some(target) = Target::new(backend) {
            self(&target);
            target.assert_no_file_named_after_the_url();
        }
    }
}

/// A fresh database on one backend, and a temporary directory for the test's files.
pub struct Target {
    backend: Backend,
    dir: tempfile::TempDir,
    #[cfg(feature = "postgres")]
    pg: Option<super::pg::TestDb>,
}

impl Target {
    /// A fresh SQLite database (not yet created: the first open creates it).
    pub fn sqlite() -> Target {
        Target::new(Backend::Sqlite).expect("SQLite is always there")
    }

    /// A fresh PostgreSQL database; `None` (after a "skipped" line) without a server
    /// outside CI.
    pub fn postgres() -> Option<Target> {
        Target::new(Backend::Postgres)
    }

    /// A fresh database on `backend` (`None` only for PostgreSQL without a server).
    pub fn new(backend: Backend) -> Option<Target> {
        let dir = tempfile::tempdir().expect("tempdir");
        match backend {
            Backend::Sqlite => Some(Target {
                backend,
                dir,
                #[cfg(feature = "postgres")]
                pg: None,
            }),
            #[cfg(feature = "postgres")]
            Backend::Postgres => {
                let db = super::pg::database()?;
                Some(Target { backend, dir, pg: Some(db) })
            }
            #[cfg(not(feature = "postgres"))]
            Backend::Postgres => {
                eprintln!("skipped: built without the postgres feature");
                None
            }
        }
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    pub fn is_postgres(&self) -> bool {
        self.backend == Backend::Postgres
    }

    /// A temporary directory of the test's own (page files, exports, backups).
    pub fn dir(&self) -> &Path {
        self.dir.path()
    }

    /// The SQLite file (`data/rolecall.db` in the test's directory); `None` on PostgreSQL.
    pub fn file(&self) -> Option<PathBuf> {
        (self.backend == Backend::Sqlite).then(|| self.dir.path().join("data").join("rolecall.db"))
    }

    /// The PostgreSQL test database; `None` on SQLite.
    #[cfg(feature = "postgres")]
    pub fn pg(&self) -> Option<&super::pg::TestDb> {
        self.pg.as_ref()
    }

    /// What `--db` / `ROLECALL_DB` takes: the file's path or the database's URL.
    pub fn db(&self) -> OsString {
        if let Some(file) = self.file() {
            return file.into_os_string();
        }
        #[cfg(feature = "postgres")]
        if let Some(pg) = &self.pg {
            return pg.url.clone().into();
        }
        unreachable!("a PostgreSQL target exists only with the postgres feature")
    }

    /// [`Self::db`] as text (URLs and the temporary paths are UTF-8).
    pub fn db_str(&self) -> String {
        self.db().into_string().expect("a UTF-8 database name")
    }

    /// Panics unless the test really wrote to its database: on PostgreSQL rows in the
    /// server's `events` table, and nothing created in the test's directory (where a
    /// URL taken for a file name would have gone); on SQLite, the file.
    pub fn assert_written(&self) {
        #[cfg(feature = "postgres")]
        if let Some(pg) = &self.pg {
            let events: i64 = match pg.client().query_one("SELECT count(*) FROM events", &[]) {
                Ok(row) => row.get(0),
                Err(e) => panic!("nothing ran on the PostgreSQL server ({e:?})"),
            };
            assert!(events > 0, "no events on the PostgreSQL server");
            let left: Vec<_> =
                std::fs::read_dir(self.dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
            assert!(
                left.iter().all(|name| name == "home"),
                "files written beside a PostgreSQL test: {left:?}"
            );
            return;
        }
        let file = self.file().expect("a SQLite target");
        assert!(file.exists(), "no database at {}", file.display());
    }

    /// Panics if something wrote a file named after the server's URL in the test's
    /// directory (where the binary runs): a command that took the URL for a file name
    /// would otherwise pass its PostgreSQL half on SQLite, silently.
    pub fn assert_no_file_named_after_the_url(&self) {
        if self.backend == Backend::Postgres {
            let stray = self.dir.path().join("postgres:");
            assert!(
                !stray.exists(),
                "the binary took the PostgreSQL URL for a file name ({})",
                stray.display()
            );
        }
    }

    /// The same database opened in-process, migrated, at the fixed test time, actor `tester`.
    pub fn store(&self) -> Store {
        self.open().expect("open the test database")
    }

    /// Open the database in-process (the error, for tests of refusals).
    pub fn open(&self) -> rolecall::store::Result<Store> {
        Ok(open_db(&self.db_str())?.with_clock(Box::new(FixedClock(test_time()))).with_actor("tester"))
    }

    /// The real binary (`ROLECALL_E2E_BIN` if set) pointed at this database through `ROLECALL_DB`, with a fixed clock
    /// (`ROLECALL_NOW`), actor `tester`, and HOME / XDG / PG* variables that cannot reach
    /// anything outside the test.
    pub fn cmd(&self) -> assert_cmd::Command {
        let mut c = match std::env::var_os("ROLECALL_E2E_BIN") {
            Some(bin) => assert_cmd::Command::new(bin),
            None => assert_cmd::Command::cargo_bin("rolecall").expect("binary"),
        };
        let home = self.dir.path().join("home");
        // Run inside the test's directory: a URL mistaken for a relative path lands there.
        c.current_dir(self.dir.path())
            .env("ROLECALL_DB", self.db())
            .env("ROLECALL_NOW", "2026-03-02T10:00:00Z")
            .env("ROLECALL_ACTOR", "tester")
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_STATE_HOME", home.join("state"))
            .env_remove("NO_COLOR");
        for var in ["PGHOST", "PGPORT", "PGUSER", "PGDATABASE", "PGPASSWORD", "PGPASSFILE", "PGSERVICE"] {
            c.env_remove(var);
        }
        c
    }

    /// Run the binary with `args`.
    pub fn run(&self, args: &[&str]) -> std::process::Output {
        self.cmd().args(args).output().expect("run rolecall")
    }

    /// Run the binary with `args` and `--json`; panics unless it succeeds.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let out = self.cmd().args(args).arg("--json").output().expect("run");
        assert!(
            out.status.success(),
            "{} {args:?} failed: {}",
            self.backend.name(),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json output")
    }
}

/// Open what `--db` takes (a file path or a server URL) as the CLI does, in its own
/// connection (threads standing for separate processes use it).
pub fn open_db(db: &str) -> rolecall::store::Result<Store> {
    let store = Store::open_target(db)?;
    // A URL taken for a file name would pass every test on SQLite, silently.
    assert!(
        !(db.starts_with("postgres://") && store.path().is_some()),
        "{db} was opened as a SQLite file, not on the server"
    );
    Ok(store)
}

/// Run test bodies on both backends: each `name` (a `fn name(store: &mut Store)` or
/// `fn name(target: &Target)` of the test file, without `#[test]`) gets a module `name`
/// with the tests `name::sqlite` and `name::postgres`:
///
/// ```ignore
/// both_backends!(adds_a_person, #[should_panic] refuses_nobody);
/// ```
///
/// or with the bodies inside: `both_backends! { fn adds_a_person(store: &mut Store) { … } }`.
#[allow(unused_macros)]
macro_rules! both_backends {
    ($( $(#[$meta:meta])* fn $name:ident($($params:tt)*) $body:block )+) => {
        $( fn $name($($params)*) $body )+
        both_backends!($( $(#[$meta])* $name ),+);
    };
    ($( $(#[$meta:meta])* $name:ident ),+ $(,)?) => {$(
        mod $name {
            $(#[$meta])*
            #[test]
            fn sqlite() {
                $crate::common::backends::Backend::Sqlite.run(super::$name)
            }

            $(#[$meta])*
            #[test]
            fn postgres() {
                $crate::common::backends::Backend::Postgres.run(super::$name)
            }
        }
    )+};
}
