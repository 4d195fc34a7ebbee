//! TUI tests without a terminal: keys and actions into `App`, frames into a `TestBackend`.

mod common;

use common::{sample_family, store};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{AppStatus, FamilyDraft};
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::action::Action;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::run::{EventSource, run_loop};
use rolecall::tui::views::render;
use std::sync::atomic::AtomicBool;
use std::time::Duration;

fn seeded_store(candidates: &[&str]) -> Store {
    let mut s = store();
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

fn app_with(candidates: &[&str]) -> App {
    App::new(seeded_store(candidates), Keymap::defaults()).expect("app")
}

fn key(c: char) -> KeyEvent {
    let mods = if c.is_ascii_uppercase() { KeyModifiers::SHIFT } else { KeyModifiers::NONE };
    KeyEvent::new(KeyCode::Char(c), mods)
}

fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

fn type_text(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    t
}

fn screen_text(app: &mut App, w: u16, h: u16) -> String {
    draw(app, w, h).backend().to_string()
}

#[test]
fn add_candidate_then_move_five_times_reaches_offer() {
    let mut app = app_with(&[]);
    app.handle_key(key('a'));
    type_text(&mut app, "Ana Ruiz");
    app.handle_key(code(KeyCode::Enter));
    let card = app.board.selected().cloned().expect("new card selected");
    assert_eq!(card.name, "Ana Ruiz");
    for _ in 0..5 {
        app.handle_key(key('L'));
    }
    let a = app.store().application(card.id).unwrap();
    assert_eq!(a.stage_label, "Offer");
    assert!(app.status.text.contains("Ana Ruiz CFO → Offer"), "{}", app.status.text);
    assert_eq!(app.board.selected().map(|c| c.id), Some(card.id), "cursor follows the card");
    let history = app.store().history(card.id).unwrap();
    assert_eq!(history.len(), 6);
}

#[test]
fn reject_hides_card_z_shows_it_u_brings_it_back() {
    let mut app = app_with(&["Bo Lee", "Cy Doe"]);
    let bo = app.board.selected().cloned().unwrap();
    app.handle_key(key('r'));
    app.handle_key(key('3')); // Compensation
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(bo.id).unwrap().status, AppStatus::Rejected);
    assert_eq!(app.board.count(0), 1, "rejected card left the board");
    app.update(Action::ToggleClosed);
    assert_eq!(app.board.count(0), 2, "z shows closed cards");
    app.update(Action::ToggleClosed);
    app.handle_key(key('u'));
    assert_eq!(app.store().application(bo.id).unwrap().status, AppStatus::Active);
    assert_eq!(app.board.count(0), 2);
    assert!(app.status.text.starts_with("Undone"), "{}", app.status.text);
    // Redo rejects again, with the same reason.
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    let a = app.store().application(bo.id).unwrap();
    assert_eq!(a.status, AppStatus::Rejected);
    assert_eq!(a.reject_reason, Some(rolecall::domain::RejectReason::Compensation));
}

#[test]
fn undo_survives_a_restart() {
    let mut app = app_with(&["Di Fox"]);
    let id = app.board.selected().unwrap().id;
    app.update(Action::MoveForward);
    let store = app_into_store(app);
    let mut app = App::new(store, Keymap::defaults()).unwrap();
    app.update(Action::Undo);
    assert_eq!(app.store().application(id).unwrap().stage_label, "Screening");
}

fn app_into_store(app: App) -> Store {
    // The App owns the store; tests reopen by moving it out through a fresh App.
    rolecall::tui::app::into_store(app)
}

#[test]
fn withdraw_asks_first_and_hold_toggles() {
    let mut app = app_with(&["Ed Gray"]);
    let id = app.board.selected().unwrap().id;
    app.handle_key(key('w'));
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Active);
    app.handle_key(key('p'));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::OnHold);
    app.handle_key(key('p'));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Active);
    app.handle_key(key('w'));
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Withdrawn);
}

#[test]
fn filter_narrows_the_board_and_esc_clears_it() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Anatole Frank"]);
    app.handle_key(key('/'));
    type_text(&mut app, "ana");
    assert_eq!(app.board.count(0), 2);
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.board.count(0), 3);
}

