//! Shell integration: completion scripts, the manual page, examples in `--help`.

use assert_cmd::Command;

fn rolecall(args: &[&str]) -> (Option<i32>, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = Command::cargo_bin("rolecall")
        .expect("binary")
        .args(args)
        .env("HOME", dir.path())
        .env("XDG_DATA_HOME", dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path())
        .env("ROLECALL_DB", dir.path().join("never-created.db"))
        .output()
        .expect("runs");
    (out.status.code(), String::from_utf8(out.stdout).expect("utf-8"))
}

#[test]
fn bash_completions_parse_and_name_every_command() {
    let (code, script) = rolecall(&["completions", "bash"]);
    assert_eq!(code, Some(0));
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("rolecall.bash");
    std::fs::write(&path, &script).expect("write");
    let check = std::process::Command::new("bash").arg("-n").arg(&path).output().expect("bash");
    assert!(check.status.success(), "bash -n: {}", String::from_utf8_lossy(&check.stderr));
    for name in ["import", "candidate", "apply", "move", "reject", "export", "doctor", "completions", "man"] {
        assert!(script.contains(name), "{name} missing");
    }
    assert!(script.contains("complete -F"), "registers a completion function");
    // The script completes the shells and the export formats too.
    assert!(script.contains("powershell") && script.contains("html"));
}

#[test]
fn every_shell_gets_a_script() {
    for shell in ["zsh", "fish", "powershell", "elvish"] {
        let (code, script) = rolecall(&["completions", shell]);
        assert_eq!(code, Some(0), "{shell}");
        assert!(script.contains("rolecall") && script.contains("candidate"), "{shell}");
    }
    let (code, _) = rolecall(&["completions", "tcsh"]);
    assert_eq!(code, Some(2));
}

#[test]
fn man_is_a_roff_page_with_every_command_and_examples() {
    let (code, page) = rolecall(&["man"]);
    assert_eq!(code, Some(0));
    assert!(
        page.starts_with(".ie \\n(.g .ds Aq") || page.starts_with(".TH"),
        "{}",
        &page[..80.min(page.len())]
    );
    assert!(page.contains(".TH rolecall 1"), "a man(7) title header");
    assert!(page.contains(".SH NAME") && page.contains(".SH SYNOPSIS"));
    assert!(page.contains("Examples:") && page.contains("Exit codes:"));
}

#[test]
fn help_of_a_command_ends_with_examples() {
    for args in [&["--help"][..], &["export", "--help"], &["candidate", "add", "--help"], &["man", "--help"]]
    {
        let (code, help) = rolecall(args);
        assert_eq!(code, Some(0), "{args:?}");
        let tail = &help[help.rfind("Examples:").unwrap_or_else(|| panic!("{args:?}: {help}"))..];
        assert!(tail.lines().nth(1).is_some_and(|l| l.starts_with("  rolecall")), "{args:?}: {tail}");
    }
}
