//! Search everywhere (`Ctrl-f`, issue 17): people in every role by name, email, phone,
//! source and notes as you type (accents ignored, one typo forgiven, best first); Enter
//! jumps to the card in its role. The index is built once by the app and shared here.

use super::dialog::{Ctx, Dialog, Reply, Request};
use super::fields::{field_text, text_field};
use super::keys::picker_action;
use crate::domain::text::inert;
use crate::domain::{AppStatus, ApplicationId, FamilyId};
use crate::store::PeopleIndex;
use crate::tui::action::Action;
use crate::tui::effect::Effect;
use crate::tui::widgets::{boxed, centered, fit};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui_textarea::TextArea;
use std::rc::Rc;

/// Most people listed.
const LIMIT: usize = 200;

/// One line of the results: what it says and where Enter goes.
#[derive(Debug, Clone)]
pub struct Found {
    /// "Ana Jovanović · IT Program Management Office · Screening".
    pub label: String,
    /// The card: its role, its application, whether it is closed.
    pub card: Option<(FamilyId, ApplicationId, bool)>,
}

/// The search box and its results.
pub struct SearchAll {
    /// The index; `None` while a thread reads everyone (a big database): typing goes on
    /// and the query runs when it comes.
    index: Option<Rc<PeopleIndex>>,
    /// The query field.
    pub query: TextArea<'static>,
    /// Results for the query, best first.
    pub found: Vec<Found>,
    /// Selected result.
    pub selected: usize,
}

impl SearchAll {
    /// An empty search over `index` (`None`: still being read, see [`SearchAll::indexed`]).
    pub fn new(index: Option<Rc<PeopleIndex>>) -> Self {
        SearchAll {
            index,
            query: text_field("name, email, phone, source or notes"),
            found: Vec::new(),
            selected: 0,
        }
    }

    /// Whether the index is there yet.
    pub fn is_indexed(&self) -> bool {
        self.index.is_some()
    }

    /// The index has been read: run what was typed meanwhile.
    pub fn indexed(&mut self, index: Rc<PeopleIndex>) {
        self.index = Some(index);
        self.refresh();
    }

    /// Run the query typed so far.
    pub fn refresh(&mut self) {
        let Some(index) = &self.index else { return };
        let query = field_text(&self.query);
        self.found = index
            .search(&query, LIMIT)
            .into_iter()
            .map(|(p, _)| {
                let app = p.applications.first();
                let place = app.map(|a| {
                    let status = if a.status == AppStatus::Active {
                        String::new()
                    } else {
                        format!(" ({})", a.status)
                    };
                    format!(" · {} · {}{status}", a.role_title, a.stage)
                });
                let more = if p.applications.len() > 1 {
                    format!(" +{}", p.applications.len() - 1)
                } else {
                    String::new()
                };
                let email = p.email.as_deref().map(|e| format!(" <{e}>")).unwrap_or_default();
                Found {
                    label: format!("{}{email}{}{more}", p.name, place.unwrap_or_default()),
                    card: app.map(|a| {
                        let closed = !matches!(a.status, AppStatus::Active | AppStatus::OnHold);
                        (a.family_id, a.application_id, closed)
                    }),
                }
            })
            .collect();
        self.selected = 0;
    }

    fn step(&mut self, delta: isize) {
        let max = self.found.len() as isize - 1;
        if max >= 0 {
            self.selected = (self.selected as isize + delta).clamp(0, max) as usize;
        }
    }
}

impl Dialog for SearchAll {
    /// Typing searches; the `[picker]` keys move, choose (jump) and close.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        match picker_action(ctx.keymap, &key) {
            Some(Action::Close) => return Reply::Close,
            Some(Action::Quit) => return Reply::CloseAnd(Effect::Quit),
            Some(Action::Down) => self.step(1),
            Some(Action::Up) => self.step(-1),
            Some(Action::Choose) => {
                return match self.found.get(self.selected).and_then(|f| f.card) {
                    Some((family, app, closed)) => Reply::Ask(Request::JumpTo { family, app, closed }),
                    None if self.found.is_empty() => Reply::Stay,
                    None => Reply::CloseWith("That person has no application to show".into()),
                };
            }
            _ => {
                if self.query.input(key) {
                    self.refresh();
                }
            }
        }
        Reply::Stay
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let width = area.width.saturating_sub(4).min(100);
        let rect = centered(area, width, area.height.saturating_sub(4).max(3));
        let title = match &self.index {
            Some(index) => format!("Search everyone ({} people)", index.len()),
            None => "Search everyone (reading everyone…)".to_string(),
        };
        let inner = boxed(frame, rect, &title);
        let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
        frame.render_widget(&self.query, query);
        let height = list.height as usize;
        let start = self.selected.saturating_sub(height.saturating_sub(1));
        let lines: Vec<Line<'_>> = (self.found.iter().enumerate().skip(start).take(height))
            .map(|(i, f)| {
                let style = if i == self.selected { theme.selected() } else { theme.normal() };
                Line::from(Span::styled(fit(&inert(&f.label), list.width as usize), style))
            })
            .collect();
        let typed = !field_text(&self.query).trim().is_empty();
        if lines.is_empty() {
            let hint = match (&self.index, typed) {
                (None, _) => "reading everyone; type away, the results come when it is done",
                (Some(_), true) => "nobody found",
                (Some(_), false) => "type to search every role",
            };
            frame.render_widget(Paragraph::new(Span::styled(hint, theme.secondary())), list);
        } else {
            frame.render_widget(Paragraph::new(lines), list);
        }
    }
}
