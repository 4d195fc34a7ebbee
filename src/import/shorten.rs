//! Board-column labels: at most [`MAX_LABEL`] characters, cut cleanly.

use super::outline::has_role_word;
use super::text::{capitalize, collapse_ws};

/// Longest label we aim for (a board column header).
pub(crate) const MAX_LABEL: usize = 24;

/// Shorten a label to at most [`MAX_LABEL`] characters: drop commas, then
/// abbreviate common words, then keep only the title of "Title, Area",
/// then drop "of"/"the", then an acronym for long names without a role
/// word, else cut at a word boundary without a dangling connector.
pub(crate) fn shorten(label: &str) -> String {
    let words: Vec<String> = label
        .split_whitespace()
        .map(|w| {
            if w.trim_end_matches(',').len() <= 4 && w.trim_end_matches(',').ends_with('.') {
                w.replace('.', "")
            } else {
                w.to_string()
            }
        })
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
    let capitalized = caps
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(char::is_alphabetic));
    if caps.len() >= 3 && capitalized && !has_role_word(&lean) {
        return caps.iter().filter_map(|w| w.chars().next()).collect();
    }
    truncate_words(&lean, MAX_LABEL)
}

/// Common long words in board-column form.
pub(crate) fn abbreviate(s: &str) -> String {
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
        .map(|w| TABLE.iter().find(|(long, _)| w.eq_ignore_ascii_case(long)).map_or(w, |(_, short)| short))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keep whole words up to `max` characters; cut a dangling "and …" tail.
pub(crate) fn truncate_words(s: &str, max: usize) -> String {
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
    if let Some(p) = kept.iter().rposition(coordinator)
        && p > 0
    {
        kept.truncate(p);
    }
    while kept.len() > 1 && kept.last().is_some_and(|w| CONNECTORS.contains(&w.to_ascii_lowercase().as_str()))
    {
        kept.pop();
    }
    kept.join(" ")
}

/// "Vice President" → "VP", "Chief Revenue Officer" → "CRO", commas dropped.
pub(crate) fn title_case_role(name: &str) -> String {
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
    let out = capitalize(&out.join(" "));
    if out.eq_ignore_ascii_case("hiring manager") { "Hiring Manager".to_string() } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
