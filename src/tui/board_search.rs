//! What the board's filter searches: each card's name, email and source, lowercased with
//! accents folded, back to back in one string so a keystroke is one scan of one string;
//! the cards found are ranked by nucleo-matcher.

use crate::domain::BoardCard;
use crate::domain::text::fold;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Separates a card's fields in the search text, so no word matches across two fields.
const FIELD: char = '\u{1}';

/// A typed filter, prepared once per keystroke.
pub struct Needle {
    /// Trimmed, lowercased, accents folded.
    pub text: String,
    words: Vec<String>,
    pattern: Pattern,
}

impl Needle {
    /// Prepare `filter`: every whitespace-separated word must occur in the card.
    pub fn new(filter: &str) -> Self {
        let text = fold(filter.trim());
        let words = text.split_whitespace().map(str::to_string).collect();
        let pattern = Pattern::new(&text, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        Needle { text, words, pattern }
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The search text of a board's cards.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    haystack: String,
    /// Where each card's text starts in `haystack`.
    starts: Vec<u32>,
    /// Per card, which of `a-z`, `0-9` and space its text holds (bit per character), so
    /// the first letter typed, which matches most cards, needs no text search at all.
    masks: Vec<u64>,
}

impl SearchText {
    /// Build the search text of `cards`.
    pub fn new(cards: &[BoardCard]) -> Self {
        let mut text = SearchText {
            haystack: String::with_capacity(cards.len() * 48),
            starts: Vec::with_capacity(cards.len()),
            masks: Vec::with_capacity(cards.len()),
        };
        text.extend(cards);
        text
    }

    /// Add the text of `cards`, which follow those already here.
    pub fn extend(&mut self, cards: &[BoardCard]) {
        for card in cards {
            self.starts.push(self.haystack.len() as u32);
            let mut mask = 0u64;
            let fields = [
                card.name.as_str(),
                card.email.as_deref().unwrap_or(""),
                card.source.as_deref().unwrap_or(""),
            ];
            for (i, part) in fields.into_iter().enumerate() {
                if i > 0 {
                    self.haystack.push(FIELD);
                }
                // Control characters would break the layout of the search text.
                for c in fold(part).chars().map(|c| if c.is_control() { ' ' } else { c }) {
                    mask |= char_bit(c).unwrap_or(0);
                    self.haystack.push(c);
                }
            }
            self.haystack.push('\n');
            self.masks.push(mask);
        }
    }

    /// Keep only the first `n` cards' text.
    pub fn truncate(&mut self, n: usize) {
        if let Some(&start) = self.starts.get(n) {
            self.haystack.truncate(start as usize);
        }
        self.starts.truncate(n);
        self.masks.truncate(n);
    }

    /// Card `i`'s part of the search text.
    fn text(&self, i: usize) -> &str {
        let start = self.starts.get(i).map_or(self.haystack.len(), |&s| s as usize);
        let end = self.starts.get(i + 1).map_or(self.haystack.len(), |&s| s as usize);
        self.haystack.get(start..end).unwrap_or("")
    }

    /// The cards holding every word of `needle`, with a ranking score (higher is better):
    /// among `within` when given (typing narrows), else among all cards.
    pub fn find(&self, needle: &Needle, within: Option<Vec<usize>>) -> Vec<(usize, u32)> {
        if needle.words.iter().any(|w| w.contains([FIELD, '\n'])) {
            return Vec::new();
        }
        let Some(longest) = needle.words.iter().max_by_key(|w| w.len()) else { return Vec::new() };
        let candidates = within.unwrap_or_else(|| self.scan(longest));
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        let mut matcher = Matcher::new(config);
        let mut buf = Vec::new();
        candidates
            .into_iter()
            .filter_map(|i| {
                let text = self.text(i);
                if !needle.words.iter().all(|w| text.contains(w.as_str())) {
                    return None;
                }
                // Containing every word decides the match; the score only ranks.
                let score = needle.pattern.score(Utf32Str::new(text, &mut buf), &mut matcher).unwrap_or(0);
                Some((i, score))
            })
            .collect()
    }

    /// Cards whose text contains `word`: one pass over the search text.
    fn scan(&self, word: &str) -> Vec<usize> {
        if let Some(bit) = single_char_bit(word) {
            return (0..self.masks.len()).filter(|&i| self.masks[i] & bit != 0).collect();
        }
        let mut found = Vec::new();
        let (mut pos, mut card) = (0usize, 0usize);
        while let Some(at) = self.haystack.get(pos..).and_then(|rest| rest.find(word)).map(|f| pos + f) {
            while self.starts.get(card + 1).is_some_and(|&next| next as usize <= at) {
                card += 1;
            }
            found.push(card);
            card += 1;
            match self.starts.get(card) {
                Some(&next) => pos = next as usize,
                None => break,
            }
        }
        found
    }
}

/// The bit of a character in a card's mask, for `a-z`, `0-9` and space.
fn char_bit(c: char) -> Option<u64> {
    match c {
        'a'..='z' => Some(1 << (c as u32 - 'a' as u32)),
        '0'..='9' => Some(1 << (26 + c as u32 - '0' as u32)),
        ' ' => Some(1 << 36),
        _ => None,
    }
}

/// The mask bit of a one-character word, when it has one.
fn single_char_bit(word: &str) -> Option<u64> {
    let mut chars = word.chars();
    match (chars.next(), chars.next()) {
        (Some(c), None) => char_bit(c),
        _ => None,
    }
}
