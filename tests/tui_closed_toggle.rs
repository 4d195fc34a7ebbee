//! `z` on a windowed board keeps each column's window and adds or drops its closed cards
//! (issue 20): whatever the columns' scroll, after each `z` every column holds a run of
//! its true board order (open cards, then closed ones when shown) from where its window
//! starts, the screen is full where the column has cards, and the cursor stays on its card.

mod common;

use common::demo::{demo, store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{AppStatus, ApplicationId, BoardCard};
use rolecall::store::{Change, Store};
use rolecall::tui::app::App;
use rolecall::tui::board::cards_per_column;
use rolecall::tui::keymap::Keymap;

fn press(app: &mut App, c: char) {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    app.handle_key(KeyEvent::new(KeyCode::Char(c), mods));
}

/// Each column's cards in board order: active, on hold, then (when `closed`) the closed
/// ones, each part by time in stage and id.
fn truth(s: &Store, closed: bool) -> Vec<Vec<ApplicationId>> {
    let family = s.families().expect("roles")[0].id;
    let all = s.board(family, true).expect("board");
    let part = |c: &BoardCard| match c.status {
        AppStatus::Active => 0,
        AppStatus::OnHold => 1,
        _ => 2,
    };
    let stages = s.board_stages(family).expect("stages");
    stages
        .iter()
        .map(|st| {
            let mut cards: Vec<&BoardCard> =
                all.iter().filter(|c| c.stage_id == st.id && (closed || part(c) < 2)).collect();
            cards.sort_by_key(|c| (part(c), c.stage_entered_at, c.id.0));
            cards.into_iter().map(|c| c.id).collect()
        })
        .collect()
}

/// Every column is a run of its true order from its window's start, and fills the screen.
fn check(app: &App, open: &[Vec<ApplicationId>], all: &[Vec<ApplicationId>], step: &str) {
    let b = &app.board;
    assert!(b.is_windowed(), "{step}");
    let truth = if app.show_closed { all } else { open };
    let screen = cards_per_column(40 - 2);
    for (c, want) in truth.iter().enumerate() {
        let loaded: Vec<ApplicationId> = b.columns[c].iter().map(|&i| b.cards[i].id).collect();
        let base = b.base(c);
        let end = (base + loaded.len()).min(want.len());
        assert_eq!(loaded, want[base.min(end)..end], "{step}: column {c} from {base}");
        let below = want.len().saturating_sub(base + b.offsets[c]);
        let shown = loaded.len().saturating_sub(b.offsets[c]);
        assert!(shown >= below.min(screen), "{step}: column {c} shows {shown} of {below} below its offset");
    }
}

#[test]
fn z_adds_or_drops_closed_cards_in_every_column_wherever_it_is_scrolled() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("toggle.db");
    let s = demo(&db, 6_000, 11);
    let (open, all) = (truth(&s, false), truth(&s, true));
    let lens: Vec<(usize, usize)> = open.iter().zip(&all).map(|(o, a)| (o.len(), a.len())).collect();
    let long = open.iter().position(|c| c.len() > 100).unwrap_or_else(|| panic!("a long column: {lens:?}"));
    let short = (0..open.len())
        .find(|&c| open[c].len() < 8 && all[c].len() > open[c].len() + 40)
        .unwrap_or_else(|| panic!("a short column with many closed cards: {lens:?}"));
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    let step = |app: &mut App, keys: &str, what: &str| {
        for c in keys.chars() {
            press(app, c);
        }
        check(app, &open, &all, what);
    };
    step(&mut app, "z", "shown at the top");
    step(&mut app, "z", "hidden at the top");
    // Deep in a long column, then in the closed cards of a short one.
    app.board.col = long;
    step(&mut app, &"j".repeat(70), "deep in a long column");
    let deep = app.board.selected().map(|c| c.id);
    step(&mut app, "z", "shown, deep");
    assert_eq!(app.board.selected().map(|c| c.id), deep, "the cursor stays on its card");
    step(&mut app, "z", "hidden, deep");
    assert_eq!(app.board.selected().map(|c| c.id), deep, "the cursor stays on its card");
    app.board.col = short;
    step(&mut app, "z", "shown, short column");
    step(&mut app, &"j".repeat(35), "in the closed cards");
    assert!(app.board.selected().is_some_and(|c| c.status.is_closed()), "on a closed card");
    step(&mut app, "z", "hidden from a closed card");
    assert_eq!(app.board.selected().map(|c| c.id), open[short].last().copied(), "on the last open card");
    step(&mut app, "z", "shown again");
    step(&mut app, &"j".repeat(35), "in the closed cards again");
    // A reload anchors the column around the cursor: its window holds closed cards only.
    app.reload(None).expect("reload");
    assert!(app.board.base(short) > open[short].len(), "the window starts among the closed cards");
    check(&app, &open, &all, "reloaded among the closed cards");
    step(&mut app, "z", "hidden from a window of closed cards");
    for _ in 0..6 {
        step(&mut app, "z", "toggled");
        step(&mut app, "jk", "moved");
    }
}

