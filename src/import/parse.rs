//! Pure parser: page text → `FamilyDraft` plus warnings.

use crate::domain::FamilyDraft;
use thiserror::Error;

use std::ops::Range;

use super::block::Kind;
use super::content::PageFacts;
use super::outline::{Class, Outline};
use super::passes::{self, Blocks, MAX_HEADINGS};
use super::text::{LineIndex, blank_shortcodes, collapse_ws};
use super::track::{Note, Track};
use super::warning::Warning;
use super::{content, frontmatter, stages};

/// The result of parsing one page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedPage {
    /// The family with its levels and stages (no Offer stage).
    pub draft: FamilyDraft,
    /// Whether the page has a Hiring Process section. When it has none,
    /// `draft.stages` is empty and the caller refuses the page or applies
    /// the default process; when it has one, `draft.stages` may still be
    /// empty if the section lists no steps (a warning says so).
    pub has_hiring_section: bool,
    /// What could not be fully understood, in page order.
    pub warnings: Vec<Warning>,
    /// The hiring process as read: one track per pipeline the page describes, each stage
    /// with its source lines and notes. The first track's stages are `draft.stages`.
    pub tracks: Vec<Track>,
    /// Text of a Hiring Process section without any stage to attach it to.
    pub notes: Vec<Note>,
    /// The source line of each level's heading, in the order of `draft.levels` (1 for a
    /// level made from the page title).
    pub level_lines: Vec<usize>,
}

impl ParsedPage {
    /// The page's tracks past the first (the role's further pipelines), each with the
    /// titles of the levels that go through it.
    pub fn further_tracks(&self) -> Vec<crate::domain::TrackDraft> {
        super::track_levels::further_tracks(&self.draft.levels, &self.tracks)
    }

    /// For each track, the titles of the levels that go through it (all of them through
    /// the first when the page has one process).
    pub fn track_levels(&self) -> Vec<Vec<String>> {
        let names: Vec<&str> = self.tracks.iter().map(|t| t.name.as_deref().unwrap_or("")).collect();
        let chosen = super::track_levels::assign(self.draft.levels.iter().map(|l| l.title.as_str()), &names);
        (0..self.tracks.len())
            .map(|i| {
                let mine = self.draft.levels.iter().zip(&chosen).filter(|(_, c)| **c == i);
                mine.map(|(l, _)| l.title.clone()).collect()
            })
            .collect()
    }
}

/// A page that cannot be imported at all.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// The page is empty or only whitespace.
    #[error("the page is empty")]
    Empty,
    /// The page contains NUL bytes (a binary file?).
    #[error("the page contains NUL bytes; it looks like a binary file, not markdown")]
    Binary,
    /// The page has more headings than any job-family page (see [`MAX_HEADINGS`]).
    #[error("the page has {count} headings; pages with over {limit} are refused")]
    TooManyHeadings {
        /// Headings on the page.
        count: usize,
        /// The limit.
        limit: usize,
    },
    /// The page is larger than the importer accepts.
    #[error("the page is {size} bytes; pages over {limit} bytes are refused")]
    TooLarge {
        /// Size of the page in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
}

/// Largest page accepted, in bytes.
pub const MAX_PAGE_BYTES: usize = 4 * 1024 * 1024;

/// Parse one job-family page.
///
/// Errors only for an empty page, NUL bytes or a page over
/// [`MAX_PAGE_BYTES`]; anything else imports what it can, with warnings.
pub fn parse(src: &str) -> Result<ParsedPage, ParseError> {
    if src.len() > MAX_PAGE_BYTES {
        return Err(ParseError::TooLarge { size: src.len(), limit: MAX_PAGE_BYTES });
    }
    if src.contains('\0') {
        return Err(ParseError::Binary);
    }
    if src.trim().is_empty() {
        return Err(ParseError::Empty);
    }
    let src = &unix_newlines(src);
    let mut warnings = Vec::new();
    let fm = frontmatter::read(src, &mut warnings);
    let clean = blank(blank_shortcodes(src), fm.span.clone());
    let lines = LineIndex::new(&clean);
    let skeleton = passes::skeleton(&clean, &lines)
        .map_err(|count| ParseError::TooManyHeadings { count, limit: MAX_HEADINGS })?;
    let outline = Outline::new(skeleton.heads, skeleton.grades, skeleton.n_blocks);

    let title =
        fm.title.or_else(|| outline.heads.first().map(|h| title_of_heading(&h.text))).unwrap_or_default();
    if title.is_empty() {
        warnings.push(Warning { line: 1, message: "no title in front matter or headings".into() });
    }
    let description = fm.description.unwrap_or(skeleton.intro);
    let plan = content::plan(&outline, &mut warnings);
    let sections = Sections::find(&outline, &plan.consumed);
    let (blocks, skipped) = passes::read(&clean, &lines, sections.wanted(&outline, &plan));
    warnings.extend(skipped);
    let page =
        PageFacts { title: &title, grade: skeleton.first_grade, reports_to: skeleton.reports_to.as_deref() };
    let levels = content::levels(&outline, &plan, &blocks, &page, &mut warnings);
    if levels.is_empty() {
        warnings.push(Warning { line: 1, message: "no job levels found on the page".into() });
    }
    let level_lines = plan.level_lines(&outline, levels.len());
    let hiring = stages::hiring(&outline, &blocks, &mut warnings);
    let draft = FamilyDraft {
        performance_indicators: indicators(&outline, &blocks, sections.indicators),
        career_ladder: career_ladder(&outline, &blocks, sections.career_ladder),
        title,
        description,
        levels,
        stages: hiring.tracks.first().map(Track::drafts).unwrap_or_default(),
    };
    warn_unused_tracks(&draft, &hiring.tracks, &mut warnings);
    warnings.sort_by_key(|w| w.line);
    let (tracks, notes) = (hiring.tracks, hiring.notes);
    Ok(ParsedPage { draft, has_hiring_section: hiring.found, warnings, tracks, notes, level_lines })
}

