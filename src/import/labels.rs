//! One hiring step's prose → a short board label, the people named, the
//! alternatives ("A or B") and how many interviews the step holds.

use super::outline::has_role_word;
use super::people::{People, people};
use super::people::names_person;
use super::text::{capitalize, collapse_ws, find_ci, find_word, number_word, word_end, word_start};

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
    let text = normalize(text);
    let text = text.as_str();
    let first = main_clause(first_sentence(text));
    let who = with_phrase(first)
        .or_else(|| with_phrase(text))
        .map(|(_, p)| p)
        .or_else(|| subject_phrase(first));
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

/// Whitespace collapsed, "2 - 4" → "2-4", "a member from our X" → "a member of our X".
fn normalize(text: &str) -> String {
    let text = collapse_ws(text);
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let dash = matches!(c, '-' | '–' | '—');
        let spaced = i >= 2 && chars[i - 1] == ' ' && chars[i - 2].is_ascii_digit();
        let then_digit = chars.get(i + 1) == Some(&' ') && chars.get(i + 2).is_some_and(char::is_ascii_digit);
        if dash && spaced && then_digit {
            out.pop();
            out.push('-');
            i += 2;
            continue;
        }
        out.push(c);
        i += 1;
    }
    out.replace("members from ", "members of ")
        .replace("member from ", "member of ")
        .replace("someone from ", "member of ")
}

/// Drop a leading conditional clause: "If you pass the screening call, you…" → "you…".
fn main_clause(sentence: &str) -> &str {
    const OPENERS: &[&str] = &["if", "after", "once", "following", "when", "depending", "should", "upon", "provided"];
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
    let with_at = find_word(sentence, "with").or_else(|| find_word(sentence, "meet"));
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
        "is", "are", "will", "may", "conduct", "choose",
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
        return Some(format!("{} {noun}", capitalize(&last.to_ascii_lowercase())));
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
    let (at, len) = match find_word(sentence, "with") {
        Some(at) => (at, "with".len()),
        None => (find_word(sentence, "meet")?, "meet".len()),
    };
    let phrase = cut_phrase(sentence.get(at + len..)?);
    (!phrase.is_empty()).then_some((at, phrase))
}

/// A person phrase up to where the sentence moves on ("in a panel", "for 50 minutes", …).
fn cut_phrase(rest: &str) -> &str {
    const ENDS: &[&str] = &[
        " in a ", " in the ", " in ", " for ", " from ", " who ", " that ", " where ", " to ",
        " using ", " via ", " on ", " at ", " during ", " (", " - ", " – ", " — ", "; ", " about ",
        " if ", " which ", " after ", " before ", " when ", " so ", " may ", " will ", " can ",
        " should ", " and a ", " and an ", ", and the other", " and the other", " with ", " as ",
        " is ", " are ", " regarding ", " responsible ", " would ", " could ", " might ",
        " such as ",
    ];
    let rest = first_sentence(rest);
    let lower = rest.to_ascii_lowercase();
    let end = ENDS
        .iter()
        .filter_map(|e| lower.get(1..).and_then(|l| l.find(e)).map(|i| i + 1))
        .min()
        .unwrap_or(rest.len());
    let mut phrase = rest.get(..end).unwrap_or(rest).trim().trim_end_matches(['.', ',', ';', ':', '!', '?']);
    for tail in [" and", " or", " &", " and/or"] {
        if phrase.len() > tail.len() && phrase.to_ascii_lowercase().ends_with(tail) {
            phrase = phrase.get(..phrase.len() - tail.len()).unwrap_or(phrase).trim_end();
        }
    }
    phrase
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

/// Shorten a label to at most [`MAX_LABEL`] characters: drop commas, then
/// abbreviate common words, then keep only the title of "Title, Area",
/// then drop "of"/"the", then an acronym for long names without a role
/// word, else cut at a word boundary without a dangling connector.
pub(crate) fn shorten(label: &str) -> String {
    let words: Vec<String> = label
        .split_whitespace()
        .map(|w| if w.trim_end_matches(',').len() <= 4 && w.trim_end_matches(',').ends_with('.') { w.replace('.', "") } else { w.to_string() })
        .collect();
    let label = words.join(" ");
    let flat = collapse_ws(&label.replace(',', " "));
    let fits = |s: &str| s.chars().count() <= MAX_LABEL;
    if fits(&flat) {
        return flat;
    }
    let short = abbreviate(&flat);
    if fits(&short) {
        return short;
    }
    if let Some((title, _)) = label.split_once(',') {
        let title = abbreviate(title.trim());
        if fits(&title) && !title.is_empty() {
            return title;
        }
    }
    let lean: Vec<&str> = short
        .split_whitespace()
        .enumerate()
        .filter(|(i, w)| *i == 0 || !matches!(w.to_ascii_lowercase().as_str(), "of" | "the" | "our"))
        .map(|(_, w)| w)
        .collect();
    let lean = lean.join(" ");
    if fits(&lean) {
        return lean;
    }
    let caps: Vec<&str> = lean.split_whitespace().collect();
    let capitalized = caps.iter().all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    if caps.len() >= 3 && capitalized && !has_role_word(&lean) {
        return caps.iter().filter_map(|w| w.chars().next()).collect();
    }
    truncate_words(&lean, MAX_LABEL)
}

/// Common long words in board-column form.
fn abbreviate(s: &str) -> String {
    const TABLE: &[(&str, &str)] = &[
        ("Applications", "Apps"),
        ("Operations", "Ops"),
        ("Communications", "Comms"),
        ("Infrastructure", "Infra"),
        ("Engineering", "Eng"),
        ("Management", "Mgmt"),
        ("Development", "Dev"),
        ("Technology", "Tech"),
        ("Administrator", "Admin"),
        ("Representative", "Rep"),
        ("and", "&"),
    ];
    let s = s.replace("Information Technology", "IT").replace("information technology", "IT");
    s.split_whitespace()
        .map(|w| {
            TABLE
                .iter()
                .find(|(long, _)| w.eq_ignore_ascii_case(long))
                .map_or(w, |(_, short)| short)
        })
        .collect::<Vec<_>>()
        .join(" ")
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
        assert_eq!(shorten("VP of Infrastructure & Quality"), "VP of Infra & Quality");
        assert_eq!(shorten("Senior Director, Enterprise Applications"), "Senior Director");
        assert_eq!(shorten("Sr. Director, Sales"), "Sr Director Sales");
        assert_eq!(shorten("VP, Information Technology"), "VP IT");
        assert_eq!(shorten("Chairman of the Audit Committee"), "Chairman Audit Committee");
        assert_eq!(shorten("Team Member Resource Group"), "TMRG");
        assert!(shorten(&"x".repeat(100)).chars().count() <= MAX_LABEL);
    }

    #[test]
    fn sentences_skip_abbreviations() {
        assert_eq!(first_sentence("Meet the Sr. Director. Then more."), "Meet the Sr. Director");
    }
}
