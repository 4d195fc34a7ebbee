//! What each level says: grade, reports-to, responsibilities and
//! requirements, with family-wide sections prepended and "extends the …
//! responsibilities" inheritance resolved.

use crate::domain::{ItemKind, LevelDraft};

use std::ops::Range;

use super::block::Kind;
use super::directives::{extends_directive, reports_to};
use super::levels::{Detected, Part, detect, parts};
use super::outline::{Class, Outline};
use super::passes::Blocks;
use super::text::{collapse_ws, find_ci, words};
use super::warning::Warning;

/// A level before inheritance is resolved.
struct Raw {
    heading: usize,
    draft: LevelDraft,
    extends: Vec<(ItemKind, String, usize)>,
}

/// Family-wide items and the levels they apply to (`None`: all).
struct Shared {
    kind: ItemKind,
    items: Vec<String>,
    levels: Option<Range<usize>>,
}

/// Most levels read from one page; more is not a job family.
const MAX_LEVELS: usize = 200;
/// Most family-wide sections applied to the levels.
const MAX_SHARED: usize = 50;
/// Most responsibilities or requirements kept for one level.
const MAX_ITEMS: usize = 300;

/// Which headings are levels and which sections they and the family-wide sections read,
/// decided from the outline alone, before any section's text is read.
pub(crate) struct Plan {
    detected: Vec<Detected>,
    /// Headings that belong to a level.
    pub consumed: Vec<bool>,
    /// Each level's heading and parts, in page order.
    levels: Vec<(usize, Vec<Part>)>,
    /// Family-wide Responsibilities / Requirements headings, with the levels they apply to.
    shared: Vec<(usize, ItemKind, Option<Range<usize>>)>,
}

impl Plan {
    /// The heading line of each of the `n` levels made (1 for one made from the title).
    pub(crate) fn level_lines(&self, o: &Outline, n: usize) -> Vec<usize> {
        let lines: Vec<usize> = self.levels.iter().map(|(i, _)| o.heads[*i].line).collect();
        if lines.len() == n { lines } else { vec![1; n] }
    }

    /// The block ranges the levels will read.
    pub(crate) fn wanted(&self, o: &Outline) -> Vec<Range<usize>> {
        let levels = self.levels.iter().filter_map(|(_, parts)| {
            let start = parts.iter().map(|p| p.blocks.start).min()?;
            Some(start..parts.iter().map(|p| p.blocks.end).max()?)
        });
        levels.chain(self.shared.iter().map(|(j, ..)| o.scope(*j))).collect()
    }
}

/// Decide the levels of the page (at most [`MAX_LEVELS`]) and its family-wide sections.
pub(crate) fn plan(o: &Outline, warnings: &mut Vec<Warning>) -> Plan {
    let detected = detect(o);
    let mut consumed = vec![false; o.heads.len()];
    let mut levels = Vec::new();
    for (i, _) in detected.iter().enumerate().filter(|(_, d)| d.is_level) {
        if levels.len() == MAX_LEVELS {
            warnings.push(Warning {
                line: o.heads[i].line,
                message: format!("more than {MAX_LEVELS} levels; this one and the rest were skipped"),
            });
            break;
        }
        consumed[i] = true;
        let (level_parts, used) = parts(o, &detected, i);
        for j in used {
            consumed[j] = true;
        }
        levels.push((i, level_parts));
    }
    let shared = shared_sections(o, &detected, &consumed, &levels);
    Plan { detected, consumed, levels, shared }
}

/// What the first pass found about the whole page.
pub(crate) struct PageFacts<'a> {
    /// The family's title.
    pub title: &'a str,
    /// The first grade mentioned anywhere.
    pub grade: Option<u32>,
    /// Whom the first paragraph that says so reports to.
    pub reports_to: Option<&'a str>,
}

/// All levels of the page, in page order.
pub(crate) fn levels(
    o: &Outline,
    plan: &Plan,
    blocks: &Blocks,
    page: &PageFacts<'_>,
    warnings: &mut Vec<Warning>,
) -> Vec<LevelDraft> {
    let raws: Vec<Raw> = plan
        .levels
        .iter()
        .map(|(i, level_parts)| raw_level(o, blocks, *i, &plan.detected[*i], level_parts))
        .collect();
    let shared = shared_items(o, plan, blocks);
    if raws.is_empty() {
        return fallback(o, page, &shared).into_iter().collect();
    }
    assemble(o, raws, &shared, warnings)
}

