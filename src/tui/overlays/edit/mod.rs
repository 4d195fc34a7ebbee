//! The candidate edit form: name, email, phone, source, the level of the application it
//! was opened from (a choice among the role's levels), notes (multi-line).

mod draw;
mod keys;

use super::discard::Discard;
use super::fields::{line_field, multi_field, multi_text};
use crate::domain::text::inert;
use crate::domain::{Application, Candidate};
use crate::domain::{ApplicationId, CandidateId, LevelId};
use crate::store::{CandidateUpdate, Store, StoreError};
use ratatui_textarea::TextArea;

/// Focus positions: name, email, phone, source, level, notes.
pub const FIELDS: usize = 6;
/// Labels in focus order.
pub const LABELS: [&str; FIELDS] = ["Name", "Email", "Phone", "Source", "Level", "Notes"];
/// The level's position (a choice, not a text field).
pub const LEVEL: usize = 4;
/// The notes' position (multi-line: Enter is a new line there).
pub const NOTES: usize = 5;

/// The level of the application the form was opened from, chosen with ←/→.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelChoice {
    /// The application.
    pub app: ApplicationId,
    /// Its version when the form opened (a change by someone else since is refused).
    pub version: i64,
    /// The role's levels in page order (the current one first when it was retired).
    pub levels: Vec<(LevelId, String)>,
    /// Index of the application's level.
    pub original: usize,
    /// Index of the chosen level.
    pub chosen: usize,
    /// Why the level cannot change (a closed application), if it cannot.
    pub locked: Option<String>,
}

impl LevelChoice {
    /// The choice for `app` among its role's current `levels`.
    pub fn new(app: &Application, mut levels: Vec<(LevelId, String)>) -> Self {
        let original = match levels.iter().position(|(id, _)| *id == app.level_id) {
            Some(i) => i,
            None => {
                levels.insert(0, (app.level_id, app.level_title.clone()));
                0
            }
        };
        let locked = (!crate::domain::rules::Change::ChangeLevel.allows(app.status))
            .then(|| format!("the application is {}; reopen it to change its level", app.status));
        LevelChoice { app: app.id, version: app.version, levels, original, chosen: original, locked }
    }

    /// The chosen level's title.
    pub fn title(&self) -> &str {
        self.levels.get(self.chosen).map(|(_, t)| t.as_str()).unwrap_or("")
    }

    /// The chosen level, when it differs from the application's.
    pub fn changed(&self) -> Option<LevelId> {
        (self.chosen != self.original).then(|| self.levels.get(self.chosen).map(|(id, _)| *id)).flatten()
    }

    /// The next (`forward`) or previous level, wrapping; refused with the reason when locked.
    pub fn cycle(&mut self, forward: bool) -> Result<(), String> {
        if let Some(why) = &self.locked {
            return Err(why.clone());
        }
        let n = self.levels.len();
        if n > 1 {
            self.chosen = if forward { (self.chosen + 1) % n } else { (self.chosen + n - 1) % n };
        }
        Ok(())
    }
}

/// Everything typed into the edit form.
pub struct EditForm {
    /// Whose record.
    pub candidate: CandidateId,
    /// Text fields: name, email, phone, source, notes (see [`EditForm::text_index`]).
    pub fields: Vec<TextArea<'static>>,
    /// The level choice; `None` when the form has no application.
    pub level: Option<LevelChoice>,
    /// Focused position in `LABELS` order.
    pub focus: usize,
    /// Inline validation message and the position it concerns.
    pub error: Option<(usize, String)>,
    /// Esc was pressed with changes: waiting for y/n.
    pub discard: Discard,
    original: Vec<String>,
}

impl EditForm {
    /// A form filled with the candidate's current details and the application's level.
    pub fn new(c: &Candidate, level: Option<LevelChoice>) -> Self {
        let values = [
            c.name.clone(),
            c.email.clone().unwrap_or_default(),
            c.phone.clone().unwrap_or_default(),
            c.source.clone().unwrap_or_default(),
            c.notes.clone(),
        ];
        let fields = values
            .iter()
            .enumerate()
            .map(|(i, v)| if i == values.len() - 1 { multi_field(v, "notes") } else { line_field(v, "") })
            .collect();
        EditForm {
            candidate: c.id,
            fields,
            level,
            focus: 0,
            error: None,
            discard: Discard::default(),
            original: values.to_vec(),
        }
    }

    /// The form for the candidate of `app`, with that application's level, loaded from
    /// the store.
    pub fn load(store: &Store, app: ApplicationId) -> Result<Self, StoreError> {
        let a = store.application(app)?;
        let levels = store.levels(a.family_id)?.into_iter().map(|l| (l.id, inert(&l.title))).collect();
        let candidate = store.candidate(a.candidate_id)?;
        Ok(EditForm::new(&candidate, Some(LevelChoice::new(&a, levels))))
    }

