//! The people named in a step: "with the VP Finance or CFO",
//! "with our CFO, VP, Field Operations, and VP, Finance".

use super::text::{WordSet, capitalize, collapse_ws, words};

/// One alternative of "A or B".
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Alternative {
    /// Cleaned name or role.
    pub name: String,
    /// "other …", "any …": a catch-all, not a real choice.
    pub catch_all: bool,
}

/// People named in a step.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct People {
    /// Everyone named, cleaned.
    pub interviewers: Vec<String>,
    /// When the phrase says "A or B": the choices.
    pub alternatives: Vec<Alternative>,
}

/// Words that make a fragment name a person or a group of people.
static PERSON_WORDS: WordSet = WordSet::new(
    "manager director vp svp evp avp president officer head lead leader recruiter engineer \
    analyst architect partner member team peer stakeholder executive founder chair chairman \
    mentor counsel specialist designer researcher writer administrator admin coordinator \
    accountant auditor controller scientist developer consultant owner board professional \
    representative seller teammate interviewer committee sme dri person people staff principal \
    dir mgr contributor colleague coworker worker",
);

/// Words a bare title ("VP", "Senior Director") is made of.
static TITLE_WORDS: WordSet = WordSet::new(
    "vp svp evp avp rvp director manager senior sr head chief president vice lead principal \
    staff associate officer dir mgr general managing executive the a an our",
);

/// Split a "with …" phrase into the people it names.
pub(crate) fn people(phrase: &str) -> People {
    let phrase = trim_phrase(phrase);
    let or_parts = split_on(&phrase, &[", or ", " or "]);
    if or_parts.len() > 1 {
        let last = or_parts.len() - 1;
        let mut alternatives = Vec::new();
        for (i, part) in or_parts.iter().enumerate() {
            let pieces = if i < last { split_list(part) } else { vec![part.to_string()] };
            for piece in pieces {
                let catch_all = is_catch_all(&piece);
                let name = clean_person(&piece);
                if !is_vague_name(&name) && names_someone(&piece) {
                    alternatives.push(Alternative { name, catch_all });
                }
            }
        }
        if alternatives.len() > 1 {
            let interviewers = alternatives.iter().map(|a| a.name.clone()).collect();
            return People { interviewers, alternatives };
        }
        if let Some(only) = alternatives.pop() {
            return People { interviewers: vec![only.name], alternatives: Vec::new() };
        }
    }
    let interviewers = split_list(&phrase)
        .iter()
        .filter(|p| names_someone(p))
        .map(|p| clean_person(p))
        .filter(|p| !is_vague_name(p))
        .collect();
    People { interviewers, alternatives: Vec::new() }
}

/// Drop "either" and ", or both".
fn trim_phrase(phrase: &str) -> String {
    let mut p = number_ranges(&collapse_ws(phrase));
    for suffix in [", or both", " or both"] {
        if p.to_ascii_lowercase().ends_with(suffix) {
            p.truncate(p.len() - suffix.len());
        }
    }
    strip_prefix_ci(&p, "either ").unwrap_or(&p).to_string()
}

/// "one or two FP&A team members" → "one-two FP&A team members", so the
/// "or" is not read as alternatives.
fn number_ranges(s: &str) -> String {
    let w: Vec<&str> = s.split(' ').collect();
    let mut out: Vec<String> = Vec::with_capacity(w.len());
    let mut i = 0;
    while i < w.len() {
        let is_num = |x: &str| super::text::number_word(&x.to_ascii_lowercase()).is_some();
        if i + 2 < w.len() && is_num(w[i]) && matches!(w[i + 1], "or" | "to") && is_num(w[i + 2]) {
            out.push(format!("{}-{}", w[i], w[i + 2]));
            i += 3;
        } else {
            out.push(w[i].to_string());
            i += 1;
        }
    }
    out.join(" ")
}

/// Split at any of the separators (case-insensitive), in order of appearance.
fn split_on<'a>(s: &'a str, seps: &[&str]) -> Vec<&'a str> {
    let lower = s.to_ascii_lowercase();
    let mut parts = Vec::new();
    let mut start = 0;
    loop {
        let next =
            seps.iter().filter_map(|sep| lower.get(start..)?.find(sep).map(|i| (start + i, sep.len()))).min();
        match next {
            Some((at, len)) => {
                parts.extend(s.get(start..at));
                start = at + len;
            }
            None => {
                parts.extend(s.get(start..));
                return parts.into_iter().map(str::trim).filter(|p| !p.is_empty()).collect();
            }
        }
    }
}

