//! Interview outcomes and candidate records in the TUI, on the bundled roles.

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{FixedClock, ItemKind, Rating};
use rolecall::import::load::{BUNDLED, ImportOptions, import_bundled, import_text};
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, store_mut};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::views::render;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(
        KeyCode::Char(c),
        if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE },
    )
}

fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

fn typed(app: &mut App, s: &str) {
    for c in s.chars() {
        app.handle_key(key(c));
    }
}

/// The bundled roles and one candidate at `stage` of Senior IT Program Manager.
fn app_at(stage: &str) -> App {
    let mut s = Store::open_in_memory()
        .unwrap()
        .with_clock(Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())))
        .with_actor("hm");
    import_bundled(&mut s).unwrap();
    let fam = s.family_by_slug("it-program-management-office").unwrap();
    let level = s.level_by_name(fam.id, "Senior IT Program Manager").unwrap();
    let c = s.add_candidate(&NewCandidate { name: "Ana Ruiz".into(), ..Default::default() }).unwrap();
    let app = s.apply(c, level.id).unwrap().application.id;
    let target = s.stage_by_name(fam.id, stage).unwrap();
    if target.position > 0 {
        s.move_to(app, target.id, None).unwrap();
    }
    let mut ui = App::new(s, Keymap::defaults()).unwrap();
    assert!(ui.board.select(app), "the candidate is on the board");
    ui
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    t
}

fn record(app: &mut App, rating_keys: &str, recommend: char, notes: &str) {
    app.handle_key(key('o'));
    typed(app, "Pat VP");
    for _ in 0..3 {
        app.handle_key(code(KeyCode::Tab)); // → date → stage → first requirement
    }
    for c in rating_keys.chars() {
        app.handle_key(key(c));
        app.handle_key(code(KeyCode::Down)); // a rating keeps the focus; ↓ to the next row
    }
    for _ in 0..50 {
        if matches!(&app.overlay, Some(Overlay::Outcome(f)) if f.focus == rolecall::tui::overlays::outcome::OutcomeFocus::Recommendation)
        {
            break;
        }
        app.handle_key(code(KeyCode::Tab));
    }
    app.handle_key(key(recommend));
    app.handle_key(code(KeyCode::Tab));
    for (i, line) in notes.lines().enumerate() {
        if i > 0 {
            app.handle_key(code(KeyCode::Enter));
        }
        typed(app, line);
    }
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
}

#[test]
fn outcome_form_rows_are_the_levels_requirements_and_save_records_scores() {
    let mut app = app_at("VP IT panel");
    let card = app.board.selected().cloned().expect("card at VP IT panel");
    app.update(Action::Outcome);
    let expected = {
        let a = app.store().application(card.id).unwrap();
        app.store().level_items(a.level_id, ItemKind::Requirement).unwrap()
    };
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("outcome form not open") };
    assert_eq!(form.requirements, expected);
    assert!(expected.len() >= 3);
    app.overlay = None;

    record(&mut app, "343", '3', "Strong on governance.\nAsk about budgets next round.");
    assert!(app.overlay.is_none(), "form closed after save: {}", app.status.text);
    let card = app.board.selected().cloned().unwrap();
    assert_eq!(card.last_recommendation, Some(Rating::Yes));
    let interviews = app.store().interviews(card.id).unwrap();
    assert_eq!(interviews.len(), 1);
    let i = &interviews[0];
    assert_eq!(i.notes, "Strong on governance.\nAsk about budgets next round.");
    let rated: Vec<_> =
        i.scores.iter().filter_map(|s| s.rating.map(|r| (s.requirement.clone(), r))).collect();
    assert_eq!(
        rated,
        vec![
            (expected[0].clone(), Rating::Yes),
            (expected[1].clone(), Rating::StrongYes),
            (expected[2].clone(), Rating::Yes)
        ]
    );
    let history = app.store().history(card.id).unwrap();
    assert_eq!(history.last().unwrap().kind, rolecall::domain::EventKind::InterviewRecorded);
    let text = draw(&mut app, 120, 40).backend().to_string();
    assert!(text.contains('✓'), "card shows the recommendation glyph:\n{text}");
}

#[test]
fn stakeholder_progress_and_confirmation_until_minimum_met() {
    let mut app = app_at("Stakeholder");
    let card = app.board.selected().cloned().unwrap();
    assert_eq!(card.interviews_at_stage, 0);
    assert!(draw(&mut app, 120, 40).backend().to_string().contains("0/2"));
    app.update(Action::MoveForward);
    assert!(matches!(app.overlay, Some(Overlay::Confirm(_))), "asks before moving on with 0 of 1");
    app.handle_key(key('n'));
    assert_eq!(app.store().application(card.id).unwrap().stage_label, "Stakeholder");
    record(&mut app, "", '4', "");
    assert!(draw(&mut app, 120, 40).backend().to_string().contains("1/2"));
    app.update(Action::MoveForward);
    assert!(app.overlay.is_none(), "no question once the minimum is met");
    assert_eq!(app.store().application(card.id).unwrap().stage_label, "Leader");
}