#[test]
fn tab_switches_roles_and_picker_filters() {
    let mut app = app_with(&[]);
    app.handle_key(code(KeyCode::Tab));
    assert_eq!(app.current_family().unwrap().title, "Director, IT Operations");
    app.handle_key(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
    assert_eq!(app.current_family().unwrap().title, "IT Program Management Office");
    app.handle_key(key('R'));
    type_text(&mut app, "direct");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.current_family().unwrap().title, "Director, IT Operations");
}

#[test]
fn palette_runs_the_chosen_action() {
    let mut app = app_with(&["Fa Hu"]);
    let id = app.board.selected().unwrap().id;
    app.handle_key(key(':'));
    type_text(&mut app, "forward");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(id).unwrap().stage_label, "VP IT panel");
}

#[test]
fn moving_a_card_changed_elsewhere_is_refused() {
    let mut app = app_with(&["Gi Jo"]);
    let card = app.board.selected().cloned().unwrap();
    // Someone else moves the candidate; our board still shows the old version.
    rolecall::tui::app::store_mut(&mut app).step(card.id, true, None).unwrap();
    app.update(Action::MoveForward);
    assert!(app.status.error, "{}", app.status.text);
    assert!(app.status.text.contains("changed by someone else"), "{}", app.status.text);
    assert_eq!(app.store().application(card.id).unwrap().stage_label, "VP IT panel");
}

#[test]
fn hostile_names_stay_inside_their_cards() {
    let long = "x".repeat(500);
    let names = ["\x1b[31mRed\x1b[0m\tTab", "😀 Emoji Person", "مرحبا بالعالم", long.as_str()];
    let mut app = app_with(&names);
    for (w, h) in [(80, 24), (120, 40), (20, 5), (1, 1), (3, 2)] {
        let text = screen_text(&mut app, w, h);
        assert!(!text.contains('\x1b'), "escape leaked at {w}x{h}");
        assert!(!text.contains('\t'));
    }
    let text = screen_text(&mut app, 120, 40);
    assert!(text.contains("xxxxxxxx…"), "long name is cut:\n{text}");
}

#[test]
fn every_size_down_to_one_by_one_renders() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee"]);
    for w in [1u16, 2, 5, 20, 40, 80, 200] {
        for h in [1u16, 2, 3, 5, 10, 24] {
            let _ = draw(&mut app, w, h);
            app.handle_key(key('j'));
            app.handle_key(key('l'));
        }
    }
}

struct Script(Vec<Event>, Vec<String>);

impl EventSource for Script {
    fn next(&mut self, _timeout: Duration) -> std::io::Result<Option<Event>> {
        Ok(if self.0.is_empty() { Some(Event::Key(key('q'))) } else { Some(self.0.remove(0)) })
    }

    fn copy_to_clipboard(&mut self, text: &str) -> std::io::Result<()> {
        self.1.push(text.to_string());
        Ok(())
    }
}

#[test]
fn the_loop_hands_copied_text_to_the_terminal() {
    let mut app = app_with(&["Ho Ki"]);
    app.copy_to_clipboard("/tmp/x.csv".into());
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events = Script(vec![Event::Key(key('j'))], Vec::new());
    run_loop(&mut terminal, &mut app, &mut events, &AtomicBool::new(false)).unwrap();
    assert_eq!(events.1, vec!["/tmp/x.csv".to_string()]);
    // OSC 52 carries the text base64-encoded.
    assert_eq!(rolecall::tui::run::osc52("/tmp/x.csv"), "\x1b]52;c;L3RtcC94LmNzdg==\x07");
}

#[test]
fn event_loop_runs_a_key_script() {
    let mut app = app_with(&["Ho Ki"]);
    let id = app.board.selected().unwrap().id;
    let mut terminal = Terminal::new(TestBackend::new(80, 24)).unwrap();
    let mut events =
        Script(vec![Event::Key(key('L')), Event::Resize(20, 5), Event::Key(key('L'))], Vec::new());
    run_loop(&mut terminal, &mut app, &mut events, &AtomicBool::new(false)).unwrap();
    assert_eq!(app.store().application(id).unwrap().stage_label, "Stakeholder");
}

