//! The command line as a script would use it: real binary, temporary databases, each
//! case on SQLite and on PostgreSQL (see `common::backends`).

#[macro_use]
mod common;

use assert_cmd::Command;
use common::backends::Target;
use predicates::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn roles_lists_bundled_families_with_grades_and_stages(env: &Target) {
    let out = env.cmd().arg("roles").assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("IT Program Management Office"), "{text}");
    assert!(text.contains("Director, IT Operations"), "{text}");
    assert!(
        text.contains("Screening → VP IT panel → Stakeholder (1–2 interviews) → Leader → CFO (VP Finance or CFO) → Offer"),
        "{text}"
    );
    let roles = env.json(&["roles"]);
    let pmo = &roles[0];
    let grades: Vec<i64> =
        pmo["levels"].as_array().unwrap().iter().map(|l| l["grade"].as_i64().unwrap()).collect();
    assert_eq!(grades, [5, 6, 7, 8, 9, 8, 9, 10, 11]);
}

#[test]
fn database_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Target::sqlite();
    env.cmd().arg("roles").assert().success();
    let file_mode = std::fs::metadata(env.file().unwrap()).unwrap().permissions().mode() & 0o777;
    let dir_mode =
        std::fs::metadata(env.file().unwrap().parent().unwrap()).unwrap().permissions().mode() & 0o777;
    assert_eq!(file_mode, 0o600);
    assert_eq!(dir_mode, 0o700);
}

fn scripted_hire_and_rejection(env: &Target) {
    let added = env.json(&["candidate", "add", "Ana Ruiz", "--email", "ana@example.com"]);
    assert_eq!(added["name"], "Ana Ruiz");
    let applied = env.json(&[
        "apply",
        "ana@example.com",
        "--role",
        "it-program-management-office",
        "--level",
        "Senior IT Program Manager",
    ]);
    let app = applied["application"]["id"].as_i64().unwrap().to_string();
    assert_eq!(applied["application"]["stage_label"], "Screening");
    for expected in ["VP IT panel", "Stakeholder", "Leader", "CFO", "Offer"] {
        let moved = env.json(&["move", &app, "--next"]);
        assert_eq!(moved["application"]["stage_label"], expected);
    }
    env.cmd().args(["hire", &app]).assert().success().stdout(predicate::str::contains("hired"));
    let history = env.json(&["history", &app]);
    let kinds: Vec<&str> = history.as_array().unwrap().iter().map(|e| e["kind"].as_str().unwrap()).collect();
    assert_eq!(kinds, ["applied", "moved", "moved", "moved", "moved", "moved", "hired"]);
    assert!(
        history
            .as_array()
            .unwrap()
            .iter()
            .all(|e| e["at"].as_str().is_some_and(|t| t.starts_with("2026-03-02T10:00:00")))
    );

    env.json(&["candidate", "add", "Bo Lee"]);
    let b = env.json(&["apply", "Bo Lee", "--role", "director-it-operations", "--level", "sr. director"]);
    let bapp = b["application"]["id"].as_i64().unwrap().to_string();
    env.cmd().args(["reject", &bapp, "--reason", "compensation", "--note", "asks 2x"]).assert().success();
    let out = env.cmd().args(["move", &bapp, "--next"]).assert().code(4);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert_eq!(err.lines().count(), 1, "one clear line: {err}");
    assert!(err.contains("rejected"), "{err}");
}

fn bad_input_gives_one_line_and_documented_codes(env: &Target) {
    env.json(&["candidate", "add", "Cy Doe"]);
    let a = env.json(&["apply", "Cy Doe", "--role", "it-program", "--level", "associate"]);
    let app = a["application"]["id"].as_i64().unwrap().to_string();
    // Unknown stage: not found, with a suggestion.
    env.cmd()
        .args(["move", &app, "--to", "stakholder"])
        .assert()
        .code(3)
        .stderr(predicate::str::contains("did you mean 'Stakeholder'"));
    // Unknown role, unknown reason, unknown application.
    env.cmd().args(["roles", "nope-role"]).assert().code(3);
    env.cmd().args(["reject", &app, "--reason", "vibes"]).assert().code(2);
    env.cmd().args(["history", "9999"]).assert().code(3);
    // Bad email.
    env.cmd().args(["candidate", "add", "Di", "--email", "not-an-email"]).assert().code(2);
    // Clap usage error.
    env.cmd().args(["move"]).assert().code(2);
    // Nothing changed by the failures.
    let history = env.json(&["history", &app]);
    assert_eq!(history.as_array().unwrap().len(), 1);
}

