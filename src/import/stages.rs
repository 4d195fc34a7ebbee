//! The Hiring Process section → ordered steps → stage drafts.
//!
//! Steps come from the section's first top-level list (continued past
//! embedded HTML, `<details>` blocks and quotes; lazy continuation lines
//! that read as new sentences are steps of their own), else from its
//! sub-headings, else from its plain lines. Preambles and closing notes
//! written as steps are dropped, and so is a final "made an offer" step.

use crate::domain::StageDraft;

use super::block::{Item, Kind, Segment};
use super::labels::{describe, long_label};
use super::outline::Outline;
use super::passes::Blocks;
use super::shorten::MAX_LABEL;
use super::text::{collapse_ws, contains_ci};
use super::warning::Warning;

/// Most stages read from one page.
const MAX_STAGES: usize = 50;

/// What the page says about hiring.
#[derive(Debug, Default)]
pub(crate) struct Hiring {
    /// Whether the page has a Hiring Process section at all.
    pub found: bool,
    /// The stages, in order, without the Offer stage.
    pub stages: Vec<StageDraft>,
}

/// One step as written.
#[derive(Debug, Clone)]
struct Step {
    text: String,
    line: usize,
    heading: Option<String>,
    count: Option<u32>,
}

impl Step {
    fn new(text: &str, line: usize) -> Self {
        Step { text: text.to_string(), line, heading: None, count: None }
    }
}

/// Read the first Hiring Process section of the page.
pub(crate) fn hiring(o: &Outline, blocks: &Blocks, warnings: &mut Vec<Warning>) -> Hiring {
    let Some(h) = o.find("hiring process") else {
        return Hiring::default();
    };
    let mut steps = steps_in(o, blocks, h, 0, warnings);
    steps.retain(|s| !s.text.is_empty() && !is_note(&s.text));
    if steps.last().is_some_and(|s| is_offer(&s.text)) {
        steps.pop();
    }
    if steps.is_empty() {
        warnings.push(Warning {
            line: o.heads[h].line,
            message: "the Hiring Process section lists no steps".into(),
        });
    }
    if steps.len() > MAX_STAGES {
        warnings.push(Warning {
            line: steps[MAX_STAGES].line,
            message: format!("more than {MAX_STAGES} hiring steps; the rest were skipped"),
        });
        steps.truncate(MAX_STAGES);
    }
    let mut stages: Vec<StageDraft> = steps.iter().map(|s| stage(s, warnings)).collect();
    make_unique(&mut stages);
    Hiring { found: true, stages }
}

/// Steps of the section under heading `h`.
fn steps_in(o: &Outline, blocks: &Blocks, h: usize, nesting: u8, warnings: &mut Vec<Warning>) -> Vec<Step> {
    let scope = o.scope(h);
    let inside = h + 1..o.end[h];
    let child_depth = inside.clone().map(|j| o.heads[j].depth).min();
    let subs: Vec<usize> = inside.filter(|&j| Some(o.heads[j].depth) == child_depth).collect();
    let intro_end = subs.first().map_or(scope.end, |&s| o.heads[s].block);
    let intro = scope.start..intro_end.max(scope.start);
    if let Some(first) = blocks.get(intro.clone()).iter().find(|b| matches!(b.kind, Kind::List { .. })) {
        let first = first.index;
        return list_steps(blocks, first, intro.end, warnings);
    }
    if let Some(&nested) = subs.iter().find(|&&s| contains_ci(&o.heads[s].text, "process"))
        && nesting < 3
    {
        if subs.len() > 1 {
            warnings.push(Warning {
                line: o.heads[nested].line,
                message: format!(
                    "the Hiring Process section has {} sub-sections; only \"{}\" was read",
                    subs.len(),
                    o.heads[nested].text
                ),
            });
        }
        return steps_in(o, blocks, nested, nesting + 1, warnings);
    }
    let steplike = subs.iter().filter(|&&s| looks_like_step(&o.heads[s].text)).count();
    if !subs.is_empty() && steplike * 2 >= subs.len() {
        return subs.iter().map(|&s| heading_step(o, blocks, s)).collect();
    }
    plain_steps(blocks, intro)
}

