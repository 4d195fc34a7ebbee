//! Issue 16 in the TUI: `m` shows only the user's cards, `Q` the queue, `n` a note of
//! several lines that lands in the timeline, and a card shows its next interview.

mod common;

use chrono::{TimeZone, Utc};
use common::tui::{code, draw, key, seeded_store, type_text};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{ApplicationId, EventKind};
use rolecall::store::NewSchedule;
use rolecall::tui::action::Action;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;

/// Ana (app 1, owned by rita, an interview on Thursday 5 March 14:00 in Berlin with ivy)
/// and Bo (app 2, the tester's, nothing scheduled).
fn app() -> App {
    let mut s = seeded_store(&["Ana Ruiz", "Bo Lee"]);
    s.assign_owner(ApplicationId(1), "rita").unwrap();
    let thursday = NewSchedule {
        stage: None,
        starts_at: Utc.with_ymd_and_hms(2026, 3, 5, 13, 0, 0).unwrap(),
        zone: "Europe/Berlin".into(),
        duration_minutes: 45,
        interviewers: vec!["ivy".into()],
        place: String::new(),
    };
    s.schedule_interview(ApplicationId(1), &thursday).unwrap();
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    app.viewer_zone = Some(chrono_tz::Europe::Berlin);
    app.update(Action::Refresh);
    app
}

fn text(app: &mut App, w: u16, h: u16) -> String {
    format!("{:?}", draw(app, w, h).backend())
}

#[test]
fn a_card_shows_its_next_interview_and_m_shows_only_mine() {
    let mut app = app();
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&mut app, w, h);
        assert!(screen.contains("Thu 14:00"), "{w}x{h}: {screen}");
        assert!(screen.contains("Ana Ruiz") && screen.contains("Bo Lee"), "{screen}");
    }
    // Someone in London sees the same interview at their 13:00.
    app.viewer_zone = Some(chrono_tz::Europe::London);
    app.update(Action::Refresh);
    let london = text(&mut app, 120, 40);
    assert!(london.contains("Thu 13:00") && !london.contains("Thu 14:00"), "{london}");
    app.viewer_zone = Some(chrono_tz::Europe::Berlin);
    app.update(Action::Refresh);
    app.handle_key(key('m'));
    let screen = text(&mut app, 120, 40);
    assert!(screen.contains("Bo Lee") && !screen.contains("Ana Ruiz"), "only the tester's: {screen}");
    assert!(screen.contains("Showing only tester's candidates"), "{screen}");
    app.handle_key(key('m'));
    assert!(text(&mut app, 120, 40).contains("Ana Ruiz"), "everyone's again");
}

#[test]
fn q_shows_the_queue() {
    let mut app = app();
    app.handle_key(key('Q'));
    assert!(matches!(app.overlay, Some(Overlay::Queue(_))));
    for (w, h) in [(120, 40), (80, 24)] {
        let screen = text(&mut app, w, h);
        assert!(screen.contains("Queue of tester"), "{screen}");
        assert!(screen.contains("Candidates you own with nothing scheduled (1)"), "{w}x{h}: {screen}");
        assert!(screen.contains("app 2 Bo Lee"), "{w}x{h}: {screen}");
    }
    app.handle_key(code(KeyCode::Esc));
    assert!(app.overlay.is_none());
}

#[test]
fn n_adds_a_note_of_several_lines_to_the_timeline() {
    let mut app = app();
    assert!(app.board.select(ApplicationId(2)));
    app.handle_key(key('n'));
    assert!(matches!(app.overlay, Some(Overlay::TeamNote(_))));
    type_text(&mut app, "first line");
    app.handle_key(code(KeyCode::Enter));
    type_text(&mut app, "second line");
    let screen = text(&mut app, 80, 24);
    assert!(screen.contains("Note on Bo Lee") && screen.contains("second line"), "{screen}");
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(app.overlay.is_none(), "saved and closed");
    let history = app.store().history(ApplicationId(2)).unwrap();
    let note = history.iter().find(|e| e.kind == EventKind::Note).expect("a note event");
    assert_eq!(note.note.as_deref(), Some("first line\nsecond line"));
    app.handle_key(code(KeyCode::Enter));
    let screen = text(&mut app, 120, 40);
    assert!(screen.contains("Bo Lee: note"), "the timeline shows it: {screen}");
    assert!(screen.contains("│ first line") && screen.contains("│ second line"), "line by line: {screen}");
}

#[test]
fn o_offers_the_scheduled_interview_and_the_scorecard_belongs_to_it() {
    use rolecall::tui::overlays::outcome::OutcomeFocus;
    let mut s = seeded_store(&["Ana Ruiz"]);
    let mut panel = NewSchedule {
        stage: None,
        starts_at: Utc.with_ymd_and_hms(2026, 3, 5, 13, 0, 0).unwrap(),
        zone: "Europe/Berlin".into(),
        duration_minutes: 45,
        interviewers: vec!["ivy".into(), "tester".into()],
        place: String::new(),
    };
    let scheduled = s.schedule_interview(ApplicationId(1), &panel).unwrap();
    // The interview has taken place (two days before the store's clock).
    panel.starts_at = Utc.with_ymd_and_hms(2026, 2, 27, 13, 0, 0).unwrap();
    let past = rolecall::domain::clock::format_time(panel.starts_at);
    s.debug_execute(&format!("UPDATE interview_schedules SET starts_at = '{past}'")).unwrap();
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    assert!(app.board.select(ApplicationId(1)));
    app.handle_key(key('o'));
    let Some(Overlay::Outcome(form)) = &app.overlay else { panic!("the outcome form") };
    assert_eq!(form.schedule, Some(scheduled.id));
    assert_eq!(form.interviewer.lines()[0], "tester", "the user, filled in");
    assert_eq!(form.date.lines()[0], "2026-02-27", "the interview's day");
    for _ in 0..50 {
        if matches!(&app.overlay, Some(Overlay::Outcome(f)) if f.focus == OutcomeFocus::Recommendation) {
            break;
        }
        app.handle_key(code(KeyCode::Tab));
    }
    app.handle_key(key('3'));
    app.handle_key(KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL));
    assert!(app.overlay.is_none(), "saved: {:?}", app.status);
    let recorded = app.store().interviews(ApplicationId(1)).unwrap();
    assert_eq!(recorded.len(), 1);
    assert_eq!(recorded[0].schedule_id, Some(scheduled.id), "the scorecard belongs to the interview");
}
