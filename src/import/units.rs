//! The blocks of a hiring section (or of one of its sub-sections) before any
//! sub-heading → pieces: steps from lists and plain lines, track labels, and notes.
//!
//! Steps are the list items and, where the section has no list, its plain lines. Where it
//! has lists, plain lines between or after them are steps too when they read as one
//! ("Candidates will then meet the Director"); a later ordered list that starts again at 1
//! restates the steps and is skipped with a warning. Asides (HTML, `<details>`, quotes,
//! code, tables) are notes.

use super::block::{Block, Kind};
use super::steptext::{Piece, is_note, item_steps, join_lines, reads_as_step, track_label};
use super::text::collapse_ws;

/// What a run of blocks holds; with `strict`, plain lines are steps only when they read
/// as one even without a list around them.
pub(crate) fn pieces(blocks: &[Block], strict: bool) -> Vec<Piece> {
    let has_list = strict || blocks.iter().any(|b| matches!(b.kind, Kind::List { .. }));
    let mut out = Vec::new();
    let mut details = 0i32;
    // Items of ordered lists so far in this track, to tell a continuation from a restatement.
    let mut ordered_items = 0u64;
    for b in blocks {
        if let Kind::Html { details: d } = b.kind {
            details = details.saturating_add(d).max(0);
            out.push(Piece::note(b.line, b.last_line, "(HTML)"));
            continue;
        }
        if details > 0 {
            out.push(Piece::note(b.line, b.last_line, &format!("(inside <details>) {}", plain(b))));
            continue;
        }
        match &b.kind {
            Kind::Paragraph(segs) => {
                let label = match segs.as_slice() {
                    [one] => track_label(&one.text),
                    _ => None,
                };
                if let Some(name) = label {
                    out.push(Piece::Label { name, line: b.line });
                    ordered_items = 0;
                    continue;
                }
                for step in join_lines(segs, false) {
                    let is_step = !is_note(&step.text) && (!has_list || reads_as_step(&step.text));
                    out.push(if is_step { Piece::Step(step) } else { Piece::Step(step).demote(None) });
                }
            }
            Kind::List { ordered, start, items } => {
                let restates = *ordered && *start == 1 && ordered_items > 0;
                if *ordered {
                    ordered_items += items.len() as u64;
                }
                for step in items.iter().flat_map(item_steps) {
                    out.push(if restates {
                        let why = "this list restates the steps above; it was not read as more steps";
                        Piece::Step(step).demote(Some(why))
                    } else {
                        Piece::Step(step)
                    });
                }
            }
            _ => out.push(Piece::note(b.line, b.last_line, &format!("({})", aside_name(&b.kind)))),
        }
    }
    out
}

impl Piece {
    /// A step turned into a note; `warn` says why, when the user should look.
    pub(crate) fn demote(self, warn: Option<&str>) -> Piece {
        match self {
            Piece::Step(s) => Piece::Note { note: s.into_note(), warn: warn.map(str::to_string) },
            other => other,
        }
    }
}

/// What an aside block is, for its note.
fn aside_name(kind: &Kind) -> &'static str {
    match kind {
        Kind::Table => "table",
        Kind::Code => "code",
        Kind::Quote => "quote",
        Kind::Rule => "rule",
        Kind::Heading { .. } => "heading",
        _ => "HTML",
    }
}

/// A block's text on one line.
fn plain(b: &Block) -> String {
    match &b.kind {
        Kind::Paragraph(segs) => {
            collapse_ws(&segs.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" "))
        }
        Kind::List { items, .. } => {
            collapse_ws(&items.iter().map(|i| i.text()).collect::<Vec<_>>().join("; "))
        }
        Kind::Heading { text, .. } => text.clone(),
        other => format!("({})", aside_name(other)),
    }
}
