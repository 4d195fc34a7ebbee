//! The Level field of the edit form (`e`), its undo, and the add form's refusal of a
//! second open application to the role on screen.

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{ApplicationId, EventKind, FixedClock, RejectReason};
use rolecall::import::load::import_bundled;
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, store_mut};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::overlays::edit::LEVEL;
use rolecall::tui::views::render;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

/// The bundled roles and Ana Ruiz at Screening of Senior IT Program Manager, selected.
fn app_with_ana() -> (App, ApplicationId) {
    let mut s = Store::open_in_memory()
        .unwrap()
        .with_clock(Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())))
        .with_actor("hm");
    import_bundled(&mut s).unwrap();
    let fam = s.family_by_slug("it-program-management-office").unwrap();
    let level = s.level_by_name(fam.id, "Senior IT Program Manager").unwrap();
    let c = s
        .add_candidate(&NewCandidate {
            name: "Ana Ruiz".into(),
            email: Some("ana@example.com".into()),
            ..Default::default()
        })
        .unwrap();
    let app = s.apply(c, level.id).unwrap().application.id;
    let mut ui = App::new(s, Keymap::defaults()).unwrap();
    assert!(ui.board.select(app), "the candidate is on the board");
    (ui, app)
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

fn to_level_field(app: &mut App) {
    app.update(Action::Edit);
    for _ in 0..LEVEL {
        app.handle_key(code(KeyCode::Tab));
    }
    let Some(Overlay::Edit(form)) = &app.overlay else { panic!("the edit form is open") };
    assert_eq!(form.focus, LEVEL);
}

#[test]
fn the_edit_form_changes_the_level_and_undo_restores_it() {
    let (mut app, id) = app_with_ana();
    to_level_field(&mut app);
    for (w, h) in [(80, 24), (120, 40)] {
        let text = screen(&mut app, w, h);
        assert!(text.contains("Level   ‹ Senior IT Program Manager ›"), "{w}x{h}:\n{text}");
    }
    app.handle_key(code(KeyCode::Right));
    let text = screen(&mut app, 80, 24);
    assert!(text.contains("‹ Staff IT Program Manager › (changed)"), "{text}");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none(), "saved and closed: {}", app.status.text);
    assert!(
        app.status.text.contains("level Senior IT Program Manager → Staff IT Program Manager"),
        "{}",
        app.status.text
    );
    let a = app.store().application(id).unwrap();
    assert_eq!(a.level_title, "Staff IT Program Manager");
    let kinds: Vec<EventKind> = app.store().history(id).unwrap().into_iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [EventKind::Applied, EventKind::LevelChanged]);
    assert_eq!(app.store().candidate_history(a.candidate_id).unwrap().len(), 2, "no empty edit event");

    app.handle_key(key('u'));
    assert_eq!(app.store().application(id).unwrap().level_title, "Senior IT Program Manager", "undone");
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(app.store().application(id).unwrap().level_title, "Staff IT Program Manager", "redone");
}

#[test]
fn typing_into_the_level_or_changing_a_closed_one_is_refused_visibly() {
    let (mut app, id) = app_with_ana();
    to_level_field(&mut app);
    app.handle_key(key('x'));
    let Some(Overlay::Edit(form)) = &app.overlay else { panic!("still open") };
    assert_eq!(form.error.as_ref().map(|(f, m)| (*f, m.contains('←'))), Some((LEVEL, true)));
    assert!(screen(&mut app, 80, 24).contains("Level: choose it with ← and →"));
    app.handle_key(code(KeyCode::Esc));
    assert!(app.overlay.is_none(), "nothing changed, so Esc closes");

    store_mut(&mut app).reject(id, RejectReason::Other, None, None).unwrap();
    app.update(Action::Refresh);
    app.update(Action::ToggleClosed);
    assert!(app.board.select(id));
    to_level_field(&mut app);
    assert!(screen(&mut app, 80, 24).contains("Senior IT Program Manager (closed)"));
    app.handle_key(code(KeyCode::Right));
    let Some(Overlay::Edit(form)) = &app.overlay else { panic!("still open") };
    assert!(form.error.as_ref().is_some_and(|(_, m)| m.contains("reopen")), "{:?}", form.error);
    assert_eq!(app.store().application(id).unwrap().level_title, "Senior IT Program Manager");
}

#[test]
fn the_add_form_refuses_a_second_open_application_and_says_how_to_change_the_level() {
    let (mut app, _) = app_with_ana();
    app.handle_key(key('a'));
    for c in "Ana Ruiz".chars() {
        app.handle_key(key(c));
    }
    app.handle_key(code(KeyCode::Enter)); // "already exists: Enter applies them"
    app.handle_key(code(KeyCode::Enter));
    let Some(Overlay::Add(form)) = &app.overlay else { panic!("the form stays open: {}", app.status.text) };
    let error = form.error.clone().unwrap_or_default();
    assert!(error.contains("Ana Ruiz already has an open application (app 1)"), "{error}");
    assert!(error.contains("press e to change its level"), "{error}");
    assert_eq!(app.store().applications_of(rolecall::domain::CandidateId(1)).unwrap().len(), 1);
}

#[test]
fn a_scorecard_on_the_candidate_screen_names_the_level_it_rated_once_it_changed() {
    let (mut app, id) = app_with_ana();
    let talk = rolecall::store::NewInterview {
        stage: None,
        interviewer: "Kim".into(),
        held_on: chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap(),
        recommendation: rolecall::domain::Rating::Yes,
        notes: String::new(),
        ratings: vec![(0, rolecall::domain::Rating::Yes)],
    };
    store_mut(&mut app).record_interview(id, &talk, None).unwrap();
    app.update(Action::Open);
    assert!(!screen(&mut app, 120, 40).contains("rated as"), "same level: nothing to say");
    let fam = app.store().application(id).unwrap().family_id;
    let staff = app.store().level_by_name(fam, "staff").unwrap().id;
    store_mut(&mut app).change_level(id, staff, None).unwrap();
    app.overlay = None;
    app.update(Action::Refresh);
    assert!(app.board.select(id));
    app.update(Action::Open);
    let text = screen(&mut app, 120, 40);
    assert!(text.contains("rated as Senior IT Program Manager"), "{text}");
}