/// Steps from the list at block `first`, continued past asides.
fn list_steps(blocks: &Blocks, first: usize, end: usize, warnings: &mut Vec<Warning>) -> Vec<Step> {
    let Some(Kind::List { ordered, items }) = blocks.at(first).map(|b| &b.kind) else {
        return Vec::new();
    };
    let mut all: Vec<&Item> = items.iter().collect();
    let mut details = 0i32;
    let mut k = end;
    for b in blocks.get(first + 1..end) {
        match &b.kind {
            Kind::Html { details: d } => details = details.saturating_add(*d).max(0),
            Kind::Quote => {}
            _ if details > 0 => {}
            Kind::List { ordered: o, items } if o == ordered => all.extend(items.iter()),
            _ => {
                k = b.index;
                break;
            }
        }
    }
    warn_skipped_lists(blocks, k..end, warnings);
    all.iter().flat_map(|item| item_steps(item)).collect()
}

/// Warn about later lists in the section that hold more than notes.
fn warn_skipped_lists(blocks: &Blocks, range: std::ops::Range<usize>, warnings: &mut Vec<Warning>) {
    for b in blocks.get(range) {
        if let Kind::List { items, .. } = &b.kind
            && items.iter().any(|i| !is_note(&i.text()) && !is_offer(&i.text()))
        {
            warnings.push(Warning {
                line: b.line,
                message: "only the first list of the Hiring Process section is read; this list was skipped"
                    .into(),
            });
        }
    }
}

/// One item, split where lazy continuation lines start new sentences.
fn item_steps(item: &Item) -> Vec<Step> {
    let mut steps = join_lines(&item.segments, true);
    if steps.is_empty() {
        steps.push(Step::new("", item.line));
    }
    if let Some(last) = steps.last_mut() {
        for extra in &item.extra {
            last.text.push(' ');
            last.text.push_str(extra);
        }
        last.text = collapse_ws(&last.text);
    }
    steps
}

/// Lines → steps: a line starts a new step when it reads as a new sentence
/// (for list items: only lazy continuation lines).
fn join_lines(segments: &[Segment], lazy_only: bool) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for seg in segments {
        match steps.last_mut() {
            Some(cur) if !((seg.lazy || !lazy_only) && starts_new_step(&cur.text, &seg.text)) => {
                cur.text.push(' ');
                cur.text.push_str(&seg.text);
            }
            _ => steps.push(Step::new(&seg.text, seg.line)),
        }
    }
    steps
}

/// Whether `next` begins a new step after a line ending in `prev`.
fn starts_new_step(prev: &str, next: &str) -> bool {
    const CONNECTORS: &[&str] = &[
        "with",
        "and",
        "or",
        "the",
        "a",
        "an",
        "of",
        "to",
        "for",
        "by",
        "in",
        "on",
        "at",
        "from",
        "as",
        "our",
        "your",
        "their",
        "via",
        "including",
    ];
    if !next.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let prev = prev.trim_end();
    if prev.ends_with(['.', '!', '?', ':']) {
        return true;
    }
    if prev.ends_with([',', ';', '-', '&', '/', '(']) {
        return false;
    }
    let last = prev.rsplit(char::is_whitespace).next().unwrap_or("").to_ascii_lowercase();
    !CONNECTORS.contains(&last.as_str())
}

/// A sub-heading step: the heading plus what its section says.
fn heading_step(o: &Outline, blocks: &Blocks, s: usize) -> Step {
    let mut body = Vec::new();
    let mut interviews = 0u32;
    for b in blocks.get(o.scope(s)) {
        match &b.kind {
            Kind::Paragraph(segs) => {
                let text = segs.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" ");
                if !is_note(&text) {
                    body.push(text);
                }
            }
            Kind::List { items, .. } => {
                for item in items {
                    let t = item.text();
                    interviews += u32::from(contains_ci(&t, "interview"));
                    body.push(t);
                }
            }
            _ => {}
        }
    }
    let heading = o.heads[s].text.clone();
    let text = if body.is_empty() { heading.clone() } else { format!("{heading}: {}", body.join(" ")) };
    Step {
        text: collapse_ws(&text),
        line: o.heads[s].line,
        heading: Some(heading),
        count: (interviews > 1).then_some(interviews),
    }
}

