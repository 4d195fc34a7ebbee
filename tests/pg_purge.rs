//! Erasure on a server (issue 15 item 7): after a person is erased and `purge` runs, their
//! email is nowhere in the server's data directory (`grep -a`).
#![cfg(feature = "postgres")]

mod common;

use assert_cmd::Command;
use common::pg;
use rolecall::store::pg::{self as store_pg, Environment};
use std::path::Path;

const EMAIL: &str = "purge-me-7f3a9c@example.com";

/// Files under `dir` holding `needle` (as `grep -r -a -l` finds them).
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let out = std::process::Command::new("grep").args(["-r", "-a", "-l", needle]).arg(dir).output().unwrap();
    String::from_utf8_lossy(&out.stdout).lines().map(str::to_string).collect()
}

#[test]
fn after_erase_and_purge_the_email_is_not_in_the_data_directory() {
    let Some(server) = pg::database() else { return };
    let dir = tempfile::tempdir().unwrap();
    let laptop = dir.path().join("laptop.db");
    let out = Command::cargo_bin("rolecall")
        .unwrap()
        .env("ROLECALL_DB", &laptop)
        .args(["demo", "--candidates", "300"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut client = store_pg::connect_with(&server.url, &Environment::default()).unwrap();
    store_pg::restore_from_file(&mut client, &laptop, false, dir.path()).unwrap();
    client
        .batch_execute(&format!(
            "INSERT INTO candidates (id, name, name_key, email, notes, created_at, updated_at)
         VALUES (100000, 'Pat Purge', 'pat purge', '{EMAIL}', 'reach at {EMAIL}', now(), now());
         ANALYZE candidates;
         CHECKPOINT;"
        ))
        .unwrap();
    let data = server.socket_dir.join("data");
    assert!(!files_holding(&data, EMAIL).is_empty(), "the email is on disk before");
    let rolecall = |args: &[&str]| {
        let out = Command::cargo_bin("rolecall")
            .unwrap()
            .env("ROLECALL_DB", &server.url)
            .args(args)
            .output()
            .unwrap();
        let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{args:?}: {stderr}");
        stdout.into_owned()
    };
    let mut store = rolecall::store::Store::open_target(&server.url).unwrap();
    let erased = store.erase_candidate(rolecall::domain::CandidateId(100000)).expect("erase");
    assert!(!erased.purged, "on a server the files are left to purge");
    drop(store);
    assert!(!files_holding(&data, EMAIL).is_empty(), "the old row versions still hold it");
    let purged = rolecall(&["purge"]);
    assert!(purged.contains("done: checkpoint, switched to a new WAL segment"), "{purged}");
    assert!(purged.contains("not reached: base backups, WAL archives, replicas and server logs"), "{purged}");
    assert_eq!(files_holding(&data, EMAIL), Vec::<String>::new());
    let doctor = rolecall(&["doctor"]);
    assert!(doctor.contains("1 erased people hold no personal data"), "{doctor}");
}
