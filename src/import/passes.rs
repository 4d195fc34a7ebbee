//! A page read in two passes, so that memory follows what the importer reads rather
//! than what the page holds.
//!
//! The first pass keeps the headings and, for the rest, only the few facts the outline
//! needs (the first grade in each section, the intro, the first "reports to" line). Once
//! the outline says which sections hold levels, hiring steps and the other parts read,
//! the second pass keeps only those sections' blocks, up to [`MAX_KEPT`] blocks and list
//! items. A 4 MB page of one-letter list items or tiny sections thus needs a few
//! megabytes beyond the page itself, not a few hundred.

use std::ops::Range;

use super::block::{Block, Kind, Segment};
use super::directives::{find_grade, reports_to};
use super::markdown::each_block;
use super::outline::{Heading, classify};
use super::text::{LineIndex, collapse_ws};
use super::warning::Warning;

/// Most headings a page may have. Real job-family pages have a few hundred at most; past
/// this the page is refused (the outline of every heading is kept in memory).
pub const MAX_HEADINGS: usize = 250_000;

/// Most parts (blocks, their lines, list items and theirs) kept from one run of sections
/// read (the levels, the hiring process, …); the rest of the run is skipped with a
/// warning. At most three times this is kept in all. Real pages have a few hundred.
pub(crate) const MAX_KEPT: usize = 20_000;

/// What the first pass keeps.
pub(crate) struct Skeleton {
    /// Every heading, in page order.
    pub heads: Vec<Heading>,
    /// The first grade mentioned in each heading's body.
    pub grades: Vec<Option<u32>>,
    /// The first grade mentioned anywhere (paragraphs and lists).
    pub first_grade: Option<u32>,
    /// The first paragraph before any heading.
    pub intro: String,
    /// Whom the first paragraph that says so reports to.
    pub reports_to: Option<String>,
    /// Number of top-level blocks.
    pub n_blocks: usize,
}

/// The first pass; `Err(headings)` when the page has more than [`MAX_HEADINGS`].
pub(crate) fn skeleton(src: &str, lines: &LineIndex<'_>) -> Result<Skeleton, usize> {
    let mut sk = Skeleton {
        heads: Vec::new(),
        grades: Vec::new(),
        first_grade: None,
        intro: String::new(),
        reports_to: None,
        n_blocks: 0,
    };
    let (mut headings, mut intro_grade, mut intro_done) = (0usize, None, false);
    each_block(src, lines, &|_| false, &mut |b| {
        sk.n_blocks += 1;
        let text = match &b.kind {
            Kind::Heading { depth, text } => {
                headings += 1;
                if headings <= MAX_HEADINGS {
                    let (depth, text) = (*depth, text.clone());
                    let class = classify(&text);
                    sk.heads.push(Heading { block: b.index, depth, text, line: b.line, class });
                    sk.grades.push(None);
                }
                return;
            }
            Kind::Paragraph(segs) => Some(join(segs)),
            Kind::List { .. } => None,
            _ => return,
        };
        let grade = sk.grades.last_mut().unwrap_or(&mut intro_grade);
        if grade.is_none() {
            *grade = src.get(b.range.clone()).and_then(find_grade);
            sk.first_grade = sk.first_grade.or(*grade);
        }
        let Some(text) = text else { return };
        if sk.heads.is_empty() && !intro_done {
            intro_done = true;
            sk.intro = text.clone();
        }
        if sk.reports_to.is_none() {
            sk.reports_to = reports_to(&text);
        }
    });
    if headings > MAX_HEADINGS {
        return Err(headings);
    }
    Ok(sk)
}

fn join(segs: &[Segment]) -> String {
    collapse_ws(&segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "))
}

/// What keeping a block costs, in parts: the block, its lines, its items and theirs.
fn weight(kind: &Kind) -> usize {
    1 + match kind {
        Kind::Paragraph(segs) => segs.len(),
        Kind::List { items, .. } => items.iter().map(|i| 1 + i.segments.len() + i.extra.len()).sum(),
        _ => 0,
    }
}

/// The blocks kept by the second pass, by their index on the page.
#[derive(Debug, Default)]
pub(crate) struct Blocks {
    kept: Vec<Block>,
}

impl Blocks {
    /// The kept blocks whose indices lie in `range`, in page order.
    pub(crate) fn get(&self, range: Range<usize>) -> &[Block] {
        let lo = self.kept.partition_point(|b| b.index < range.start);
        let hi = self.kept.partition_point(|b| b.index < range.end).max(lo);
        &self.kept[lo..hi]
    }
}

/// The second pass: the blocks whose indices lie in one of `wanted`, up to [`MAX_KEPT`]
/// parts from each run of wanted blocks and three times that in all; a warning says
/// where the rest of a run was skipped.
pub(crate) fn read(
    src: &str,
    lines: &LineIndex<'_>,
    mut wanted: Vec<Range<usize>>,
) -> (Blocks, Vec<Warning>) {
    wanted.retain(|r| !r.is_empty());
    wanted.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in wanted {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    // Which range holds block `i`, if any.
    let range_of = |i: usize| {
        let k = merged.partition_point(|r| r.end <= i);
        merged.get(k).is_some_and(|r| r.contains(&i)).then_some(k)
    };
    // Ranges that reached their share, or every range once the total is reached.
    let full = std::cell::RefCell::new(Full::default());
    let (mut kept, mut warnings) = (Vec::new(), Vec::new());
    let (mut total, mut in_range, mut range) = (0usize, 0usize, None);
    let want = |i: usize| range_of(i).is_some_and(|k| !full.borrow().has(k));
    each_block(src, lines, &want, &mut |b| {
        let Some(k) = range_of(b.index).filter(|k| !full.borrow().has(*k)) else { return };
        if range != Some(k) {
            (range, in_range) = (Some(k), 0);
        }
        let w = weight(&b.kind);
        if in_range + w > MAX_KEPT || total + w > 3 * MAX_KEPT {
            let mut full = full.borrow_mut();
            full.ranges.push(k);
            full.all |= total + w > 3 * MAX_KEPT;
            warnings.push(Warning {
                line: b.line,
                message: format!(
                    "this section holds more than {MAX_KEPT} lines and list items; from here on they \
                     were skipped"
                ),
            });
            return;
        }
        (in_range, total) = (in_range + w, total + w);
        kept.push(b);
    });
    (Blocks { kept }, warnings)
}

/// Which ranges of the second pass keep nothing more.
#[derive(Default)]
struct Full {
    ranges: Vec<usize>,
    all: bool,
}

impl Full {
    fn has(&self, range: usize) -> bool {
        self.all || self.ranges.contains(&range)
    }
}
