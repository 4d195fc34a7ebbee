//! Everything a user can ask the TUI to do, independent of which key asked.

/// A user intention, resolved from a key through the keymap (or picked in the palette).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Cursor one column left.
    Left,
    /// Cursor one column right.
    Right,
    /// Cursor one card up.
    Up,
    /// Cursor one card down.
    Down,
    /// Cursor to the first card of the column.
    Top,
    /// Cursor to the last card of the column.
    Bottom,
    /// Cursor one page up.
    PageUp,
    /// Cursor one page down.
    PageDown,
    /// Move the selected candidate one stage back.
    MoveBack,
    /// Move the selected candidate one stage forward.
    MoveForward,
    /// Show the next role's board.
    NextRole,
    /// Show the previous role's board.
    PrevRole,
    /// Pick a role with a fuzzy filter.
    RolePicker,
    /// Show the roles screen (levels, stages).
    RolesScreen,
    /// Show the dashboard of the current role.
    Dashboard,
    /// Export a snapshot (format, as-of date, role, path).
    Export,
    /// Open the selected candidate's details and history.
    Open,
    /// Add a candidate to this role.
    Add,
    /// Edit the selected candidate's details.
    Edit,
    /// Record an interview outcome for the selected candidate.
    Outcome,
    /// Reject the selected candidate (asks for a reason).
    Reject,
    /// Record that the selected candidate withdrew (asks to confirm).
    Withdraw,
    /// Put the selected candidate on hold, or resume them.
    Hold,
    /// Erase the selected person's personal data (asks to confirm).
    Erase,
    /// Reopen a rejected, withdrawn or hired application (asks to confirm).
    Reopen,
    /// Undo your last change.
    Undo,
    /// Redo what you last undid.
    Redo,
    /// Filter the board as you type.
    Filter,
    /// Clear the filter (and leave the roles screen or the dashboard).
    ClearFilter,
    /// Show or hide rejected, withdrawn and hired candidates.
    ToggleClosed,
    /// Show the key bindings.
    Help,
    /// Search every action by name.
    Palette,
    /// Reload from the database.
    Refresh,
    /// Leave rolecall.
    Quit,
}

impl Action {
    /// Every action, in help order.
    pub const ALL: [Action; 34] = [
        Action::Left,
        Action::Right,
        Action::Up,
        Action::Down,
        Action::Top,
        Action::Bottom,
        Action::PageUp,
        Action::PageDown,
        Action::MoveBack,
        Action::MoveForward,
        Action::NextRole,
        Action::PrevRole,
        Action::RolePicker,
        Action::RolesScreen,
        Action::Dashboard,
        Action::Export,
        Action::Open,
        Action::Add,
        Action::Edit,
        Action::Outcome,
        Action::Reject,
        Action::Withdraw,
        Action::Hold,
        Action::Erase,
        Action::Reopen,
        Action::Undo,
        Action::Redo,
        Action::Filter,
        Action::ClearFilter,
        Action::ToggleClosed,
        Action::Help,
        Action::Palette,
        Action::Refresh,
        Action::Quit,
    ];

    /// The name used in keymap files.
    pub fn name(self) -> &'static str {
        match self {
            Action::Left => "left",
            Action::Right => "right",
            Action::Up => "up",
            Action::Down => "down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::MoveBack => "move_back",
            Action::MoveForward => "move_forward",
            Action::NextRole => "next_role",
            Action::PrevRole => "prev_role",
            Action::RolePicker => "role_picker",
            Action::RolesScreen => "roles_screen",
            Action::Dashboard => "dashboard",
            Action::Export => "export",
            Action::Open => "open",
            Action::Add => "add",
            Action::Edit => "edit",
            Action::Outcome => "outcome",
            Action::Reject => "reject",
            Action::Withdraw => "withdraw",
            Action::Hold => "hold",
            Action::Erase => "erase",
            Action::Reopen => "reopen",
            Action::Undo => "undo",
            Action::Redo => "redo",
            Action::Filter => "filter",
            Action::ClearFilter => "clear_filter",
            Action::ToggleClosed => "toggle_closed",
            Action::Help => "help",
            Action::Palette => "palette",
            Action::Refresh => "refresh",
            Action::Quit => "quit",
        }
    }

    /// One line for help and the palette.
    pub fn description(self) -> &'static str {
        match self {
            Action::Left => "Cursor to the previous stage",
            Action::Right => "Cursor to the next stage",
            Action::Up => "Cursor up",
            Action::Down => "Cursor down",
            Action::Top => "First card in the column",
            Action::Bottom => "Last card in the column",
            Action::PageUp => "Page up",
            Action::PageDown => "Page down",
            Action::MoveBack => "Move candidate one stage back",
            Action::MoveForward => "Move candidate one stage forward",
            Action::NextRole => "Next role",
            Action::PrevRole => "Previous role",
            Action::RolePicker => "Pick a role",
            Action::RolesScreen => "Roles: levels and stages",
            Action::Dashboard => "Dashboard: funnel, days in stage, rejections",
            Action::Export => "Export a snapshot",
            Action::Open => "Candidate details and history",
            Action::Add => "Add a candidate",
            Action::Edit => "Edit candidate details",
            Action::Outcome => "Record an interview outcome",
            Action::Reject => "Reject (pick a reason)",
            Action::Withdraw => "Candidate withdrew",
            Action::Hold => "Put on hold / resume",
            Action::Erase => "Erase the person's data (asks to confirm)",
            Action::Reopen => "Reopen a rejected, withdrawn or hired one",
            Action::Undo => "Undo",
            Action::Redo => "Redo",
            Action::Filter => "Filter by name, email or source as you type",
            Action::ClearFilter => "Clear the filter; back to the board",
            Action::ToggleClosed => "Show / hide closed candidates",
            Action::Help => "Help",
            Action::Palette => "Command palette",
            Action::Refresh => "Reload from the database",
            Action::Quit => "Quit",
        }
    }

    /// Look an action up by its keymap name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.name() == name)
    }
}
