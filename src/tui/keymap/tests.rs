use super::*;
use ratatui::crossterm::event::{KeyCode, KeyModifiers};

fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

fn plain(c: char) -> KeyEvent {
    key(KeyCode::Char(c), KeyModifiers::NONE)
}

#[test]
fn defaults_bind_every_action_in_every_mode_it_works_in_without_clashes() {
    let (map, problems) = Keymap::from_layers(None);
    assert!(problems.is_empty(), "{problems:?}");
    for a in Action::ALL {
        for (mode, _) in a.uses() {
            assert!(!map.keys_in(*mode, *a).is_empty(), "{} unbound in [{}]", a.name(), mode.name());
        }
    }
    for mode in &map.modes {
        assert!(first_clash(&mode.bindings).is_none(), "{:?}", first_clash(&mode.bindings));
    }
    assert_eq!(map.action_for(&key(KeyCode::Char('H'), KeyModifiers::SHIFT)), Some(Action::MoveBack));
    assert_eq!(map.action_for(&key(KeyCode::BackTab, KeyModifiers::SHIFT)), Some(Action::PrevRole));
    assert_eq!(map.action_for(&key(KeyCode::Char('r'), KeyModifiers::CONTROL)), Some(Action::Redo));
    assert_eq!(map.action_for(&plain('r')), Some(Action::Reject));
    assert_eq!(map.action_in(Mode::Dialog, &plain('y')), Some(Action::Confirm));
    assert_eq!(
        map.action_in(Mode::Dialog, &key(KeyCode::Char('Y'), KeyModifiers::SHIFT)),
        Some(Action::Confirm)
    );
    assert_eq!(
        map.action_in(Mode::Form, &key(KeyCode::Char('s'), KeyModifiers::CONTROL)),
        Some(Action::Save)
    );
    assert_eq!(map.action_in(Mode::Picker, &key(KeyCode::Down, KeyModifiers::NONE)), Some(Action::Down));
    assert_eq!(map.action_in(Mode::Detail, &plain('j')), Some(Action::Down));
}

#[test]
fn user_file_overrides_and_reports_problems_with_lines() {
    // (`n` is taken by the note since issue 16; a free key is used here.)
    let user = "[board]\nmove_forward = [\"y\"]\nfly = [\"f\"]\nundo = [\"notakey\"]\nhold = [\"q\"]\n";
    let (map, problems) = Keymap::from_layers(Some(("user.toml", user)));
    assert_eq!(map.action_for(&plain('y')), Some(Action::MoveForward));
    assert_eq!(map.action_for(&key(KeyCode::Char('L'), KeyModifiers::SHIFT)), None);
    let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert!(text[0].starts_with("user.toml:3: unknown action 'fly' in [board]"), "{text:?}");
    assert!(text[1].starts_with("user.toml:4: bad key name"), "{text:?}");
    assert_eq!(
        text[2],
        "user.toml:5: 'q' is bound to both quit and hold in [board]; keeping the default for hold"
    );
    assert_eq!(text.len(), 3, "{text:?}");
    // The defaults stay in force for the bad lines.
    assert_eq!(map.action_for(&plain('u')), Some(Action::Undo));
    assert_eq!(map.action_for(&plain('p')), Some(Action::Hold));
    assert_eq!(map.action_for(&plain('q')), Some(Action::Quit));
}

#[test]
fn a_dialog_key_can_be_rebound_and_keys_clash_only_within_a_mode() {
    let user = "[dialog]\nconfirm = [\"j\"]\ncancel = [\"n\", \"esc\"]\naccept = [\"n\"]\n";
    let (map, problems) = Keymap::from_layers(Some(("k.toml", user)));
    assert_eq!(map.action_in(Mode::Dialog, &plain('j')), Some(Action::Confirm));
    assert_eq!(map.action_in(Mode::Dialog, &plain('y')), None, "the line replaces the default keys");
    assert_eq!(map.keys_in(Mode::Dialog, Action::Confirm), vec!["j"]);
    // `j` still scrolls and moves down elsewhere: each mode has its own keys.
    assert_eq!(map.action_for(&plain('j')), Some(Action::Down));
    assert_eq!(map.action_in(Mode::Detail, &plain('j')), Some(Action::Down));
    let text: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        text,
        vec!["k.toml:4: 'n' is bound to both cancel and accept in [dialog]; keeping the default for accept"]
    );
    assert_eq!(map.action_in(Mode::Dialog, &key(KeyCode::Enter, KeyModifiers::NONE)), Some(Action::Accept));
}

#[test]
fn an_old_keys_section_still_works_as_the_board_with_a_note() {
    let (map, problems) = Keymap::from_layers(Some(("old.toml", "[keys]\nquit = [\"f12\"]\n")));
    assert_eq!(map.action_for(&key(KeyCode::F(12), KeyModifiers::NONE)), Some(Action::Quit));
    assert_eq!(map.action_for(&plain('q')), None);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.starts_with("old.toml:1: [keys] is the old name of [board]"), "{problems:?}");
}

#[test]
fn broken_toml_keeps_defaults() {
    let (map, problems) = Keymap::from_layers(Some(("k.toml", "[board\nx=")));
    assert_eq!(problems.len(), 1);
    assert!(problems[0].message.starts_with("k.toml:1:"), "{:?}", problems);
    assert_eq!(map.action_for(&plain('q')), Some(Action::Quit));
}
