//! What a newcomer reads: the README's set-up keeps exactly two commands and installing
//! is its own section, its examples name no path inside a sibling checkout, its
//! screenshot exists and was drawn by the renderer, and LICENSE and CHANGELOG.md exist
//! and agree with Cargo.toml.

use std::path::Path;

fn read(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The text of the `## title` section, up to the next `## `.
fn section<'a>(text: &'a str, title: &str) -> &'a str {
    let start = text.find(&format!("\n## {title}\n")).unwrap_or_else(|| panic!("no '## {title}' section"));
    let rest = &text[start + 1..];
    let end = rest[3..].find("\n## ").map(|e| e + 3).unwrap_or(rest.len());
    &rest[..end]
}

/// The commands of a section's ```sh blocks.
fn commands(section: &str) -> Vec<String> {
    section
        .split("```sh\n")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .flat_map(|block| block.lines().map(str::trim).filter(|l| !l.is_empty()).map(String::from))
        .collect()
}

#[test]
fn set_up_has_two_commands_and_installing_is_separate() {
    let readme = read("README.md");
    assert_eq!(commands(section(&readme, "Set up")), ["cargo run --release", "cargo test"]);
    assert_eq!(commands(section(&readme, "Install")), ["cargo install --path ."]);
}

#[test]
fn examples_work_outside_this_repository() {
    let readme = read("README.md");
    assert!(!readme.contains("../shared"), "a path only this repository's neighbours have");
}

#[test]
fn the_screenshot_is_the_renderers_and_is_shown() {
    let readme = read("README.md");
    assert!(readme.contains("](docs/board.svg)"), "README shows the board");
    assert!(Path::new(env!("CARGO_MANIFEST_DIR")).join("scripts/screenshot").exists());
    let svg = read("docs/board.svg");
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""), "an SVG image");
    for text in ["rolecall", "IT Program Management Office", "Screening", "Offer", "? help"] {
        assert!(svg.contains(text), "the board's '{text}' is in the image");
    }
    assert!(svg.matches("fill=\"#").count() > 50, "cells keep their colours");
}

#[test]
fn license_and_changelog_match_the_manifest() {
    let manifest = read("Cargo.toml");
    assert!(manifest.contains("license = \"MIT\""));
    let license = read("LICENSE");
    assert!(license.starts_with("MIT License\n\nCopyright (c) 2026 the rolecall authors\n"), "{license}");
    assert!(license.contains("THE SOFTWARE IS PROVIDED \"AS IS\""));
    let changelog = read("CHANGELOG.md");
    assert!(changelog.contains("Keep a Changelog") && changelog.contains("## [Unreleased]"));
    let version =
        manifest.lines().find_map(|l| l.strip_prefix("version = \"")).and_then(|v| v.strip_suffix('"'));
    let version = version.expect("a version in Cargo.toml");
    assert!(changelog.contains(&format!("## [{version}]")), "CHANGELOG has the version {version}");
}