#[test]
fn snapshots_board_80x24() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Cy Doe"]);
    app.update(Action::MoveForward);
    insta::assert_snapshot!(draw(&mut app, 80, 24).backend());
}

#[test]
fn snapshots_board_120x40() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee", "Cy Doe"]);
    app.update(Action::MoveForward);
    app.update(Action::Hold);
    app.handle_key(code(KeyCode::Enter)); // no note
    insta::assert_snapshot!(draw(&mut app, 120, 40).backend());
}

#[test]
fn snapshots_help() {
    let mut app = app_with(&[]);
    app.update(Action::Help);
    insta::assert_snapshot!("help_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("help_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn snapshots_reject_dialog() {
    let mut app = app_with(&["Ana Ruiz"]);
    app.update(Action::Reject);
    app.handle_key(key('j'));
    insta::assert_snapshot!("reject_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("reject_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn snapshots_role_picker() {
    let mut app = app_with(&[]);
    app.update(Action::RolePicker);
    insta::assert_snapshot!("picker_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("picker_120x40", draw(&mut app, 120, 40).backend());
}

#[test]
fn an_empty_board_says_how_to_add_someone() {
    let mut app = app_with(&[]);
    let screen = format!("{:?}", draw(&mut app, 120, 40).backend());
    assert!(screen.contains("No candidates here yet · a adds one · z shows closed ones"), "{screen}");
    app.handle_key(key('?'));
    let screen = format!("{:?}", draw(&mut app, 120, 40).backend());
    assert!(!screen.contains("No candidates here yet"), "hidden under a dialog");
}

#[test]
fn narrow_cards_keep_status_and_progress_whole() {
    // The bundled roles: Stakeholder asks for 1–2 interviews, so the card shows 0/2.
    let mut s = Store::open_in_memory().unwrap();
    rolecall::import::load::import_bundled(&mut s).unwrap();
    let fam = s.families().unwrap()[0].id;
    let level = s.level_by_name(fam, "Senior IT Program Manager").unwrap();
    let c = s.add_candidate(&NewCandidate { name: "Kiran Nguyen".into(), ..Default::default() }).unwrap();
    s.apply(c, level.id).unwrap();
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    app.update(Action::MoveForward);
    app.update(Action::MoveForward);
    app.update(Action::Hold);
    app.handle_key(code(KeyCode::Enter)); // no note
    let wide = format!("{:?}", draw(&mut app, 120, 40).backend());
    assert!(wide.contains("0d 0/2 hold 0d"), "held for 0 days: {wide}");
    let narrow = format!("{:?}", draw(&mut app, 80, 24).backend());
    assert!(narrow.contains("0d 0/2 hold 0d"), "{narrow}");
    // The status tag is never cut off at the column's edge.
    let card_line = narrow.lines().find(|l| l.contains("0/2")).unwrap_or_default();
    assert!(card_line.contains("hold 0d│"), "{card_line}");
}

#[test]
fn ctrl_c_in_a_form_with_typed_text_asks_instead_of_quitting() {
    use rolecall::tui::effect::Flow;
    use rolecall::tui::overlays::Overlay;
    let mut app = app_with(&["Ana Ruiz"]);
    app.handle_key(key('o'));
    for c in "Pat".chars() {
        app.handle_key(key(c));
    }
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert_eq!(app.handle_key(ctrl_c), Flow::Continue, "not quit with a filled form");
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("the form stays") };
    assert!(form.discard.is_asking(), "asks before discarding");
    // A second Ctrl-c keeps the form (only y discards).
    app.handle_key(ctrl_c);
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("the form stays") };
    assert_eq!(rolecall::tui::overlays::fields::multi_text(&form.interviewer), "Pat");
    // On the bare board Ctrl-c quits.
    app.overlay = None;
    assert_eq!(app.handle_key(ctrl_c), Flow::Quit);
}

#[test]
fn hire_from_offer_and_reopen_from_the_board() {
    let mut app = app_with(&["Ana Ruiz"]);
    let id = app.board.selected().unwrap().id;
    for _ in 0..5 {
        app.update(Action::MoveForward);
    }
    assert_eq!(app.store().application(id).unwrap().stage_label, "Offer");
    app.update(Action::MoveForward);
    assert!(app.status.text.is_empty() || !app.status.text.contains("hire instead"), "{}", app.status.text);
    app.handle_key(key('y'));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Hired);
    app.update(Action::ToggleClosed);
    app.board.select(id);
    app.update(Action::MoveForward);
    assert!(app.status.text.contains("press O to reopen"), "{}", app.status.text);
    app.update(Action::Reopen);
    app.handle_key(key('y'));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Active);
}

#[test]
fn undo_names_the_step_and_skips_one_changed_by_someone_else() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee"]);
    let ana = app.board.selected().unwrap().id;
    app.update(Action::MoveForward); // Ana → VP IT panel
    app.board.select(ana);
    app.update(Action::Hold); // Ana on hold
    app.handle_key(code(KeyCode::Enter)); // no note
    app.update(Action::Undo);
    assert!(app.status.text.starts_with("Undone: Ana Ruiz put on hold"), "{}", app.status.text);
    app.update(Action::Redo);
    assert!(app.status.text.starts_with("Redone: Ana Ruiz put on hold"), "{}", app.status.text);
    // Someone else moves Ana on: the hold can no longer be undone, the move before it can't
    // either (she is elsewhere now), and neither blocks undo for good.
    rolecall::tui::app::store_mut(&mut app).resume(ana, None).unwrap();
    app.tick();
    app.update(Action::Undo);
    assert!(app.status.text.contains("skipped it"), "{}", app.status.text);
    app.update(Action::Undo);
    assert!(app.status.text.starts_with("Undone: Ana Ruiz Screening → VP IT panel"), "{}", app.status.text);
}

