//! Safer defaults: reject needs a chosen reason; withdraw and hold take a note; the add
//! form records phone and source.

mod common;

use common::tui::{app_with, code, key, screen_text, type_text};
use ratatui::crossterm::event::KeyCode;
use rolecall::domain::{AppStatus, EventKind, RejectReason};
use rolecall::tui::overlays::Overlay;

#[test]
fn r_then_enter_does_not_reject() {
    let mut app = app_with(&["Ana Ruiz"]);
    let id = app.board.selected().unwrap().id;
    app.handle_key(key('r'));
    let Some(Overlay::Reject(d)) = &app.overlay else { panic!("reject dialog") };
    assert_eq!(d.reason, None, "no reason preselected");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(id).unwrap().status, AppStatus::Active);
    assert!(screen_text(&mut app, 80, 24).contains("Pick a reason first"), "says why");
    app.handle_key(key('j'));
    let Some(Overlay::Reject(d)) = &app.overlay else { panic!("still open") };
    assert_eq!(d.chosen(), Some(RejectReason::ALL[0]), "the first j lands on the first reason");
    app.handle_key(key('3'));
    app.handle_key(code(KeyCode::Enter));
    let a = app.store().application(id).unwrap();
    assert_eq!((a.status, a.reject_reason), (AppStatus::Rejected, Some(RejectReason::ALL[2])));
}

#[test]
fn withdraw_and_hold_take_an_optional_note() {
    let mut app = app_with(&["Ana Ruiz", "Bo Lee"]);
    let ana = app.board.selected().unwrap().id;
    app.handle_key(key('p'));
    assert!(screen_text(&mut app, 80, 24).contains("Note (optional)"));
    type_text(&mut app, "waiting for budget");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(app.store().application(ana).unwrap().status, AppStatus::OnHold);
    let held = app.store().history(ana).unwrap().into_iter().last().unwrap();
    assert_eq!((held.kind, held.note.as_deref()), (EventKind::Held, Some("waiting for budget")));
    app.handle_key(key('p'));
    assert_eq!(app.store().application(ana).unwrap().status, AppStatus::Active, "p resumes at once");
    app.handle_key(key('w'));
    app.handle_key(code(KeyCode::Enter));
    let a = app.store().application(ana).unwrap();
    assert_eq!(a.status, AppStatus::Withdrawn, "Enter with no note withdraws");
    let bo = app.board.selected().unwrap().id;
    assert_ne!(bo, ana);
    app.handle_key(key('w'));
    type_text(&mut app, "took another offer");
    app.handle_key(code(KeyCode::Enter));
    let last = app.store().history(bo).unwrap().into_iter().last().unwrap();
    assert_eq!((last.kind, last.note.as_deref()), (EventKind::Withdrawn, Some("took another offer")));
}

#[test]
fn add_form_records_phone_and_source() {
    let mut app = app_with(&[]);
    app.handle_key(key('a'));
    let screen = screen_text(&mut app, 80, 24);
    assert!(screen.contains("Phone") && screen.contains("Source"), "{screen}");
    type_text(&mut app, "Cy Doe");
    app.handle_key(code(KeyCode::Tab));
    type_text(&mut app, "cy@example.com");
    app.handle_key(code(KeyCode::Tab));
    type_text(&mut app, "+44 20 7946 0000");
    app.handle_key(code(KeyCode::Tab));
    type_text(&mut app, "referral");
    app.handle_key(code(KeyCode::Enter));
    assert!(app.overlay.is_none(), "{}", app.status.text);
    let person = app.store().find_candidate("cy@example.com").unwrap();
    assert_eq!(person.phone.as_deref(), Some("+44 20 7946 0000"));
    assert_eq!(person.source.as_deref(), Some("referral"));
}
