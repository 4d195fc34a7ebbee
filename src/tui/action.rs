//! Everything a user can ask the TUI to do, independent of which key asked: one table
//! gives each action its keymap name, the modes it works in and what it does there. The
//! keymap, `?` help and the command palette are all built from this table.

use crate::domain::access::{Access, Deed};

/// Where the keys go: each mode has its own section in the keymap file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mode {
    /// The board, the roles screen and the dashboard.
    Board,
    /// Screens that scroll: the candidate screen and help.
    Detail,
    /// Forms with fields: add, edit, outcome, reject, withdraw / hold, export.
    Form,
    /// Questions: confirm, discard what was typed, where an export went.
    Dialog,
    /// Lists filtered as you type: the palette, the role picker, the board's `/` filter.
    Picker,
    /// The pipeline editor over the roles screen.
    Editor,
}

impl Mode {
    /// Every mode, in the keymap file's order.
    pub const ALL: [Mode; 6] =
        [Mode::Board, Mode::Detail, Mode::Form, Mode::Dialog, Mode::Picker, Mode::Editor];

    /// The section name in keymap files (`[board]`).
    pub fn name(self) -> &'static str {
        match self {
            Mode::Board => "board",
            Mode::Detail => "detail",
            Mode::Form => "form",
            Mode::Dialog => "dialog",
            Mode::Picker => "picker",
            Mode::Editor => "editor",
        }
    }

    /// The heading of this mode's keys in help.
    pub fn title(self) -> &'static str {
        match self {
            Mode::Board => "Keys on the board [board] (also the roles screen and the dashboard)",
            Mode::Detail => "Keys on the candidate screen and in help [detail]",
            Mode::Form => "Keys in forms [form]: add, edit, outcome, reject, withdraw, hold, export",
            Mode::Dialog => "Keys in questions [dialog]: confirm, discard, export done",
            Mode::Picker => "Keys in pickers [picker]: palette, role picker, the / filter",
            Mode::Editor => "Keys in the pipeline editor [editor] (v on the roles screen)",
        }
    }

    /// Look a mode up by its section name.
    pub fn from_name(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    /// Index into per-mode arrays.
    pub(crate) fn index(self) -> usize {
        self as usize
    }
}

/// Declares `Action`, `Action::ALL`, `Action::name` and `Action::uses` from one table:
/// `Variant = "name" { Mode: "what it does there", … }`.
macro_rules! action_table {
    ($($variant:ident = $name:literal { $($mode:ident: $what:literal),+ $(,)? })+) => {
        /// A user intention, resolved from a key through the keymap of the current mode
        /// (or picked in the palette).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum Action {
            $(
                #[doc = concat!("`", $name, "` in the keymap.")]
                $variant,
            )+
        }

        impl Action {
            /// Every action, in help order.
            pub const ALL: &'static [Action] = &[$(Action::$variant),+];

            /// The name used in keymap files.
            pub fn name(self) -> &'static str {
                match self {
                    $(Action::$variant => $name,)+
                }
            }

            /// The modes this action works in, each with what it does there.
            pub fn uses(self) -> &'static [(Mode, &'static str)] {
                match self {
                    $(Action::$variant => &[$((Mode::$mode, $what)),+],)+
                }
            }
        }
    };
}

