//! What the importer keeps of a page's markdown: top-level blocks with plain text and
//! 1-based source lines.

use std::ops::Range;

use super::text::collapse_ws;

/// One source line of a paragraph or list item, as plain text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Segment {
    /// Plain text of the line.
    pub text: String,
    /// 1-based line number.
    pub line: usize,
    /// A lazy continuation line: less indented than the item's content.
    pub lazy: bool,
}

/// One item of a top-level list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct Item {
    /// 1-based line of the marker.
    pub line: usize,
    /// 1-based last line holding the item's text.
    pub last_line: usize,
    /// Lines of the item's first paragraph.
    pub segments: Vec<Segment>,
    /// Later paragraphs and nested list items, each as plain text.
    pub extra: Vec<String>,
}

impl Item {
    /// The whole item as one line of plain text.
    pub(crate) fn text(&self) -> String {
        let mut parts: Vec<&str> = self.segments.iter().map(|s| s.text.as_str()).collect();
        parts.extend(self.extra.iter().map(String::as_str));
        collapse_ws(&parts.join(" "))
    }
}

/// What a block is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A heading outside quotes and lists.
    Heading { depth: u8, text: String },
    /// A paragraph, line by line.
    Paragraph(Vec<Segment>),
    /// A top-level list; `start` is an ordered list's first number.
    List { ordered: bool, start: u64, items: Vec<Item> },
    /// A table (never read for content).
    Table,
    /// Raw HTML; `details` is `<details>` openings minus closings.
    Html { details: i32 },
    /// A fenced or indented code block.
    Code,
    /// A block quote (an aside).
    Quote,
    /// A thematic break.
    Rule,
}

/// A top-level block with its place in the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Block {
    /// What it is.
    pub kind: Kind,
    /// 1-based first line.
    pub line: usize,
    /// 1-based last line.
    pub last_line: usize,
    /// Byte range in the (cleaned) source.
    pub range: Range<usize>,
    /// Place among the page's top-level blocks (0 for the first).
    pub index: usize,
}
