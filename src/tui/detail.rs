//! The candidate screen: details, applications, scorecards and a timeline where each
//! entry names its application; it scrolls by line, page and to either end.

use super::action::Action;
use super::app::App;
use super::dialogs::{Detail, Overlay};
use crate::domain::ApplicationId;
use crate::domain::text::inert;
use crate::present::describe;
use crate::store::StoreError;
use ratatui::crossterm::event::KeyEvent;

impl App {
    pub(crate) fn open_detail(&mut self) {
        let Some((app, _, name, _)) = self.selected_or_hint() else { return };
        self.show_detail(app, name);
    }

    /// Open (or refresh) the candidate screen for `app`.
    pub fn show_detail(&mut self, app: ApplicationId, title: String) {
        match self.detail_lines(app) {
            Ok(lines) => self.overlay = Overlay::Detail(Detail { app, title, lines, scroll: 0 }),
            Err(e) => self.error(format!("Could not load the candidate: {e}")),
        }
    }

    /// Keys on the candidate screen: outcome and edit from the keymap, scrolling with
    /// j/k/↑/↓, the page keys and top/bottom; any other key closes it.
    pub(crate) fn detail_key(&mut self, key: KeyEvent) {
        let (visible, total) = self.detail_rows();
        let Overlay::Detail(d) = &mut self.overlay else { return };
        let app = d.app;
        let last = total.saturating_sub(visible);
        let page = visible.saturating_sub(1).max(1);
        let action = self.keymap.action_for(&key);
        let scroll = d.scroll;
        match action {
            Some(Action::Outcome) => return self.open_outcome(Some(app)),
            Some(Action::Edit) => return self.open_edit(Some(app)),
            _ => {}
        }
        let Some(to) = super::input::scrolled(action, key.code, scroll, page, last) else {
            self.overlay = Overlay::None;
            return;
        };
        d.scroll = to.min(last);
    }

    /// Rows the candidate screen shows at once, and rows its text takes when wrapped.
    fn detail_rows(&self) -> (u16, u16) {
        let Overlay::Detail(d) = &self.overlay else { return (0, 0) };
        let (w, h) = self.size;
        // As drawn: a box 6 columns narrower and 2 rows shorter, borders, a footer line.
        let width = w.saturating_sub(6).max(20).min(w).saturating_sub(2).max(1) as usize;
        let visible = h.saturating_sub(2).saturating_sub(3);
        let total: usize = d.lines.iter().map(|l| super::views::wrap_indented(l, width).len()).sum();
        (visible, total.min(u16::MAX as usize) as u16)
    }

    fn detail_lines(&self, app: ApplicationId) -> Result<Vec<String>, StoreError> {
        let a = self.store.application(app)?;
        let c = self.store.candidate(a.candidate_id)?;
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
        for other in self.store.applications_of(c.id)? {
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
        let interviews = self.store.interviews(app)?;
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
            if let Some(level) = i.level_title.as_deref().filter(|l| *l != a.level_title) {
                lines.push(format!("    rated as {}", inert(level)));
            }
            for s in i.scores.iter() {
                let r = s.rating.map(|r| r.label()).unwrap_or("unrated");
                lines.push(format!("    {r:<10} {}", inert(&s.requirement)));
            }
            for note in i.notes.lines() {
                lines.push(format!("    │ {}", inert(note)));
            }
        }
        lines.push(String::new());
        lines.push("Timeline (newest first):".into());
        let mut events = self.store.candidate_history(c.id)?;
        events.reverse();
        for e in events {
            // Which application ("app 3", listed under Applications with its role), or
            // the person as a whole (details edited, erased).
            let whose = match e.application_id {
                Some(id) => format!("app {id}"),
                None => "person".to_string(),
            };
            lines.push(format!(
                "{}  {}  [{whose}] {}",
                e.at.format("%Y-%m-%d %H:%M"),
                inert(&e.actor),
                describe(&self.store, &e)
            ));
        }
        Ok(lines)
    }
}
