//! Reading pages from disk (or the bundled set) and applying them to the store.

pub use super::error::ImportError;
use super::parse::{MAX_PAGE_BYTES, ParseError, parse};
use super::warning::Warning;
use crate::domain::{FamilyId, StageDraft};
use crate::store::{ImportOutcome, Store};
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// Bumped whenever the parser's output for the same page can change, so re-imports pick it up.
const PARSER_VERSION: &str = "2";

/// The pages bundled with rolecall (file name, contents).
pub const BUNDLED: &[(&str, &str)] = &[
    ("it-program-management-office.md", include_str!("../../assets/roles/it-program-management-office.md")),
    ("director-it-operations.md", include_str!("../../assets/roles/director-it-operations.md")),
];

/// Options for an import.
#[derive(Debug, Clone, Copy, Default)]
pub struct ImportOptions {
    /// Give pages without a hiring process the standard one instead of refusing them.
    pub default_process: bool,
}

/// What importing one page did.
#[derive(Debug, Clone, Serialize)]
pub struct ImportReport {
    /// The page (path or bundled name).
    pub source: String,
    /// The family's slug.
    pub slug: String,
    /// The family's title.
    pub title: String,
    /// Created, updated or unchanged.
    pub outcome: ImportOutcome,
    /// Number of levels.
    pub levels: usize,
    /// Stage labels, Offer included.
    pub stages: Vec<String>,
    /// What the parser skipped, with `file:line`.
    pub warnings: Vec<String>,
}

/// Expand files and directories into the list of pages to import. A file named on the
/// command line is always a page; a directory gives its markdown files (`.md`,
/// `.markdown`) and those of its sub-directories, sorted by path. Hidden files and
/// directories, special files and links to directories (which could loop) are skipped.
/// A directory without any markdown page below it is an error that names it.
pub fn collect_pages(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut out = Vec::new();
    for path in paths {
        let meta = std::fs::metadata(path)
            .map_err(|source| ImportError::Read { path: path.display().to_string(), source })?;
        if !meta.is_dir() {
            out.push(path.clone());
            continue;
        }
        let mut found = Vec::new();
        markdown_below(path, &mut found)?;
        if found.is_empty() {
            let source = std::io::Error::new(
                std::io::ErrorKind::NotFound,
                "no markdown pages (.md) in this directory or below it",
            );
            return Err(ImportError::Read { path: path.display().to_string(), source });
        }
        found.sort();
        out.extend(found);
    }
    Ok(out)
}

/// The markdown files in `dir` and its sub-directories (see [`collect_pages`]).
fn markdown_below(dir: &Path, found: &mut Vec<PathBuf>) -> Result<(), ImportError> {
    let entries = std::fs::read_dir(dir)
        .map_err(|source| ImportError::Read { path: dir.display().to_string(), source })?;
    for entry in entries.filter_map(|e| e.ok()) {
        let path = entry.path();
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        // `file_type` does not follow links: a link to a directory is not walked into.
        let Ok(kind) = entry.file_type() else { continue };
        if kind.is_dir() {
            markdown_below(&path, found)?;
        } else if path.is_file() && is_markdown(&path) {
            found.push(path);
        }
    }
    Ok(())
}

fn is_markdown(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("md") || e.eq_ignore_ascii_case("markdown"))
}

/// Import one page from disk.
pub fn import_file(store: &mut Store, path: &Path, opts: ImportOptions) -> Result<ImportReport, ImportError> {
    let text = read_page(path)?;
    import_page(store, &source_of(path), &path.display().to_string(), &text, opts, None)
}

/// A page file's text: refused when binary or not UTF-8.
pub(crate) fn read_page(path: &Path) -> Result<String, ImportError> {
    let shown = path.display().to_string();
    let bytes = super::read::page_bytes(path, MAX_PAGE_BYTES)?;
    if bytes.contains(&0) {
        return Err(ImportError::Parse { path: shown, source: ParseError::Binary });
    }
    String::from_utf8(bytes).map_err(|_| ImportError::NotText { path: shown })
}

/// The key a page's family is found by on the next import: its canonical path.
fn source_of(path: &Path) -> String {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()).display().to_string()
}

/// Import one page as a new version of an existing family (`import --into ROLE`), e.g. a
/// downloaded copy of a bundled page; from then on that file updates the family. The
/// new page and the family's tie to the file are written in one transaction.
pub fn import_file_into(
    store: &mut Store,
    path: &Path,
    family: &crate::domain::Family,
    opts: ImportOptions,
) -> Result<ImportReport, ImportError> {
    let text = read_page(path)?;
    import_page(store, &source_of(path), &path.display().to_string(), &text, opts, Some(family.id))
}

/// Import the bundled pages (first run of a new database).
pub fn import_bundled(store: &mut Store) -> Result<Vec<ImportReport>, ImportError> {
    BUNDLED
        .iter()
        .map(|(name, text)| {
            import_text(store, &format!("bundled:{name}"), name, text, ImportOptions::default())
        })
        .collect()
}