/// Split "A, B and C" into people, re-joining pieces like "VP, Field Operations"
/// where a bare title is followed by an area that names nobody.
fn split_list(s: &str) -> Vec<String> {
    const SEPS: &[&str] = &[", and/or ", ", and ", ", & ", " and/or ", ", ", " and ", " & ", " plus "];
    let lower = s.to_ascii_lowercase();
    let mut out: Vec<String> = Vec::new();
    let mut start = 0;
    let mut sep_before = "";
    loop {
        let next = SEPS
            .iter()
            .filter_map(|sep| lower.get(start..)?.find(sep).map(|i| (start + i, *sep)))
            .min_by_key(|(at, sep)| (*at, usize::MAX - sep.len()));
        let end = next.map_or(s.len(), |(at, _)| at);
        let piece = s.get(start..end).unwrap_or("").trim();
        if !piece.is_empty() {
            let determiner =
                ["a ", "an ", "the ", "our "].iter().any(|d| piece.to_ascii_lowercase().starts_with(d));
            let person = names_person(piece);
            let capital = piece.chars().next().is_some_and(char::is_uppercase);
            if !person && !capital && !out.is_empty() {
                // "… team and be asked to …": the list has ended.
                return out;
            }
            let joins = out.last().is_some_and(|prev| {
                let and = matches!(sep_before, " and " | " & ");
                !person
                    || (sep_before == ", " && is_bare_title(prev) && !determiner)
                    || (and && !names_person(prev) && !determiner)
            });
            match out.last_mut() {
                Some(prev) if joins => {
                    prev.push_str(sep_before);
                    prev.push_str(piece);
                }
                _ => out.push(piece.to_string()),
            }
        }
        match next {
            Some((at, sep)) => {
                start = at + sep.len();
                sep_before = sep;
            }
            None => return out,
        }
    }
}

/// Whether a fragment names a person or group ("CFO", "team members").
pub(crate) fn names_person(s: &str) -> bool {
    let acronym = s.split_whitespace().any(|w| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        let core = w.strip_suffix('s').unwrap_or(w);
        core.len() >= 3
            && core.len() <= 5
            && core.chars().all(|c| c.is_ascii_uppercase())
            && core.ends_with('O')
    });
    acronym
        || words(s).iter().any(|w| {
            let singular = w.strip_suffix('s').unwrap_or(w);
            PERSON_WORDS.contains(w) || PERSON_WORDS.contains(singular)
        })
}

/// Whether every word is a title word ("the VP", "Senior Director").
fn is_bare_title(s: &str) -> bool {
    let w = words(s);
    !w.is_empty() && w.iter().all(|w| TITLE_WORDS.contains(w))
}

/// "other …", "another …", "any …".
fn is_catch_all(s: &str) -> bool {
    let l = s.trim().to_ascii_lowercase();
    let vague = ["higher", "above", "similar", "equivalent", "both", "delegate"];
    ["other ", "another ", "any ", "others", "etc"].iter().any(|p| l.starts_with(p))
        || vague.iter().any(|v| l.split_whitespace().next_back() == Some(v))
}

/// A person word or a proper name: "a leader", "PAO", "Global Recruiters"
/// (not "a possibility of more questions").
fn names_someone(piece: &str) -> bool {
    names_person(piece) || piece.chars().any(char::is_uppercase)
}

/// Names that name nobody: "", "of the above", "be asked".
fn is_vague_name(name: &str) -> bool {
    let l = name.to_ascii_lowercase();
    let verbs = ["be", "will", "may", "can", "should", "is", "are", "then", "also", "have", "has"];
    let first = l.split_whitespace().next().unwrap_or("");
    let vague = ["higher", "above", "similar", "equivalent", "both", "delegate", "others"];
    l.is_empty()
        || vague.contains(&l.as_str())
        || l.ends_with("the above")
        || l == "above"
        || verbs.contains(&first)
        || !l.chars().any(char::is_alphabetic)
}

fn strip_prefix_ci<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| s.get(prefix.len()..)).flatten()
}

