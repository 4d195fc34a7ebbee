//! Tests of the search index (`domain/search.rs`): edits, ranks, and the index against
//! every token of every document checked one by one.
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

/// What `search` must answer, found the slow way: every word against every token of
/// every document (no dictionary, no byte masks).
fn reference(docs: &[[String; 5]], query: &str, limit: usize) -> Vec<Hit> {
    let folded = fold(query);
    let words: Vec<&str> = tokens(&folded).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = docs
        .iter()
        .enumerate()
        .filter_map(|(d, fields)| {
            let mut score = 0;
            for word in &words {
                let best = (fields.iter().enumerate())
                    .flat_map(|(f, text)| {
                        let folded = fold(text);
                        tokens(&folded)
                            .filter_map(|t| word_match(word.as_bytes(), t.as_bytes()))
                            .map(|q| q * FIELD_WEIGHT[f])
                            .max()
                    })
                    .max()?;
                score += best;
            }
            Some(Hit { doc: d, score })
        })
        .collect();
    hits.sort_by(|a, b| b.score.cmp(&a.score).then(a.doc.cmp(&b.doc)));
    hits.truncate(limit);
    hits
}

#[test]
fn the_index_answers_what_every_token_checked_one_by_one_answers() {
    // Small alphabets so that words meet tokens in every way: exact, prefix, inside,
    // one typo, accents, digits, repeated tokens, empty fields.
    let syllables = ["an", "a", "jo", "va", "no", "vić", "ru", "iz", "é", "ø", "42", "0", "lee", "x"];
    let mut seed = 7u64;
    let mut next = |n: usize| {
        seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (seed >> 33) as usize % n
    };
    let word = |next: &mut dyn FnMut(usize) -> usize| -> String {
        (0..1 + next(4)).map(|_| syllables[next(syllables.len())]).collect()
    };
    let docs: Vec<[String; 5]> = (0..300)
        .map(|_| std::array::from_fn(|_| (0..next(4)).map(|_| word(&mut next)).collect::<Vec<_>>().join(" ")))
        .collect();
    let index =
        SearchIndex::build(docs.iter().map(|f| Document { fields: std::array::from_fn(|k| f[k].as_str()) }))
            .expect("built");
    assert_eq!(index.len(), 300);
    let mut queries: Vec<String> = Vec::new();
    for _ in 0..400 {
        let mut q = word(&mut next);
        match next(4) {
            0 => drop(q.pop()),
            1 => {
                let at = q.char_indices().nth(q.chars().count() / 2).map_or(q.len(), |(i, _)| i);
                q.insert(at, 'k');
            }
            2 => q = format!("{q} {}", word(&mut next)),
            _ => {}
        }
        queries.push(q);
    }
    let mut some = 0;
    for q in &queries {
        let want = reference(&docs, q, 25);
        some += usize::from(!want.is_empty());
        assert_eq!(index.search(q, 25), want, "query {q:?}");
    }
    assert!(some > 200, "most queries find someone ({some} of {})", queries.len());
}

#[test]
fn finds_by_accentless_typo_and_ranks_names_first() {
    let index = SearchIndex::build([
        doc("Ana Jovanović", "ana.j@example.com", ""),
        doc("Bo Chen", "bo@example.com", "met Jovanovic at a fair"),
        doc("Cy Ruiz", "cy@example.com", ""),
    ])
    .expect("built");
    let hits = index.search("jovanvic", 10);
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1], "{hits:?}");
    assert!(hits[0].score > hits[1].score);
    assert_eq!(index.search("ruiz cy", 10).len(), 1);
    assert!(index.search("ruiz bo", 10).is_empty(), "every word must match");
    assert_eq!(index.search("EXAMPLE", 10).len(), 3);
    assert!(index.search("  ", 10).is_empty());
}

#[test]
fn a_word_repeated_in_a_long_field_counts_once() {
    // 60,000 distinct words, each twice, in one person's notes.
    let notes: String = (0..60_000).map(|i| format!("w{i} w{i} ")).collect();
    let index = SearchIndex::build([doc("Ana", "", &notes), doc("Bo", "", "w7 w7")]).expect("built");
    let hits = index.search("w7", 10);
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0, 1], "{hits:?}");
    assert_eq!(hits[0].score, hits[1].score, "w7 twice counts once");
    assert_eq!(index.search("w59999", 10).len(), 1);
}

#[test]
fn a_pasted_paragraph_is_searched_by_its_first_words() {
    let index = SearchIndex::build([doc("Ana Ruiz", "", ""), doc("Bo Chen", "", "")]).expect("built");
    // 300 words: more than a byte counts; the first words decide.
    let long = format!("ana {}", "ruiz ".repeat(299));
    let hits = index.search(&long, 10);
    assert_eq!(hits.iter().map(|h| h.doc).collect::<Vec<_>>(), [0]);
    let past = index.search(&format!("ana {} chen", "ruiz ".repeat(40)), 10);
    assert_eq!(past.len(), 1, "words past the 32nd are not asked for");
}