/// Fill a database that has no roles yet with the bundled ones.
pub fn ensure_bundled(store: &mut Store) -> Result<(), ImportError> {
    let empty = store
        .families()
        .map_err(|source| ImportError::Store { path: "bundled roles".into(), source })?
        .is_empty();
    // On a team server only a login that may import roles does (a hiring manager with no
    // roles yet sees none, and must not try).
    let may = || {
        store.may_import_roles().map_err(|source| ImportError::Store { path: "bundled roles".into(), source })
    };
    if empty && may()? {
        import_bundled(store)?;
    }
    Ok(())
}

/// Parse `text` and apply it as the family identified by `source`; `shown` names it in messages.
pub fn import_text(
    store: &mut Store,
    source: &str,
    shown: &str,
    text: &str,
    opts: ImportOptions,
) -> Result<ImportReport, ImportError> {
    import_page(store, source, shown, text, opts, None)
}

/// Parse `text` and apply it to the family `into`, or else to the one imported from
/// `source` (a new one when there is none).
fn import_page(
    store: &mut Store,
    source: &str,
    shown: &str,
    text: &str,
    opts: ImportOptions,
    into: Option<FamilyId>,
) -> Result<ImportReport, ImportError> {
    let page = parse(text).map_err(|source| ImportError::Parse { path: shown.into(), source })?;
    let tracks = page.further_tracks();
    let mut draft = page.draft;
    let mut warnings = located(shown, &page.warnings);
    if draft.levels.is_empty() {
        return Err(ImportError::NoLevels { path: shown.into() });
    }
    let uses_default_process = draft.stages.is_empty();
    if uses_default_process {
        if !opts.default_process {
            return Err(ImportError::NoHiringProcess { path: shown.into() });
        }
        draft.stages = StageDraft::default_process();
        warnings.push(format!("{shown}: no hiring process on the page; using the standard stages"));
    }
    let hash = content_hash(text, uses_default_process);
    // A copy (or newer version) of a bundled page takes over that role, as `--into` would,
    // instead of making a second role of the same title beside it.
    let mut took_over = None;
    let into = match into {
        Some(family) => Some(family),
        None => {
            let twin = store
                .bundled_twin(source, &draft.title)
                .map_err(|e| ImportError::Store { path: shown.into(), source: e })?;
            if let Some(family) = twin.and_then(|id| store.family(id).ok().flatten()) {
                took_over = Some(format!(
                    "{shown}: updates the bundled role '{}' (same title); from now on this file updates it",
                    family.slug
                ));
            }
            twin
        }
    };
    let (id, outcome) = match into {
        Some(family) => store.import_family_into(family, source, &hash, &draft, &tracks),
        None => store.import_family_tracks(source, &hash, &draft, &tracks),
    }
    .map_err(|e| ImportError::Store { path: shown.into(), source: e })?;
    let wrap = |e| ImportError::Store { path: shown.into(), source: e };
    let family = store.family(id).map_err(wrap)?;
    let stages = store.stages(id).map_err(wrap)?;
    let levels = store.levels(id).map_err(wrap)?;
    if outcome == ImportOutcome::Created {
        let title = family.as_ref().map(|f| f.title.as_str()).unwrap_or_default();
        for slug in store.slugs_titled(title, id).map_err(wrap)? {
            warnings.push(format!(
                "{shown}: role '{slug}' has the same title; if this page is a new version of it, \
                 `rolecall import --into {slug} {shown}` updates that role instead"
            ));
        }
    }
    Ok(ImportReport {
        source: shown.into(),
        slug: family.as_ref().map(|f| f.slug.clone()).unwrap_or_default(),
        title: family.map(|f| f.title).unwrap_or_default(),
        outcome,
        levels: levels.len(),
        stages: stages.into_iter().map(|s| s.label).collect(),
        // Taking over a bundled role is said even when the page is the same as its own.
        warnings: if outcome == ImportOutcome::Unchanged { Vec::new() } else { warnings }
            .into_iter()
            .chain(took_over)
            .collect(),
    })
}

pub(crate) fn located(shown: &str, warnings: &[Warning]) -> Vec<String> {
    warnings.iter().map(|w| format!("{shown}:{}: {}", w.line, w.message)).collect()
}

/// What decides whether a re-import changes anything: the parser, the page, and whether
/// the standard stages stood in for a missing hiring process (so `--default-process`
/// makes no difference to pages that have their own).
fn content_hash(text: &str, uses_default_process: bool) -> String {
    let mut hasher = Sha256::new();
    hasher.update(PARSER_VERSION.as_bytes());
    hasher.update([u8::from(uses_default_process)]);
    hasher.update(text.as_bytes());
    hasher.finalize().iter().map(|b| format!("{b:02x}")).collect()
}
