//! The mouse on the board: a click selects a card, a second click on it soon after opens
//! it, the wheel scrolls the column under the pointer, a click on a column's title
//! focuses that column. In the help and candidate screens the wheel scrolls.

use super::action::Action;
use super::app::{App, LastClick, Screen};
use super::board::{CARD_HEIGHT, column_layout};
use super::overlays::Overlay;
use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use std::time::{Duration, Instant};

/// Two clicks on the same card within this time open it.
pub const DOUBLE_CLICK: Duration = Duration::from_millis(500);

/// What is under the pointer on the board.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Spot {
    /// The title (top border) of the column at this stage index.
    Title(usize),
    /// Inside a column: the stage index, and the card row when a card is there.
    Column(usize, Option<usize>),
}

impl App {
    /// Handle one mouse event.
    pub fn handle_mouse(&mut self, event: MouseEvent) {
        let wheel = match event.kind {
            MouseEventKind::ScrollDown => Some(1),
            MouseEventKind::ScrollUp => Some(-1),
            _ => None,
        };
        match (&self.overlay, wheel) {
            (None, _) if self.filter_input.is_none() => {}
            // The wheel scrolls what can scroll, as ↑/↓ do there.
            (Some(Overlay::Help(_) | Overlay::Detail(_)), Some(delta)) => {
                let key = if delta > 0 {
                    ratatui::crossterm::event::KeyCode::Down
                } else {
                    ratatui::crossterm::event::KeyCode::Up
                };
                self.handle_key(ratatui::crossterm::event::KeyEvent::from(key));
                return;
            }
            _ => return,
        }
        match self.screen {
            Screen::Board => self.board_mouse(event, wheel),
            Screen::Roles { .. } => {
                if let Some(delta) = wheel {
                    self.update(if delta > 0 { Action::Down } else { Action::Up });
                }
            }
            Screen::Dashboard => {}
        }
    }

    fn board_mouse(&mut self, event: MouseEvent, wheel: Option<isize>) {
        let Some(spot) = self.spot(event.column, event.row) else { return };
        match (event.kind, spot, wheel) {
            (_, Spot::Column(c, _) | Spot::Title(c), Some(delta)) => {
                let len = self.board.loaded(c);
                if let Some(row) = self.board.rows.get_mut(c).filter(|_| len > 0) {
                    *row = (*row as isize + delta).clamp(0, len as isize - 1) as usize;
                }
            }
            (MouseEventKind::Down(MouseButton::Left), Spot::Title(c), _) => {
                self.board.col = c;
                self.last_click = None;
            }
            (MouseEventKind::Down(MouseButton::Left), Spot::Column(c, row), _) => {
                self.board.col = c;
                let Some(row) = row else { return };
                self.board.rows[c] = row;
                let now = Instant::now();
                let double = self
                    .last_click
                    .is_some_and(|l| l.col == c && l.row == row && now.duration_since(l.at) <= DOUBLE_CLICK);
                if double {
                    self.last_click = None;
                    self.update(Action::Open);
                    return;
                }
                self.last_click = Some(LastClick { at: now, col: c, row });
            }
            _ => return,
        }
        let (w, h) = self.size;
        self.board.scroll_into_view(w, h.saturating_sub(2));
    }

    /// The board spot at screen cell (`x`, `y`), laid out as the board view draws it: a
    /// header line, then the columns, then the status line.
    fn spot(&self, x: u16, y: u16) -> Option<Spot> {
        let (width, height) = self.size;
        let board_height = height.saturating_sub(2);
        if y < 1 || y > board_height {
            return None;
        }
        let (col_width, visible) = column_layout(width, self.board.stages.len());
        if col_width == 0 {
            return None;
        }
        let slot = ((x / col_width) as usize).min(visible.saturating_sub(1));
        let c = self.board.col_offset + slot;
        if c >= self.board.stages.len() {
            return None;
        }
        if y == 1 {
            return Some(Spot::Title(c));
        }
        // Inside the border: cards of CARD_HEIGHT rows from the column's scroll offset.
        let inner_y = y - 2;
        let offset = self.board.offsets.get(c).copied().unwrap_or(0);
        let row = offset + (inner_y / CARD_HEIGHT) as usize;
        let fits = (board_height.saturating_sub(2) / CARD_HEIGHT) as usize;
        let on_card = row < self.board.loaded(c) && row < offset + fits;
        Some(Spot::Column(c, on_card.then_some(row)))
    }
}
