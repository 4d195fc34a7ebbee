//! The role picker and the board filter: the selection follows the best match.

mod common;

use common::tui::{app_with, code, key, seeded_store, type_text};
use ratatui::crossterm::event::KeyCode;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;

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
    let Some(Overlay::RolePicker(p)) = &app.overlay else { panic!("picker open") };
    assert!(p.matches.len() >= 2, "several roles match 'tax': {:?}", p.matches);
    assert_eq!(p.selected, 0, "the cursor is on the best match");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.current_family().unwrap().title, "Tax Accountant");
    // Erasing and typing again moves the selection back to the new best match.
    app.handle_key(key('R'));
    type_text(&mut app, "fac");
    app.handle_key(code(KeyCode::Down));
    app.handle_key(code(KeyCode::Backspace));
    let Some(Overlay::RolePicker(p)) = &app.overlay else { panic!("picker open") };
    assert_eq!(p.selected, 0);
}

#[test]
fn filter_matches_names_not_levels_folds_accents_and_esc_on_the_board_clears_it() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Marko Jovanović", "Dana Anand"]);
    app.handle_key(key('/'));
    type_text(&mut app, "manager");
    assert_eq!(app.board.count(0), 0, "the level (Senior Tester) is not searched");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('/'));
    type_text(&mut app, "ana");
    assert_eq!(app.board.count(0), 2, "Ana Ruiz and Dana Anand");
    assert_eq!(app.board.selected().unwrap().name, "Ana Ruiz", "the best match is selected");
    for _ in 0..3 {
        app.handle_key(code(KeyCode::Backspace));
    }
    type_text(&mut app, "jovanovic");
    assert_eq!(app.board.selected().unwrap().name, "Marko Jovanović", "accents folded");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.filter, "jovanovic", "applied");
    assert_eq!(app.board.count(0), 1);
    app.handle_key(code(KeyCode::Esc));
    assert!(app.filter.is_empty(), "Esc on the board clears the applied filter");
    assert_eq!(app.board.count(0), 4);
}

#[test]
fn filter_finds_email_and_source() {
    use rolecall::store::NewCandidate;
    let mut s = seeded_store(&[]);
    let fam = s.families().unwrap()[0].id;
    let level = s.level_by_name(fam, "senior").unwrap();
    for (name, email, source) in
        [("Cy Doe", "cy@acme.test", "referral"), ("Di Fox", "di@other.test", "job board")]
    {
        let c = s
            .add_candidate(&NewCandidate {
                name: name.into(),
                email: Some(email.into()),
                source: Some(source.into()),
                ..Default::default()
            })
            .unwrap();
        s.apply(c, level.id).unwrap();
    }
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    app.handle_key(key('/'));
    type_text(&mut app, "acme");
    assert_eq!(app.board.selected().unwrap().name, "Cy Doe");
    assert_eq!(app.board.count(0), 1);
    for _ in 0..4 {
        app.handle_key(code(KeyCode::Backspace));
    }
    type_text(&mut app, "job board");
    assert_eq!(app.board.selected().unwrap().name, "Di Fox");
    assert_eq!(app.board.count(0), 1);
}
