//! What a line of a hiring section is: a step, a note (preamble, closing remark, the
//! offer), or the label of a track; and where one written step ends and the next begins.

use super::block::{Item, Segment};
use super::outline::has_role_word;
use super::text::{collapse_ws, words};
use super::track::Note;

/// One step as written.
#[derive(Debug, Clone)]
pub(crate) struct Step {
    pub text: String,
    pub line: usize,
    pub last_line: usize,
    /// The step's own heading, when steps are sub-headings.
    pub heading: Option<String>,
    /// Interviews the step's section lists, when more than one.
    pub count: Option<u32>,
}

impl Step {
    pub(crate) fn new(text: &str, line: usize) -> Self {
        Step { text: text.to_string(), line, last_line: line, heading: None, count: None }
    }

    pub(crate) fn into_note(self) -> Note {
        Note { line: self.line, last_line: self.last_line, text: collapse_ws(&self.text) }
    }
}

/// What the section holds, in page order, before stages are made.
#[derive(Debug, Clone)]
pub(crate) enum Piece {
    /// A step (or, once judged, a note: see [`is_note`]).
    Step(Step),
    /// Text that is not a step; `warn` says why it deserves the user's eye.
    Note { note: Note, warn: Option<String> },
    /// The start of a track: "For Managers:", "### Director Candidates".
    Label { name: String, line: usize },
}

impl Piece {
    pub(crate) fn note(line: usize, last_line: usize, text: &str) -> Self {
        Piece::Note { note: Note { line, last_line, text: collapse_ws(text) }, warn: None }
    }
}

/// One item, split where lazy continuation lines start new sentences.
pub(crate) fn item_steps(item: &Item) -> Vec<Step> {
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
        last.last_line = item.last_line.max(last.line);
    }
    steps
}

/// Lines → steps: a line starts a new step when it reads as a new sentence
/// (for list items: only lazy continuation lines).
pub(crate) fn join_lines(segments: &[Segment], lazy_only: bool) -> Vec<Step> {
    let mut steps: Vec<Step> = Vec::new();
    for seg in segments {
        match steps.last_mut() {
            Some(cur) if !((seg.lazy || !lazy_only) && starts_new_step(&cur.text, &seg.text)) => {
                cur.text.push(' ');
                cur.text.push_str(&seg.text);
                cur.last_line = seg.line;
            }
            _ => steps.push(Step::new(&seg.text, seg.line)),
        }
    }
    steps
}

