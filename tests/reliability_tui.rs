//! The TUI with other writers and hostile text: two apps on one database file (as two
//! recruiters' terminals would be), the erase dialog, NUL bytes in the add form, escape
//! sequences in every text the detail view shows.

mod reliability;

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use reliability::seeded_db;
use rolecall::store::{ERASED_PLACEHOLDER, Store};
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, store_mut};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::views::render;
use std::path::Path;

fn app(db: &Path) -> App {
    App::new(Store::open(db).expect("open").with_actor("tui"), Keymap::defaults()).expect("app")
}

fn key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn enter() -> KeyEvent {
    KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE)
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
    app.resize(w, h);
    t.draw(|f| render(app, f)).expect("draw");
    t.backend().to_string()
}

#[test]
fn a_move_in_one_app_shows_in_the_other_and_a_stale_move_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("two.db");
    seeded_db(&db, 4);
    let (mut left, mut right) = (app(&db), app(&db));
    let card = left.board.selected().cloned().expect("a card");
    assert_eq!(right.board.selected().map(|c| c.id), Some(card.id));

    left.update(Action::MoveForward);
    assert!(!left.status.error, "{}", left.status.text);
    let moved = left.store().application(card.id).expect("app");
    right.tick();
    let seen = right.board.selected().cloned().expect("still selected");
    assert_eq!((seen.id, seen.stage_id, seen.version), (card.id, moved.stage_id, moved.version));

    // Left moves again; right has not refreshed yet and tries to move from what it shows.
    left.update(Action::MoveForward);
    right.update(Action::MoveForward);
    assert!(right.status.error, "{}", right.status.text);
    assert!(right.status.text.contains("changed by someone else"), "{}", right.status.text);
    let now = right.store().application(card.id).expect("app");
    assert_eq!(now.version, moved.version + 1, "only left's second move happened");
    let refreshed = right.board.selected().cloned().expect("selected");
    assert_eq!(refreshed.version, now.version, "the refused view was refreshed");
}

#[test]
fn erase_asks_enter_does_not_confirm_and_y_erases() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("erase.db");
    seeded_db(&db, 2);
    let (mut a, mut other) = (app(&db), app(&db));
    let card = a.board.selected().cloned().expect("card");
    a.handle_key(key('E'));
    assert!(matches!(a.overlay, Some(Overlay::Confirm(_))), "E asks first");
    let asked = screen(&mut a, 80, 24);
    assert!(asked.contains("Erase all personal data"), "{asked}");
    a.handle_key(enter());
    assert!(a.overlay.is_none());
    assert_ne!(
        a.store().candidate(card.candidate_id).expect("c").name,
        ERASED_PLACEHOLDER,
        "Enter alone erases nothing"
    );

    a.handle_key(key('E'));
    a.handle_key(key('y'));
    assert!(!a.status.error, "{}", a.status.text);
    let c = a.store().candidate(card.candidate_id).expect("c");
    assert_eq!((c.name.as_str(), c.email), (ERASED_PLACEHOLDER, None));
    assert!(screen(&mut a, 80, 24).contains(ERASED_PLACEHOLDER));
    other.tick();
    let text = screen(&mut other, 120, 40);
    assert!(text.contains(ERASED_PLACEHOLDER) && !text.contains(&card.name), "{text}");
}

#[test]
fn a_nul_byte_in_the_add_form_is_refused_with_a_message() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("nul.db");
    seeded_db(&db, 1);
    let mut a = app(&db);
    let before = a.store().candidates(None, 100).expect("list").len();
    a.handle_key(key('a'));
    for c in "Bad".chars().chain(['\0']).chain("Name".chars()) {
        a.handle_key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
    }
    a.handle_key(enter());
    let Some(Overlay::Add(form)) = &a.overlay else { panic!("the form stays open with what was typed") };
    let typed = rolecall::tui::overlays::fields::field_text(&form.name);
    assert_eq!(typed, "Bad\0Name", "what was typed is kept");
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("NUL byte"), "{error}");
    assert_eq!(a.store().candidates(None, 100).expect("list").len(), before, "nothing added");
    assert!(!screen(&mut a, 80, 24).contains('\0'));
}

#[test]
fn escape_sequences_in_any_text_are_inert_on_screen() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("esc.db");
    let apps = seeded_db(&db, 1);
    let hostile = [
        "\x1b]8;;http://evil.example\x07click\x1b]8;;\x07",
        "\x1b[2J\x1b[H",
        "\u{9b}31mC1 CSI",
        "bell\x07 backspace\x08 del\x7f",
        "\u{202e}reversed",
    ];
    {
        let mut store = Store::open(&db).expect("open");
        let c = store.application(apps[0]).expect("app").candidate_id;
        let update = rolecall::store::CandidateUpdate {
            name: Some(format!("Eve {}", hostile[0])),
            phone: Some(hostile[1].into()),
            notes: Some(hostile.join(" ")),
            ..Default::default()
        };
        store.edit_candidate(c, &update).expect("edit");
        store.hold(apps[0], Some(&hostile.join(" | ")), None).expect("hold");
    }
    let mut a = app(&db);
    store_mut(&mut a).resume(apps[0], None).expect("resume");
    a.tick();
    a.update(Action::ToggleClosed);
    a.update(Action::ToggleClosed);
    for (w, h) in [(80, 24), (120, 40)] {
        let board = screen(&mut a, w, h);
        a.update(Action::Open);
        let detail = screen(&mut a, w, h);
        a.handle_key(KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE));
        assert!(
            detail.contains("Eve") && detail.contains("C1 CSI"),
            "the hostile texts are shown:\n{detail}"
        );
        for text in [board, detail] {
            for bad in ['\x1b', '\x07', '\x08', '\x7f', '\u{9b}', '\u{202e}'] {
                assert!(!text.contains(bad), "{bad:?} reached the screen at {w}x{h}:\n{text}");
            }
        }
    }
}
