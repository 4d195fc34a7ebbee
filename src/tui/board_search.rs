//! What the board's filter searches: each card's name, email and source, lowercased with
//! accents folded, back to back in one string so a keystroke is one scan of one string.
//! The cards found are ranked by nucleo-matcher when they are few; when many match (the
//! first letters typed on a big role: ~40,000 cards at 1,000,000 candidates, 5-15 ms of
//! nucleo a key) by where the typed text sits in them (`board_rank.rs`), which costs
//! little more than the search. Either way the cards found are the same.

use super::board_rank::{by_level, level};
use crate::domain::BoardCard;
use crate::domain::text::fold;
use memchr::memmem::Finder;
use nucleo_matcher::pattern::{AtomKind, CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};

/// Separates a card's fields in the search text, so no word matches across two fields.
const FIELD: char = '\u{1}';

/// Above this many matches the cards are ranked by [`level`] instead of by nucleo-matcher (~0.2 µs a card at 1,000,000 candidates, so 2,000 cards
/// cost ~0.4 ms; the quick rank about a tenth of that).
pub const NUCLEO_MAX: usize = 2_000;

/// A typed filter, prepared once per keystroke.
pub struct Needle {
    /// Trimmed, lowercased, accents folded.
    pub text: String,
    /// Its words, each of which a card must contain.
    words: Vec<String>,
    /// Its words joined by single spaces: a name starting with it ranks first.
    phrase: String,
    pattern: Pattern,
}

impl Needle {
    /// Prepare `filter`: every whitespace-separated word must occur in the card.
    pub fn new(filter: &str) -> Self {
        let text = fold(filter.trim());
        let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
        let phrase = words.join(" ");
        let pattern = Pattern::new(&text, CaseMatching::Ignore, Normalization::Smart, AtomKind::Substring);
        Needle { text, words, phrase, pattern }
    }

    /// Whether nothing was typed.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// The search text of a board's cards.
#[derive(Debug, Clone, Default)]
pub struct SearchText {
    /// Which text this is: new for each text built or changed (`filter_rank.rs` checks
    /// that a ranking done on a thread was of the text the board holds).
    id: u64,
    haystack: String,
    /// Where each card's text starts in `haystack`.
    starts: Vec<u32>,
    /// Per card, which of `a-z`, `0-9` and space its text holds (bit per character), so
    /// the first letter typed, which matches most cards, needs no text search at all.
    masks: Vec<u64>,
    /// Per card, the first character of its name, and which of `a-z` and `0-9` start a
    /// word of its name and of its other fields (bits as in `masks`), so ranking by the
    /// first letter typed needs no text search either.
    heads: Vec<[u64; 3]>,
}

impl SearchText {
    /// Build the search text of `cards`.
    pub fn new(cards: &[BoardCard]) -> Self {
        let mut text = SearchText {
            id: 0,
            haystack: String::with_capacity(cards.len() * 48),
            starts: Vec::with_capacity(cards.len()),
            masks: Vec::with_capacity(cards.len()),
            heads: Vec::with_capacity(cards.len()),
        };
        text.extend(cards);
        text
    }

