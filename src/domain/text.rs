//! Text rules shared by every layer: slugs, name normalisation, inert display text.

/// A URL-safe slug: lowercase ASCII letters and digits separated by single dashes.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    let mut dash = false;
    for c in s.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
        } else {
            dash = true;
        }
    }
    if out.is_empty() { "role".into() } else { out }
}

/// Make text safe to show in a terminal: control characters (including ESC, so
/// no escape sequence can act) become visible placeholders, tabs become a space.
pub fn inert(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\t' | '\n' | '\r' => out.push(' '),
            c if c.is_control() => out.push('\u{FFFD}'),
            // Bidi overrides and isolates could reorder the surrounding layout.
            '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// Lowercased name with runs of whitespace collapsed, for duplicate detection and matching.
pub fn normalise_name(s: &str) -> String {
    s.split_whitespace().map(|w| w.to_lowercase()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugify_collapses_punctuation() {
        assert_eq!(slugify("Director, IT Operations"), "director-it-operations");
        assert_eq!(slugify("  IT Program Management Office "), "it-program-management-office");
        assert_eq!(slugify("!!!"), "role");
    }

    #[test]
    fn inert_neutralises_escapes() {
        assert_eq!(inert("a\x1b[31mb\tc"), "a\u{FFFD}[31mb c");
        assert_eq!(inert("\u{202E}abc"), "\u{FFFD}abc");
    }

    #[test]
    fn normalise_name_ignores_case_and_spacing() {
        assert_eq!(normalise_name("  Ana   RUIZ "), "ana ruiz");
    }
}