fn import_refuses_binary_and_malformed_pages_clearly(env: &Target) {
    let pages = env.dir().join("pages");
    std::fs::create_dir(&pages).unwrap();
    std::fs::write(pages.join("logo.png"), [0x89, b'P', b'N', b'G', 0, 1, 2, 3]).unwrap();
    std::fs::write(pages.join("empty.md"), "   \n").unwrap();
    std::fs::write(
        pages.join("nohiring.md"),
        "---\ntitle: Lonely Role\n---\n\n## Responsibilities\n\n- things\n",
    )
    .unwrap();
    let before = env.json(&["roles"]).as_array().unwrap().len();
    // In a directory only markdown files are pages; a file named on the command line is
    // always tried, and refused clearly when it is not text.
    let out = env.cmd().arg("import").arg(&pages).arg(pages.join("logo.png")).assert().code(2);
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("logo.png: the page contains NUL bytes"), "{text}");
    assert!(text.contains("empty.md: the page is empty"), "{text}");
    assert!(text.contains("nohiring.md: no hiring process found"), "{text}");
    assert_eq!(env.json(&["roles"]).as_array().unwrap().len(), before, "database unchanged");
    // With --default-process the page without a hiring process imports with the
    // standard stages, and says so.
    let out =
        env.cmd().arg("import").arg("--default-process").arg(pages.join("nohiring.md")).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("no hiring process on the page; using the standard stages"), "{text}");
    assert_eq!(env.json(&["roles"]).as_array().unwrap().len(), before + 1);
}

