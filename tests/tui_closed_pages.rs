//! Closed cards (`z`) are paged in per column (issue 20): after the open cards of the
//! column, the next when the cursor nears the end of what is loaded, in the board's
//! order, until the column holds every closed card of its stage; `z` again leaves the
//! open cards.

mod common;

use common::demo::{demo, store};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::ApplicationId;
use rolecall::tui::app::App;
use rolecall::tui::closed_columns::CLOSED_PAGE;
use rolecall::tui::keymap::Keymap;

fn press(app: &mut App, c: char) {
    app.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
}

/// The cards the cursor visits walking down column `c` from its top, `steps` keys.
fn walk_down(app: &mut App, c: usize, steps: usize) -> Vec<ApplicationId> {
    app.board.col = c;
    press(app, 'g');
    let mut seen: Vec<ApplicationId> = app.board.selected().map(|s| s.id).into_iter().collect();
    for _ in 0..steps {
        press(app, 'j');
        if let Some(id) = app.board.selected().map(|s| s.id).filter(|id| seen.last() != Some(id)) {
            seen.push(id);
        }
    }
    seen
}

#[test]
fn closed_cards_come_a_page_at_a_time_in_board_order_until_the_column_is_complete() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("closed.db");
    let s = demo(&db, 1_500, 4);
    let family = s.families().expect("roles")[0].id;
    let stages = s.board_stages(family).expect("stages");
    // Every card with closed ones, in the board's order (open first, closed after).
    let all = s.board(family, true).expect("board");
    let rank = |c: &rolecall::domain::BoardCard| match c.status {
        rolecall::domain::AppStatus::Active => 0,
        rolecall::domain::AppStatus::OnHold => 1,
        _ => 2,
    };
    let of = |c: usize, closed: bool| -> Vec<ApplicationId> {
        let mut cards: Vec<_> =
            all.iter().filter(|a| a.stage_id == stages[c].id && a.status.is_closed() == closed).collect();
        cards.sort_by_key(|a| rank(a));
        cards.into_iter().map(|a| a.id).collect()
    };
    let mut app = App::new(store(&db), Keymap::defaults()).expect("app");
    app.resize(120, 40);
    press(&mut app, 'z');
    let first = (0..stages.len()).find(|&c| of(c, true).len() > 3 * CLOSED_PAGE);
    let c = first.expect("a column with several pages of closed cards");
    assert!(app.board.more(c), "closed cards not loaded yet");
    for k in 0..stages.len() {
        assert!(app.board.count(k) >= of(k, false).len(), "column {k} counts its open cards");
    }
    // Walk down the column: pages come in, in order, until it is complete.
    let (open, closed) = (of(c, false), of(c, true));
    let seen = walk_down(&mut app, c, open.len() + closed.len() + 10);
    assert_eq!(seen, [open.clone(), closed.clone()].concat(), "open, then closed, in board order");
    assert!(!app.board.more(c));
    assert_eq!(app.board.count(c), open.len() + closed.len());
    assert_eq!(app.board.selected().map(|s| s.id), closed.last().copied());
    // Hiding them again leaves the open cards.
    press(&mut app, 'z');
    assert!(!app.show_closed);
    assert_eq!(app.board.count(c), open.len());
    assert_eq!(walk_down(&mut app, c, open.len() + 5), open);
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
    let s = demo(&db, 1_500, 5);
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
