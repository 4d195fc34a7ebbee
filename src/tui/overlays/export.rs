//! The export dialog (`x`): format, as-of date, role or all roles, path. State, keys and
//! drawing, plus the one function that writes the file.

use super::dialog::{Ctx, Dialog, Reply};
use super::fields::{field_text, text_field};
use super::keys::{Takes, form_action, form_hint};
use crate::domain::FamilyId;
use crate::domain::snapshot::{is_not_after_today, parse_as_of};
use crate::domain::text::inert;
use crate::export::Format;
use crate::tui::action::Action;
use crate::tui::effect::{Effect, ExportJob};
use crate::tui::widgets::{boxed, centered, field};
use chrono::{DateTime, Utc};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Span;
use ratatui::widgets::{Paragraph, Wrap};
use ratatui_textarea::TextArea;
use std::path::PathBuf;

/// Formats offered, in order.
pub const FORMATS: [Format; 4] = Format::ALL;

/// Which field has the keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFocus {
    /// Format (←/→).
    Format,
    /// As-of date.
    AsOf,
    /// This role or all roles (←/→).
    Scope,
    /// Output path.
    Path,
}

/// Everything chosen in the export dialog.
pub struct ExportForm {
    /// Index into `FORMATS`.
    pub format: usize,
    /// As-of date or date-time (empty = now).
    pub as_of: TextArea<'static>,
    /// Export every role instead of the current one.
    pub all_roles: bool,
    /// The current role.
    pub family: Option<FamilyId>,
    /// The current role's slug, for the default file name.
    pub slug: String,
    /// Output path.
    pub path: TextArea<'static>,
    /// Focused field.
    pub focus: ExportFocus,
    /// Why the last attempt failed.
    pub error: Option<String>,
    /// The user edited the path (so format changes no longer rename it).
    pub path_edited: bool,
    today: String,
}

impl ExportForm {
    /// A dialog for the current role, dated `today`.
    pub fn new(family: Option<FamilyId>, slug: &str, today: DateTime<Utc>) -> Self {
        let today = today.format("%Y-%m-%d").to_string();
        let mut form = ExportForm {
            format: 0,
            as_of: text_field("YYYY-MM-DD (empty: now)"),
            all_roles: false,
            family,
            slug: slug.to_string(),
            path: text_field("file to write"),
            focus: ExportFocus::Format,
            error: None,
            path_edited: false,
            today,
        };
        form.as_of.insert_str(form.today.clone());
        form.refresh_default_path();
        form
    }

    /// The chosen format.
    pub fn format(&self) -> Format {
        FORMATS[self.format % FORMATS.len()]
    }

    /// Suggest `rolecall-<role>-<date>.<ext>` in the working directory, unless edited.
    pub fn refresh_default_path(&mut self) {
        if self.path_edited {
            return;
        }
        let scope = if self.all_roles { "all-roles" } else { self.slug.as_str() };
        let date = field_text(&self.as_of);
        let date =
            if date.trim().is_empty() { self.today.clone() } else { date.trim().replace([':', ' '], "-") };
        let name = format!("rolecall-{scope}-{date}.{}", self.format().as_str());
        self.path = text_field("file to write");
        self.path.insert_str(name);
    }

    /// Move focus forward or back.
    pub fn move_focus(&mut self, forward: bool) {
        use ExportFocus::*;
        let order = [Format, AsOf, Scope, Path];
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0);
        self.focus = order[if forward { (i + 1) % 4 } else { (i + 3) % 4 }];
    }

    /// ←/→ on a choice field.
    pub fn cycle(&mut self, forward: bool) {
        match self.focus {
            ExportFocus::Format => {
                let n = FORMATS.len();
                self.format = if forward { (self.format + 1) % n } else { (self.format + n - 1) % n };
            }
            ExportFocus::Scope => self.all_roles = !self.all_roles,
            _ => return,
        }
        self.refresh_default_path();
    }

    /// The as-of instant: end of the given day, or now when empty.
    pub fn as_of_instant(&self, now: DateTime<Utc>) -> Result<DateTime<Utc>, String> {
        let text = field_text(&self.as_of);
        let text = text.trim();
        if text.is_empty() {
            return Ok(now);
        }
        // Same rules as `rolecall export --as-of`: a plain date means the end of that UTC
        // day, and nothing after today.
        let at =
            parse_as_of(text).ok_or_else(|| format!("'{text}' is not a date (YYYY-MM-DD or RFC 3339)"))?;
        if !is_not_after_today(at, now) {
            return Err(format!("'{text}' is in the future (today is {})", now.format("%Y-%m-%d")));
        }
        Ok(at)
    }

    /// The export to write, or why not (a bad date, no file).
    pub fn job(&self, now: DateTime<Utc>) -> Result<ExportJob, String> {
        let as_of = self.as_of_instant(now)?;
        let path = PathBuf::from(field_text(&self.path).trim());
        if path.as_os_str().is_empty() {
            return Err("Give a file to write".into());
        }
        let family = if self.all_roles { None } else { self.family };
        Ok(ExportJob { format: self.format(), as_of, family, path })
    }

    /// Enter: export, or say in the dialog what to fix.
    fn submit(&mut self, now: DateTime<Utc>) -> Reply {
        match self.job(now) {
            Ok(job) => Reply::Submit(Effect::Export(job)),
            Err(message) => {
                self.error = Some(message);
                Reply::Stay
            }
        }
    }
}

