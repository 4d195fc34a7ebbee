//! Feeding a large page to the markdown parser a piece at a time.
//!
//! pulldown-cmark builds a tree of the whole input before yielding the first event, at
//! 40–50 bytes per node: a 4 MB page of short headings and lists held over 150 MB at
//! once. A top-level ATX heading after a blank line always starts a new block (no
//! list, quote, paragraph or table continues across it), so the page is parsed in
//! pieces that end there, and only one piece's tree is alive at a time. Pages under
//! 32 KB (all but two of the 302 corpus pages) are one piece; the larger real pages are
//! cut only before such headings, which gives the same events. A piece that finds no
//! such heading is cut where a list, quote or table can be split, and past a quarter
//! more at any line, or inside a line: no piece is much over 60 KB, whatever the page.

use std::ops::Range;

use pulldown_cmark::{BrokenLink, CowStr, Event, Parser};

use super::text::collapse_ws;

/// A piece is cut at the first safe heading after this many bytes.
const PIECE_BYTES: usize = 32 * 1024;
/// A piece still without a safe heading is cut at the next block, item or row start.
const HARD_BYTES: usize = 48 * 1024;

/// Every markdown event of `src` with its byte range in `src`, as one parse of the whole
/// page would give them (reference links resolve across pieces).
pub(crate) fn events(src: &str, mut f: impl FnMut(Event<'_>, Range<usize>)) {
    let pieces = pieces(src, PIECE_BYTES, HARD_BYTES);
    // A link whose definition sits in another piece must still be a link: the importer
    // reads only link text, so any known label resolves (to an empty destination).
    let labels = if pieces.len() > 1 { reference_labels(src) } else { Vec::new() };
    for piece in pieces {
        let resolve = |link: BrokenLink<'_>| {
            let known = labels.binary_search(&label_key(&link.reference)).is_ok();
            known.then(|| (CowStr::from(""), CowStr::from("")))
        };
        // A piece cut between table rows is parsed after a copy of the table's header
        // rows; their events are placed at the piece's start.
        let head = piece.head.clone().map_or("", |h| &src[h]);
        let text = if head.is_empty() {
            CowStr::Borrowed(&src[piece.range.clone()])
        } else {
            CowStr::from(format!("{head}{}", &src[piece.range.clone()]))
        };
        let at = |x: usize| x.saturating_sub(head.len()) + piece.range.start;
        let parser = Parser::new_with_broken_link_callback(&text, super::inline::options(), Some(resolve));
        for (event, range) in parser.into_offset_iter() {
            f(event, at(range.start)..at(range.end));
        }
    }
}

/// A byte range of the page to parse on its own, after `head` (a table's header rows).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Piece {
    range: Range<usize>,
    head: Option<Range<usize>>,
}

/// Pieces covering `src`, each ending just before a safe heading once it is at least
/// `target` bytes long; past `hard`, also at a line where a block, list item or table
/// row starts (a huge list or table is split in two there). Past a quarter more, any
/// line start will do (inside a fenced code or HTML block the next piece is parsed after
/// a copy of its opening line), and a longer line is cut inside, after a space: no page
/// gives the parser more than that at once, whatever it holds. Real pages never get
/// this far; the cuts only change how a huge paragraph or block is split.
fn pieces(src: &str, target: usize, hard: usize) -> Vec<Piece> {
    let loose = hard.saturating_add(hard / 4);
    let mut out = Vec::new();
    let (mut start, mut at) = (0, 0);
    let mut open = Open::default();
    let mut lines = LineKinds::default();
    let mut head = None;
    for line in src.split_inclusive('\n') {
        let body = line.trim_end_matches(['\n', '\r']);
        let len = at - start;
        let cut = if !open.is_none() {
            (len >= loose).then(|| open.head.clone())
        } else if lines.prev_blank && body.starts_with('#') && len >= target {
            Some(None)
        } else if len >= hard {
            lines.hard_cut(body).or_else(|| (len >= loose).then_some(None))
        } else {
            None
        };
        if let Some(next_head) = cut {
            out.push(Piece { range: start..at, head: head.take() });
            start = at;
            head = next_head;
        }
        let end = at + line.len();
        let was_open = !open.is_none();
        open.scan(body, at..end);
        lines.scan(body, at..end);
        while !was_open && open.is_none() && line.len() > hard && end - start > loose {
            let cut = split_point(src, (start + hard).max(at + 1), end);
            if cut >= end {
                break;
            }
            out.push(Piece { range: start..cut, head: head.take() });
            start = cut;
        }
        at = end;
    }
    if start < src.len() || out.is_empty() {
        out.push(Piece { range: start..src.len(), head });
    }
    out
}

