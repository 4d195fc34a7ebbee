//! Everything that sits over the board, one module per overlay: each owns its state, its
//! keys and its drawing (see [`dialog::Dialog`]). `App` holds at most one, as
//! `Option<Overlay>`. Adding an overlay is a new module here and one line in
//! `overlays!` below.

pub mod add;
pub mod confirm;
pub mod detail;
mod detail_team;
pub mod dialog;
pub mod discard;
pub mod edit;
pub mod export;
pub mod exported;
pub mod fields;
pub mod help;
pub mod keys;
pub mod note;
pub mod outcome;
pub mod picker;
pub mod pipeline;
mod pipeline_levels;
mod pipeline_view;
pub mod reject;
pub mod scroll;
pub mod search_all;
pub mod team_note;
pub mod team_queue;

use dialog::Dialog;

/// Declares [`Overlay`] and the one `match` that dispatches to each overlay's [`Dialog`].
macro_rules! overlays {
    ($($(#[$doc:meta])* $arm:ident($state:ty),)*) => {
        /// What sits over the board.
        pub enum Overlay {
            $($(#[$doc])* $arm($state),)*
        }

        impl Overlay {
            /// The overlay as a [`Dialog`]: its keys and its drawing.
            pub fn dialog(&self) -> &dyn Dialog {
                match self {
                    $(Overlay::$arm(o) => o,)*
                }
            }

            /// The same, for keys.
            pub fn dialog_mut(&mut self) -> &mut dyn Dialog {
                match self {
                    $(Overlay::$arm(o) => o,)*
                }
            }
        }
    };
}

overlays! {
    /// The key bindings.
    Help(help::Help),
    /// Reject: pick a reason, optional note.
    Reject(Box<reject::RejectDialog>),
    /// A yes/no question.
    Confirm(confirm::Confirm),
    /// Add a candidate.
    Add(Box<add::AddForm>),
    /// Fuzzy list of actions.
    Palette(picker::Picker),
    /// Fuzzy list of roles.
    RolePicker(picker::Picker),
    /// A candidate's details and history.
    Detail(detail::Detail),
    /// Record an interview outcome.
    Outcome(Box<outcome::OutcomeForm>),
    /// Edit a candidate.
    Edit(Box<edit::EditForm>),
    /// Export a snapshot.
    Export(Box<export::ExportForm>),
    /// Where the export went, with an offer to copy the path.
    Exported(exported::Exported),
    /// Withdraw or hold, with an optional note.
    Note(Box<note::NoteDialog>),
    /// Search everyone (`Ctrl-f`).
    SearchAll(Box<search_all::SearchAll>),
    /// The pipeline editor of a role (`v` on the roles screen).
    Pipeline(Box<pipeline::PipelineEditor>),
    /// A note on an application's timeline (`n`).
    TeamNote(Box<team_note::TeamNote>),
    /// The user's queue (`Q`).
    Queue(team_queue::QueueScreen),
}

#[cfg(test)]
mod tests;
