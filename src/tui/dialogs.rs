//! State of the dialogs that sit over the board. Pure data plus small helpers.

use super::action::Action;
use crate::domain::{ApplicationId, RejectReason};
use crate::store::Family;
use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher};
use ratatui_textarea::TextArea;

/// A one-line text field.
pub fn text_field(placeholder: &str) -> TextArea<'static> {
    let mut t = TextArea::default();
    t.set_placeholder_text(placeholder);
    style_field(&mut t);
    t
}

/// The theme's styles for a field: a readable placeholder, a reversed selection.
pub fn style_field(t: &mut TextArea<'_>) {
    let theme = super::views::Theme::from_env();
    t.set_placeholder_style(theme.secondary());
    t.set_selection_style(theme.selected());
    t.set_cursor_line_style(ratatui::style::Style::default());
}

/// The text of a one-line field.
pub fn field_text(t: &TextArea<'_>) -> String {
    t.lines().join(" ")
}

/// What sits over the board.
pub enum Overlay {
    /// Nothing: the board has the keys.
    None,
    /// The key bindings.
    Help {
        /// First visible line.
        scroll: u16,
    },
    /// Reject: pick a reason, optional note.
    Reject(Box<RejectDialog>),
    /// A yes/no question.
    Confirm(Confirm),
    /// Add a candidate.
    Add(Box<AddForm>),
    /// Fuzzy list of actions.
    Palette(Picker),
    /// Fuzzy list of roles.
    RolePicker(Picker),
    /// A candidate's details and history.
    Detail(Detail),
    /// Record an interview outcome.
    Outcome(Box<super::forms::outcome::OutcomeForm>),
    /// Edit a candidate.
    Edit(Box<super::forms::edit::EditForm>),
    /// Export a snapshot.
    Export(Box<super::export_dialog::ExportForm>),
    /// Where the export went, with an offer to copy the path.
    Exported(Exported),
    /// Withdraw or hold, with an optional note.
    Note(Box<super::note_dialog::NoteDialog>),
}

/// A finished export.
pub struct Exported {
    /// Where the file is (absolute).
    pub path: String,
    /// Its size.
    pub bytes: u64,
}

/// The reject dialog.
pub struct RejectDialog {
    /// Who.
    pub app: ApplicationId,
    /// Their name.
    pub name: String,
    /// Version seen on the board.
    pub version: i64,
    /// Index into `RejectReason::ALL`; none until the user picks one.
    pub reason: Option<usize>,
    /// Why Enter did nothing.
    pub error: Option<String>,
    /// Optional note.
    pub note: TextArea<'static>,
    /// Whether the note field has the keys.
    pub note_focus: bool,
}

impl RejectDialog {
    /// The chosen reason, if any.
    pub fn chosen(&self) -> Option<RejectReason> {
        self.reason.and_then(|i| RejectReason::ALL.get(i).copied())
    }

    /// Move the reason cursor (the first move from none lands on the first reason).
    pub fn step(&mut self, delta: isize) {
        let last = RejectReason::ALL.len() as isize - 1;
        self.reason = Some(match self.reason {
            None => 0,
            Some(i) => (i as isize + delta).clamp(0, last) as usize,
        });
        self.error = None;
    }
}

/// What a confirmation does when accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pending {
    /// Move forward although fewer interviews than the stage's minimum are recorded.
    Advance(ApplicationId, i64),
    /// Erase this person's personal data.
    Erase(crate::domain::CandidateId),
    /// Hire from the Offer stage.
    Hire(ApplicationId, i64),
    /// Reopen a closed application.
    Reopen(ApplicationId, i64),
}

impl Pending {
    /// Whether only an explicit "y" confirms (Enter alone must not do something irreversible).
    pub fn needs_explicit_yes(&self) -> bool {
        matches!(self, Pending::Erase(_))
    }
}

/// A yes/no question.
pub struct Confirm {
    /// The question.
    pub question: String,
    /// What "yes" does.
    pub pending: Pending,
}

/// The add-candidate form.
pub struct AddForm {
    /// Name field.
    pub name: TextArea<'static>,
    /// Email field.
    pub email: TextArea<'static>,
    /// Phone field.
    pub phone: TextArea<'static>,
    /// Source field (referral, job board, …).
    pub source: TextArea<'static>,
    /// Index into the role's levels.
    pub level: usize,
    /// Level titles to pick from.
    pub levels: Vec<String>,
    /// 0 name, 1 email, 2 phone, 3 source, 4 level (`AddForm::LEVEL`).
    pub focus: usize,
    /// Inline validation message.
    pub error: Option<String>,
    /// The person this one seems to be (same email or name), once shown: Enter then
    /// applies that person to the role, Ctrl-n adds a new person anyway.
    pub duplicate_of: Option<crate::domain::CandidateId>,
}

