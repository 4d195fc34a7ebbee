//! The keymap per mode (issue 14, item 2): one action table gives every action a name
//! that parses back, default keys in each mode it works in, and a line in `?` help or the
//! palette; a user file can rebind a dialog's keys and help shows the new keys.

mod common;

use common::tui::{code, key, screen_text, seeded_store, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::AppStatus;
use rolecall::tui::action::{Action, Mode};
use rolecall::tui::app::App;
use rolecall::tui::help::{HelpLine, help_lines};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::overlays::picker::Picker;

fn app_with_keymap(user: Option<&str>) -> App {
    let (keymap, problems) = Keymap::from_layers(user.map(|text| ("keymap.toml", text)));
    assert!(problems.is_empty(), "{problems:?}");
    App::new(seeded_store(&["Ana Ruiz"]), keymap).expect("app")
}

/// Help's entries as (keys, text) under each heading.
fn help_entries(app: &App) -> Vec<(String, String, String)> {
    let mut heading = String::new();
    let mut out = Vec::new();
    for line in help_lines(&app.keymap, app.thresholds) {
        match line {
            HelpLine::Heading(h) => heading = h.to_string(),
            HelpLine::Entry(keys, text) => out.push((heading.clone(), keys, text)),
            HelpLine::Gap => {}
        }
    }
    out
}

#[test]
fn every_action_is_bindable_and_documented() {
    let app = app_with_keymap(None);
    let help = help_entries(&app);
    let palette = Picker::palette(&app.keymap, None).entries;
    for &action in Action::ALL {
        let name = action.name();
        assert_eq!(Action::from_name(name), Some(action), "{name} parses back");
        assert!(!action.uses().is_empty(), "{name} works in some mode");
        for &(mode, what) in action.uses() {
            assert!(!what.trim().is_empty(), "{name} has a description in [{}]", mode.name());
            let keys = app.keymap.keys_in(mode, action);
            assert!(!keys.is_empty(), "{name} has default keys in [{}]", mode.name());
            let in_help =
                help.iter().any(|(h, k, t)| h == mode.title() && *k == keys.join(", ") && t == what);
            let in_palette = mode == Mode::Board && palette.iter().any(|p| p.starts_with(what));
            assert!(in_help || in_palette, "{name} in [{}] is shown in help or the palette", mode.name());
        }
    }
    // The palette offers exactly what the board can do.
    assert_eq!(palette.len(), Action::of(Mode::Board).count());
}

#[test]
fn help_shows_a_dialog_key_rebound_in_the_user_keymap() {
    let app = app_with_keymap(Some("[dialog]\nconfirm = [\"j\"]\n"));
    let help = help_entries(&app);
    let what = Action::Confirm.description_in(Mode::Dialog).expect("confirm is a dialog action");
    let line = help.iter().find(|(h, _, t)| h == Mode::Dialog.title() && t == what).expect("confirm in help");
    assert_eq!(line.1, "j");
    // The board's j is untouched.
    let down = help.iter().find(|(h, _, t)| h == Mode::Board.title() && t == "Cursor down").expect("down");
    assert_eq!(down.1, "j, ↓");
}

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

#[test]
fn a_confirm_rebound_to_j_confirms_with_j_and_help_and_the_question_say_so() {
    let mut app = app_with_keymap(Some("[dialog]\nconfirm = [\"j\"]\n"));
    let id = app.board.selected().expect("a card").id;
    for _ in 0..5 {
        app.update(Action::MoveForward);
    }
    app.update(Action::MoveForward);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))), "hiring asks first");
    assert!(screen_text(&mut app, 100, 30).contains("j / enter: yes"), "the question names the new key");
    app.handle_key(key('y'));
    assert!(app.overlay.is_none(), "y is no longer yes: like any unbound key it answers no");
    assert_eq!(app.store().application(id).expect("app").status, AppStatus::Active);
    app.update(Action::MoveForward);
    app.handle_key(key('j'));
    assert_eq!(app.store().application(id).expect("app").status, AppStatus::Hired, "j confirmed");
}

#[test]
fn a_plain_letter_bound_in_form_acts_off_text_fields_but_never_steals_typing() {
    let mut app = app_with_keymap(Some("[form]\ndown = [\"down\"]\nsave = [\"enter\", \"j\"]\n"));
    app.handle_key(key('a'));
    type_text(&mut app, "Jojo Haji");
    let Some(Overlay::Add(form)) = &app.overlay else { panic!("the add form stays open") };
    assert_eq!(form.fields()[0].lines().join(""), "Jojo Haji", "j went into the name");
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Tab));
    }
    app.handle_key(key('j'));
    assert!(app.overlay.is_none(), "on the level, j saves: {}", app.status.text);
    assert!(app.board.cards.iter().any(|c| c.name == "Jojo Haji"), "added");
}

#[test]
fn a_discard_question_takes_the_rebound_confirm_and_ctrl_c_never_discards() {
    let mut app = app_with_keymap(Some("[dialog]\nconfirm = [\"j\"]\n"));
    app.handle_key(key('o'));
    type_text(&mut app, "Pat");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('y'));
    assert!(matches!(app.overlay, Some(Overlay::Outcome(_))), "y keeps editing now");
    app.handle_key(ctrl('c'));
    app.handle_key(ctrl('c'));
    assert!(matches!(app.overlay, Some(Overlay::Outcome(_))), "ctrl-c asks, then keeps editing");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('j'));
    assert!(app.overlay.is_none(), "j discards");
}

#[test]
fn scrolling_and_picker_keys_come_from_their_sections() {
    let mut app = app_with_keymap(Some(
        "[detail]\ndown = [\"n\"]\n\n[picker]\ndown = [\"ctrl-n\"]\nchoose = [\"tab\"]\n",
    ));
    app.resize(80, 24);
    app.handle_key(key('?'));
    app.handle_key(key('n'));
    assert!(matches!(app.overlay, Some(Overlay::Help(h)) if h.scroll == 1), "n scrolls help");
    app.handle_key(key('j'));
    assert!(app.overlay.is_none(), "j is not bound in [detail] any more: it closes help");
    app.handle_key(key('R'));
    app.handle_key(ctrl('n'));
    app.handle_key(code(KeyCode::Tab));
    assert!(app.overlay.is_none());
    assert_eq!(app.family, 1, "ctrl-n moved to the second role and tab chose it");
}
