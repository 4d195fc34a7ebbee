//! One hiring step's prose → a short board label, the people named, the
//! alternatives ("A or B") and how many interviews the step holds.

use super::outline::has_role_word;
use super::people::{People, people};
use super::text::{capitalize, collapse_ws, find_word, number_word, word_start};

/// Longest label we aim for (a board column header).
pub(crate) const MAX_LABEL: usize = 24;

/// What one step says, in structured form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct StageInfo {
    /// Short board label.
    pub label: String,
    /// Whether the label was only guessed from the first words.
    pub guessed: bool,
    /// People or roles named.
    pub interviewers: Vec<String>,
    /// Alternatives ("VP Finance", "CFO").
    pub alternatives: Vec<String>,
    /// Fewest interviews.
    pub min: u32,
    /// Most interviews.
    pub max: u32,
}

/// Describe one step. `heading` is the step's own heading when the steps
/// are sub-headings; it is preferred for the label unless it is generic.
pub(crate) fn describe(text: &str, heading: Option<&str>) -> StageInfo {
    let first = first_sentence(text);
    let who = with_phrase(first).or_else(|| with_phrase(text));
    let found = who.map(|(_, p)| people(p)).unwrap_or_default();
    let (mut min, mut max) = interview_range(text).unwrap_or((1, 1));
    if (min, max) == (1, 1) && find_word(text, "series").is_some() && found.interviewers.len() > 1 {
        let n = u32::try_from(found.interviewers.len()).unwrap_or(1);
        (min, max) = (n, n);
    }
    let from_heading = heading.filter(|h| !is_generic_heading(h)).and_then(|h| {
        let hp = with_phrase(h).map(|(_, p)| people(p)).unwrap_or_default();
        label_for(h, &hp)
    });
    let (label, guessed) = match from_heading
        .or_else(|| label_for(first, &found))
        .or_else(|| label_for(text, &found))
    {
        Some(l) => (l, false),
        None => (fallback(heading.unwrap_or(first)), true),
    };
    StageInfo {
        label,
        guessed,
        alternatives: found.alternatives.iter().map(|a| a.name.clone()).collect(),
        interviewers: found.interviewers,
        min,
        max,
    }
}

/// The label rules for one sentence, in order of preference.
fn label_for(sentence: &str, found: &People) -> Option<String> {
    let with_at = find_word(sentence, "with");
    let keyword = keyword_label(sentence);
    if let Some((at, label)) = &keyword {
        if with_at.is_none_or(|w| *at < w) {
            return Some(label.to_string());
        }
    }
    if let Some(label) = people_label(found) {
        let panel = find_word(sentence, "panel").is_some();
        return Some(if panel { with_suffix(&label, " panel") } else { label });
    }
    keyword
        .map(|(_, l)| l.to_string())
        .or_else(|| adjective_interview(sentence))
        .or_else(|| our_title(sentence))
}

/// Words that name the kind of step, with the label they give.
const KEYWORDS: &[(&str, &str)] = &[
    ("screen", "Screening"),
    ("questionnaire", "Questionnaire"),
    ("case study", "Case study"),
    ("technical assessment", "Technical assessment"),
    ("written assessment", "Written assessment"),
    ("writing assessment", "Writing assessment"),
    ("assessment", "Assessment"),
    ("take-home", "Assessment"),
    ("take home", "Assessment"),
    ("exercise", "Assessment"),
    ("work sample", "Work samples"),
    ("technical interview", "Technical interview"),
    ("behavioral interview", "Behavioral interview"),
    ("behavioural interview", "Behavioral interview"),
    ("reference", "References"),
    ("background check", "Background check"),
    ("demo", "Demo"),
    ("presentation", "Presentation"),
    ("present", "Presentation"),
    ("project", "Project"),
    ("recording", "Recording review"),
    ("interview team", "Team interviews"),
    ("in person", "In-person meeting"),
];

/// The earliest keyword (at a word start) in the sentence.
fn keyword_label(sentence: &str) -> Option<(usize, &'static str)> {
    let lower = sentence.to_ascii_lowercase();
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (needle, label) in KEYWORDS {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(needle)) {
            let at = from + i;
            from = at + needle.len();
            if !word_start(&lower, at) {
                continue;
            }
            let better = best.is_none_or(|(b, len, _)| at < b || (at == b && needle.len() > len));
            if better {
                best = Some((at, needle.len(), label));
            }
            break;
        }
    }
    best.map(|(at, _, label)| (at, label))
}

