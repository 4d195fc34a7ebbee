//! A throw-away server database with a login per person (issue 19's tests): each
//! login's URL, rolecall run as that login, and psql as that login.

use super::pg;
use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

pub struct Server {
    pub db: pg::TestDb,
    /// ROLECALL_NOW of the commands run.
    pub now: std::cell::Cell<&'static str>,
}

impl Server {
    pub fn new(db: pg::TestDb, now: &'static str) -> Server {
        Server { db, now: std::cell::Cell::new(now) }
    }

    /// The login of `who` on this test's database (logins are the server's, shared by
    /// the tests of a binary: prefixed with the database's name).
    pub fn name(&self, who: &str) -> String {
        if who == "postgres" { who.to_string() } else { format!("{}_{who}", self.db.name) }
    }

    pub fn url(&self, who: &str) -> String {
        match who {
            "postgres" => self.db.url.clone(),
            _ => self.db.url_for(&self.name(who), Some(&format!("pw-{who}"))),
        }
    }

    pub fn create_login(&self, who: &str) {
        let sql = format!("CREATE ROLE {} LOGIN PASSWORD 'pw-{who}'", self.name(who));
        self.db.client().batch_execute(&sql).expect("create a login");
    }

    /// rolecall as `who`: exit code, stdout, stderr.
    pub fn rolecall(&self, who: &str, args: &[&str]) -> (Option<i32>, String, String) {
        let mut c = Command::cargo_bin("rolecall").expect("binary");
        c.env("ROLECALL_DB", self.url(who)).env("ROLECALL_NOW", self.now.get()).env("TZ", "UTC").args(args);
        let out = c.output().expect("run rolecall");
        let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
        (out.status.code(), text(&out.stdout), text(&out.stderr))
    }

    /// rolecall --json as `who`, which must succeed.
    pub fn json(&self, who: &str, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let (code, out, err) = self.rolecall(who, &all);
        assert_eq!(code, Some(0), "{who}: rolecall {args:?}: {err}");
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{who}: {args:?}: {e}: {out}"))
    }

    /// psql as `who` (one -c: one transaction): the rows (unaligned, one per line) or the
    /// error. A hiring manager or an interviewer first does what the README tells them,
    /// `SET search_path = rolecall_seen, public` (they may not read the tables themselves).
    pub fn psql(&self, who: &str, sql: &str) -> Result<String, String> {
        self.psql_as(who, &[SEEN_FIRST, sql])
    }

    /// psql as `who` running each of `commands` (one -c each, in turn).
    pub fn psql_as(&self, who: &str, commands: &[&str]) -> Result<String, String> {
        let mut args = vec![self.url(who)];
        args.extend(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"].map(String::from));
        for sql in commands {
            args.extend(["-c".to_string(), sql.to_string()]);
        }
        let out = std::process::Command::new(psql_program()).args(&args).output().expect("run psql");
        let text = |b: &[u8]| String::from_utf8_lossy(b).trim().to_string();
        if out.status.success() { Ok(text(&out.stdout)) } else { Err(text(&out.stderr)) }
    }
}

/// A restricted login's search path, as the README's access section sets it.
pub const SEEN_FIRST: &str = "DO $$ BEGIN IF rolecall_restricted() THEN
     PERFORM set_config('search_path', 'rolecall_seen, ' || current_setting('search_path'), false);
     END IF; END $$";

/// psql from the PostgreSQL that scripts/pg-cluster uses, else the one on PATH.
fn psql_program() -> String {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster");
    let bin = std::process::Command::new("bash").arg(script).arg("bin").output().expect("pg-cluster bin");
    let dir = String::from_utf8_lossy(&bin.stdout).trim().to_string();
    let inside = Path::new(&dir).join("psql");
    if inside.exists() { inside.display().to_string() } else { "psql".into() }
}
