//! The Hiring Process section → pieces (steps, notes, track labels) → one or more tracks of
//! stage drafts.
//!
//! Where the section has sub-headings, they are tracks ("### Director Candidates", two or
//! more), a container of steps ("### Stages" holding "#### 1. Initial Screen"), a single
//! nested process, or the steps themselves; otherwise steps come from the lists and plain
//! lines before any sub-heading (`units.rs`). Nothing is dropped silently: what is not a
//! step becomes a note on the nearest stage, and what looks like a step but was not read
//! as one also gets a warning.

use super::block::Kind;
use super::outline::{Class, Outline};
use super::passes::Blocks;
use super::steptext::{
    Piece, Step, is_container, is_note, is_offer, looks_like_step, numbered, starts_like_step, track_heading,
};
use super::text::{collapse_ws, contains_ci};
use super::track::{Note, Track};
use super::tracks::{Split, split};
use super::units;
use super::warning::Warning;

/// What the page says about hiring.
#[derive(Debug, Default)]
pub(crate) struct Hiring {
    /// Whether the page has a Hiring Process section at all.
    pub found: bool,
    /// One track per pipeline the section describes (the first is the role's); empty
    /// without a Hiring Process section.
    pub tracks: Vec<Track>,
    /// Notes of a section that has no stage to attach them to.
    pub notes: Vec<Note>,
}

/// Read the first Hiring Process section of the page.
pub(crate) fn hiring(o: &Outline, blocks: &Blocks, warnings: &mut Vec<Warning>) -> Hiring {
    let Some(h) = o.find("hiring process") else {
        return Hiring::default();
    };
    let pieces = section(o, blocks, h, 0);
    let Split { tracks, notes } = split(pieces, o.heads[h].line, warnings);
    if tracks.first().is_none_or(|t| t.stages.is_empty()) {
        warnings.push(Warning {
            line: o.heads[h].line,
            message: "the Hiring Process section lists no steps".into(),
        });
    }
    Hiring { found: true, tracks, notes }
}

/// Pieces of the section under heading `h`.
fn section(o: &Outline, blocks: &Blocks, h: usize, nesting: u8) -> Vec<Piece> {
    let scope = o.scope(h);
    let inside = h + 1..o.end[h];
    let child_depth = inside.clone().map(|j| o.heads[j].depth).min();
    let subs: Vec<usize> = inside.filter(|&j| Some(o.heads[j].depth) == child_depth).collect();
    let intro_end = subs.first().map_or(scope.end, |&s| o.heads[s].block);
    let intro = blocks.get(scope.start..intro_end.max(scope.start));
    let deeper = nesting < 3;
    let tracks: Vec<(usize, String)> =
        subs.iter().filter_map(|&s| track_heading(&o.heads[s].text).map(|n| (s, n))).collect();
    // Before track sub-sections, only lines that read as steps are (shared) steps.
    let mut out = units::pieces(intro, tracks.len() >= 2);
    if tracks.len() >= 2 && deeper {
        for &s in &subs {
            match tracks.iter().find(|(t, _)| *t == s) {
                Some((_, name)) => {
                    out.push(Piece::Label { name: name.clone(), line: o.heads[s].line });
                    out.extend(section(o, blocks, s, nesting + 1));
                }
                None => out.push(sub_note(o, blocks, s)),
            }
        }
        return out;
    }
    if intro.iter().any(|b| matches!(b.kind, Kind::List { .. })) || subs.is_empty() {
        out.extend(subs.iter().map(|&s| sub_note(o, blocks, s)));
        return out;
    }
    // The steps are in the sub-sections: what comes before them is a preamble.
    let mut out: Vec<Piece> = out.into_iter().map(|p| p.demote(None)).collect();
    // A single track's heading ("### Support Manager Candidates") holds the steps too.
    let lone_track = match tracks.as_slice() {
        [(only, _)] => Some(*only),
        _ => None,
    };
    let nested = subs.iter().copied().find(|&s| {
        contains_ci(&o.heads[s].text, "process")
            || is_container(&o.heads[s].text)
            || holds_steps(o, s)
            || lone_track == Some(s)
    });
    if let Some(nested) = nested.filter(|_| deeper) {
        for &s in &subs {
            if s == nested {
                let head = &o.heads[s];
                out.push(Piece::note(head.line, head.line, &head.text));
                out.extend(section(o, blocks, s, nesting + 1));
            } else {
                out.push(sub_note(o, blocks, s));
            }
        }
        return out;
    }
    let steplike = subs.iter().filter(|&&s| looks_like_step(&o.heads[s].text)).count();
    if steplike * 2 >= subs.len() {
        for &s in &subs {
            out.extend(heading_step(o, blocks, s));
        }
    } else {
        // Neither steps nor tracks: the preamble's plain lines were the steps after all.
        out = units::pieces(intro, false);
        out.extend(subs.iter().map(|&s| sub_note(o, blocks, s)));
    }
    out
}