action_table! {
    Left = "left" { Board: "Cursor to the previous stage" }
    Right = "right" { Board: "Cursor to the next stage" }
    Up = "up" {
        Board: "Cursor up",
        Detail: "Scroll up",
        Form: "Previous field (in the reasons: the one above; in notes: the line above)",
        Picker: "Previous entry",
        Editor: "Previous stage",
    }
    Down = "down" {
        Board: "Cursor down",
        Detail: "Scroll down",
        Form: "Next field (in the reasons: the one below; in notes: the line below)",
        Picker: "Next entry",
        Editor: "Next stage",
    }
    Top = "top" { Board: "First card in the column", Detail: "Scroll to the top" }
    Bottom = "bottom" { Board: "Last card in the column", Detail: "Scroll to the end" }
    PageUp = "page_up" { Board: "Page up", Detail: "Scroll a page up" }
    PageDown = "page_down" { Board: "Page down", Detail: "Scroll a page down" }
    MoveBack = "move_back" { Board: "Move candidate one stage back" }
    MoveForward = "move_forward" { Board: "Move candidate one stage forward" }
    NextRole = "next_role" { Board: "Next role" }
    PrevRole = "prev_role" { Board: "Previous role" }
    RolePicker = "role_picker" { Board: "Pick a role" }
    RolesScreen = "roles_screen" { Board: "Roles: levels and stages (there: the pipeline editor)" }
    Dashboard = "dashboard" { Board: "Dashboard: funnel, days in stage, rejections" }
    Export = "export" { Board: "Export a snapshot" }
    Open = "open" { Board: "Candidate details and history" }
    Add = "add" { Board: "Add a candidate" }
    Edit = "edit" { Board: "Edit candidate details", Detail: "Edit this candidate" }
    Outcome = "outcome" {
        Board: "Record an interview outcome",
        Detail: "Record an interview outcome for this candidate",
    }
    Reject = "reject" { Board: "Reject (pick a reason)" }
    Withdraw = "withdraw" { Board: "Candidate withdrew" }
    Hold = "hold" { Board: "Put on hold / resume" }
    Erase = "erase" { Board: "Erase the person's data (asks to confirm)" }
    Reopen = "reopen" { Board: "Reopen a rejected, withdrawn or hired one" }
    Undo = "undo" { Board: "Undo", Editor: "Undo your latest edit of this role's pipeline" }
    Redo = "redo" { Board: "Redo", Editor: "Redo the pipeline edit you last undid" }
    Filter = "filter" { Board: "Filter by name, email or source as you type" }
    ClearFilter = "clear_filter" { Board: "Clear the filter; back to the board" }
    ToggleClosed = "toggle_closed" { Board: "Show / hide closed candidates" }
    ToggleMine = "toggle_mine" { Board: "Only mine: candidates I own or interview, or everyone's" }
    Queue = "queue" { Board: "My queue: scorecards owed, interviews today and this week" }
    Note = "note" { Board: "Add a note to the candidate's timeline (several lines)" }
    Help = "help" { Board: "Help" }
    Palette = "palette" { Board: "Command palette" }
    SearchAll = "search_all" { Board: "Search everyone in every role (Enter jumps to the card)" }
    Mark = "mark" { Board: "Mark / unmark the card for a bulk action (reject, withdraw, hold, move)" }
    MarkColumn = "mark_column" { Board: "Mark every card in the column (again: unmark them)" }
    MoveTo = "move_to" { Board: "Move to any stage (the marked cards: all of them)" }
    Refresh = "refresh" { Board: "Reload from the database" }
    Quit = "quit" {
        Board: "Quit",
        Detail: "Quit rolecall",
        Dialog: "Quit rolecall (while asking to discard typing: keep it)",
        Picker: "Quit rolecall",
        Editor: "Quit rolecall",
    }
    Close = "close" {
        Detail: "Close (so does any key not bound here)",
        Picker: "Close (the / filter: clear it)",
        Editor: "Close the editor (while typing: stop typing)",
    }
    Choose = "choose" { Picker: "Run or open the entry (the / filter: keep it)" }
    Save = "save" { Form: "Save (in notes Enter is a new line: save with the other key)" }
    Cancel = "cancel" {
        Form: "Cancel (asks first when something typed would be lost)",
        Dialog: "No (so does any key not bound here)",
    }
    NextField = "next_field" { Form: "Next field", Editor: "Keys to the levels / back to the stages" }
    PrevField = "prev_field" { Form: "Previous field" }
    ChoosePrev = "choose_prev" { Form: "Previous choice (level, stage, format, scope)" }
    ChooseNext = "choose_next" { Form: "Next choice (level, stage, format, scope)" }
    NewAnyway = "new_anyway" { Form: "Add a new person although one with that name or email exists" }
    Confirm = "confirm" { Dialog: "Yes (the only answer that erases or discards typing)" }
    Accept = "accept" { Dialog: "Yes to a question that can be undone (not erase or discard)" }
    CopyPath = "copy_path" { Dialog: "Copy the exported file's path to the clipboard" }
    StageAdd = "stage_add" { Editor: "Add a stage before the selected one (type its label)" }
    StageRename = "stage_rename" { Editor: "Rename the selected stage (on a level: the level)" }
    StageRemove = "stage_remove" { Editor: "Remove the selected stage (refused while open applications sit there)" }
    StageEarlier = "stage_earlier" { Editor: "Move the selected stage one place earlier" }
    StageLater = "stage_later" { Editor: "Move the selected stage one place later (the Offer stays last)" }
    StageRange = "stage_range" { Editor: "Set how many interviews the stage takes: N or MIN-MAX" }
    StageAlternatives = "stage_alternatives" { Editor: "Set the stage's alternatives, separated by commas" }
    StageInterviewers = "stage_interviewers" { Editor: "Set the stage's interviewers, separated by commas" }
    LevelGrade = "level_grade" { Editor: "On a level: set its grade (a whole number; empty: none)" }
    Acknowledge = "acknowledge" { Editor: "Acknowledge the handbook changes shown above the stages" }
}