/// Label from the people named: the last real alternative, else the first
/// interviewer.
fn people_label(found: &People) -> Option<String> {
    let pick = found
        .alternatives
        .iter()
        .rev()
        .find(|a| !a.catch_all)
        .or_else(|| found.alternatives.last())
        .map(|a| a.name.as_str())
        .or_else(|| found.interviewers.first().map(String::as_str))?;
    let label = shorten(&title_case_role(pick));
    (!label.is_empty()).then_some(label)
}

/// "Vice President" → "VP", "Chief Revenue Officer" → "CRO", commas dropped.
fn title_case_role(name: &str) -> String {
    let name = name.replace("Vice President", "VP").replace("vice president", "VP");
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let w = words[i];
        if w.eq_ignore_ascii_case("chief") {
            let end = words[i..].iter().position(|x| x.trim_end_matches(',').eq_ignore_ascii_case("officer"));
            if let Some(end) = end.filter(|e| (2..=4).contains(e)) {
                let initials: String = words[i + 1..i + end]
                    .iter()
                    .filter_map(|x| x.chars().next())
                    .filter(|c| c.is_alphabetic())
                    .map(|c| c.to_ascii_uppercase())
                    .collect();
                out.push(format!("C{initials}O"));
                i += end + 1;
                continue;
            }
        }
        out.push(w.to_string());
        i += 1;
    }
    capitalize(&out.join(" "))
}

/// Add `suffix` to a label, shortening the label first if needed.
fn with_suffix(label: &str, suffix: &str) -> String {
    let room = MAX_LABEL.saturating_sub(suffix.len());
    format!("{}{suffix}", truncate_words(label, room))
}

/// "final executive interview" → "Executive interview";
/// "Hiring Manager Interview" → "Hiring Manager".
fn adjective_interview(sentence: &str) -> Option<String> {
    const SKIP: &[&str] = &[
        "first", "second", "third", "fourth", "fifth", "final", "initial", "last", "next", "another",
        "additional", "optional", "video", "virtual", "zoom", "formal", "follow-up", "separate",
        "live", "short", "long", "one", "two", "three", "minute", "minutes", "round",
    ];
    const STOP: &[&str] = &[
        "to", "for", "of", "be", "schedule", "an", "a", "the", "in", "with", "and", "or", "our",
        "is", "are", "will", "may",
    ];
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    for (at, w) in words.iter().enumerate() {
        let l = w.to_ascii_lowercase();
        if l != "interview" && l != "interviews" {
            continue;
        }
        let mut phrase: Vec<&str> = Vec::new();
        for w in words[..at].iter().rev().take(3) {
            let l = w.to_ascii_lowercase();
            if SKIP.contains(&l.as_str()) || l.chars().any(|c| c.is_ascii_digit()) {
                if phrase.is_empty() {
                    continue;
                }
                break;
            }
            if STOP.contains(&l.as_str()) || !l.chars().all(|c| c.is_alphabetic() || c == '-') {
                break;
            }
            phrase.insert(0, w);
        }
        let Some(last) = phrase.last() else { continue };
        let joined = phrase.join(" ");
        if has_role_word(&joined) && joined.chars().any(char::is_uppercase) {
            return Some(shorten(&title_case_role(&joined)));
        }
        return Some(format!("{} interview", capitalize(&last.to_ascii_lowercase())));
    }
    None
}

/// "our CMO may choose…" → "CMO".
fn our_title(sentence: &str) -> Option<String> {
    let at = find_word(sentence, "our")?;
    let rest = sentence.get(at + 3..)?;
    let title: Vec<&str> = rest
        .split_whitespace()
        .take_while(|w| w.chars().next().is_some_and(char::is_uppercase))
        .collect();
    let title = title.join(" ");
    let title = title.trim_end_matches([',', '.', ';', ':']);
    (!title.is_empty()).then(|| shorten(&title_case_role(title)))
}

/// Last resort: the first few meaningful words of the step.
fn fallback(sentence: &str) -> String {
    const FILLER: &[&str] = &[
        "next", "then", "finally", "after", "that", "lastly", "first", "candidates", "candidate",
        "will", "be", "invited", "asked", "to", "schedule", "we", "you", "the", "a", "an", "may",
        "also", "up", "are", "is", "in", "tandem", "at", "stage",
    ];
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .skip_while(|w| FILLER.contains(&w.to_ascii_lowercase().as_str()))
        .take(3)
        .collect();
    let label = shorten(&capitalize(&words.join(" ")));
    if label.is_empty() { "Step".to_string() } else { label }
}

/// Headings like "Round 1" or "Step 2" that say nothing about the step.
fn is_generic_heading(h: &str) -> bool {
    let w: Vec<String> = super::text::words(h);
    let generic = ["round", "step", "stage", "part", "phase", "interview"];
    !w.is_empty() && w.len() <= 2 && generic.contains(&w[0].as_str())
}

