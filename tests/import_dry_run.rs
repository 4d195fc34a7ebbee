//! `rolecall import --dry-run PAGE…`: shows what would be imported and writes nothing.

use assert_cmd::Command;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

fn cmd(db: &Path, home: &Path) -> Command {
    let mut c = Command::cargo_bin("rolecall").expect("binary");
    c.env("ROLECALL_DB", db)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("ROLECALL_NOW", "2026-03-02T10:00:00Z")
        .env("ROLECALL_ACTOR", "tester");
    c
}

fn hash(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// The files of a directory and their hashes (the database and whatever SQLite keeps
/// beside it).
fn snapshot(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| (e.file_name().to_string_lossy().to_string(), hash(&e.path())))
        .collect();
    out.sort();
    out
}

#[test]
fn dry_run_on_the_whole_corpus_writes_nothing_and_prints_every_page() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("db").join("rolecall.db");
    let home = tmp.path().join("home");
    // A real database with the bundled roles, so "writes nothing" is measured on a file.
    cmd(&db, &home).arg("roles").assert().success();
    let before = snapshot(db.parent().expect("db dir"));
    let pages = root().join("../shared/corpus/pages");
    let more = root().join("../shared/corpus/more");
    let out = cmd(&db, &home).args(["import", "--dry-run"]).arg(&pages).arg(&more).output().expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(snapshot(db.parent().expect("db dir")), before, "the database directory is unchanged");
    let total =
        std::fs::read_dir(&pages).expect("pages").count() + std::fs::read_dir(&more).expect("more").count();
    let shown = text.lines().filter(|l| !l.starts_with([' ', 'w']) && l.contains(".md: ")).count();
    let refused = text.lines().filter(|l| l.starts_with("would refuse ")).count();
    assert_eq!(shown + refused, total, "every page has a result");
    assert!(refused > 0 && !out.status.success(), "pages import would refuse make the exit non-zero");
    assert!(
        text.contains(&format!("dry run: {shown} would be imported, {refused} refused; nothing was written"))
    );
    // Levels with grades and lines, stages with lines, ranges and alternatives.
    assert!(text.contains("Senior Manager, International Tax (Non US) (grade 9;"), "levels with grades");
    assert!(text.contains("alternatives: "), "alternatives");
    assert!(text.contains("interviews"), "interview ranges");
}

#[test]
fn dry_run_never_creates_a_database() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("none").join("rolecall.db");
    let home = tmp.path().join("home");
    let page = root().join("tests/pages/unseen/d4-support-management.md");
    let out = cmd(&db, &home).args(["import", "--dry-run"]).arg(&page).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).to_string();
    assert!(!db.exists() && !db.parent().expect("dir").exists(), "no database file or folder");
    assert!(
        text.contains(
            "stages \"Support Manager\" (line 50) — the role's pipeline (1 of 2 tracks), for Support \
             Engineering Manager, Senior Support Engineering Manager:"
        ),
        "{text}"
    );
    assert!(
        text.contains("stages \"Director of Support\" (line 57) — pipeline 2 of 2, for Director of Support:"),
        "{text}"
    );
    assert!(text.contains("line 63       CEO (1 interview; with Chief Executive Officer)"), "{text}");
    assert!(text.contains("note, line 48: Candidates for these roles"), "{text}");
    assert!(!text.contains("d4-support-management.md:57: "), "every level's track is named: {text}");
}

#[test]
fn dry_run_json_has_levels_tracks_and_lines() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = tmp.path().join("rolecall.db");
    let home = tmp.path().join("home");
    let page = root().join("tests/pages/unseen/d1-site-reliability.md");
    let out = cmd(&db, &home).args(["import", "--dry-run", "--json"]).arg(&page).output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    let page = &v["pages"][0];
    assert_eq!(page["title"], "Site Reliability Engineering");
    assert_eq!(page["levels"][0]["grade"], 6);
    assert_eq!(page["levels"][0]["line"], 9);
    let tracks = page["tracks"].as_array().expect("tracks");
    assert_eq!(tracks.len(), 2);
    assert_eq!(tracks[1]["name"], "Managers");
    let stages = tracks[1]["stages"].as_array().expect("stages");
    assert_eq!(stages.len(), 5);
    assert_eq!(stages[0]["line"], 72);
    assert_eq!(stages[0]["stage"]["label"], "Screening");
    assert_eq!(v["refused"].as_array().map(Vec::len), Some(0));
    assert!(!db.exists());
}
