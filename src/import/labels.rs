//! One hiring step's prose → a short board label, the people named, the
//! alternatives ("A or B") and how many interviews the step holds.

use super::outline::has_role_word;
use super::people::{People, generic_group, names_person, people};
use super::phrases::{
    cut_phrase, fallback, first_sentence, interview_range, is_generic_heading, our_title, with_phrase,
};
use super::shorten::{MAX_LABEL, abbreviate, shorten, title_case_role, truncate_words};
use super::text::{capitalize, collapse_ws, find_ci, find_word, word_end, word_start};

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
    let text = normalize(text);
    let text = text.as_str();
    let first = main_clause(first_sentence(text));
    let who =
        with_phrase(first).or_else(|| with_phrase(text)).map(|(_, p)| p).or_else(|| subject_phrase(first));
    let found = who.map(people).unwrap_or_default();
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
        .or_else(|| label_for(main_clause(text), &found))
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

/// Whitespace collapsed, "2 - 4" → "2-4", "a member from our X" → "a member of our X".
fn normalize(text: &str) -> String {
    let text = collapse_ws(text);
    let mut out = String::with_capacity(text.len());
    // The two chars before and after the current one, without a char-per-4-bytes copy.
    let (mut prev2, mut prev1) = (None::<char>, None::<char>);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let dash = matches!(c, '-' | '–' | '—');
        let spaced = prev1 == Some(' ') && prev2.is_some_and(|p| p.is_ascii_digit());
        let mut ahead = chars.clone();
        let then_digit = ahead.next() == Some(' ') && ahead.next().is_some_and(|n| n.is_ascii_digit());
        if dash && spaced && then_digit {
            out.pop();
            out.push('-');
            chars.next();
            (prev2, prev1) = (Some('-'), Some(' '));
            continue;
        }
        out.push(c);
        (prev2, prev1) = (prev1, Some(c));
    }
    out.replace("members from ", "members of ")
        .replace("member from ", "member of ")
        .replace("someone from ", "member of ")
}

/// Drop a leading conditional clause: "If you pass the screening call, you…" → "you…".
fn main_clause(sentence: &str) -> &str {
    const OPENERS: &[&str] =
        &["if", "after", "once", "following", "when", "depending", "should", "upon", "provided"];
    let sentence = match sentence.split_once(", ") {
        Some((lead, rest)) if !lead.contains(' ') && !rest.trim().is_empty() => rest,
        _ => sentence,
    };
    let first = sentence.split_whitespace().next().unwrap_or("").to_ascii_lowercase();
    if !OPENERS.contains(&first.as_str()) {
        return sentence;
    }
    match sentence.find(", ") {
        Some(i) => sentence.get(i + 2..).filter(|r| !r.trim().is_empty()).unwrap_or(sentence),
        None => sentence,
    }
}

/// A step that is only a person: "At least one member of the social media team".
fn subject_phrase(sentence: &str) -> Option<&str> {
    let sentence = match sentence.split_once(", ") {
        Some((lead, rest)) if lead.split_whitespace().count() <= 2 => rest,
        _ => sentence,
    };
    let phrase = cut_phrase(sentence);
    let short = phrase.split_whitespace().count() <= 10;
    let interview = find_ci(phrase, "interview", 0).is_some();
    (short && !interview && names_person(phrase)).then_some(phrase)
}

/// The label rules for one sentence, in order of preference.
fn label_for(sentence: &str, found: &People) -> Option<String> {
    let with_at = with_phrase(sentence).map(|(at, _)| at);
    let keyword = keyword_label(sentence);
    if let Some((at, label)) = &keyword
        && with_at.is_none_or(|w| *at < w)
    {
        return Some(label.to_string());
    }
    if let Some(label) = people_label(found) {
        let panel = find_word(sentence, "panel").is_some();
        return Some(if panel { with_suffix(&label, " panel") } else { label });
    }
    keyword
        .map(|(_, l)| l.to_string())
        .or_else(|| our_title(sentence))
        .or_else(|| adjective_interview(sentence))
        .or_else(|| find_word(sentence, "interviews").map(|_| "Interviews".to_string()))
}

/// Words that name the kind of step, the label they give, and whether the
/// word must end there (otherwise it is a prefix: "screen" → "screening").
const KEYWORDS: &[(&str, &str, bool)] = &[
    ("screen", "Screening", false),
    ("questionnaire", "Questionnaire", false),
    ("case study", "Case study", false),
    ("technical assessment", "Technical assessment", false),
    ("written assessment", "Written assessment", false),
    ("writing assessment", "Writing assessment", false),
    ("assessment", "Assessment", false),
    ("take-home", "Assessment", false),
    ("take home", "Assessment", false),
    ("exercise", "Assessment", false),
    ("work sample", "Work samples", false),
    ("writing sample", "Writing sample", false),
    ("day plan", "Plan", false),
    ("technical interview", "Technical interview", false),
    ("behavioral panel", "Behavioral panel", false),
    ("behavioural panel", "Behavioral panel", false),
    ("behavioral interview", "Behavioral interview", false),
    ("behavioural interview", "Behavioral interview", false),
    ("scenario", "Scenario interview", false),
    ("reference", "References", false),
    ("background check", "Background check", false),
    ("demo", "Demo", true),
    ("demos", "Demo", true),
    ("presentation", "Presentation", false),
    ("present", "Presentation", true),
    ("project", "Project", true),
    ("projects", "Project", true),
    ("recording", "Recording review", true),
    ("interview team", "Team interviews", true),
    ("in person", "In-person meeting", true),
];

