//! Reading a keymap file: `[board]`, `[detail]`, `[form]`, `[dialog]` and `[picker]`
//! sections of `action = ["key", …]` lines. Each bad line becomes a problem naming the file
//! and line; the old single `[keys]` section is read as `[board]`, with a note.

use super::chord::KeyChord;
use crate::tui::action::{Action, Mode};
use std::collections::HashMap;

/// One line of a keymap file that parsed: these keys do `action` in `mode`.
#[derive(Debug, Clone)]
pub(super) struct Patch {
    pub mode: Mode,
    pub action: Action,
    pub keys: Vec<KeyChord>,
    pub line: usize,
}

/// A problem and the line it is on (for sorting into the file's order).
pub(super) type Found = (usize, String);

/// The section the first, single-section keymaps used; read as `[board]`.
const LEGACY_SECTION: &str = "keys";

/// Every binding `text` (the file `name`) sets, in the file's order; problems go to
/// `problems`.
pub(super) fn parse_file(text: &str, name: &str, problems: &mut Vec<Found>) -> Vec<Patch> {
    let mut out = Vec::new();
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| line_of_offset(text, s.start)).unwrap_or(1);
            problems
                .push((line, format!("{name}:{line}: not valid TOML ({}); using the defaults", e.message())));
            return out;
        }
    };
    // Every line number from one pass: looking each key up anew made start-up quadratic
    // in the file's length (40,000 unknown actions took 45 s).
    let lines = Lines::of(text);
    for (section, value) in &table {
        let at = lines.section(section);
        let Some(mode) = section_mode(section, name, at, value, problems) else { continue };
        let Some(entries) = value.as_table() else { continue };
        for (action_name, keys) in entries {
            let line = lines.key(section, action_name).unwrap_or(at);
            if let Some(patch) = parse_line(mode, action_name, keys, line, name, problems) {
                out.push(patch);
            }
        }
    }
    out.sort_by_key(|p| p.line);
    out
}

/// The mode a top-level entry of the file sets keys for, or a problem.
fn section_mode(
    section: &str,
    name: &str,
    line: usize,
    value: &toml::Value,
    problems: &mut Vec<Found>,
) -> Option<Mode> {
    let known = Mode::ALL.map(|m| m.name()).join("], [");
    let mode = if section == LEGACY_SECTION { Some(Mode::Board) } else { Mode::from_name(section) };
    let problem = match (mode, value.is_table()) {
        (Some(_), true) if section == LEGACY_SECTION => {
            format!("{name}:{line}: [keys] is the old name of [board]; read as [board] (rename it)")
        }
        (Some(mode), true) => return Some(mode),
        (Some(_), false) => format!("{name}:{line}: '{section}' must be a section: [{section}]"),
        (None, true) => format!("{name}:{line}: unknown section [{section}] (sections: [{known}])"),
        (None, false) => format!("{name}:{line}: '{section}' is outside any section; put it under [{known}]"),
    };
    problems.push((line, problem));
    mode.filter(|_| value.is_table())
}

/// One `action = ["key", …]` line of `mode`'s section.
fn parse_line(
    mode: Mode,
    action_name: &str,
    value: &toml::Value,
    line: usize,
    name: &str,
    problems: &mut Vec<Found>,
) -> Option<Patch> {
    let section = mode.name();
    let Some(action) = Action::from_name(action_name) else {
        problems.push((line, format!("{name}:{line}: unknown action '{action_name}' in [{section}]")));
        return None;
    };
    if !action.works_in(mode) {
        let modes: Vec<String> = action.uses().iter().map(|(m, _)| format!("[{}]", m.name())).collect();
        let message = format!(
            "{name}:{line}: {action_name} does nothing in [{section}]; it works in {}",
            modes.join(", ")
        );
        problems.push((line, message));
        return None;
    }
    let names: Vec<&str> = match value {
        toml::Value::String(s) => vec![s.as_str()],
        toml::Value::Array(a) => a.iter().filter_map(|v| v.as_str()).collect(),
        _ => Vec::new(),
    };
    let all_strings = value.as_array().is_none_or(|a| a.len() == names.len());
    let chords: Option<Vec<KeyChord>> = names.iter().map(|n| KeyChord::parse(n)).collect();
    match chords {
        Some(keys) if !keys.is_empty() && all_strings => Some(Patch { mode, action, keys, line }),
        _ => {
            problems.push((
                line,
                format!("{name}:{line}: bad key name in {action_name} = {value}; keeping the default"),
            ));
            None
        }
    }
}

