//! Search everywhere (issue 17): every person (not erased) with their applications in
//! all roles, read once into an in-memory [`SearchIndex`] (`domain::search`), so a
//! keystroke never waits on the database, on either backend.

use super::sql::prelude::*;
use super::{Result, Store};
use crate::domain::search::{Document, SearchIndex};
use crate::domain::{AppStatus, ApplicationId, CandidateId, FamilyId};
use serde::Serialize;

/// A person as search shows them.
#[derive(Debug, Clone, Serialize)]
pub struct SearchPerson {
    /// The person.
    pub candidate_id: CandidateId,
    /// Name.
    pub name: String,
    /// Email.
    pub email: Option<String>,
    /// Phone.
    pub phone: Option<String>,
    /// Source.
    pub source: Option<String>,
    /// Their applications, open ones first, then the latest.
    pub applications: Vec<SearchApplication>,
}

/// One application of a found person.
#[derive(Debug, Clone, Serialize)]
pub struct SearchApplication {
    /// The application.
    pub application_id: ApplicationId,
    /// Its role.
    pub family_id: FamilyId,
    /// The role's slug.
    pub role: String,
    /// The role's title.
    pub role_title: String,
    /// Its stage's label.
    pub stage: String,
    /// Its status.
    pub status: AppStatus,
}

/// Every person and the index over their name, email, phone, source and notes.
#[derive(Debug, Default)]
pub struct PeopleIndex {
    people: Vec<SearchPerson>,
    index: SearchIndex,
}

impl PeopleIndex {
    /// The people matching `query` (see `domain::search`), best first, at most `limit`,
    /// each with its rank.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(&SearchPerson, u32)> {
        self.index.search(query, limit).into_iter().map(|h| (&self.people[h.doc], h.score)).collect()
    }

    /// Everyone indexed, by id.
    pub fn people(&self) -> &[SearchPerson] {
        &self.people
    }

    /// How many people are indexed.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    /// Whether nobody is.
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }
}

impl Store {
    /// Read every person (not erased) and their applications and build the search index.
    pub fn people_index(&self) -> Result<PeopleIndex> {
        self.read(|tx| {
            let mut notes = Vec::new();
            let mut people = Vec::new();
            tx.each_row(
                "SELECT id, name, email, phone, source, notes FROM candidates WHERE erased = FALSE ORDER BY id",
                &[],
                &mut |r| {
                    people.push(SearchPerson {
                        candidate_id: CandidateId(r.get(0)?),
                        name: r.get(1)?,
                        email: r.get(2)?,
                        phone: r.get(3)?,
                        source: r.get(4)?,
                        applications: Vec::new(),
                    });
                    notes.push(r.get::<String>(5)?);
                    Ok(true)
                },
            )?;
            attach_applications(tx, &mut people)?;
            let index = SearchIndex::build(people.iter().zip(&notes).map(|(p, n)| Document {
                fields: [
                    p.name.as_str(),
                    p.email.as_deref().unwrap_or(""),
                    p.phone.as_deref().unwrap_or(""),
                    p.source.as_deref().unwrap_or(""),
                    n.as_str(),
                ],
            }));
            Ok(PeopleIndex { people: std::mem::take(&mut people), index })
        })
    }
}

/// Give each person (sorted by id) their applications: open ones first, newest first.
fn attach_applications(tx: &dyn Sql, people: &mut [SearchPerson]) -> Result<()> {
    let position: std::collections::HashMap<CandidateId, usize> =
        people.iter().enumerate().map(|(i, p)| (p.candidate_id, i)).collect();
    tx.each_row(
        "SELECT a.id, a.candidate_id, a.family_id, f.slug, f.title, s.label, a.status
           FROM applications a JOIN families f ON f.id = a.family_id JOIN stages s ON s.id = a.stage_id
          ORDER BY a.candidate_id, CASE WHEN a.status IN ('active', 'on_hold') THEN 0 ELSE 1 END, a.id DESC",
        &[],
        &mut |r| {
            let Some(&i) = position.get(&CandidateId(r.get(1)?)) else { return Ok(true) };
            let status: String = r.get(6)?;
            people[i].applications.push(SearchApplication {
                application_id: ApplicationId(r.get(0)?),
                family_id: FamilyId(r.get(2)?),
                role: r.get(3)?,
                role_title: r.get(4)?,
                stage: r.get(5)?,
                status: AppStatus::parse(&status).unwrap_or(AppStatus::Active),
            });
            Ok(true)
        },
    )
}
