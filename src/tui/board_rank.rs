//! A cheap rank for a filter that many cards match (`board_search.rs` uses it above
//! `NUCLEO_MAX` matches): where the typed text sits in a card, worked out with a few
//! substring searches, so ranking 40,000 cards costs about as much as finding them.

/// How well a card matches, higher first: its name starts with `phrase` (the typed words
/// joined by spaces), a word of its name starts with `first` (the first word typed), a
/// word of its email or source does, or `first` only sits inside a word. `text` is the
/// card's folded search text, its name first, then `field` before each other field.
///
/// One pass over the bytes, no searcher built per card (`str::find` builds one: 0.3 µs a
/// card, most of a key at 40,000 cards). A word starts after an ASCII byte that is no
/// letter or digit (a space, `@`, `.`, `-`, the field separator); after a non-ASCII
/// letter it does not.
pub(super) fn level(text: &str, phrase: &str, first: &str, field: u8) -> u8 {
    let (bytes, word) = (text.as_bytes(), first.as_bytes());
    if bytes.starts_with(phrase.as_bytes()) {
        return 3;
    }
    let Some(&lead) = word.first() else { return 0 };
    let (mut in_name, mut boundary) = (true, true);
    for (i, &b) in bytes.iter().enumerate() {
        if b == lead && boundary && bytes[i..].starts_with(word) {
            return if in_name { 2 } else { 1 };
        }
        in_name &= b != field;
        boundary = b.is_ascii() && !b.is_ascii_alphanumeric();
    }
    0
}

/// `found` (card indices) best level first, cards of one level in index order (the
/// board's order): a stable bucket sort, no comparison of cards.
pub(super) fn by_level(found: Vec<usize>, level: impl Fn(usize) -> u8) -> Vec<usize> {
    let mut buckets: [Vec<usize>; 4] = Default::default();
    for i in found {
        buckets[usize::from(level(i).min(3))].push(i);
    }
    let mut ranked = Vec::with_capacity(buckets.iter().map(Vec::len).sum());
    for mut bucket in buckets.into_iter().rev() {
        // Narrowing passes the cards in their last rank's order, not the board's.
        if !bucket.is_sorted() {
            bucket.sort_unstable();
        }
        ranked.append(&mut bucket);
    }
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_from_name_prefix_to_inside_a_word() {
        let level = |t: &str, phrase: &str, first: &str| level(t, phrase, first, 1);
        assert_eq!(
            level("ana ruiz\u{1}ana@example.com\u{1}referral", "ana r", "ana"),
            3,
            "name starts with the phrase"
        );
        assert_eq!(level("zoe anand\u{1}\u{1}", "an", "an"), 2, "a word of the name starts with it");
        let t = "ben okafor\u{1}ben@example.org\u{1}job board";
        assert_eq!(level(t, "bo", "bo"), 1, "a word of the source starts with it");
        assert_eq!(level(t, "fo", "fo"), 0, "only inside a word");
        assert_eq!(level(t, "exa", "exa"), 1, "after the @ of the email");
        assert_eq!(level("zoë\u{1}\u{1}", "ë", "ë"), 0, "after a letter, even a non-ASCII one");
    }

    #[test]
    fn buckets_keep_the_boards_order_within_a_level() {
        let levels = [1u8, 3, 0, 3, 2, 1];
        assert_eq!(by_level(vec![0, 1, 2, 3, 4, 5], |i| levels[i]), vec![1, 3, 4, 0, 5, 2]);
        assert_eq!(
            by_level(vec![5, 3, 4, 1, 2, 0], |i| levels[i]),
            vec![1, 3, 4, 0, 5, 2],
            "narrowing order"
        );
    }
}
