//! Search everywhere (issue 17): an index built once in memory from every person's
//! name, email, phone, source and notes, answering a typed query in milliseconds at
//! 100,000 people on either backend.
//!
//! Text is folded (lowercase, accents removed: `domain::text::fold`) and cut into tokens
//! at anything not a letter or digit. The index keeps each distinct token once, with the
//! documents (and fields) holding it. A query's words are matched against the distinct
//! tokens — exactly, as a prefix, inside a token (3 letters or more), or with one typo
//! (one letter added, dropped, changed, or two swapped; words of 4 letters or more) —
//! and a document must match every word. The rank adds each word's best match, weighted
//! by field (the name counts most), so "jovanovich" still finds "Jovanović" first.

use super::text::fold;

/// The fields searched, in the order of their weight.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// The person's name.
    Name = 0,
    /// Email.
    Email = 1,
    /// Phone.
    Phone = 2,
    /// Where they came from.
    Source = 3,
    /// Notes about them.
    Notes = 4,
}

const FIELD_WEIGHT: [u32; 5] = [10, 7, 6, 4, 3];

/// How well a word matches a token, best first.
const EXACT: u32 = 10;
const PREFIX: u32 = 8;
const INSIDE: u32 = 5;
const TYPO: u32 = 4;

/// One searchable document: its text per field.
#[derive(Debug, Clone, Default)]
pub struct Document<'a> {
    /// Text per field (`Field` order).
    pub fields: [&'a str; 5],
}

/// The index of a set of documents, numbered in the order they were added.
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Distinct tokens, back to back.
    tokens: String,
    /// Per token: where it starts in `tokens` and its length.
    spans: Vec<(u32, u16)>,
    /// Per token: postings (document << 3 | field).
    postings: Vec<Vec<u32>>,
    docs: usize,
}

/// A found document and its rank (higher is better).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The document's number (the order it was added in).
    pub doc: usize,
    /// Its rank.
    pub score: u32,
}

impl SearchIndex {
    /// Build the index of `docs`.
    pub fn build<'a>(docs: impl IntoIterator<Item = Document<'a>>) -> Self {
        let mut index = SearchIndex::default();
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        for (d, doc) in docs.into_iter().enumerate() {
            for (f, text) in doc.fields.iter().enumerate() {
                for token in tokens(&fold(text)) {
                    let id = *ids.entry(token.to_string()).or_insert_with(|| {
                        let start = index.tokens.len() as u32;
                        index.tokens.push_str(token);
                        index.spans.push((start, token.len().min(u16::MAX as usize) as u16));
                        index.postings.push(Vec::new());
                        (index.spans.len() - 1) as u32
                    });
                    let posting = (d as u32) << 3 | f as u32;
                    let list = &mut index.postings[id as usize];
                    if list.last() != Some(&posting) {
                        list.push(posting);
                    }
                }
            }
            index.docs = d + 1;
        }
        index
    }

    /// How many documents.
    pub fn len(&self) -> usize {
        self.docs
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.docs == 0
    }

    /// The documents matching every word of `query`, best first, at most `limit`
    /// (equal ranks keep the documents' order).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit> {
        let folded = fold(query);
        let words: Vec<&str> = tokens(&folded).collect();
        if words.is_empty() || self.docs == 0 {
            return Vec::new();
        }
        let mut total = vec![0u32; self.docs];
        let mut matched = vec![0u8; self.docs];
        let mut best = vec![0u32; self.docs];
        let mut touched: Vec<u32> = Vec::new();
        for (w, word) in words.iter().enumerate() {
            for (t, &(start, len)) in self.spans.iter().enumerate() {
                let token = &self.tokens.as_bytes()[start as usize..start as usize + len as usize];
                let Some(quality) = word_match(word.as_bytes(), token) else { continue };
                for &posting in &self.postings[t] {
                    let doc = (posting >> 3) as usize;
                    if matched[doc] as usize != w {
                        continue; // missed an earlier word
                    }
                    let score = quality * FIELD_WEIGHT[(posting & 7) as usize];
                    if best[doc] == 0 {
                        touched.push(doc as u32);
                    }
                    best[doc] = best[doc].max(score);
                }
            }
            for &doc in &touched {
                let doc = doc as usize;
                total[doc] += best[doc];
                best[doc] = 0;
                matched[doc] += 1;
            }
            touched.clear();
        }
        let need = words.len() as u8;
        let mut hits: Vec<Hit> =
            (0..self.docs).filter(|&d| matched[d] == need).map(|d| Hit { doc: d, score: total[d] }).collect();
        let cut = limit.min(hits.len());
        if cut < hits.len() && cut > 0 {
            hits.select_nth_unstable_by(cut - 1, |a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        }
        hits.truncate(cut);
        hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
        hits
    }
}

/// The tokens of folded text: runs of letters and digits.
fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty())
}

/// How well `word` matches `token`, if at all.
fn word_match(word: &[u8], token: &[u8]) -> Option<u32> {
    if token.len() < word.len().saturating_sub(1) {
        return None;
    }
    if token.starts_with(word) {
        return Some(if token.len() == word.len() { EXACT } else { PREFIX });
    }
    if word.len() >= 3 && token.len() > word.len() && contains(token, word) {
        return Some(INSIDE);
    }
    if word.len() >= 4 {
        // One typo against the whole token or against its beginning (typing goes on).
        let n = word.len();
        let whole = within_one(word, token);
        let start = (n.saturating_sub(1)..=n + 1).any(|k| k < token.len() && within_one(word, &token[..k]));
        if whole || start {
            return Some(TYPO);
        }
    }
    None
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Whether `a` becomes `b` with at most one edit: a letter added, dropped or changed, or
/// two neighbours swapped.
pub fn within_one(a: &[u8], b: &[u8]) -> bool {
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let p = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if p == la && p == lb {
        return true;
    }
    match la.cmp(&lb) {
        std::cmp::Ordering::Equal => {
            a[p + 1..] == b[p + 1..]
                || (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] && a[p + 2..] == b[p + 2..])
        }
        std::cmp::Ordering::Less => a[p..] == b[p + 1..],
        std::cmp::Ordering::Greater => a[p + 1..] == b[p..],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc<'a>(name: &'a str, email: &'a str, notes: &'a str) -> Document<'a> {
        Document { fields: [name, email, "", "", notes] }
    }

    #[test]
    fn one_edit() {
        assert!(within_one(b"jovanovic", b"jovanovic"));
        assert!(within_one(b"jovanovic", b"jovanovich"));
        assert!(within_one(b"jovnovic", b"jovanovic"));
        assert!(within_one(b"jovanvoic", b"jovanovic"));
        assert!(within_one(b"jovanovix", b"jovanovic"));
        assert!(!within_one(b"jvanovix", b"jovanovic"));
        assert!(!within_one(b"abcd", b"badc"));
    }

    #[test]
    fn finds_by_accentless_typo_and_ranks_names_first() {
        let index = SearchIndex::build([
            doc("Ana Jovanović", "ana.j@example.com", ""),
            doc("Bo Chen", "bo@example.com", "met Jovanovic at a fair"),
            doc("Cy Ruiz", "cy@example.com", ""),
        ]);
        let hits = index.search("jovanvic", 10);
        assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1], "{hits:?}");
        assert!(hits[0].score > hits[1].score);
        assert_eq!(index.search("ruiz cy", 10).len(), 1);
        assert!(index.search("ruiz bo", 10).is_empty(), "every word must match");
        assert_eq!(index.search("EXAMPLE", 10).len(), 3);
        assert!(index.search("  ", 10).is_empty());
    }
}
