//! The pipeline editor from the command line (real binary, temporary database): `stage`
//! and `level-def` edits with history, undo and redo and their exit codes; `import`
//! printing the handbook diff and conflicts; `changes --ack`.

use assert_cmd::Command;
use std::path::{Path, PathBuf};

struct Env {
    dir: tempfile::TempDir,
}

const ROLE: &str = "it-program-management-office";

impl Env {
    fn new() -> Self {
        Env { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("rolecall").expect("binary");
        c.env("ROLECALL_DB", self.dir.path().join("rolecall.db"))
            .env("ROLECALL_NOW", "2026-03-02T10:00:00Z")
            .env("ROLECALL_ACTOR", "tester")
            .env("HOME", self.dir.path())
            .env("XDG_DATA_HOME", self.dir.path())
            .env("XDG_CONFIG_HOME", self.dir.path());
        c
    }

    /// Run; the exit code and standard output + error.
    fn run(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd().args(args).output().expect("run");
        let text =
            format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        (out.status.code().unwrap_or(-1), text)
    }

    fn ok(&self, args: &[&str]) -> String {
        let (code, text) = self.run(args);
        assert_eq!(code, 0, "{args:?}: {text}");
        text
    }

    fn stages_line(&self) -> String {
        let text = self.ok(&["roles", ROLE]);
        text.lines().find(|l| l.trim_start().starts_with("Stages:")).unwrap_or_default().trim().to_string()
    }
}

/// The bundled IT PMO page (the role every new database starts with).
fn pmo_page() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/roles/it-program-management-office.md")
}

#[test]
fn stage_edits_print_log_undo_and_redo() {
    let env = Env::new();
    let out = env.ok(&["stage", ROLE, "rename", "screening", "Phone screen"]);
    assert_eq!(out.trim(), "edit 1: renamed stage 'Screening' to 'Phone screen'");
    assert!(env.stages_line().starts_with("Stages: Phone screen → VP IT panel"), "{}", env.stages_line());
    env.ok(&["stage", ROLE, "undo"]);
    assert!(env.stages_line().starts_with("Stages: Screening → VP IT panel"));
    env.ok(&["stage", ROLE, "redo"]);
    assert!(env.stages_line().starts_with("Stages: Phone screen → VP IT panel"));
    env.ok(&["stage", ROLE, "range", "leader", "2-3"]);
    env.ok(&["level-def", ROLE, "grade", "staff", "none"]);
    let history = env.ok(&["stage", ROLE, "history"]);
    assert_eq!(history.lines().count(), 5, "{history}");
    assert!(
        history.contains("set the grade of level 'Staff IT Program Manager' to none (was 8)"),
        "{history}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&env.ok(&["stage", ROLE, "history", "--json"])).expect("json");
    assert_eq!(json[0]["kind"], "stage_rename");
    // Bad input: one line, the documented codes.
    assert_eq!(env.run(&["stage", ROLE, "range", "leader", "3-1"]).0, 2);
    assert_eq!(env.run(&["stage", ROLE, "rename", "nope", "X"]).0, 3);
    assert_eq!(env.run(&["stage", ROLE, "remove", "offer"]).0, 4);
    assert_eq!(env.run(&["level-def", ROLE, "grade", "staff", "high"]).0, 2);
}

#[test]
fn removing_a_busy_stage_says_how_many_are_there() {
    let env = Env::new();
    env.ok(&["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    env.ok(&["apply", "ana@example.com", "--role", ROLE, "--level", "Senior IT Program Manager"]);
    let (code, text) = env.run(&["stage", ROLE, "remove", "screening"]);
    assert_eq!(code, 4, "{text}");
    assert_eq!(
        text.trim(),
        "rolecall: stage 'Screening' cannot be removed: 1 open application sits there; move or close them first"
    );
}

#[test]
fn reimport_keeps_edits_prints_the_diff_and_the_notice_waits_for_an_ack() {
    let env = Env::new();
    let page = env.dir.path().join("pmo.md");
    let original = std::fs::read_to_string(pmo_page()).unwrap();
    std::fs::write(&page, &original).unwrap();
    env.ok(&["import", "--into", ROLE, page.to_str().unwrap()]);
    env.ok(&["stage", ROLE, "rename", "screening", "Phone screen"]);
    let edited = env.stages_line();
    // The unchanged page: nothing changes, the rename stays.
    let out = env.ok(&["import", page.to_str().unwrap()]);
    assert!(out.contains("1 unchanged"), "{out}");
    assert_eq!(env.stages_line(), edited);
    // One requirement reworded: the diff is printed and a notice waits.
    let line =
        original.lines().find(|l| l.starts_with("- ") && l.len() > 40).expect("a list item").to_string();
    let reworded = format!("{line} (reworded)");
    std::fs::write(&page, original.replacen(&line, &reworded, 1)).unwrap();
    let out = env.ok(&["import", page.to_str().unwrap()]);
    assert!(out.contains(&format!("handbook changes in {ROLE}")), "{out}");
    assert!(
        out.contains(&format!("- {}", &line[2..])) && out.contains(&format!("+ {}", &reworded[2..])),
        "{out}"
    );
    assert_eq!(env.stages_line(), edited, "the rename stays");
    let pending = env.ok(&["changes"]);
    assert!(pending.contains("(reworded)"), "{pending}");
    assert!(env.ok(&["changes", ROLE, "--ack"]).contains("acknowledged 1"));
    assert_eq!(env.ok(&["changes"]).trim(), "no handbook changes to acknowledge");
}
