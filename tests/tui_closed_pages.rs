//! Closed cards (`z`) are paged in per column (issue 20): a page of each column when they
//! are shown, the next when the cursor nears the end of what is loaded, in the board's
//! order, until the column holds every closed card of its stage; `z` again leaves the
//! open cards as they were.

use chrono::{TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::{ApplicationId, FixedClock};
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::closed_columns::CLOSED_PAGE;
use rolecall::tui::keymap::Keymap;

fn store(path: &std::path::Path) -> Store {
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    Store::open(path).expect("open").with_clock(Box::new(FixedClock(now)))
}

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// The ids shown in column `c`, top to bottom.
fn column(app: &App, c: usize) -> Vec<ApplicationId> {
    app.board.columns[c].iter().map(|&i| app.board.cards[i].id).collect()
}

#[test]
fn closed_cards_come_a_page_at_a_time_in_board_order_until_the_column_is_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("closed.db");
    let mut s = store(&db);
    import_bundled(&mut s).expect("bundled roles");
    fill(&mut s, DemoOptions { candidates: 1_500, seed: 4 }).expect("demo");
    let family = s.families().expect("roles")[0].id;
    let stages = s.board_stages(family).expect("stages");
    // Every card with closed ones, in the board's order (open first, closed after).
    let all = s.board(family, true).expect("board");
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    let open: Vec<Vec<ApplicationId>> = (0..stages.len()).map(|c| column(&app, c)).collect();
    press(&mut app, 'z');
    let first = stages.iter().position(|s| {
        all.iter().filter(|c| c.stage_id == s.id && c.status.is_closed()).count() > 3 * CLOSED_PAGE
    });
    let c = first.expect("a column with several pages of closed cards");
    let closed_of = |c: usize| -> Vec<ApplicationId> {
        all.iter().filter(|a| a.stage_id == stages[c].id && a.status.is_closed()).map(|a| a.id).collect()
    };
    for (k, stage_open) in open.iter().enumerate() {
        let shown = column(&app, k);
        let expected_closed: Vec<_> = closed_of(k).into_iter().take(CLOSED_PAGE).collect();
        assert_eq!(
            shown,
            [stage_open.clone(), expected_closed].concat(),
            "column {k}: open, then a page of closed"
        );
    }
    assert!(app.board.closed.more(c));
    // Walk down the column: pages come in, in order, until it is complete.
    app.board.col = c;
    for _ in 0..(open[c].len() + closed_of(c).len() + 10) {
        press(&mut app, 'j');
    }
    assert_eq!(column(&app, c), [open[c].clone(), closed_of(c)].concat());
    assert!(!app.board.closed.more(c));
    assert_eq!(app.board.selected().map(|s| s.id), closed_of(c).last().copied());
    // Hiding them again leaves the open cards as they were.
    press(&mut app, 'z');
    let hidden: Vec<Vec<ApplicationId>> = (0..stages.len()).map(|k| column(&app, k)).collect();
    assert_eq!(hidden, open);
    assert!(!app.show_closed);
}

/// The cards on screen (the cursor's column from its first visible row, a screen's worth).
fn on_screen(app: &App, c: usize) -> Vec<&rolecall::domain::BoardCard> {
    let offset = app.board.offsets[c];
    app.board.columns[c].iter().skip(offset).take(12).map(|&i| &app.board.cards[i]).collect()
}

#[test]
fn the_cards_on_screen_carry_the_boards_scorecard_figures_as_they_come_into_view() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("scores.db");
    let mut s = store(&db);
    import_bundled(&mut s).expect("bundled roles");
    fill(&mut s, DemoOptions { candidates: 1_500, seed: 5 }).expect("demo");
    let family = s.families().expect("roles")[0].id;
    let full: std::collections::HashMap<ApplicationId, _> = s
        .board(family, false)
        .expect("board")
        .into_iter()
        .map(|c| (c.id, (c.last_recommendation, c.interviews_at_stage)))
        .collect();
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    let check = |app: &App| {
        let mut seen = 0;
        for c in 0..app.board.columns.len() {
            for card in on_screen(app, c) {
                assert_eq!(
                    Some(&(card.last_recommendation, card.interviews_at_stage)),
                    full.get(&card.id),
                    "#{}",
                    card.id
                );
                seen += usize::from(card.interviews_at_stage > 0 || card.last_recommendation.is_some());
            }
        }
        seen
    };
    assert!(check(&app) > 5, "some cards on screen have scorecards");
    // Scroll the columns: the cards that come into view get theirs too.
    for c in 0..app.board.columns.len() {
        app.board.col = c;
        for _ in 0..40 {
            press(&mut app, 'j');
        }
    }
    check(&app);
    assert!(
        app.board.scored.iter().filter(|&&s| s).count() < app.board.cards.len(),
        "not every card was read"
    );
}
