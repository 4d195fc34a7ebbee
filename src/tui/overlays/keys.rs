//! How a key becomes an action inside an overlay: it is looked up in the keymap of the
//! overlay's mode, except that a key the focused field takes as typing goes to the field
//! first (the rule `assets/keymap.toml` states at its top).

use crate::tui::action::{Action, Mode};
use crate::tui::keymap::{Keymap, types_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// What the focused part of a form takes as its own input, before the keymap is asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Takes {
    /// A one-line text field: every key that types a character.
    Text,
    /// A text field of several lines: typing, Enter (a new line), and ↑/↓ between its
    /// lines (not ↑ on the first line or ↓ on the last: those leave the field).
    Lines {
        /// The cursor is on the first line.
        first: bool,
        /// The cursor is on the last line.
        last: bool,
    },
    /// Ratings: every typed character (digits rate; anything else is refused with a notice,
    /// so a letter typed by mistake never moves the cursor).
    Typing,
    /// A numbered list (the reject reasons): digits pick; other keys are looked up.
    Digits,
    /// A choice (level, stage, format): nothing is typed; every key is looked up.
    Nothing,
}

/// The `[form]` action `key` asks for where the focus `takes` these keys, or `None` when
/// the key belongs to the field: it types there, or its action does not apply to a text
/// field (←/→ move the text cursor instead of choosing), or it is bound to nothing.
pub fn form_action(keymap: &Keymap, key: &KeyEvent, takes: Takes) -> Option<Action> {
    let typed = types_text(key);
    let plain = (key.modifiers - KeyModifiers::SHIFT).is_empty();
    let to_field = match takes {
        Takes::Text | Takes::Typing => typed,
        Takes::Lines { first, last } => {
            typed
                || plain
                    && match key.code {
                        KeyCode::Enter => true,
                        KeyCode::Up => !first,
                        KeyCode::Down => !last,
                        _ => false,
                    }
        }
        Takes::Digits => typed && matches!(key.code, KeyCode::Char(c) if c.is_ascii_digit()),
        Takes::Nothing => false,
    };
    if to_field {
        return None;
    }
    let action = keymap.action_in(Mode::Form, key)?;
    let chooses = matches!(action, Action::ChoosePrev | Action::ChooseNext);
    let text = matches!(takes, Takes::Text | Takes::Lines { .. });
    if chooses && text { None } else { Some(action) }
}

/// A form's footer from the live `[form]` keys: "tab next field · ←/→ level · enter or
/// ctrl-s save · esc cancel", where `choice` names what ←/→ choose and `save` what saving
/// does.
pub fn form_hint(keymap: &Keymap, choice: &str, save: &str) -> String {
    let key = |a| keymap.key_in(Mode::Form, a);
    let saves = keymap.keys_in(Mode::Form, Action::Save).join(" or ");
    let choose = format!("{}/{}", key(Action::ChoosePrev), key(Action::ChooseNext));
    format!(
        "{} next field · {choose} {choice} · {saves} {save} · {} cancel",
        key(Action::NextField),
        key(Action::Cancel)
    )
}

/// The `[picker]` action `key` asks for; `None` when it goes to the filter field (it types,
/// or is bound to nothing there).
pub fn picker_action(keymap: &Keymap, key: &KeyEvent) -> Option<Action> {
    if types_text(key) { None } else { keymap.action_in(Mode::Picker, key) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    fn named(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn typing_wins_in_text_fields_and_plain_letters_act_elsewhere() {
        let (map, problems) =
            Keymap::from_layers(Some(("k.toml", "[form]\nsave = [\"enter\", \"ctrl-s\", \"s\"]\n")));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(form_action(&map, &press('s'), Takes::Text), None, "s is typed into a name");
        assert_eq!(form_action(&map, &press('s'), Takes::Typing), None, "s is refused by a rating");
        assert_eq!(form_action(&map, &press('s'), Takes::Nothing), Some(Action::Save), "on a level");
        assert_eq!(form_action(&map, &press('s'), Takes::Digits), Some(Action::Save), "on the reasons");
        assert_eq!(form_action(&map, &press('3'), Takes::Digits), None, "3 picks a reason");
        assert_eq!(form_action(&map, &named(KeyCode::Enter), Takes::Text), Some(Action::Save));
        let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
        assert_eq!(form_action(&map, &ctrl_s, Takes::Text), Some(Action::Save), "a chord acts everywhere");
    }

    #[test]
    fn notes_keep_enter_and_the_arrows_between_their_lines() {
        let map = Keymap::defaults();
        let middle = Takes::Lines { first: false, last: false };
        let only = Takes::Lines { first: true, last: true };
        assert_eq!(form_action(&map, &named(KeyCode::Enter), middle), None, "a new line");
        assert_eq!(form_action(&map, &named(KeyCode::Up), middle), None);
        assert_eq!(form_action(&map, &named(KeyCode::Up), only), Some(Action::Up), "leaves at the top");
        assert_eq!(form_action(&map, &named(KeyCode::Down), only), Some(Action::Down));
        assert_eq!(form_action(&map, &named(KeyCode::Left), Takes::Text), None, "moves the text cursor");
        assert_eq!(form_action(&map, &named(KeyCode::Left), Takes::Nothing), Some(Action::ChoosePrev));
        assert_eq!(form_action(&map, &named(KeyCode::Tab), middle), Some(Action::NextField));
    }

    #[test]
    fn a_picker_filter_takes_every_typed_key() {
        let (map, _) = Keymap::from_layers(Some(("k.toml", "[picker]\ndown = [\"j\", \"ctrl-n\"]\n")));
        assert_eq!(picker_action(&map, &press('j')), None);
        let ctrl_n = KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL);
        assert_eq!(picker_action(&map, &ctrl_n), Some(Action::Down));
        assert_eq!(picker_action(&map, &named(KeyCode::Esc)), Some(Action::Close));
    }
}
