//! How parse time grows with page size (issue 18; was the timed test
//! `import_corpus::large_pages_parse_quickly`). Run: `cargo bench --bench import_large`.
//! Prints times and ratios — time per megabyte of a big page against one ordinary page,
//! and of a page of 40,000 level headings — and asserts nothing about time: a ratio near
//! 1 means the parser is linear; a ratio that grows with size is the thing to look at.

use rolecall::import::parse;
use std::path::Path;
use std::time::{Duration, Instant};

/// The fastest of `runs` parses of `text` (the least disturbed by other work).
fn best(text: &str, runs: usize) -> Duration {
    (0..runs)
        .map(|_| {
            let t = Instant::now();
            let page = parse(text).expect("page parses");
            assert!(!page.draft.levels.is_empty(), "levels found");
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn per_mb(d: Duration, bytes: usize) -> f64 {
    d.as_secs_f64() * 1e3 / (bytes as f64 / 1_048_576.0)
}

fn main() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/pages/finance__tax.md");
    let base = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let one = best(&base, 50);
    let base_rate = per_mb(one, base.len());
    println!("one page ({} bytes): {one:?} = {base_rate:.1} ms/MB", base.len());
    for mb in [1, 3] {
        let mut big = String::new();
        while big.len() + base.len() < mb * 1024 * 1024 {
            big.push_str(&base);
        }
        let t = best(&big, 3);
        let rate = per_mb(t, big.len());
        println!(
            "{mb} MB page ({} copies): {t:?} = {rate:.1} ms/MB, {:.2}x one page's rate",
            big.len() / base.len(),
            rate / base_rate
        );
    }
    for n in [10_000, 40_000] {
        let headings = "## Levels\n### Senior Engineer\n#### Responsibilities\n- x\n".repeat(n);
        let t = best(&headings, 3);
        let rate = per_mb(t, headings.len());
        println!(
            "{n} level headings ({} bytes): {t:?} = {rate:.1} ms/MB, {:.2}x one page's rate",
            headings.len(),
            rate / base_rate
        );
    }
}