/// The phrase after the first "with": who the step is with.
pub(crate) fn with_phrase(sentence: &str) -> Option<(usize, &str)> {
    const ENDS: &[&str] = &[
        " in a ", " in the ", " in ", " for ", " from ", " who ", " that ", " where ", " to ",
        " using ", " via ", " on ", " at ", " during ", " (", " - ", " – ", " — ", ". ", "; ",
        ": ", " about ", " if ", " which ", " after ", " before ", " when ", " so ", " may ",
        " will ", " can ", " should ", " and a ", " and an ", ", and the other", " and the other",
        " with ", " as ", " is ", " are ", " regarding ",
    ];
    let at = find_word(sentence, "with")?;
    let start = at + "with".len();
    let rest = sentence.get(start..)?;
    let lower = rest.to_ascii_lowercase();
    let end = ENDS
        .iter()
        .filter_map(|e| lower.get(1..).and_then(|l| l.find(e)).map(|i| i + 1))
        .min()
        .unwrap_or(rest.len());
    let phrase = rest.get(..end)?.trim().trim_end_matches(['.', ',', ';', ':', '!', '?']);
    (!phrase.is_empty()).then_some((at, phrase))
}

/// The first sentence: up to ". ", "? ", "! " or ": " that is not an abbreviation.
pub(crate) fn first_sentence(text: &str) -> &str {
    const ABBREV: &[&str] = &["sr", "jr", "dir", "mr", "ms", "mrs", "dr", "vs", "st", "no", "e.g", "i.e", "etc", "approx", "mgr"];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_space = bytes.get(i + 1).is_some_and(|c| *c == b' ');
        if !(matches!(b, b'.' | b'?' | b'!' | b':') && next_space) {
            continue;
        }
        if b == b'.' {
            let before = text.get(..i).unwrap_or("");
            let word = before.rsplit(|c: char| c.is_whitespace() || c == '(').next().unwrap_or("");
            let lw = word.to_ascii_lowercase();
            let initial = word.chars().count() == 1;
            if ABBREV.contains(&lw.as_str()) || initial {
                continue;
            }
        }
        if let Some(s) = text.get(..i) {
            return s;
        }
    }
    text
}

/// Interview count range: "one to two interviews", "2-4 interviews",
/// "up to three interviews", "a series of 3", "a couple of interviews",
/// "with 2-5 team members".
pub(crate) fn interview_range(text: &str) -> Option<(u32, u32)> {
    let norm = text.to_lowercase().replace(['–', '—'], "-").replace(" - ", "-");
    let tokens: Vec<&str> = norm
        .split_whitespace()
        .map(|t| t.trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '(' | ')' | '!' | '?')))
        .filter(|t| !t.is_empty())
        .collect();
    let panel = tokens.iter().any(|t| t.starts_with("panel"));
    (0..tokens.len()).find_map(|i| range_at(&tokens, i, panel))
}

/// A count range starting at token `i`, if a counted noun follows.
fn range_at(tokens: &[&str], i: usize, panel: bool) -> Option<(u32, u32)> {
    let t = |k: usize| tokens.get(k).copied().unwrap_or("");
    let (min, max, next) = if t(i) == "couple" && t(i + 1) == "of" {
        (2, 2, i + 2)
    } else if t(i) == "up" && t(i + 1) == "to" {
        (1, number_word(t(i + 2))?, i + 3)
    } else if t(i) == "series" && t(i + 1) == "of" {
        let n = number_word(t(i + 2))?;
        (n, n, i + 3)
    } else if let Some((a, b)) = t(i).split_once('-') {
        (number_word(a)?, number_word(b)?, i + 1)
    } else {
        let a = number_word(t(i))?;
        match (t(i + 1), number_word(t(i + 2))) {
            ("to" | "or", Some(b)) => (a, b, i + 3),
            _ if a >= 2 => (a, a, i + 1),
            _ => return None,
        }
    };
    if !(1..=20).contains(&min) || min > max || max > 20 {
        return None;
    }
    if ["minute", "minutes", "min", "mins", "hour", "hours"].contains(&t(next)) {
        return None;
    }
    let counted = (next..next + 4).any(|k| {
        let w = t(k);
        let interviews = ["interview", "interviews", "sessions", "conversations", "calls", "meetings"];
        let persons = ["members", "teammates", "interviewers", "peers", "smes", "stakeholders", "leaders"];
        interviews.contains(&w) || (!panel && persons.contains(&w))
    });
    counted.then_some((min, max))
}

