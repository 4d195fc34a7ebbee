//! The markdown dialect the importer reads, and inline markdown reduced to plain text.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::text::{blank_shortcodes, collapse_ws};

/// Parser options used everywhere in the importer.
pub(crate) fn options() -> Options {
    let mut o = Options::empty();
    o.insert(Options::ENABLE_TABLES);
    o.insert(Options::ENABLE_STRIKETHROUGH);
    o.insert(Options::ENABLE_TASKLISTS);
    o.insert(Options::ENABLE_HEADING_ATTRIBUTES);
    o
}

/// Inline markdown reduced to its text: links become their text, emphasis,
/// code marks, raw HTML, images and shortcodes disappear; whitespace collapsed.
pub(crate) fn strip_markdown(s: &str) -> String {
    let cleaned = blank_shortcodes(s);
    let mut out = String::new();
    let mut image = 0usize;
    for event in Parser::new_ext(&cleaned, options()) {
        match event {
            Event::Start(Tag::Image { .. }) => image += 1,
            Event::End(TagEnd::Image) => image = image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) if image == 0 => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(_) | Event::InlineHtml(_) => out.push(' '),
            _ => {}
        }
    }
    collapse_ws(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_links_emphasis_and_html() {
        assert_eq!(
            strip_markdown("A [screening call](https://x.y/#a) with **our** `VP`<br>team"),
            "A screening call with our VP team"
        );
        assert_eq!(strip_markdown("See {{< ref \"a.md\" >}} now"), "See now");
        assert_eq!(strip_markdown("[text]({{< ref \"a.md\" >}})"), "text");
    }
}
