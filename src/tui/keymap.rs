//! Key bindings: an embedded default TOML that a user file patches one action at a time.

use super::action::Action;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use std::collections::HashMap;
use std::path::Path;

/// The default bindings, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../assets/keymap.toml");

/// A key with its modifiers, normalised so `H` and `shift-h` are the same chord.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    code: KeyCode,
    mods: KeyModifiers,
}

impl KeyChord {
    /// Normalise a terminal key event.
    pub fn from_event(key: &KeyEvent) -> Self {
        let mut mods = key.modifiers & (KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT);
        if matches!(key.code, KeyCode::Char(_) | KeyCode::BackTab) {
            mods.remove(KeyModifiers::SHIFT);
        }
        let code = match key.code {
            KeyCode::Char(c) if mods.contains(KeyModifiers::CONTROL) => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        KeyChord { code, mods }
    }

    /// Parse a key name such as `h`, `H`, `<`, `ctrl-r`, `shift-tab`, `enter`.
    pub fn parse(name: &str) -> Option<Self> {
        let mut mods = KeyModifiers::NONE;
        let mut rest = name;
        loop {
            if let Some(r) = rest.strip_prefix("ctrl-") {
                mods |= KeyModifiers::CONTROL;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("alt-") {
                mods |= KeyModifiers::ALT;
                rest = r;
            } else if let Some(r) = rest.strip_prefix("shift-") {
                mods |= KeyModifiers::SHIFT;
                rest = r;
            } else {
                break;
            }
        }
        let code = match rest.to_ascii_lowercase().as_str() {
            "enter" | "return" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" if mods.contains(KeyModifiers::SHIFT) => KeyCode::BackTab,
            "tab" => KeyCode::Tab,
            "backtab" => KeyCode::BackTab,
            "space" => KeyCode::Char(' '),
            "backspace" => KeyCode::Backspace,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "up" => KeyCode::Up,
            "down" => KeyCode::Down,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pageup" => KeyCode::PageUp,
            "pagedown" => KeyCode::PageDown,
            "delete" | "del" => KeyCode::Delete,
            f if f.len() > 1 && f.starts_with('f') => {
                KeyCode::F(f[1..].parse().ok().filter(|n| (1..=12).contains(n))?)
            }
            _ => {
                let mut chars = rest.chars();
                let c = chars.next()?;
                if chars.next().is_some() {
                    return None;
                }
                let c = if mods.contains(KeyModifiers::SHIFT) { c.to_ascii_uppercase() } else { c };
                KeyCode::Char(if mods.contains(KeyModifiers::CONTROL) { c.to_ascii_lowercase() } else { c })
            }
        };
        Some(KeyChord::from_event(&KeyEvent::new(code, mods)))
    }

    /// Display name for help and hints (`ctrl-r`, `H`, `enter`).
    pub fn label(&self) -> String {
        let mut s = String::new();
        if self.mods.contains(KeyModifiers::CONTROL) {
            s.push_str("ctrl-");
        }
        if self.mods.contains(KeyModifiers::ALT) {
            s.push_str("alt-");
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            s.push_str("shift-");
        }
        let key = match self.code {
            KeyCode::Char(' ') => "space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "enter".into(),
            KeyCode::Esc => "esc".into(),
            KeyCode::Tab => "tab".into(),
            KeyCode::BackTab => "shift-tab".into(),
            KeyCode::Backspace => "backspace".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Home => "home".into(),
            KeyCode::End => "end".into(),
            KeyCode::PageUp => "pageup".into(),
            KeyCode::PageDown => "pagedown".into(),
            KeyCode::Delete => "delete".into(),
            KeyCode::F(n) => format!("f{n}"),
            other => format!("{other:?}").to_lowercase(),
        };
        s.push_str(&key);
        s
    }
}

/// A problem found in a keymap file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    /// `file:line: message`.
    pub message: String,
}

/// The live bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<KeyChord>)>,
    by_key: HashMap<KeyChord, Action>,
}

impl Keymap {
    /// The embedded defaults.
    pub fn defaults() -> Self {
        let (map, problems) = Self::from_layers(None);
        debug_assert!(problems.is_empty(), "default keymap problems: {problems:?}");
        map
    }

    /// Defaults patched by the user file at `path` (if it exists); problems are returned,
    /// and each problematic line leaves the default for that action in force.
    pub fn load(path: Option<&Path>) -> (Self, Vec<KeymapProblem>) {
        match path.and_then(super::keymap_file::read) {
            None => Self::from_layers(None),
            Some(Ok(text)) => {
                let name = path.map(|p| p.display().to_string()).unwrap_or_default();
                Self::from_layers(Some((&name, &text)))
            }
            Some(Err(message)) => (Self::defaults(), vec![KeymapProblem { message }]),
        }
    }

    /// Defaults patched by `user` (file name, text).
    pub fn from_layers(user: Option<(&str, &str)>) -> (Self, Vec<KeymapProblem>) {
        let mut problems = Vec::new();
        let mut bindings: Vec<(Action, Vec<KeyChord>)> = Vec::new();
        for (action, keys, _) in parse_file(DEFAULT_KEYMAP, "default keymap", &mut problems) {
            bindings.push((action, keys));
        }
        if let Some((name, text)) = user {
            let defaults = bindings.clone();
            for (action, keys, line) in parse_file(text, name, &mut problems) {
                let mut trial = bindings.clone();
                match trial.iter_mut().find(|(a, _)| *a == action) {
                    Some(slot) => slot.1 = keys,
                    None => trial.push((action, keys)),
                }
                match first_conflict(&trial) {
                    Some((key, a, b)) => problems.push(KeymapProblem {
                        message: format!(
                            "{name}:{line}: '{}' is bound to both {} and {}; keeping the default for {}",
                            key.label(),
                            a.name(),
                            b.name(),
                            action.name()
                        ),
                    }),
                    None => bindings = trial,
                }
            }
            debug_assert!(first_conflict(&defaults).is_none());
        }
        let by_key = bindings.iter().flat_map(|(a, ks)| ks.iter().map(move |k| (*k, *a))).collect();
        let max = super::keymap_file::MAX_PROBLEMS;
        if problems.len() > max {
            let more = problems.len() - max;
            problems.truncate(max);
            let name = user.map(|(n, _)| n).unwrap_or("keymap");
            problems.push(KeymapProblem { message: format!("{name}: and {more} more problems not listed") });
        }
        (Keymap { bindings, by_key }, problems)
    }

