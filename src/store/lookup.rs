//! Case-insensitive name matching with "did you mean" suggestions.

/// The closest of `candidates` to `key`, if any is reasonably close.
pub fn did_you_mean<'a>(key: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let key = key.to_lowercase();
    candidates
        .into_iter()
        .map(|c| {
            let lc = c.to_lowercase();
            let score =
                if lc.contains(&key) || key.contains(&lc) { 0.9 } else { strsim::jaro_winkler(&key, &lc) };
            (score, c)
        })
        .filter(|(score, _)| *score >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// Find the one item whose name equals `key` ignoring case; failing that, the one
/// item whose name contains it. `None` when nothing or several things match.
pub fn find_by_name<'a, T>(items: &'a [T], key: &str, name: impl Fn(&T) -> &str) -> Option<&'a T> {
    let k = key.trim().to_lowercase();
    if let Some(hit) = items.iter().find(|i| name(i).to_lowercase() == k) {
        return Some(hit);
    }
    let mut partial = items.iter().filter(|i| name(i).to_lowercase().contains(&k));
    match (partial.next(), partial.next()) {
        (Some(one), None) if !k.is_empty() => Some(one),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        let names = ["Screening", "VP IT panel", "Stakeholder"];
        assert_eq!(did_you_mean("stakholder", names), Some("Stakeholder".into()));
        assert_eq!(did_you_mean("zzzz", names), None);
    }

    #[test]
    fn finds_exact_then_unique_partial() {
        let names = vec!["IT Program Manager", "Senior IT Program Manager"];
        assert_eq!(find_by_name(&names, "it program manager", |s| s), Some(&"IT Program Manager"));
        assert_eq!(find_by_name(&names, "senior", |s| s), Some(&"Senior IT Program Manager"));
        assert_eq!(find_by_name(&names, "program", |s| s), None);
    }
}
