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

/// Every person and the index over their name, email, phone, source and notes. Kept
/// compact for a million people (issue 20): each person's texts back to back in one
/// string, each application as ids (roles and stage labels once each); a found person
/// is spelled out as a [`SearchPerson`] only when a search returns them.
#[derive(Debug, Default)]
pub struct PeopleIndex {
    people: Vec<Packed>,
    /// Every person's name, email, phone and source, back to back.
    text: String,
    /// Every person's applications, in people's order (open ones first, then the latest).
    apps: Vec<PackedApp>,
    /// The roles the applications are in: id, slug, title.
    roles: Vec<(FamilyId, String, String)>,
    /// The stages' labels, by the index an application keeps.
    stages: Vec<String>,
    index: SearchIndex,
}

/// One person: id, where their texts end in `text` (name, email, phone, source; the
/// first starts where the previous person's last ends), which of the last three are
/// there, and where their applications end in `apps`.
#[derive(Debug, Clone, Copy)]
struct Packed {
    id: CandidateId,
    ends: [u32; 4],
    present: u8,
    apps_end: u32,
}

/// One application: its id, its role and stage (indexes into `roles` and `stages`), status.
#[derive(Debug, Clone, Copy)]
struct PackedApp {
    id: ApplicationId,
    role: u32,
    stage: u32,
    status: AppStatus,
}

impl PeopleIndex {
    /// The people matching `query` (see `domain::search`), best first, at most `limit`,
    /// each with its rank.
    pub fn search(&self, query: &str, limit: usize) -> Vec<(SearchPerson, u32)> {
        self.index.search(query, limit).into_iter().map(|h| (self.person(h.doc), h.score)).collect()
    }

    /// The `i`th person indexed (in id order), spelled out.
    pub fn person(&self, i: usize) -> SearchPerson {
        let p = &self.people[i];
        let [name, email, phone, source] = self.texts(i);
        let given = |k: usize, text: &str| (p.present & 1 << k != 0).then(|| text.to_string());
        let apps_from = i.checked_sub(1).map_or(0, |j| self.people[j].apps_end as usize);
        let applications = self.apps[apps_from..p.apps_end as usize]
            .iter()
            .map(|a| {
                let (family_id, role, role_title) = &self.roles[a.role as usize];
                SearchApplication {
                    application_id: a.id,
                    family_id: *family_id,
                    role: role.clone(),
                    role_title: role_title.clone(),
                    stage: self.stages[a.stage as usize].clone(),
                    status: a.status,
                }
            })
            .collect();
        SearchPerson {
            candidate_id: p.id,
            name: name.to_string(),
            email: given(1, email),
            phone: given(2, phone),
            source: given(3, source),
            applications,
        }
    }

    /// The `i`th person's name, email, phone and source as packed (empty when absent).
    fn texts(&self, i: usize) -> [&str; 4] {
        let ends = self.people[i].ends;
        let mut from = i.checked_sub(1).map_or(0, |j| self.people[j].ends[3] as usize);
        ends.map(|end| {
            let text = &self.text[from..end as usize];
            from = end as usize;
            text
        })
    }

    /// Every person's id and name, in id order.
    pub fn names(&self) -> impl Iterator<Item = (CandidateId, &str)> + '_ {
        self.people.iter().enumerate().map(|(i, p)| (p.id, self.texts(i)[0]))
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
    /// At least as many as the people there are, read at once (the highest id): whether
    /// building the search index takes long.
    pub fn people_upper_bound(&self) -> Result<i64> {
        self.db().query_value("SELECT COALESCE(MAX(id), 0) FROM candidates", &[])
    }

