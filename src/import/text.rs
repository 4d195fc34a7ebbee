//! Small text helpers shared by the importer: whitespace, case-insensitive
//! search, Hugo shortcode blanking, words and line numbers.
//!
//! Every search here works on an ASCII-lowercased copy of the text, which has
//! the same byte length and the same char boundaries as the original, so an
//! index found in the copy can be used to slice the original safely.

/// Runs of whitespace collapsed to one space, trimmed.
pub(crate) fn collapse_ws(s: &str) -> String {
    // Built in one pass into a buffer of at most the input's size: collecting the words
    // first cost 16 bytes per word on top (4 times a page of short words).
    let mut out = String::with_capacity(s.len());
    for word in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.shrink_to_fit();
    out
}

/// Byte index of the first ASCII-case-insensitive occurrence of `needle`
/// (which must be lowercase ASCII) in `hay`, at or after `from`.
pub(crate) fn find_ci(hay: &str, needle: &str, from: usize) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    lower.get(from..)?.find(needle).map(|i| i + from)
}

/// Whether `hay` contains `needle` (lowercase ASCII), ignoring ASCII case.
pub(crate) fn contains_ci(hay: &str, needle: &str) -> bool {
    hay.to_ascii_lowercase().contains(needle)
}

/// Whether the byte before `at` in `s` is not a letter or digit (a word start).
pub(crate) fn word_start(s: &str, at: usize) -> bool {
    s.get(..at).and_then(|p| p.chars().next_back()).is_none_or(|c| !c.is_alphanumeric())
}

/// Whether the char at `at` in `s` is not a letter or digit (a word end).
pub(crate) fn word_end(s: &str, at: usize) -> bool {
    s.get(at..).and_then(|p| p.chars().next()).is_none_or(|c| !c.is_alphanumeric())
}

/// Byte index of `word` (lowercase ASCII) as a whole word in `hay`, ignoring case.
pub(crate) fn find_word(hay: &str, word: &str) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower.get(from..).and_then(|r| r.find(word)) {
        let at = from + i;
        if word_start(&lower, at) && word_end(&lower, at + word.len()) {
            return Some(at);
        }
        from = at + word.len();
    }
    None
}

/// Lowercase words (letters, digits, apostrophes) of `s`.
pub(crate) fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !(c.is_alphanumeric() || c == '\''))
        .filter(|w| !w.is_empty())
        .map(|w| w.to_lowercase())
        .collect()
}

/// A fixed vocabulary, written as one whitespace-separated string and
/// indexed on first use.
pub(crate) struct WordSet {
    list: &'static str,
    set: std::sync::OnceLock<std::collections::HashSet<&'static str>>,
}

impl WordSet {
    /// A vocabulary of the words of `list`.
    pub(crate) const fn new(list: &'static str) -> Self {
        WordSet { list, set: std::sync::OnceLock::new() }
    }

    /// Whether `word` is in the vocabulary.
    pub(crate) fn contains(&self, word: &str) -> bool {
        self.set.get_or_init(|| self.list.split_whitespace().collect()).contains(word)
    }
}

/// Uppercase the first character.
pub(crate) fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Replace Hugo shortcodes (`{{< … >}}`, `{{% … %}}`) by spaces, keeping
/// newlines, so byte offsets and line numbers stay those of the original.
pub(crate) fn blank_shortcodes(src: &str) -> String {
    /// A shortcode longer than this is not one; leave it alone.
    const MAX_SHORTCODE: usize = 2_000;
    let bytes = src.as_bytes();
    // Where each kind of shortcode closes (">}}" or "%}}"), found in one pass
    // so that every opening finds its closing in linear time overall.
    let closes = |c: u8| -> Vec<usize> {
        bytes.windows(3).enumerate().filter(|(_, w)| *w == [c, b'}', b'}']).map(|(i, _)| i).collect()
    };
    let (angle, percent) = (closes(b'>'), closes(b'%'));
    let (mut next_angle, mut next_percent) = (0, 0);
    let mut out = bytes.to_vec();
    let mut i = 0;
    while i + 2 < bytes.len() {
        let kind = bytes[i + 2];
        if !(bytes[i] == b'{' && bytes[i + 1] == b'{' && (kind == b'<' || kind == b'%')) {
            i += 1;
            continue;
        }
        let (list, next) =
            if kind == b'<' { (&angle, &mut next_angle) } else { (&percent, &mut next_percent) };
        while list.get(*next).is_some_and(|&c| c < i + 3) {
            *next += 1;
        }
        match list.get(*next).filter(|&&c| c + 3 - i <= MAX_SHORTCODE) {
            Some(&close) => {
                for b in &mut out[i..close + 3] {
                    if *b != b'\n' {
                        *b = b' ';
                    }
                }
                i = close + 3;
            }
            None => i += 3,
        }
    }
    // Only whole runs between ASCII delimiters were replaced by ASCII spaces,
    // so the bytes are still UTF-8; fall back to the input if not.
    String::from_utf8(out).unwrap_or_else(|_| src.to_string())
}

