//! The mouse: click selects, double-click opens, the wheel scrolls a column, a click on
//! a column's title focuses it; the event loop passes mouse events on.

mod common;

use common::tui::{app_with, draw, key};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use rolecall::tui::action::Action;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::run::{EventSource, run_loop};
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn mouse(kind: MouseEventKind, column: u16, row: u16) -> MouseEvent {
    MouseEvent { kind, column, row, modifiers: KeyModifiers::NONE }
}

fn click(column: u16, row: u16) -> MouseEvent {
    mouse(MouseEventKind::Down(MouseButton::Left), column, row)
}

/// At 120x40 the board's six columns are 20 wide; the header is row 0, column titles row
/// 1, and cards start at row 2, three rows each.
fn board() -> rolecall::tui::app::App {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Cy Doe", "Di Fox"]);
    app.update(Action::Bottom);
    app.update(Action::MoveForward); // Di Fox → VP IT panel
    app.update(Action::Left);
    let _ = draw(&mut app, 120, 40);
    app
}

#[test]
fn click_selects_and_double_click_opens() {
    let mut app = board();
    assert_eq!(app.board.col, 0);
    app.handle_mouse(click(25, 2));
    assert_eq!((app.board.col, app.board.selected().unwrap().name.as_str()), (1, "Di Fox"));
    app.handle_mouse(click(5, 2 + 3 * 2)); // the third card of Screening
    assert_eq!((app.board.col, app.board.selected().unwrap().name.as_str()), (0, "Cy Doe"));
    assert!(app.overlay.is_none(), "one click only selects");
    app.handle_mouse(click(6, 2 + 3 * 2 + 1));
    let Some(Overlay::Detail(d)) = &app.overlay else { panic!("a double click opens the card") };
    assert_eq!(d.title, "Cy Doe");
    // The wheel scrolls the candidate screen; a click elsewhere does nothing there.
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 10, 10));
    assert!(matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll <= 1));
}

#[test]
fn clicks_below_the_cards_and_on_the_header_select_no_card() {
    let mut app = board();
    app.handle_mouse(click(25, 20)); // VP IT panel, below its only card
    assert_eq!(app.board.col, 1, "the column is focused");
    app.handle_mouse(click(25, 20));
    assert!(app.overlay.is_none(), "no card there to open");
    app.handle_mouse(click(65, 1)); // the title of the fourth column (Leader)
    assert_eq!(app.board.col, 3);
    app.handle_mouse(click(10, 0)); // the header line
    assert_eq!(app.board.col, 3);
}

#[test]
fn the_wheel_scrolls_the_column_under_the_pointer() {
    let mut app = board();
    app.handle_mouse(click(25, 2));
    assert_eq!(app.board.col, 1);
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 5, 10));
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 5, 10));
    assert_eq!(app.board.rows[0], 2, "Screening scrolled by two cards");
    for _ in 0..10 {
        app.handle_mouse(mouse(MouseEventKind::ScrollDown, 5, 10));
    }
    assert_eq!(app.board.rows[0], 2, "not past the last card (three in Screening)");
    app.handle_mouse(mouse(MouseEventKind::ScrollUp, 5, 10));
    assert_eq!(app.board.rows[0], 1);
    assert_eq!(app.board.col, 1, "the wheel does not move the focus");
    // The wheel scrolls help too.
    app.handle_key(key('?'));
    app.handle_mouse(mouse(MouseEventKind::ScrollDown, 50, 10));
    assert!(matches!(app.overlay, Some(Overlay::Help(h)) if h.scroll == 1));
}

struct Script(Vec<Event>);

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        Ok(Some(if self.0.is_empty() { Event::Key(key('q')) } else { self.0.remove(0) }))
    }
}

#[test]
fn the_event_loop_hands_mouse_events_to_the_app() {
    let mut app = board();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    let mut events = Script(vec![Event::Mouse(click(25, 2)), Event::Mouse(click(5, 5))]);
    run_loop(&mut terminal, &mut app, &mut events, &AtomicBool::new(false)).unwrap();
    assert_eq!((app.board.col, app.board.selected().unwrap().name.as_str()), (0, "Bo Lee"));
}
