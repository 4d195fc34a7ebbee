//! Live refresh in the run loop: a change announced by the store's watch wakes the loop,
//! which reloads the board once for a burst of changes and hands out the keys that
//! arrived meanwhile afterwards; an app whose changes are announced no longer reloads on
//! its tick. (The PostgreSQL watch itself: tests/pg_live.rs.)

mod common;

use common::tui::{key, seeded_store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::Event;
use rolecall::store::{Change, Store};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::live::{LiveEvents, Wake};
use rolecall::tui::run::{EventSource, run_loop};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

/// An app on a file holding one candidate, and a second store on the same file (another
/// writer).
fn two_writers(dir: &std::path::Path) -> (App, Store) {
    let path = dir.join("rolecall.db");
    let seeded = seeded_store(&["Ana Ruiz"]);
    seeded.debug_execute(&format!("VACUUM INTO '{}'", path.display())).unwrap();
    let mut app = App::new(Store::open(&path).unwrap(), Keymap::defaults()).unwrap();
    app.set_watched();
    (app, Store::open(&path).unwrap())
}

fn committed() -> Wake {
    Wake::Changed(Change::Committed(vec!["applications".into(), "events".into()]))
}

#[test]
fn an_announced_change_reloads_the_board_and_keys_wait_their_turn() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut other) = two_writers(dir.path());
    let card = app.board.selected().unwrap().clone();
    let moved = other.step(card.id, true, None).unwrap().application;

    let (mut events, input) = LiveEvents::channel();
    input.send(committed()).unwrap();
    input.send(Wake::Input(Ok(Event::Key(key('j'))))).unwrap();
    input.send(committed()).unwrap();
    input.send(Wake::Input(Ok(Event::Key(key('q'))))).unwrap();
    // The two commits come out together, then the keys in their order.
    assert!(events.next(Duration::from_secs(1)).unwrap().is_none());
    assert_eq!(events.take_changes().len(), 2);
    assert_eq!(events.take_changes(), Vec::new());
    assert_eq!(events.next(Duration::from_secs(1)).unwrap(), Some(Event::Key(key('j'))));
    assert_eq!(events.next(Duration::from_secs(1)).unwrap(), Some(Event::Key(key('q'))));

    input.send(committed()).unwrap();
    input.send(Wake::Input(Ok(Event::Key(key('q'))))).unwrap();
    let mut terminal = Terminal::new(TestBackend::new(100, 30)).unwrap();
    run_loop(&mut terminal, &mut app, &mut events, &AtomicBool::new(false)).unwrap();
    let seen = app.board.selected().unwrap();
    assert_eq!((seen.id, seen.stage_id, seen.version), (card.id, moved.stage_id, moved.version));
}

#[test]
fn a_watched_app_does_not_reload_on_its_tick_and_says_when_the_watch_is_lost() {
    let dir = tempfile::tempdir().unwrap();
    let (mut app, mut other) = two_writers(dir.path());
    let card = app.board.selected().unwrap().clone();
    other.step(card.id, true, None).unwrap();
    app.tick();
    assert_eq!(app.board.selected().unwrap().version, card.version, "announced changes only");

    app.on_changes(vec![Change::Lost("the server closed the connection".into())]);
    assert!(app.status.error && app.status.text.contains("Live refresh lost"), "{:?}", app.status);
    assert_eq!(app.board.selected().unwrap().version, card.version);
    app.on_changes(vec![Change::Resumed]);
    assert!(!app.status.error && app.status.text.contains("back"), "{:?}", app.status);
    assert_eq!(app.board.selected().unwrap().version, card.version + 1, "reloaded after the gap");
}
