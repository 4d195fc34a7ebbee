//! The filter ranked off the UI thread (issue 20): on a big role the real TUI hands each
//! typed filter to a thread and shows the last result until the new one comes. Once the
//! typing settles the board shows exactly what filtering at once shows, whatever order
//! the results came in: a result for an older filter is never shown, nor a filtered board
//! after the filter was cleared.

mod common;

use common::demo::{demo, settle, store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::ApplicationId;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use std::time::Duration;

fn key(app: &mut App, code: KeyCode) {
    app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        key(app, KeyCode::Char(c));
    }
}

/// Let the threads finish without looking (their results wait in their channels).
fn pause() {
    std::thread::sleep(Duration::from_millis(60));
}

/// What the board shows: windowed or not, and each column's cards in order.
fn shown(app: &App) -> (bool, Vec<Vec<ApplicationId>>) {
    let b = &app.board;
    (b.is_windowed(), b.columns.iter().map(|c| c.iter().map(|&i| b.cards[i].id).collect()).collect())
}

/// What filtering at once shows for `typed` (the app tests use, no threads).
fn at_once(db: &std::path::Path, typed: &str) -> (bool, Vec<Vec<ApplicationId>>) {
    let mut app = App::new(store(db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, typed);
    shown(&app)
}

#[test]
fn a_filter_ranked_on_a_thread_settles_on_what_filtering_at_once_shows() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("rank.db");
    let s = demo(&db, 3_000, 5);
    drop(s);
    let mut app = App::counting_aside(store(&db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    // Every board counts as big: every filter is ranked on a thread.
    app.rank_at_once = 0;
    settle(&mut app);
    let windowed = shown(&app);
    assert!(windowed.0);
    key(&mut app, KeyCode::Char('/'));
    // The first letter: the windowed board stays until the ranking comes.
    type_text(&mut app, "a");
    assert!(app.filter_waiting(), "ranked on a thread");
    assert_eq!(shown(&app), windowed, "the last result stays on screen meanwhile");
    settle(&mut app);
    assert_eq!(shown(&app), at_once(&db, "a"));
    // Results of older filters wait in their channels while newer keys come.
    for typed in ["n", "a", " ", "r"] {
        type_text(&mut app, typed);
        pause();
    }
    settle(&mut app);
    assert_eq!(shown(&app), at_once(&db, "ana r"), "typed quickly");
    key(&mut app, KeyCode::Backspace);
    pause();
    key(&mut app, KeyCode::Backspace);
    settle(&mut app);
    assert_eq!(shown(&app), at_once(&db, "ana"), "erased");
    // Back to what is shown while its ranking is still out: nothing stale comes after.
    type_text(&mut app, "x");
    key(&mut app, KeyCode::Backspace);
    pause();
    settle(&mut app);
    assert_eq!(shown(&app), at_once(&db, "ana"), "typed and erased before the result");
    // Cleared: windows again; cleared while the first letter's ranking is out: they stay.
    key(&mut app, KeyCode::Esc);
    settle(&mut app);
    let cleared = shown(&app);
    assert!(cleared.0, "cleared: windows again");
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "b");
    key(&mut app, KeyCode::Esc);
    pause();
    settle(&mut app);
    assert_eq!(shown(&app), cleared, "cleared before the first result came");
    assert!(app.filter.is_empty());
    // And a new filter after that still settles right.
    key(&mut app, KeyCode::Char('/'));
    type_text(&mut app, "e");
    pause();
    type_text(&mut app, "l");
    settle(&mut app);
    assert_eq!(shown(&app), at_once(&db, "el"), "a new filter");
}