/// Where to cut a long line at or after `from`: just after a space within a few
/// kilobytes, else at the next character boundary (never at or past `end`).
fn split_point(src: &str, from: usize, end: usize) -> usize {
    let near = (from + 4096).min(end);
    if let Some(i) = src.as_bytes().get(from..near).and_then(|b| b.iter().position(|c| *c == b' ')) {
        return from + i + 1;
    }
    (from..end).find(|&i| src.is_char_boundary(i)).unwrap_or(end)
}

/// What the lines just before the current one were, for cutting inside huge blocks.
#[derive(Default)]
struct LineKinds {
    prev_blank: bool,
    /// The marker of the previous line when it opened a column-0 list item.
    prev_marker: Option<char>,
    /// The previous line started a column-0 block quote line.
    prev_quote: bool,
    /// The previous line when it may be a table's header row.
    prev_line: Option<Range<usize>>,
    /// Header and delimiter rows of the table the previous line belongs to.
    table: Option<Range<usize>>,
}

impl LineKinds {
    /// Where a cut before `line` is safe: `Some(head)` to parse the next piece after
    /// `head` (a table's header rows).
    fn hard_cut(&self, line: &str) -> Option<Option<Range<usize>>> {
        let starts_block = !line.starts_with([' ', '\t']) && !line.trim().is_empty();
        if self.prev_blank && starts_block {
            return Some(None);
        }
        if self.prev_marker.is_some() && self.prev_marker == list_marker(line) {
            return Some(None);
        }
        if self.prev_quote && line.starts_with('>') {
            return Some(None);
        }
        if self.table.is_some() && line.starts_with('|') {
            return Some(self.table.clone());
        }
        None
    }

    fn scan(&mut self, line: &str, range: Range<usize>) {
        let blank = line.trim().is_empty();
        let row = line.starts_with('|');
        if let (Some(prev), true) = (self.prev_line.clone(), is_delimiter_row(line)) {
            self.table = Some(prev.start..range.end);
        } else if !row {
            self.table = None;
        }
        self.prev_line = (row && self.table.is_none()).then_some(range);
        self.prev_marker = list_marker(line);
        self.prev_quote = line.starts_with('>');
        self.prev_blank = blank;
    }
}

/// The marker of a column-0 list item line (`-`, `*`, `+`, or `.`/`)` after digits).
fn list_marker(line: &str) -> Option<char> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    let rest = &line[digits..];
    let mut chars = rest.chars();
    let marker = chars.next()?;
    let after = chars.as_str();
    let bullet = digits == 0 && matches!(marker, '-' | '*' | '+');
    let numbered = (1..=9).contains(&digits) && matches!(marker, '.' | ')');
    let spaced = after.starts_with([' ', '\t']);
    let content = !after.trim().is_empty();
    // `- - -` and `* * *` are thematic breaks, not items.
    let rule = bullet && rest.chars().all(|c| c == marker || c == ' ' || c == '\t');
    ((bullet || numbered) && spaced && content && !rule).then_some(marker)
}

/// A table's delimiter row: `|---|:--:|` and the like.
fn is_delimiter_row(line: &str) -> bool {
    let t = line.trim();
    t.starts_with('|') && t.contains('-') && t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t'))
}

/// Constructs that run across blank lines and headings: fenced code and HTML blocks
/// of the kinds that end only at a closing marker. Tracked generously (inside quotes
/// and list items too): seeing one where there is none only means no cut there.
#[derive(Default)]
struct Open {
    fence: Option<(char, usize)>,
    html_end: Option<&'static str>,
    /// The line that opened the fence or block.
    head: Option<Range<usize>>,
}

impl Open {
    fn is_none(&self) -> bool {
        self.fence.is_none() && self.html_end.is_none()
    }

    fn scan(&mut self, line: &str, range: Range<usize>) {
        let was_open = !self.is_none();
        self.scan_line(line);
        if !was_open && !self.is_none() {
            self.head = Some(range);
        }
    }

