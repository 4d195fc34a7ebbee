//! The shape of `src/`: no file over 400 lines, no function over 80 lines, no import cycle
//! between files. Offenders that other work is removing are listed below with the owner of
//! the fix; the lists may only shrink: a new offender fails, and so does an entry that no
//! longer offends (remove it).

mod graph;
mod modules;
mod sizes;

use std::collections::BTreeSet;
use std::path::Path;

const MAX_FILE_LINES: usize = 400;
const MAX_FN_LINES: usize = 80;

/// Files over the limit: (file, owner of the split).
const LONG_FILES: &[(&str, &str)] = &[];

/// Functions over the limit: (file, `Type::function`, owner of the split).
const LONG_FUNCTIONS: &[(&str, &str, &str)] = &[];

/// Groups of files that import each other: (files of the group, owner of the fix). A group
/// found in the code passes when it lies inside one of these.
const CYCLES: &[(&[&str], &str)] = &[];

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Fail with every problem at once: the new offenders and the stale allow-list entries.
fn verdict(what: &str, new: Vec<String>, stale: Vec<String>) {
    let mut message = String::new();
    if !new.is_empty() {
        message += &format!("{what}:\n  {}\n", new.join("\n  "));
    }
    if !stale.is_empty() {
        message += &format!(
            "allow-list entries that no longer offend (remove them from tests/structure/main.rs):\n  {}\n",
            stale.join("\n  ")
        );
    }
    assert!(message.is_empty(), "{message}");
}

#[test]
fn no_file_in_src_is_over_400_lines() {
    let mut long = BTreeSet::new();
    for file in sizes::rust_files(root(), "src") {
        let text = std::fs::read_to_string(root().join(&file)).expect("read");
        let lines = text.lines().count();
        if lines > MAX_FILE_LINES {
            long.insert((file.display().to_string(), lines));
        }
    }
    let allowed = |f: &str| LONG_FILES.iter().any(|(a, _)| *a == f);
    let new = long.iter().filter(|(f, _)| !allowed(f)).map(|(f, n)| format!("{f}: {n} lines")).collect();
    let stale = LONG_FILES
        .iter()
        .filter(|(a, _)| !long.iter().any(|(f, _)| f == a))
        .map(|(a, owner)| format!("{a} ({owner})"))
        .collect();
    verdict(&format!("files over {MAX_FILE_LINES} lines (split them by responsibility)"), new, stale);
}

#[test]
fn no_function_in_src_is_over_80_lines() {
    let mut long = BTreeSet::new();
    for file in sizes::rust_files(root(), "src") {
        let text = std::fs::read_to_string(root().join(&file)).expect("read");
        for f in sizes::functions(&text) {
            if f.lines > MAX_FN_LINES {
                long.insert((file.display().to_string(), f.name, f.line, f.lines));
            }
        }
    }
    let allowed = |file: &str, name: &str| LONG_FUNCTIONS.iter().any(|(f, n, _)| *f == file && *n == name);
    let new = long
        .iter()
        .filter(|(file, name, ..)| !allowed(file, name))
        .map(|(file, name, line, n)| format!("{file}:{line} {name}: {n} lines"))
        .collect();
    let stale = LONG_FUNCTIONS
        .iter()
        .filter(|(f, n, _)| !long.iter().any(|(file, name, ..)| file == f && name == n))
        .map(|(f, n, owner)| format!("{f} {n} ({owner})"))
        .collect();
    verdict(&format!("functions over {MAX_FN_LINES} lines (signature to closing brace)"), new, stale);
}

#[test]
fn no_file_in_src_imports_a_file_that_imports_it_back() {
    let krate = modules::Crate::load(root(), "src/lib.rs");
    let graph = graph::import_graph(&krate);
    let groups = graph::cycles(&graph);
    let pairs = graph::mutual_pairs(&graph);
    let allowed =
        |g: &BTreeSet<String>| CYCLES.iter().any(|(files, _)| g.iter().all(|f| files.contains(&f.as_str())));
    let new = groups
        .iter()
        .filter(|g| !allowed(g))
        .map(|g| {
            let first = g.iter().next().expect("non-empty group");
            let mut text = format!(
                "{{{}}}\n    e.g. {}",
                g.iter().cloned().collect::<Vec<_>>().join(", "),
                graph::describe_cycle(&graph, first)
            );
            for (a, b) in pairs.iter().filter(|(a, _)| g.contains(a)) {
                text += &format!("\n    {a} [{}] <-> {b} [{}]", graph[a][b], graph[b][a]);
            }
            text
        })
        .collect();
    let stale = CYCLES
        .iter()
        .filter(|(files, _)| !groups.iter().any(|g| g.iter().any(|f| files.contains(&f.as_str()))))
        .map(|(files, owner)| format!("{files:?} ({owner})"))
        .collect();
    verdict("files that import each other (directly or round a longer loop)", new, stale);
}
