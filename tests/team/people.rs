//! The four people of issue 16's scenario on a test database: on SQLite names given by
//! `ROLECALL_ACTOR`; on PostgreSQL database logins (the actor there is the login).

use crate::common::backends::Target;
use std::collections::HashMap;

/// The scenario's people: short name → the name rolecall records, and how to connect.
pub struct People {
    names: HashMap<&'static str, String>,
    urls: HashMap<&'static str, String>,
}

pub const ALL: [&str; 4] = ["rita", "hank", "ivy", "ian"];

impl People {
    /// Set the people up (the database must exist and be migrated: run a command first).
    pub fn new(target: &Target) -> People {
        let mut names = HashMap::new();
        let mut urls = HashMap::new();
        for who in ALL {
            #[cfg(feature = "postgres")]
            if let Some(db) = target.pg() {
                let role = format!("{}_{who}", db.name);
                db.client()
                    .batch_execute(&format!(
                        "CREATE ROLE {role} LOGIN PASSWORD 'pw-{who}';
                         GRANT SELECT, INSERT, UPDATE ON ALL TABLES IN SCHEMA public TO {role};
                         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role};"
                    ))
                    .expect("create a login");
                urls.insert(who, db.url_for(&role, Some(&format!("pw-{who}"))));
                names.insert(who, role);
                continue;
            }
            let _ = target;
            names.insert(who, who.to_string());
        }
        People { names, urls }
    }

    /// The name rolecall records for `who`.
    pub fn name(&self, who: &str) -> &str {
        &self.names[who]
    }

    /// The binary as `who`, at the instant `now`.
    pub fn cmd(&self, target: &Target, who: &str, now: &str) -> assert_cmd::Command {
        let mut c = target.cmd();
        c.env("ROLECALL_NOW", now).env("ROLECALL_ACTOR", self.name(who)).env("TZ", "UTC");
        if let Some(url) = self.urls.get(who) {
            c.env("ROLECALL_DB", url);
        }
        c
    }

    /// Run as `who`; the output, whatever the exit code.
    pub fn run(&self, target: &Target, who: &str, now: &str, args: &[&str]) -> std::process::Output {
        self.cmd(target, who, now).args(args).output().expect("run rolecall")
    }

    /// Run as `who` with `--json`; panics unless it succeeds.
    pub fn json(&self, target: &Target, who: &str, now: &str, args: &[&str]) -> serde_json::Value {
        let out = self.cmd(target, who, now).args(args).arg("--json").output().expect("run rolecall");
        assert!(
            out.status.success(),
            "{} as {who}: {args:?} failed: {}",
            target.backend().name(),
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("json output")
    }
}