impl Dialog for ExportForm {
    /// The `[form]` keys; the date and the file take typing, the format and the scope are
    /// choices.
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        let choice = matches!(self.focus, ExportFocus::Format | ExportFocus::Scope);
        let takes = if choice { Takes::Nothing } else { Takes::Text };
        match (form_action(ctx.keymap, &key, takes), self.focus) {
            (Some(Action::Cancel), _) => return Reply::CloseWith("Nothing exported".into()),
            (Some(Action::Save), _) => return self.submit(ctx.now),
            (Some(Action::NextField | Action::Down), _) => self.move_focus(true),
            (Some(Action::PrevField | Action::Up), _) => self.move_focus(false),
            (Some(Action::ChoosePrev), _) if choice => self.cycle(false),
            (Some(Action::ChooseNext), _) if choice => self.cycle(true),
            (_, ExportFocus::AsOf) if self.as_of.input(key) => {
                self.error = None;
                self.refresh_default_path();
            }
            (_, ExportFocus::Path) if self.path.input(key) => {
                self.error = None;
                self.path_edited = true;
            }
            _ => {}
        }
        Reply::Stay
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, 72, 10);
        let inner = boxed(frame, rect, "Export a snapshot");
        let rows = Layout::vertical([Constraint::Length(1); 7]).split(inner);
        let label = |focus: ExportFocus, text: &str| {
            let style = if self.focus == focus { theme.title() } else { theme.secondary() };
            Paragraph::new(Span::styled(format!("{text:<8}"), style))
        };
        let choice = |focus: ExportFocus, text: String| {
            let style = if self.focus == focus { theme.selected() } else { theme.normal() };
            Paragraph::new(Span::styled(format!("‹ {text} ›"), style))
        };
        let split =
            |row: Rect| Layout::horizontal([Constraint::Length(9), Constraint::Fill(1)]).areas::<2>(row);
        let [l, v] = split(rows[0]);
        frame.render_widget(label(ExportFocus::Format, "Format"), l);
        frame.render_widget(choice(ExportFocus::Format, self.format().as_str().to_uppercase()), v);
        let [l, v] = split(rows[1]);
        frame.render_widget(label(ExportFocus::AsOf, "As of"), l);
        frame.render_widget(&field(&self.as_of, self.focus == ExportFocus::AsOf), v);
        let [l, v] = split(rows[2]);
        frame.render_widget(label(ExportFocus::Scope, "Roles"), l);
        let scope = if self.all_roles {
            "all roles".to_string()
        } else {
            format!("this role ({})", inert(&self.slug))
        };
        frame.render_widget(choice(ExportFocus::Scope, scope), v);
        let [l, v] = split(rows[3]);
        frame.render_widget(label(ExportFocus::Path, "File"), l);
        frame.render_widget(&field(&self.path, self.focus == ExportFocus::Path), v);
        let footer = match &self.error {
            Some(e) => Span::styled(inert(e), theme.error()),
            None => Span::styled(form_hint(ctx.keymap, "choose", "export"), theme.secondary()),
        };
        frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), Rect { height: 2, ..rows[5] });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn form() -> ExportForm {
        ExportForm::new(Some(FamilyId(1)), "pmo", Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())
    }

    #[test]
    fn default_path_follows_format_and_scope() {
        let mut f = form();
        assert_eq!(field_text(&f.path), "rolecall-pmo-2026-03-02.csv");
        f.cycle(true);
        assert_eq!(field_text(&f.path), "rolecall-pmo-2026-03-02.json");
        f.focus = ExportFocus::Scope;
        f.cycle(true);
        assert_eq!(field_text(&f.path), "rolecall-all-roles-2026-03-02.json");
    }

    #[test]
    fn as_of_date_means_end_of_day_and_bad_dates_are_reported() {
        let mut f = form();
        let now = Utc.with_ymd_and_hms(2026, 3, 5, 0, 0, 0).unwrap();
        let t = f.as_of_instant(now).unwrap();
        assert_eq!(t.format("%Y-%m-%d %H:%M").to_string(), "2026-03-02 23:59");
        f.as_of = text_field("");
        f.as_of.insert_str("tomorrow");
        assert!(f.as_of_instant(now).unwrap_err().contains("not a date"));
    }
}