/// Whether a sub-heading of the Hiring Process reads like a step
/// ("Recruiter Screening", "Round 2", "Hiring Manager Interview").
fn looks_like_step(heading: &str) -> bool {
    const WORDS: &[&str] = &[
        "screen",
        "interview",
        "assessment",
        "round",
        "step",
        "stage",
        "call",
        "check",
        "reference",
        "panel",
        "exercise",
        "presentation",
        "demo",
        "offer",
        "questionnaire",
        "meeting",
        "chat",
    ];
    let lower = heading.to_ascii_lowercase();
    WORDS.iter().any(|w| lower.contains(w)) || super::people::names_person(heading)
}

/// Steps written as plain lines, without list markers.
fn plain_steps(blocks: &Blocks, range: std::ops::Range<usize>) -> Vec<Step> {
    blocks
        .get(range)
        .iter()
        .filter_map(|b| match &b.kind {
            Kind::Paragraph(segs) => Some(join_lines(segs, false)),
            _ => None,
        })
        .flatten()
        .collect()
}

/// A preamble or closing note written where steps go.
fn is_note(text: &str) -> bool {
    let l = text.trim().to_lowercase();
    const ANYWHERE: &[&str] = &[
        "can expect the hiring process",
        "can expect the interview process",
        "can generally expect",
        "hiring process to follow",
        "process to follow the order",
        "additional details about our process",
        "can be found on our",
        "see more details",
        "more details about our",
        "find their job title",
    ];
    const START: &[&str] = &[
        "additional details",
        "please note",
        "please keep in mind",
        "note:",
        "note that",
        "as always",
        "expect between",
        "to learn more about",
        "all interviews are conducted",
    ];
    ANYWHERE.iter().any(|p| l.contains(p)) || START.iter().any(|p| l.starts_with(p))
}

/// The step that only announces the offer (the store adds the Offer stage).
fn is_offer(text: &str) -> bool {
    let l = text.to_lowercase();
    ["made an offer", "extend an offer", "extended an offer", "receive an offer", "be offered the"]
        .iter()
        .any(|p| l.contains(p))
}

/// Turn one step into a stage draft.
fn stage(step: &Step, warnings: &mut Vec<Warning>) -> StageDraft {
    let info = describe(&step.text, step.heading.as_deref());
    if info.guessed {
        warnings.push(Warning {
            line: step.line,
            message: format!("could not tell what this hiring step is; labelled it \"{}\"", info.label),
        });
    }
    if step.text.matches('(').count() > step.text.matches(')').count() {
        warnings.push(Warning {
            line: step.line,
            message: "this hiring step seems cut short (unclosed parenthesis); imported as written".into(),
        });
    }
    let (min, max) = match step.count {
        Some(n) if (info.min, info.max) == (1, 1) => (n, n),
        _ => (info.min, info.max),
    };
    StageDraft {
        label: info.label,
        full_text: collapse_ws(&step.text),
        interviewers: info.interviewers,
        alternatives: info.alternatives,
        min_interviews: min,
        max_interviews: max,
    }
}

/// Suffix repeated labels with " 2", " 3", … so board columns differ.
fn make_unique(stages: &mut [StageDraft]) {
    let mut seen: Vec<String> = Vec::new();
    for s in stages.iter_mut() {
        let taken = |l: &str| seen.iter().any(|x| x.eq_ignore_ascii_case(l));
        // "Director" taken: try the longer "Director Digital" first.
        let who = s.alternatives.last().or(s.interviewers.first());
        if taken(&s.label)
            && let Some(longer) = who.map(|w| long_label(w)).filter(|l| !taken(l))
        {
            s.label = longer;
        }
        let base = s.label.clone();
        let mut n = 1;
        while seen.iter().any(|x| x.eq_ignore_ascii_case(&s.label)) {
            n += 1;
            let suffix = format!(" {n}");
            let room = MAX_LABEL.saturating_sub(suffix.len());
            let head: String = base.chars().take(room).collect();
            s.label = format!("{}{suffix}", head.trim_end());
        }
        seen.push(s.label.clone());
    }
}

#[cfg(test)]
#[path = "stages_tests.rs"]
mod tests;
