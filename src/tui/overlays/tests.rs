//! Overlays answer keys with replies and effects, without a terminal or a database.

use super::Overlay;
use super::confirm::{Confirm, Pending};
use super::dialog::{Ctx, Reply, Request};
use super::edit::EditForm;
use super::export::ExportForm;
use super::outcome::{OutcomeFocus, OutcomeForm};
use super::picker::Picker;
use super::reject::RejectDialog;
use crate::domain::Candidate;
use crate::domain::{ApplicationId, CandidateId, FamilyId, Rating, RejectReason, StageId};
use crate::tui::action::Action;
use crate::tui::config::Thresholds;
use crate::tui::effect::{Command, Effect};
use crate::tui::keymap::Keymap;
use crate::tui::views::theme::Theme;
use chrono::{TimeZone, Utc};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn press(overlay: &mut Overlay, code: KeyCode) -> Reply {
    press_key(overlay, KeyEvent::from(code))
}

fn press_key(overlay: &mut Overlay, key: KeyEvent) -> Reply {
    let (keymap, theme) = (Keymap::defaults(), Theme::from_env());
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let ctx = Ctx {
        keymap: &keymap,
        size: (80, 24),
        thresholds: Thresholds::default(),
        theme: &theme,
        now,
        access: None,
    };
    overlay.dialog_mut().key(key, &ctx)
}

fn type_text(overlay: &mut Overlay, text: &str) {
    for c in text.chars() {
        press(overlay, KeyCode::Char(c));
    }
}

#[test]
fn reject_asks_for_a_reason_then_closes_and_asks_for_the_write() {
    let mut o = Overlay::Reject(Box::new(RejectDialog::new(ApplicationId(1), 5, "Ana".into())));
    assert!(matches!(press(&mut o, KeyCode::Enter), Reply::Stay), "no reason chosen");
    press(&mut o, KeyCode::Char('3'));
    press(&mut o, KeyCode::Tab);
    type_text(&mut o, "late");
    let Reply::CloseAnd(Effect::Write(Command::Reject { app, reason, note, version })) =
        press(&mut o, KeyCode::Enter)
    else {
        panic!("a reject write")
    };
    assert_eq!(
        (app, reason, note.as_deref(), version),
        (ApplicationId(1), RejectReason::ALL[2], Some("late"), 5)
    );
    assert!(matches!(press(&mut o, KeyCode::Esc), Reply::CloseWith(m) if m == "Not rejected"));
}

#[test]
fn erase_takes_only_an_explicit_yes() {
    let pending = Pending::Erase(CandidateId(4));
    let mut o = Overlay::Confirm(Confirm { question: "Erase?".into(), pending });
    assert!(matches!(press(&mut o, KeyCode::Enter), Reply::CloseWith(m) if m == "Cancelled"));
    let yes = press(&mut o, KeyCode::Char('y'));
    assert!(matches!(yes, Reply::CloseAnd(Effect::Write(Command::Erase(CandidateId(4))))));
    let pending = Pending::Hire(ApplicationId(1), 2);
    let mut hire = Overlay::Confirm(Confirm { question: "Hire?".into(), pending });
    let yes = press(&mut hire, KeyCode::Enter);
    assert!(matches!(yes, Reply::CloseAnd(Effect::Write(Command::Hire(ApplicationId(1), 2)))));
}

#[test]
fn the_palette_runs_what_was_typed_and_forms_take_ctrl_c_as_esc() {
    let mut o = Overlay::Palette(Picker::palette(&Keymap::defaults(), None));
    type_text(&mut o, "undo");
    assert!(matches!(press(&mut o, KeyCode::Enter), Reply::Ask(Request::Run(Action::Undo))));
    let ctrl_c = KeyEvent::new(KeyCode::Char('c'), ratatui::crossterm::event::KeyModifiers::CONTROL);
    let mut o = Overlay::Palette(Picker::palette(&Keymap::defaults(), None));
    assert!(matches!(press_key(&mut o, ctrl_c), Reply::CloseAnd(Effect::Quit)), "Ctrl-c quits from a picker");
    let mut reject = Overlay::Reject(Box::new(RejectDialog::new(ApplicationId(1), 1, "Ana".into())));
    assert!(
        matches!(press_key(&mut reject, ctrl_c), Reply::CloseWith(m) if m == "Not rejected"),
        "a form cancels"
    );
}

