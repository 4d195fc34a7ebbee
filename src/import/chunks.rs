//! Feeding a large page to the markdown parser a section at a time.
//!
//! pulldown-cmark builds a tree of the whole input before yielding the first event, at
//! 40–50 bytes per node: a 4 MB page of short headings and lists held over 150 MB at
//! once. A top-level ATX heading after a blank line always starts a new block (no
//! list, quote, paragraph or table continues across it), so the page is parsed in
//! pieces that end there, and only one piece's tree is alive at a time. Small pages
//! (every real handbook page) are one piece, parsed exactly as before.

use std::collections::HashSet;
use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser};

use super::text::collapse_ws;

/// A piece is cut at the first safe heading after this many bytes.
const PIECE_BYTES: usize = 64 * 1024;

/// Every markdown event of `src` with its byte range in `src`, as one parse of the whole
/// page would give them (reference links resolve across pieces).
pub(crate) fn events(src: &str, mut f: impl FnMut(Event<'_>, Range<usize>)) {
    let pieces = pieces(src, PIECE_BYTES);
    // A link whose definition sits in another piece must still be a link: the importer
    // reads only link text, so any known label resolves (to an empty destination).
    let labels = if pieces.len() > 1 { reference_labels(src) } else { HashSet::new() };
    for piece in pieces {
        let resolve = |link: BrokenLink<'_>| {
            labels.contains(&label_key(&link.reference)).then(|| (CowStr::from(""), CowStr::from("")))
        };
        let text = &src[piece.clone()];
        let parser = Parser::new_with_broken_link_callback(text, super::markdown::options(), Some(resolve));
        for (event, range) in parser.into_offset_iter() {
            f(event, range.start + piece.start..range.end + piece.start);
        }
    }
}

/// Byte ranges covering `src`, each ending just before a safe heading once it is at
/// least `target` bytes long.
fn pieces(src: &str, target: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    let mut open = Open::default();
    let mut prev_blank = true;
    for line in src.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let safe = prev_blank && body.starts_with('#') && open.is_none();
        if safe && at - start >= target {
            out.push(start..at);
            start = at;
        }
        open.scan(body);
        prev_blank = body.trim().is_empty();
        at += line.len();
    }
    if start < src.len() || out.is_empty() {
        out.push(start..src.len());
    }
    out
}

/// Constructs that run across blank lines and headings: fenced code and HTML blocks
/// of the kinds that end only at a closing marker. Tracked generously (inside quotes
/// and list items too): seeing one where there is none only means no cut there.
#[derive(Default)]
struct Open {
    fence: Option<(char, usize)>,
    html_end: Option<&'static str>,
}

impl Open {
    fn is_none(&self) -> bool {
        self.fence.is_none() && self.html_end.is_none()
    }

    fn scan(&mut self, line: &str) {
        let content = line.trim_start_matches([' ', '\t', '>']);
        if let Some((c, n)) = self.fence {
            let run = content.chars().take_while(|&x| x == c).count();
            if run >= n && content[run * c.len_utf8()..].trim().is_empty() {
                self.fence = None;
            }
            return;
        }
        if let Some(end) = self.html_end {
            if line.to_ascii_lowercase().contains(end) {
                self.html_end = None;
            }
            return;
        }
        for c in ['`', '~'] {
            let run = content.chars().take_while(|&x| x == c).count();
            if run >= 3 {
                self.fence = Some((c, run));
                return;
            }
        }
        let lower = content.get(..content.len().min(12)).unwrap_or(content).to_ascii_lowercase();
        let end = [
            ("<!--", "-->"),
            ("<script", "</script>"),
            ("<pre", "</pre>"),
            ("<style", "</style>"),
            ("<textarea", "</textarea>"),
            ("<![cdata[", "]]>"),
            ("<?", "?>"),
            ("<!", ">"),
        ]
        .into_iter()
        .find(|(open, _)| lower.starts_with(open))
        .map(|(open, end)| (open.len(), end));
        if let Some((skip, end)) = end {
            let rest = content.get(skip..).unwrap_or("").to_ascii_lowercase();
            if !rest.contains(end) {
                self.html_end = Some(end);
            }
        }
    }
}

/// Labels of every line that looks like a link reference definition (`[label]: …`).
fn reference_labels(src: &str) -> HashSet<String> {
    src.lines()
        .filter_map(|l| l.trim_start_matches([' ', '\t', '>']).strip_prefix('['))
        .filter_map(|l| l.split_once("]:").map(|(label, _)| label_key(label)))
        .collect()
}

/// How CommonMark compares labels: case-insensitive, whitespace collapsed.
fn label_key(label: &str) -> String {
    collapse_ws(label).to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An event as the importer sees it: a link's destination is never read.
    fn shown(e: &Event<'_>) -> String {
        match e {
            Event::Start(pulldown_cmark::Tag::Link { .. }) => "link".into(),
            e => format!("{e:?}"),
        }
    }

    fn all_events(src: &str) -> Vec<(String, Range<usize>)> {
        let mut out = Vec::new();
        events(src, |e, r| out.push((shown(&e), r)));
        out
    }

    fn whole(src: &str) -> Vec<(String, Range<usize>)> {
        Parser::new_ext(src, super::super::markdown::options())
            .into_offset_iter()
            .map(|(e, r)| (shown(&e), r))
            .collect()
    }

    #[test]
    fn cuts_only_before_headings_outside_fences_and_comments() {
        let page = "# A\n\ntext\n\n```\n\n# in code\n```\n\n<!--\n\n# in comment\n-->\n\n# B\n\n- x\n";
        let cuts: Vec<usize> = pieces(page, 1).iter().map(|r| r.start).collect();
        let at = |s: &str| page.find(s).expect("present");
        assert_eq!(cuts, [0, at("# B")]);
        assert_eq!(pieces(page, 1_000), vec![(0..page.len())]);
    }

    #[test]
    fn pieces_give_the_same_events_as_one_parse() {
        let section =
            "## Level\n\n- item *one*\n- item [two][ref]\n\n> quote\n\n| a | b |\n|---|---|\n| c | d |\n\n";
        let mut page = String::from("[ref]: https://example.com\n\n");
        while page.len() < 3 * PIECE_BYTES {
            page.push_str(section);
        }
        assert!(pieces(&page, PIECE_BYTES).len() >= 3);
        assert_eq!(all_events(&page), whole(&page));
    }
}
