//! Candidates (people): add, find, list, edit.

use super::rows::{self, CANDIDATE_COLUMNS};
use super::sql::prelude::*;
use super::{Result, Store, StoreError};
use crate::domain::text::normalise_name;
use crate::domain::{Candidate, CandidateId, EventKind};

/// Fields for a new candidate.
#[derive(Debug, Clone, Default)]
pub struct NewCandidate {
    /// Full name (required).
    pub name: String,
    /// Email address.
    pub email: Option<String>,
    /// Phone number.
    pub phone: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Notes.
    pub notes: String,
}

/// Fields to change on a candidate; `None` keeps the current value.
#[derive(Debug, Clone, Default)]
pub struct CandidateUpdate {
    /// New name.
    pub name: Option<String>,
    /// New email (empty string clears it).
    pub email: Option<String>,
    /// New phone (empty string clears it).
    pub phone: Option<String>,
    /// New source (empty string clears it).
    pub source: Option<String>,
    /// New notes.
    pub notes: Option<String>,
}

/// Check a name: required, no control characters.
pub fn validate_name(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(StoreError::Invalid("a candidate needs a name".into()));
    }
    reject_nul("name", name)?;
    Ok(name.to_string())
}

/// Check an email: one '@' with text on both sides and a dot in the domain.
pub fn validate_email(email: &str) -> Result<Option<String>> {
    let email = email.trim();
    if email.is_empty() {
        return Ok(None);
    }
    reject_nul("email", email)?;
    if email.chars().any(crate::domain::text::is_unsafe) {
        // Never echoed: the message is about the address, which is not one.
        return Err(StoreError::Invalid(
            "the email contains a control character (an escape, a bell or a bidi override); \
             type the address again"
                .into(),
        ));
    }
    let ok = match email.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
                && !domain.contains('@')
                && !email.chars().any(char::is_whitespace)
        }
        None => false,
    };
    if ok {
        Ok(Some(email.to_string()))
    } else {
        Err(StoreError::Invalid(format!("'{email}' is not an email address (expected name@example.com)")))
    }
}

/// Refuse NUL bytes: they truncate text in many tools downstream.
pub fn reject_nul(field: &str, value: &str) -> Result<()> {
    if value.contains('\0') {
        Err(StoreError::Invalid(format!("the {field} contains a NUL byte; remove it and try again")))
    } else {
        Ok(())
    }
}

fn optional(field: &str, value: Option<&str>) -> Result<Option<String>> {
    match value.map(str::trim) {
        None | Some("") => Ok(None),
        Some(v) => {
            reject_nul(field, v)?;
            Ok(Some(v.to_string()))
        }
    }
}

/// Check a new person's details and insert them inside the caller's transaction.
pub(super) fn insert_candidate(tx: &dyn Sql, new: &NewCandidate, now: &str) -> Result<CandidateId> {
    let name = validate_name(&new.name)?;
    let email = validate_email(new.email.as_deref().unwrap_or(""))?;
    let phone = optional("phone", new.phone.as_deref())?;
    let source = optional("source", new.source.as_deref())?;
    reject_nul("notes", &new.notes)?;
    let id = tx.insert_returning_id(
        "INSERT INTO candidates (name, name_key, email, phone, source, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7) RETURNING id",
        &args![name.as_str(), normalise_name(&name), email, phone, source, new.notes.as_str(), now],
    )?;
    Ok(CandidateId(id))
}

impl Store {
    /// Add a person. Returns their id.
    pub fn add_candidate(&mut self, new: &NewCandidate) -> Result<CandidateId> {
        self.write(|tx| insert_candidate(tx, new, &self.now_in(tx)?))
    }

    /// People whose email (case-insensitive) or normalised name matches.
    pub fn find_duplicates(&self, name: &str, email: Option<&str>) -> Result<Vec<Candidate>> {
        let sql = format!(
            "SELECT {CANDIDATE_COLUMNS} FROM candidates
             WHERE erased = FALSE AND (name_key = ?1 OR (CAST(?2 AS TEXT) IS NOT NULL AND lower(email) = lower(CAST(?2 AS TEXT))))
             ORDER BY id"
        );
        self.db().query_rows(&sql, &args![normalise_name(name), email], rows::candidate)
    }

    /// One candidate by id.
    pub fn candidate(&self, id: CandidateId) -> Result<Candidate> {
        self.db()
            .query_opt(
                &format!("SELECT {CANDIDATE_COLUMNS} FROM candidates WHERE id = ?1"),
                &args![id],
                rows::candidate,
            )?
            .ok_or_else(|| StoreError::not_found("candidate", &id.to_string(), []))
    }

