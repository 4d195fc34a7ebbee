//! The board working a big pipeline (issue 17): marks and bulk actions with one undo,
//! the stage picker, search everywhere with a jump to the card, and the mark of a card
//! past its stage's limit.

mod common;

use common::tui::{app_with, code, draw, key, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::AppStatus;
use rolecall::store::NewCandidate;
use rolecall::tui::app::App;

fn ctrl(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL)
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let t = draw(app, w, h);
    let buf = t.backend().buffer();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

/// The status of every application of the role (the board loads only what it shows).
fn statuses(app: &App) -> Vec<AppStatus> {
    let family = app.current_family().unwrap().id;
    app.store().board(family, true).unwrap().iter().map(|c| c.status).collect()
}

#[test]
fn twenty_marked_cards_are_rejected_with_one_reason_and_one_undo_restores_them() {
    let names: Vec<String> = (0..21).map(|i| format!("Person {i:02}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let mut app = app_with(&names);
    // Mark the whole column, then unmark one with Space.
    app.handle_key(key('V'));
    assert_eq!(app.marked.len(), 21);
    app.handle_key(key(' '));
    assert_eq!(app.marked.len(), 20, "Space unmarked the selected card");
    assert!(screen(&mut app, 120, 40).contains("* Person 01"), "marked cards show a star");
    let events = app.store().event_count().unwrap();
    app.handle_key(key('r'));
    app.handle_key(key('3')); // Compensation
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().event_count().unwrap(), events + 20, "one dialog, twenty rejections");
    assert!(app.status.text.contains("Rejected 20 candidates"), "{}", app.status.text);
    assert!(app.marked.is_empty());
    app.handle_key(key('z'));
    let rejected = statuses(&app).iter().filter(|s| **s == AppStatus::Rejected).count();
    assert_eq!(rejected, 20);
    // One undo brings all twenty back; one redo rejects them again.
    app.handle_key(key('u'));
    assert!(statuses(&app).iter().all(|s| *s == AppStatus::Active), "{}", app.status.text);
    app.handle_key(ctrl('r'));
    assert_eq!(statuses(&app).iter().filter(|s| **s == AppStatus::Rejected).count(), 20);
}

#[test]
fn a_bulk_move_with_a_card_changed_elsewhere_changes_nothing_and_names_it() {
    let mut app = app_with(&["Ana", "Bo", "Cy"]);
    app.handle_key(key('V'));
    let bo = app.board.cards.iter().find(|c| c.name == "Bo").unwrap().id;
    // Someone else moves Bo after this board loaded (the board still shows version 1).
    rolecall::tui::app::store_mut(&mut app).step(bo, true, None).unwrap();
    let events = app.store().event_count().unwrap();
    app.handle_key(key('t'));
    type_text(&mut app, "leader");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("Move the 3 marked candidates to Leader?"), "asks once: {text}");
    app.handle_key(key('y'));
    assert_eq!(app.store().event_count().unwrap(), events, "nothing was written");
    assert!(
        app.status.text.contains("Bo") && app.status.text.contains("none of the 3"),
        "{}",
        app.status.text
    );
}

#[test]
fn the_stage_picker_asks_before_passing_a_stage_short_of_interviews() {
    let store = common::tui::seeded_store(&["Ana"]);
    store
        .debug_execute("UPDATE stages SET min_interviews = 2, max_interviews = 2 WHERE label = 'Stakeholder'")
        .unwrap();
    let mut app = App::new(store, rolecall::tui::keymap::Keymap::defaults()).unwrap();
    let ana = app.board.selected().unwrap().id;
    // Up to Stakeholder, nothing is short.
    app.handle_key(key('t'));
    type_text(&mut app, "stake");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(ana).unwrap().stage_label, "Stakeholder");
    app.handle_key(key('t'));
    type_text(&mut app, "cfo");
    app.handle_key(code(KeyCode::Enter));
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("anyway?"), "asks first: {text}");
    app.handle_key(key('y'));
    assert_eq!(app.store().application(ana).unwrap().stage_label, "CFO");
}

