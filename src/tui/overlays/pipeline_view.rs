//! How the pipeline editor looks: the handbook changes waiting (if any) on top, the
//! stages with their ranges, alternatives and interviewers, then the field being typed or
//! the last refusal, and the keys from the live keymap.

use super::dialog::{Ctx, Dialog, Reply};
use super::pipeline::PipelineEditor;
use crate::domain::Stage;
use crate::domain::text::inert;
use crate::tui::action::{Action, Mode};
use crate::tui::widgets::{boxed, centered, field, fit, wrap};
use ratatui::Frame;
use ratatui::crossterm::event::KeyEvent;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

impl Dialog for PipelineEditor {
    fn key(&mut self, key: KeyEvent, ctx: &Ctx<'_>) -> Reply {
        self.on_key(key, ctx)
    }

    fn draw(&self, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
        let theme = ctx.theme;
        let rect = centered(area, area.width.saturating_sub(4).min(100), area.height.saturating_sub(2));
        let inner = boxed(frame, rect, &format!("Pipeline of {}", inert(&self.title)));
        let width = inner.width as usize;
        let notice = notice_lines(self, ctx, width, inner.height.saturating_sub(6) / 2);
        let [top, list, bottom, keys] = Layout::vertical([
            Constraint::Length(notice.len() as u16),
            Constraint::Fill(1),
            Constraint::Length(2),
            Constraint::Length(3),
        ])
        .areas(inner);
        frame.render_widget(Paragraph::new(notice), top);
        draw_lists(self, frame, list, ctx);
        let [label, input] = Layout::vertical([Constraint::Length(1); 2]).areas(bottom);
        if let Some((ask, text)) = &self.input {
            frame.render_widget(Paragraph::new(Span::styled(ask.label(), theme.title())), label);
            frame.render_widget(&field(text, true), input);
        }
        if let Some(error) = &self.error {
            let at = if self.input.is_some() { keys } else { label };
            frame.render_widget(Paragraph::new(Span::styled(fit(&inert(error), width), theme.error())), at);
            if self.input.is_some() {
                return;
            }
        }
        let hint = if self.input.is_some() { typing_hint(ctx) } else { key_hint(ctx) };
        let hint: Vec<Line<'static>> = wrap(&hint, width)
            .into_iter()
            .take(3)
            .map(|l| Line::from(Span::styled(l, theme.secondary())))
            .collect();
        frame.render_widget(Paragraph::new(hint), keys);
    }
}

/// The stages, the levels under them, then the further tracks; the selected row of the
/// part that has the keys is highlighted.
fn draw_lists(ed: &PipelineEditor, frame: &mut Frame<'_>, area: Rect, ctx: &Ctx<'_>) {
    let theme = ctx.theme;
    let width = area.width as usize;
    let level_rows = if ed.levels.is_empty() { 0 } else { (ed.levels.len() as u16 + 2).min(area.height / 3) };
    let [stages, levels, tracks] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(level_rows),
        Constraint::Length(track_rows(ed, area.height)),
    ])
    .areas(area);
    let pick = |on: bool, text: String| {
        if on { Line::from(Span::styled(text, theme.selected())) } else { Line::from(text) }
    };
    let lines: Vec<Line<'static>> = (ed.stages.iter().enumerate())
        .map(|(i, s)| pick(!ed.on_levels && i == ed.selected, fit(&stage_line(i, s), width)))
        .collect();
    let skip = ed.selected.saturating_sub(stages.height.saturating_sub(1) as usize) as u16;
    frame.render_widget(Paragraph::new(lines).scroll((skip, 0)), stages);
    if level_rows > 0 {
        let tab = ctx.keymap.key_in(Mode::Editor, Action::NextField);
        let head =
            format!("Levels ({tab}: {})", if ed.on_levels { "back to the stages" } else { "edit them" });
        let mut lines = vec![Line::from(""), Line::from(Span::styled(head, theme.title()))];
        lines.extend(ed.levels.iter().enumerate().map(|(i, l)| {
            let grade = l.grade.map_or_else(|| "no grade".to_string(), |g| format!("grade {g}"));
            pick(ed.on_levels && i == ed.level, fit(&format!("    {} ({grade})", inert(&l.title)), width))
        }));
        let skip = (ed.level + 3).saturating_sub(levels.height as usize) as u16;
        frame.render_widget(Paragraph::new(lines).scroll((skip, 0)), levels);
    }
    let shown: Vec<Line<'static>> = std::iter::once(String::new())
        .chain(ed.tracks.iter().map(|t| fit(t, width)))
        .chain(std::iter::once("  (a further track's stages change with its page, not here)".to_string()))
        .map(|l| Line::from(Span::styled(l, theme.secondary())))
        .collect();
    frame.render_widget(Paragraph::new(shown), tracks);
}

