//! Which headings are job levels, and which sub-sections belong to each.
//!
//! A level is a heading with a role or seniority word that is backed by a
//! grade mention, by a Responsibilities / Requirements / Job Grade section
//! (nested under it, or following it at the same or a shallower depth), or
//! by sitting directly under a "Levels" heading. Inside Specialties only
//! graded headings count; a role heading that introduces a Levels container
//! is a group intro, not a level.

use std::ops::Range;

use crate::domain::ItemKind;

use super::markdown::{Block, Kind};
use super::outline::{Class, Outline, extends_title};
use super::phrases::first_sentence;
use super::text::find_ci;

/// What the page says about one heading as a level.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Detected {
    /// Whether the heading is a level.
    pub is_level: bool,
    /// A role heading that introduces a Levels container.
    pub group: bool,
    /// The job grade found for it.
    pub grade: Option<u32>,
}

/// One part of a level: its own body or one of its sub-sections.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Part {
    /// Heading index of the sub-section (`None` for the level's own body).
    pub heading: Option<usize>,
    /// Responsibilities or requirements, when the section says which.
    pub kind: Option<ItemKind>,
    /// Blocks of the part.
    pub blocks: Range<usize>,
}

/// Classify every heading of the page.
pub(crate) fn detect(o: &Outline, blocks: &[Block], src: &str) -> Vec<Detected> {
    let (under, container_roles) = under_levels(o);
    let mut out = vec![Detected::default(); o.heads.len()];
    for (i, d) in out.iter_mut().enumerate() {
        if o.heads[i].class != Class::Role || is_subsection(o, i) {
            continue;
        }
        let b = backing(o, blocks, src, i, &container_roles);
        let graded = b.grade.is_some() || b.job_grade;
        d.grade = b.grade;
        if b.introduces_levels && !graded {
            d.group = true;
            continue;
        }
        // Inside Specialties, or inside a Responsibilities / Requirements
        // section, only a graded heading is a level.
        let in_section = o.parent[i].is_some_and(|p| matches!(o.heads[p].class, Class::Resp | Class::Req));
        d.is_level =
            if o.in_specialties[i] || in_section { graded } else { graded || b.resp_req || under[i] };
    }
    out
}

/// A role heading nested under a heading whose title it repeats
/// ("Senior Manager Overview" under "Senior Manager").
fn is_subsection(o: &Outline, i: usize) -> bool {
    o.parent[i]
        .is_some_and(|p| o.heads[p].class == Class::Role && extends_title(&o.heads[p].text, &o.heads[i].text))
}

/// Headings directly under a Levels container (its children, or its
/// siblings when it is empty), and which containers hold role headings.
fn under_levels(o: &Outline) -> (Vec<bool>, Vec<bool>) {
    let n = o.heads.len();
    let mut under = vec![false; n];
    let mut has_roles = vec![false; n];
    for (i, head) in o.heads.iter().enumerate() {
        if head.class != Class::Levels {
            continue;
        }
        let depth = head.depth;
        let mut marked = Vec::new();
        if i + 1 < o.end[i] {
            let inside = i + 1..o.end[i];
            let child = inside.clone().map(|j| o.heads[j].depth).min();
            marked.extend(inside.filter(|&j| Some(o.heads[j].depth) == child));
        } else {
            let mut j = i + 1;
            while j < n && o.heads[j].depth >= depth {
                if o.heads[j].depth == depth {
                    if o.heads[j].class == Class::Levels {
                        break;
                    }
                    marked.push(j);
                }
                j += 1;
            }
        }
        for j in marked {
            under[j] = true;
            has_roles[i] |= o.heads[j].class == Class::Role;
        }
    }
    (under, has_roles)
}

#[derive(Default)]
struct Backing {
    grade: Option<u32>,
    job_grade: bool,
    resp_req: bool,
    introduces_levels: bool,
}

/// Scan the sections following role heading `i`, up to the next role heading.
fn backing(o: &Outline, blocks: &[Block], src: &str, i: usize, container_roles: &[bool]) -> Backing {
    let depth = o.heads[i].depth;
    let mut b = Backing {
        grade: find_grade(&o.heads[i].text).or_else(|| grade_in(blocks, src, o.body(i))),
        ..Backing::default()
    };
    let mut contiguous = true;
    for (j, h) in o.heads.iter().enumerate().skip(i + 1) {
        match h.class {
            Class::Role if !(h.depth > depth && extends_title(&o.heads[i].text, &h.text)) => break,
            Class::Role => contiguous = false,
            Class::Resp | Class::Req | Class::JobGrade => {
                if h.depth <= depth && !contiguous {
                    break;
                }
                if h.class == Class::JobGrade {
                    b.job_grade = true;
                    b.grade =
                        b.grade.or_else(|| find_grade(&h.text)).or_else(|| grade_in(blocks, src, o.body(j)));
                } else {
                    b.resp_req = true;
                }
            }
            _ => {
                b.introduces_levels |= h.class == Class::Levels && container_roles[j];
                if h.depth <= depth {
                    break;
                }
                contiguous = false;
            }
        }
    }
    b
}

