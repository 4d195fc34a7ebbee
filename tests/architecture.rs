//! The layers hold: only `src/store/` names the database crates (`rusqlite`, `postgres`), and only
//! `src/tui/` names the terminal crates (`ratatui`, `ratatui_textarea`, `crossterm`).
//! Comments may mention them; code may not.

use std::path::{Path, PathBuf};

/// A crate and the one directory under `src/` allowed to name it.
const FENCES: &[(&str, &str)] = &[
    ("rusqlite", "store"),
    ("postgres", "store"),
    ("ratatui", "tui"),
    ("ratatui_textarea", "tui"),
    ("crossterm", "tui"),
];

/// Every `.rs` file under `dir`, recursively, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).expect("read src dir") {
            let path = entry.expect("dir entry").path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// True when `line` names the crate `word` as code does: a path through it
/// (`word::…`) or a `use word` / `extern crate word`. A URL such as `postgres://…` in a
/// message does not count.
fn names(line: &str, word: &str) -> bool {
    let ident = |c: char| c.is_alphanumeric() || c == '_';
    let trimmed = line.trim_start();
    let declared = ["use ", "pub use ", "extern crate "].iter().any(|p| {
        let rest = trimmed.strip_prefix(p).map(|r| r.trim_start_matches("::"));
        rest.and_then(|r| r.strip_prefix(word)).is_some_and(|after| !after.starts_with(ident))
    });
    declared
        || line.match_indices(word).any(|(at, _)| {
            let before = line[..at].chars().next_back();
            !before.is_some_and(ident) && line[at + word.len()..].starts_with("::")
        })
}

/// "file:line: names crate" for every line of code under `src` that names a crate
/// outside the directory allowed to.
fn offenders(src: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for file in rust_files(src) {
        let relative = file.strip_prefix(src).expect("under src");
        let top = relative.components().next().and_then(|c| c.as_os_str().to_str()).unwrap_or("");
        let text = std::fs::read_to_string(&file).expect("read source");
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or("");
            for (word, home) in FENCES {
                if top != *home && names(code, word) {
                    found.push(format!("src/{}:{}: names {word}", relative.display(), n + 1));
                }
            }
        }
    }
    found
}

#[test]
fn only_the_store_names_rusqlite_and_only_the_tui_names_the_terminal_crates() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let found = offenders(&src);
    assert!(found.is_empty(), "layer violations:\n{}", found.join("\n"));
}

#[test]
fn the_fence_finds_a_crate_named_outside_its_home_and_ignores_comments() {
    let dir = tempfile::tempdir().expect("tempdir");
    let src = dir.path();
    for sub in ["store", "tui", "cli"] {
        std::fs::create_dir(src.join(sub)).expect("mkdir");
    }
    std::fs::write(src.join("store/ok.rs"), "use rusqlite::Connection;\n").expect("write");
    std::fs::write(src.join("tui/ok.rs"), "use ratatui::Frame;\nuse ratatui_textarea::TextArea;\n")
        .expect("write");
    let cli = "// rusqlite in a comment is fine\nfn f(e: &rusqlite::Error) {}\nuse crossterm::event;\n\
               let url = \"postgres://ana@db/rolecall\";\nuse postgres;\n";
    std::fs::write(src.join("cli/bad.rs"), cli).expect("write");
    std::fs::write(src.join("lib.rs"), "let my_rusqlite_thing = ratatui_textarea::X;\n").expect("write");
    assert_eq!(
        offenders(src),
        vec![
            "src/cli/bad.rs:2: names rusqlite".to_string(),
            "src/cli/bad.rs:3: names crossterm".to_string(),
            "src/cli/bad.rs:5: names postgres".to_string(),
            "src/lib.rs:1: names ratatui_textarea".to_string(),
        ]
    );
}