    /// Find a candidate by id, email, or exact (case-insensitive) name.
    pub fn find_candidate(&self, key: &str) -> Result<Candidate> {
        let key = key.trim();
        if let Ok(n) = key.trim_start_matches('#').parse::<i64>() {
            return self.candidate(CandidateId(n));
        }
        let sql = format!(
            "SELECT {CANDIDATE_COLUMNS} FROM candidates
             WHERE erased = FALSE AND (lower(email) = lower(CAST(?1 AS TEXT)) OR name_key = ?2) ORDER BY id LIMIT 2"
        );
        let mut hits = self.db().query_rows(&sql, &args![key, normalise_name(key)], rows::candidate)?;
        if hits.is_empty() {
            // Typed without accents (or with other ones): "jovanovic" finds "Jovanović".
            hits =
                self.folded_equal(key, 2)?.into_iter().map(|id| self.candidate(id)).collect::<Result<_>>()?;
        }
        match hits.as_slice() {
            [one] => Ok(one.clone()),
            [] => Err(StoreError::NotFound {
                what: "candidate",
                key: key.into(),
                hint: "; use an id from `rolecall candidate list`".into(),
            }),
            _ => Err(StoreError::Conflict(format!(
                "several candidates are called '{key}'; use the id from `rolecall candidate list`"
            ))),
        }
    }

    /// All candidates, newest first, optionally filtered by a name/email fragment (any
    /// case, accents folded).
    pub fn candidates(&self, filter: Option<&str>, limit: usize) -> Result<Vec<Candidate>> {
        if let Some(fragment) = filter {
            return self
                .folded_containing(fragment, limit)?
                .into_iter()
                .map(|id| self.candidate(id))
                .collect();
        }
        let sql = format!("SELECT {CANDIDATE_COLUMNS} FROM candidates ORDER BY id DESC LIMIT ?1");
        self.db().query_rows(&sql, &args![limit], rows::candidate)
    }

    /// How many people the database holds (erased ones included).
    pub fn candidates_total(&self) -> Result<i64> {
        self.db().query_value("SELECT COUNT(*) FROM candidates", &[])
    }

    /// Change a candidate's details, recording an `edited` event.
    pub fn edit_candidate(&mut self, id: CandidateId, update: &CandidateUpdate) -> Result<Candidate> {
        let current = self.candidate(id)?;
        self.refuse_if_erased(id)?;
        let name = match &update.name {
            Some(n) => validate_name(n)?,
            None => current.name.clone(),
        };
        let email = match &update.email {
            Some(e) => validate_email(e)?,
            None => current.email.clone(),
        };
        let phone = match &update.phone {
            Some(p) => optional("phone", Some(p))?,
            None => current.phone.clone(),
        };
        let source = match &update.source {
            Some(s) => optional("source", Some(s))?,
            None => current.source.clone(),
        };
        let notes = update.notes.clone().unwrap_or_else(|| current.notes.clone());
        reject_nul("notes", &notes)?;
        let changed: Vec<&str> = [
            ("name", name != current.name),
            ("email", email != current.email),
            ("phone", phone != current.phone),
            ("source", source != current.source),
            ("notes", notes != current.notes),
        ]
        .into_iter()
        .filter(|(_, c)| *c)
        .map(|(f, _)| f)
        .collect();
        if changed.is_empty() {
            return Ok(current);
        }
        self.write(|tx| {
            let now = self.now_in(tx)?;
            tx.execute(
                "UPDATE candidates SET name=?2, name_key=?3, email=?4, phone=?5, source=?6, notes=?7, updated_at=?8
                 WHERE id=?1",
                &args![id, name.as_str(), normalise_name(&name), &email, &phone, &source, notes.as_str(), now.as_str()],
            )?;
            super::events::append_candidate_event(tx, &now, &self.actor, id, EventKind::Edited, &changed.join(", "))
        })?;
        self.candidate(id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_validation() {
        assert_eq!(validate_email(" a@b.co ").ok().flatten(), Some("a@b.co".into()));
        assert!(validate_email("a@b").is_err());
        assert!(validate_email("no-at.example.com").is_err());
        assert!(validate_email("a b@c.de").is_err());
        assert_eq!(validate_email("").ok().flatten(), None);
        for hostile in
            ["eve\x1b[31m@example.com", "eve@exa\u{9b}mple.com", "\u{202E}moc.elpmaxe@eve", "a@b.co\x07"]
        {
            assert!(matches!(validate_email(hostile), Err(StoreError::Invalid(_))), "{hostile:?}");
        }
    }

    #[test]
    fn name_required_and_nul_refused() {
        assert!(validate_name("  ").is_err());
        assert!(validate_name("a\0b").is_err());
        assert_eq!(validate_name(" Ana ").ok(), Some("Ana".into()));
    }
}