#[test]
fn unwritable_db_path_and_newer_schema_are_refused() {
    let env = Target::sqlite();
    let out = Command::cargo_bin("rolecall")
        .unwrap()
        .args(["--db", "/proc/rolecall-nope/x.db", "roles"])
        .assert()
        .code(5);
    let err = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(err.contains("/proc/rolecall-nope"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    env.cmd().arg("roles").assert().success();
    let conn_path = env.file().unwrap();
    bump_user_version(&conn_path, 99);
    let before = std::fs::read(&conn_path).unwrap();
    env.cmd().arg("roles").assert().code(5).stderr(predicate::str::contains("schema version 99"));
    assert_eq!(std::fs::read(&conn_path).unwrap(), before, "newer database left as it was");
}

fn bump_user_version(path: &Path, v: i64) {
    // Use the sqlite3 format directly: user_version is a big-endian u32 at byte offset 60.
    let mut bytes = std::fs::read(path).unwrap();
    bytes[60..64].copy_from_slice(&(v as u32).to_be_bytes());
    std::fs::write(path, bytes).unwrap();
}

fn corpus_imports_and_reimport_changes_nothing(env: &Target) {
    let pages = shared().join("corpus/pages");
    let more = shared().join("corpus/more");
    let first = env.cmd().arg("import").arg(&pages).arg(&more).arg("--json").output().unwrap();
    let summary: Value = serde_json::from_slice(&first.stdout).expect("json summary");
    let imported = summary["imported"].as_array().unwrap().len();
    let failed = summary["failed"].as_array().unwrap();
    // Every page imports, or is refused only for having no hiring process.
    assert_eq!(imported + failed.len(), 302, "every corpus page is accounted for");
    assert!(imported > 250, "imported {imported}");
    for f in failed {
        assert!(f.as_str().unwrap().contains("no hiring process"), "unexpected refusal: {f}");
    }
    let again = env.cmd().arg("import").arg(&pages).arg(&more).arg("--json").output().unwrap();
    let summary: Value = serde_json::from_slice(&again.stdout).expect("json summary");
    assert_eq!(summary["imported"].as_array().unwrap().len(), imported);
    assert!(
        summary["imported"].as_array().unwrap().iter().all(|r| r["outcome"] == "unchanged"),
        "second import changed something"
    );
    // With --default-process the refused ones get the standard stages: all 302 import,
    // and once more changes nothing.
    let with_default = || {
        let out =
            env.cmd().args(["import", "--default-process"]).arg(&pages).arg(&more).arg("--json").output();
        let v: Value = serde_json::from_slice(&out.unwrap().stdout).expect("json summary");
        assert!(v["failed"].as_array().unwrap().is_empty(), "{}", v["failed"]);
        assert_eq!(v["imported"].as_array().unwrap().len(), 302);
        v
    };
    let outcomes: Vec<Value> =
        with_default()["imported"].as_array().unwrap().iter().map(|r| r["outcome"].clone()).collect();
    let count = |o: &str| outcomes.iter().filter(|v| *v == o).count();
    assert_eq!(count("created"), 302 - imported, "only the pages refused before are new");
    assert_eq!(count("unchanged"), imported, "the flag changes nothing for pages with their own process");
    assert!(with_default()["imported"].as_array().unwrap().iter().all(|r| r["outcome"] == "unchanged"));
}

/// Ana Ruiz at VP IT panel for Senior IT Program Manager, with one scorecard.
fn scored_at_vp_panel(env: &Target) {
    let ok = |args: &[&str]| env.cmd().args(args).assert().success();
    ok(&["candidate", "add", "Ana Ruiz"]);
    ok(&["apply", "1", "--role", "it-program-management-office", "--level", "Senior IT Program Manager"]);
    ok(&["move", "1", "--next"]);
    ok(&["outcome", "1", "--interviewer", "Dana", "--recommend", "yes", "--score", "1=yes"]);
}

fn import_into_updates_a_bundled_role_and_old_scorecards_keep_their_wording(env: &Target) {
    scored_at_vp_panel(env);

    let page = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/roles/it-program-management-office.md"),
    )
    .unwrap();
    let old = "Models skills and behavior aligned with GitLab Values.";
    assert!(page.contains(old));
    let changed = env.dir().join("it-pmo.md");
    std::fs::write(&changed, page.replace(old, "Lives the GitLab Values every day.")).unwrap();

    // A plain import of a copy of a bundled page updates that role instead of making a
    // second one of the same title, and says so.
    let out = env.cmd().arg("import").arg(&changed).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(text.contains("updated it-program-management-office"), "{text}");
    assert!(text.contains("updates the bundled role 'it-program-management-office'"), "{text}");
    assert_eq!(env.json(&["roles"]).as_array().unwrap().len(), 2, "no new role");
    let show = env.json(&["candidate", "show", "1"]);
    assert_eq!(show["applications"][0]["interviews"][0]["scores"][0]["requirement"], old);
    // --into only takes one file, and not one that already belongs to another role.
    env.cmd().args(["import", "--into", "director-it-operations"]).arg(&changed).assert().code(4);
    env.cmd()
        .args(["import", "--into", "it-program-management-office"])
        .arg(&changed)
        .arg(&changed)
        .assert()
        .code(2);

    let fresh = Target::new(env.backend()).expect("a second database");
    scored_at_vp_panel(&fresh);
    let out = fresh
        .cmd()
        .args(["import", "--into", "it-program-management-office"])
        .arg(&changed)
        .assert()
        .success();
    assert!(
        String::from_utf8_lossy(&out.get_output().stdout).contains("updated it-program-management-office")
    );
    assert_eq!(fresh.json(&["roles"]).as_array().unwrap().len(), 2, "no new role");
    let show = fresh.json(&["candidate", "show", "1"]);
    assert_eq!(show["applications"][0]["interviews"][0]["scores"][0]["requirement"], old);
    let reqs = fresh.cmd().args(["interview", "requirements", "1"]).output().unwrap();
    assert!(String::from_utf8_lossy(&reqs.stdout).contains("Lives the GitLab Values every day."));
    // From now on that file updates the role: importing it again changes nothing.
    let again = fresh.cmd().arg("import").arg(&changed).output().unwrap();
    assert!(String::from_utf8_lossy(&again.stdout).contains("1 unchanged"));
}

both_backends!(
    roles_lists_bundled_families_with_grades_and_stages,
    scripted_hire_and_rejection,
    bad_input_gives_one_line_and_documented_codes,
    import_refuses_binary_and_malformed_pages_clearly,
    corpus_imports_and_reimport_changes_nothing,
);

both_backends!(import_into_updates_a_bundled_role_and_old_scorecards_keep_their_wording,);
