//! What each level says: grade, reports-to, responsibilities and
//! requirements, with family-wide sections prepended and "extends the …
//! responsibilities" inheritance resolved.

use crate::domain::{ItemKind, LevelDraft};

use super::levels::{Detected, Part, detect, extends_directive, grade_in, parts, reports_to};
use super::markdown::{Block, Kind};
use super::outline::{Class, Outline};
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
    levels: Option<std::ops::Range<usize>>,
}

/// Most levels read from one page; more is not a job family.
const MAX_LEVELS: usize = 200;
/// Most family-wide sections applied to the levels.
const MAX_SHARED: usize = 50;
/// Most responsibilities or requirements kept for one level.
const MAX_ITEMS: usize = 300;

/// All levels of the page, in page order, and the headings they consumed.
pub(crate) fn levels(
    o: &Outline,
    blocks: &[Block],
    src: &str,
    title: &str,
    warnings: &mut Vec<Warning>,
) -> (Vec<LevelDraft>, Vec<bool>) {
    let detected = detect(o, blocks, src);
    let mut consumed = vec![false; o.heads.len()];
    let mut raws = Vec::new();
    for (i, d) in detected.iter().enumerate().filter(|(_, d)| d.is_level) {
        if raws.len() == MAX_LEVELS {
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
        raws.push(raw_level(o, blocks, i, d, &level_parts));
    }
    let shared = shared_sections(o, blocks, &detected, &consumed, &raws);
    if raws.is_empty() {
        return (fallback(o, blocks, src, title, &shared).into_iter().collect(), consumed);
    }
    (assemble(o, raws, &shared, warnings), consumed)
}

/// Grade, reports-to, items and "extends" directives of one level.
fn raw_level(o: &Outline, blocks: &[Block], i: usize, d: &Detected, level_parts: &[Part]) -> Raw {
    let mut draft = LevelDraft { title: o.heads[i].text.clone(), grade: d.grade, ..LevelDraft::default() };
    strip_grade_from_title(&mut draft.title);
    let mut extends = Vec::new();
    for part in level_parts {
        let mut kind = part.kind;
        for b in blocks.get(part.blocks.clone()).unwrap_or(&[]) {
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

/// Responsibilities / Requirements sections that belong to no level.
fn shared_sections(
    o: &Outline,
    blocks: &[Block],
    detected: &[Detected],
    consumed: &[bool],
    raws: &[Raw],
) -> Vec<Shared> {
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
        let mut items = Vec::new();
        for k in (j..o.end[j]).filter(|&k| k == j || !consumed[k]) {
            for b in blocks.get(o.body(k)).unwrap_or(&[]) {
                if let Kind::List { items: list, .. } = &b.kind {
                    items.extend(list.iter().map(|it| it.text()));
                }
            }
        }
        let levels = parent.and_then(|p| {
            let first = raws.partition_point(|r| r.heading <= p);
            let last = raws.partition_point(|r| r.heading < o.end[p]);
            (first < last).then_some(first..last)
        });
        out.push(Shared { kind, items, levels });
        if out.len() == MAX_SHARED {
            break;
        }
    }
    out
}

/// The single level of a page without level headings.
fn fallback(o: &Outline, blocks: &[Block], src: &str, title: &str, shared: &[Shared]) -> Option<LevelDraft> {
    let has_sections = o.heads.iter().any(|h| matches!(h.class, Class::Resp | Class::Req | Class::JobGrade));
    let grade = grade_in(blocks, src, 0..blocks.len());
    if !has_sections && grade.is_none() {
        return None;
    }
    let mut draft = LevelDraft { title: title.to_string(), grade, ..LevelDraft::default() };
    draft.reports_to = blocks.iter().find_map(|b| match &b.kind {
        Kind::Paragraph(segs) => {
            reports_to(&segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "))
        }
        _ => None,
    });
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
    fn directives_and_reports_to() {
        let d = extends_directive("Extends the Principal, Business Systems Analyst requirements plus:", None);
        assert_eq!(d, Some((vec![ItemKind::Requirement], "Principal, Business Systems Analyst".to_string())));
        let d = extends_directive(
            "The Lead role extends the responsibilities of the SMB Advocate role, with more",
            None,
        );
        assert_eq!(d, Some((vec![ItemKind::Responsibility], "SMB Advocate".to_string())));
        let d = extends_directive(
            "This role extends the Senior Backend Engineer role as an individual contributor",
            None,
        );
        assert_eq!(d.map(|d| d.0.len()), Some(2));
        assert_eq!(
            reports_to("The Sr. Director reports to the VP, Information Technology"),
            Some("VP, Information Technology".into())
        );
        assert_eq!(reports_to("Reports to the Sr. Director of IT. Then"), Some("Sr. Director of IT".into()));
    }

    #[test]
    fn level_lookup_tolerates_punctuation() {
        let titles = vec![norm("Principal Business Systems Analyst"), norm("Staff Analyst")];
        assert_eq!(find_level("Principal, Business Systems Analyst", &titles), Some(0));
        assert_eq!(find_level("Nobody", &titles), None);
    }
}
