//! Sentence pieces of a hiring step: the first sentence, who it is with,
//! and how many interviews it holds.

use super::shorten::{shorten, title_case_role};
use super::text::{capitalize, find_word, number_word};

/// The phrase after the first "with": who the step is with.
pub(crate) fn with_phrase(sentence: &str) -> Option<(usize, &str)> {
    let (at, len) = ["with", "interviewed by", "conducted by", "meet"]
        .iter()
        .find_map(|w| find_word(sentence, w).map(|at| (at, w.len())))?;
    let phrase = cut_phrase(sentence.get(at + len..)?);
    (!phrase.is_empty()).then_some((at, phrase))
}

/// A person phrase up to where the sentence moves on ("in a panel", "for 50 minutes", …).
pub(crate) fn cut_phrase(rest: &str) -> &str {
    /// People phrases are short; a longer one is cut (this also keeps the
    /// list splitting below linear).
    const MAX_PHRASE: usize = 300;
    let rest = match rest.char_indices().nth(MAX_PHRASE) {
        Some((cut, _)) => rest.get(..cut).unwrap_or(rest),
        None => rest,
    };
    const ENDS: &[&str] = &[
        " in a ",
        " in the ",
        " in ",
        " for ",
        " from ",
        " who ",
        " that ",
        " where ",
        " to ",
        " using ",
        " via ",
        " on ",
        " at ",
        " during ",
        " (",
        " - ",
        " – ",
        " — ",
        "; ",
        " about ",
        " if ",
        " which ",
        " after ",
        " before ",
        " when ",
        " so ",
        " may ",
        " will ",
        " can ",
        " should ",
        " and a ",
        " and an ",
        ", and the other",
        " and the other",
        " with ",
        " as ",
        " is ",
        " are ",
        " regarding ",
        " responsible ",
        " would ",
        " could ",
        " might ",
        " such as ",
        " once more",
        " again",
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
    const ABBREV: &[&str] =
        &["sr", "jr", "dir", "mr", "ms", "mrs", "dr", "vs", "st", "no", "e.g", "i.e", "etc", "approx", "mgr"];
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let next_space = bytes.get(i + 1).is_some_and(|c| *c == b' ');
        if !(matches!(b, b'.' | b'?' | b'!' | b':') && next_space) {
            continue;
        }
        if b == b'.' {
            let before = text.get(..i).unwrap_or("");
            let word =
                before.rsplit(|c: char| c.is_whitespace() || c == '(' || c == '/').next().unwrap_or("");
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
        let persons = [
            "members",
            "teammates",
            "interviewers",
            "peers",
            "smes",
            "stakeholders",
            "leaders",
            "contributors",
        ];
        interviews.contains(&w) || (!panel && persons.contains(&w))
    });
    counted.then_some((min, max))
}

/// "our CMO may choose…" → "CMO".
pub(crate) fn our_title(sentence: &str) -> Option<String> {
    let at = find_word(sentence, "our")?;
    let rest = sentence.get(at + 3..)?;
    let title: Vec<&str> =
        rest.split_whitespace().take_while(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
    let title = title.join(" ");
    let title = title.trim_end_matches([',', '.', ';', ':']);
    (!title.is_empty()).then(|| shorten(&title_case_role(title)))
}

/// Last resort: the first few meaningful words of the step.
pub(crate) fn fallback(sentence: &str) -> String {
    const FILLER: &[&str] = &[
        "next",
        "then",
        "finally",
        "after",
        "that",
        "lastly",
        "first",
        "candidates",
        "candidate",
        "will",
        "be",
        "invited",
        "asked",
        "to",
        "schedule",
        "we",
        "you",
        "the",
        "a",
        "an",
        "may",
        "also",
        "up",
        "are",
        "is",
        "in",
        "tandem",
        "at",
        "stage",
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
pub(crate) fn is_generic_heading(h: &str) -> bool {
    let w: Vec<String> = super::text::words(h);
    let generic = ["round", "step", "stage", "part", "phase", "interview"];
    !w.is_empty() && w.len() <= 2 && generic.contains(&w[0].as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn sentences_skip_abbreviations() {
        assert_eq!(first_sentence("Meet the Sr. Director. Then more."), "Meet the Sr. Director");
    }
}