/// The earliest keyword in the sentence.
fn keyword_label(sentence: &str) -> Option<(usize, &'static str)> {
    let lower = sentence.to_ascii_lowercase();
    let mut best: Option<(usize, usize, &'static str)> = None;
    for (needle, label, whole) in KEYWORDS {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(needle)) {
            let at = from + i;
            from = at + needle.len();
            if !word_start(&lower, at) || (*whole && !word_end(&lower, at + needle.len())) {
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
        .find(|a| !a.catch_all && names_person(&a.name))
        .or_else(|| found.alternatives.iter().find(|a| !a.catch_all))
        .map(|a| a.name.as_str())
        .or_else(|| found.interviewers.first().map(String::as_str))?;
    let label = shorten(&title_case_role(&generic_group(pick)));
    (!label.is_empty()).then_some(label)
}

/// A name as a label that keeps as much of it as fits ("Director, Digital
/// Experience" → "Director Digital"), to tell apart labels that collide.
pub(crate) fn long_label(name: &str) -> String {
    let flat = collapse_ws(&title_case_role(name).replace(',', " "));
    truncate_words(&abbreviate(&flat), MAX_LABEL)
}

/// Add `suffix` to a label, shortening the label first if needed.
fn with_suffix(label: &str, suffix: &str) -> String {
    let room = MAX_LABEL.saturating_sub(suffix.len());
    format!("{}{suffix}", truncate_words(label, room))
}

/// "final executive interview" → "Executive interview";
/// "Hiring Manager Interview" → "Hiring Manager".
fn adjective_interview(sentence: &str) -> Option<String> {
    const SKIP: &str = "first second third fourth fifth final initial last next another additional \
        optional video virtual zoom formal follow-up separate live short long one two three minute minutes round";
    const LEAD: &[&str] = &["additional", "further", "final", "initial", "follow-up", "optional"];
    const STOP: &[&str] = &[
        "to", "for", "of", "be", "schedule", "an", "a", "the", "in", "with", "and", "or", "our", "is", "are",
        "will", "may", "conduct", "choose",
    ];
    let words: Vec<&str> = sentence
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '.' | ';' | ':' | '(' | ')'))
        .filter(|w| !w.is_empty())
        .collect();
    for (at, w) in words.iter().enumerate() {
        let l = w.to_ascii_lowercase();
        const NOUNS: &[&str] = &["interview", "discussion", "conversation", "chat", "meeting"];
        let Some(noun) = NOUNS.iter().find(|n| l == **n || l.strip_suffix('s') == Some(**n)) else {
            continue;
        };
        let mut phrase: Vec<&str> = Vec::new();
        for w in words[..at].iter().rev().take(3) {
            let l = w.to_ascii_lowercase();
            if SKIP.split_whitespace().any(|x| x == l) || l.chars().any(|c| c.is_ascii_digit()) {
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
        let Some(last) = phrase.last() else {
            let prev = at.checked_sub(1).map(|p| words[p].to_ascii_lowercase());
            if let Some(prev) = prev.filter(|p| LEAD.contains(&p.as_str())) {
                return Some(format!("{} {}", capitalize(&prev), l));
            }
            continue;
        };
        let joined = phrase.join(" ");
        if has_role_word(&joined) && joined.chars().any(char::is_uppercase) {
            return Some(shorten(&title_case_role(&joined)));
        }
        return Some(format!("{} {noun}", capitalize(&last.to_ascii_lowercase())));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(s: &str) -> String {
        describe(s, None).label
    }

    #[test]
    fn seed_style_labels() {
        assert_eq!(
            label("Next, candidates will be invited to schedule a screening call with our Global Recruiters"),
            "Screening"
        );
        assert_eq!(
            label(
                "Next, candidates will be invited to schedule a first interview with our VP IT in a panel interview"
            ),
            "VP IT panel"
        );
        assert_eq!(
            label(
                "Candidates will then be invited to schedule with a leader in the Data, IT Ops, BSA team or FinSys team"
            ),
            "Leader"
        );
        assert_eq!(
            label(
                "Interview with Senior Director, Data and Analytics or Senior Director, Enterprise Applications."
            ),
            "Senior Director"
        );
        assert_eq!(label("Interview with the VP, IT"), "VP IT");
    }

    #[test]
    fn alternatives_take_the_last_real_one() {
        let d = describe("Then the candidate will be invited to interview with the VP Finance or CFO", None);
        assert_eq!(d.label, "CFO");
        assert_eq!(d.alternatives, ["VP Finance", "CFO"]);
        let d =
            describe("Finally, a call with a Board Member, CEO Mentor, or other industry professional", None);
        assert_eq!(d.label, "CEO Mentor");
        assert_eq!(label("Meet with the Chief Revenue Officer"), "CRO");
    }

    #[test]
    fn keyword_and_adjective_labels() {
        assert_eq!(
            label("Selected candidates will be invited to complete a short written assessment."),
            "Written assessment"
        );
        assert_eq!(
            label("90-Minute Technical Interview with a member of the Support team."),
            "Technical interview"
        );
        assert_eq!(label("There may be a final executive interview"), "Executive interview");
        assert_eq!(label("Finally, our CMO may choose to conduct a final interview."), "CMO");
        assert_eq!(label("Reference Checks."), "References");
    }
}
