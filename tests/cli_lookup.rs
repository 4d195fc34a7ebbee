//! Every command that takes a person's name or email finds it without its accents.

use assert_cmd::Command;

fn cmd(dir: &tempfile::TempDir) -> Command {
    let mut c = Command::cargo_bin("rolecall").expect("binary");
    c.env("ROLECALL_DB", dir.path().join("rolecall.db"))
        .env("ROLECALL_NOW", "2026-03-02T10:00:00Z")
        .env("ROLECALL_ACTOR", "tester")
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path());
    c
}

fn stdout(dir: &tempfile::TempDir, args: &[&str]) -> String {
    let out = cmd(dir).args(args).output().expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn names_and_emails_match_without_accents() {
    let dir = tempfile::tempdir().unwrap();
    stdout(&dir, &["candidate", "add", "Marko Jovanović", "--email", "marko@ćevapi.example"]);
    stdout(&dir, &["candidate", "add", "Zoë Anand"]);
    let shown = stdout(&dir, &["candidate", "show", "marko jovanovic"]);
    assert!(shown.contains("Jovanović"), "{shown}");
    let shown = stdout(&dir, &["candidate", "show", "MARKO@cevapi.example"]);
    assert!(shown.contains("Jovanović"), "{shown}");
    let listed = stdout(&dir, &["candidate", "list", "--filter", "jovanovic"]);
    assert!(listed.contains("Jovanović") && !listed.contains("Zoë"), "{listed}");
    let listed = stdout(&dir, &["candidate", "list", "--filter", "zoe"]);
    assert!(listed.contains("Zoë Anand"), "{listed}");
    let applied = stdout(
        &dir,
        &[
            "apply",
            "zoe anand",
            "--role",
            "it-program-management-office",
            "--level",
            "Senior IT Program Manager",
        ],
    );
    assert!(applied.contains("app"), "{applied}");
    // An unknown name is still not found (exit 3).
    cmd(&dir).args(["candidate", "show", "nobody"]).assert().code(3);
}
