//! Drawing the outcome form: interviewer, date and stage, a row per requirement (the
//! focused one in full), the recommendation, notes, and a footer that says what to do.

use super::{OutcomeFocus, OutcomeForm};
use crate::domain::Rating;
use crate::domain::text::inert;
use crate::tui::keymap::Keymap;
use crate::tui::overlays::discard::Discard;
use crate::tui::overlays::keys::form_hint;
use crate::tui::views::theme::Theme;
use crate::tui::widgets::{boxed, centered, field, fit, wrap};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

fn rating_span(r: Option<Rating>, theme: &Theme) -> Span<'static> {
    match r {
        Some(r) => {
            let style = if r.is_positive() { theme.good() } else { theme.alarm() };
            Span::styled(format!("{} {:<11}", r.value(), r.label()), style)
        }
        None => Span::styled(format!("{:<13}", "· unrated"), theme.secondary()),
    }
}

impl OutcomeForm {
    /// Draw the outcome form.
    pub(super) fn render(&self, frame: &mut Frame<'_>, area: Rect, theme: &Theme, keymap: &Keymap) {
        let f = self;
        let rect = centered(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
        let inner = boxed(frame, rect, &format!("Interview outcome · {}", fit(&f.name, 40)));
        let [head, rows, rec, notes_area, footer] = Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(1),
            Constraint::Length(1),
            Constraint::Length(4),
            Constraint::Length(2),
        ])
        .areas(inner);
        let label = |focus: OutcomeFocus, text: &str| {
            let style = if f.focus == focus { theme.title() } else { theme.secondary() };
            Paragraph::new(Span::styled(format!("{text:<13}"), style))
        };
        let head_rows = Layout::vertical([Constraint::Length(1); 3]).split(head);
        for (i, (focus, text, text_area)) in [
            (OutcomeFocus::Interviewer, "Interviewer", &f.interviewer),
            (OutcomeFocus::Date, "Date", &f.date),
        ]
        .into_iter()
        .enumerate()
        {
            let [l, input] =
                Layout::horizontal([Constraint::Length(14), Constraint::Fill(1)]).areas(head_rows[i]);
            frame.render_widget(label(focus, text), l);
            frame.render_widget(&field(text_area, f.focus == focus), input);
        }
        let [l, stage] =
            Layout::horizontal([Constraint::Length(14), Constraint::Fill(1)]).areas(head_rows[2]);
        frame.render_widget(label(OutcomeFocus::Stage, "Stage"), l);
        let stage_label = f.stages.get(f.stage).map(|(_, s)| s.as_str()).unwrap_or("—");
        let stage_style = if f.focus == OutcomeFocus::Stage { theme.selected() } else { theme.normal() };
        frame.render_widget(Paragraph::new(Span::styled(format!("‹ {stage_label} ›"), stage_style)), stage);
        f.render_requirements(theme, frame, rows);
        let rec_style =
            if f.focus == OutcomeFocus::Recommendation { theme.selected() } else { Style::default() };
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(format!("{:<14}", "Recommend *"), theme.title()),
                rating_span(f.recommendation, theme),
            ]))
            .style(rec_style),
            rec,
        );
        let notes_block =
            Block::bordered().title(" Notes ").border_style(if f.focus == OutcomeFocus::Notes {
                theme.focus_border()
            } else {
                theme.secondary()
            });
        let notes_inner = notes_block.inner(notes_area);
        frame.render_widget(notes_block, notes_area);
        frame.render_widget(&field(&f.notes, f.focus == OutcomeFocus::Notes), notes_inner);
        let footer_text = if f.discard.is_asking() {
            Discard::question("this outcome", theme, keymap)
        } else if let Some(e) = &f.error {
            Span::styled(inert(e), theme.error())
        } else if let Some(n) = &f.notice {
            Span::styled(inert(n), theme.warn())
        } else {
            Span::styled(
                format!("1-4 rate (0 clears) · {}", form_hint(keymap, "stage", "save")),
                theme.secondary(),
            )
        };
        frame.render_widget(Paragraph::new(footer_text).wrap(Wrap { trim: true }), footer);
    }

    fn render_requirements(&self, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
        let f = self;
        if f.requirements.is_empty() {
            frame.render_widget(
                Paragraph::new(Span::styled("This level lists no requirements.", theme.secondary())),
                area,
            );
            return;
        }
        // Each requirement on one line, cut; the focused one in full, wrapped, so what is
        // being rated can always be read (also at 80×24).
        let text_width = (area.width as usize).saturating_sub(17);
        let focused = match f.focus {
            OutcomeFocus::Requirement(i) => Some(i),
            _ => None,
        };
        let mut lines: Vec<(usize, Line<'_>)> = Vec::new();
        for (i, req) in f.requirements.iter().enumerate() {
            let texts = if focused == Some(i) { wrap(req, text_width) } else { vec![fit(req, text_width)] };
            for (n, text) in texts.into_iter().enumerate() {
                let head = if n == 0 {
                    vec![Span::raw(format!("{:>2}. ", i + 1)), rating_span(f.ratings[i], theme)]
                } else {
                    vec![Span::raw(" ".repeat(17))]
                };
                let line = Line::from([head, vec![Span::raw(text)]].concat());
                lines.push((i, if focused == Some(i) { line.style(theme.selected()) } else { line }));
            }
        }
        let height = area.height as usize;
        let start = match focused {
            Some(i) => {
                let first = lines.iter().position(|(r, _)| *r == i).unwrap_or(0);
                let last = lines.iter().rposition(|(r, _)| *r == i).unwrap_or(first);
                // Show the whole focused block, or its start when it is taller than the area.
                (last + 1).saturating_sub(height).min(first)
            }
            None if matches!(f.focus, OutcomeFocus::Recommendation | OutcomeFocus::Notes) => {
                lines.len().saturating_sub(height)
            }
            None => 0,
        };
        let shown: Vec<Line<'_>> = lines.into_iter().skip(start).take(height).map(|(_, l)| l).collect();
        frame.render_widget(Paragraph::new(shown), area);
    }
}
