//! The HTML export stays small however many people applied: each stage lists its
//! longest-waiting open applications (closed ones too when asked for) up to a limit and
//! counts the rest in one line, and the counts still cover everyone.

use assert_cmd::Command;

const LISTED_PER_STAGE: usize = 100;

fn rolecall(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("rolecall")
        .expect("binary")
        .env("ROLECALL_DB", db)
        .env("ROLECALL_NOW", "2026-11-01T12:00:00Z")
        .args(args)
        .output()
        .expect("run");
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

/// Rows listing an application (a status badge), and the "… and N more" lines.
fn listed_and_more(page: &str, which: &str) -> (usize, usize) {
    let listed = page.lines().filter(|l| l.starts_with("<tr><td>") && l.contains("class=\"st st-")).count();
    let more = page
        .lines()
        .filter_map(|l| l.split("… and ").nth(1))
        .filter_map(|rest| rest.split_once(&format!(" more {which} at ")))
        .map(|(n, _)| n.parse::<usize>().expect("a count"))
        .sum();
    (listed, more)
}

#[test]
fn each_stage_lists_a_bounded_number_and_counts_the_rest() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("big.db");
    rolecall(&db, &["demo", "--candidates", "12000"]);
    let csv = rolecall(&db, &["export", "--format", "csv"]);
    let open =
        csv.lines().skip(1).filter(|l| [",active,", ",on hold,"].iter().any(|s| l.contains(s))).count();
    let all = csv.lines().count() - 1;

    let page = rolecall(&db, &["export", "--format", "html"]);
    let (listed, more) = listed_and_more(&page, "open");
    assert!(more > 0, "some stage holds more than {LISTED_PER_STAGE} open applications");
    assert_eq!(listed + more, open, "every open application is listed or counted");
    assert!(!page.contains(" more closed at "));

    let page_all = rolecall(&db, &["export", "--format", "html", "--closed"]);
    let (listed_all, more_open) = listed_and_more(&page_all, "open");
    let (_, more_closed) = listed_and_more(&page_all, "closed");
    assert_eq!(more_open, more, "open ones are listed the same way");
    assert_eq!(listed_all + more_open + more_closed, all, "every application is listed or counted");
    // Ten stages at most per role here, two roles, open and closed: a bounded page.
    assert!(listed_all <= 2 * 10 * 2 * LISTED_PER_STAGE, "{listed_all} rows");
    assert!(page_all.len() < 1_000_000, "{} bytes", page_all.len());
}