    fn scan_line(&mut self, line: &str) {
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

/// Labels of every line that looks like a link reference definition (`[label]: …`), as
/// sorted keys: 8 bytes each, however many a page defines.
fn reference_labels(src: &str) -> Vec<u64> {
    let mut keys: Vec<u64> = src
        .lines()
        .filter_map(|l| l.trim_start_matches([' ', '\t', '>']).strip_prefix('['))
        .filter_map(|l| l.split_once("]:").map(|(label, _)| label_key(label)))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// A label as CommonMark compares them (case-insensitive, whitespace collapsed), hashed.
fn label_key(label: &str) -> u64 {
    let mut h = std::hash::DefaultHasher::new();
    std::hash::Hash::hash(&collapse_ws(label).to_lowercase(), &mut h);
    std::hash::Hasher::finish(&h)
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
        Parser::new_ext(src, super::super::inline::options())
            .into_offset_iter()
            .map(|(e, r)| (shown(&e), r))
            .collect()
    }

    #[test]
    fn cuts_only_before_headings_outside_fences_and_comments() {
        let page = "# A\n\ntext\n\n```\n\n# in code\n```\n\n<!--\n\n# in comment\n-->\n\n# B\n\n- x\n";
        let cuts: Vec<usize> = pieces(page, 1, usize::MAX).iter().map(|p| p.range.start).collect();
        let at = |s: &str| page.find(s).expect("present");
        assert_eq!(cuts, [0, at("# B")]);
        assert_eq!(pieces(page, 1_000, usize::MAX), vec![Piece { range: 0..page.len(), head: None }]);
    }

    #[test]
    fn pieces_give_the_same_events_as_one_parse() {
        let section =
            "## Level\n\n- item *one*\n- item [two][ref]\n\n> quote\n\n| a | b |\n|---|---|\n| c | d |\n\n";
        let mut page = String::from("[ref]: https://example.com\n\n");
        while page.len() < 3 * PIECE_BYTES {
            page.push_str(section);
        }
        assert!(pieces(&page, PIECE_BYTES, HARD_BYTES).len() >= 3);
        assert_eq!(all_events(&page), whole(&page));
    }

    /// Events of `src` cut with `hard` bytes, and the number of pieces.
    fn hard_events(src: &str, hard: usize) -> (Vec<String>, usize) {
        let pieces = pieces(src, hard / 2, hard);
        let mut out = Vec::new();
        for piece in &pieces {
            let head = piece.head.clone().map_or(String::new(), |h| src[h].to_string());
            let text = format!("{head}{}", &src[piece.range.clone()]);
            out.extend(Parser::new_ext(&text, super::super::inline::options()).map(|e| shown(&e)));
        }
        (out, pieces.len())
    }

    #[test]
    fn huge_lists_and_tables_are_cut_between_items_and_rows_only() {
        let list = "- a\n".repeat(2_000);
        let (events, n) = hard_events(&list, 1_000);
        assert!(n >= 7, "{n} pieces");
        let items = events.iter().filter(|e| e.starts_with("Start(Item")).count();
        assert_eq!(items, 2_000);
        assert!(!events.iter().any(|e| e.contains("Paragraph")));

        let table = format!("| h | i |\n|---|:-:|\n{}", "| a | b |\n".repeat(1_000));
        let (events, n) = hard_events(&table, 1_000);
        assert!(n >= 7, "{n} pieces");
        assert!(!events.iter().any(|e| e.contains("Paragraph")));
        let rows = events.iter().filter(|e| e.starts_with("Start(TableRow")).count();
        assert_eq!(rows, 1_000);

        let quote = "> a\n".repeat(2_000);
        let (events, n) = hard_events(&quote, 1_000);
        assert!(n >= 7, "{n} pieces");
        assert!(events.iter().all(|e| !e.contains("Text") || e.contains("\"a\"")));

        // Past a quarter more than the hard limit any line will do; a fenced block goes on
        // in the next piece after a copy of its opening line.
        let fenced = format!("```\n{}```\n", "- a\n\nb\n".repeat(1_000));
        let (events, n) = hard_events(&fenced, 1_000);
        assert!(n >= 5, "{n} pieces");
        assert!(events.iter().all(|e| e.contains("CodeBlock") || e.starts_with("Text")), "{events:?}");
        let rule = "- - -\n".repeat(1_000);
        let (events, n) = hard_events(&rule, 1_000);
        assert!(n >= 4, "{n} pieces");
        assert!(events.iter().all(|e| e == "Rule"), "{events:?}");
        for line in ["é", "1é x", "-", "12345678901. x", "- "] {
            assert_eq!(list_marker(line), None, "{line}");
        }
        assert_eq!(list_marker("3) x"), Some(')'));
    }

    #[test]
    fn no_piece_is_much_longer_than_the_hard_limit() {
        let (target, hard) = (500, 1_000);
        let pages = [
            "*a*\n".repeat(3_000),
            "*a* ".repeat(3_000),
            "-\n".repeat(3_000),
            "<!--\n".to_string() + &"a\n".repeat(3_000) + "-->\n",
            "<div>\n".to_string() + &"a\n".repeat(3_000),
            "- a\n  - b\n".repeat(1_000),
            format!("x{}", "é".repeat(3_000)),
        ];
        for page in &pages {
            let pieces = pieces(page, target, hard);
            let longest = pieces.iter().map(|p| p.range.len()).max().unwrap_or(0);
            assert!(longest <= hard + hard / 4 + 2, "{longest} bytes in one piece of {:?}", &page[..8]);
            let covered: usize = pieces.iter().map(|p| p.range.len()).sum();
            assert_eq!(covered, page.len());
            assert!(pieces.iter().all(|p| page.is_char_boundary(p.range.start)));
        }
        // A comment goes on in the next piece: nothing in it becomes a paragraph.
        let (events, _) = hard_events(&pages[3], hard);
        assert!(!events.iter().any(|e| e.contains("Paragraph")));
    }
}
