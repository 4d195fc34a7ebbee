//! Helpers for TUI tests: a seeded store, keys, drawing into a `TestBackend`.

use super::{sample_family, store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::FamilyDraft;
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::views::render;

/// Two roles; `candidates` applied to the first at its Senior level.
pub fn seeded_store(candidates: &[&str]) -> Store {
    seed(store(), candidates)
}

/// [`seeded_store`] on a store of the caller's (a test database on either backend).
pub fn seed(mut s: Store, candidates: &[&str]) -> Store {
    let mut draft = sample_family(&["Screening", "VP IT panel", "Stakeholder", "Leader", "CFO"]);
    draft.title = "IT Program Management Office".into();
    s.import_family("a.md", "h", &draft).unwrap();
    let mut other: FamilyDraft = sample_family(&["Screening", "Manager IT"]);
    other.title = "Director, IT Operations".into();
    s.import_family("b.md", "h", &other).unwrap();
    let fam = s.families().unwrap()[0].id;
    let level = s.level_by_name(fam, "senior").unwrap();
    for name in candidates {
        let c = s.add_candidate(&NewCandidate { name: name.to_string(), ..Default::default() }).unwrap();
        s.apply(c, level.id).unwrap();
    }
    s
}

/// An app on `seeded_store(candidates)`.
pub fn app_with(candidates: &[&str]) -> App {
    App::new(seeded_store(candidates), Keymap::defaults()).expect("app")
}

/// A character key (upper case carries Shift, as terminals send it).
pub fn key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), mods)
}

/// A named key without modifiers.
pub fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

/// Type each character of `text`.
pub fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

/// Render into a `w` × `h` test terminal.
pub fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    t
}

/// The screen as text.
pub fn screen_text(app: &mut App, w: u16, h: u16) -> String {
    format!("{:?}", draw(app, w, h).backend())
}