/// Rows for the further tracks under the stages: none without tracks, and never more
/// than half of `room`.
fn track_rows(ed: &PipelineEditor, room: u16) -> u16 {
    if ed.tracks.is_empty() { 0 } else { (ed.tracks.len() as u16 + 2).min(room / 2) }
}

/// One stage as listed: number, label, range, alternatives, interviewers.
fn stage_line(i: usize, s: &Stage) -> String {
    let mut text = format!("{:>2}. {}", i + 1, inert(&s.label));
    if s.kind == crate::domain::StageKind::Offer {
        return text + "  (stays last; hires happen here)";
    }
    let range = crate::domain::pipeline::range_text(s.min_interviews, s.max_interviews);
    text.push_str(&format!("  · {range} interview{}", if range == "1" { "" } else { "s" }));
    if !s.alternatives.is_empty() {
        text.push_str(&format!("  · or {}", inert(&s.alternatives.join(", "))));
    }
    if !s.interviewers.is_empty() {
        text.push_str(&format!("  · with {}", inert(&s.interviewers.join(", "))));
    }
    text
}

/// The handbook changes waiting, at most `room` lines (the rest counted), with the key
/// that acknowledges them; nothing when there are none.
fn notice_lines(ed: &PipelineEditor, ctx: &Ctx<'_>, width: usize, room: u16) -> Vec<Line<'static>> {
    if ed.notices.is_empty() {
        return Vec::new();
    }
    let theme = ctx.theme;
    let ack = ctx.keymap.key_in(Mode::Editor, Action::Acknowledge);
    let when = ed.notices.last().map(|n| n.at.get(..10).unwrap_or(&n.at).to_string()).unwrap_or_default();
    let head = format!("Handbook changed (import of {when}); {ack} acknowledges:");
    let mut body: Vec<String> = Vec::new();
    for n in &ed.notices {
        body.extend(n.changes.iter().map(|l| format!("  {}", inert(l))));
        body.extend(n.conflicts.iter().map(|l| format!("  kept your edit: {}", inert(l))));
    }
    let room = (room as usize).max(3) - 1;
    let shown = if body.len() <= room { body.len() } else { room - 1 };
    let mut lines = vec![Line::from(Span::styled(fit(&head, width), theme.warn()))];
    lines.extend(body.iter().take(shown).map(|l| Line::from(fit(l, width))));
    if body.len() > shown {
        let rest = body.len() - shown;
        let more = format!("  … and {rest} more lines (rolecall changes ROLE shows them all)");
        lines.push(Line::from(Span::styled(fit(&more, width), theme.secondary())));
    }
    lines.push(Line::from(""));
    lines
}

/// The editor's keys, from the live keymap.
fn key_hint(ctx: &Ctx<'_>) -> String {
    let k = |a| ctx.keymap.key_in(Mode::Editor, a);
    format!(
        "{} close · {}/{} select · {} add · {} rename · {} remove · {}/{} move · {} interviews · \
         {} alternatives · {} interviewers · {} undo · {} redo · {} levels · {} grade",
        k(Action::Close),
        k(Action::Up),
        k(Action::Down),
        k(Action::StageAdd),
        k(Action::StageRename),
        k(Action::StageRemove),
        k(Action::StageEarlier),
        k(Action::StageLater),
        k(Action::StageRange),
        k(Action::StageAlternatives),
        k(Action::StageInterviewers),
        k(Action::Undo),
        k(Action::Redo),
        k(Action::NextField),
        k(Action::LevelGrade),
    )
}

fn typing_hint(ctx: &Ctx<'_>) -> String {
    let k = |a| ctx.keymap.key_in(Mode::Form, a);
    format!("{} save · {} stop typing", k(Action::Save), k(Action::Cancel))
}