#[test]
fn search_everywhere_finds_a_misspelt_surname_and_jumps_to_the_card() {
    let mut store = common::tui::seeded_store(&["Bo Lee"]);
    let fam = store.families().unwrap()[1].id;
    let level = store.levels(fam).unwrap()[0].id;
    let p = NewCandidate { name: "Ana Jovanović".into(), ..Default::default() };
    let app_id = store.add_candidate_and_apply(&p, level).unwrap().application.id;
    let mut app = App::new(store, rolecall::tui::keymap::Keymap::defaults()).unwrap();
    assert_eq!(app.current_family().unwrap().title, "IT Program Management Office");
    app.handle_key(ctrl('f'));
    type_text(&mut app, "jovnov");
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("Ana Jovanović"), "{text}");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.current_family().unwrap().title, "Director, IT Operations");
    assert_eq!(app.board.selected().unwrap().id, app_id);
    // After this app's own write the search reads everyone again (the data_version of
    // SQLite's own connection does not move).
    let new = NewCandidate { name: "Cleo Marsh".into(), ..Default::default() };
    rolecall::tui::app::store_mut(&mut app).add_candidate_and_apply(&new, level).unwrap();
    app.reload(None).unwrap();
    app.handle_key(ctrl('f'));
    type_text(&mut app, "marsh");
    assert!(screen(&mut app, 80, 24).contains("Cleo Marsh"));
}

#[test]
fn on_a_big_database_search_everywhere_reads_everyone_on_a_thread_and_keeps_what_was_typed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("search.db");
    let mut store = common::tui::seed(rolecall::store::Store::open(&db).unwrap(), &["Bo Lee"]);
    let fam = store.families().unwrap()[1].id;
    let level = store.levels(fam).unwrap()[0].id;
    let p = NewCandidate { name: "Ana Jovanović".into(), ..Default::default() };
    let app_id = store.add_candidate_and_apply(&p, level).unwrap().application.id;
    let mut app = App::new(store, rolecall::tui::keymap::Keymap::defaults()).unwrap();
    // Every database is "big" here: the index is read on a thread.
    app.search_at_once = 0;
    app.handle_key(ctrl('f'));
    type_text(&mut app, "jovnov");
    // Keys do not take the index (only a tick does): the box says it is reading, and Enter
    // with nothing found yet keeps it open.
    assert!(app.search_waiting());
    let text = screen(&mut app, 100, 24);
    assert!(text.contains("reading everyone"), "{text}");
    assert!(!text.contains("Ana Jovanović"), "{text}");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.overlay.is_some(), "still searching");
    let start = std::time::Instant::now();
    while app.search_waiting() {
        assert!(start.elapsed() < std::time::Duration::from_secs(30), "the index never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
    // What was typed meanwhile is searched when the index comes.
    let text = screen(&mut app, 100, 24);
    assert!(text.contains("Ana Jovanović"), "{text}");
    assert!(text.contains("(2 people)"), "{text}");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.current_family().unwrap().title, "Director, IT Operations");
    assert_eq!(app.board.selected().unwrap().id, app_id);
    // Opened again with nothing changed: the same index, at once.
    app.handle_key(ctrl('f'));
    assert!(!app.search_waiting());
    type_text(&mut app, "lee");
    assert!(screen(&mut app, 100, 24).contains("Bo Lee"));
    app.handle_key(code(KeyCode::Esc));
    // This app's own write (SQLite's data_version does not count it): read again.
    let new = NewCandidate { name: "Cleo Marsh".into(), ..Default::default() };
    rolecall::tui::app::store_mut(&mut app).add_candidate_and_apply(&new, level).unwrap();
    app.reload(None).unwrap();
    app.handle_key(ctrl('f'));
    assert!(app.search_waiting(), "the kept index is not the data now");
    type_text(&mut app, "marsh");
    while app.search_waiting() {
        assert!(start.elapsed() < std::time::Duration::from_secs(60), "the index never came");
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
    let text = screen(&mut app, 100, 24);
    assert!(text.contains("Cleo Marsh") && text.contains("(3 people)"), "{text}");
}

#[test]
fn the_role_picker_shows_department_levels_open_and_tells_same_titles_apart() {
    let mut store = common::tui::seeded_store(&["Ana", "Bo"]);
    let mut twin = common::sample_family(&["Screening", "Offer"]);
    twin.title = "IT Program Management Office".into();
    store.import_family("pages/finance__it__pmo-two.md", "h3", &twin).unwrap();
    let levels = store.levels(store.families().unwrap()[0].id).unwrap().len();
    let mut app = App::new(store, rolecall::tui::keymap::Keymap::defaults()).unwrap();
    app.handle_key(key('R'));
    let text = screen(&mut app, 120, 40);
    let first = format!("IT Program Management Office (a.md) · {levels} levels · 2 open");
    assert!(text.contains(&first), "{text}");
    assert!(
        text.contains("IT Program Management Office (finance__it__pmo-two.md) · finance / it ·"),
        "{text}"
    );
    assert!(text.contains("Director, IT Operations ·"), "{text}");
}
