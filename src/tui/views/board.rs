//! The board: one bordered column per stage, cards inside, only visible ones drawn.

use super::theme::Theme;
use crate::domain::AppStatus;
use crate::domain::BoardCard;
use crate::domain::text::inert;
use crate::present::days_since;
use crate::tui::action::Action;
use crate::tui::app::App;
use crate::tui::board::{CARD_HEIGHT, column_layout};
use crate::tui::widgets::{centered, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

/// Draw the board into `area`.
pub fn render(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let board = &app.board;
    if board.stages.is_empty() {
        let msg = "No roles yet. Import a job-family page: rolecall import PAGE.md";
        frame.render_widget(Paragraph::new(msg), area);
        return;
    }
    let (col_width, visible) = column_layout(area.width, board.stages.len());
    if visible == 0 || col_width == 0 {
        return;
    }
    for slot in 0..visible {
        let c = board.col_offset + slot;
        let Some(stage) = board.stages.get(c) else { break };
        let x = area.x + slot as u16 * col_width;
        let width = if slot + 1 == visible { area.x + area.width - x } else { col_width };
        let rect = Rect { x, y: area.y, width, height: area.height };
        let focused = c == board.col;
        let room = width.saturating_sub(2) as usize;
        let left = slot == 0 && board.col_offset > 0;
        let right = slot + 1 == visible && c + 1 < board.stages.len();
        // A narrow column shortens the label, never the count.
        // "+": closed cards not paged in yet; "…": still being counted.
        let more = if board.more(c) { "+" } else { "" };
        let count = match board.counted(c) {
            true => format!(" ({}{more})", board.count(c)),
            false => " (…)".to_string(),
        };
        let label_room = room.saturating_sub(count.len() + usize::from(left) + usize::from(right));
        let bare = if label_room >= 4 {
            format!("{}{count}", fit(&inert(&stage.label), label_room))
        } else {
            format!("{}{count}", inert(&stage.label))
        };
        let mut title = if unicode_width::UnicodeWidthStr::width(bare.as_str()) + 2 <= room.saturating_sub(1)
        {
            format!(" {bare} ")
        } else {
            bare
        };
        if left {
            title.insert(0, '‹');
        }
        if right {
            title.push('›');
        }
        let title = fit(&title, width.saturating_sub(2) as usize);
        let border = if focused { theme.focus_border() } else { theme.secondary() };
        let block = Block::bordered().title(Span::styled(title, theme.title())).border_style(border);
        let inner = block.inner(rect);
        frame.render_widget(block, rect);
        render_cards(app, theme, frame, inner, c, focused);
    }
    // Only on the bare board: a dialog on top would leave bits of it showing.
    if board.cards.is_empty() && app.filter.is_empty() && app.overlay.is_none() {
        empty_hint(app, theme, frame, area);
    }
}

/// What to do on an empty board, from the live keymap, over the middle of the columns.
fn empty_hint(app: &App, theme: &Theme, frame: &mut Frame<'_>, area: Rect) {
    let mut msg = format!("No candidates here yet · {} adds one", app.keymap.hint(Action::Add));
    if !app.show_closed {
        msg.push_str(&format!(" · {} shows closed ones", app.keymap.hint(Action::ToggleClosed)));
    }
    if app.families.len() > 1 {
        msg.push_str(&format!(" · {} next role", app.keymap.hint(Action::NextRole)));
    }
    let text = format!(" {} ", fit(&msg, area.width.saturating_sub(4) as usize));
    let width = unicode_width::UnicodeWidthStr::width(text.as_str()) as u16;
    let rect = centered(Rect { y: area.y + 1, height: area.height.saturating_sub(2), ..area }, width, 1);
    frame.render_widget(Clear, rect);
    frame.render_widget(Paragraph::new(Span::styled(text, theme.secondary())), rect);
}

fn render_cards(app: &App, theme: &Theme, frame: &mut Frame<'_>, inner: Rect, c: usize, focused: bool) {
    let board = &app.board;
    let Some(column) = board.columns.get(c) else { return };
    let offset = board.offsets.get(c).copied().unwrap_or(0);
    let fits = (inner.height / CARD_HEIGHT) as usize;
    for (slot, &card_index) in column.iter().skip(offset).take(fits).enumerate() {
        let card = &board.cards[card_index];
        let y = inner.y + slot as u16 * CARD_HEIGHT;
        let rect = Rect { x: inner.x, y, width: inner.width, height: CARD_HEIGHT.min(inner.bottom() - y) };
        let selected = focused && board.rows.get(c) == Some(&(offset + slot));
        render_card(app, theme, frame, rect, card, selected);
    }
    // What follows the screen, loaded or not.
    let below = board.count(c).saturating_sub(board.base(c) + offset + fits);
    let uncounted = !board.counted(c) && board.windows.get(c).is_some_and(|w| w.more_after);
    if (below > 0 || uncounted) && inner.height > 0 {
        let paged = if board.more(c) { "+" } else { "" };
        let more = match board.counted(c) {
            true => format!("↓ {below}{paged} more"),
            false => "↓ more…".to_string(),
        };
        let y = inner.bottom().saturating_sub(1);
        let rect = Rect { x: inner.x, y, width: inner.width, height: 1 };
        frame.render_widget(Paragraph::new(Span::styled(more, theme.secondary())).right_aligned(), rect);
    }
}

fn render_card(
    app: &App,
    theme: &Theme,
    frame: &mut Frame<'_>,
    rect: Rect,
    card: &BoardCard,
    selected: bool,
) {
    let width = rect.width as usize;
    let days = days_since(card.stage_entered_at, app.now);
    let limit = app.board.limits.get(&card.stage_id).copied();
    let past = matches!(card.status, AppStatus::Active | AppStatus::OnHold)
        && limit.is_some_and(|l| crate::domain::limits::is_past(card.stage_entered_at, l, app.now));
    let days_style = if past || days >= app.thresholds.alarm {
        theme.alarm()
    } else if days >= app.thresholds.warn {
        theme.warn()
    } else {
        theme.secondary()
    };
    let held = app.board.held_since.get(&card.id).map(|t| days_since(Some(*t), app.now));
    let (name_style, status) = status_marks(card.status, held, theme);
    // The second line: days always, then what matters most while it fits (status,
    // interview progress, recommendation), and the level in whatever room is left.
    // "!" marks a card past its stage's limit, readable without colour.
    let days_text = if past { format!("!{days}d") } else { format!("{days}d") };
    let mut room = width.saturating_sub(days_text.len());
    let progress =
        app.board.stages.iter().find(|s| s.id == card.stage_id && s.max_interviews > 1).map(|stage| {
            let met =
                crate::domain::rules::meets_interview_minimum(stage.min_interviews, card.interviews_at_stage);
            let style = if met { theme.good() } else { theme.warn() };
            (format!(" {}/{}", card.interviews_at_stage, stage.max_interviews), style)
        });
    let recommendation = card
        .last_recommendation
        .map(|r| (format!(" {}", r.glyph()), if r.is_positive() { theme.good() } else { theme.alarm() }));
    let width_of = |t: &Option<(String, Style)>| {
        t.as_ref().map_or(0, |(text, _)| unicode_width::UnicodeWidthStr::width(text.as_str()))
    };
    let others = width_of(&progress) + width_of(&recommendation);
    let status_tag = status.as_ref().and_then(|(long, short)| {
        // The long form only when everything else still fits with a few columns of level.
        let long = format!(" {long}");
        let tag = if long.len() + others + 4 <= room { long } else { format!(" {short}") };
        take(&mut room, &tag).then_some(tag)
    });
    let progress = progress.filter(|(text, _)| take(&mut room, text));
    let recommendation = recommendation.filter(|(text, _)| take(&mut room, text));
    let next = app.next_interviews.get(&card.id).map(String::as_str);
    let marked = app.marked.contains(&card.id);
    let name = if marked { format!("* {}", inert(&card.name)) } else { inert(&card.name) };
    let (first, mut second) = name_and_level(&name, &card.level, next, (width, room), (name_style, theme));
    second.push(Span::styled(days_text, days_style));
    second.extend(progress.map(|(text, style)| Span::styled(text, style)));
    second.extend(recommendation.map(|(text, style)| Span::styled(text, style)));
    second.extend(status_tag.map(|tag| Span::styled(tag, theme.warn())));
    let mut lines = vec![first, Line::from(second)];
    lines.truncate(rect.height as usize);
    let style = if selected { theme.selected() } else { Style::default() };
    let card_rect = Rect { height: rect.height.min(2), ..rect };
    super::card_text::draw_lines(frame.buffer_mut(), card_rect, &lines, style);
}

/// A card's first line (the name) and the start of its second (the level), with the next
/// interview ("Thu 14:00") after the name where the name keeps ten columns, else in the
/// level's place. `room` is what the second line has left for the level.
fn name_and_level<'a>(
    name: &str,
    level: &str,
    next: Option<&str>,
    (width, room): (usize, usize),
    (name_style, theme): (Style, &Theme),
) -> (Line<'a>, Vec<Span<'a>>) {
    let next_first = next.filter(|n| width > n.len() + 10 || width > name.chars().count() + n.len());
    let first = match next_first {
        Some(next) => Line::from(vec![
            Span::styled(fit(name, width - next.len() - 1), name_style),
            Span::styled(format!(" {next}"), theme.good()),
        ]),
        None => Line::from(Span::styled(fit(name, width), name_style)),
    };
    let mut second = Vec::new();
    match next.filter(|n| next_first.is_none() && n.len() < room) {
        Some(n) => second.push(Span::styled(format!("{n} "), theme.good())),
        // "Level… " needs at least a letter, the ellipsis and the space.
        None if room >= 3 => {
            second.push(Span::styled(format!("{} ", fit(&inert(level), room - 1)), theme.secondary()))
        }
        None => {}
    }
    (first, second)
}

/// How a card of this status shows its name, and its status tag in a long and a short
/// form (a narrow column shows "hold" rather than a cut "on ho"); none while active.
/// A held card also says for how long it has been on hold (`held` days).
fn status_marks(status: AppStatus, held: Option<i64>, theme: &Theme) -> (Style, Option<(String, String)>) {
    match status {
        AppStatus::Active => (theme.title(), None),
        AppStatus::OnHold => {
            let (long, short) = match held {
                Some(d) => (format!("on hold {d}d"), format!("hold {d}d")),
                None => ("on hold".to_string(), "hold".to_string()),
            };
            (theme.secondary(), Some((long, short)))
        }
        s => {
            let short = match s {
                AppStatus::Rejected => "rej",
                AppStatus::Withdrawn => "wdn",
                _ => "hired",
            };
            (theme.secondary().add_modifier(Modifier::CROSSED_OUT), Some((s.to_string(), short.to_string())))
        }
    }
}

/// Take `text`'s width from `room` when it fits.
fn take(room: &mut usize, text: &str) -> bool {
    let w = unicode_width::UnicodeWidthStr::width(text);
    let fits = w <= *room;
    if fits {
        *room -= w;
    }
    fits
}