impl Action {
    /// What this action does in `mode`, or `None` when it does nothing there.
    pub fn description_in(self, mode: Mode) -> Option<&'static str> {
        self.uses().iter().find(|(m, _)| *m == mode).map(|(_, what)| *what)
    }

    /// One line for the palette: what it does on the board (or in its first mode).
    pub fn description(self) -> &'static str {
        self.description_in(Mode::Board).unwrap_or(self.uses()[0].1)
    }

    /// Whether this action does something in `mode`.
    pub fn works_in(self, mode: Mode) -> bool {
        self.description_in(mode).is_some()
    }

    /// The actions of `mode`, in help order.
    pub fn of(mode: Mode) -> impl Iterator<Item = Action> {
        Action::ALL.iter().copied().filter(move |a| a.works_in(mode))
    }

    /// The actions the command palette offers: those of the board.
    pub fn palette() -> Vec<Action> {
        Action::of(Mode::Board).collect()
    }

    /// What this action does as the access roles see it, if it changes anything (on a
    /// team server a login's access role may not allow it: issue 19).
    pub fn deed(self) -> Option<Deed> {
        match self {
            Action::MoveBack
            | Action::MoveForward
            | Action::MoveTo
            | Action::Reject
            | Action::Withdraw
            | Action::Hold
            | Action::Reopen
            | Action::Mark
            | Action::MarkColumn => Some(Deed::Move),
            Action::Outcome => Some(Deed::Outcome),
            Action::Note => Some(Deed::Note),
            Action::Add | Action::Edit => Some(Deed::EditPerson),
            Action::Erase => Some(Deed::Erase),
            Action::StageAdd
            | Action::StageRename
            | Action::StageRemove
            | Action::StageEarlier
            | Action::StageLater
            | Action::StageRange
            | Action::StageAlternatives
            | Action::StageInterviewers
            | Action::LevelGrade => Some(Deed::EditPipeline),
            _ => None,
        }
    }

    /// Whether a login with `access` (none: a file, or a login that sees all) may use it.
    pub fn allowed_for(self, access: Option<Access>) -> bool {
        match (access, self.deed()) {
            (Some(access), Some(deed)) => access.allows(deed),
            _ => true,
        }
    }

    /// Look an action up by its keymap name.
    pub fn from_name(name: &str) -> Option<Action> {
        Action::ALL.iter().copied().find(|a| a.name() == name)
    }
}
