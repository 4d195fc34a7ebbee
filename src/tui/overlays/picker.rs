//! Fuzzy-filtered lists: the command palette (every action) and the role picker.

use super::dialog::{Ctx, Dialog, Reply, Request};
use super::fields::{field_text, text_field};
use super::keys::picker_action;
use crate::domain::Family;
use crate::domain::access::Access;
use crate::domain::text::inert;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::keymap::Keymap;
use crate::tui::widgets::{boxed, centered, fit};
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;

/// What the list holds, and so what Enter does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickerKind {
    /// Every action: Enter runs it.
    Palette,
    /// Every role: Enter shows its board.
    Roles,
    /// The role's stages: Enter moves the card (or the marked ones) there.
    Stages,
}

/// A fuzzy-filtered list (actions or roles).
pub struct Picker {
    /// What it lists.
    pub kind: PickerKind,
    /// The query field.
    pub query: TextArea<'static>,
    /// All entries, in order (an entry's index is its action's or role's index).
    pub entries: Vec<String>,
    /// Indices into `entries` matching the query, best first.
    pub matches: Vec<usize>,
    /// Selected index into `matches`.
    pub selected: usize,
    /// The palette's actions, one per entry (those the login may use).
    actions: Vec<Action>,
}

impl Picker {
    /// A picker over these labels.
    pub fn new(kind: PickerKind, entries: Vec<String>, placeholder: &str) -> Self {
        let matches = (0..entries.len()).collect();
        Picker { kind, query: text_field(placeholder), entries, matches, selected: 0, actions: Vec::new() }
    }

    /// The command palette: every action of the board (`Action::palette`) with its keys,
    /// but those the login's access role does not allow (issue 19).
    pub fn palette(keymap: &Keymap, access: Option<Access>) -> Self {
        let actions: Vec<Action> = Action::palette().into_iter().filter(|a| a.allowed_for(access)).collect();
        let entries = actions
            .iter()
            .map(|a| {
                let keys = keymap.hint(*a);
                if keys.is_empty() {
                    a.description().to_string()
                } else {
                    format!("{}  ({keys})", a.description())
                }
            })
            .collect();
        let mut picker = Picker::new(PickerKind::Palette, entries, "type an action");
        picker.actions = actions;
        picker
    }

    /// The role picker, starting on the role at `current` (entries are in role order).
    pub fn roles(families: &[Family], current: usize) -> Self {
        let entries = families.iter().map(|f| format!("{}  [{}]", f.title, f.slug)).collect();
        let mut picker = Picker::new(PickerKind::Roles, entries, "type to filter roles");
        picker.selected = current.min(picker.matches.len().saturating_sub(1));
        picker
    }

    /// Recompute matches after the query changed.
    pub fn refilter(&mut self) {
        let query = field_text(&self.query);
        if query.trim().is_empty() {
            self.matches = (0..self.entries.len()).collect();
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            let mut buf = Vec::new();
            let mut scored: Vec<(usize, u32)> = (self.entries.iter().enumerate())
                .filter_map(|(i, label)| {
                    let hay = nucleo_matcher::Utf32Str::new(label, &mut buf);
                    pattern.score(hay, &mut matcher).map(|s| (i, s))
                })
                .collect();
            scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            self.matches = scored.into_iter().map(|(i, _)| i).collect();
        }
        // The best match, not wherever the cursor was among the previous matches.
        self.selected = 0;
    }

    /// The entry index under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    /// Move the selection.
    pub fn step(&mut self, delta: isize) {
        if self.matches.is_empty() {
            return;
        }
        let max = self.matches.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, max) as usize;
    }

    /// Enter: run the chosen action or show the chosen role.
    fn choose(&self) -> Reply {
        match (self.kind, self.current()) {
            (PickerKind::Palette, Some(i)) => match self.actions.get(i) {
                Some(action) => Reply::Ask(Request::Run(*action)),
                None => Reply::Close,
            },
            (PickerKind::Roles, Some(i)) => Reply::Ask(Request::SelectRole(i)),
            (PickerKind::Stages, Some(i)) => Reply::Ask(Request::MoveToStage(i)),
            (_, None) => Reply::Close,
        }
    }
}

impl Dialog for Picker {
    /// Typing goes into the filter; the `[picker]` keys move, choose and close.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        match picker_action(ctx.keymap, &key) {
            Some(Action::Close) => return Reply::Close,
            Some(Action::Quit) => return Reply::CloseAnd(Effect::Quit),
            Some(Action::Down) => self.step(1),
            Some(Action::Up) => self.step(-1),
            Some(Action::Choose) => return self.choose(),
            _ => {
                if self.query.input(key) {
                    self.refilter();
                }
            }
        }
        Reply::Stay
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let title = match self.kind {
            PickerKind::Palette => "Command palette",
            PickerKind::Roles => "Pick a role",
            PickerKind::Stages => "Move to stage",
        };
        // Roles say more (department, counts): as wide as the screen allows.
        let width =
            if self.kind == PickerKind::Roles { area.width.saturating_sub(4).clamp(64, 110) } else { 64 };
        let rect = centered(area, width, area.height.saturating_sub(4).max(3));
        let inner = boxed(frame, rect, title);
        let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(&self.query, query);
        let height = list.height as usize;
        let start = self.selected.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line<'_>> = (self.matches.iter().enumerate().skip(start).take(height))
            .map(|(i, &entry)| {
                let style = if i == self.selected { theme.selected() } else { theme.normal() };
                Line::from(Span::styled(fit(&inert(&self.entries[entry]), list.width as usize), style))
            })
            .collect();
        if lines.is_empty() {
            frame.render_widget(Paragraph::new(Span::styled("no match", theme.secondary())), list);
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
    }
}
