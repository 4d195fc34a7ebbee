//! Pieces of a hiring section → tracks of sourced stages: labels split the tracks (two or
//! more; the steps before the first are shared by all), notes attach to the nearest
//! stage, the final offer step becomes a note. Every track is stored: the first is the
//! role's pipeline, the others further pipelines (`track_levels.rs` says which levels
//! go through each).

use super::labels::describe;
use super::labels::long_label;
use super::shorten::MAX_LABEL;
use super::steptext::{Piece, Step, is_note, is_offer, numbered};
use super::text::collapse_ws;
use super::track::{Note, SourcedStage, Track};
use super::warning::Warning;
use crate::domain::StageDraft;

/// Most stages read for one track.
const MAX_STAGES: usize = 50;

/// The tracks of a section, and the notes of one without any stage.
pub(crate) struct Split {
    pub tracks: Vec<Track>,
    pub notes: Vec<Note>,
}

/// Split `pieces` into tracks; `line` is the section heading's.
pub(crate) fn split(pieces: Vec<Piece>, line: usize, warnings: &mut Vec<Warning>) -> Split {
    let labels = pieces.iter().filter(|p| matches!(p, Piece::Label { .. })).count();
    let mut groups: Vec<(Option<String>, usize, Vec<Piece>)> = Vec::new();
    if labels < 2 {
        let pieces = pieces.into_iter().map(label_as_note).collect();
        groups.push((None, line, pieces));
    } else {
        let mut shared = Vec::new();
        for p in pieces {
            match p {
                Piece::Label { name, line } => groups.push((Some(name), line, shared.clone())),
                p => match groups.last_mut() {
                    Some((.., g)) => g.push(p),
                    None => shared.push(p),
                },
            }
        }
    }
    let mut notes = Vec::new();
    let mut tracks = Vec::new();
    for (name, line, pieces) in groups {
        let (stages, loose) = stages_of(pieces, warnings);
        notes.extend(loose);
        tracks.push(Track { name, line, stages });
    }
    warnings.sort_by_key(|w| w.line);
    warnings.dedup();
    Split { tracks, notes }
}

fn label_as_note(p: Piece) -> Piece {
    match p {
        Piece::Label { name, line } => Piece::note(line, line, &name),
        p => p,
    }
}

/// One track's pieces → its stages, and its notes when it has no stage.
fn stages_of(mut pieces: Vec<Piece>, warnings: &mut Vec<Warning>) -> (Vec<SourcedStage>, Vec<Note>) {
    for p in pieces.iter_mut() {
        if let Piece::Step(s) = p
            && (s.text.is_empty() || is_note(&s.text))
        {
            *p = p.clone().demote(None);
        }
    }
    if let Some(last) = pieces.iter_mut().rev().find(|p| matches!(p, Piece::Step(_)))
        && matches!(last, Piece::Step(s) if is_offer(&s.text))
    {
        *last = last.clone().demote(None);
    }
    let mut stages: Vec<SourcedStage> = Vec::new();
    let mut pending: Vec<Note> = Vec::new();
    for p in pieces {
        let note = match p {
            Piece::Step(step) if stages.len() < MAX_STAGES => {
                let draft = stage(&step, warnings);
                let notes = std::mem::take(&mut pending);
                stages.push(SourcedStage { stage: draft, line: step.line, last_line: step.last_line, notes });
                continue;
            }
            Piece::Step(step) => {
                warnings.push(Warning {
                    line: step.line,
                    message: format!("more than {MAX_STAGES} hiring steps; this one is kept as a note"),
                });
                step.into_note()
            }
            Piece::Note { note, warn } => {
                if let Some(message) = warn {
                    warnings.push(Warning { line: note.line, message });
                }
                note
            }
            Piece::Label { name, line } => Note { line, last_line: line, text: name },
        };
        match stages.last_mut() {
            Some(s) => s.notes.push(note),
            None => pending.push(note),
        }
    }
    match stages.first_mut() {
        Some(first) => {
            pending.append(&mut first.notes);
            first.notes = pending;
            make_unique(&mut stages);
            (stages, Vec::new())
        }
        None => (stages, pending),
    }
}

/// The label a heading step is described by: its number dropped, and "Kind - Person"
/// read as "Kind with Person" ("Initial Interview - Hiring Manager").
fn heading_for_label(heading: &str) -> String {
    let h = numbered(heading).unwrap_or(heading);
    for dash in [" - ", " – ", " — "] {
        if let Some((kind, who)) = h.split_once(dash)
            && super::people::names_person(who)
        {
            return format!("{kind} with {who}");
        }
    }
    h.to_string()
}

/// Turn one step into a stage draft.
fn stage(step: &Step, warnings: &mut Vec<Warning>) -> crate::domain::StageDraft {
    let heading = step.heading.as_deref().map(heading_for_label);
    // "Round 2: 60 minute interview": the step's number is no count of interviews; a
    // heading's "Kind - Person" names whom the step is with before its body does.
    let body = numbered(&step.text).filter(|b| !b.is_empty()).unwrap_or(&step.text);
    let described = match &heading {
        Some(h) => format!("{h}. {body}"),
        None => body.to_string(),
    };
    let info = describe(&described, heading.as_deref());
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
    crate::domain::StageDraft {
        label: info.label,
        full_text: collapse_ws(&step.text),
        interviewers: info.interviewers,
        alternatives: info.alternatives,
        min_interviews: min,
        max_interviews: max,
    }
}

/// Suffix repeated labels with " 2", " 3", … so board columns differ.
fn make_unique(stages: &mut [SourcedStage]) {
    let mut seen: Vec<String> = Vec::new();
    for s in stages.iter_mut().map(|s| &mut s.stage) {
        unique_label(s, &mut seen);
    }
}

fn unique_label(s: &mut StageDraft, seen: &mut Vec<String>) {
    let taken = |seen: &[String], l: &str| seen.iter().any(|x| x.eq_ignore_ascii_case(l));
    // "Director" taken: try the longer "Director Digital" first.
    let who = s.alternatives.last().or(s.interviewers.first());
    if taken(seen, &s.label)
        && let Some(longer) = who.map(|w| long_label(w)).filter(|l| !taken(seen, l))
    {
        s.label = longer;
    }
    let base = s.label.clone();
    let mut n = 1;
    while taken(seen, &s.label) {
        n += 1;
        let suffix = format!(" {n}");
        let room = MAX_LABEL.saturating_sub(suffix.len());
        let head: String = base.chars().take(room).collect();
        s.label = format!("{}{suffix}", head.trim_end());
    }
    seen.push(s.label.clone());
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_labels_read_kind_and_person() {
        assert_eq!(
            heading_for_label("1. Initial Interview - Hiring Manager"),
            "Initial Interview with Hiring Manager"
        );
        assert_eq!(heading_for_label("Step 1: Recruiter Screening Call"), "Recruiter Screening Call");
        assert_eq!(heading_for_label("Reference and Background Check"), "Reference and Background Check");
    }

    #[test]
    fn unique_labels() {
        let mut seen = Vec::new();
        let mut s = [StageDraft::offer(), StageDraft::offer(), StageDraft::offer()];
        for d in s.iter_mut() {
            unique_label(d, &mut seen);
        }
        let labels: Vec<_> = s.iter().map(|s| s.label.as_str()).collect();
        assert_eq!(labels, ["Offer", "Offer 2", "Offer 3"]);
    }
}
