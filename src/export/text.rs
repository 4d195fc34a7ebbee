//! Text pieces the Markdown, HTML and SVG writers share: inert one-line text, HTML
//! escaping, where an application stands, and the status summary line.

use crate::domain::AppStatus;
use crate::domain::snapshot::StatusCounts;

/// Make text inert for Markdown and HTML: control characters (line breaks included)
/// and bidi overrides cannot break a table row or reorder what follows.
pub(super) fn one_line(s: &str) -> String {
    crate::domain::text::inert(s)
}

/// "12 applications: 5 active, 1 on hold, …" (statuses with none are left out).
pub(super) fn summary(counts: &StatusCounts) -> String {
    let parts: Vec<String> = AppStatus::ALL
        .iter()
        .filter(|s| counts.get(**s) > 0)
        .map(|s| format!("{} {s}", counts.get(*s)))
        .collect();
    let n = counts.total();
    let noun = if n == 1 { "application" } else { "applications" };
    if parts.is_empty() { format!("{n} {noun}") } else { format!("{n} {noun}: {}", parts.join(", ")) }
}

/// Escape text for HTML element content and quoted attributes; control characters
/// and bidi overrides are made inert first.
pub(super) fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in one_line(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// "Panel" for an active application, "Panel, on hold" otherwise.
pub(super) fn place(stage: &str, status: AppStatus) -> String {
    if status == AppStatus::Active { stage.to_string() } else { format!("{stage}, {status}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(esc("<script>alert(1)</script>"), "&lt;script&gt;alert(1)&lt;/script&gt;");
        assert_eq!(esc("a&b \"c\" 'd'"), "a&amp;b &quot;c&quot; &#39;d&#39;");
        assert_eq!(esc("x\u{202e}y\n"), "x\u{fffd}y ");
    }
}