    /// Add the text of `cards`, which follow those already here.
    pub fn extend(&mut self, cards: &[BoardCard]) {
        self.id = next_id();
        for card in cards {
            let start = self.haystack.len();
            self.starts.push(start as u32);
            let (mut mask, mut heads, mut boundary) = (0u64, [0u64; 3], true);
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
                    let bit = char_bit(c).unwrap_or(0);
                    mask |= bit;
                    if self.haystack.len() == start {
                        heads[0] = bit;
                    }
                    if boundary {
                        heads[1 + i.min(1)] |= bit;
                    }
                    // As `board_rank::level` reads a word's start.
                    boundary = c.is_ascii() && !c.is_ascii_alphanumeric();
                    self.haystack.push(c);
                }
                boundary = true;
            }
            self.haystack.push('\n');
            self.masks.push(mask);
            self.heads.push(heads);
        }
    }

    /// Keep only the first `n` cards' text.
    pub fn truncate(&mut self, n: usize) {
        self.id = next_id();
        if let Some(&start) = self.starts.get(n) {
            self.haystack.truncate(start as usize);
        }
        self.starts.truncate(n);
        self.masks.truncate(n);
        self.heads.truncate(n);
    }

    /// Which text this is (see `id`), and how many cards it holds.
    pub fn id(&self) -> (u64, usize) {
        (self.id, self.starts.len())
    }

    /// Card `i`'s part of the search text.
    fn text(&self, i: usize) -> &str {
        let start = self.starts.get(i).map_or(self.haystack.len(), |&s| s as usize);
        let end = self.starts.get(i + 1).map_or(self.haystack.len(), |&s| s as usize);
        self.haystack.get(start..end).unwrap_or("")
    }

    /// The cards holding every word of `needle`, best match first (equal ones in the
    /// cards' order): among `within` when given (typing narrows), else among all cards.
    pub fn find(&self, needle: &Needle, within: Option<Vec<usize>>) -> Vec<usize> {
        self.find_ranked(needle, within, NUCLEO_MAX)
    }

    /// [`SearchText::find`], ranking with nucleo-matcher up to `nucleo_max` matches.
    fn find_ranked(&self, needle: &Needle, within: Option<Vec<usize>>, nucleo_max: usize) -> Vec<usize> {
        if needle.words.iter().any(|w| w.contains([FIELD, '\n'])) {
            return Vec::new();
        }
        let Some(longest) = needle.words.iter().max_by_key(|w| w.len()) else { return Vec::new() };
        // The scan found the cards containing the longest word: check only the others.
        // Narrowing checks the cards shown, unless they are many: then one pass of the
        // search text is quicker than a search in each (at 1,000,000 candidates, 40,000
        // cards: ~0.5 ms against ~2 ms), and finds the same cards, in the board's order.
        let (candidates, found_by_scan) = match within.filter(|w| w.len() <= self.starts.len() / 16) {
            Some(within) => (within, None),
            None => (self.scan(longest), Some(longest)),
        };
        let to_check: Vec<Finder> = needle
            .words
            .iter()
            .filter(|&w| Some(w) != found_by_scan)
            .map(|w| Finder::new(w.as_bytes()))
            .collect();
        // Containing every word decides the match; the rank only orders.
        let found: Vec<usize> = candidates
            .into_iter()
            .filter(|&i| {
                let text = self.text(i).as_bytes();
                to_check.iter().all(|w| w.find(text).is_some())
            })
            .collect();
        if found.len() > nucleo_max {
            by_level(found, |i| self.level(i, needle))
        } else {
            self.nucleo_rank(needle, found)
        }
    }

    /// `found` ranked by nucleo-matcher's score (prefix matches preferred).
    fn nucleo_rank(&self, needle: &Needle, found: Vec<usize>) -> Vec<usize> {
        let mut config = Config::DEFAULT;
        config.prefer_prefix = true;
        let mut matcher = Matcher::new(config);
        let mut buf = Vec::new();
        let mut scored: Vec<(usize, u32)> = found
            .into_iter()
            .map(|i| {
                let text = self.text(i);
                (i, needle.pattern.score(Utf32Str::new(text, &mut buf), &mut matcher).unwrap_or(0))
            })
            .collect();
        scored.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.into_iter().map(|(i, _)| i).collect()
    }

    /// Card `i`'s [`level`] for `needle`; from its word heads when the first word is one
    /// letter or digit (the first key typed, which most cards match).
    fn level(&self, i: usize, needle: &Needle) -> u8 {
        let [start, name, rest] = self.heads.get(i).copied().unwrap_or_default();
        if let Some(bit) = single_char_bit(&needle.phrase) {
            // One character typed: all in the heads, the text not read at all.
            return if start & bit != 0 {
                3
            } else if name & bit != 0 {
                2
            } else {
                u8::from(rest & bit != 0)
            };
        }
        let text = self.text(i);
        let first = needle.words.first().map_or("", String::as_str);
        let lead = first.chars().next().and_then(char_bit).unwrap_or(0);
        if text.starts_with(needle.phrase.as_str()) {
            3
        } else if lead != 0 && (name | rest) & lead == 0 {
            // No word starts with its first character.
            0
        } else if single_char_bit(first).is_some() {
            if name & lead != 0 { 2 } else { u8::from(rest & lead != 0) }
        } else {
            level(text, &needle.phrase, first, FIELD as u8)
        }
    }

    /// Cards whose text contains `word`: one pass over the search text.
    fn scan(&self, word: &str) -> Vec<usize> {
        if let Some(bit) = single_char_bit(word) {
            return (0..self.masks.len()).filter(|&i| self.masks[i] & bit != 0).collect();
        }
        let finder = Finder::new(word.as_bytes());
        let haystack = self.haystack.as_bytes();
        let mut found = Vec::new();
        let (mut pos, mut card) = (0usize, 0usize);
        while let Some(at) = haystack.get(pos..).and_then(|rest| finder.find(rest)).map(|f| pos + f) {
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

fn next_id() -> u64 {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{AppStatus, ApplicationId, CandidateId, StageId};

    fn card(id: i64, name: &str, email: &str, source: &str) -> BoardCard {
        BoardCard {
            id: ApplicationId(id),
            candidate_id: CandidateId(id),
            name: name.into(),
            level: "Senior".into(),
            stage_id: StageId(1),
            status: AppStatus::Active,
            stage_entered_at: crate::domain::clock::parse_time("2026-03-01T09:00:00.000000Z"),
            version: 1,
            last_recommendation: None,
            interviews_at_stage: 0,
            email: Some(email.into()).filter(|e: &String| !e.is_empty()),
            source: Some(source.into()).filter(|s: &String| !s.is_empty()),
        }
    }

    fn names(cards: &[BoardCard], found: &[usize]) -> Vec<String> {
        found.iter().map(|&i| cards[i].name.clone()).collect()
    }

    fn cards() -> Vec<BoardCard> {
        vec![
            card(1, "Zoë Anand", "zoe@example.com", "job board"),
            card(2, "Marko Jovanović", "", "LinkedIn"),
            card(3, "Ben Okafor", "ben.ana@example.org", "referral"),
            card(4, "Ana Ruiz", "ana@example.com", ""),
            card(5, "Hanan Ali", "", "agency"),
            card(6, "Ana María Díaz", "", ""),
        ]
    }

    #[test]
    fn the_quick_rank_and_nucleo_find_the_same_cards() {
        let cards = cards();
        let text = SearchText::new(&cards);
        for typed in ["a", "an", "ana", "an a", "o", "example", "ana ruiz", "zz", "é", "m d"] {
            let needle = Needle::new(typed);
            let mut quick = text.find_ranked(&needle, None, 0);
            let mut nucleo = text.find_ranked(&needle, None, usize::MAX);
            quick.sort_unstable();
            nucleo.sort_unstable();
            assert_eq!(quick, nucleo, "{typed:?}");
            let every = (0..cards.len()).filter(|&i| needle.words.iter().all(|w| text.text(i).contains(w)));
            assert_eq!(quick, every.collect::<Vec<_>>(), "{typed:?}: exactly the cards holding every word");
        }
    }

    #[test]
    fn the_quick_rank_puts_names_starting_with_the_text_first() {
        let cards = cards();
        let text = SearchText::new(&cards);
        let found = text.find_ranked(&Needle::new("ana"), None, 0);
        // Name starts with it (board order), then a word of the name, then of the email,
        // then inside a word.
        assert_eq!(
            names(&cards, &found),
            ["Ana Ruiz", "Ana María Díaz", "Zoë Anand", "Ben Okafor", "Hanan Ali"]
        );
        let found = text.find_ranked(&Needle::new("a"), None, 0);
        assert_eq!(
            names(&cards, &found)[..2],
            ["Ana Ruiz", "Ana María Díaz"],
            "one letter: from the word heads"
        );
        assert_eq!(
            names(&cards, &found)[2..4],
            ["Zoë Anand", "Hanan Ali"],
            "a word of the name starts with it"
        );
        // Narrowing passes the last rank's order: the same rank as a fresh search.
        let within = text.find_ranked(&Needle::new("a"), None, 0);
        assert_eq!(
            text.find_ranked(&Needle::new("ana"), Some(within), 0),
            text.find_ranked(&Needle::new("ana"), None, 0)
        );
    }

    #[test]
    fn nucleo_ranks_up_to_the_threshold_the_quick_rank_above_it() {
        // "ana" inside a word everywhere (one level for the quick rank, so the board's
        // order), later in the first card than in the others (nucleo puts it last).
        let name = |i: usize| match i {
            0 => "Zoë Xxana".to_string(),
            NUCLEO_MAX => "Yana".to_string(),
            _ => format!("Xana {i}"),
        };
        let cards: Vec<BoardCard> = (0..=NUCLEO_MAX).map(|i| card(i as i64, &name(i), "", "")).collect();
        let text = SearchText::new(&cards);
        let above = text.find(&Needle::new("ana"), None);
        assert_eq!(
            above,
            (0..=NUCLEO_MAX).collect::<Vec<_>>(),
            "above: the quick rank, in the board's order"
        );
        let needle = Needle::new("xana");
        let at = text.find(&needle, None);
        assert_eq!(at.len(), NUCLEO_MAX);
        assert_eq!(at, text.nucleo_rank(&needle, (0..NUCLEO_MAX).collect()), "at the threshold: nucleo");
        assert_eq!(at.last(), Some(&0), "nucleo puts the later match last");
        assert_eq!(text.find(&needle, Some(above)), at, "narrowing many: one pass, the same");
        let few = text.find(&needle, Some(vec![5, NUCLEO_MAX, 0, 3]));
        assert_eq!(few, [3, 5, 0], "narrowing few: only those, ranked");
    }
}