/// `z` after another writer closed a card no tick has seen yet: the board is read again,
/// so the card shows once, closed (in place it was loaded open and came again closed).
#[test]
fn z_after_another_writers_change_shows_each_card_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("other.db");
    let mut other = demo(&db, 2_000, 5);
    let open = truth(&other, false);
    // A column whose open cards all fit on the screen, so `z` reads its closed ones.
    let c = (0..open.len()).find(|&c| (2..8).contains(&open[c].len())).expect("a short column");
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    let gone = open[c][0];
    other.reject(gone, rolecall::domain::RejectReason::Other, None, None).expect("reject");
    press(&mut app, 'z');
    let ids: Vec<ApplicationId> = app.board.cards.iter().map(|card| card.id).collect();
    let mut once = ids.clone();
    once.sort_by_key(|id| id.0);
    once.dedup();
    assert_eq!(once.len(), ids.len(), "a card shown twice");
    assert!(
        !app.board.cards.iter().any(|card| card.id == gone && card.status == AppStatus::Active),
        "shown as open"
    );
    check(&app, &truth(&other, false), &truth(&other, true), "shown after another writer's change");
}

/// The same on a filter's board (every card of the role read, no windows): after another
/// writer's change `z` shows what a fresh session shows for the same keys.
#[test]
fn z_on_a_filtered_board_after_another_writers_change_shows_the_fresh_board() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("filtered.db");
    let mut other = demo(&db, 2_000, 5);
    let filtered = |app: &mut App| {
        app.resize(120, 40);
        for c in "/an".chars() {
            press(app, c);
        }
        app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    };
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    filtered(&mut app);
    assert!(!app.board.is_windowed(), "a filter's board");
    let gone = app.board.selected().expect("a card matches").id;
    other.reject(gone, rolecall::domain::RejectReason::Other, None, None).expect("reject");
    press(&mut app, 'z');
    let mut fresh = App::new(store(&db), Keymap::defaults()).expect("app");
    filtered(&mut fresh);
    press(&mut fresh, 'z');
    let columns = |app: &App| -> Vec<Vec<ApplicationId>> {
        let b = &app.board;
        b.columns.iter().map(|c| c.iter().map(|&i| b.cards[i].id).collect()).collect()
    };
    assert!(app.show_closed && fresh.show_closed);
    assert_eq!(columns(&app), columns(&fresh), "the board a fresh session shows");
    assert!(!app.board.cards.iter().any(|c| c.id == gone && c.status == AppStatus::Active), "shown as open");
}

/// Watched (a server's live refresh): another writer's changes come announced
/// (`App::on_changes`), so `z` does not ask `data_version`. Whether the announcement comes
/// before `z` or after it, the board ends as a fresh session's with `z`: each card once,
/// the closed card not open, every column a run of its true order.
#[test]
fn z_in_watched_mode_ends_on_the_fresh_board_whenever_the_change_is_announced() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("watched.db");
    let mut other = demo(&db, 2_000, 5);
    let open = truth(&other, false);
    // A column whose open cards all fit on the screen, so `z` reads its closed ones.
    let c = (0..open.len()).find(|&c| (3..8).contains(&open[c].len())).expect("a short column");
    let announce = |app: &mut App| app.on_changes(vec![Change::Committed(vec!["applications".into()])]);
    for announced_first in [true, false] {
        let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
        app.set_watched();
        app.resize(120, 40);
        let gone = truth(&other, false)[c][0];
        other.reject(gone, rolecall::domain::RejectReason::Other, None, None).expect("reject");
        if announced_first {
            announce(&mut app);
            press(&mut app, 'z');
        } else {
            press(&mut app, 'z');
            announce(&mut app);
        }
        let step = if announced_first { "announced, then z" } else { "z, then announced" };
        assert!(app.show_closed, "{step}: z stays on through the reload");
        let mut fresh = App::new(store(&db), Keymap::defaults()).expect("app");
        fresh.resize(120, 40);
        press(&mut fresh, 'z');
        // What each column shows (the windows may hold different cards beyond the screen).
        let shown = |app: &App| -> Vec<Vec<ApplicationId>> {
            let (b, screen) = (&app.board, cards_per_column(40 - 2));
            let column = |(c, cards): (usize, &Vec<usize>)| {
                cards.iter().skip(b.offsets[c]).take(screen).map(|&i| b.cards[i].id).collect()
            };
            b.columns.iter().enumerate().map(column).collect()
        };
        assert_eq!(shown(&app), shown(&fresh), "{step}: the board a fresh session shows");
        let ids: Vec<ApplicationId> = app.board.cards.iter().map(|card| card.id).collect();
        let mut once = ids.clone();
        once.sort_by_key(|id| id.0);
        once.dedup();
        assert_eq!(once.len(), ids.len(), "{step}: a card shown twice");
        let open_still =
            app.board.cards.iter().any(|card| card.id == gone && card.status == AppStatus::Active);
        assert!(!open_still, "{step}: the closed card shown as open");
        check(&app, &truth(&other, false), &truth(&other, true), step);
    }
}