/// Shorten a label to at most [`MAX_LABEL`] characters at a word boundary,
/// without commas or a dangling connector.
pub(crate) fn shorten(label: &str) -> String {
    let cleaned: Vec<String> = label
        .replace(',', " ")
        .split_whitespace()
        .map(|w| if w.len() <= 4 && w.ends_with('.') { w.trim_end_matches('.').to_string() } else { w.to_string() })
        .collect();
    truncate_words(&collapse_ws(&cleaned.join(" ")), MAX_LABEL)
}

/// Keep whole words up to `max` characters; cut a dangling "and …" tail.
fn truncate_words(s: &str, max: usize) -> String {
    const CONNECTORS: &[&str] = &["and", "&", "of", "for", "or", "in", "the", "with", "at", "to", "/", "-"];
    if s.chars().count() <= max {
        return s.to_string();
    }
    let words: Vec<&str> = s.split_whitespace().collect();
    let mut kept: Vec<&str> = Vec::new();
    let mut len = 0;
    for w in &words {
        let add = w.chars().count() + usize::from(!kept.is_empty());
        if len + add > max {
            break;
        }
        len += add;
        kept.push(w);
    }
    if kept.is_empty() {
        return s.chars().take(max).collect();
    }
    let coordinator = |w: &&str| ["and", "&", "or", "/"].contains(&w.to_ascii_lowercase().as_str());
    if let Some(p) = kept.iter().rposition(coordinator) {
        if p > 0 {
            kept.truncate(p);
        }
    }
    while kept.len() > 1 && kept.last().is_some_and(|w| CONNECTORS.contains(&w.to_ascii_lowercase().as_str())) {
        kept.pop();
    }
    kept.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> String {
        describe(s, None).label
    }

    #[test]
    fn seed_style_labels() {
        assert_eq!(label("Next, candidates will be invited to schedule a screening call with our Global Recruiters"), "Screening");
        assert_eq!(label("Next, candidates will be invited to schedule a first interview with our VP IT in a panel interview"), "VP IT panel");
        assert_eq!(label("Candidates will then be invited to schedule with a leader in the Data, IT Ops, BSA team or FinSys team"), "Leader");
        assert_eq!(label("Interview with Senior Director, Data and Analytics or Senior Director, Enterprise Applications."), "Senior Director");
        assert_eq!(label("Interview with the VP, IT"), "VP IT");
    }

    #[test]
    fn alternatives_take_the_last_real_one() {
        let d = describe("Then the candidate will be invited to interview with the VP Finance or CFO", None);
        assert_eq!(d.label, "CFO");
        assert_eq!(d.alternatives, ["VP Finance", "CFO"]);
        let d = describe("Finally, a call with a Board Member, CEO Mentor, or other industry professional", None);
        assert_eq!(d.label, "CEO Mentor");
        assert_eq!(label("Meet with the Chief Revenue Officer"), "CRO");
    }

    #[test]
    fn counts() {
        assert_eq!(interview_range("a one to two interviews with a stakeholder"), Some((1, 2)));
        assert_eq!(interview_range("interview with 2 - 4 team members"), Some((2, 4)));
        assert_eq!(interview_range("up to three interviews"), Some((1, 3)));
        assert_eq!(interview_range("a series of 3 interviews"), Some((3, 3)));
        assert_eq!(interview_range("a couple of 50-minute interviews"), Some((2, 2)));
        assert_eq!(interview_range("a series of 30-45 minute interviews"), None);
        assert_eq!(interview_range("two members of the team in a panel interview"), None);
    }

    #[test]
    fn keyword_and_adjective_labels() {
        assert_eq!(label("Selected candidates will be invited to complete a short written assessment."), "Written assessment");
        assert_eq!(label("90-Minute Technical Interview with a member of the Support team."), "Technical interview");
        assert_eq!(label("There may be a final executive interview"), "Executive interview");
        assert_eq!(label("Finally, our CMO may choose to conduct a final interview."), "CMO");
        assert_eq!(label("Reference Checks."), "References");
    }

    #[test]
    fn shortening() {
        assert_eq!(shorten("VP of Infrastructure & Quality"), "VP of Infrastructure");
        assert_eq!(shorten("Senior Director, Enterprise Applications"), "Senior Director");
        assert_eq!(shorten("Sr. Director, Sales"), "Sr Director Sales");
        assert!(shorten(&"x".repeat(100)).chars().count() <= MAX_LABEL);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        assert_eq!(first_sentence("Meet the Sr. Director. Then more."), "Meet the Sr. Director");
    }
}
