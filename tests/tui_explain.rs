//! `?` explains the marks and the dialogs; the candidate screen scrolls, names each
//! entry's application, shows undo/redo as such and multi-line notes under one label.

mod common;

use common::tui::{app_with, code, draw, key, screen_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::store::CandidateUpdate;
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, store_mut};
use rolecall::tui::help::help_rows;
use rolecall::tui::overlays::Overlay;

#[test]
fn help_explains_every_card_mark_and_each_dialogs_keys() {
    let mut app = app_with(&["Ana Ruiz"]);
    let text: String = help_rows(&app.keymap, app.thresholds, 98)
        .into_iter()
        .map(|(k, t, _)| format!("{k} {t}\n"))
        .collect();
    for mark in ["12d", "0/2", "✓✓", "✗✗", "on hold", "rej", "wdn", "hired", "↓ 3 more"] {
        assert!(text.contains(mark), "{mark} explained:\n{text}");
    }
    for dialog in ["reject", "withdraw, hold", "add", "outcome", "edit", "export", "pickers", "candidate"] {
        assert!(text.contains(&format!("{dialog} ")), "{dialog} keys:\n{text}");
    }
    assert!(text.contains("amber from 7d, red from 14d"), "thresholds from the app");
    // The end of the help is reachable at 80x24 with G, and g goes back to the top.
    app.handle_key(key('?'));
    app.resize(80, 24);
    app.handle_key(key('G'));
    let screen = screen_text(&mut app, 80, 24);
    assert!(screen.contains("other keys close"), "the last help line shows:\n{screen}");
    assert!(matches!(app.overlay, Some(Overlay::Help(h)) if h.scroll > 0));
    app.handle_key(key('g'));
    assert!(matches!(app.overlay, Some(Overlay::Help(h)) if h.scroll == 0));
    app.handle_key(code(KeyCode::PageDown));
    assert!(matches!(app.overlay, Some(Overlay::Help(h)) if h.scroll > 5), "a page down");
}

fn detail_lines(app: &App) -> Vec<String> {
    let Some(Overlay::Detail(d)) = &app.overlay else { panic!("candidate screen open") };
    d.lines.clone()
}

#[test]
fn candidate_screen_scrolls_and_says_what_each_entry_is() {
    let mut app = app_with(&["Ana Ruiz"]);
    let card = app.board.selected().cloned().unwrap();
    store_mut(&mut app)
        .edit_candidate(
            card.candidate_id,
            &CandidateUpdate { notes: Some("first line\nsecond line".into()), ..Default::default() },
        )
        .unwrap();
    for _ in 0..6 {
        app.update(Action::MoveForward);
        app.update(Action::MoveBack);
    }
    app.update(Action::MoveForward);
    app.update(Action::Undo);
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    app.board.select(card.id);
    app.resize(80, 24);
    app.handle_key(code(KeyCode::Enter));
    let lines = detail_lines(&app);
    let text = lines.join("\n");
    assert!(text.contains(&format!("▶ app {} · ", card.id)), "the applications list names the id:\n{text}");
    assert_eq!(text.matches("Notes:").count(), 1, "one label for a multi-line note:\n{text}");
    assert!(text.contains("second line"));
    assert!(!text.contains("undo of event"), "{text}");
    assert!(text.contains("undone: Ana Ruiz Screening → VP IT panel"), "{text}");
    assert!(text.contains("redone: Ana Ruiz Screening → VP IT panel"), "{text}");
    let timeline: Vec<&String> = lines.iter().skip_while(|l| !l.starts_with("Timeline")).skip(1).collect();
    assert!(timeline.len() > 15);
    for entry in &timeline {
        assert!(entry.contains(&format!("[app {}]", card.id)) || entry.contains("[person]"), "{entry}");
    }
    // Scrolling: G to the end, g back, a page at a time.
    app.handle_key(key('G'));
    let Some(Overlay::Detail(d)) = &app.overlay else { panic!() };
    let bottom = d.scroll;
    assert!(bottom > 0);
    let screen = screen_text(&mut app, 80, 24);
    assert!(screen.contains("applied, at Screening"), "the oldest entry shows at the end:\n{screen}");
    app.handle_key(key('G'));
    assert!(matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll == bottom), "not past the end");
    app.handle_key(key('g'));
    assert!(matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll == 0));
    app.handle_key(code(KeyCode::PageDown));
    assert!(matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll > 5), "a page down");
    app.handle_key(code(KeyCode::PageUp));
    assert!(matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll == 0));
    let _ = draw(&mut app, 120, 40);
}

#[test]
fn bottom_of_a_long_candidate_screen_fills_the_pane() {
    let mut s = rolecall::store::Store::open_in_memory().unwrap();
    rolecall::import::load::import_bundled(&mut s).unwrap();
    rolecall::demo::fill(&mut s, rolecall::demo::DemoOptions { candidates: 300, seed: 7 }).unwrap();
    let mut app = App::new(s, rolecall::tui::keymap::Keymap::defaults()).unwrap();
    let mut checked = 0;
    for (w, h) in [(120u16, 40u16), (80, 24)] {
        for (col, row) in (0..3).flat_map(|c| (0..6).map(move |r| (c, r))) {
            app.overlay = None;
            app.board.col = col;
            app.board.rows[col] = row;
            let _ = draw(&mut app, w, h);
            app.handle_key(code(KeyCode::Enter));
            app.handle_key(key('G'));
            if !matches!(&app.overlay, Some(Overlay::Detail(d)) if d.scroll > 0) {
                continue; // fits without scrolling
            }
            checked += 1;
            let t = draw(&mut app, w, h);
            let buf = t.backend().buffer();
            // The body's last row (above the footer and the border) holds text.
            let y = h - 4;
            let text: String = (4..w - 4).map(|x| buf[(x, y)].symbol()).collect();
            assert!(!text.trim().is_empty(), "{w}x{h} card {col}/{row}: blank last row\n{:?}", t.backend());
        }
    }
    assert!(checked > 3, "long candidate screens were checked: {checked}");
}
