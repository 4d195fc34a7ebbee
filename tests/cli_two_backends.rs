//! The foundation issue's CLI pipeline script on SQLite and on PostgreSQL (issue 15's
//! acceptance): add, apply, five moves, hire, history, reject, and a conflict on moving
//! a rejected candidate give the same output and exit codes on both backends.

mod common;

use common::backends::Target;

/// One step of the script and what it gave.
#[derive(Debug, PartialEq)]
struct Step {
    args: Vec<String>,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

fn run(target: &Target, args: &[String]) -> Step {
    let out = target.cmd().args(args).output().expect("run rolecall");
    Step {
        args: args.to_vec(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn strings(args: &[&str]) -> Vec<String> {
    args.iter().map(|a| a.to_string()).collect()
}

/// The id of the application an `apply … --json` step printed.
fn application_id(step: &Step) -> String {
    let v: serde_json::Value = serde_json::from_str(&step.stdout)
        .unwrap_or_else(|e| panic!("{:?}: not JSON ({e}): {}{}", step.args, step.stdout, step.stderr));
    v["application"]["id"].as_i64().expect("an application id").to_string()
}

/// The script, in text and in `--json`, step by step.
fn script(target: &Target) -> Vec<Step> {
    let mut steps = Vec::new();
    let mut go = |args: Vec<String>| {
        let step = run(target, &args);
        steps.push(step);
        steps.last().unwrap().stdout.clone()
    };
    go(strings(&["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]));
    let applied = go(strings(&[
        "apply",
        "ana@example.com",
        "--role",
        "it-program-management-office",
        "--level",
        "Senior IT Program Manager",
        "--json",
    ]));
    let ana = application_id(&Step { args: vec![], code: None, stdout: applied, stderr: String::new() });
    for json in [false, true, false, true, false] {
        let mut args = strings(&["move", &ana, "--next"]);
        if json {
            args.push("--json".into());
        }
        go(args);
    }
    go(strings(&["hire", &ana]));
    go(strings(&["history", &ana]));
    go(strings(&["history", &ana, "--json"]));
    go(strings(&["candidate", "add", "Bo Lee", "--json"]));
    let applied = go(strings(&[
        "apply",
        "Bo Lee",
        "--role",
        "director-it-operations",
        "--level",
        "sr. director",
        "--json",
    ]));
    let bo = application_id(&Step { args: vec![], code: None, stdout: applied, stderr: String::new() });
    go(strings(&["reject", &bo, "--reason", "compensation", "--note", "asks 2x"]));
    go(strings(&["move", &bo, "--next"]));
    go(strings(&["move", &bo, "--next", "--json"]));
    go(strings(&["history", &bo, "--json"]));
    go(strings(&["candidate", "show", "ana@example.com", "--json"]));
    go(strings(&["candidate", "list", "--json"]));
    go(strings(&["board", "--print", "--closed", "--role", "it-program-management-office"]));
    go(strings(&["export", "--format", "csv"]));
    steps
}

/// What is expected of the script on any backend (so that two equally wrong runs do
/// not pass by agreeing).
fn check_script(steps: &[Step]) {
    let codes: Vec<Option<i32>> = steps.iter().map(|s| s.code).collect();
    let mut expected = vec![Some(0); steps.len()];
    expected[13] = Some(4);
    expected[14] = Some(4);
    assert_eq!(codes, expected, "{steps:#?}");
    assert!(steps[7].stdout.contains("hired"), "{:?}", steps[7]);
    let history: serde_json::Value = serde_json::from_str(&steps[9].stdout).expect("history json");
    let kinds: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["applied", "moved", "moved", "moved", "moved", "moved", "hired"]);
    for conflict in &steps[13..15] {
        assert_eq!(conflict.stderr.lines().count(), 1, "one clear line: {conflict:?}");
        assert!(conflict.stderr.contains("rejected"), "{conflict:?}");
        assert!(conflict.stdout.is_empty(), "{conflict:?}");
    }
}

/// `step` with its actor's name replaced by `<actor>` and runs of spaces collapsed (the
/// history pads the actor column to the longest name).
fn neutral(step: &Step, actor: &str) -> Step {
    let text = |t: &str| -> String {
        t.lines()
            .map(|l| l.split_whitespace().map(|w| w.replace(actor, "<actor>")).collect::<Vec<_>>().join(" "))
            .collect::<Vec<_>>()
            .join("\n")
    };
    Step { args: step.args.clone(), code: step.code, stdout: text(&step.stdout), stderr: text(&step.stderr) }
}

#[test]
fn the_pipeline_script_runs_on_sqlite() {
    let target = Target::sqlite();
    let steps = script(&target);
    target.assert_written();
    check_script(&steps);
}

#[test]
fn the_pipeline_script_gives_the_same_output_and_codes_on_both_backends() {
    let target = Target::sqlite();
    let sqlite = script(&target);
    let Some(pg) = Target::postgres() else { return };
    let postgres = script(&pg);
    pg.assert_written();
    check_script(&postgres);
    // The one intended difference: on a server the actor is the database login (issue 15,
    // point 4), not ROLECALL_ACTOR.
    let history = |steps: &[Step]| steps.iter().find(|s| s.args[0] == "history").unwrap().stdout.clone();
    assert!(history(&sqlite).contains(" tester "), "{}", history(&sqlite));
    assert!(history(&postgres).contains(" postgres ") && !history(&postgres).contains("tester"));
    for (s, p) in sqlite.iter().zip(&postgres) {
        assert_eq!(
            neutral(s, "tester"),
            neutral(p, "postgres"),
            "step {:?} differs between SQLite (left) and PostgreSQL (right)",
            s.args
        );
    }
    assert_eq!(sqlite.len(), postgres.len());
}
