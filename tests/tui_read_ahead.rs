//! The real TUI reads the next roles' boards ahead and keeps the board a role switch
//! loaded (issue 20, target 3): `Tab` to such a role shows what loading it would show,
//! and a change after the read (another writer's, or this user's) is never shown stale.

mod common;

use common::demo::{demo, press, screen, settle, store};
use ratatui::crossterm::event::KeyCode;
use rolecall::domain::{ApplicationId, StageId};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;

/// The real TUI's way (counts and read-ahead on a thread), settled.
fn aside(db: &std::path::Path) -> App {
    let mut app = App::counting_aside(store(db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    settle(&mut app);
    app
}

/// An app that reads everything on its own thread, on the role at `index`: what loading
/// the role shows.
fn loaded(db: &std::path::Path, index: usize, closed: bool) -> String {
    let mut app = App::new(store(db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    if closed {
        press(&mut app, KeyCode::Char('z'));
    }
    app.select_role(index);
    screen(&app)
}

#[test]
fn tab_to_a_role_read_ahead_shows_what_loading_it_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("ahead.db");
    let s = demo(&db, 600, 21);
    assert!(s.families().expect("roles").len() >= 2, "two roles at least");
    let mut app = aside(&db);
    for round in 0..3 {
        press(&mut app, KeyCode::Tab);
        settle(&mut app);
        assert_eq!(screen(&app), loaded(&db, app.family, false), "round {round}");
    }
    // With closed cards shown, read ahead again for them.
    press(&mut app, KeyCode::Char('z'));
    settle(&mut app);
    for round in 0..3 {
        press(&mut app, KeyCode::BackTab);
        settle(&mut app);
        assert_eq!(screen(&app), loaded(&db, app.family, true), "closed shown, round {round}");
    }
}

/// The first card of the first column with cards of role `index`, and that column's stage.
fn top_card(db: &std::path::Path, index: usize) -> (ApplicationId, StageId) {
    let mut app = App::new(store(db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    app.select_role(index);
    let card = app.board.selected().expect("a card");
    (card.id, card.stage_id)
}

/// Where `id` shows on the board: its column's stage, if loaded.
fn shown_in(app: &App, id: ApplicationId) -> Option<StageId> {
    let board = &app.board;
    board
        .columns
        .iter()
        .enumerate()
        .find_map(|(c, column)| column.iter().any(|&i| board.cards[i].id == id).then(|| board.stages[c].id))
}

#[test]
fn another_writers_change_after_the_read_ahead_is_not_shown_stale() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("other.db");
    let mut other = demo(&db, 600, 22);
    let mut app = aside(&db);
    // Role 2's board was read ahead; then another writer moves its top card on.
    let (id, stage) = top_card(&db, 1);
    other.step(id, true, None).expect("move it on");
    // No tick between: the `Tab` itself must not take the board read before the move.
    press(&mut app, KeyCode::Tab);
    assert_eq!(app.family, 1);
    assert_ne!(shown_in(&app, id), Some(stage), "the moved card is not in the column it left");
    settle(&mut app);
    app.tick();
    settle(&mut app);
    assert_eq!(screen(&app), loaded(&db, 1, false));
}

#[test]
fn this_users_move_forgets_the_boards_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("own.db");
    demo(&db, 600, 23);
    let mut app = aside(&db);
    // Visit role 2 (its board is kept), move its top card on, go away and come back.
    press(&mut app, KeyCode::Tab);
    settle(&mut app);
    let card = app.board.selected().expect("a card").clone();
    press(&mut app, KeyCode::Char('L'));
    assert_ne!(shown_in(&app, card.id), Some(card.stage_id), "moved: {}", app.status.text);
    settle(&mut app);
    press(&mut app, KeyCode::Tab);
    settle(&mut app);
    press(&mut app, KeyCode::BackTab);
    assert_ne!(shown_in(&app, card.id), Some(card.stage_id), "not back in the column it left");
    settle(&mut app);
    assert_eq!(screen(&app), loaded(&db, app.family, false));
}
