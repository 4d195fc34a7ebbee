//! Every crate in Cargo.toml is used by the code (a dependency nothing names only costs
//! build time and audit work): its name must appear as a path (`name::`), a `use`, or a
//! macro call in src/, tests/, benches/ or examples/.

use std::path::Path;

fn rust_sources(dir: &Path, out: &mut Vec<String>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            rust_sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(std::fs::read_to_string(&path).unwrap_or_default());
        }
    }
}

#[test]
fn every_dependency_is_used() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest: toml::Table =
        std::fs::read_to_string(root.join("Cargo.toml")).expect("Cargo.toml").parse().expect("toml");
    let mut sources = Vec::new();
    for dir in ["src", "tests", "benches", "examples"] {
        rust_sources(&root.join(dir), &mut sources);
    }
    let mut unused = Vec::new();
    for section in ["dependencies", "dev-dependencies"] {
        let Some(deps) = manifest.get(section).and_then(|d| d.as_table()) else { continue };
        for name in deps.keys() {
            let ident = name.replace('-', "_");
            let used = sources.iter().any(|s| {
                s.contains(&format!("{ident}::"))
                    || s.contains(&format!("use {ident}"))
                    || s.contains(&format!("{ident}!"))
            });
            if !used {
                unused.push(format!("{section}.{name}"));
            }
        }
    }
    assert!(unused.is_empty(), "crates nothing uses (remove them from Cargo.toml): {unused:?}");
}
