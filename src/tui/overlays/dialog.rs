//! What every overlay is: state that takes keys and draws itself. An overlay never sees
//! `App` or the store; it answers a key with a [`Reply`] that the app acts on.

use crate::domain::ApplicationId;
use crate::tui::action::Action;
use crate::tui::config::Thresholds;
use crate::tui::effect::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::views::theme::Theme;
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::Rect;

/// What an overlay may read besides its own state: the live keymap, the terminal size,
/// the colour thresholds and the theme.
pub struct Ctx<'a> {
    /// Live key bindings (for hints and for keys shared with the board).
    pub keymap: &'a Keymap,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    /// Days-in-stage colour thresholds (help explains them).
    pub thresholds: Thresholds,
    /// Colours.
    pub theme: &'a Theme,
    /// Now (an export's as-of date may not be later).
    pub now: DateTime<Utc>,
    /// The login's access role on a team server (`None`: all is allowed): key hints leave
    /// out what it may not do.
    pub access: Option<crate::domain::access::Access>,
}

/// An overlay's answer to a key.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Keep the overlay (its state may have changed).
    Stay,
    /// Close the overlay.
    Close,
    /// Close the overlay and say this on the status line.
    CloseWith(String),
    /// Close the overlay, then have this done (the status line says how it went).
    CloseAnd(Effect),
    /// Keep the overlay and have this done: it closes when that succeeds and shows why
    /// not when it fails, keeping everything typed.
    Submit(Effect),
    /// Ask the app for something the overlay cannot do itself.
    Ask(Request),
}

/// Work for the app, asked by an overlay: what needs the store or the board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Save the add form (it checks the store for the same person first).
    Add {
        /// Add a new person although one with the same email or name exists.
        new_anyway: bool,
    },
    /// Put this text on the clipboard (and close).
    Copy(String),
    /// Run this action on the board (and close).
    Run(Action),
    /// Show the role at this index (and close).
    SelectRole(usize),
    /// Open the outcome form for this application.
    OpenOutcome(ApplicationId),
    /// Open the edit form for this application's candidate.
    OpenEdit(ApplicationId),
    /// Show this card in its role (search everywhere).
    JumpTo {
        /// The role.
        family: crate::domain::FamilyId,
        /// The card.
        app: ApplicationId,
        /// Closed: show closed cards.
        closed: bool,
    },
    /// Move to the stage at this index of the board (the stage picker).
    MoveToStage(usize),
}

/// State, keys and drawing of one overlay.
pub trait Dialog {
    /// Handle one key press.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply;
    /// Draw over `area` (the whole screen).
    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>);
}

impl<T: Dialog + ?Sized> Dialog for Box<T> {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        (**self).key(key, ctx)
    }
    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        (**self).draw(frame, area, ctx)
    }
}
