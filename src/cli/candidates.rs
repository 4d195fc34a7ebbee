//! `candidate add|list|show|edit|erase`.

use super::args::CandidateCommand;
use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::text::inert;
use crate::domain::{Application, Candidate};
use crate::store::{CandidateUpdate, NewCandidate, Store};
use serde::Serialize;
use std::io::Write as _;

/// Dispatch a `candidate` subcommand.
pub fn run(store: &mut Store, out: &Output, command: CandidateCommand) -> CliResult {
    match command {
        CandidateCommand::Add { name, email, phone, source, notes, allow_duplicate } => {
            let new = NewCandidate { name, email, phone, source, notes };
            add(store, out, &new, allow_duplicate)
        }
        CandidateCommand::List { filter, limit } => {
            let list = store.candidates(filter.as_deref(), limit)?;
            out.emit(&list, |w| {
                for c in &list {
                    writeln!(w, "#{} {} {}", c.id, inert(&c.name), inert(c.email.as_deref().unwrap_or("")))?;
                }
                Ok(())
            })
        }
        CandidateCommand::Show { candidate } => show(store, out, &candidate),
        CandidateCommand::Erase { candidate, yes } => erase(store, out, &candidate, yes),
        CandidateCommand::Edit { candidate, name, email, phone, source, notes } => {
            let id = store.find_candidate(&candidate)?.id;
            let updated = store.edit_candidate(id, &CandidateUpdate { name, email, phone, source, notes })?;
            out.emit(&updated, |w| writeln!(w, "updated #{} {}", updated.id, inert(&updated.name)))
        }
    }
}

fn add(store: &mut Store, out: &Output, new: &NewCandidate, allow_duplicate: bool) -> CliResult {
    if !allow_duplicate {
        let dups = store.find_duplicates(&new.name, new.email.as_deref().filter(|e| !e.trim().is_empty()))?;
        if let Some(d) = dups.first() {
            return Err(CliError {
                code: ExitCode::Conflict,
                message: format!(
                    "a candidate with this name or email exists: #{} {}; use it, or pass --allow-duplicate",
                    d.id,
                    inert(&d.name)
                ),
            });
        }
    }
    let id = store.add_candidate(new)?;
    let c = store.candidate(id)?;
    out.emit(&c, |w| writeln!(w, "added #{} {}", c.id, inert(&c.name)))
}

#[derive(Serialize)]
struct CandidateView {
    #[serde(flatten)]
    candidate: Candidate,
    applications: Vec<ApplicationView>,
}

#[derive(Serialize)]
struct ApplicationView {
    #[serde(flatten)]
    application: Application,
    interviews: Vec<crate::store::Interview>,
    /// Scorecards the viewer may not see yet (independent feedback).
    hidden_scorecards: usize,
}

fn show(store: &Store, out: &Output, key: &str) -> CliResult {
    let candidate = store.find_candidate(key)?;
    let applications = store
        .applications_of(candidate.id)?
        .into_iter()
        .map(|application| {
            Ok(ApplicationView {
                interviews: store.interviews(application.id)?,
                hidden_scorecards: store.hidden_scorecards(application.id)?,
                application,
            })
        })
        .collect::<Result<Vec<_>, crate::store::StoreError>>()?;
    let view = CandidateView { candidate, applications };
    out.emit(&view, |w| {
        let c = &view.candidate;
        writeln!(w, "#{} {}", c.id, inert(&c.name))?;
        for (label, value) in [("email", &c.email), ("phone", &c.phone), ("source", &c.source)] {
            if let Some(v) = value {
                writeln!(w, "  {label}: {}", inert(v))?;
            }
        }
        if !c.notes.is_empty() {
            writeln!(w, "  notes: {}", inert(&c.notes))?;
        }
        writeln!(w, "  applications:")?;
        for v in &view.applications {
            let a = &v.application;
            writeln!(
                w,
                "    app {}: {} / {} at {} ({})",
                a.id,
                a.family_slug,
                inert(&a.level_title),
                inert(&a.stage_label),
                a.status
            )?;
            super::interviews::print_interviews(w, &v.interviews)?;
            if v.hidden_scorecards > 0 {
                writeln!(w, "    {}", crate::store::hidden_line(v.hidden_scorecards))?;
            }
        }
        Ok(())
    })
}

fn erase(store: &mut Store, out: &Output, key: &str, yes: bool) -> CliResult {
    let c = store.find_candidate(key)?;
    if !yes
        && !confirm(&format!(
            "Erase all personal data of #{} {}? This cannot be undone. [y/N] ",
            c.id,
            inert(&c.name)
        ))?
    {
        let _ = writeln!(std::io::stderr(), "nothing was erased");
        return Ok(());
    }
    let done = store.erase_candidate(c.id)?;
    if let Some(why) = &done.compact_error {
        return Err(CliError {
            code: ExitCode::Io,
            message: format!(
                "erased #{} (the erasure is saved), but the database files could not be \
                 rewritten afterwards ({why}), so the old text may remain on disk: free some space, then run \
                 `rolecall doctor --checkpoint`",
                done.candidate_id
            ),
        });
    }
    out.emit(&done, |w| {
        if done.again {
            writeln!(
                w,
                "#{} was already erased; scrubbed again: {} event notes and {} interview notes",
                done.candidate_id, done.event_notes, done.interview_notes
            )?;
        } else {
            writeln!(
                w,
                "erased #{}: name, email, phone, source and notes; {} event notes and {} interview notes; \
                 the anonymous history is kept",
                done.candidate_id, done.event_notes, done.interview_notes
            )?;
        }
        if done.on_server {
            writeln!(
                w,
                "on a server the old text may remain in old row versions until an administrator runs \
                 `rolecall purge`"
            )?;
        } else if !done.purged {
            writeln!(
                w,
                "another rolecall is reading the database, so the old text may remain in its write-ahead log \
                 until `rolecall doctor --checkpoint` runs with no other rolecall open"
            )?;
        }
        Ok(())
    })
}

/// Ask on the terminal; refuse outright when there is no terminal to ask on.
fn confirm(question: &str) -> Result<bool, CliError> {
    use std::io::{BufRead, IsTerminal, Write};
    if !std::io::stdin().is_terminal() {
        return Err(CliError::usage(
            "erasure cannot be undone: pass --yes to confirm (no terminal to ask on)",
        ));
    }
    write!(std::io::stderr(), "{}", crate::domain::text::terminal_text(question))?;
    std::io::stderr().flush()?;
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    Ok(matches!(answer.trim().to_lowercase().as_str(), "y" | "yes"))
}
