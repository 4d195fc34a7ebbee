//! `search TEXT`: people across all roles by name, email, phone, source and notes
//! (accents ignored, one typo forgiven, best first), issue 17.

use super::{CliError, CliResult, Output};
use crate::domain::text::inert;
use crate::store::{SearchPerson, Store};
use serde::Serialize;

/// Arguments of `search`.
#[derive(Debug, clap::Args)]
pub struct SearchArgs {
    /// What to look for (several words: each must match).
    #[arg(required = true)]
    pub text: Vec<String>,
    /// Most people listed.
    #[arg(long, default_value_t = 20)]
    pub limit: usize,
}

#[derive(Serialize)]
struct Found {
    #[serde(flatten)]
    person: SearchPerson,
    rank: u32,
}

/// Search and print the people found, best first, with their applications.
pub fn search(store: &Store, out: &Output, args: &SearchArgs) -> CliResult {
    let query = args.text.join(" ");
    if query.trim().is_empty() {
        return Err(CliError::usage("give something to search for"));
    }
    let index = store.people_index()?;
    let found: Vec<Found> =
        index.search(&query, args.limit).into_iter().map(|(person, rank)| Found { person, rank }).collect();
    out.emit(&found, |w| {
        for f in &found {
            let p = &f.person;
            let email = p.email.as_deref().map(|e| format!(" <{}>", inert(e))).unwrap_or_default();
            writeln!(w, "#{} {}{email}", p.candidate_id, inert(&p.name))?;
            for a in &p.applications {
                writeln!(
                    w,
                    "    app {}: {} · {} · {}",
                    a.application_id,
                    inert(&a.role_title),
                    inert(&a.stage),
                    a.status
                )?;
            }
        }
        writeln!(w, "{} found among {} people", found.len(), index.len())
    })
}