#[test]
fn reworded_requirement_leaves_old_scorecard_alone() {
    let mut app = app_at("VP IT panel");
    record(&mut app, "4", '4', "");
    let card = app.board.selected().cloned().unwrap();
    let before = app.store().interviews(card.id).unwrap()[0].scores[0].requirement.clone();
    let (name, text) = BUNDLED[0];
    let changed = text.replacen(&before, "A reworded requirement.", 1);
    assert_ne!(changed, text);
    import_text(store_mut(&mut app), &format!("bundled:{name}"), name, &changed, ImportOptions::default())
        .unwrap();
    let a = app.store().application(card.id).unwrap();
    let now = app.store().level_items(a.level_id, ItemKind::Requirement).unwrap();
    assert!(now.contains(&"A reworded requirement.".to_string()));
    assert_eq!(app.store().interviews(card.id).unwrap()[0].scores[0].requirement, before);
}

#[test]
fn failed_save_keeps_everything_typed() {
    let mut app = app_at("VP IT panel");
    store_mut(&mut app).debug_execute("PRAGMA query_only = ON").ok();
    record(&mut app, "3", '2', "keep me");
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("form should stay open") };
    assert!(form.error.as_deref().unwrap_or("").contains("read-only"), "{:?}", form.error);
    assert_eq!(form.recommendation, Some(Rating::No));
    assert_eq!(form.ratings[0], Some(Rating::Yes));
    assert_eq!(rolecall::tui::overlays::fields::multi_text(&form.notes), "keep me");
}

#[test]
fn edit_form_validates_and_esc_asks_before_discarding() {
    let mut app = app_at("Screening");
    app.update(Action::Edit);
    app.handle_key(code(KeyCode::Tab));
    typed(&mut app, "not-an-email");
    app.handle_key(code(KeyCode::Enter));
    let Some(Overlay::Edit(form)) = &app.overlay else { panic!("edit form closed on invalid input") };
    assert!(form.error.as_ref().unwrap().1.contains("not an email"));
    app.handle_key(code(KeyCode::Esc));
    let Some(Overlay::Edit(form)) = &app.overlay else { panic!("Esc must ask first") };
    assert!(form.discard.is_asking());
    app.handle_key(key('n'));
    assert!(matches!(app.overlay, Some(Overlay::Edit(_))));
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('y'));
    assert!(app.overlay.is_none());
}

