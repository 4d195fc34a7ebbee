//! The real TUI counts a windowed board's columns on a thread (issue 20): the board comes
//! first with "…" for each count, never a number that is not the column's, and the
//! counts come on a later tick; the roles `Tab` goes to are counted ahead; a change,
//! this user's or another writer's, forgets counts taken before it.

mod common;

use common::demo::{demo, press, screen, settle, store};
use ratatui::crossterm::event::KeyCode;
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::{AppStatus, BoardCard};
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;

/// Each column's open cards of the role on screen, as the store has them now.
fn truth(s: &Store, app: &App) -> Vec<usize> {
    let family = app.current_family().expect("a role").id;
    let open: Vec<BoardCard> = s.board(family, false).expect("board");
    let stages = s.board_stages(family).expect("stages");
    stages
        .iter()
        .map(|st| open.iter().filter(|c| c.stage_id == st.id && !c.status.is_closed()).count())
        .collect()
}

fn counts(app: &App) -> Vec<Option<usize>> {
    (0..app.board.columns.len()).map(|c| app.board.counted(c).then(|| app.board.count(c))).collect()
}

#[test]
fn the_board_shows_dots_until_its_counts_come_then_the_columns_true_counts() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("aside.db");
    let s = demo(&db, 600, 11);
    let mut app = App::counting_aside(store(&db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    assert!(app.board.is_windowed());
    // Nothing is taken from the thread before a tick or a key: no column has a number.
    assert!(counts(&app).iter().all(Option::is_none), "{:?}", counts(&app));
    let first = screen(&app);
    assert!(first.contains("(…)"), "the header says the counts are coming");
    settle(&mut app);
    let want: Vec<Option<usize>> = truth(&s, &app).into_iter().map(Some).collect();
    assert_eq!(counts(&app), want);
    assert!(!screen(&app).contains("(…)"));
    // The next role was counted ahead: Tab shows its counts at once.
    press(&mut app, KeyCode::Tab);
    let want: Vec<Option<usize>> = truth(&s, &app).into_iter().map(Some).collect();
    assert_eq!(counts(&app), want, "{}", app.status.text);
}

#[test]
fn the_bottom_of_a_column_is_found_before_its_count_comes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("bottom.db");
    let s = demo(&db, 4_000, 14);
    let mut app = App::counting_aside(store(&db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    let lens = truth(&s, &app);
    let (c, &want) = lens.iter().enumerate().max_by_key(|(_, n)| **n).expect("columns");
    assert!(want > 20, "a column longer than its first window: {lens:?}");
    // The first windows fill the screen the app was made for (120×40: 12 cards a column).
    let fits = rolecall::tui::board::cards_per_column(38);
    assert!(app.board.loaded(c) >= fits, "{} loaded, {fits} fit", app.board.loaded(c));
    // `G` at once: the column is counted for it if the thread has not counted it yet.
    app.board.col = c;
    press(&mut app, KeyCode::Char('G'));
    assert_eq!(app.board.base(c) + app.board.rows[c] + 1, want);
    settle(&mut app);
    assert_eq!(app.board.count(c), want);
}

#[test]
fn a_change_forgets_counts_taken_before_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("change.db");
    let mut other = demo(&db, 600, 12);
    let mut app = App::counting_aside(store(&db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    // Another writer moves the first card on while the counts are (or were) being taken.
    let card = app.board.selected().expect("a card").clone();
    assert_eq!(card.status, AppStatus::Active);
    other.step(card.id, true, None).expect("move it on");
    settle(&mut app);
    app.tick();
    settle(&mut app);
    let want: Vec<Option<usize>> = truth(&other, &app).into_iter().map(Some).collect();
    assert_eq!(counts(&app), want, "counted after the other writer's move");
    // This user's move before the counts came: both columns are counted again.
    let mut app = App::counting_aside(store(&db), Keymap::defaults(), (120, 40)).expect("app");
    app.resize(120, 40);
    press(&mut app, KeyCode::Char('L'));
    settle(&mut app);
    let want: Vec<Option<usize>> = truth(&other, &app).into_iter().map(Some).collect();
    assert_eq!(counts(&app), want, "counted after this user's move: {}", app.status.text);
}

#[test]
fn in_memory_the_counts_are_taken_at_once() {
    let mut s = Store::open_in_memory().expect("store");
    import_bundled(&mut s).expect("bundled roles");
    fill(&mut s, DemoOptions { candidates: 200, seed: 13 }).expect("demo");
    let app = App::counting_aside(s, Keymap::defaults(), (120, 40)).expect("app");
    assert!(!app.counts_waiting());
    let want: Vec<Option<usize>> = truth(app.store(), &app).into_iter().map(Some).collect();
    assert_eq!(counts(&app), want);
}
