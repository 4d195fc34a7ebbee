//! Overlays answer keys with replies, without a terminal or a database.

use super::Overlay;
use super::confirm::{Confirm, Pending};
use super::dialog::{Ctx, Reply, Request};
use super::picker::Picker;
use super::reject::RejectDialog;
use crate::domain::{ApplicationId, CandidateId};
use crate::tui::action::Action;
use crate::tui::config::Thresholds;
use crate::tui::keymap::Keymap;
use crate::tui::views::theme::Theme;
use ratatui::crossterm::event::{KeyCode, KeyEvent};

fn press(overlay: &mut Overlay, code: KeyCode) -> Reply {
    let (keymap, theme) = (Keymap::defaults(), Theme::from_env());
    let ctx = Ctx { keymap: &keymap, size: (80, 24), thresholds: Thresholds::default(), theme: &theme };
    overlay.dialog_mut().key(KeyEvent::from(code), &ctx)
}

#[test]
fn reject_asks_for_a_reason_before_it_asks_the_app() {
    let mut o = Overlay::Reject(Box::new(RejectDialog::new(ApplicationId(1), 1, "Ana".into())));
    assert_eq!(press(&mut o, KeyCode::Enter), Reply::Stay, "no reason chosen");
    assert_eq!(press(&mut o, KeyCode::Char('3')), Reply::Stay);
    assert_eq!(press(&mut o, KeyCode::Enter), Reply::Ask(Request::Reject));
    assert_eq!(press(&mut o, KeyCode::Esc), Reply::CloseWith("Not rejected".into()));
}

#[test]
fn erase_takes_only_an_explicit_yes() {
    let pending = Pending::Erase(CandidateId(4));
    let mut o = Overlay::Confirm(Confirm { question: "Erase?".into(), pending });
    assert_eq!(press(&mut o, KeyCode::Enter), Reply::CloseWith("Cancelled".into()));
    assert_eq!(press(&mut o, KeyCode::Char('y')), Reply::Ask(Request::Confirm));
    let mut hire =
        Overlay::Confirm(Confirm { question: "Hire?".into(), pending: Pending::Hire(ApplicationId(1), 2) });
    assert_eq!(press(&mut hire, KeyCode::Enter), Reply::Ask(Request::Confirm));
}

#[test]
fn the_palette_runs_what_was_typed_and_forms_take_ctrl_c_as_esc() {
    let mut o = Overlay::Palette(Picker::palette(&Keymap::defaults()));
    for c in "undo".chars() {
        assert_eq!(press(&mut o, KeyCode::Char(c)), Reply::Stay);
    }
    assert_eq!(press(&mut o, KeyCode::Enter), Reply::Ask(Request::Run(Action::Undo)));
    assert!(!o.dialog().is_form(), "Ctrl-c quits from a picker");
    let reject = Overlay::Reject(Box::new(RejectDialog::new(ApplicationId(1), 1, "Ana".into())));
    assert!(reject.dialog().is_form());
}
