//! Add a candidate: name, email, phone, source and the level of the role on screen. When
//! the person seems to exist already the form says so first.

use super::dialog::{Ctx, Dialog, Reply, Request};
use super::fields::{field_text, optional_text, text_field};
use super::keys::{Takes, form_action, form_hint};
use crate::domain::CandidateId;
use crate::domain::text::inert;
use crate::store::NewCandidate;
use crate::tui::action::Action;
use crate::tui::widgets::{boxed, centered, field, fit};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;

/// The add-candidate form.
pub struct AddForm {
    /// The role's title, for the box's title.
    pub role: String,
    /// Name field.
    pub name: TextArea<'static>,
    /// Email field.
    pub email: TextArea<'static>,
    /// Phone field.
    pub phone: TextArea<'static>,
    /// Source field (referral, job board, …).
    pub source: TextArea<'static>,
    /// Index into the role's levels.
    pub level: usize,
    /// Level titles to pick from.
    pub levels: Vec<String>,
    /// 0 name, 1 email, 2 phone, 3 source, 4 level (`AddForm::LEVEL`).
    pub focus: usize,
    /// Inline validation message.
    pub error: Option<String>,
    /// The person this one seems to be (same email or name), once shown: Enter then
    /// applies that person to the role, Ctrl-n adds a new person anyway.
    pub duplicate_of: Option<CandidateId>,
}

impl AddForm {
    /// Labels of the text fields, in focus order; the level comes after them.
    pub const LABELS: [&'static str; 4] = ["Name", "Email", "Phone", "Source"];
    /// The focus index of the level choice.
    pub const LEVEL: usize = 4;

    /// An empty form for the role titled `role` with these levels.
    pub fn new(role: String, levels: Vec<String>) -> Self {
        AddForm {
            role,
            name: text_field("full name (required)"),
            email: text_field("name@example.com (optional)"),
            phone: text_field("optional"),
            source: text_field("optional: referral, job board, …"),
            level: 0,
            levels,
            focus: 0,
            error: None,
            duplicate_of: None,
        }
    }

    /// The text fields in focus order.
    pub fn fields(&self) -> [&TextArea<'static>; 4] {
        [&self.name, &self.email, &self.phone, &self.source]
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_field(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            0 => Some(&mut self.name),
            1 => Some(&mut self.email),
            2 => Some(&mut self.phone),
            3 => Some(&mut self.source),
            _ => None,
        }
    }

    /// The chosen level's title.
    pub fn level_title(&self) -> String {
        self.levels.get(self.level).cloned().unwrap_or_default()
    }

    /// The person typed, or `None` with the error shown and the field focused: a name is
    /// required, an email must look like one.
    pub fn person(&mut self) -> Option<NewCandidate> {
        let name = field_text(&self.name).trim().to_string();
        let email = field_text(&self.email).trim().to_string();
        if name.is_empty() {
            self.error = Some("Name is required".into());
            self.focus = 0;
            return None;
        }
        if let Err(e) = crate::store::validate_email(&email) {
            self.error = Some(e.to_string());
            self.focus = 1;
            return None;
        }
        Some(NewCandidate {
            name,
            email: Some(email).filter(|e| !e.is_empty()),
            phone: optional_text(&self.phone),
            source: optional_text(&self.source),
            ..Default::default()
        })
    }

    fn draw_level(&self, frame: &mut Frame<'_>, row: Rect, ctx: &Ctx<'_>) {
        let [l, level] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(row);
        frame.render_widget(self.label(AddForm::LEVEL, "Level", ctx), l);
        let title = self.levels.get(self.level).cloned().unwrap_or_else(|| "—".into());
        let style = if self.focus == AddForm::LEVEL { ctx.theme.selected() } else { ctx.theme.normal() };
        frame.render_widget(Paragraph::new(Span::styled(format!("‹ {title} ›"), style)), level);
    }

    fn label(&self, i: usize, text: &str, ctx: &Ctx<'_>) -> Paragraph<'static> {
        let style = if self.focus == i { ctx.theme.title() } else { ctx.theme.secondary() };
        Paragraph::new(Span::styled(format!("{text:<7}"), style))
    }
}

impl Dialog for AddForm {
    /// The `[form]` keys; typing goes into the focused text field.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let on_level = self.focus == AddForm::LEVEL;
        let takes = if on_level { Takes::Nothing } else { Takes::Text };
        let fields = AddForm::LEVEL + 1;
        match form_action(ctx.keymap, &key, takes) {
            Some(Action::Cancel) => return Reply::CloseWith("Nothing added".into()),
            Some(Action::Save) => return Reply::Ask(Request::Add { new_anyway: false }),
            Some(Action::NewAnyway) if self.duplicate_of.is_some() => {
                return Reply::Ask(Request::Add { new_anyway: true });
            }
            Some(Action::NextField | Action::Down) => self.focus = (self.focus + 1) % fields,
            Some(Action::PrevField | Action::Up) => self.focus = (self.focus + AddForm::LEVEL) % fields,
            Some(Action::ChoosePrev) if on_level => self.level = self.level.saturating_sub(1),
            Some(Action::ChooseNext) if on_level => {
                self.level = (self.level + 1).min(self.levels.len().saturating_sub(1))
            }
            _ => {
                if self.focused_field().is_some_and(|f| f.input(key)) {
                    self.error = None;
                    self.duplicate_of = None;
                }
            }
        }
        Reply::Stay
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, 64, 12);
        let inner = boxed(frame, rect, &format!("Add a candidate to {}", fit(&inert(&self.role), 36)));
        let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner);
        for (i, (text, text_area)) in AddForm::LABELS.into_iter().zip(self.fields()).enumerate() {
            let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(rows[i]);
            frame.render_widget(self.label(i, text, ctx), l);
            frame.render_widget(&field(text_area, self.focus == i), input);
        }
        self.draw_level(frame, rows[AddForm::LEVEL], ctx);
        if let Some(err) = &self.error {
            frame.render_widget(
                Paragraph::new(Span::styled(inert(err), theme.error())).wrap(Wrap { trim: true }),
                Rect { height: 2.min(inner.height.saturating_sub(5)), ..rows[5] },
            );
        }
        let hint = form_hint(ctx.keymap, "level", "save");
        frame.render_widget(Paragraph::new(Span::styled(hint, theme.secondary())), rows[7]);
    }
}
