//! The keymap file (issue 12, item 10): anything that is not a small regular file of UTF-8
//! text is reported with its path and the defaults stay; a FIFO cannot stop start-up; a
//! long file of unknown actions is read in one pass and its report stays short.

use rolecall::tui::keymap::{Keymap, KeymapProblem};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

/// Load in a thread, so a keymap that blocks fails the test instead of hanging it.
fn load(path: &Path) -> (Keymap, Vec<KeymapProblem>) {
    let (tx, rx) = mpsc::channel();
    let path: PathBuf = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = tx.send(Keymap::load(Some(&path)));
    });
    rx.recv_timeout(Duration::from_secs(60)).expect("loading the keymap must not block")
}

fn quit_key_is_default(map: &Keymap) -> bool {
    map.keys_for(rolecall::tui::action::Action::Quit).contains(&"q".to_string())
}

#[test]
fn a_keymap_that_is_not_a_text_file_is_reported_with_its_path() {
    let dir = tempfile::tempdir().expect("tempdir");
    let directory = dir.path().join("as-dir.toml");
    std::fs::create_dir(&directory).expect("mkdir");
    let binary = dir.path().join("binary.toml");
    std::fs::write(&binary, b"[keys]\nquit = [\"x\"]\n\0\0\x01\x02").expect("write");
    let latin1 = dir.path().join("latin1.toml");
    std::fs::write(&latin1, b"[keys]\n# caf\xe9\nquit = [\"x\"]\n").expect("write");
    let big = dir.path().join("big.toml");
    std::fs::write(&big, "# padding\n".repeat(30_000)).expect("write");
    let device = dir.path().join("zero.toml");
    std::os::unix::fs::symlink("/dev/zero", &device).expect("symlink");
    let fifo = dir.path().join("fifo.toml");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    for (path, said) in [
        (&directory, "is a directory"),
        (&binary, "binary"),
        (&latin1, "not UTF-8"),
        (&big, "more than the 256 KiB"),
        (&device, "not a regular file"),
        (&fifo, "not a regular file"),
    ] {
        let (map, problems) = load(path);
        assert_eq!(problems.len(), 1, "{}: {problems:?}", path.display());
        let message = &problems[0].message;
        assert!(message.contains(&path.display().to_string()) && message.contains(said), "{message}");
        assert!(quit_key_is_default(&map), "{}: defaults stay", path.display());
    }
}

#[test]
fn many_unknown_actions_give_a_short_report_with_true_line_numbers() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("keymap.toml");
    let mut text = String::from("[keys]\nquit = [\"f12\"]\n");
    for i in 0..8_000 {
        text.push_str(&format!("not_an_action_{i} = [\"z\"]\n"));
    }
    std::fs::write(&path, &text).expect("write");
    let (map, problems) = load(&path);
    assert!(problems.len() <= 21, "bounded report, got {}", problems.len());
    let name = path.display().to_string();
    assert!(
        problems.iter().any(|p| p.message.starts_with(&format!("{name}:3: unknown action"))),
        "{problems:?}"
    );
    let last = &problems.last().expect("problems").message;
    assert!(last.ends_with("more problems not listed"), "{last}");
    assert!(
        map.keys_for(rolecall::tui::action::Action::Quit).contains(&"f12".to_string()),
        "good lines apply"
    );
}
