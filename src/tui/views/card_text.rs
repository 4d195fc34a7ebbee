//! A card's lines drawn straight into the buffer (issue 20): the board draws ~100 cards a
//! frame, and `Paragraph` splits every span into graphemes and measures each (a fifth of
//! a frame at 1,000,000 candidates, profiled). Printable ASCII, most of a card's text, is
//! one cell per byte; anything else goes through ratatui's graphemes as `Paragraph` does.
//! The cells written are those of `Paragraph::new(lines).style(style)` (no wrap, left
//! aligned, no scroll): a test holds them equal.

use ratatui::buffer::{Buffer, CellWidth};
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// Draw `lines` into `area` over `style`, each cut at the area's width.
pub(super) fn draw_lines(buf: &mut Buffer, area: Rect, lines: &[Line<'_>], style: Style) {
    let area = area.intersection(buf.area);
    if area.is_empty() {
        return;
    }
    buf.set_style(area, style);
    for (row, line) in lines.iter().take(area.height as usize).enumerate() {
        draw_line(buf, area.x, area.y + row as u16, area.width, line);
    }
}

/// One line from (`x`, `y`), at most `max` cells: as `LineTruncator`, a grapheme wider
/// than the whole width is skipped, and the line ends at the first that does not fit.
fn draw_line(buf: &mut Buffer, x: u16, y: u16, max: u16, line: &Line<'_>) {
    let base = Style::default().patch(line.style);
    let mut used: u16 = 0;
    for span in &line.spans {
        let style = base.patch(span.style);
        let text: &str = &span.content;
        if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
            for ch in text.chars() {
                if used + 1 > max {
                    return;
                }
                buf[(x + used, y)].set_char(ch).set_style(style);
                used += 1;
            }
            continue;
        }
        for grapheme in span.styled_graphemes(base) {
            let width = grapheme.symbol.cell_width();
            if width > max {
                continue;
            }
            if used + width > max {
                return;
            }
            if width == 0 {
                continue;
            }
            buf[(x + used, y)].set_symbol(grapheme.symbol).set_style(grapheme.style);
            used += width;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    fn both(lines: Vec<Line<'static>>, width: u16, style: Style) -> (Buffer, Buffer) {
        let area = Rect::new(1, 1, width, 2);
        let whole = Rect::new(0, 0, width + 3, 4);
        let mut theirs = Buffer::empty(whole);
        Paragraph::new(lines.clone()).style(style).render(area, &mut theirs);
        let mut ours = Buffer::empty(whole);
        draw_lines(&mut ours, area, &lines, style);
        (theirs, ours)
    }

    #[test]
    fn the_cells_are_the_paragraphs() {
        let warn = Style::default().fg(Color::Yellow);
        let cases: Vec<Vec<Line<'static>>> = vec![
            vec![Line::from("Ana Ruiz"), Line::from(vec![Span::styled("12d", warn), Span::raw(" 2/3")])],
            vec![Line::from("Zoë Jovanović"), Line::from(Span::styled("Senior Manag…", warn))],
            vec![Line::from("名前の長い候補者です"), Line::from("a\u{301}bc e\u{308}")],
            vec![
                Line::from(vec![Span::raw("Kim "), Span::styled("Thu 14:00", warn)]),
                Line::from("x".repeat(40)),
            ],
            vec![Line::from("👩‍🔬 emoji"), Line::from(Span::styled("on hold 3d", warn)).style(warn)],
        ];
        let selected = Style::default().bg(Color::Blue).add_modifier(Modifier::BOLD);
        for lines in cases {
            for width in [0, 1, 2, 3, 5, 9, 14, 30] {
                for style in [Style::default(), selected] {
                    let (theirs, ours) = both(lines.clone(), width, style);
                    assert_eq!(theirs, ours, "{lines:?} at width {width}");
                }
            }
        }
    }
}