/// Whether `next` begins a new step after a line ending in `prev`.
pub(crate) fn starts_new_step(prev: &str, next: &str) -> bool {
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

/// Words that make a heading read as a hiring step.
const STEP_WORDS: &[&str] = &[
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

/// Whether a sub-heading of the Hiring Process reads like a step
/// ("Recruiter Screening", "Round 2", "#### 3. Hiring Manager Interview").
pub(crate) fn looks_like_step(heading: &str) -> bool {
    let lower = heading.to_ascii_lowercase();
    numbered(heading).is_some()
        || STEP_WORDS.iter().any(|w| lower.contains(w))
        || super::people::names_person(heading)
}

/// Whether a heading starts the way a step's does: numbered, a step word first ("Panel
/// interview", not "Preparing for your interviews"), or naming whom it is with.
pub(crate) fn starts_like_step(heading: &str) -> bool {
    let lower = heading.trim_start().to_ascii_lowercase();
    numbered(heading).is_some()
        || STEP_WORDS.iter().any(|w| lower.starts_with(w))
        || super::people::names_person(heading)
}

/// A heading that only holds steps: "Stages", "Interview Steps", "Our Process".
pub(crate) fn is_container(heading: &str) -> bool {
    let w = words(heading);
    let last = w.last().map(String::as_str).unwrap_or("");
    w.len() <= 3 && ["stages", "steps", "rounds", "process", "overview"].contains(&last)
}

/// The rest of a numbered heading: "1. Initial Screen" → "Initial Screen";
/// "Step 2: Meet the team" → "Meet the team"; "Round 3 – Panel" → "Panel".
pub(crate) fn numbered(text: &str) -> Option<&str> {
    let t = text.trim_start();
    let lower = t.to_ascii_lowercase();
    let prefix = ["step ", "round ", "stage ", "phase "].iter().find(|p| lower.starts_with(**p));
    let t = prefix.map_or(t, |p| &t[p.len()..]);
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let after = &t[digits..];
    // Without "Step"/"Round", only a marker: "1. ", "2) ", "3: " ("30 minute", "2-4" are not).
    let marker = after.starts_with(". ") || after.starts_with(") ") || after.starts_with(": ");
    if prefix.is_none() && !marker && !after.is_empty() {
        return None;
    }
    let rest = after.trim_start_matches([' ', '.', ')', ':', '-', '–', '—']);
    Some(rest.trim())
}

/// A line naming a track: "For Individual Contributors:", "For People Managers:".
pub(crate) fn track_label(line: &str) -> Option<String> {
    let body = line.trim().strip_suffix(':')?;
    let n = body.split_whitespace().count();
    let for_ = body.get(..4).is_some_and(|p| p.eq_ignore_ascii_case("for "));
    if n == 0 || n > 6 || !(for_ || has_role_word(body)) {
        return None;
    }
    Some(track_name(if for_ { &body[4..] } else { body }))
}

/// A heading naming a track: "Director of Support Candidates", "Management Hiring Process".
pub(crate) fn track_heading(heading: &str) -> Option<String> {
    let lower = heading.to_lowercase();
    let name = track_name(heading);
    let candidates = lower.trim_end().ends_with("candidates") && has_role_word(&name);
    let generic =
        ["", "hiring", "interview", "the hiring", "our hiring"].contains(&name.to_lowercase().as_str());
    let process = lower.contains("process") && !generic && !lower.contains("preparing");
    (candidates || process).then_some(name)
}

/// A track's name without "For", "Candidates", "Hiring Process" or "Track".
fn track_name(text: &str) -> String {
    let mut t = collapse_ws(text.trim().trim_end_matches(':'));
    for suffix in [" candidates", " hiring process", " interview process", " process", " track"] {
        if t.to_lowercase().ends_with(suffix) {
            t.truncate(t.len() - suffix.len());
        }
    }
    for prefix in ["hiring process for ", "for the ", "for "] {
        if t.to_lowercase().starts_with(prefix) {
            t = t[prefix.len()..].to_string();
        }
    }
    t.trim().to_string()
}

/// A line that reads as a step when written between lists or after one: it names a kind
/// of step or someone to meet.
pub(crate) fn reads_as_step(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "interview",
        "screen",
        "call with",
        "assessment",
        "exercise",
        "case study",
        "present",
        "meet",
        "panel",
        "questionnaire",
        "conversation",
        "chat with",
        "demo",
        "take-home",
        "reference check",
        "background check",
    ];
    let lower = text.to_lowercase();
    !is_note(text) && !is_placeholder(text) && WORDS.iter().any(|w| lower.contains(w))
}

/// Template text left in a page: "{Insert hiring process steps here.}".
pub(crate) fn is_placeholder(text: &str) -> bool {
    let t = text.trim().trim_start_matches(['*', '_']);
    t.starts_with('{') && t.trim_end_matches(['*', '_']).ends_with('}')
}

/// A preamble or closing note written where steps go.
pub(crate) fn is_note(text: &str) -> bool {
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
    ANYWHERE.iter().any(|p| l.contains(p)) || START.iter().any(|p| l.starts_with(p)) || is_placeholder(text)
}

/// The step that only announces the offer (the store adds the Offer stage).
pub(crate) fn is_offer(text: &str) -> bool {
    let l = text.to_lowercase();
    let bare = numbered(&l).unwrap_or(&l).trim_start();
    bare == "offer"
        || bare.starts_with("offer:")
        || bare.starts_with("offer ")
        || [
            "made an offer",
            "extend an offer",
            "extended an offer",
            "receive an offer",
            "be offered the",
            "make you an offer",
            "make an offer",
        ]
        .iter()
        .any(|p| l.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_offers_and_placeholders() {
        assert!(is_note(
            "Candidates for this position can expect the hiring process to follow the order below."
        ));
        assert!(is_note("Additional details about our process can be found on our hiring page"));
        assert!(is_note("{Insert hiring process steps here.}"));
        assert!(!is_note("Screening call with a recruiter"));
        assert!(is_offer("Successful candidates will subsequently be made an offer via email"));
        assert!(is_offer("Step 5: Offer: If everything goes well, we will make you an offer"));
        assert!(is_offer("7. Offer"));
        assert!(!is_offer("Offering feedback to a panel"), "a word that starts with offer is not the offer");
    }

    #[test]
    fn new_sentences() {
        assert!(starts_new_step(
            "first interview with the Regional Delivery Manager",
            "Candidates may be invited"
        ));
        assert!(!starts_new_step("an interview with", "Senior Director"));
        assert!(!starts_new_step("Committee.", "and more"));
    }

    #[test]
    fn numbers_labels_and_tracks() {
        assert_eq!(numbered("1. Initial Screen - Recruiter"), Some("Initial Screen - Recruiter"));
        assert_eq!(numbered("Step 2: Meet the Hiring Manager"), Some("Meet the Hiring Manager"));
        assert_eq!(numbered("Round 3 – Panel"), Some("Panel"));
        assert_eq!(numbered("2024 plans"), None);
        assert_eq!(numbered("Recruiter Screening"), None);
        assert_eq!(numbered("30 minute screening call"), None);
        assert_eq!(numbered("2-4 interviews with the team"), None);
        assert_eq!(numbered("Round 2: 60 minute interview"), Some("60 minute interview"));
        assert_eq!(track_label("For Individual Contributors:").as_deref(), Some("Individual Contributors"));
        assert_eq!(track_label("For Managers:").as_deref(), Some("Managers"));
        assert_eq!(track_label("All candidates start the same way:"), None);
        assert_eq!(track_label("For Managers"), None);
        assert_eq!(track_heading("Director of Support Candidates").as_deref(), Some("Director of Support"));
        assert_eq!(track_heading("Management Hiring Process").as_deref(), Some("Management"));
        assert_eq!(track_heading("Internal candidates"), None);
        assert_eq!(track_heading("Hiring Process"), None);
        assert!(is_container("Stages") && is_container("Interview Steps") && !is_container("What to expect"));
    }
}
