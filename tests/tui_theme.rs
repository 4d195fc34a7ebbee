//! Every colour on screen is one of the theme's checked colours, and nothing is DIM.

mod common;

use common::tui::{app_with, draw, key};
use ratatui::style::{Color, Modifier};
use rolecall::tui::action::Action;
use rolecall::tui::views::theme::PALETTE;

fn assert_readable(app: &mut rolecall::tui::app::App, what: &str) {
    for (w, h) in [(80, 24), (120, 40)] {
        let terminal = draw(app, w, h);
        let allowed: Vec<Color> = PALETTE
            .iter()
            .map(|(_, c)| Color::Rgb(c.0, c.1, c.2))
            .chain([Color::Reset, Color::Rgb(0, 0, 0)])
            .collect();
        for cell in terminal.backend().buffer().content() {
            assert!(!cell.modifier.contains(Modifier::DIM), "{what} {w}x{h}: DIM on {:?}", cell.symbol());
            for c in [cell.fg, cell.bg] {
                assert!(allowed.contains(&c), "{what} {w}x{h}: {c:?} on {:?}", cell.symbol());
            }
        }
    }
}

#[test]
fn board_dialogs_and_forms_use_only_readable_colours() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Cy Doe"]);
    app.update(Action::MoveForward);
    app.update(Action::Hold);
    app.handle_key(common::tui::code(ratatui::crossterm::event::KeyCode::Enter));
    assert_readable(&mut app, "board");
    for (open, what) in
        [('?', "help"), ('a', "add form"), ('o', "outcome form"), ('r', "reject"), ('x', "export")]
    {
        app.handle_key(key(open));
        assert_readable(&mut app, what);
        app.overlay = None;
    }
    app.handle_key(key('/'));
    assert_readable(&mut app, "filter");
}