    /// Index into `fields` of focus position `focus`; `None` for the level.
    pub fn text_index(focus: usize) -> Option<usize> {
        match focus {
            LEVEL => None,
            NOTES => Some(4),
            f if f < LEVEL => Some(f),
            _ => None,
        }
    }

    /// The text field at focus position `focus`, if it is one.
    pub fn text(&self, focus: usize) -> Option<&TextArea<'static>> {
        Self::text_index(focus).and_then(|i| self.fields.get(i))
    }

    /// The text field at focus position `focus`, for typing.
    pub fn text_mut(&mut self, focus: usize) -> Option<&mut TextArea<'static>> {
        Self::text_index(focus).and_then(|i| self.fields.get_mut(i))
    }

    /// The current text at focus position `focus` (empty for the level).
    pub fn value(&self, focus: usize) -> String {
        self.text(focus).map(multi_text).unwrap_or_default()
    }

    /// Whether anything differs from the record.
    pub fn is_dirty(&self) -> bool {
        let text = (0..self.fields.len()).any(|i| multi_text(&self.fields[i]) != self.original[i]);
        text || self.level.as_ref().is_some_and(|l| l.changed().is_some())
    }

    /// Whether the person's details (not the level) differ from the record.
    pub fn details_dirty(&self) -> bool {
        (0..self.fields.len()).any(|i| multi_text(&self.fields[i]) != self.original[i])
    }

    /// Validate: name required, email well-formed. On error (`None`), focus the field and say why.
    pub fn validate(&mut self) -> Option<CandidateUpdate> {
        let name = self.value(0).trim().to_string();
        if name.is_empty() {
            self.fail(0, "Name is required");
            return None;
        }
        let email = self.value(1).trim().to_string();
        if let Err(e) = crate::store::validate_email(&email) {
            self.fail(1, &e.to_string());
            return None;
        }
        self.error = None;
        Some(CandidateUpdate {
            name: Some(name),
            email: Some(email),
            phone: Some(self.value(2)),
            source: Some(self.value(3)),
            notes: Some(self.value(NOTES).trim_end().to_string()),
        })
    }

    /// Say why at position `field` and focus it.
    pub fn fail(&mut self, field: usize, message: &str) {
        self.error = Some((field, message.to_string()));
        self.focus = field;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate() -> Candidate {
        Candidate {
            id: CandidateId(7),
            name: "Ana Ruiz".into(),
            email: Some("ana@example.com".into()),
            phone: None,
            source: None,
            notes: "first\nsecond".into(),
            created_at: None,
        }
    }

    fn choice(locked: bool) -> LevelChoice {
        LevelChoice {
            app: ApplicationId(3),
            version: 1,
            levels: vec![(LevelId(1), "Junior".into()), (LevelId(2), "Senior".into())],
            original: 0,
            chosen: 0,
            locked: locked.then(|| "closed".to_string()),
        }
    }

    #[test]
    fn starts_clean_with_multiline_notes() {
        let f = EditForm::new(&candidate(), Some(choice(false)));
        assert!(!f.is_dirty());
        assert_eq!(f.value(NOTES), "first\nsecond");
        assert_eq!(f.value(LEVEL), "");
    }

    #[test]
    fn the_level_cycles_and_makes_the_form_dirty_unless_locked() {
        let mut f = EditForm::new(&candidate(), Some(choice(false)));
        let level = f.level.as_mut().unwrap();
        level.cycle(true).unwrap();
        assert_eq!((level.title(), level.changed()), ("Senior", Some(LevelId(2))));
        assert!(f.is_dirty() && !f.details_dirty());
        let level = f.level.as_mut().unwrap();
        level.cycle(true).unwrap();
        assert_eq!(level.changed(), None, "wraps back to the application's level");
        let mut locked = choice(true);
        assert_eq!(locked.cycle(true), Err("closed".to_string()));
        assert_eq!(locked.chosen, 0);
    }

    #[test]
    fn validation_messages_point_at_the_field() {
        let mut f = EditForm::new(&candidate(), None);
        f.fields[1] = line_field("nope", "");
        assert!(f.is_dirty());
        assert!(f.validate().is_none());
        assert_eq!(f.focus, 1);
        assert!(f.error.as_ref().unwrap().1.contains("not an email"));
        f.fields[1] = line_field("ana@example.org", "");
        f.fields[0] = line_field("  ", "");
        assert!(f.validate().is_none());
        assert_eq!(f.error.as_ref().unwrap(), &(0, "Name is required".to_string()));
        f.fields[0] = line_field("Ana R.", "");
        let update = f.validate().unwrap();
        assert_eq!(update.name.as_deref(), Some("Ana R."));
        assert!(f.error.is_none());
    }
}