fn line_of_offset(text: &str, offset: usize) -> usize {
    text.get(..offset).map(|t| t.matches('\n').count() + 1).unwrap_or(1)
}

/// Where each section header and each `key =` line of a keymap file first is (1-based).
struct Lines<'a> {
    sections: HashMap<&'a str, usize>,
    keys: HashMap<(&'a str, &'a str), usize>,
}

impl<'a> Lines<'a> {
    fn of(text: &'a str) -> Self {
        let mut lines = Lines { sections: HashMap::new(), keys: HashMap::new() };
        let mut section = "";
        for (index, line) in text.lines().enumerate() {
            let trimmed = line.trim();
            let header = trimmed.strip_prefix('[').filter(|h| !h.starts_with('['));
            if let Some(header) = header.and_then(|h| h.split_once(']')).map(|(h, _)| unquote(h.trim())) {
                section = header;
                lines.sections.entry(header).or_insert(index + 1);
            } else if let Some((key, _)) = trimmed.split_once('=') {
                let key = unquote(key.trim());
                lines.keys.entry((section, key)).or_insert(index + 1);
                // A top-level `name = …` is where that name is written, too.
                if section.is_empty() {
                    lines.sections.entry(key).or_insert(index + 1);
                }
            }
        }
        lines
    }

    fn section(&self, name: &str) -> usize {
        self.sections.get(name).copied().unwrap_or(1)
    }

    fn key(&self, section: &str, key: &str) -> Option<usize> {
        self.keys.get(&(section, key)).copied()
    }
}

fn unquote(s: &str) -> &str {
    s.strip_prefix('"').and_then(|k| k.strip_suffix('"')).unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problems_of(text: &str) -> (Vec<Patch>, Vec<String>) {
        let mut found = Vec::new();
        let patches = parse_file(text, "k.toml", &mut found);
        found.sort();
        (patches, found.into_iter().map(|(_, m)| m).collect())
    }

    #[test]
    fn the_same_action_in_two_sections_has_each_its_own_line() {
        let (patches, problems) = problems_of("[board]\nup = [\"k\"]\n\n[detail]\nup = [\"w\"]\n");
        assert!(problems.is_empty(), "{problems:?}");
        let at: Vec<(Mode, usize)> = patches.iter().map(|p| (p.mode, p.line)).collect();
        assert_eq!(at, vec![(Mode::Board, 2), (Mode::Detail, 5)]);
    }

    #[test]
    fn sections_and_actions_out_of_place_are_reported_with_their_lines() {
        let text = "quit = [\"q\"]\n[boards]\nup = [\"k\"]\n[dialog]\nundo = [\"u\"]\nconfirm = [\"j\", 3]\n";
        let (patches, problems) = problems_of(text);
        assert!(patches.is_empty(), "{patches:?}");
        assert!(problems[0].starts_with("k.toml:1: 'quit' is outside any section"), "{problems:?}");
        assert!(problems[1].starts_with("k.toml:2: unknown section [boards]"), "{problems:?}");
        assert_eq!(problems[2], "k.toml:5: undo does nothing in [dialog]; it works in [board], [editor]");
        assert!(problems[3].starts_with("k.toml:6: bad key name in confirm"), "{problems:?}");
    }

    #[test]
    fn the_old_keys_section_is_read_as_the_board_with_a_note() {
        let (patches, problems) = problems_of("# mine\n[keys]\nquit = [\"x\"]\n");
        assert_eq!(
            problems,
            vec!["k.toml:2: [keys] is the old name of [board]; read as [board] (rename it)"]
        );
        assert_eq!(patches.len(), 1);
        assert_eq!((patches[0].mode, patches[0].action, patches[0].line), (Mode::Board, Action::Quit, 3));
    }
}
