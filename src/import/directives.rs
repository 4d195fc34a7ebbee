//! What a level's prose says: its job grade, whom it reports to, and which level it
//! "extends".

use crate::domain::ItemKind;

use super::phrases::first_sentence;
use super::text::find_ci;

/// First "grade N" or "[level N]" in raw text.
pub(crate) fn find_grade(raw: &str) -> Option<u32> {
    let lower = raw.to_ascii_lowercase();
    let mut best: Option<(usize, u32)> = None;
    for (needle, need_bracket) in [("grade", false), ("level", true)] {
        let mut from = 0;
        while let Some(i) = lower.get(from..).and_then(|r| r.find(needle)) {
            let at = from + i;
            from = at + needle.len();
            let before = lower.get(..at).and_then(|p| p.chars().next_back());
            let ok_before =
                if need_bracket { before == Some('[') } else { before.is_none_or(|c| !c.is_alphanumeric()) };
            if !ok_before || best.is_some_and(|(b, _)| b < at) {
                continue;
            }
            let rest = lower.get(from..).unwrap_or("");
            let rest = rest.trim_start_matches([' ', ':', '\u{a0}']);
            let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
            let after = rest.get(digits.len()..).and_then(|r| r.chars().next());
            if (1..=3).contains(&digits.len())
                && after.is_none_or(|c| !c.is_alphanumeric())
                && let Ok(n) = digits.parse()
            {
                best = Some((at, n));
                break;
            }
        }
    }
    best.map(|(_, n)| n)
}

/// "Extends the Principal Analyst responsibilities plus:", "extends the
/// requirements of X", "extends the X role" → the kinds inherited and X.
/// A bare "role" inside a Responsibilities or Requirements section inherits
/// that kind; elsewhere it inherits both.
pub(crate) fn extends_directive(text: &str, section: Option<ItemKind>) -> Option<(Vec<ItemKind>, String)> {
    let at = find_ci(text, "extends the ", 0)?;
    let rest = text.get(at + "extends the ".len()..)?;
    let lower = rest.to_ascii_lowercase();
    let both = || section.map_or(vec![ItemKind::Responsibility, ItemKind::Requirement], |k| vec![k]);
    let (kinds, rest) = if lower.starts_with("responsibilities of ") {
        (vec![ItemKind::Responsibility], rest.get("responsibilities of ".len()..)?)
    } else if lower.starts_with("requirements of ") {
        (vec![ItemKind::Requirement], rest.get("requirements of ".len()..)?)
    } else {
        let (cut, marker) = [" responsib", " requirement", " role", " level", " plus", ":", ". "]
            .iter()
            .filter_map(|m| lower.find(m).map(|i| (i, *m)))
            .min_by_key(|(i, _)| *i)?;
        let kinds = match marker {
            " responsib" => vec![ItemKind::Responsibility],
            " requirement" => vec![ItemKind::Requirement],
            _ => both(),
        };
        (kinds, rest.get(..cut)?)
    };
    let lower = rest.to_ascii_lowercase();
    let end = [" role", " level", " plus", ":", ". ", ", with", " with ", " as "]
        .iter()
        .filter_map(|m| lower.find(m))
        .min()
        .unwrap_or(rest.len());
    let name = rest.get(..end)?.trim();
    let name =
        name.strip_prefix("the ").unwrap_or(name).trim_end_matches(['\'', '’']).trim_end_matches("'s").trim();
    (!name.is_empty()).then(|| (kinds, name.to_string()))
}

/// "… reports to the [VP, IT](…)." → "VP, IT".
pub(crate) fn reports_to(text: &str) -> Option<String> {
    let at = find_ci(text, "reports to ", 0)?;
    let rest = text.get(at + "reports to ".len()..)?;
    let rest =
        ["the ", "The ", "a ", "an ", "our "].iter().find_map(|p| rest.strip_prefix(p)).unwrap_or(rest);
    let mut who = first_sentence(rest);
    let lower = who.to_ascii_lowercase();
    let clause =
        [", and ", " and is ", " and will ", " and has ", " and be ", " who ", ", who", ", where ", "; "]
            .iter()
            .filter_map(|m| lower.find(m))
            .min();
    if let Some(end) = clause {
        who = who.get(..end).unwrap_or(who);
    }
    let who = who.trim().trim_end_matches(['.', ',', ';', ':']).trim();
    let person = super::people::names_person(who);
    (person && who.chars().count() <= 120).then(|| who.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grades() {
        assert_eq!(find_grade("is a [grade 7](https://x/#gitlab-job-grades)."), Some(7));
        assert_eq!(find_grade("is a job grade [level 5](x)"), Some(5));
        assert_eq!(find_grade("is a [level 11](x)"), Some(11));
        assert_eq!(find_grade("is a grade 9."), Some(9));
        assert_eq!(find_grade("an upgrade 5 and entry level 3"), None);
        assert_eq!(find_grade("Read about grades here"), None);
    }

    #[test]
    fn directives_and_reports_to() {
        let d = extends_directive("Extends the Principal, Business Systems Analyst requirements plus:", None);
        assert_eq!(d, Some((vec![ItemKind::Requirement], "Principal, Business Systems Analyst".to_string())));
        let d = extends_directive(
            "The Lead role extends the responsibilities of the SMB Advocate role, with more",
            None,
        );
        assert_eq!(d, Some((vec![ItemKind::Responsibility], "SMB Advocate".to_string())));
        let d = extends_directive(
            "This role extends the Senior Backend Engineer role as an individual contributor",
            None,
        );
        assert_eq!(d.map(|d| d.0.len()), Some(2));
        assert_eq!(
            reports_to("The Sr. Director reports to the VP, Information Technology"),
            Some("VP, Information Technology".into())
        );
        assert_eq!(reports_to("Reports to the Sr. Director of IT. Then"), Some("Sr. Director of IT".into()));
    }
}