    /// The action bound to this key, if any.
    pub fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        self.by_key.get(&KeyChord::from_event(key)).copied()
    }

    /// The keys bound to an action, as display labels.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, ks)| ks.iter().map(KeyChord::label).collect())
            .unwrap_or_default()
    }

    /// "h/←" style label for hints; empty when unbound.
    pub fn hint(&self, action: Action) -> String {
        self.keys_for(action).join("/")
    }
}

fn first_conflict(bindings: &[(Action, Vec<KeyChord>)]) -> Option<(KeyChord, Action, Action)> {
    let mut seen: HashMap<KeyChord, Action> = HashMap::new();
    for (action, keys) in bindings {
        for key in keys {
            if let Some(other) = seen.insert(*key, *action)
                && other != *action
            {
                return Some((*key, other, *action));
            }
        }
    }
    None
}

/// Parse `[keys] action = ["k", …]` lines; report bad lines with their number.
fn parse_file(
    text: &str,
    name: &str,
    problems: &mut Vec<KeymapProblem>,
) -> Vec<(Action, Vec<KeyChord>, usize)> {
    let mut out = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(1);
            problems.push(KeymapProblem {
                message: format!("{name}:{line}: not valid TOML ({}); using the defaults", e.message()),
            });
            return out;
        }
    };
    let Some(keys) = table.get("keys").and_then(|k| k.as_table()) else {
        if !table.is_empty() {
            problems.push(KeymapProblem { message: format!("{name}:1: expected a [keys] table") });
        }
        return out;
    };
    // Every line number from one pass: looking each key up anew made start-up quadratic
    // in the file's length (40,000 unknown actions took 45 s).
    let lines = super::keymap_file::key_lines(text);
    for (action_name, value) in keys {
        let line = lines.get(action_name.as_str()).copied().unwrap_or(1);
        let Some(action) = Action::from_name(action_name) else {
            problems
                .push(KeymapProblem { message: format!("{name}:{line}: unknown action '{action_name}'") });
            continue;
        };
        let names: Vec<&str> = match value {
            toml::Value::String(s) => vec![s.as_str()],
            toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
            _ => Vec::new(),
        };
        let chords: Option<Vec<KeyChord>> = names.iter().map(|n| KeyChord::parse(n)).collect();
        match chords {
            Some(c) if !c.is_empty() => out.push((action, c, line)),
            _ => problems.push(KeymapProblem {
                message: format!(
                    "{name}:{line}: bad key name in {action_name} = {value}; keeping the default"
                ),
            }),
        }
    }
    out
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset).map(|t| t.matches('\n').count() + 1).unwrap_or(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn defaults_bind_every_action_without_conflict() {
        let (map, problems) = Keymap::from_layers(None);
        assert!(problems.is_empty(), "{problems:?}");
        for a in Action::ALL {
            assert!(!map.keys_for(a).is_empty(), "{} unbound", a.name());
        }
        assert_eq!(map.action_for(&key(KeyCode::Char('H'), KeyModifiers::SHIFT)), Some(Action::MoveBack));
        assert_eq!(map.action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevRole));
        assert_eq!(map.action_for(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)), Some(Action::Redo));
        assert_eq!(map.action_for(&key(KeyCode::Char('r'), KeyModifiers::NONE)), Some(Action::Reject));
    }

    #[test]
    fn user_file_overrides_and_reports_problems_with_lines() {
        let user = "[keys]\nmove_forward = [\"n\"]\nfly = [\"f\"]\nundo = [\"notakey\"]\nhold = [\"q\"]\n";
        let (map, problems) = Keymap::from_layers(Some(("user.toml", user)));
        assert_eq!(map.action_for(&key(KeyCode::Char('n'), KeyModifiers::NONE)), Some(Action::MoveForward));
        assert_eq!(map.action_for(&key(KeyCode::Char('L'), KeyModifiers::SHIFT)), None);
        let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(text.iter().any(|m| m.starts_with("user.toml:3: unknown action 'fly'")), "{text:?}");
        assert!(text.iter().any(|m| m.starts_with("user.toml:4: bad key name")), "{text:?}");
        assert!(text.iter().any(|m| m.starts_with("user.toml:5: 'q' is bound to both")), "{text:?}");
        // The defaults stay in force for the bad lines.
        assert_eq!(map.action_for(&key(KeyCode::Char('u'), KeyModifiers::NONE)), Some(Action::Undo));
        assert_eq!(map.action_for(&key(KeyCode::Char('p'), KeyModifiers::NONE)), Some(Action::Hold));
        assert_eq!(map.action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
    }

    #[test]
    fn broken_toml_keeps_defaults() {
        let (map, problems) = Keymap::from_layers(Some(("k.toml", "[keys\nx=")));
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.starts_with("k.toml:1:"), "{:?}", problems);
        assert_eq!(map.action_for(&key(KeyCode::Char('q'), KeyModifiers::NONE)), Some(Action::Quit));
    }
}
