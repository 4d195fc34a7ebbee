//! The candidate screen: details, applications, scorecards and a timeline where each
//! entry names its application; it scrolls by line, page and to either end. The outcome
//! and edit keys open those forms for this application; any other key closes it.

use super::dialog::{Ctx, Dialog, Reply, Request};
use super::scroll::{scroll_hint, scroll_or_close};
use crate::domain::text::inert;
use crate::domain::{ApplicationId, CandidateId};
use crate::present::describe;
use crate::store::{Store, StoreError};
use crate::tui::action::{Action, Mode};
use crate::tui::effect::Effect;
use crate::tui::widgets::{boxed, centered, fit, wrap_indented};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

/// A candidate's details, prepared when opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Detail {
    /// The application the screen was opened from.
    pub app: ApplicationId,
    /// Title line.
    pub title: String,
    /// Body lines.
    pub lines: Vec<String>,
    /// First visible line.
    pub scroll: u16,
}

impl Detail {
    /// Load the candidate screen of `app` from the store.
    pub fn load(store: &Store, app: ApplicationId, title: String) -> Result<Self, StoreError> {
        Ok(Detail { app, title, lines: lines(store, app)?, scroll: 0 })
    }

    /// Rows the screen shows at once in a terminal of `size`, and rows its text takes
    /// when wrapped.
    fn rows(&self, size: (u16, u16)) -> (u16, u16) {
        let (w, h) = size;
        // As drawn: a box 6 columns narrower and 2 rows shorter, borders, a footer line.
        let width = w.saturating_sub(6).max(20).min(w).saturating_sub(2).max(1) as usize;
        let visible = h.saturating_sub(2).saturating_sub(3);
        let total: usize = self.lines.iter().map(|l| wrap_indented(l, width).len()).sum();
        (visible, total.min(u16::MAX as usize) as u16)
    }
}

impl Dialog for Detail {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let (visible, total) = self.rows(ctx.size);
        let last = total.saturating_sub(visible);
        let page = visible.saturating_sub(1).max(1);
        let action = ctx.keymap.action_in(Mode::Detail, &key);
        match action {
            Some(Action::Outcome) => return Reply::Ask(Request::OpenOutcome(self.app)),
            Some(Action::Edit) => return Reply::Ask(Request::OpenEdit(self.app)),
            Some(Action::Quit) => return Reply::CloseAnd(Effect::Quit),
            _ => {}
        }
        scroll_or_close(action, &mut self.scroll, page, last)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, area.width.saturating_sub(6).max(20), area.height.saturating_sub(2));
        let inner = boxed(frame, rect, &fit(&inert(&self.title), 60));
        let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
        // Only the keys the login's access role allows (an interviewer may not edit).
        let keys: String = [(Action::Outcome, "outcome"), (Action::Edit, "edit")]
            .into_iter()
            .filter(|(a, _)| a.allowed_for(ctx.access))
            .map(|(a, what)| format!("{} {what} · ", ctx.keymap.hint_in(Mode::Detail, a)))
            .collect();
        let hint = format!("{keys}{} · other keys close", scroll_hint(ctx.keymap));
        frame.render_widget(Paragraph::new(Span::styled(hint, theme.secondary())), footer);
        // Wrapped here, as the key handler counts rows, so G reaches the last line exactly.
        let lines: Vec<Line<'_>> = (self.lines.iter())
            .flat_map(|l| {
                let style = if l.ends_with(':') { theme.title() } else { theme.normal() };
                wrap_indented(l, body.width as usize).into_iter().map(move |row| Line::styled(row, style))
            })
            .collect();
        frame.render_widget(Paragraph::new(lines).scroll((self.scroll, 0)), body);
    }
}

/// The candidate screen's lines for `app`: details, applications, scorecards, timeline.
fn lines(store: &Store, app: ApplicationId) -> Result<Vec<String>, StoreError> {
    let a = store.application(app)?;
    let c = store.candidate(a.candidate_id)?;
    let mut lines = vec![
        format!("Email:  {}", inert(c.email.as_deref().unwrap_or("—"))),
        format!("Phone:  {}", inert(c.phone.as_deref().unwrap_or("—"))),
        format!("Source: {}", inert(c.source.as_deref().unwrap_or("—"))),
    ];
    // A multi-line note shows its label once, the other lines under the first.
    for (n, note) in c.notes.lines().enumerate() {
        let label = if n == 0 { "Notes: " } else { "       " };
        lines.push(format!("{label} {}", inert(note)));
    }
    lines.push(String::new());
    lines.push("Applications:".into());
    for other in store.applications_of(c.id)? {
        let marker = if other.id == app { "▶" } else { " " };
        let reason = other.reject_reason.map(|r| format!(", {}", r.label())).unwrap_or_default();
        lines.push(format!(
            "{marker} app {} · {} · {} · {} ({}{reason})",
            other.id,
            inert(&other.family_slug),
            inert(&other.level_title),
            inert(&other.stage_label),
            other.status
        ));
    }
    lines.push(String::new());
    super::detail_team::lines(store, app, store.now(), &mut lines)?;
    scorecards(store, app, &a.level_title, &mut lines)?;
    timeline(store, c.id, &mut lines)?;
    Ok(lines)
}

/// The application's scorecards, newest first.
fn scorecards(
    store: &Store,
    app: ApplicationId,
    level: &str,
    lines: &mut Vec<String>,
) -> Result<(), StoreError> {
    let interviews = store.interviews(app)?;
    if !interviews.is_empty() {
        lines.push(String::new());
        lines.push("Scorecards:".into());
    }
    for i in interviews.iter().rev() {
        lines.push(format!(
            "{} · {} · {} · {} {}",
            i.held_on,
            inert(&i.stage_label),
            inert(&i.interviewer),
            i.recommendation.glyph(),
            i.recommendation.label()
        ));
        // A scorecard keeps the level it was rated against; say so once it differs.
        if let Some(rated) = i.level_title.as_deref().filter(|l| *l != level) {
            lines.push(format!("    rated as {}", inert(rated)));
        }
        for s in i.scores.iter() {
            let r = s.rating.map(|r| r.label()).unwrap_or("unrated");
            lines.push(format!("    {r:<10} {}", inert(&s.requirement)));
        }
        for note in i.notes.lines() {
            lines.push(format!("    │ {}", inert(note)));
        }
    }
    Ok(())
}

/// The person's history, newest first.
fn timeline(store: &Store, candidate: CandidateId, lines: &mut Vec<String>) -> Result<(), StoreError> {
    lines.push(String::new());
    lines.push("Timeline (newest first):".into());
    let mut events = store.candidate_history(candidate)?;
    events.reverse();
    for e in events {
        // Which application ("app 3", listed under Applications with its role), or
        // the person as a whole (details edited, erased).
        let whose = match e.application_id {
            Some(id) => format!("app {id}"),
            None => "person".to_string(),
        };
        // A note of several lines keeps them, under its entry.
        let note_lines: Vec<&str> = match (e.kind, e.note.as_deref()) {
            (crate::domain::EventKind::Note, Some(note)) if note.contains('\n') => note.lines().collect(),
            _ => Vec::new(),
        };
        let what = if note_lines.is_empty() {
            describe(store, &e)
        } else {
            let name = store.candidate(e.candidate_id).map(|c| inert(&c.name)).unwrap_or_default();
            format!("{name}: note")
        };
        lines.push(format!("{}  {}  [{whose}] {what}", e.at.format("%Y-%m-%d %H:%M"), inert(&e.actor)));
        lines.extend(note_lines.into_iter().map(|l| format!("    │ {}", inert(l))));
    }
    Ok(())
}
