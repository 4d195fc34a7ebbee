//! Markdown → a flat list of top-level blocks with plain text and 1-based
//! source lines. Headings inside block quotes and list items are not
//! section headings and are kept out of the heading structure.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::block::{Block, Item, Kind, Segment};
use super::text::{LineIndex, collapse_ws};

/// Plain text being gathered line by line.
#[derive(Default)]
struct Lines {
    segs: Vec<Segment>,
    broken: bool,
}

impl Lines {
    fn push(&mut self, text: &str, line: usize, lazy: bool) {
        match self.segs.last_mut() {
            Some(last) if !self.broken => last.text.push_str(text),
            _ => {
                // Most paragraphs and items are one line: room for one, not the default four.
                self.segs.reserve_exact(usize::from(self.segs.is_empty()));
                self.segs.push(Segment { text: text.to_string(), line, lazy });
            }
        }
        self.broken = false;
    }

    fn finish(self) -> Vec<Segment> {
        let mut segs: Vec<Segment> = self
            .segs
            .into_iter()
            .map(|s| Segment { text: collapse_ws(&s.text), ..s })
            .filter(|s| !s.text.is_empty())
            .collect();
        segs.shrink_to_fit();
        segs
    }
}

/// An item of the current top-level list under construction.
#[derive(Default)]
struct ItemBuf {
    line: usize,
    last: usize,
    indent: usize,
    first: Lines,
    first_done: bool,
    in_para: bool,
    extra: Vec<String>,
    cur_extra: Option<String>,
}

impl ItemBuf {
    fn flush_extra(&mut self) {
        if let Some(t) = self.cur_extra.take() {
            let t = collapse_ws(&t);
            if !t.is_empty() {
                self.extra.push(t);
            }
        }
    }

    fn finish(mut self) -> Item {
        self.flush_extra();
        Item {
            line: self.line,
            last_line: self.last.max(self.line),
            segments: self.first.finish(),
            extra: self.extra,
        }
    }
}

/// The top-level block under construction.
enum Cur {
    None,
    Heading { depth: u8, text: String },
    Paragraph(Lines),
    List { ordered: bool, start: u64, items: Vec<Item>, item: Option<ItemBuf> },
    Html(String),
    Opaque(Kind),
}

struct Builder<'s> {
    src: &'s str,
    lines: &'s LineIndex<'s>,
    /// Whether the list items of the block with this index are wanted.
    want: &'s dyn Fn(usize) -> bool,
    sink: &'s mut dyn FnMut(Block),
    /// Index of the next block.
    index: usize,
    /// The current list's items are not wanted: none is built.
    skip_items: bool,
    cur: Cur,
    start: usize,
    /// Nesting of containers inside the current top-level block.
    depth: usize,
    list_depth: usize,
    image: usize,
}

/// Every top-level block of a (cleaned) page, in page order, to `sink`. The items of a
/// list are built only when `want` accepts the list's index; other lists arrive empty,
/// so a pass over a page keeps no more than the caller does.
pub(crate) fn each_block(
    src: &str,
    lines: &LineIndex<'_>,
    want: &dyn Fn(usize) -> bool,
    sink: &mut dyn FnMut(Block),
) {
    let mut b = Builder {
        src,
        lines,
        want,
        sink,
        index: 0,
        skip_items: false,
        cur: Cur::None,
        start: 0,
        depth: 0,
        list_depth: 0,
        image: 0,
    };
    super::chunks::events(src, |event, range| b.event(event, range));
}

/// Every top-level block of a (cleaned) page, list items included.
#[cfg(test)]
pub(crate) fn blocks(src: &str, lines: &LineIndex<'_>) -> Vec<Block> {
    let mut out = Vec::new();
    each_block(src, lines, &|_| true, &mut |b| out.push(b));
    out
}

