//! The keymap per mode (issue 14, item 2): one action table gives every action a name
//! that parses back, default keys in each mode it works in, and a line in `?` help or the
//! palette; a user file can rebind a dialog's keys and help shows the new keys.

mod common;

use common::tui::seeded_store;
use rolecall::tui::action::{Action, Mode};
use rolecall::tui::app::App;
use rolecall::tui::help::{HelpLine, help_lines};
use rolecall::tui::keymap::Keymap;
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
    let palette = Picker::palette(&app.keymap).entries;
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