/// "one of our Global Recruiters" → "Global Recruiters"; "a member of the
/// Support team" → "Support team"; "a business stakeholder" → "Stakeholder".
pub(crate) fn clean_person(s: &str) -> String {
    const LEADING: &[&str] = &[
        "either ",
        "the ",
        "our ",
        "a ",
        "an ",
        "one of our ",
        "one of the ",
        "one of ",
        "another ",
        "other ",
        "some ",
        "any ",
        "several ",
        "additional ",
        "multiple ",
        "various ",
        "each ",
        "all ",
        "one ",
        "two ",
        "three ",
        "four ",
        "five ",
        "his ",
        "her ",
        "their ",
        "your ",
        "at least ",
        "of the ",
        "of our ",
        "of ",
    ];
    let mut s = drop_parentheses(s);
    s = s
        .trim()
        .trim_matches(|c: char| matches!(c, '.' | ',' | ';' | ':' | '"' | '\'' | '*'))
        .trim()
        .to_string();
    loop {
        let before = s.len();
        for p in LEADING {
            if let Some(rest) = strip_prefix_ci(&s, p) {
                s = rest.trim_start().to_string();
            }
        }
        let trimmed = s.trim_start().to_string();
        let first = trimmed.split_whitespace().next().unwrap_or("");
        let numeric = |x: &str| {
            x.chars().all(|c| c.is_ascii_digit() || c == '+') || super::text::number_word(x).is_some()
        };
        if !first.is_empty() && first.split('-').all(numeric) {
            s = trimmed.get(first.len()..).unwrap_or("").trim_start().to_string();
        }
        let lower = s.to_ascii_lowercase();
        for marker in ["members of ", "member of ", "team members of "] {
            if let Some(i) = lower.find(marker) {
                if let Some(rest) = s.get(i + marker.len()..) {
                    s = rest.to_string();
                }
                break;
            }
        }
        if s.len() == before {
            break;
        }
    }
    capitalize(s.trim())
}

/// A cleaned name in board form: team-member phrasing → "Team", generic
/// lowercase adjectives dropped ("Business stakeholder" → "Stakeholder").
pub(crate) fn generic_group(s: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let generic = ["team members", "team member", "teammates", "teammate", "team"];
    if generic.contains(&lower.as_str()) {
        return "Team".to_string();
    }
    let mut s = s.to_string();
    if let Some(suffix) = [" team members", " team member"].iter().find(|x| lower.ends_with(**x)) {
        s.truncate(s.len() - suffix.len());
        s.push_str(" team");
    }
    let all_lower = !s.chars().skip(1).any(char::is_uppercase);
    if all_lower && s.split_whitespace().count() > 1 {
        for adjective in ["business ", "relevant ", "potential ", "future ", "key "] {
            if let Some(rest) = strip_prefix_ci(&s, adjective) {
                s = rest.to_string();
            }
        }
    }
    capitalize(s.trim())
}

/// Remove "( … )" parts; cut at an unclosed "(" (a truncated item).
fn drop_parentheses(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' if depth > 0 => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    collapse_ws(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(p: &str) -> Vec<String> {
        people(p).interviewers
    }

    #[test]
    fn splits_titles_with_areas() {
        assert_eq!(
            names("our CFO, VP, Field Operations, and VP, Finance"),
            ["CFO", "VP, Field Operations", "VP, Finance"]
        );
        assert_eq!(names("the VP, IT"), ["VP, IT"]);
        let p = people("Senior Director, Data and Analytics or Senior Director, Enterprise Applications");
        assert_eq!(
            p.interviewers,
            ["Senior Director, Data and Analytics", "Senior Director, Enterprise Applications"]
        );
    }

    #[test]
    fn cleans_people() {
        assert_eq!(clean_person("one of our Global Recruiters"), "Global Recruiters");
        assert_eq!(clean_person("a member of the Support team"), "Support team");
        assert_eq!(clean_person("a business stakeholder"), "Business stakeholder");
        assert_eq!(generic_group("Business stakeholder"), "Stakeholder");
        assert_eq!(generic_group(&clean_person("2-5 team members")), "Team");
        assert_eq!(clean_person("a stakeholder (m"), "Stakeholder");
    }

    #[test]
    fn catch_all_alternatives() {
        let p = people("a Solutions Architect peer or other SA team Manager");
        assert_eq!(p.alternatives.len(), 2);
        assert!(p.alternatives[1].catch_all);
    }
}
