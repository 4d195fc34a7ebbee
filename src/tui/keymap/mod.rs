//! Key bindings per mode: an embedded default TOML with a section per mode (`[board]`,
//! `[detail]`, `[form]`, `[dialog]`, `[picker]`) that a user file patches one action at a
//! time.

mod chord;
mod parse;

pub use chord::{KeyChord, types_text};

use super::action::{Action, Mode};
use parse::Found;
use ratatui::crossterm::event::KeyEvent;
use std::collections::HashMap;
use std::path::Path;

/// The default bindings, embedded in the binary.
pub const DEFAULT_KEYMAP: &str = include_str!("../../../assets/keymap.toml");

/// A problem found in a keymap file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapProblem {
    /// `file:line: message`.
    pub message: String,
}

/// The bindings of one mode.
#[derive(Debug, Clone, Default)]
struct ModeKeys {
    bindings: Vec<(Action, Vec<KeyChord>)>,
    by_key: HashMap<KeyChord, Action>,
}

impl ModeKeys {
    /// These bindings with `action` bound to `keys` instead, unless a key would then do
    /// two things: then the key and the two actions.
    fn patched(&self, action: Action, keys: Vec<KeyChord>) -> Result<Vec<(Action, Vec<KeyChord>)>, Clash> {
        let mut trial = self.bindings.clone();
        match trial.iter_mut().find(|(a, _)| *a == action) {
            Some(slot) => slot.1 = keys,
            None => trial.push((action, keys)),
        }
        match first_clash(&trial) {
            Some(clash) => Err(clash),
            None => Ok(trial),
        }
    }

    fn index(&mut self) {
        self.by_key = self.bindings.iter().flat_map(|(a, ks)| ks.iter().map(move |k| (*k, *a))).collect();
    }
}

/// A key bound to two actions of one mode.
type Clash = (KeyChord, Action, Action);

/// The live bindings.
#[derive(Debug, Clone)]
pub struct Keymap {
    modes: [ModeKeys; Mode::ALL.len()],
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
        let mut found: Vec<Found> = Vec::new();
        let mut map = Keymap { modes: Default::default() };
        for patch in parse::parse_file(DEFAULT_KEYMAP, "default keymap", &mut found) {
            let mode = &mut map.modes[patch.mode.index()];
            mode.bindings.retain(|(a, _)| *a != patch.action);
            mode.bindings.push((patch.action, patch.keys));
        }
        // The defaults come first in the report; a user file's problems follow in its order.
        let defaults_found = found.len();
        if let Some((name, text)) = user {
            for patch in parse::parse_file(text, name, &mut found) {
                let keys = &mut map.modes[patch.mode.index()];
                match keys.patched(patch.action, patch.keys) {
                    Ok(trial) => keys.bindings = trial,
                    Err((key, a, b)) => found.push((
                        patch.line,
                        format!(
                            "{name}:{}: '{}' is bound to both {} and {} in [{}]; keeping the default for {}",
                            patch.line,
                            key.label(),
                            if a == patch.action { b.name() } else { a.name() },
                            patch.action.name(),
                            patch.mode.name(),
                            patch.action.name()
                        ),
                    )),
                }
            }
            found[defaults_found..].sort_by_key(|(line, _)| *line);
        }
        for mode in &mut map.modes {
            mode.index();
        }
        let name = user.map(|(n, _)| n).unwrap_or("keymap");
        (map, bounded(found, name))
    }

    /// The action `key` does in `mode`, if any.
    pub fn action_in(&self, mode: Mode, key: &KeyEvent) -> Option<Action> {
        self.modes[mode.index()].by_key.get(&KeyChord::from_event(key)).copied()
    }

    /// The keys bound to `action` in `mode`, as display labels.
    pub fn keys_in(&self, mode: Mode, action: Action) -> Vec<String> {
        self.modes[mode.index()]
            .bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map(|(_, ks)| ks.iter().map(KeyChord::label).collect())
            .unwrap_or_default()
    }

    /// "y/Y" style label for hints in `mode`; empty when unbound.
    pub fn hint_in(&self, mode: Mode, action: Action) -> String {
        self.keys_in(mode, action).join("/")
    }

    /// The first key bound to `action` in `mode`, for short hints ("enter"); empty when
    /// unbound.
    pub fn key_in(&self, mode: Mode, action: Action) -> String {
        self.keys_in(mode, action).into_iter().next().unwrap_or_default()
    }

    /// The action bound to this key on the board, if any.
    pub fn action_for(&self, key: &KeyEvent) -> Option<Action> {
        self.action_in(Mode::Board, key)
    }

    /// The keys bound to an action on the board, as display labels.
    pub fn keys_for(&self, action: Action) -> Vec<String> {
        self.keys_in(Mode::Board, action)
    }

    /// "h/←" style label for hints on the board; empty when unbound.
    pub fn hint(&self, action: Action) -> String {
        self.hint_in(Mode::Board, action)
    }
}

/// At most `MAX_PROBLEMS` problems, then one line counting the rest.
fn bounded(found: Vec<Found>, name: &str) -> Vec<KeymapProblem> {
    let max = super::keymap_file::MAX_PROBLEMS;
    let more = found.len().saturating_sub(max);
    let mut problems: Vec<KeymapProblem> =
        found.into_iter().take(max).map(|(_, message)| KeymapProblem { message }).collect();
    if more > 0 {
        problems.push(KeymapProblem { message: format!("{name}: and {more} more problems not listed") });
    }
    problems
}

fn first_clash(bindings: &[(Action, Vec<KeyChord>)]) -> Option<Clash> {
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

#[cfg(test)]
mod tests;