/// Grade, reports-to, items and "extends" directives of one level.
fn raw_level(o: &Outline, blocks: &Blocks, i: usize, d: &Detected, level_parts: &[Part]) -> Raw {
    let mut draft = LevelDraft { title: o.heads[i].text.clone(), grade: d.grade, ..LevelDraft::default() };
    strip_grade_from_title(&mut draft.title);
    let mut extends = Vec::new();
    for part in level_parts {
        let mut kind = part.kind;
        for b in blocks.get(part.blocks.clone()) {
            match &b.kind {
                Kind::Paragraph(segs) => {
                    let text =
                        collapse_ws(&segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "));
                    if let Some((kinds, name)) = extends_directive(&text, part.kind) {
                        if let [k] = kinds[..] {
                            kind = kind.or(Some(k));
                        }
                        extends.extend(kinds.into_iter().map(|k| (k, name.clone(), b.line)));
                    }
                    if draft.reports_to.is_none() {
                        draft.reports_to = reports_to(&text);
                    }
                }
                Kind::List { items, .. } => {
                    for item in items {
                        let text = item.text();
                        if draft.reports_to.is_none() {
                            draft.reports_to = reports_to(&text);
                        }
                        match kind {
                            Some(ItemKind::Responsibility) => draft.responsibilities.push(text),
                            Some(ItemKind::Requirement) => draft.requirements.push(text),
                            None => {}
                        }
                    }
                }
                _ => {}
            }
        }
    }
    Raw { heading: i, draft, extends }
}

/// "Senior Partners Manager [grade 7]" → "Senior Partners Manager".
fn strip_grade_from_title(title: &mut String) {
    if let Some(at) = find_ci(title, "grade", 0)
        && title.get(at..).is_some_and(|r| r.chars().any(|c| c.is_ascii_digit()))
    {
        title.truncate(at);
        let t =
            title.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '[' | '(' | ',' | '-' | '–'));
        *title = t.to_string();
    }
}

/// Responsibilities / Requirements sections that belong to no level (at most
/// [`MAX_SHARED`]), with the levels they apply to (`None`: all).
fn shared_sections(
    o: &Outline,
    detected: &[Detected],
    consumed: &[bool],
    levels: &[(usize, Vec<Part>)],
) -> Vec<(usize, ItemKind, Option<Range<usize>>)> {
    let mut out = Vec::new();
    for (j, h) in o.heads.iter().enumerate() {
        let kind = match h.class {
            Class::Resp => ItemKind::Responsibility,
            Class::Req => ItemKind::Requirement,
            _ => continue,
        };
        if consumed[j] || o.in_specialties[j] {
            continue;
        }
        let parent = o.parent[j];
        if parent
            .is_some_and(|p| o.heads[p].class == Class::Role && !detected[p].is_level && !detected[p].group)
        {
            continue;
        }
        let applies = parent.and_then(|p| {
            let first = levels.partition_point(|(i, _)| *i <= p);
            let last = levels.partition_point(|(i, _)| *i < o.end[p]);
            (first < last).then_some(first..last)
        });
        out.push((j, kind, applies));
        if out.len() == MAX_SHARED {
            break;
        }
    }
    out
}

/// The items of each family-wide section.
fn shared_items(o: &Outline, plan: &Plan, blocks: &Blocks) -> Vec<Shared> {
    let mut out = Vec::new();
    for (j, kind, levels) in &plan.shared {
        let mut items = Vec::new();
        for k in (*j..o.end[*j]).filter(|&k| k == *j || !plan.consumed[k]) {
            for b in blocks.get(o.body(k)) {
                if let Kind::List { items: list, .. } = &b.kind {
                    items.extend(list.iter().map(|it| it.text()));
                }
            }
        }
        out.push(Shared { kind: *kind, items, levels: levels.clone() });
    }
    out
}

/// The single level of a page without level headings.
fn fallback(o: &Outline, page: &PageFacts<'_>, shared: &[Shared]) -> Option<LevelDraft> {
    let has_sections = o.heads.iter().any(|h| matches!(h.class, Class::Resp | Class::Req | Class::JobGrade));
    if !has_sections && page.grade.is_none() {
        return None;
    }
    let mut draft = LevelDraft { title: page.title.to_string(), grade: page.grade, ..LevelDraft::default() };
    draft.reports_to = page.reports_to.map(str::to_string);
    for s in shared {
        list_mut(&mut draft, s.kind).extend(s.items.iter().cloned());
    }
    dedup(&mut draft.responsibilities);
    dedup(&mut draft.requirements);
    Some(draft)
}

fn list_mut(d: &mut LevelDraft, kind: ItemKind) -> &mut Vec<String> {
    match kind {
        ItemKind::Responsibility => &mut d.responsibilities,
        ItemKind::Requirement => &mut d.requirements,
    }
}

