//! Keys return effects; nothing is written until the effect is carried out. Each test
//! drives keys with `App::on_key` (no terminal), checks the effects and that the store is
//! untouched, then carries them out with `App::perform` and checks the write.

mod common;

use common::tui::{app_with, code, key};
use ratatui::crossterm::event::KeyCode;
use rolecall::tui::app::App;
use rolecall::tui::effect::{Command, Effect, Flow};
use rolecall::tui::overlays::Overlay;

/// Type `text` with `on_key`, which must ask for nothing.
fn type_quietly(app: &mut App, text: &str) {
    for c in text.chars() {
        assert!(app.on_key(key(c)).is_empty(), "typing {c:?} asks for nothing");
    }
}

fn stage_of(app: &App, id: rolecall::domain::ApplicationId) -> String {
    app.store().application(id).unwrap().stage_label
}

#[test]
fn a_move_is_a_write_the_loop_carries_out() {
    let mut app = app_with(&["Ana Ruiz"]);
    let id = app.board.selected().unwrap().id;
    let effects = app.on_key(key('L'));
    assert!(
        matches!(effects.as_slice(), [Effect::Write(Command::Step { app: a, forward: true, .. })] if *a == id),
        "{effects:?}"
    );
    assert_eq!(stage_of(&app, id), "Screening", "the key itself wrote nothing");
    for effect in effects {
        assert_eq!(app.perform(effect), Flow::Continue);
    }
    assert_eq!(stage_of(&app, id), "VP IT panel");
    assert!(app.status.text.contains("VP IT panel"), "{}", app.status.text);
    let undo = app.on_key(key('u'));
    assert!(matches!(undo.as_slice(), [Effect::Write(Command::Revert { undo: true, .. })]), "{undo:?}");
    assert_eq!(stage_of(&app, id), "VP IT panel");
    app.perform_all(undo);
    assert_eq!(stage_of(&app, id), "Screening");
}

#[test]
fn a_dialog_closes_and_hands_its_write_to_the_loop() {
    let mut app = app_with(&["Ana Ruiz"]);
    let id = app.board.selected().unwrap().id;
    assert!(app.on_key(key('r')).is_empty());
    assert!(app.on_key(key('3')).is_empty());
    let effects = app.on_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none(), "the reject dialog closed");
    assert!(matches!(effects.as_slice(), [Effect::Write(Command::Reject { .. })]), "{effects:?}");
    assert_eq!(app.store().application(id).unwrap().status, rolecall::domain::AppStatus::Active);
    app.perform_all(effects);
    assert_eq!(app.store().application(id).unwrap().status, rolecall::domain::AppStatus::Rejected);
}

#[test]
fn a_form_stays_open_until_its_write_succeeds() {
    let mut app = app_with(&["Ana Ruiz"]);
    app.on_key(key('a'));
    type_quietly(&mut app, "Bo Lee");
    let effects = app.on_key(code(KeyCode::Enter));
    assert!(
        matches!(effects.as_slice(), [Effect::Write(Command::AddCandidate(person, _))] if person.name == "Bo Lee")
    );
    assert!(matches!(app.overlay, Some(Overlay::Add(_))), "open until saved");
    assert!(app.store().find_duplicates("Bo Lee", None).unwrap().is_empty(), "not added yet");
    app.perform_all(effects);
    assert!(app.overlay.is_none());
    assert_eq!(app.store().find_duplicates("Bo Lee", None).unwrap().len(), 1);
}

#[test]
fn export_and_copy_are_effects_and_quit_is_one_too() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.csv");
    let mut app = app_with(&["Ana Ruiz"]);
    app.on_key(key('x'));
    let Some(Overlay::Export(form)) = &mut app.overlay else { panic!("export dialog") };
    form.path = rolecall::tui::overlays::fields::line_field(&path.display().to_string(), "");
    let effects = app.on_key(code(KeyCode::Enter));
    assert!(matches!(effects.as_slice(), [Effect::Export(job)] if job.path == path), "{effects:?}");
    assert!(!path.exists(), "the key wrote no file");
    app.perform_all(effects);
    assert!(path.exists());
    let Some(Overlay::Exported(done)) = &app.overlay else { panic!("where it went") };
    let shown = done.path.clone();
    let effects = app.on_key(key('c'));
    assert!(matches!(effects.as_slice(), [Effect::Copy(text)] if *text == shown), "{effects:?}");
    assert!(matches!(app.on_key(key('q')).as_slice(), [Effect::Quit]));
}

#[test]
fn drawing_never_touches_the_store() {
    // The views draw from `App` only; what they show is loaded when a screen opens or the
    // data changes (the roles screen used to query every role on each frame).
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/tui/views");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        for needle in [".store()", "store::Store", "&Store", "store_mut"] {
            assert!(!text.contains(needle), "{} uses the store ({needle})", path.display());
        }
    }
}

#[test]
fn the_roles_screen_shows_what_was_loaded_when_it_opened() {
    let mut app = app_with(&["Ana Ruiz"]);
    assert!(app.on_key(key('v')).is_empty());
    assert_eq!(app.roles.len(), app.families.len(), "loaded on opening");
    let text = common::tui::screen_text(&mut app, 120, 40);
    assert!(text.contains("Levels (") && text.contains("Stages"), "{text}");
}
