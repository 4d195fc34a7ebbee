//! Every command that takes a person's name or email finds it without its accents.

#[macro_use]
mod common;

use common::backends::Target;

fn stdout(dir: &Target, args: &[&str]) -> String {
    let out = dir.run(args);
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn names_and_emails_match_without_accents(dir: &Target) {
    stdout(dir, &["candidate", "add", "Marko Jovanović", "--email", "marko@ćevapi.example"]);
    stdout(dir, &["candidate", "add", "Zoë Anand"]);
    let shown = stdout(dir, &["candidate", "show", "marko jovanovic"]);
    assert!(shown.contains("Jovanović"), "{shown}");
    let shown = stdout(dir, &["candidate", "show", "MARKO@cevapi.example"]);
    assert!(shown.contains("Jovanović"), "{shown}");
    let listed = stdout(dir, &["candidate", "list", "--filter", "jovanovic"]);
    assert!(listed.contains("Jovanović") && !listed.contains("Zoë"), "{listed}");
    let listed = stdout(dir, &["candidate", "list", "--filter", "zoe"]);
    assert!(listed.contains("Zoë Anand"), "{listed}");
    let applied = stdout(
        dir,
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
    dir.cmd().args(["candidate", "show", "nobody"]).assert().code(3);
}

both_backends!(names_and_emails_match_without_accents,);
