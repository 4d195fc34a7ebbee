//! Dialogs drawn over the board: help, reject, confirm, add, pickers, detail.

use super::{Theme, centered, field, fit};
use crate::domain::RejectReason;
use crate::domain::text::inert;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::dialogs::{AddForm, Confirm, Detail, Exported, Picker, RejectDialog};
use crate::tui::note_dialog::{NoteDialog, NoteFor};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

fn frame_box(frame: &mut Frame<'_>, area: Rect, title: &str) -> Rect {
    let block = Block::bordered().title(format!(" {title} "));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    inner
}

/// The help screen: keys from the live keymap, card marks, dialog keys.
pub fn help(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect, scroll: u16) {
    use crate::tui::help::{KEY_WIDTH, help_rows};
    let rect = super::help_area(area);
    let inner = frame_box(frame, rect, "Help (j/k, PgUp/PgDn, g/G scroll; other keys close)");
    let lines: Vec<Line<'_>> = help_rows(app, inner.width as usize)
        .into_iter()
        .map(|(key, text, heading)| {
            if heading {
                Line::from(Span::styled(text, theme.title()))
            } else {
                Line::from(vec![Span::styled(format!("{key:>KEY_WIDTH$}  "), theme.title()), Span::raw(text)])
            }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((scroll, 0)), inner);
}

/// The reject dialog: reasons, then a note.
pub fn reject(d: &RejectDialog, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let height = RejectReason::ALL.len() as u16 + 7;
    let rect = centered(area, 62, height);
    let inner = frame_box(frame, rect, &format!("Reject {}", fit(&d.name, 40)));
    let [list, note_label, note, help] = Layout::vertical([
        Constraint::Length(RejectReason::ALL.len() as u16),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Fill(1),
    ])
    .areas(inner);
    let lines: Vec<Line<'_>> = RejectReason::ALL
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let style = if Some(i) == d.reason && !d.note_focus {
                theme.selected()
            } else if Some(i) == d.reason {
                theme.title()
            } else {
                theme.normal()
            };
            Line::from(Span::styled(format!("{} {}", i + 1, r.label()), style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), list);
    let label_style = if d.note_focus { theme.title() } else { theme.secondary() };
    frame.render_widget(Paragraph::new(Span::styled("Note (Tab to edit):", label_style)), note_label);
    frame.render_widget(&field(&d.note, d.note_focus), note);
    let footer = match &d.error {
        Some(e) => Span::styled(inert(e), theme.error()),
        None if d.reason.is_none() => {
            Span::styled("Pick a reason: 1-9 or j/k · Tab note · Esc cancel", theme.secondary())
        }
        None => Span::styled("Enter reject · Tab note · j/k or 1-9 reason · Esc cancel", theme.secondary()),
    };
    frame.render_widget(Paragraph::new(footer).wrap(Wrap { trim: true }), help);
}

/// Withdraw or hold: the question and an optional note.
pub fn note(d: &NoteDialog, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 60, 7);
    let title = match d.purpose {
        NoteFor::Withdraw => "Withdrawn",
        NoteFor::Hold => "On hold",
    };
    let inner = frame_box(frame, rect, title);
    let [question, label, input, help] = Layout::vertical([Constraint::Length(1); 4]).areas(inner);
    frame.render_widget(Paragraph::new(fit(&inert(&d.question()), question.width as usize)), question);
    frame.render_widget(Paragraph::new(Span::styled("Note (optional):", theme.secondary())), label);
    frame.render_widget(&field(&d.note, true), input);
    frame.render_widget(Paragraph::new(Span::styled("Enter: yes · Esc: no", theme.secondary())), help);
}

/// A yes/no question.
pub fn confirm(c: &Confirm, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 56, 5);
    let inner = frame_box(frame, rect, "Confirm");
    let lines = vec![
        Line::from(inert(&c.question)),
        Line::from(Span::styled(
            if c.pending.needs_explicit_yes() {
                "y: yes   any other key: no"
            } else {
                "y / Enter: yes   any other key: no"
            },
            theme.secondary(),
        )),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
}