/// A track past the first that no level's title matches is stored, but nothing goes
/// through it: say so, naming it.
fn warn_unused_tracks(draft: &FamilyDraft, tracks: &[Track], warnings: &mut Vec<Warning>) {
    let names: Vec<&str> = tracks.iter().map(|t| t.name.as_deref().unwrap_or("")).collect();
    let chosen = super::track_levels::assign(draft.levels.iter().map(|l| l.title.as_str()), &names);
    for (i, t) in tracks.iter().enumerate().skip(1).filter(|(i, _)| !chosen.contains(i)) {
        warnings.push(Warning {
            line: t.line,
            message: format!(
                "no level's title names the track \"{}\"; it is stored as a further pipeline of the role, \
                 but no level goes through it",
                names[i]
            ),
        });
    }
}

/// A family title taken from the page's first heading: "Support Engineering Job Family
/// Matrix" names the family "Support Engineering".
fn title_of_heading(text: &str) -> String {
    let lower = text.to_lowercase();
    for suffix in [" job family matrix", " job family", " matrix"] {
        if lower.ends_with(suffix) && text.len() > suffix.len() {
            return text[..text.len() - suffix.len()].trim().to_string();
        }
    }
    text.to_string()
}

/// The headings of the sections read besides the levels.
struct Sections {
    hiring: Option<usize>,
    indicators: Option<usize>,
    career_ladder: Option<usize>,
}

impl Sections {
    fn find(o: &Outline, consumed: &[bool]) -> Self {
        let is_pi = |h: usize| o.heads[h].text.to_lowercase().contains("performance indicator");
        let indicators = (0..o.heads.len())
            .find(|&h| is_pi(h) && !consumed[h])
            .or_else(|| (0..o.heads.len()).find(|&h| is_pi(h)));
        let career_ladder = o
            .heads
            .iter()
            .position(|h| h.class == Class::Named && h.text.to_lowercase().contains("career ladder"));
        Sections { hiring: o.find("hiring process"), indicators, career_ladder }
    }

    /// Every block range the importer reads: the levels', then these sections'.
    fn wanted(&self, o: &Outline, plan: &content::Plan) -> Vec<Range<usize>> {
        let mut wanted = plan.wanted(o);
        wanted.extend(
            [self.hiring, self.indicators, self.career_ladder].into_iter().flatten().map(|h| o.scope(h)),
        );
        wanted
    }
}

/// Line endings as `\n` only: CRLF (Windows) and lone CR (classic Mac OS) pages would
/// otherwise read as one line per page in the line-based parts of the importer.
fn unix_newlines(src: &str) -> std::borrow::Cow<'_, str> {
    if !src.contains('\r') {
        return src.into();
    }
    src.replace("\r\n", "\n").replace('\r', "\n").into()
}