#[test]
fn snapshots_candidate_screen_and_outcome_form() {
    let mut app = app_at("VP IT panel");
    record(&mut app, "34", '3', "Good.");
    app.update(Action::Open);
    insta::assert_snapshot!("candidate_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("candidate_120x40", draw(&mut app, 120, 40).backend());
    app.overlay = None;
    app.update(Action::Outcome);
    typed(&mut app, "Sam");
    insta::assert_snapshot!("outcome_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("outcome_120x40", draw(&mut app, 120, 40).backend());
}

fn form(app: &App) -> &rolecall::tui::overlays::outcome::OutcomeForm {
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("outcome form not open") };
    form
}

#[test]
fn every_key_lands_in_the_focused_field_or_is_refused_visibly() {
    use rolecall::tui::overlays::outcome::OutcomeFocus;
    let mut app = app_at("VP IT panel");
    app.update(Action::Outcome);
    typed(&mut app, "Pat");
    for _ in 0..3 {
        app.handle_key(code(KeyCode::Tab));
    }
    assert_eq!(form(&app).focus, OutcomeFocus::Requirement(0));
    typed(&mut app, "4");
    app.handle_key(code(KeyCode::Down));
    assert_eq!(form(&app).focus, OutcomeFocus::Requirement(1), "Down after a rating skips nothing");
    typed(&mut app, "3");
    assert_eq!(form(&app).ratings[..2], [Some(Rating::StrongYes), Some(Rating::Yes)]);
    typed(&mut app, "x");
    assert!(form(&app).notice.as_deref().unwrap_or("").contains("Ratings take 1-4"), "refused visibly");
    let text = draw(&mut app, 80, 24).backend().to_string();
    assert!(text.contains("Ratings take 1-4"), "the notice is on screen:\n{text}");
    while form(&app).focus != OutcomeFocus::Recommendation {
        app.handle_key(code(KeyCode::Down));
    }
    typed(&mut app, "3ok");
    assert_eq!(form(&app).recommendation, Some(Rating::Yes));
    assert!(form(&app).notice.is_some(), "text after the recommendation is not dropped silently");
    app.handle_key(code(KeyCode::Down));
    assert_eq!(form(&app).focus, OutcomeFocus::Notes);
    // Down on Notes stays there: the next digits go into the notes, never into the date.
    app.handle_key(code(KeyCode::Down));
    assert_eq!(form(&app).focus, OutcomeFocus::Notes, "no wrap to the text fields");
    assert!(form(&app).notice.as_deref().unwrap_or("").contains("last field"));
    typed(&mut app, "13");
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(form(&app).focus, OutcomeFocus::Notes, "Tab does not wrap either");
    let f = form(&app);
    assert_eq!(rolecall::tui::overlays::fields::multi_text(&f.notes), "13");
    assert_eq!(rolecall::tui::overlays::fields::multi_text(&f.date), "2026-03-02");
    assert_eq!(rolecall::tui::overlays::fields::multi_text(&f.interviewer), "Pat");
}

#[test]
fn only_the_focused_field_shows_a_cursor() {
    use ratatui::style::Modifier;
    let mut app = app_at("VP IT panel");
    app.update(Action::Outcome);
    typed(&mut app, "Pat");
    let t = draw(&mut app, 120, 40);
    let buf = t.backend().buffer();
    let row_of = |label: &str| {
        (0..buf.area.height)
            .find(|&y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>().contains(label))
            .expect(label)
    };
    let reversed_in =
        |y: u16| (0..buf.area.width).filter(|&x| buf[(x, y)].modifier.contains(Modifier::REVERSED)).count();
    assert_eq!(reversed_in(row_of("Interviewer")), 1, "the focused field's cursor");
    assert_eq!(reversed_in(row_of("2026-03-02")), 0, "no cursor in the unfocused date");
}

#[test]
fn the_focused_requirement_is_shown_in_full_at_80x24() {
    let mut app = app_at("VP IT panel");
    app.update(Action::Outcome);
    let longest =
        form(&app).requirements.iter().enumerate().max_by_key(|(_, r)| r.len()).map(|(i, r)| (i, r.clone()));
    let (index, requirement) = longest.unwrap();
    assert!(requirement.len() > 120, "a long requirement to wrap: {requirement}");
    for _ in 0..3 + index {
        app.handle_key(code(KeyCode::Tab));
    }
    let t = draw(&mut app, 80, 24);
    let buf = t.backend().buffer();
    let rows: Vec<String> = (0..buf.area.height)
        .map(|y| (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect::<String>().replace('│', " "))
        .collect();
    let collapse = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let screen = collapse(&rows.join(" "));
    assert!(screen.contains(&collapse(&requirement)), "{requirement}\nnot whole in:\n{}", rows.join("\n"));
}

/// An application whose stage is another role's (the store never writes one; a file edited
/// by hand can hold it): the board still opens, the outcome form is refused on the status
/// line with what is wrong, and nothing is written.
#[test]
fn an_application_on_another_roles_stage_is_an_error_not_a_form() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rolecall.db");
    let open = || {
        Store::open(&path)
            .unwrap()
            .with_clock(Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())))
            .with_actor("hm")
    };
    let mut s = open();
    import_bundled(&mut s).unwrap();
    let fam = s.family_by_slug("it-program-management-office").unwrap();
    let other = s.families().unwrap().into_iter().find(|f| f.id != fam.id).unwrap();
    let level = s.level_by_name(fam.id, "Senior IT Program Manager").unwrap();
    let c = s.add_candidate(&NewCandidate { name: "Ana Ruiz".into(), ..Default::default() }).unwrap();
    let app = s.apply(c, level.id).unwrap().application.id;
    let foreign = s.stages(other.id).unwrap()[1].id;
    drop(s);
    let file = rusqlite::Connection::open(&path).unwrap();
    file.execute("UPDATE applications SET stage_id = ?1 WHERE id = ?2", (foreign.0, app.0)).unwrap();
    drop(file);
    let s = open();
    let events = s.history(app).unwrap().len();
    let mut ui = App::new(s, Keymap::defaults()).unwrap();
    draw(&mut ui, 120, 40);
    ui.open_outcome(Some(app));
    assert!(ui.overlay.is_none(), "no form");
    assert!(ui.status.error && ui.status.text.contains("another role"), "{}", ui.status.text);
    draw(&mut ui, 120, 40);
    assert_eq!(store_mut(&mut ui).history(app).unwrap().len(), events, "nothing written");
}
