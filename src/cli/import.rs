//! `import PATH…` (each page in its own transaction) and `import --into ROLE FILE`.

use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::text::count_of;
use crate::domain::text::inert;
use crate::import::load::{ImportOptions, ImportReport, collect_pages, import_file, import_file_into};
use crate::store::{ImportOutcome, Store};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize)]
struct ImportSummary {
    imported: Vec<ImportReport>,
    failed: Vec<String>,
    /// What the imports changed in roles that existed, and where pages met edits.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    handbook_changes: Vec<crate::domain::pipeline::HandbookNotice>,
}

/// How many prepared statements an import keeps (each page runs more than the default 16).
const IMPORT_STATEMENTS: usize = 64;

/// `rolecall import PATH…`: each page in its own transaction; failures are listed and
/// make the exit code non-zero, but never stop the other pages.
pub fn import(
    store: &mut Store,
    out: &Output,
    paths: &[PathBuf],
    into: Option<&str>,
    default_process: bool,
) -> CliResult {
    let pages = collect_pages(paths)?;
    let opts = ImportOptions { default_process };
    let into = match into {
        None => None,
        Some(_) if pages.len() != 1 || paths.iter().any(|p| p.is_dir()) => {
            return Err(CliError::usage("--into updates one role from one page; give exactly one file"));
        }
        Some(role) => Some(store.family_by_slug(role)?),
    };
    let mark = store.latest_notice_id()?;
    store.keep_statements(IMPORT_STATEMENTS);
    let mut summary =
        ImportSummary { imported: Vec::new(), failed: Vec::new(), handbook_changes: Vec::new() };
    let mut worst: Option<ExitCode> = None;
    let bar = super::progress::Progress::bar(pages.len() as u64, "importing");
    for page in &pages {
        let name = page.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
        bar.message(&format!("importing {}", inert(&name)));
        let result = match &into {
            Some(family) => import_file_into(store, page, family, opts),
            None => import_file(store, page, opts),
        };
        bar.step();
        match result {
            Ok(report) => summary.imported.push(report),
            Err(e) => {
                let err = CliError::from(e);
                worst = Some(match worst {
                    Some(w) if (w as i32) >= (err.code as i32) => w,
                    _ => err.code,
                });
                summary.failed.push(err.message);
            }
        }
    }
    drop(bar);
    summary.handbook_changes = store.notices_after(mark)?;
    out.emit(&summary, |w| print_summary(w, &summary, pages.len()))?;
    match worst {
        None => Ok(()),
        Some(code) => Err(CliError {
            code,
            message: format!(
                "{} of {} not imported (see above)",
                summary.failed.len(),
                count_of(pages.len(), "page was", "pages were")
            ),
        }),
    }
}

/// What each page did, what was refused, and the totals.
fn print_summary(w: &mut dyn Write, summary: &ImportSummary, pages: usize) -> std::io::Result<()> {
    let count = |o| summary.imported.iter().filter(|r| r.outcome == o).count();
    // Unchanged pages are listed only when there is something to say about them.
    for r in
        summary.imported.iter().filter(|r| r.outcome != ImportOutcome::Unchanged || !r.warnings.is_empty())
    {
        let verb = match r.outcome {
            ImportOutcome::Created => "created",
            ImportOutcome::Updated => "updated",
            ImportOutcome::Unchanged => "unchanged",
        };
        writeln!(
            w,
            "{verb} {} ({}): {}, stages: {}",
            r.slug,
            r.title,
            count_of(r.levels, "level", "levels"),
            r.stages.join(" → ")
        )?;
        for warning in &r.warnings {
            writeln!(w, "  warning: {warning}")?;
        }
    }
    for n in &summary.handbook_changes {
        super::handbook::print_notice(w, n)?;
    }
    for f in &summary.failed {
        writeln!(w, "refused {f}")?;
    }
    writeln!(
        w,
        "{}: {} created, {} updated, {} unchanged, {} refused",
        count_of(pages, "page", "pages"),
        count(ImportOutcome::Created),
        count(ImportOutcome::Updated),
        count(ImportOutcome::Unchanged),
        summary.failed.len()
    )
}