/// `src` with the bytes of `span` (the front matter) turned into spaces,
/// newlines kept, so lines still count from the top of the file.
fn blank(src: String, span: Option<std::ops::Range<usize>>) -> String {
    let Some(span) = span else { return src };
    let mut out = String::with_capacity(src.len());
    for (i, c) in src.char_indices() {
        if span.contains(&i) && c != '\n' {
            out.extend(std::iter::repeat_n(' ', c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    out
}

/// List items of the family's Performance Indicators section.
fn indicators(o: &Outline, blocks: &Blocks, pi: Option<usize>) -> Vec<String> {
    let Some(pi) = pi else { return Vec::new() };
    blocks
        .get(o.scope(pi))
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::List { items, .. } => Some(items.iter().map(|i| i.text())),
            _ => None,
        })
        .flatten()
        .filter(|t| !t.is_empty())
        .collect()
}

/// The Career Ladder section as plain text, one paragraph or item a line.
fn career_ladder(o: &Outline, blocks: &Blocks, h: Option<usize>) -> String {
    let Some(h) = h else { return String::new() };
    let mut lines = Vec::new();
    for b in blocks.get(o.scope(h)) {
        match &b.kind {
            Kind::Paragraph(segs) => lines.push(join(segs.iter().map(|s| s.text.as_str()))),
            Kind::List { items, .. } => lines.extend(items.iter().map(|i| format!("- {}", i.text()))),
            Kind::Heading { text, .. } => lines.push(text.clone()),
            _ => {}
        }
    }
    lines.retain(|l| !l.is_empty());
    lines.join("\n")
}

fn join<'a>(parts: impl Iterator<Item = &'a str>) -> String {
    collapse_ws(&parts.collect::<Vec<_>>().join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_only_what_it_must() {
        assert_eq!(parse("  \n"), Err(ParseError::Empty));
        assert_eq!(parse("a\0b"), Err(ParseError::Binary));
        let big = "a".repeat(MAX_PAGE_BYTES + 1);
        assert!(matches!(parse(&big), Err(ParseError::TooLarge { .. })));
        assert!(parse("just text").is_ok());
        let headings = "# a\n".repeat(MAX_HEADINGS + 1);
        let count = MAX_HEADINGS + 1;
        assert_eq!(parse(&headings), Err(ParseError::TooManyHeadings { count, limit: MAX_HEADINGS }));
        assert!(parse(&"# a\n".repeat(MAX_HEADINGS)).is_ok());
    }

    #[test]
    fn sections_past_the_reading_limit_are_skipped_with_a_warning() {
        let items = passes::MAX_KEPT;
        let page = format!(
            "## Requirements\n\n{}\n## Hiring Process\n\n- Screening call with a recruiter\n",
            (0..items).map(|i| format!("- requirement {i}\n")).collect::<String>()
        );
        let parsed = parse(&page).expect("parses");
        let kept = parsed.draft.levels[0].requirements.len();
        assert!(kept > items / 3 && kept < items, "{kept} requirements kept");
        assert!(parsed.warnings.iter().any(|w| w.message.contains("from here on they were skipped")));
        assert_eq!(parsed.warnings.iter().filter(|w| w.message.contains("skipped")).count(), 1);
        assert_eq!(parsed.draft.stages.len(), 1, "the hiring process after them is still read");
    }

    #[test]
    fn hiring_steps_in_every_shape() {
        let labels = |page: &str| -> Vec<String> {
            parse(page).map(|p| p.draft.stages.into_iter().map(|s| s.label).collect()).unwrap_or_default()
        };
        // Preamble item dropped, lazy lines are steps, final offer dropped.
        let page = "## Hiring Process\n\n- Candidates for this position can expect the hiring process below.\n\
            - Screening call with a recruiter\nNext, interview with the Hiring Manager\n\
            Successful candidates will be made an offer.\n";
        assert_eq!(labels(page), ["Screening", "Hiring Manager"]);
        // Sub-headings as steps; generic headings take their body.
        let page =
            "## Hiring Process\n\n### Recruiter Screening\n\n### Round 1\n\n- Interview with the CTO\n";
        assert_eq!(labels(page), ["Screening", "CTO"]);
        // Plain lines; the list continues past a collapsed <details> aside.
        assert_eq!(
            labels("## Hiring Process\n\nPhone screen\nPanel Interview\n"),
            ["Screening", "Panel interview"]
        );
        let page = "## Hiring Process\n\n- Phone screen\n\n<details>\n\n1. not a step\n\n</details>\n\n- Meet the CEO\n";
        assert_eq!(labels(page), ["Screening", "CEO"]);
        let none = parse("## Levels\n\n### Senior Engineer\n\nA [grade 7].\n").expect("parses");
        assert!(!none.has_hiring_section && none.draft.stages.is_empty());
        assert_eq!(none.draft.levels[0].grade, Some(7));
    }

    #[test]
    fn any_line_ending_reads_the_same() {
        let page = "---\ntitle: Analyst\n---\n## Levels\n\n### Analyst\n\nThe Analyst [grade 6].\n\n\
            #### Requirements\n\n- SQL\n\n## Hiring Process\n\n- Screening call with a recruiter\n\
            - Interview with the Hiring Manager\n";
        let unix = parse(page).expect("parses");
        for ending in ["\r\n", "\r"] {
            let other = parse(&page.replace('\n', ending)).expect("parses");
            assert_eq!(other, unix, "{ending:?}");
        }
        assert_eq!(unix.draft.title, "Analyst");
        assert_eq!(unix.draft.stages.len(), 2);
    }

    #[test]
    fn blanking_keeps_lines_and_length() {
        let s = "---\ntitle: é\n---\nx";
        let b = blank(s.to_string(), Some(0..17));
        assert_eq!(b.len(), s.len());
        assert_eq!(b.lines().count(), s.lines().count());
        assert!(b.ends_with('x'));
    }
}