/// The parts of level `i`: its body, its sections and their sub-headings,
/// up to the next level or the end of its section. Also returns the
/// heading indices it consumed.
pub(crate) fn parts(o: &Outline, detected: &[Detected], i: usize) -> (Vec<Part>, Vec<usize>) {
    let depth = o.heads[i].depth;
    let mut parts = vec![Part { heading: None, kind: None, blocks: o.body(i) }];
    let mut consumed = Vec::new();
    let mut stack: Vec<(u8, Option<ItemKind>)> = Vec::new();
    let mut contiguous = true;
    for (j, h) in o.heads.iter().enumerate().skip(i + 1) {
        if detected[j].is_level {
            break;
        }
        let section = match h.class {
            Class::Resp => Some(Some(ItemKind::Responsibility)),
            Class::Req => Some(Some(ItemKind::Requirement)),
            Class::JobGrade => Some(None),
            _ => None,
        };
        let kind = match section {
            Some(kind) => {
                if h.depth <= depth && !contiguous {
                    break;
                }
                kind
            }
            None => {
                if h.depth <= depth {
                    break;
                }
                contiguous = false;
                let inherit = stack.iter().rev().find(|(d, _)| *d < h.depth).and_then(|(_, k)| *k);
                if h.class == Class::Named { None } else { inherit }
            }
        };
        while stack.last().is_some_and(|(d, _)| *d >= h.depth) {
            stack.pop();
        }
        stack.push((h.depth, kind));
        parts.push(Part { heading: Some(j), kind, blocks: o.body(j) });
        consumed.push(j);
    }
    (parts, consumed)
}

/// First grade mentioned in the non-table blocks of `range`.
pub(crate) fn grade_in(blocks: &[Block], src: &str, range: Range<usize>) -> Option<u32> {
    blocks.get(range)?.iter().find_map(|b| match b.kind {
        Kind::Paragraph(_) | Kind::List { .. } => find_grade(src.get(b.range.clone())?),
        _ => None,
    })
}

/// First "grade N" or "[level N]" in raw text.
pub(crate) fn find_grade(raw: &str) -> Option<u32> {
    let lower = raw.to_ascii_lowercase();
    let mut best: Option<(usize, u32)> = None;
    for (needle, need_bracket) in [("grade", false), ("level", true)] {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(needle)) {
            let at = from + i;
            from = at + needle.len();
            let before = lower.get(..at).and_then(|p| p.chars().next_back());
            let ok_before =
                if need_bracket { before == Some('[') } else { before.is_none_or(|c| !c.is_alphanumeric()) };
            if !ok_before || best.is_some_and(|(b, _)| b < at) {
                continue;
            }
            let rest = lower.get(from..).unwrap_or("");
            let rest = rest.trim_start_matches([' ', ':', '\u{a0}']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest.get(digits.len()..).and_then(|r| r.chars().next());
            if (1..=3).contains(&digits.len())
                && after.is_none_or(|c| !c.is_alphanumeric())
                && let Ok(n) = digits.parse()
            {
                best = Some((at, n));
                break;
            }
        }
    }
    best.map(|(_, n)| n)
}

/// "Extends the Principal Analyst responsibilities plus:", "extends the
/// requirements of X", "extends the X role" → the kinds inherited and X.
/// A bare "role" inside a Responsibilities or Requirements section inherits
/// that kind; elsewhere it inherits both.
pub(crate) fn extends_directive(text: &str, section: Option<ItemKind>) -> Option<(Vec<ItemKind>, String)> {
    let at = find_ci(text, "extends the ", 0)?;
    let rest = text.get(at + "extends the ".len()..)?;
    let lower = rest.to_ascii_lowercase();
    let both = || section.map_or(vec![ItemKind::Responsibility, ItemKind::Requirement], |k| vec![k]);
    let (kinds, rest) = if lower.starts_with("responsibilities of ") {
        (vec![ItemKind::Responsibility], rest.get("responsibilities of ".len()..)?)
    } else if lower.starts_with("requirements of ") {
        (vec![ItemKind::Requirement], rest.get("requirements of ".len()..)?)
    } else {
        let (cut, marker) = [" responsib", " requirement", " role", " level", " plus", ":", ". "]
            .iter()
            .filter_map(|m| lower.find(m).map(|i| (i, *m)))
            .min_by_key(|(i, _)| *i)?;
        let kinds = match marker {
            " responsib" => vec![ItemKind::Responsibility],
            " requirement" => vec![ItemKind::Requirement],
            _ => both(),
        };
        (kinds, rest.get(..cut)?)
    };
    let lower = rest.to_ascii_lowercase();
    let end = [" role", " level", " plus", ":", ". ", ", with", " with ", " as "]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(rest.len());
    let name = rest.get(..end)?.trim();
    let name =
        name.strip_prefix("the ").unwrap_or(name).trim_end_matches(['\'', '’']).trim_end_matches("'s").trim();
    (!name.is_empty()).then(|| (kinds, name.to_string()))
}

/// "… reports to the [VP, IT](…)." → "VP, IT".
pub(crate) fn reports_to(text: &str) -> Option<String> {
    let at = find_ci(text, "reports to ", 0)?;
    let rest = text.get(at + "reports to ".len()..)?;
    let rest =
        ["the ", "The ", "a ", "an ", "our "].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or(rest);
    let mut who = first_sentence(rest);
    let lower = who.to_ascii_lowercase();
    let clause =
        [", and ", " and is ", " and will ", " and has ", " and be ", " who ", ", who", ", where ", "; "]
            .iter()
            .filter_map(|m| lower.find(m))
            .min();
    if let Some(end) = clause {
        who = who.get(..end).unwrap_or(who);
    }
    let who = who.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let person = super::people::names_person(who);
    (person && who.chars().count() <= 120).then(|| who.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades() {
        assert_eq!(find_grade("is a [grade 7](https://x/#gitlab-job-grades)."), Some(7));
        assert_eq!(find_grade("is a job grade [level 5](x)"), Some(5));
        assert_eq!(find_grade("is a [level 11](x)"), Some(11));
        assert_eq!(find_grade("is a grade 9."), Some(9));
        assert_eq!(find_grade("an upgrade 5 and entry level 3"), None);
        assert_eq!(find_grade("Read about grades here"), None);
    }
}