#[test]
fn the_outcome_form_submits_an_interview_and_stays_open_until_it_is_saved() {
    let today = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap().date_naive();
    let stages = vec![(StageId(1), "Screening".into())];
    let form = OutcomeForm::new(ApplicationId(7), 3, "Ana".into(), "", today, stages, StageId(1), vec![]);
    let mut o = Overlay::Outcome(Box::new(form));
    assert!(matches!(press(&mut o, KeyCode::Enter), Reply::Stay), "no interviewer yet");
    type_text(&mut o, "Pat");
    if let Overlay::Outcome(f) = &mut o {
        f.focus = OutcomeFocus::Recommendation;
    }
    press(&mut o, KeyCode::Char('4'));
    let Reply::Submit(Effect::Write(Command::RecordInterview { app, version, interview, .. })) =
        press(&mut o, KeyCode::Enter)
    else {
        panic!("an interview to record")
    };
    assert_eq!((app, version, interview.interviewer.as_str()), (ApplicationId(7), 3, "Pat"));
    assert_eq!(interview.recommendation, Rating::StrongYes);
    // Esc on a form with typing asks first; nothing is written.
    assert!(matches!(press(&mut o, KeyCode::Esc), Reply::Stay));
    assert!(matches!(press(&mut o, KeyCode::Char('y')), Reply::CloseWith(m) if m == "Outcome discarded"));
}

#[test]
fn the_edit_form_submits_only_what_changed_and_ctrl_s_saves_too() {
    let c = Candidate {
        id: CandidateId(2),
        name: "Ana Ruiz".into(),
        email: None,
        phone: None,
        source: None,
        notes: String::new(),
        created_at: None,
    };
    let mut o = Overlay::Edit(Box::new(EditForm::new(&c, None)));
    let ctrl_s = KeyEvent::new(KeyCode::Char('s'), KeyModifiers::CONTROL);
    let (keymap, theme) = (Keymap::defaults(), Theme::from_env());
    let ctx = Ctx {
        keymap: &keymap,
        size: (80, 24),
        thresholds: Thresholds::default(),
        theme: &theme,
        now: Utc::now(),
        access: None,
    };
    let Reply::Submit(Effect::Write(Command::Edit { candidate, details, level })) =
        o.dialog_mut().key(ctrl_s, &ctx)
    else {
        panic!("an edit to save")
    };
    assert_eq!((candidate, details.is_none(), level), (CandidateId(2), true, None), "nothing changed");
    type_text(&mut o, " Jr");
    let Reply::Submit(Effect::Write(Command::Edit { details, .. })) = press(&mut o, KeyCode::Enter) else {
        panic!("an edit to save")
    };
    assert_eq!(details.and_then(|d| d.name).as_deref(), Some("Ana Ruiz Jr"));
}

#[test]
fn the_export_dialog_asks_for_a_file_to_be_written_and_writes_nothing_itself() {
    let now = Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap();
    let mut o = Overlay::Export(Box::new(ExportForm::new(Some(FamilyId(1)), "pmo", now)));
    let Reply::Submit(Effect::Export(job)) = press(&mut o, KeyCode::Enter) else { panic!("an export") };
    assert_eq!(job.path, std::path::PathBuf::from("rolecall-pmo-2026-03-02.csv"));
    assert_eq!(
        (job.family, job.as_of.format("%Y-%m-%d").to_string()),
        (Some(FamilyId(1)), "2026-03-02".into())
    );
    assert!(!job.path.exists(), "the dialog only describes the file");
}
