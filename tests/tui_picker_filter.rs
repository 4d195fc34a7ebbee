//! The role picker and the board filter: the selection follows the best match.

mod common;

use common::tui::{app_with, code, key, seeded_store, type_text};
use ratatui::crossterm::event::KeyCode;
use rolecall::tui::app::App;
use rolecall::tui::dialogs::Overlay;
use rolecall::tui::keymap::Keymap;

#[test]
fn role_picker_opens_the_best_match_after_typing() {
    let mut s = seeded_store(&[]);
    for title in
        ["Tax Accountant", "Taxonomy Lead", "Payroll Lead", "Manager, Customer Experience", "Facilities"]
    {
        let mut draft = common::sample_family(&["Screening"]);
        draft.title = title.into();
        s.import_family(&format!("{title}.md"), "h", &draft).unwrap();
    }
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    // Tab to the role the cursor starts on (roles are listed by title).
    while app.current_family().unwrap().title != "Manager, Customer Experience" {
        app.handle_key(code(KeyCode::Tab));
    }
    assert!(app.family >= 2, "starts below the matches");
    assert_eq!(app.current_family().unwrap().title, "Manager, Customer Experience");
    app.handle_key(key('R'));
    type_text(&mut app, "tax");
    let Overlay::RolePicker(p) = &app.overlay else { panic!("picker open") };
    assert!(p.matches.len() >= 2, "several roles match 'tax': {:?}", p.matches);
    assert_eq!(p.selected, 0, "the cursor is on the best match");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.current_family().unwrap().title, "Tax Accountant");
    // Erasing and typing again moves the selection back to the new best match.
    app.handle_key(key('R'));
    type_text(&mut app, "fac");
    app.handle_key(code(KeyCode::Down));
    app.handle_key(code(KeyCode::Backspace));
    let Overlay::RolePicker(p) = &app.overlay else { panic!("picker open") };
    assert_eq!(p.selected, 0);
    let _ = app_with(&[]);
}