/// Whether most sub-headings of `s` read as steps ("### Stages" → "#### 1. Screen").
fn holds_steps(o: &Outline, s: usize) -> bool {
    let depth = (s + 1..o.end[s]).map(|j| o.heads[j].depth).min();
    let kids: Vec<usize> = (s + 1..o.end[s]).filter(|&j| Some(o.heads[j].depth) == depth).collect();
    kids.len() >= 2 && kids.iter().filter(|&&k| looks_like_step(&o.heads[k].text)).count() * 2 > kids.len()
}

/// A sub-section not read as steps: a note spanning it, with a warning when its heading
/// reads like a step.
fn sub_note(o: &Outline, blocks: &Blocks, s: usize) -> Piece {
    let head = &o.heads[s];
    let last = blocks.get(o.scope(s)).last().map_or(head.line, |b| b.last_line.max(head.line));
    // Only a heading that starts like a step, and not a level's section that follows the
    // hiring process on the page (its Job Grade, Responsibilities … make it a level).
    let level =
        (s + 1..o.end[s]).any(|j| matches!(o.heads[j].class, Class::Resp | Class::Req | Class::JobGrade));
    let warn = (starts_like_step(&head.text) && !level).then(|| {
        format!("the sub-section \"{}\" was not read as a hiring step; it is kept as a note", head.text)
    });
    Piece::Note { note: Note { line: head.line, last_line: last, text: head.text.clone() }, warn }
}

/// A sub-heading step: the heading plus what its section says; notes and the offer written
/// at its end become notes of their own.
fn heading_step(o: &Outline, blocks: &Blocks, s: usize) -> Vec<Piece> {
    let head = &o.heads[s];
    let mut body = Vec::new();
    let mut after = Vec::new();
    let mut interviews = 0u32;
    let mut last_line = head.line;
    for b in blocks.get(o.scope(s)) {
        let text = match &b.kind {
            Kind::Paragraph(segs) => {
                collapse_ws(&segs.iter().map(|x| x.text.as_str()).collect::<Vec<_>>().join(" "))
            }
            Kind::List { items, .. } => {
                collapse_ws(&items.iter().map(|i| i.text()).collect::<Vec<_>>().join(" "))
            }
            _ => String::new(),
        };
        let closing = matches!(b.kind, Kind::Paragraph(_)) && (is_note(&text) || is_offer(&text));
        if closing || !after.is_empty() {
            after.push(Piece::note(b.line, b.last_line, if text.is_empty() { "(aside)" } else { &text }));
            continue;
        }
        if let Kind::List { items, .. } = &b.kind {
            interviews += items.iter().map(|i| u32::from(contains_ci(&i.text(), "interview"))).sum::<u32>();
        }
        if !text.is_empty() {
            body.push(text);
        }
        last_line = b.last_line;
    }
    let heading = head.text.clone();
    // "Step 3: Team Interview": the step's number is no count of interviews.
    let title = numbered(&heading).filter(|t| !t.is_empty()).unwrap_or(&heading);
    let text = if body.is_empty() { title.to_string() } else { format!("{title}: {}", body.join(" ")) };
    let step = Step {
        text: collapse_ws(&text),
        line: head.line,
        last_line,
        heading: Some(heading),
        count: (interviews > 1).then_some(interviews),
    };
    let mut out = vec![Piece::Step(step)];
    out.extend(after);
    out
}
