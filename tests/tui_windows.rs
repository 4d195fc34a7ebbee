//! A board without a filter loads a window of each column (issue 20): the columns count
//! every open card, the cursor walks them in board order from either end as they are
//! paged in, a move updates the counts of both columns, and a filter still searches
//! every open card of the role.

mod common;

use common::demo::{demo, store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{AppStatus, ApplicationId, BoardCard};
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;

fn key(app: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.handle_key(KeyEvent::new(code, mods));
}

fn press(app: &mut App, c: char) {
    key(app, KeyCode::Char(c));
}

fn selected(app: &App) -> Option<ApplicationId> {
    app.board.selected().map(|s| s.id)
}

/// The cards the cursor visits from where it is, pressing `c` up to `steps` times.
fn walk(app: &mut App, c: char, steps: usize) -> Vec<ApplicationId> {
    let mut seen: Vec<ApplicationId> = selected(app).into_iter().collect();
    for _ in 0..steps {
        press(app, c);
        if let Some(id) = selected(app).filter(|id| seen.last() != Some(id)) {
            seen.push(id);
        }
    }
    seen
}

/// Each column's open cards in board order: active, then on hold, by time in stage.
fn columns(s: &Store) -> Vec<Vec<ApplicationId>> {
    let family = s.families().expect("roles")[0].id;
    let all = s.board(family, false).expect("board");
    let rank = |c: &BoardCard| u8::from(c.status == AppStatus::OnHold);
    let stages = s.board_stages(family).expect("stages");
    stages
        .iter()
        .map(|st| {
            let mut cards: Vec<&BoardCard> = all.iter().filter(|c| c.stage_id == st.id).collect();
            cards.sort_by_key(|c| rank(c));
            cards.into_iter().map(|c| c.id).collect()
        })
        .collect()
}

#[test]
fn a_windowed_board_counts_every_card_and_walks_them_in_board_order_from_either_end() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("windows.db");
    let s = demo(&db, 10_000, 7);
    let expected = columns(&s);
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    assert!(app.board.is_windowed());
    for (k, column) in expected.iter().enumerate() {
        assert_eq!(app.board.count(k), column.len(), "column {k} counts every open card");
    }
    let lens: Vec<usize> = expected.iter().map(Vec::len).collect();
    let c =
        expected.iter().position(|col| col.len() > 100).unwrap_or_else(|| panic!("a long column: {lens:?}"));
    assert!(app.board.loaded(c) < expected[c].len(), "only a window is loaded");
    app.board.col = c;
    assert_eq!(walk(&mut app, 'j', expected[c].len() + 5), expected[c], "top to bottom");
    // From a fresh board: G loads the column's end, k walks back up to its top.
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    app.board.col = c;
    press(&mut app, 'G');
    assert_eq!(selected(&app), expected[c].last().copied());
    assert!(app.board.base(c) > 0, "the end was loaded, not the whole column");
    let mut up = walk(&mut app, 'k', expected[c].len() + 5);
    up.reverse();
    assert_eq!(up, expected[c], "bottom to top");
    press(&mut app, 'G');
    press(&mut app, 'g');
    assert_eq!(selected(&app), expected[c].first().copied());
}

#[test]
fn a_move_updates_both_columns_and_a_filter_searches_every_card() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("moves.db");
    let s = demo(&db, 10_000, 8);
    let before = columns(&s);
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    let c = before.iter().position(|col| col.len() > 100).expect("a long column");
    app.board.col = c;
    // Deep in the column, past the first window.
    walk(&mut app, 'j', 70);
    let moved = selected(&app).expect("a card");
    press(&mut app, 'L');
    let after = columns(app.store());
    assert_ne!(after, before, "the card moved: {}", app.status.text);
    for (k, column) in after.iter().enumerate() {
        assert_eq!(app.board.count(k), column.len(), "column {k} after the move");
    }
    assert_eq!(selected(&app), Some(moved), "the cursor follows the card");
    let to = app.board.col;
    assert_ne!(to, c);
    assert_eq!(after[to].iter().position(|&id| id == moved), Some(app.board.base(to) + app.board.rows[to]));
    // A filter: every open card searched; Esc brings the windows back.
    press(&mut app, '/');
    for ch in "an".chars() {
        press(&mut app, ch);
    }
    assert!(!app.board.is_windowed());
    let found: usize = (0..after.len()).map(|k| app.board.count(k)).sum();
    let names: Vec<BoardCard> = app.store().board(app.current_family().unwrap().id, false).unwrap();
    let matching = names
        .iter()
        .filter(|n| {
            [n.name.as_str(), n.email.as_deref().unwrap_or(""), n.source.as_deref().unwrap_or("")]
                .iter()
                .any(|t| rolecall::domain::text::fold(t).contains("an"))
        })
        .count();
    assert_eq!(found, matching);
    key(&mut app, KeyCode::Esc);
    assert!(app.board.is_windowed());
    for (k, column) in after.iter().enumerate() {
        assert_eq!(app.board.count(k), column.len(), "column {k} after the filter");
    }
}

#[test]
fn a_filter_on_a_big_role_reads_its_cards_off_the_ui_thread_and_keeps_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("thread.db");
    let s = demo(&db, 1_500, 9);
    let family = s.families().expect("roles")[0].id;
    let open = s.board(family, false).expect("board");
    let matching = |word: &str| {
        open.iter()
            .filter(|n| {
                [n.name.as_str(), n.email.as_deref().unwrap_or(""), n.source.as_deref().unwrap_or("")]
                    .iter()
                    .any(|t| rolecall::domain::text::fold(t).contains(word))
            })
            .count()
    };
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    // Every role counts as big: its cards are read by a thread.
    app.read_at_once = 0;
    press(&mut app, '/');
    press(&mut app, 'a');
    press(&mut app, 'n');
    for _ in 0..1_000 {
        if !app.filter_waiting() && !app.board.is_windowed() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
    assert!(!app.board.is_windowed(), "the filter applied when the cards came: {}", app.status.text);
    let found: usize = (0..app.board.columns.len()).map(|k| app.board.count(k)).sum();
    assert_eq!(found, matching("an"));
    // The thread then reads every open card's scorecard figures: the filter's cards get
    // them (no query per screen), as the board reads them.
    for _ in 0..1_000 {
        if app.board.scored.iter().all(|&s| s) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
        app.tick();
    }
    assert!(app.board.scored.iter().all(|&s| s), "every card has its figures");
    for card in &app.board.cards {
        let want = open.iter().find(|c| c.id == card.id).expect("an open card");
        let figures = |c: &BoardCard| (c.last_recommendation, c.interviews_at_stage);
        assert_eq!(figures(card), figures(want), "{}", card.name);
    }
    // Cleared, then filtered again: the cards read are kept, no thread this time.
    key(&mut app, KeyCode::Esc);
    assert!(app.board.is_windowed());
    press(&mut app, '/');
    press(&mut app, 'a');
    assert!(!app.filter_waiting() && !app.board.is_windowed(), "filtered at once");
    let found: usize = (0..app.board.columns.len()).map(|k| app.board.count(k)).sum();
    assert_eq!(found, matching("a"));
}
