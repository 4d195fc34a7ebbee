//! `rolecall level`, the one-open-application rule and `demo`'s refusal of a database
//! that holds people, through the real binary.

#[macro_use]
mod common;

use common::backends::Target;

/// The binary on one test database.
struct Env<'a>(&'a Target);

impl Env<'_> {
    /// Run; return (exit code, stdout, stderr).
    fn run(&self, args: &[&str]) -> (i32, String, String) {
        let out = self.0.run(args);
        let text = |b: &[u8]| String::from_utf8_lossy(b).to_string();
        (out.status.code().unwrap_or(-1), text(&out.stdout), text(&out.stderr))
    }
}

const ROLE: &str = "it-program-management-office";

fn ana_applied(env: &Env) {
    let (code, _, err) = env.run(&["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) =
        env.run(&["apply", "ana@example.com", "--role", ROLE, "--level", "Senior IT Program Manager"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("app 1:"), "{out}");
}

fn a_second_application_to_the_same_role_is_a_conflict_offering_the_level_command(target: &Target) {
    let env = Env(target);
    ana_applied(&env);
    let (code, out, err) = env.run(&["apply", "ana@example.com", "--role", ROLE, "--level", "staff"]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(
        err.contains("Ana Ruiz already has an open application (app 1) to IT Program Management Office; change its level with `rolecall level 1 LEVEL`"),
        "{err}"
    );
    let (code, out, _) = env.run(&["candidate", "show", "ana@example.com"]);
    assert_eq!(code, 0);
    assert!(!out.contains("app 2"), "nothing was added: {out}");
}

fn level_matches_a_fragment_records_an_event_and_suggests_on_a_miss(target: &Target) {
    let env = Env(target);
    ana_applied(&env);
    let (code, _, err) =
        env.run(&["outcome", "1", "--interviewer", "Kim", "--recommend", "yes", "--score", "1=yes"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = env.run(&["level", "1", "STAFF"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("app 1: Ana Ruiz: level Senior IT Program Manager → Staff IT Program Manager"),
        "{out}"
    );
    let (code, out, _) = env.run(&["history", "1"]);
    assert_eq!(code, 0);
    assert!(out.contains("level_changed"), "{out}");
    let (code, out, _) = env.run(&["interview", "list", "1"]);
    assert_eq!(code, 0);
    assert!(
        out.contains("rated against the requirements of Senior IT Program Manager"),
        "the scorecard keeps its level: {out}"
    );
    let (code, _, err) = env.run(&["level", "1", "senoir it program manager"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("Senior IT Program Manager"), "did you mean: {err}");
    let (code, _, err) = env.run(&["level", "1", "program"]);
    assert_ne!(code, 0, "an ambiguous fragment is refused: {err}");
    let (code, _, err) = env.run(&["level", "99", "senior"]);
    assert_eq!(code, 3, "{err}");
    let (code, _, err) = env.run(&["doctor"]);
    assert_eq!(code, 0, "the log explains the row: {err}");
}

fn demo_refuses_a_database_that_holds_people_unless_forced(target: &Target) {
    let env = Env(target);
    ana_applied(&env);
    let (code, out, err) = env.run(&["demo", "--candidates", "20"]);
    assert_eq!(code, 4, "{out}{err}");
    assert!(err.contains("already holds 1 candidate;"), "{err}");
    assert!(err.contains("--force"), "{err}");
    let (code, out, _) = env.run(&["candidate", "list"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().filter(|l| !l.trim().is_empty()).count(), 1, "no one was added: {out}");
    let (code, out, err) = env.run(&["demo", "--candidates", "20", "--force"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("added 20 candidates"), "{out}");

    let second = Target::new(target.backend()).expect("a second database");
    let fresh = Env(&second);
    let (code, out, err) = fresh.run(&["demo", "--candidates", "20"]);
    assert_eq!(code, 0, "an empty database is filled: {err}");
    assert!(out.contains("added 20 candidates"), "{out}");
}

both_backends!(
    a_second_application_to_the_same_role_is_a_conflict_offering_the_level_command,
    level_matches_a_fragment_records_an_event_and_suggests_on_a_miss,
    demo_refuses_a_database_that_holds_people_unless_forced,
);
