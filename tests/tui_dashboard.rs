//! Dashboard and export dialog in the TUI.

use chrono::{Duration, TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::{Clock, RejectReason};
use rolecall::import::load::import_bundled;
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, Screen};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::views::render;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

/// A clock the test moves forward.
struct StepClock(Arc<AtomicI64>);

impl Clock for StepClock {
    fn now(&self) -> chrono::DateTime<Utc> {
        Utc.timestamp_opt(self.0.load(Ordering::SeqCst), 0).unwrap()
    }
}

/// The bundled roles with 40 candidates spread over eight weeks, deterministic.
fn filled() -> App {
    let t = Arc::new(AtomicI64::new(Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap().timestamp()));
    let mut s = Store::open_in_memory().unwrap().with_clock(Box::new(StepClock(t.clone()))).with_actor("gen");
    import_bundled(&mut s).unwrap();
    let fam = s.family_by_slug("it-program-management-office").unwrap();
    let levels = s.levels(fam.id).unwrap();
    for i in 0..40i64 {
        t.fetch_add(Duration::hours(31).num_seconds(), Ordering::SeqCst);
        let c =
            s.add_candidate(&NewCandidate { name: format!("Person {i:02}"), ..Default::default() }).unwrap();
        let app = s.apply(c, levels[(i as usize) % levels.len()].id).unwrap().application.id;
        let depth = (i * 7) % 6;
        for _ in 0..depth {
            t.fetch_add(Duration::hours(50).num_seconds(), Ordering::SeqCst);
            if s.step(app, true, None).is_err() {
                break;
            }
        }
        match i % 5 {
            0 => {
                s.reject(app, RejectReason::ALL[(i as usize / 5) % 4], None, None).unwrap();
            }
            1 => {
                s.hold(app, None, None).ok();
            }
            _ => {}
        }
    }
    App::new(s, Keymap::defaults()).unwrap()
}

fn draw(app: &mut App, w: u16, h: u16) -> Terminal<TestBackend> {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    t
}

#[test]
fn dashboard_shows_funnel_and_days_in_stage() {
    let mut app = filled();
    app.update(Action::Dashboard);
    assert_eq!(app.screen, Screen::Dashboard);
    let stats = app.dashboard.as_ref().expect("stats");
    assert_eq!(stats.applications, 40);
    assert!(stats.funnel.steps[0].reached >= stats.funnel.steps[1].reached);
    let text = draw(&mut app, 120, 40).backend().to_string();
    assert!(
        text.contains("Funnel") && text.contains("Days in stage") && text.contains("Rejections"),
        "{text}"
    );
    insta::assert_snapshot!("dashboard_80x24", draw(&mut app, 80, 24).backend());
    insta::assert_snapshot!("dashboard_120x40", draw(&mut app, 120, 40).backend());
    app.update(Action::Left);
    assert_eq!(app.screen, Screen::Board, "any board key leaves the dashboard");
}

#[test]
fn export_dialog_writes_the_file_and_says_where() {
    let mut app = filled();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("out.json");
    app.update(Action::Export);
    app.handle_key(KeyEvent::new(KeyCode::Right, KeyModifiers::NONE)); // CSV → JSON
    let Some(Overlay::Export(form)) = &mut app.overlay else { panic!("export dialog") };
    form.path = rolecall::tui::overlays::fields::line_field(&path.display().to_string(), "");
    form.path_edited = true;
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    assert!(app.status.text.contains("out.json"), "{}", app.status.text);
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(json.get("schema_version").is_some());
    // The dialog says where it wrote and offers to copy the path.
    let shown = std::fs::canonicalize(&path).unwrap().display().to_string();
    let Some(Overlay::Exported(done)) = &app.overlay else { panic!("where it wrote") };
    assert_eq!(done.path, shown);
    let screen = format!("{:?}", draw(&mut app, 120, 40).backend());
    assert!(screen.contains("c: copy the path"), "{screen}");
    assert_eq!(app.take_clipboard(), None, "nothing copied before asking");
    app.handle_key(KeyEvent::new(KeyCode::Char('c'), KeyModifiers::NONE));
    assert!(app.overlay.is_none());
    assert_eq!(app.take_clipboard(), Some(shown));
    assert_eq!(app.take_clipboard(), None, "copied once");
}

#[test]
fn export_dialog_keeps_choices_on_failure() {
    let mut app = filled();
    app.update(Action::Export);
    let Some(Overlay::Export(form)) = &mut app.overlay else { panic!("export dialog") };
    form.path = rolecall::tui::overlays::fields::line_field("/proc/no-such-dir/x.csv", "");
    form.path_edited = true;
    app.handle_key(KeyEvent::new(KeyCode::Enter, KeyModifiers::NONE));
    let Some(Overlay::Export(form)) = &app.overlay else { panic!("dialog closed on failure") };
    assert!(form.error.is_some());
    insta::assert_snapshot!("export_dialog_80x24", draw(&mut app, 80, 24).backend());
}

#[test]
fn export_dialog_refuses_a_date_after_today() {
    let mut app = filled();
    let today = app.now;
    app.update(Action::Export);
    let Some(Overlay::Export(form)) = &mut app.overlay else { panic!("export dialog") };
    let tomorrow = (today + Duration::days(1)).format("%Y-%m-%d").to_string();
    form.as_of = rolecall::tui::overlays::fields::line_field(&tomorrow, "");
    let err = form.as_of_instant(today).expect_err("the future is refused");
    assert!(err.contains("is in the future"), "{err}");
    let same_day = today.format("%Y-%m-%d").to_string();
    form.as_of = rolecall::tui::overlays::fields::line_field(&same_day, "");
    assert!(form.as_of_instant(today).is_ok(), "today is fine");
}
