//! Actions: what each does on the board, the roles screen (the dashboard's are in
//! `dashboard.rs`). State changes here; writes come back as effects for the run loop.

use super::action::Action;
use super::app::{App, Screen};
use super::effect::Effect;
use super::overlays::Overlay;
use super::overlays::help::Help;
use super::overlays::picker::Picker;
use crate::domain::access::Deed;

impl App {
    /// Apply one action; what it asks of the run loop.
    pub fn on_action(&mut self, action: Action) -> Vec<Effect> {
        if !action.allowed_for(self.access) {
            self.refuse_for_access();
            return Vec::new();
        }
        let effect = match self.screen {
            Screen::Roles { scroll } => self.roles_screen_action(action, scroll),
            Screen::Dashboard => self.dashboard_action(action),
            Screen::Board => {
                let effect = self.board_action(action);
                if self.board.is_windowed() {
                    if let Err(e) = self.page_in_window() {
                        self.error(format!("Could not load more candidates: {e}"));
                    }
                } else {
                    self.page_in_closed();
                }
                self.scroll();
                effect
            }
        };
        effect.into_iter().collect()
    }

    /// An action on the board.
    fn board_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Left => self.board.move_col(-1),
            Action::Right => self.board.move_col(1),
            Action::Up => self.board.move_row(-1),
            Action::Down => self.board.move_row(1),
            Action::Top => self.jump(true),
            Action::Bottom => self.jump(false),
            Action::PageUp => self.board.move_row(-(self.page() as isize)),
            Action::PageDown => self.board.move_row(self.page() as isize),
            Action::MoveBack => return self.step(false),
            Action::MoveForward => return self.step(true),
            Action::NextRole => self.switch_role(1),
            Action::PrevRole => self.switch_role(-1),
            Action::RolePicker => self.open_role_picker(),
            Action::RolesScreen => self.open_roles_screen(),
            Action::Dashboard => self.open_dashboard(),
            Action::Export => self.open_export(),
            Action::Open => self.open_detail(),
            Action::Add => self.open_add(),
            Action::Edit => self.open_edit(None),
            Action::Outcome => self.open_outcome(None),
            Action::Reject => self.open_reject(),
            Action::Withdraw => self.open_withdraw(),
            Action::Hold => return self.toggle_hold(),
            Action::Erase => self.open_erase(),
            Action::Reopen => self.ask_reopen(),
            Action::Undo => return self.undo_redo(true),
            Action::Redo => return self.undo_redo(false),
            Action::Filter => {
                let mut field = super::overlays::fields::text_field("name, email or source");
                field.insert_str(&self.filter);
                self.filter_input = Some(field);
            }
            Action::ClearFilter => {
                if self.clear_marks() {
                    self.info("Marks cleared");
                } else {
                    self.clear_filter()
                }
            }
            Action::ToggleClosed => self.toggle_closed(),
            Action::ToggleMine => self.toggle_mine(),
            Action::Queue => self.open_queue(),
            Action::Note => self.open_team_note(),
            Action::Help => {
                self.overlay = Some(Overlay::Help(Help { access: self.access, ..Help::default() }))
            }
            Action::Palette => {
                self.overlay = Some(Overlay::Palette(Picker::palette(&self.keymap, self.access)))
            }
            Action::SearchAll => self.open_search_all(),
            Action::Mark => self.toggle_mark(),
            Action::MarkColumn => self.mark_column(),
            Action::MoveTo => self.open_stage_picker(),
            Action::Refresh => {
                self.refresh_or_report();
                self.info("Reloaded");
            }
            // The other modes' actions (forms, questions, pickers) do nothing on the board.
            _ => {}
        }
        None
    }

    /// An action on the roles screen: scrolling, help, another role, the selected role's
    /// pipeline editor (the key that opened the screen); others go back to the board.
    fn roles_screen_action(&mut self, action: Action, scroll: u16) -> Option<Effect> {
        match action {
            Action::Quit => return Some(Effect::Quit),
            Action::Up => self.screen = Screen::Roles { scroll: scroll.saturating_sub(1) },
            Action::Down => self.screen = Screen::Roles { scroll: scroll.saturating_add(1) },
            Action::PageUp => self.screen = Screen::Roles { scroll: scroll.saturating_sub(self.size.1) },
            Action::PageDown => self.screen = Screen::Roles { scroll: scroll.saturating_add(self.size.1) },
            Action::Top => self.screen = Screen::Roles { scroll: 0 },
            Action::Help => {
                self.overlay = Some(Overlay::Help(Help { access: self.access, ..Help::default() }))
            }
            Action::NextRole | Action::PrevRole => {
                self.switch_role(if action == Action::NextRole { 1 } else { -1 });
                self.open_roles_screen();
            }
            Action::RolesScreen if self.access.is_some_and(|a| !a.allows(Deed::EditPipeline)) => {
                self.refuse_for_access()
            }
            Action::RolesScreen => self.open_pipeline_editor(),
            _ => self.screen = Screen::Board,
        }
        None
    }

    /// Show the roles screen with every role's levels and stages as they are now.
    fn open_roles_screen(&mut self) {
        self.roles = super::roles::load(&self.store, &self.families);
        self.screen = Screen::Roles { scroll: super::views::roles::selected_row(self, self.size.0) };
    }

    /// Say what the login's access role allows, instead of trying what it does not.
    pub(crate) fn refuse_for_access(&mut self) {
        if let Some(access) = self.access {
            let may = access.may();
            let mut line = format!("{}{}", may[..1].to_uppercase(), &may[1..]);
            line.push_str(", not this");
            self.error(line);
        }
    }

    /// `g` / `G`: the first or last card of the column.
    fn jump(&mut self, top: bool) {
        if !self.board.is_windowed() {
            return self.board.jump(top);
        }
        if let Err(e) = self.jump_window(top) {
            self.error(format!("Could not load the candidates: {e}"));
        }
    }

    fn page(&self) -> usize {
        super::board::cards_per_column(self.size.1.saturating_sub(2)).max(1)
    }
}