/// Resolve inheritance, prepend family-wide items, drop duplicates.
fn assemble(o: &Outline, raws: Vec<Raw>, shared: &[Shared], warnings: &mut Vec<Warning>) -> Vec<LevelDraft> {
    let titles: Vec<String> = raws.iter().map(|r| norm(&r.draft.title)).collect();
    let mut resolved: Vec<Option<LevelDraft>> = vec![None; raws.len()];
    for i in 0..raws.len() {
        resolve(i, &raws, &titles, &mut resolved, &mut Vec::new(), warnings);
    }
    let mut out = Vec::with_capacity(raws.len());
    for (i, level) in resolved.into_iter().enumerate() {
        let mut level = level.unwrap_or_else(|| raws[i].draft.clone());
        for kind in [ItemKind::Responsibility, ItemKind::Requirement] {
            let mut all: Vec<String> = shared
                .iter()
                .filter(|s| s.kind == kind && s.levels.as_ref().is_none_or(|l| l.contains(&i)))
                .flat_map(|s| s.items.iter().cloned())
                .collect();
            all.append(list_mut(&mut level, kind));
            dedup(&mut all);
            if all.len() > MAX_ITEMS {
                all.truncate(MAX_ITEMS);
                warnings.push(Warning {
                    line: o.heads[raws[i].heading].line,
                    message: format!(
                        "level \"{}\" has more than {MAX_ITEMS} {}; the rest were skipped",
                        level.title,
                        plural(kind)
                    ),
                });
            }
            *list_mut(&mut level, kind) = all;
        }
        if level.requirements.is_empty() {
            warnings.push(Warning {
                line: o.heads[raws[i].heading].line,
                message: format!(
                    "level \"{}\" lists no requirements; interviews will have nothing to rate",
                    level.title
                ),
            });
        }
        out.push(level);
    }
    out
}

/// Level `i` with inherited items first (depth-first, cycle-safe).
fn resolve(
    i: usize,
    raws: &[Raw],
    titles: &[String],
    resolved: &mut [Option<LevelDraft>],
    visiting: &mut Vec<usize>,
    warnings: &mut Vec<Warning>,
) {
    if resolved[i].is_some() || visiting.contains(&i) || visiting.len() > 64 {
        return;
    }
    visiting.push(i);
    let mut level = raws[i].draft.clone();
    let mut inherited: Vec<(ItemKind, Vec<String>)> = Vec::new();
    for (kind, name, line) in &raws[i].extends {
        match find_level(name, titles).filter(|&t| t != i) {
            Some(t) => {
                resolve(t, raws, titles, resolved, visiting, warnings);
                let source = resolved[t].as_ref().unwrap_or(&raws[t].draft);
                let items = match kind {
                    ItemKind::Responsibility => source.responsibilities.clone(),
                    ItemKind::Requirement => source.requirements.clone(),
                };
                inherited.push((*kind, items));
            }
            None => warnings.push(Warning {
                line: *line,
                message: format!(
                    "\"{}\" extends the {} of \"{name}\", but no level by that name was found; inherited items skipped",
                    level.title,
                    plural(*kind)
                ),
            }),
        }
    }
    for (kind, mut items) in inherited.into_iter().rev() {
        let own = list_mut(&mut level, kind);
        items.append(own);
        items.truncate(MAX_ITEMS + 1);
        *own = items;
    }
    visiting.pop();
    resolved[i] = Some(level);
}

/// Level index whose title best matches `name`.
fn find_level(name: &str, titles: &[String]) -> Option<usize> {
    let wanted = norm(name);
    if let Some(i) = titles.iter().position(|t| *t == wanted) {
        return Some(i);
    }
    let ww: Vec<&str> = wanted.split(' ').collect();
    titles
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let tw: Vec<&str> = t.split(' ').collect();
            let common = ww.iter().filter(|w| tw.contains(w)).count();
            (i, common * 100 / ww.len().max(tw.len()).max(1))
        })
        .filter(|(_, score)| *score >= 60)
        .max_by_key(|(i, score)| (*score, usize::MAX - i))
        .map(|(i, _)| i)
}

fn plural(kind: ItemKind) -> &'static str {
    match kind {
        ItemKind::Responsibility => "responsibilities",
        ItemKind::Requirement => "requirements",
    }
}

fn norm(s: &str) -> String {
    words(s).join(" ")
}

fn dedup(items: &mut Vec<String>) {
    // Marked first with borrowed keys: cloning every item into the set doubled a long list.
    let keep: Vec<bool> = {
        let mut seen = std::collections::HashSet::new();
        items.iter().map(|x| !x.is_empty() && seen.insert(x.as_str())).collect()
    };
    let mut keep = keep.into_iter();
    items.retain(|_| keep.next().unwrap_or(false));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_lookup_tolerates_punctuation() {
        let titles = vec![norm("Principal Business Systems Analyst"), norm("Staff Analyst")];
        assert_eq!(find_level("Principal, Business Systems Analyst", &titles), Some(0));
        assert_eq!(find_level("Nobody", &titles), None);
    }
}
