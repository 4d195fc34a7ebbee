//! `config.toml`, beside `keymap.toml` in the config directory: settings of the terminal
//! UI. Today one: `mouse = false` turns mouse support off (it is on by default).

use std::path::{Path, PathBuf};

/// The settings file's name.
pub const CONFIG_FILE: &str = "config.toml";

/// Settings of the terminal UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UiConfig {
    /// Clicks select and open cards, the wheel scrolls (Shift-drag still selects text).
    pub mouse: bool,
}

impl Default for UiConfig {
    fn default() -> Self {
        UiConfig { mouse: true }
    }
}

/// Days-in-stage colour thresholds.
#[derive(Debug, Clone, Copy)]
pub struct Thresholds {
    /// Warn from this many days.
    pub warn: i64,
    /// Alarm from this many days.
    pub alarm: i64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds { warn: 7, alarm: 14 }
    }
}

/// Where the settings file is: beside the keymap file.
pub fn path_beside(keymap: Option<&Path>) -> Option<PathBuf> {
    keymap.and_then(Path::parent).map(|dir| dir.join(CONFIG_FILE))
}

impl UiConfig {
    /// The settings at `path` (defaults when there is no file), and problems found, each
    /// naming the file and line; a bad setting keeps its default.
    pub fn load(path: Option<&Path>) -> (Self, Vec<String>) {
        match path.and_then(super::keymap_file::read) {
            None => (UiConfig::default(), Vec::new()),
            Some(Ok(text)) => Self::parse(&path.map(|p| p.display().to_string()).unwrap_or_default(), &text),
            Some(Err(message)) => (UiConfig::default(), vec![message]),
        }
    }

    /// Settings from `text` (read from the file `name`).
    pub fn parse(name: &str, text: &str) -> (Self, Vec<String>) {
        let mut config = UiConfig::default();
        let mut problems = Vec::new();
        let table: toml::Table = match text.parse() {
            Ok(t) => t,
            Err(e) => {
                let line = e.span().and_then(|s| text.get(..s.start)).map(|t| t.matches('\n').count() + 1);
                let line = line.unwrap_or(1);
                problems.push(format!("{name}:{line}: not valid TOML ({}); using the defaults", e.message()));
                return (config, problems);
            }
        };
        let lines = super::keymap_file::key_lines(text);
        let mut found = Vec::new();
        for (key, value) in &table {
            let line = lines.get(key.as_str()).copied().unwrap_or(1);
            match (key.as_str(), value) {
                ("mouse", toml::Value::Boolean(on)) => config.mouse = *on,
                ("mouse", other) => found.push((
                    line,
                    format!("{name}:{line}: mouse = {other} is not true or false; mouse stays on"),
                )),
                (other, _) => {
                    found.push((line, format!("{name}:{line}: unknown setting '{other}' (known: mouse)")))
                }
            }
        }
        // In the file's order, not the table's.
        found.sort();
        problems.extend(found.into_iter().map(|(_, p)| p));
        (config, problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mouse_is_on_unless_turned_off() {
        assert_eq!(UiConfig::parse("c.toml", ""), (UiConfig { mouse: true }, vec![]));
        assert_eq!(UiConfig::parse("c.toml", "mouse = false\n"), (UiConfig { mouse: false }, vec![]));
        let (config, problems) = UiConfig::parse("c.toml", "# settings\nmouse = \"no\"\ncolour = 1\n");
        assert!(config.mouse, "a bad value keeps the default");
        assert!(problems[0].starts_with("c.toml:2: mouse = \"no\" is not true or false"), "{problems:?}");
        assert!(problems[1].starts_with("c.toml:3: unknown setting 'colour'"), "{problems:?}");
        let (_, problems) = UiConfig::parse("c.toml", "mouse = \n");
        assert!(problems[0].starts_with("c.toml:1: not valid TOML"), "{problems:?}");
    }

    #[test]
    fn the_file_sits_beside_the_keymap_and_may_be_missing() {
        let dir = tempfile::tempdir().unwrap();
        let keymap = dir.path().join("keymap.toml");
        let path = path_beside(Some(&keymap)).unwrap();
        assert_eq!(path, dir.path().join("config.toml"));
        assert_eq!(UiConfig::load(Some(&path)), (UiConfig::default(), vec![]));
        std::fs::write(&path, "mouse = false\n").unwrap();
        assert_eq!(UiConfig::load(Some(&path)).0, UiConfig { mouse: false });
    }
}
