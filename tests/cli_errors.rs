//! How errors are reported: `--json` errors are JSON on stderr with the same exit
//! code as in text mode; dates after today and mistyped reasons are refused helpfully.

#[macro_use]
mod common;

use common::backends::Target;
use serde_json::Value;
use std::process::Output;

/// The binary on one test database, given with `--db`.
struct Env<'a>(&'a Target);

impl Env<'_> {
    fn run(&self, args: &[&str]) -> Output {
        let mut cmd = self.0.cmd();
        cmd.env_remove("ROLECALL_DB").arg("--db").arg(self.0.db()).args(args);
        cmd.output().expect("run rolecall")
    }

    fn ok(&self, args: &[&str]) {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    }

    /// A candidate with an application (app 1) at the first stage.
    fn with_application(self) -> Self {
        self.ok(&["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
        self.ok(&[
            "apply",
            "ana@example.com",
            "--role",
            "it-program-management-office",
            "--level",
            "Senior IT Program Manager",
        ]);
        self
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn json_errors_are_json_on_stderr_with_the_text_exit_code(target: &Target) {
    let env = Env(target).with_application();
    let cases: [(&[&str], &str, i32); 6] = [
        (&["roles", "no-such-role"], "not_found", 3),
        (&["history", "999"], "not_found", 3),
        (&["move", "1", "--to", "nowhere"], "not_found", 3),
        (&["candidate", "add", "Ana Ruiz"], "conflict", 4),
        (&["export", "-f", "xls"], "usage", 2),
        (&["roles", "a", "b"], "usage", 2),
    ];
    for (args, kind, code) in cases {
        let text = env.run(args);
        assert_eq!(text.status.code(), Some(code), "{args:?}: {}", stderr(&text));
        assert!(stderr(&text).starts_with("rolecall: "), "{args:?}: {}", stderr(&text));
        let json_args: Vec<&str> = args.iter().copied().chain(["--json"]).collect();
        let json = env.run(&json_args);
        assert_eq!(json.status.code(), Some(code), "{json_args:?}: {}", stderr(&json));
        assert!(json.stdout.is_empty(), "{json_args:?} printed on stdout");
        let doc: Value = serde_json::from_slice(&json.stderr)
            .unwrap_or_else(|e| panic!("{json_args:?}: not JSON ({e}): {}", stderr(&json)));
        assert_eq!(doc["error"]["kind"], kind, "{doc}");
        assert_eq!(doc["error"]["code"], code, "{doc}");
        let message = doc["error"]["message"].as_str().expect("a message");
        assert!(!message.is_empty() && !message.contains('\n'), "{doc}");
        assert_eq!(stderr(&json).lines().count(), 1, "one line: {}", stderr(&json));
    }
    // A usage error clap finds names the argument.
    let json = env.run(&["--json", "roles", "--frobnicate"]);
    assert_eq!(json.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&json.stderr).expect("json");
    assert!(doc["error"]["message"].as_str().is_some_and(|m| m.contains("--frobnicate")), "{doc}");
    let json = env.run(&["--json", "candidate"]);
    assert_eq!(json.status.code(), Some(2));
    let doc: Value = serde_json::from_slice(&json.stderr).expect("json for a missing subcommand");
    assert_eq!(doc["error"]["kind"], "usage", "{doc}");
    // Help still prints as help.
    let help = env.run(&["--json", "--help"]);
    assert_eq!(help.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&help.stdout).contains("Exit codes"));
}

fn an_outcome_dated_after_today_is_refused_like_as_of(target: &Target) {
    let env = Env(target).with_application();
    let out =
        env.run(&["outcome", "1", "--interviewer", "Iris", "--recommend", "yes", "--date", "2026-03-03"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("--date '2026-03-03' is in the future (today is 2026-03-02 UTC)"),
        "{}",
        stderr(&out)
    );
    let list = env.run(&["--json", "interview", "list", "1"]);
    let interviews: Value = serde_json::from_slice(&list.stdout).expect("json");
    assert_eq!(interviews.as_array().map(Vec::len), Some(0), "nothing was recorded");
    env.ok(&["outcome", "1", "--interviewer", "Iris", "--recommend", "yes", "--date", "2026-03-02"]);
    env.ok(&["outcome", "1", "--interviewer", "Iris", "--recommend", "no", "--date", "2026-02-27"]);
}

fn a_mistyped_reject_reason_gets_did_you_mean(target: &Target) {
    let env = Env(target).with_application();
    for (typed, meant) in
        [("compensaton", "compensation"), ("not_qualifed", "not-qualified"), ("unresponsve", "unresponsive")]
    {
        let out = env.run(&["reject", "1", "--reason", typed]);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        let want = format!("unknown reason '{typed}'; did you mean '{meant}'?");
        assert!(stderr(&out).contains(&want), "{typed}: {}", stderr(&out));
    }
    let out = env.run(&["reject", "1", "--reason", "zzz"]);
    assert!(!stderr(&out).contains("did you mean"), "{}", stderr(&out));
    assert!(stderr(&out).contains("use one of: not-qualified"), "{}", stderr(&out));
}

/// The rule lives in the store, so the TUI's outcome form is refused the same way.
fn the_store_refuses_an_interview_dated_after_today(target: &Target) {
    use chrono::{Duration, TimeZone, Utc};
    use rolecall::domain::{FixedClock, Rating};
    use rolecall::store::{NewCandidate, NewInterview, StoreError};
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 23, 30, 0).single().expect("time");
    let mut s = target.store().with_clock(Box::new(FixedClock(now)));
    rolecall::import::load::ensure_bundled(&mut s).expect("bundled roles");
    let fam = s.family_by_slug("it-program-management-office").expect("role").id;
    let level = s.level_by_name(fam, "Senior IT Program Manager").expect("level").id;
    let new = NewCandidate { name: "Ana Ruiz".into(), ..NewCandidate::default() };
    let ana = s.add_candidate(&new).expect("add");
    let app = s.apply(ana, level).expect("apply").application.id;
    let talk = |days: i64| NewInterview {
        stage: None,
        interviewer: "Iris".into(),
        held_on: (now + Duration::days(days)).date_naive(),
        recommendation: Rating::Yes,
        notes: String::new(),
        ratings: vec![],
    };
    let refused = s.record_interview(app, &talk(1), None);
    assert!(
        matches!(&refused, Err(StoreError::Invalid(m)) if m.contains("2026-03-03 is in the future")),
        "{refused:?}"
    );
    assert!(s.interviews(app).expect("list").is_empty());
    s.record_interview(app, &talk(0), None).expect("today is fine");
    s.record_interview(app, &talk(-3), None).expect("the past is fine");
}

both_backends!(the_store_refuses_an_interview_dated_after_today);

/// `outcome` without `--interviewer` before the login's scheduled interview has been held
/// says when it is, not that there is none.
fn an_outcome_before_ones_interview_says_when_it_is(target: &Target) {
    let env = Env(target).with_application();
    env.ok(&["note", "1", "who am I"]);
    let history: Value = serde_json::from_slice(&env.run(&["--json", "history", "1"]).stdout).expect("json");
    let me = history.as_array().and_then(|h| h.last()).and_then(|e| e["actor"].as_str()).expect("an actor");
    let out = env.run(&["outcome", "1", "--recommend", "yes"]);
    assert!(stderr(&out).contains("has no scheduled interview of app 1"), "{}", stderr(&out));
    env.ok(&["schedule", "1", "--at", "2026-03-05 14:00", "--tz", "UTC", "--interviewer", me]);
    let out = env.run(&["outcome", "1", "--recommend", "yes"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out)
            .contains(&format!("{me}'s interview of app 1 is on 2026-03-05 14:00 UTC, still to come")),
        "{}",
        stderr(&out)
    );
    // Naming the interview does not score it early either.
    let out = env.run(&["outcome", "1", "--recommend", "yes", "--schedule", "1"]);
    assert_ne!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("interview 1 is on 2026-03-05 14:00 UTC, still to come"),
        "{}",
        stderr(&out)
    );
}

both_backends!(
    an_outcome_before_ones_interview_says_when_it_is,
    json_errors_are_json_on_stderr_with_the_text_exit_code,
    an_outcome_dated_after_today_is_refused_like_as_of,
    a_mistyped_reject_reason_gets_did_you_mean,
);