impl Builder<'_> {
    fn event(&mut self, event: Event<'_>, range: Range<usize>) {
        match event {
            Event::Start(tag) => {
                if self.depth == 0 {
                    self.open(&tag, range.start);
                } else {
                    self.nested_start(&tag, range.start);
                }
                self.depth += 1;
            }
            Event::End(tag) => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 0 {
                    self.close(range.end);
                } else {
                    self.nested_end(tag);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.text(&t, range.start);
            }
            Event::Html(t) => {
                if let Cur::Html(buf) = &mut self.cur {
                    buf.push_str(&t);
                }
            }
            Event::InlineHtml(_) => self.text(" ", range.start),
            Event::SoftBreak | Event::HardBreak => self.line_break(),
            Event::Rule if self.depth == 0 => self.push(Kind::Rule, range),
            _ => {}
        }
    }

    fn push(&mut self, kind: Kind, range: Range<usize>) {
        let line = self.lines.line(range.start);
        // The end is exclusive and usually just past a newline: the last line is the
        // one holding the block's last byte.
        let last_line = self.lines.line(range.end.saturating_sub(1).max(range.start)).max(line);
        (self.sink)(Block { kind, line, last_line, range, index: self.index });
        self.index += 1;
    }

    fn open(&mut self, tag: &Tag<'_>, start: usize) {
        self.start = start;
        self.cur = match tag {
            Tag::Heading { level, .. } => Cur::Heading { depth: *level as u8, text: String::new() },
            Tag::Paragraph => Cur::Paragraph(Lines::default()),
            Tag::List(first) => {
                self.list_depth = 1;
                self.skip_items = !(self.want)(self.index);
                Cur::List {
                    ordered: first.is_some(),
                    start: first.unwrap_or(1),
                    items: Vec::new(),
                    item: None,
                }
            }
            Tag::HtmlBlock => Cur::Html(String::new()),
            Tag::Table(_) => Cur::Opaque(Kind::Table),
            Tag::CodeBlock(_) => Cur::Opaque(Kind::Code),
            Tag::BlockQuote(_) => Cur::Opaque(Kind::Quote),
            _ => Cur::Opaque(Kind::Quote),
        };
    }

    fn close(&mut self, end: usize) {
        let range = self.start..end.max(self.start);
        let kind = match std::mem::replace(&mut self.cur, Cur::None) {
            Cur::None => return,
            Cur::Heading { depth, text } => Kind::Heading { depth, text: collapse_ws(&text) },
            Cur::Paragraph(lines) => Kind::Paragraph(lines.finish()),
            Cur::List { ordered, start, mut items, item } => {
                items.extend(item.map(ItemBuf::finish));
                self.list_depth = 0;
                Kind::List { ordered, start, items }
            }
            Cur::Html(text) => Kind::Html { details: details_balance(&text) },
            Cur::Opaque(kind) => kind,
        };
        self.push(kind, range);
    }

    fn nested_start(&mut self, tag: &Tag<'_>, start: usize) {
        match tag {
            Tag::Image { .. } => self.image += 1,
            Tag::List(_) => self.list_depth += 1,
            _ => {}
        }
        let indent = self.item_indent(start);
        let line = self.lines.line(start);
        let list_depth = self.list_depth;
        let Cur::List { items, item, .. } = &mut self.cur else { return };
        match tag {
            Tag::Item if list_depth == 1 && self.skip_items => {}
            Tag::Item if list_depth == 1 => {
                items.extend(item.take().map(ItemBuf::finish));
                *item = Some(ItemBuf { line, last: line, indent, ..ItemBuf::default() });
            }
            Tag::Item => {
                if let Some(it) = item {
                    it.first_done = true;
                    it.flush_extra();
                    it.cur_extra = Some(String::new());
                }
            }
            Tag::Paragraph => {
                if let Some(it) = item {
                    if list_depth == 1 && !it.first_done && it.first.segs.is_empty() {
                        it.in_para = true;
                    } else {
                        it.first_done = true;
                        if list_depth == 1 {
                            it.flush_extra();
                            it.cur_extra = Some(String::new());
                        }
                    }
                }
            }
            Tag::List(_) | Tag::Heading { .. } | Tag::CodeBlock(_) | Tag::Table(_) => {
                if let Some(it) = item {
                    it.first_done = true;
                }
            }
            _ => {}
        }
    }

    fn nested_end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Image => self.image = self.image.saturating_sub(1),
            TagEnd::List(_) => self.list_depth = self.list_depth.saturating_sub(1),
            _ => {}
        }
        if let (TagEnd::Paragraph, Cur::List { item: Some(it), .. }) = (tag, &mut self.cur) {
            if it.in_para {
                it.in_para = false;
                it.first_done = true;
            } else if let Some(t) = &mut it.cur_extra {
                t.push(' ');
            }
        }
    }

    fn text(&mut self, t: &str, at: usize) {
        if self.image > 0 {
            return;
        }
        let line = self.lines.line(at);
        if let Cur::List { item: Some(it), .. } = &mut self.cur {
            it.last = it.last.max(line);
        }
        match &mut self.cur {
            Cur::Heading { text, .. } => text.push_str(t),
            Cur::Paragraph(lines) => lines.push(t, line, false),
            Cur::List { item: Some(it), .. } => {
                if !it.first_done {
                    let lazy = !it.first.segs.is_empty()
                        && it.first.broken
                        && line_indent(self.src, self.lines.line_start(at)) < it.indent;
                    it.first.push(t, line, lazy);
                } else {
                    it.cur_extra.get_or_insert_with(String::new).push_str(t);
                }
            }
            _ => {}
        }
    }

    fn line_break(&mut self) {
        match &mut self.cur {
            Cur::Heading { text, .. } => text.push(' '),
            Cur::Paragraph(lines) => lines.broken = true,
            Cur::List { item: Some(it), .. } => {
                if it.first_done {
                    if let Some(t) = &mut it.cur_extra {
                        t.push(' ');
                    }
                } else {
                    it.first.broken = true;
                }
            }
            _ => {}
        }
    }

    /// Column where the content of the list item starting at `start` begins.
    fn item_indent(&self, start: usize) -> usize {
        let line_start = self.lines.line_start(start);
        let rest = self.src.get(line_start..).unwrap_or("");
        let mut col = 0;
        // Lazily bounded by the line's end: finding the end first made deeply nested
        // containers on one long line quadratic (this runs once per nested tag).
        let mut chars = rest.chars().take_while(|c| *c != '\n').peekable();
        while let Some(&c) = chars.peek() {
            if c == ' ' || c == '\t' {
                col += if c == '\t' { 4 } else { 1 };
                chars.next();
            } else {
                break;
            }
        }
        match chars.peek() {
            Some(c) if c.is_ascii_digit() => {
                while chars.peek().is_some_and(|c| c.is_ascii_digit()) {
                    chars.next();
                    col += 1;
                }
                chars.next();
                col += 1;
            }
            Some(_) => {
                chars.next();
                col += 1;
            }
            None => {}
        }
        let spaces = chars.take_while(|c| *c == ' ').count();
        col + spaces.clamp(1, 4)
    }
}

/// Indentation (in columns) of the line starting at `line_start`.
fn line_indent(src: &str, line_start: usize) -> usize {
    let line = src.get(line_start..).unwrap_or("");
    line.chars().take_while(|c| *c == ' ' || *c == '\t').map(|c| if c == '\t' { 4 } else { 1 }).sum()
}

/// `<details>` openings minus closings in a piece of raw HTML.
fn details_balance(html: &str) -> i32 {
    let lower = html.to_ascii_lowercase();
    let opens = lower.matches("<details").count();
    let closes = lower.matches("</details").count();
    i32::try_from(opens).unwrap_or(i32::MAX) - i32::try_from(closes).unwrap_or(i32::MAX)
}

#[cfg(test)]
#[path = "markdown_tests.rs"]
mod tests;
