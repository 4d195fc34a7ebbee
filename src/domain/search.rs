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

/// Most words of a query searched for.
const MOST_WORDS: usize = 32;

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

/// The index of a set of documents, numbered in the order they were added. Sized for a
/// million people (issue 20): the postings of every token in one array, and a mask of
/// the bytes each token holds, so a keystroke skips at once the tokens a word cannot
/// match (a name's letters against the million numbers of the emails).
#[derive(Debug, Default)]
pub struct SearchIndex {
    /// Distinct tokens, back to back.
    tokens: String,
    /// Per token: where it starts in `tokens` and its length.
    spans: Vec<(u32, u16)>,
    /// Per token: the bytes it holds ([`byte_mask`]).
    masks: Vec<u64>,
    /// Per token: the fields it is in (bit `Field as u8`).
    fields: Vec<u8>,
    /// Per token, and one past the last: where its postings start in `postings`.
    starts: Vec<u32>,
    /// Every token's postings (document << 3 | field), each token's in document order.
    postings: Vec<u32>,
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
    /// Build the index of `docs`; `None` past what it can number (2^29 documents, 4 GB of
    /// distinct tokens or 4 billion postings), long before which memory runs out.
    pub fn build<'a>(docs: impl IntoIterator<Item = Document<'a>>) -> Option<Self> {
        let mut index = SearchIndex::default();
        let mut ids: std::collections::HashMap<String, u32> = std::collections::HashMap::new();
        // (token, posting) in document order; then grouped by token, keeping that order.
        let mut pairs: Vec<(u32, u32)> = Vec::new();
        // Per token: how many postings, and the last one (a token twice in one field of
        // one document counts once).
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for (d, doc) in docs.into_iter().enumerate() {
            let d = u32::try_from(d).ok().filter(|&d| d < 1 << 29)?;
            for (f, text) in doc.fields.iter().enumerate() {
                for token in tokens(&fold(text)) {
                    let id = match ids.get(token) {
                        Some(&id) => id,
                        None => {
                            let start = u32::try_from(index.tokens.len()).ok()?;
                            index.tokens.push_str(token);
                            index.spans.push((start, token.len().min(u16::MAX as usize) as u16));
                            index.masks.push(byte_mask(token.as_bytes()));
                            index.fields.push(0);
                            counts.push(0);
                            last.push(u32::MAX);
                            let id = (index.spans.len() - 1) as u32;
                            ids.insert(token.to_string(), id);
                            id
                        }
                    };
                    let posting = d << 3 | f as u32;
                    if last[id as usize] != posting {
                        last[id as usize] = posting;
                        index.fields[id as usize] |= 1 << f;
                        pairs.push((id, posting));
                        counts[id as usize] += 1;
                    }
                }
            }
            index.docs = d as usize + 1;
        }
        drop((ids, last));
        index.starts = Vec::with_capacity(counts.len() + 1);
        let mut at = 0u32;
        for c in &counts {
            index.starts.push(at);
            at = at.checked_add(*c)?;
        }
        index.starts.push(at);
        let mut next: Vec<u32> = index.starts[..counts.len()].to_vec();
        index.postings = vec![0; pairs.len()];
        for (id, posting) in pairs {
            let slot = &mut next[id as usize];
            index.postings[*slot as usize] = posting;
            *slot += 1;
        }
        Some(index)
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
        // A document counts the words it matched in a byte: a query is its first
        // `MOST_WORDS` words (a pasted paragraph searches by its start).
        let words: Vec<&str> = tokens(&folded).take(MOST_WORDS).collect();
        if words.is_empty() || self.docs == 0 || limit == 0 {
            return Vec::new();
        }
        if let [word] = words[..] {
            return self.search_word(word.as_bytes(), limit);
        }
        // Zeroed by the allocator: only the pages of the documents touched are written.
        let mut total = vec![0u32; self.docs];
        let mut matched = vec![0u8; self.docs];
        let mut best = vec![0u32; self.docs];
        let mut touched: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for (w, word) in words.iter().enumerate() {
            for (t, quality) in self.matching_tokens(word.as_bytes()) {
                for &posting in self.postings_of(t) {
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
            // The documents that matched this word matched every word before it.
            last = std::mem::take(&mut touched);
        }
        best_of(&last, &total, limit)
    }

    /// One word (what is typed first): its tokens from the best rank they can give down,
    /// stopping once `limit` documents rank above what the tokens left can give (a first
    /// letter then reads the names starting with it, not every email's "com").
    fn search_word(&self, word: &[u8], limit: usize) -> Vec<Hit> {
        let mut tokens: Vec<(u32, usize, u32)> = self
            .matching_tokens(word)
            .map(|(t, quality)| {
                let field = self.fields[t].trailing_zeros() as usize;
                (quality * FIELD_WEIGHT.get(field).copied().unwrap_or(0), t, quality)
            })
            .collect();
        tokens.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut best = vec![0u32; self.docs];
        let mut touched: Vec<u32> = Vec::new();
        // How many documents have each best rank so far (a word ranks at most 100).
        let mut ranked = [0usize; (EXACT * FIELD_WEIGHT[0]) as usize + 1];
        for (i, &(can_give, t, quality)) in tokens.iter().enumerate() {
            if i > 0 && can_give < tokens[i - 1].0 {
                let above: usize = ranked[can_give as usize + 1..].iter().sum();
                if above >= limit {
                    break;
                }
            }
            for &posting in self.postings_of(t) {
                let doc = (posting >> 3) as usize;
                let score = quality * FIELD_WEIGHT[(posting & 7) as usize];
                let had = best[doc];
                if score > had {
                    if had == 0 {
                        touched.push(doc as u32);
                    } else {
                        ranked[had as usize] -= 1;
                    }
                    ranked[score as usize] += 1;
                    best[doc] = score;
                }
            }
        }
        best_of(&touched, &best, limit)
    }

    /// The tokens `word` matches, with how well.
    fn matching_tokens<'a>(&'a self, word: &'a [u8]) -> impl Iterator<Item = (usize, u32)> + 'a {
        let wanted = byte_mask(word);
        // Bytes of the word the token lacks: none for an exact, prefix or inside match,
        // one at most for a typo (one byte added, dropped or changed).
        let lacking_allowed = if word.len() >= 4 { 1 } else { 0 };
        self.masks.iter().enumerate().filter_map(move |(t, &mask)| {
            if (wanted & !mask).count_ones() > lacking_allowed {
                return None;
            }
            let (start, len) = self.spans[t];
            let token = &self.tokens.as_bytes()[start as usize..start as usize + len as usize];
            word_match(word, token).map(|quality| (t, quality))
        })
    }

    fn postings_of(&self, t: usize) -> &[u32] {
        &self.postings[self.starts[t] as usize..self.starts[t + 1] as usize]
    }
}

/// The best `limit` of `docs` by `rank` (equal ranks: the documents' order). Ranks are
/// small numbers: counting them finds the lowest rank the best `limit` reach, so only the
/// documents at or above it are ordered (a first letter can match a million documents).
fn best_of(docs: &[u32], rank: &[u32], limit: usize) -> Vec<Hit> {
    let top = docs.iter().map(|&d| rank[d as usize]).max().unwrap_or(0) as usize;
    let mut count = vec![0usize; top + 1];
    for &d in docs {
        count[rank[d as usize] as usize] += 1;
    }
    let (mut floor, mut above) = (top, 0);
    while floor > 0 && above + count[floor] < limit {
        above += count[floor];
        floor -= 1;
    }
    let mut hits: Vec<Hit> = (docs.iter())
        .filter(|&&d| rank[d as usize] as usize >= floor)
        .map(|&d| Hit { doc: d as usize, score: rank[d as usize] })
        .collect();
    let order = |a: &Hit, b: &Hit| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc));
    let cut = limit.min(hits.len());
    if cut < hits.len() && cut > 0 {
        hits.select_nth_unstable_by(cut - 1, order);
    }
    hits.truncate(cut);
    hits.sort_by(order);
    hits
}

/// Which bytes `text` holds, hashed into 64 bits: a word can match a token inside, as a
/// prefix or exactly only if the token holds every byte of the word, and with one typo
/// only if it lacks at most one.
fn byte_mask(text: &[u8]) -> u64 {
    let bit = |b: u8| match b {
        b'a'..=b'z' => b - b'a',
        b'0'..=b'9' => 26 + b - b'0',
        _ => 36 + b % 28,
    };
    text.iter().fold(0, |mask, &b| mask | 1 << bit(b))
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
#[path = "search_tests.rs"]
mod tests;