/// Number written as digits or as an English word ("one" … "twelve").
pub(crate) fn number_word(w: &str) -> Option<u32> {
    const WORDS: [&str; 12] =
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    if !w.is_empty() && w.len() <= 4 && w.bytes().all(|b| b.is_ascii_digit()) {
        return w.parse().ok();
    }
    WORDS.iter().position(|x| *x == w).and_then(|p| u32::try_from(p + 1).ok())
}

/// Byte offset → 1-based line number, for a page up to 4 GB.
///
/// Keeps two numbers per [`LineIndex::STEP`] bytes instead of one per line (a page of
/// empty lines would otherwise cost 8 bytes a byte); a look-up scans at most that many.
pub(crate) struct LineIndex<'s> {
    src: &'s [u8],
    /// For each step: newlines before it, and where the line holding it starts.
    marks: Vec<(u32, u32)>,
}

impl<'s> LineIndex<'s> {
    const STEP: usize = 64;

    /// Index the line starts of `src`.
    pub(crate) fn new(src: &'s str) -> Self {
        let src = src.as_bytes();
        let mut marks = Vec::with_capacity(src.len() / Self::STEP + 1);
        let (mut newlines, mut line_start) = (0u32, 0u32);
        for (i, chunk) in src.chunks(Self::STEP).enumerate() {
            marks.push((newlines, line_start));
            for (j, b) in chunk.iter().enumerate() {
                if *b == b'\n' {
                    newlines = newlines.saturating_add(1);
                    line_start = u32::try_from(i * Self::STEP + j + 1).unwrap_or(u32::MAX);
                }
            }
        }
        marks.push((newlines, line_start));
        LineIndex { src, marks }
    }

    /// The mark at or before `offset` (clamped to the text), its byte offset, and the
    /// bytes from there to `offset`.
    fn mark(&self, offset: usize) -> ((u32, u32), &'s [u8]) {
        let offset = offset.min(self.src.len());
        let k = offset / Self::STEP;
        let mark = self.marks.get(k).copied().unwrap_or_default();
        (mark, self.src.get(k * Self::STEP..offset).unwrap_or_default())
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        let ((newlines, _), tail) = self.mark(offset);
        newlines as usize + tail.iter().filter(|b| **b == b'\n').count() + 1
    }

    /// Byte offset where the line holding `offset` starts.
    pub(crate) fn line_start(&self, offset: usize) -> usize {
        let ((_, start), tail) = self.mark(offset);
        let base = offset.min(self.src.len()) - tail.len();
        tail.iter().rposition(|b| *b == b'\n').map_or(start as usize, |i| base + i + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcodes_keep_offsets() {
        let s = "a {{% x\ny %}} b";
        let out = blank_shortcodes(s);
        assert_eq!(out.len(), s.len());
        assert_eq!(out.matches('\n').count(), 1);
        assert!(!out.contains('%'));
        // Unclosed shortcodes and multi-byte text are left intact.
        assert_eq!(blank_shortcodes("{{< é"), "{{< é");
    }

    #[test]
    fn word_search_respects_boundaries() {
        assert_eq!(find_word("An upgrade 5 and grade 6", "grade"), Some(17));
        assert_eq!(find_word("Engineering", "engineer"), None);
        assert_eq!(number_word("two"), Some(2));
        assert_eq!(number_word("12"), Some(12));
        assert_eq!(number_word("99999"), None);
    }

    #[test]
    fn line_index_agrees_with_counting() {
        let src = "a\n\nbé\n".repeat(40) + &"x".repeat(200) + "\nend";
        let lines = LineIndex::new(&src);
        for offset in (0..=src.len() + 2).filter(|o| src.is_char_boundary((*o).min(src.len()))) {
            let before = &src[..offset.min(src.len())];
            assert_eq!(lines.line(offset), before.matches('\n').count() + 1, "{offset}");
            assert_eq!(lines.line_start(offset), before.rfind('\n').map_or(0, |i| i + 1), "{offset}");
        }
    }
}
