//! Text rules shared by every layer: slugs, name normalisation, inert display text.

/// "1 event", "3 events": a count with its noun in the right number.
pub fn count_of<N: std::fmt::Display + PartialEq + From<u8>>(n: N, one: &str, many: &str) -> String {
    let noun = if n == N::from(1) { one } else { many };
    format!("{n} {noun}")
}

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

/// The stand-in shown for a character that must not reach a terminal as itself.
pub const STAND_IN: char = '\u{FFFD}';

/// True for a character that could act on a terminal or reorder what a reader sees:
/// C0 controls (ESC, BEL, CR, …), DEL, C1 controls (U+0080–U+009F, e.g. CSI) and the
/// bidi embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The one sanitiser for text a person reads: every unsafe character becomes
/// [`STAND_IN`] except those in `keep` (layout such as newline and tab).
pub fn neutralise_except<'a>(s: &'a str, keep: &[char]) -> std::borrow::Cow<'a, str> {
    // Printable ASCII holds nothing unsafe (exports pass millions of cells through here).
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) || !s.chars().any(|c| is_unsafe(c) && !keep.contains(&c))
    {
        return std::borrow::Cow::Borrowed(s);
    }
    std::borrow::Cow::Owned(
        s.chars().map(|c| if is_unsafe(c) && !keep.contains(&c) { STAND_IN } else { c }).collect(),
    )
}

/// Multi-line text for a terminal (an output stream, an error message): newline and
/// tab keep their layout, every other unsafe character becomes a visible stand-in.
pub fn terminal_text(s: &str) -> std::borrow::Cow<'_, str> {
    neutralise_except(s, &['\n', '\t'])
}

/// One field on one line: line breaks and tabs become a space, and every other
/// unsafe character (including ESC, so no escape sequence can act) a visible stand-in.
pub fn inert(s: &str) -> String {
    // Most text is printable ASCII, which holds nothing to change (the board draws ~100
    // cards a frame, each through here).
    if s.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return s.to_string();
    }
    let spaced: String = s.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect();
    neutralise_except(&spaced, &[]).into_owned()
}

/// Text for searching: lowercase with accents folded, so `jovanovic` finds "Jovanović"
/// and `zoe` finds "Zoë" (Latin letters with diacritics become their base letter).
pub fn fold(s: &str) -> String {
    s.chars().flat_map(char::to_lowercase).map(nucleo_matcher::chars::normalize).collect()
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
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Jovanović"), "jovanovic");
        assert_eq!(fold("ZOË Ångström Ñandú"), "zoe angstrom nandu");
        assert_eq!(fold("日本"), "日本");
    }

    #[test]
    fn inert_neutralises_escapes() {
        assert_eq!(inert("a\x1b[31mb\tc"), "a\u{FFFD}[31mb c");
        assert_eq!(inert("\u{202E}abc"), "\u{FFFD}abc");
    }

    #[test]
    fn terminal_text_keeps_layout_and_drops_controls() {
        let hostile = "a\x1b]52;c;SGk=\x07b\u{9b}31m\u{202E}\u{2066}\r\x7f\n\tc";
        let safe = terminal_text(hostile);
        assert_eq!(safe, "a\u{FFFD}]52;c;SGk=\u{FFFD}b\u{FFFD}31m\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\n\tc");
        assert!(matches!(terminal_text("plain\ttext\n"), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn normalise_name_ignores_case_and_spacing() {
        assert_eq!(normalise_name("  Ana   RUIZ "), "ana ruiz");
    }
}