/// Where the export went, and the offer to copy the path.
pub fn exported(e: &Exported, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 64, 7);
    let inner = frame_box(frame, rect, "Exported");
    let lines = vec![
        Line::from(format!("Wrote {} bytes to", e.bytes)),
        Line::from(Span::styled(inert(&e.path), theme.title())),
        Line::from(""),
        Line::from(Span::styled("c: copy the path   any other key: close", theme.secondary())),
    ];
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}

/// The add-candidate form.
pub fn add(f: &AddForm, app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 64, 12);
    let role = app.current_family().map(|f| inert(&f.title)).unwrap_or_default();
    let inner = frame_box(frame, rect, &format!("Add a candidate to {}", fit(&role, 36)));
    let rows = Layout::vertical([Constraint::Length(1); 8]).split(inner);
    let label = |i: usize, text: &str| {
        let style = if f.focus == i { theme.title() } else { theme.secondary() };
        Paragraph::new(Span::styled(format!("{text:<7}"), style))
    };
    for (i, (text, text_area)) in AddForm::LABELS.into_iter().zip(f.fields()).enumerate() {
        let [l, input] = Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(rows[i]);
        frame.render_widget(label(i, text), l);
        frame.render_widget(&field(text_area, f.focus == i), input);
    }
    let [l, level] =
        Layout::horizontal([Constraint::Length(8), Constraint::Fill(1)]).areas(rows[AddForm::LEVEL]);
    frame.render_widget(label(AddForm::LEVEL, "Level"), l);
    let title = f.levels.get(f.level).cloned().unwrap_or_else(|| "—".into());
    let level_style = if f.focus == AddForm::LEVEL { theme.selected() } else { theme.normal() };
    frame.render_widget(Paragraph::new(Span::styled(format!("‹ {title} ›"), level_style)), level);
    if let Some(err) = &f.error {
        frame.render_widget(
            Paragraph::new(Span::styled(inert(err), theme.error())).wrap(Wrap { trim: true }),
            Rect { height: 2.min(inner.height.saturating_sub(5)), ..rows[5] },
        );
    }
    frame.render_widget(
        Paragraph::new(Span::styled(
            "Tab next field · ←/→ level · Enter save · Esc cancel",
            theme.secondary(),
        )),
        rows[7],
    );
}

/// A fuzzy picker (palette or roles).
pub fn picker(p: &Picker, title: &str, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, 64, area.height.saturating_sub(4).max(3));
    let inner = frame_box(frame, rect, title);
    let [query, list] = Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(inner);
    frame.render_widget(&p.query, query);
    let height = list.height as usize;
    let start = p.selected.saturating_sub(height.saturating_sub(1));
    let lines: Vec<Line<'_>> = p
        .matches
        .iter()
        .enumerate()
        .skip(start)
        .take(height)
        .map(|(i, &entry)| {
            let style = if i == p.selected { theme.selected() } else { theme.normal() };
            Line::from(Span::styled(fit(&inert(&p.entries[entry]), list.width as usize), style))
        })
        .collect();
    if lines.is_empty() {
        frame.render_widget(Paragraph::new(Span::styled("no match", theme.secondary())), list);
    } else {
        frame.render_widget(Paragraph::new(lines), list);
    }
}

/// A candidate's details and history.
pub fn detail(d: &Detail, app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let rect = centered(area, area.width.saturating_sub(6).max(20), area.height.saturating_sub(2));
    let inner = frame_box(frame, rect, &fit(&inert(&d.title), 60));
    let [body, footer] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(inner);
    frame.render_widget(
        Paragraph::new(Span::styled(
            format!(
                "{} record outcome · {} edit · j/k PgUp/PgDn g/G scroll · other keys close",
                app.keymap.hint(Action::Outcome),
                app.keymap.hint(Action::Edit)
            ),
            theme.secondary(),
        )),
        footer,
    );
    // Wrapped here, as the key handler counts rows, so G reaches the last line exactly.
    let lines: Vec<Line<'_>> = d
        .lines
        .iter()
        .flat_map(|l| {
            let style = if l.ends_with(':') { theme.title() } else { theme.normal() };
            super::wrap_indented(l, body.width as usize).into_iter().map(move |row| Line::styled(row, style))
        })
        .collect();
    frame.render_widget(Paragraph::new(lines).scroll((d.scroll, 0)), body);
}
