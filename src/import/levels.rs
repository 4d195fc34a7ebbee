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

use super::directives::find_grade;
use super::outline::{Class, Outline, extends_title};

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
pub(crate) fn detect(o: &Outline) -> Vec<Detected> {
    let (under, container_roles) = under_levels(o);
    let mut out = vec![Detected::default(); o.heads.len()];
    for (i, d) in out.iter_mut().enumerate() {
        if o.heads[i].class != Class::Role || is_subsection(o, i) {
            continue;
        }
        let b = backing(o, i, &container_roles);
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
fn backing(o: &Outline, i: usize, container_roles: &[bool]) -> Backing {
    let depth = o.heads[i].depth;
    let mut b = Backing { grade: find_grade(&o.heads[i].text).or(o.grades[i]), ..Backing::default() };
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
                    b.grade = b.grade.or_else(|| find_grade(&h.text)).or(o.grades[j]);
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