    /// Read every person (not erased) and their applications and build the search index.
    pub fn people_index(&self) -> Result<PeopleIndex> {
        self.read(|tx| {
            let mut built = PeopleIndex::default();
            // Notes are searched, not shown: kept only until the index is built.
            let (mut notes, mut note_ends) = (String::new(), Vec::new());
            tx.each_row_streamed(
                "SELECT id, name, email, phone, source, notes FROM candidates WHERE erased = FALSE ORDER BY id",
                &[],
                &mut |r| {
                    let mut ends = [0u32; 4];
                    let mut present = 0u8;
                    for (k, end) in ends.iter_mut().enumerate() {
                        if let Some(text) = r.get::<Option<String>>(k + 1)? {
                            built.text.push_str(&text);
                            present |= 1 << k;
                        }
                        *end = u32::try_from(built.text.len()).map_err(|_| too_big())?;
                    }
                    notes.push_str(&r.get::<String>(5)?);
                    note_ends.push(notes.len());
                    built.people.push(Packed { id: CandidateId(r.get(0)?), ends, present, apps_end: 0 });
                    Ok(true)
                },
            )?;
            attach_applications(tx, &mut built)?;
            let mut note_from = 0;
            let docs = note_ends.iter().enumerate().map(|(i, &note_end)| {
                let [name, email, phone, source] = built.texts(i);
                let doc = Document { fields: [name, email, phone, source, &notes[note_from..note_end]] };
                note_from = note_end;
                doc
            });
            built.index = SearchIndex::build(docs).ok_or_else(too_big)?;
            Ok(built)
        })
    }
}

fn too_big() -> super::StoreError {
    super::StoreError::Other("too many people or too much text to search in memory".into())
}

/// Give each person their applications (open ones first, newest first), read in one
/// pass and ordered here rather than by the database (a sort of every application).
fn attach_applications(tx: &dyn Sql, built: &mut PeopleIndex) -> Result<()> {
    for (id, slug, title) in tx.query_rows("SELECT id, slug, title FROM families ORDER BY id", &[], |r| {
        Ok((FamilyId(r.get(0)?), r.get::<String>(1)?, r.get::<String>(2)?))
    })? {
        built.roles.push((id, slug, title));
    }
    let mut stage_at = std::collections::HashMap::new();
    for (id, label) in tx.query_rows("SELECT id, label FROM stages ORDER BY id", &[], |r| {
        Ok((r.get::<i64>(0)?, r.get::<String>(1)?))
    })? {
        stage_at.insert(id, built.stages.len() as u32);
        built.stages.push(label);
    }
    let role_at: std::collections::HashMap<FamilyId, u32> =
        built.roles.iter().enumerate().map(|(i, r)| (r.0, i as u32)).collect();
    // (person's place, open first, newest first): the order they are shown in.
    let mut read: Vec<(u32, bool, PackedApp)> = Vec::new();
    let people = &built.people;
    tx.each_row_streamed(
        "SELECT id, candidate_id, family_id, stage_id, status FROM applications",
        &[],
        &mut |r| {
            let Ok(person) = people.binary_search_by_key(&r.get::<i64>(1)?, |p| p.id.0) else {
                return Ok(true);
            };
            let (Some(&role), Some(&stage)) =
                (role_at.get(&FamilyId(r.get(2)?)), stage_at.get(&r.get::<i64>(3)?))
            else {
                return Ok(true);
            };
            let status = AppStatus::parse(&r.get::<String>(4)?).unwrap_or(AppStatus::Active);
            let open = matches!(status, AppStatus::Active | AppStatus::OnHold);
            read.push((
                person as u32,
                !open,
                PackedApp { id: ApplicationId(r.get(0)?), role, stage, status },
            ));
            Ok(true)
        },
    )?;
    read.sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)).then(b.2.id.0.cmp(&a.2.id.0)));
    built.apps = read.iter().map(|r| r.2).collect();
    let mut at = 0;
    for (i, p) in built.people.iter_mut().enumerate() {
        while at < read.len() && read[at].0 as usize == i {
            at += 1;
        }
        p.apps_end = at as u32;
    }
    Ok(())
}
