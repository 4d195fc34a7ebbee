//! A yes/no question before a step that is hard to take back: hire, reopen, erase, or a
//! move on before a stage's interviews are done.

use super::dialog::{Ctx, Dialog, Reply};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, CandidateId};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::{Command, Effect};
use crate::tui::widgets::{boxed, centered};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

/// What a confirmation does when accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Move forward although fewer interviews than the stage's minimum are recorded.
    Advance(ApplicationId, i64),
    /// Erase this person's personal data.
    Erase(CandidateId),
    /// Hire from the Offer stage.
    Hire(ApplicationId, i64),
    /// Reopen a closed application.
    Reopen(ApplicationId, i64),
    /// Move to this stage (the stage picker; for a marked card, all marked ones).
    MoveTo(ApplicationId, crate::domain::StageId, i64),
}

impl Pending {
    /// Whether only an explicit "y" confirms (Enter alone must not do something irreversible).
    pub fn needs_explicit_yes(&self) -> bool {
        matches!(self, Pending::Erase(_))
    }

    /// The write "yes" asks for.
    pub fn command(self) -> Command {
        match self {
            Pending::Advance(app, version) => Command::Step { app, forward: true, version },
            Pending::Erase(candidate) => Command::Erase(candidate),
            Pending::Hire(app, version) => Command::Hire(app, version),
            Pending::Reopen(app, version) => Command::Reopen(app, version),
            Pending::MoveTo(app, stage, version) => Command::MoveTo { app, stage, version },
        }
    }
}

/// A yes/no question.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What "yes" does.
    pub pending: Pending,
}

impl Dialog for Confirm {
    /// The `[dialog]` confirm key (or accept, unless only an explicit yes will do) says yes;
    /// quit quits; any other key says no.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let yes = Reply::CloseAnd(Effect::Write(self.pending.command()));
        match ctx.keymap.action_in(Mode::Dialog, &key) {
            Some(Action::Confirm) => yes,
            Some(Action::Accept) if !self.pending.needs_explicit_yes() => yes,
            Some(Action::Quit) => Reply::CloseAnd(Effect::Quit),
            _ => Reply::CloseWith("Cancelled".into()),
        }
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let rect = centered(area, 56, 5);
        let inner = boxed(frame, rect, "Confirm");
        let key = |a| ctx.keymap.key_in(Mode::Dialog, a);
        let answers = if self.pending.needs_explicit_yes() {
            format!("{}: yes   any other key: no", key(Action::Confirm))
        } else {
            format!("{} / {}: yes   any other key: no", key(Action::Confirm), key(Action::Accept))
        };
        let lines =
            vec![Line::from(inert(&self.question)), Line::from(Span::styled(answers, ctx.theme.secondary()))];
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
    }
}