impl AddForm {
    /// Labels of the text fields, in focus order; the level comes after them.
    pub const LABELS: [&'static str; 4] = ["Name", "Email", "Phone", "Source"];
    /// The focus index of the level choice.
    pub const LEVEL: usize = 4;

    /// An empty form for a role with these levels.
    pub fn new(levels: Vec<String>) -> Self {
        AddForm {
            name: text_field("full name (required)"),
            email: text_field("name@example.com (optional)"),
            phone: text_field("optional"),
            source: text_field("optional: referral, job board, …"),
            level: 0,
            levels,
            focus: 0,
            error: None,
            duplicate_of: None,
        }
    }

    /// The text fields in focus order.
    pub fn fields(&self) -> [&TextArea<'static>; 4] {
        [&self.name, &self.email, &self.phone, &self.source]
    }

    /// The focused text field, if the focus is on one.
    pub fn focused_field(&mut self) -> Option<&mut TextArea<'static>> {
        match self.focus {
            0 => Some(&mut self.name),
            1 => Some(&mut self.email),
            2 => Some(&mut self.phone),
            3 => Some(&mut self.source),
            _ => None,
        }
    }
}

/// A fuzzy-filtered list (actions or roles).
pub struct Picker {
    /// The query field.
    pub query: TextArea<'static>,
    /// All entries: (label, payload index).
    pub entries: Vec<String>,
    /// Indices into `entries` matching the query, best first.
    pub matches: Vec<usize>,
    /// Selected index into `matches`.
    pub selected: usize,
}

impl Picker {
    /// A picker over these labels.
    pub fn new(entries: Vec<String>, placeholder: &str) -> Self {
        let matches = (0..entries.len()).collect();
        Picker { query: text_field(placeholder), entries, matches, selected: 0 }
    }

    /// Recompute matches after the query changed.
    pub fn refilter(&mut self) {
        let query = field_text(&self.query);
        if query.trim().is_empty() {
            self.matches = (0..self.entries.len()).collect();
        } else {
            let mut matcher = Matcher::new(Config::DEFAULT);
            let pattern = Pattern::parse(&query, CaseMatching::Ignore, Normalization::Smart);
            let indexed: Vec<(usize, &str)> = self.entries.iter().map(String::as_str).enumerate().collect();
            let mut scored: Vec<(usize, u32)> = indexed
                .iter()
                .filter_map(|(i, label)| {
                    let mut buf = Vec::new();
                    let hay = nucleo_matcher::Utf32Str::new(label, &mut buf);
                    pattern.score(hay, &mut matcher).map(|s| (*i, s))
                })
                .collect();
            scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            self.matches = scored.into_iter().map(|(i, _)| i).collect();
        }
        // The best match, not wherever the cursor was among the previous matches.
        self.selected = 0;
    }

    /// The entry index under the cursor.
    pub fn current(&self) -> Option<usize> {
        self.matches.get(self.selected).copied()
    }

    /// Move the selection.
    pub fn step(&mut self, delta: isize) {
        if self.matches.is_empty() {
            return;
        }
        let max = self.matches.len() as isize - 1;
        self.selected = (self.selected as isize + delta).clamp(0, max) as usize;
    }
}

/// Palette entries: every action with its keys.
pub fn palette_entries(keymap: &super::keymap::Keymap) -> Vec<String> {
    Action::ALL
        .iter()
        .map(|a| {
            let keys = keymap.hint(*a);
            if keys.is_empty() {
                a.description().to_string()
            } else {
                format!("{}  ({keys})", a.description())
            }
        })
        .collect()
}

/// Role picker entries.
pub fn role_entries(families: &[Family]) -> Vec<String> {
    families.iter().map(|f| format!("{}  [{}]", f.title, f.slug)).collect()
}

/// A candidate's details, prepared when opened.
pub struct Detail {
    /// The application the screen was opened from.
    pub app: ApplicationId,
    /// Title line.
    pub title: String,
    /// Body lines.
    pub lines: Vec<String>,
    /// First visible line.
    pub scroll: u16,
}
