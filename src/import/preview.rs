//! `import --dry-run`: what importing a page would store, read without the store.

use super::load::{ImportError, ImportOptions, located, read_page};
use super::parse::parse;
use super::track::{Note, Track};
use crate::domain::StageDraft;
use serde::Serialize;
use std::path::Path;

/// What importing one page would do.
#[derive(Debug, Clone, Serialize)]
pub struct Preview {
    /// The page as given.
    pub source: String,
    /// The family's title.
    pub title: String,
    /// The levels, in page order.
    pub levels: Vec<LevelPreview>,
    /// The hiring tracks; the role's pipeline is the first (then the Offer stage).
    pub tracks: Vec<Track>,
    /// For each track, the titles of the levels that go through it.
    pub track_levels: Vec<Vec<String>>,
    /// Hiring-section text with no stage to attach it to.
    pub notes: Vec<Note>,
    /// The standard stages, when the page has no hiring process and `--default-process`
    /// stands in for it; empty otherwise.
    pub standard_stages: Vec<StageDraft>,
    /// What the parser skipped or guessed, as `file:line: message`.
    pub warnings: Vec<String>,
}

/// One level as it would be stored.
#[derive(Debug, Clone, Serialize)]
pub struct LevelPreview {
    /// The level's title.
    pub title: String,
    /// Its job grade, when the page gives one.
    pub grade: Option<u32>,
    /// 1-based line of its heading (1 for a level made from the page title).
    pub line: usize,
    /// Number of responsibilities.
    pub responsibilities: usize,
    /// Number of requirements.
    pub requirements: usize,
}

/// Read and parse one page as `import` would, and say what it would store; errors are the
/// ones `import` would refuse the page with. Touches no database.
pub fn preview_file(path: &Path, opts: ImportOptions) -> Result<Preview, ImportError> {
    let shown = path.display().to_string();
    let text = read_page(path)?;
    let page = parse(&text).map_err(|source| ImportError::Parse { path: shown.clone(), source })?;
    if page.draft.levels.is_empty() {
        return Err(ImportError::NoLevels { path: shown });
    }
    let mut warnings = located(&shown, &page.warnings);
    let mut standard_stages = Vec::new();
    if page.draft.stages.is_empty() {
        if !opts.default_process {
            return Err(ImportError::NoHiringProcess { path: shown });
        }
        standard_stages = StageDraft::default_process();
        warnings.push(format!("{shown}: no hiring process on the page; using the standard stages"));
    }
    let levels = page
        .draft
        .levels
        .iter()
        .zip(&page.level_lines)
        .map(|(l, &line)| LevelPreview {
            title: l.title.clone(),
            grade: l.grade,
            line,
            responsibilities: l.responsibilities.len(),
            requirements: l.requirements.len(),
        })
        .collect();
    let track_levels = page.track_levels();
    Ok(Preview {
        source: shown,
        title: page.draft.title,
        levels,
        track_levels,
        tracks: page.tracks,
        notes: page.notes,
        standard_stages,
        warnings,
    })
}