#[test]
fn esc_leaves_the_dashboard_and_growing_the_terminal_shows_every_column() {
    use rolecall::tui::app::Screen;
    let mut app = app_with(&["Ana Ruiz"]);
    app.update(Action::Dashboard);
    assert_eq!(app.screen, Screen::Dashboard);
    app.handle_key(code(KeyCode::Esc));
    assert_eq!(app.screen, Screen::Board);
    let _ = draw(&mut app, 30, 8);
    for _ in 0..5 {
        app.handle_key(key('l'));
    }
    let _ = draw(&mut app, 30, 8);
    assert!(app.board.col_offset > 0, "scrolled right when narrow");
    let wide = format!("{:?}", draw(&mut app, 120, 40).backend());
    assert_eq!(app.board.col_offset, 0);
    assert!(wide.contains("Screening") && wide.contains("Offer"), "{wide}");
}

#[test]
fn adding_someone_who_exists_applies_that_person_unless_asked_for_a_new_one() {
    use rolecall::tui::overlays::Overlay;
    let mut app = app_with(&["Bo Lee"]);
    app.update(Action::NextRole);
    let type_name = |app: &mut App| {
        app.handle_key(key('a'));
        for c in "Bo Lee".chars() {
            app.handle_key(key(c));
        }
        app.handle_key(code(KeyCode::Enter));
    };
    type_name(&mut app);
    let Some(Overlay::Add(form)) = &app.overlay else { panic!("the form says who exists") };
    assert!(
        form.error.as_deref().unwrap_or("").contains("already exists: Enter applies them"),
        "{:?}",
        form.error
    );
    app.handle_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{}", app.status.text);
    let people = app.store().candidates(None, 10).unwrap();
    assert_eq!(people.len(), 1, "no second Bo Lee");
    assert_eq!(app.board.cards.len(), 1, "Bo Lee is on the second role's board");
    // Ctrl-n adds a new person after all.
    type_name(&mut app);
    app.handle_key(KeyEvent::new(KeyCode::Char('n'), KeyModifiers::CONTROL));
    assert_eq!(app.store().candidates(None, 10).unwrap().len(), 2);
}
