//! Search everywhere's keystrokes (issue 17, at scale issue 20): 40 people spread over the
//! database, each one's surname typed letter by letter with one typo, three rounds; each
//! keystroke is one query of the in-memory index beside a yardstick on the same keystroke:
//! a plain scan of every folded name for the typed text (`str::contains`, no typos, no
//! ranking, the first 50), the least any search box does. Shared by `benches/search.rs`
//! and the perf bench's `search` section; std and rolecall only.

use rolecall::domain::text::fold;
use rolecall::store::PeopleIndex;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// What the keystrokes took, sorted, and whether the misspelt people were found.
pub struct Typed {
    /// Each keystroke's search, sorted.
    pub ours: Vec<Duration>,
    /// Each keystroke's substring scan, sorted.
    pub yard: Vec<Duration>,
    /// Misspelt surnames whose person the search found.
    pub found: usize,
    /// Misspelt surnames typed.
    pub asked: usize,
}

/// The `p` quantile of sorted durations.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i.min(sorted.len().saturating_sub(1))).copied().unwrap_or_default()
}

/// One typo (a dropped letter in the middle) in an accent-less fragment of the surname.
fn misspelt(surname: &str) -> String {
    let folded = fold(surname);
    let mut chars: Vec<char> = folded.chars().collect();
    if chars.len() >= 5 {
        chars.remove(chars.len() / 2);
    }
    chars.into_iter().collect()
}

/// Type the 40 surnames into `index`, three rounds.
pub fn type_surnames(index: &PeopleIndex) -> Typed {
    // The yardstick's data: every folded name, built once too.
    let names: Vec<(String, i64)> = index.names().map(|(id, name)| (fold(name), id.0)).collect();
    let step = (names.len() / 40).max(1);
    let targets: Vec<(String, i64)> = names.iter().step_by(step).take(40).cloned().collect();
    let mut typed = Typed { ours: Vec::new(), yard: Vec::new(), found: 0, asked: 0 };
    for _round in 0..3 {
        for (name, id) in &targets {
            let surname = name.split_whitespace().last().unwrap_or(name);
            let query = misspelt(surname);
            for end in (1..=query.len()).filter(|&e| query.is_char_boundary(e)) {
                let so_far = &query[..end];
                let t = Instant::now();
                black_box(index.search(so_far, 50));
                typed.ours.push(t.elapsed());
                let t = Instant::now();
                black_box(names.iter().filter(|(n, _)| n.contains(so_far)).take(50).count());
                typed.yard.push(t.elapsed());
            }
            // Found: the person among the people with that surname (the best-ranked ones).
            let all = index.search(&query, usize::MAX);
            typed.found += usize::from(all.iter().any(|(p, _)| p.candidate_id.0 == *id));
            typed.asked += 1;
        }
    }
    typed.ours.sort();
    typed.yard.sort();
    typed
}
