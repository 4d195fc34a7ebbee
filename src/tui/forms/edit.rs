//! The candidate edit form: name, email, phone, source, notes (multi-line).

use super::{line_field, multi_field, multi_text};
use crate::domain::CandidateId;
use crate::store::{Candidate, CandidateUpdate};
use ratatui_textarea::TextArea;

/// Field count: name, email, phone, source, notes.
pub const FIELDS: usize = 5;
/// Field labels in order.
pub const LABELS: [&str; FIELDS] = ["Name", "Email", "Phone", "Source", "Notes"];

/// Everything typed into the edit form.
pub struct EditForm {
    /// Whose record.
    pub candidate: CandidateId,
    /// Fields in `LABELS` order; the last is multi-line.
    pub fields: Vec<TextArea<'static>>,
    /// Focused field.
    pub focus: usize,
    /// Inline validation message and the field it concerns.
    pub error: Option<(usize, String)>,
    /// Esc was pressed with changes: waiting for y/n.
    pub confirm_discard: bool,
    original: Vec<String>,
}

impl EditForm {
    /// A form filled with the candidate's current details.
    pub fn new(c: &Candidate) -> Self {
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
            .map(|(i, v)| if i == FIELDS - 1 { multi_field(v, "notes") } else { line_field(v, "") })
            .collect();
        EditForm {
            candidate: c.id,
            fields,
            focus: 0,
            error: None,
            confirm_discard: false,
            original: values.to_vec(),
        }
    }

    /// The current value of field `i`.
    pub fn value(&self, i: usize) -> String {
        self.fields.get(i).map(multi_text).unwrap_or_default()
    }

    /// Whether anything differs from the record.
    pub fn is_dirty(&self) -> bool {
        (0..FIELDS).any(|i| self.value(i) != self.original[i])
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
            notes: Some(self.value(4).trim_end().to_string()),
        })
    }

    fn fail(&mut self, field: usize, message: &str) {
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
            created_at: String::new(),
        }
    }

    #[test]
    fn starts_clean_with_multiline_notes() {
        let f = EditForm::new(&candidate());
        assert!(!f.is_dirty());
        assert_eq!(f.value(4), "first\nsecond");
    }

    #[test]
    fn validation_messages_point_at_the_field() {
        let mut f = EditForm::new(&candidate());
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
