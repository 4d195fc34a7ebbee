//! The outcome and edit forms.

use super::{Theme, centered, field, fit, wrap};
use crate::domain::Rating;
use crate::domain::text::inert;
use crate::tui::forms::edit::{EditForm, LABELS, LEVEL, NOTES};
use crate::tui::forms::outcome::{OutcomeFocus, OutcomeForm};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn boxed(frame: &mut Frame<'_>, area: Rect, title: &str) -> Rect {
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

fn rating_span(r: Option<Rating>, theme: &Theme) -> Span<'static> {
    match r {
        Some(r) => {
            let style = if r.is_positive() { theme.good() } else { theme.alarm() };
            Span::styled(format!("{} {:<11}", r.value(), r.label()), style)
        }
        None => Span::styled(format!("{:<13}", "· unrated"), theme.secondary()),
    }
}

/// Draw the outcome form.
pub fn outcome(f: &OutcomeForm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
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
    for (i, (focus, text, text_area)) in
        [(OutcomeFocus::Interviewer, "Interviewer", &f.interviewer), (OutcomeFocus::Date, "Date", &f.date)]
            .into_iter()
            .enumerate()
    {
        let [l, input] =
            Layout::horizontal([Constraint::Length(14), Constraint::Fill(1)]).areas(head_rows[i]);
        frame.render_widget(label(focus, text), l);
        frame.render_widget(&field(text_area, f.focus == focus), input);
    }
    let [l, stage] = Layout::horizontal([Constraint::Length(14), Constraint::Fill(1)]).areas(head_rows[2]);
    frame.render_widget(label(OutcomeFocus::Stage, "Stage"), l);
    let stage_label = f.stages.get(f.stage).map(|(_, s)| s.as_str()).unwrap_or("—");
    let stage_style = if f.focus == OutcomeFocus::Stage { theme.selected() } else { theme.normal() };
    frame.render_widget(Paragraph::new(Span::styled(format!("‹ {stage_label} ›"), stage_style)), stage);
    render_requirements(f, theme, frame, rows);
    let rec_style = if f.focus == OutcomeFocus::Recommendation { theme.selected() } else { Style::default() };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(format!("{:<14}", "Recommend *"), theme.title()),
            rating_span(f.recommendation, theme),
        ]))
        .style(rec_style),
        rec,
    );
    let notes_block = Block::bordered().title(" Notes ").border_style(if f.focus == OutcomeFocus::Notes {
        theme.focus_border()
    } else {
        theme.secondary()
    });
    let notes_inner = notes_block.inner(notes_area);
    frame.render_widget(notes_block, notes_area);
    frame.render_widget(&field(&f.notes, f.focus == OutcomeFocus::Notes), notes_inner);
    let footer_text = if f.confirm_discard {
        Span::styled("Discard this outcome? y = discard, any other key = keep editing", theme.warn())
    } else if let Some(e) = &f.error {
        Span::styled(inert(e), theme.error())
    } else if let Some(n) = &f.notice {
        Span::styled(inert(n), theme.warn())
    } else {
        Span::styled(
            "Tab/↑↓ move · 1-4 rate (0 clears) · ←/→ stage · Enter or Ctrl-s save · Esc cancel",
            theme.secondary(),
        )
    };
    frame.render_widget(Paragraph::new(footer_text).wrap(Wrap { trim: true }), footer);
}

fn render_requirements(f: &OutcomeForm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
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

/// Draw the edit form.
pub fn edit(f: &EditForm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 72, 16);
    let inner = boxed(frame, rect, "Edit candidate");
    let mut constraints = vec![Constraint::Length(1); NOTES];
    constraints.push(Constraint::Fill(1));
    constraints.push(Constraint::Length(2));
    let rows = Layout::vertical(constraints).split(inner);
    for (i, label) in LABELS.iter().enumerate() {
        let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(rows[i]);
        let style = if f.focus == i { theme.title() } else { theme.secondary() };
        frame.render_widget(Paragraph::new(Span::styled(format!("{label:<7}"), style)), l);
        if i == LEVEL {
            frame.render_widget(level_choice(f, theme), input);
        } else if let Some(text) = f.text(i) {
            frame.render_widget(&field(text, f.focus == i), input);
        }
    }
    let footer = if f.confirm_discard {
        Span::styled("Discard your changes? y = discard, any other key = keep editing", theme.warn())
    } else if let Some((field, message)) = &f.error {
        Span::styled(format!("{}: {}", LABELS[*field], inert(message)), theme.error())
    } else {
        Span::styled(
            "Tab move · ←/→ level · Enter or Ctrl-s save · Esc cancel (notes: Enter = new line)",
            theme.secondary(),
        )
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), rows[NOTES + 1]);
}

/// The level row: "‹ title ›" while it can change, the title and why not when closed.
fn level_choice<'a>(f: &'a EditForm, theme: &Theme) -> Paragraph<'a> {
    let focused = f.focus == LEVEL;
    let span = match &f.level {
        None => Span::styled("—", theme.secondary()),
        Some(l) if l.locked.is_some() => {
            Span::styled(format!("{} (closed)", inert(l.title())), theme.secondary())
        }
        Some(l) => {
            let mark = if l.changed().is_some() { " (changed)" } else { "" };
            let style = if focused { theme.selected() } else { theme.normal() };
            Span::styled(format!("‹ {} ›{mark}", inert(l.title())), style)
        }
    };
    Paragraph::new(span)
}

/// Draw the export dialog.
pub fn export(f: &crate::tui::export_dialog::ExportForm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    use crate::tui::export_dialog::ExportFocus;
    let rect = centered(area, 72, 10);
    let inner = boxed(frame, rect, "Export a snapshot");
    let rows = Layout::vertical([Constraint::Length(1); 7]).split(inner);
    let label = |focus: ExportFocus, text: &str| {
        let style = if f.focus == focus { theme.title() } else { theme.secondary() };
        Paragraph::new(Span::styled(format!("{text:<8}"), style))
    };
    let choice = |focus: ExportFocus, text: String| {
        let style = if f.focus == focus { theme.selected() } else { theme.normal() };
        Paragraph::new(Span::styled(format!("‹ {text} ›"), style))
    };
    let split = |row: Rect| Layout::horizontal([Constraint::Length(9), Constraint::Fill(1)]).areas::<2>(row);
    let [l, v] = split(rows[0]);
    frame.render_widget(label(ExportFocus::Format, "Format"), l);
    frame.render_widget(choice(ExportFocus::Format, f.format().as_str().to_uppercase()), v);
    let [l, v] = split(rows[1]);
    frame.render_widget(label(ExportFocus::AsOf, "As of"), l);
    frame.render_widget(&field(&f.as_of, f.focus == ExportFocus::AsOf), v);
    let [l, v] = split(rows[2]);
    frame.render_widget(label(ExportFocus::Scope, "Roles"), l);
    let scope = if f.all_roles { "all roles".to_string() } else { format!("this role ({})", inert(&f.slug)) };
    frame.render_widget(choice(ExportFocus::Scope, scope), v);
    let [l, v] = split(rows[3]);
    frame.render_widget(label(ExportFocus::Path, "File"), l);
    frame.render_widget(&field(&f.path, f.focus == ExportFocus::Path), v);
    let footer = match &f.error {
        Some(e) => Span::styled(inert(e), theme.error()),
        None => Span::styled("Tab move · ←/→ choose · Enter export · Esc cancel", theme.secondary()),
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), Rect { height: 2, ..rows[5] });
}
