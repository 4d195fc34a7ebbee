//! Reject: pick a reason (none is preselected), optionally write a note.

use super::dialog::{Ctx, Dialog, Reply};
use super::fields::{optional_text, text_field};
use super::keys::{Takes, form_action};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, RejectReason};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect};
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{boxed, centered, field, fit};
use ratatui::Frame;
use ratatui::crossterm::event::{KeyCode, KeyEvent};
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

/// The reject dialog.
pub struct RejectDialog {
    /// Who.
    pub app: ApplicationId,
    /// Their name.
    pub name: String,
    /// Version seen on the board.
    pub version: i64,
    /// Index into `RejectReason::ALL`; none until the user picks one.
    pub reason: Option<usize>,
    /// Why Enter did nothing.
    pub error: Option<String>,
    /// Optional note.
    pub note: TextArea<'static>,
    /// Whether the note field has the keys.
    pub note_focus: bool,
}

impl RejectDialog {
    /// A dialog for this application, no reason chosen.
    pub fn new(app: ApplicationId, version: i64, name: String) -> Self {
        let note = text_field("optional note");
        RejectDialog { app, name, version, reason: None, error: None, note, note_focus: false }
    }

    /// The chosen reason, if any.
    pub fn chosen(&self) -> Option<RejectReason> {
        self.reason.and_then(|i| RejectReason::ALL.get(i).copied())
    }

    /// The note typed, if any.
    pub fn note_text(&self) -> Option<String> {
        optional_text(&self.note)
    }

    /// Move the reason cursor (the first move from none lands on the first reason).
    pub fn step(&mut self, delta: isize) {
        let last = RejectReason::ALL.len() as isize - 1;
        self.reason = Some(match self.reason {
            None => 0,
            Some(i) => (i as isize + delta).clamp(0, last) as usize,
        });
        self.error = None;
    }

    /// Pick the reason numbered `c` (1-based).
    fn pick(&mut self, c: char) {
        match c.to_digit(10).and_then(|n| (n as usize).checked_sub(1)) {
            Some(i) if i < RejectReason::ALL.len() => {
                self.reason = Some(i);
                self.error = None;
            }
            _ => self.error = Some(format!("{c} is not a reason: 1-{}", RejectReason::ALL.len())),
        }
    }

    /// Enter: reject, unless no reason was chosen (Enter alone must not reject for a
    /// reason nobody chose).
    fn submit(&mut self, keymap: &Keymap) -> Reply {
        let Some(reason) = self.chosen() else {
            let save = keymap.key_in(Mode::Form, Action::Save);
            self.error = Some(format!("Pick a reason first: 1-9, or {} then {save}", list_keys(keymap)));
            return Reply::Stay;
        };
        let (app, version, note) = (self.app, self.version, self.note_text());
        Reply::CloseAnd(Effect::Write(Command::Reject { app, reason, note, version }))
    }
}

impl Dialog for RejectDialog {
    /// The `[form]` keys: the reasons list takes digits, the note takes typing.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let takes = if self.note_focus { Takes::Text } else { Takes::Digits };
        match form_action(ctx.keymap, &key, takes) {
            Some(Action::Cancel) => return Reply::CloseWith("Not rejected".into()),
            Some(Action::Save) => return self.submit(ctx.keymap),
            Some(Action::NextField | Action::PrevField) => self.note_focus = !self.note_focus,
            _ if self.note_focus => {
                self.note.input(key);
            }
            Some(Action::Down) => self.step(1),
            Some(Action::Up) => self.step(-1),
            _ => match key.code {
                KeyCode::Char(c) if c.is_ascii_digit() => self.pick(c),
                KeyCode::Char(_) => {
                    let tab = ctx.keymap.key_in(Mode::Form, Action::NextField);
                    let list = list_keys(ctx.keymap);
                    self.error = Some(format!("{tab} to write a note; 1-9 or {list} pick the reason"));
                }
                _ => {}
            },
        }
        Reply::Stay
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let height = RejectReason::ALL.len() as u16 + 7;
        let rect = centered(area, 62, height);
        let inner = boxed(frame, rect, &format!("Reject {}", fit(&self.name, 40)));
        let [list, note_label, note, help] = Layout::vertical([
            Constraint::Length(RejectReason::ALL.len() as u16),
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Fill(1),
        ])
        .areas(inner);
        let lines: Vec<Line<'_>> = RejectReason::ALL
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let style = match Some(i) == self.reason {
                    true if !self.note_focus => theme.selected(),
                    true => theme.title(),
                    false => theme.normal(),
                };
                Line::from(Span::styled(format!("{} {}", i + 1, r.label()), style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines), list);
        let label_style = if self.note_focus { theme.title() } else { theme.secondary() };
        let key = |a| ctx.keymap.key_in(Mode::Form, a);
        let label = format!("Note ({} to edit):", key(Action::NextField));
        frame.render_widget(Paragraph::new(Span::styled(label, label_style)), note_label);
        frame.render_widget(&field(&self.note, self.note_focus), note);
        let footer = match &self.error {
            Some(e) => Span::styled(inert(e), theme.error()),
            None if self.reason.is_none() => Span::styled(
                format!("Pick a reason: {} · {} cancel", reason_keys(ctx.keymap), key(Action::Cancel)),
                theme.secondary(),
            ),
            None => Span::styled(
                format!(
                    "{} reject · {} · {} cancel",
                    key(Action::Save),
                    reason_keys(ctx.keymap),
                    key(Action::Cancel)
                ),
                theme.secondary(),
            ),
        };
        frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), help);
    }
}

/// The keys that move in the reasons list, "j/k" (letters first: they are what a list
/// shows best), from the live `[form]` keys.
fn list_keys(keymap: &Keymap) -> String {
    let pick = |a| {
        let keys = keymap.keys_in(Mode::Form, a);
        keys.iter()
            .find(|k| k.len() == 1 && k.chars().all(|c| c.is_ascii_alphanumeric()))
            .or(keys.first())
            .cloned()
            .unwrap_or_default()
    };
    format!("{}/{}", pick(Action::Down), pick(Action::Up))
}

/// "1-9 or j/k · tab note": how to pick a reason and reach the note.
fn reason_keys(keymap: &Keymap) -> String {
    format!("1-9 or {} · {} note", list_keys(keymap), keymap.key_in(Mode::Form, Action::NextField))
}
