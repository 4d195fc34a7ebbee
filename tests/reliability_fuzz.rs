//! Hostile input: at least 10,000 pages derived from `../shared/corpus` by random
//! mutations (byte flips, line shuffles, truncation, duplicated headings, huge lines,
//! random unicode, control characters, deep nesting) go through the importer's pure
//! `parse`. None may panic; the slowest page's time is printed, never asserted.
//!
//! The case sequence is fixed (deterministic RNG) so CI is repeatable; set
//! `ROLECALL_FUZZ_RANDOM=1` to explore new cases, `ROLECALL_FUZZ_CASES=N` for more.

use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Every page of the corpus and the seeds.
fn corpus() -> Vec<String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut pages = Vec::new();
    for dir in ["corpus/pages", "corpus/more", "seeds"] {
        let Ok(entries) = std::fs::read_dir(shared.join(dir)) else { continue };
        let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "md" || e == "txt")) {
            if let Ok(text) = std::fs::read_to_string(&p) {
                pages.push(text);
            }
        }
    }
    assert!(pages.len() > 100, "corpus not found beside the crate (../shared)");
    pages
}

/// One way to damage a page.
#[derive(Debug, Clone)]
enum Mutation {
    FlipBytes { at: Index, count: u8, xor: u8 },
    SwapLines { a: Index, b: Index, times: u8 },
    Truncate { at: Index },
    DuplicateHeadings { times: u8 },
    HugeLine { at: Index, len: usize, unit: String },
    Unicode { at: Index, text: String },
    Controls { at: Index, bytes: Vec<u8> },
    Nesting { at: Index, depth: usize, unit: &'static str },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let controls = prop::collection::vec(prop_oneof![0u8..32, Just(0x7f), Just(0x1b)], 1..40);
    let nest_unit = prop::sample::select(vec!["> ", "- ", "  ", "#", "1. ", "[", "`", "*", "|", "<div>"]);
    // Weighted so that the expensive huge lines stay a minority of the cases.
    prop_oneof![
        4 => (any::<Index>(), 1u8..16, 1u8..=255).prop_map(|(at, count, xor)| Mutation::FlipBytes { at, count, xor }),
        3 => (any::<Index>(), any::<Index>(), 1u8..20).prop_map(|(a, b, times)| Mutation::SwapLines { a, b, times }),
        3 => any::<Index>().prop_map(|at| Mutation::Truncate { at }),
        2 => (1u8..6).prop_map(|times| Mutation::DuplicateHeadings { times }),
        1 => (any::<Index>(), 1_000usize..20_000, "[a-z #*\\-\\[\\]()|>`é漢😀]{1,4}")
            .prop_map(|(at, len, unit)| Mutation::HugeLine { at, len, unit }),
        3 => (any::<Index>(), "\\PC{1,60}").prop_map(|(at, text)| Mutation::Unicode { at, text }),
        3 => (any::<Index>(), controls).prop_map(|(at, bytes)| Mutation::Controls { at, bytes }),
        2 => (any::<Index>(), 10usize..3000, nest_unit).prop_map(|(at, depth, unit)| Mutation::Nesting { at, depth, unit }),
    ]
}

fn insert(page: &mut Vec<u8>, at: &Index, bytes: &[u8]) {
    let i = if page.is_empty() { 0 } else { at.index(page.len() + 1) };
    page.splice(i..i, bytes.iter().copied());
}

fn apply(page: &mut Vec<u8>, m: &Mutation) {
    match m {
        Mutation::FlipBytes { at, count, xor } if !page.is_empty() => {
            let start = at.index(page.len());
            for k in 0..*count as usize {
                let i = (start + k * 7919) % page.len();
                page[i] ^= xor;
            }
        }
        Mutation::SwapLines { a, b, times } => {
            let text = String::from_utf8_lossy(page).into_owned();
            let mut lines: Vec<&str> = text.split('\n').collect();
            let n = lines.len();
            for t in 0..*times as usize {
                lines.swap((a.index(n) + t * 31) % n, (b.index(n) + t * 17) % n);
            }
            *page = lines.join("\n").into_bytes();
        }
        Mutation::Truncate { at } => {
            let len = if page.is_empty() { 0 } else { at.index(page.len()) };
            page.truncate(len);
        }
        Mutation::DuplicateHeadings { times } => {
            let text = String::from_utf8_lossy(page).into_owned();
            let mut out = String::with_capacity(text.len() * 2);
            for line in text.split_inclusive('\n') {
                out.push_str(line);
                if line.starts_with('#') {
                    for _ in 0..*times {
                        out.push_str(line);
                    }
                }
            }
            *page = out.into_bytes();
        }
        Mutation::HugeLine { at, len, unit } => {
            let line: String = unit.chars().cycle().take(*len).collect();
            insert(page, at, format!("\n{line}\n").as_bytes());
        }
        Mutation::Unicode { at, text } => insert(page, at, text.as_bytes()),
        Mutation::Controls { at, bytes } => insert(page, at, bytes),
        Mutation::Nesting { at, depth, unit } => {
            insert(page, at, format!("\n{}x\n", unit.repeat(*depth)).as_bytes())
        }
        Mutation::FlipBytes { .. } => {}
    }
}

/// Whole pages, or a window of consecutive lines (cheaper, so 10,000 cases fit in CI;
/// the huge shapes are covered by `pages_at_the_size_limit_parse_in_reported_time`).
fn base_page(pages: &[String], which: &Index, window: &Option<(Index, usize)>) -> Vec<u8> {
    let page = which.get(pages);
    match window {
        None => page.as_bytes().to_vec(),
        Some((start, len)) => {
            let lines: Vec<&str> = page.split_inclusive('\n').collect();
            let from = start.index(lines.len().max(1));
            lines.iter().skip(from).take(*len).copied().collect::<String>().into_bytes()
        }
    }
}

/// What the runs saw.
#[derive(Default)]
struct Stats {
    pages: u64,
    bytes: usize,
    refused: usize,
    parsing: Duration,
    slowest: (Duration, usize),
}

/// Run `cases` cases from one RNG stream; `Err` describes a (shrunk) failing case.
fn run_share(pages: &[String], cases: u32, stream: u8, stats: &Mutex<Stats>) -> Result<(), String> {
    let config = Config { cases, failure_persistence: None, max_shrink_iters: 2_000, ..Config::default() };
    let mut runner = if std::env::var("ROLECALL_FUZZ_RANDOM").is_ok() {
        TestRunner::new(config)
    } else {
        let mut seed = [7u8; 32];
        seed[0] = stream;
        TestRunner::new_with_rng(config, TestRng::from_seed(RngAlgorithm::ChaCha, &seed))
    };
    let window = prop::option::weighted(0.85, (any::<Index>(), 10usize..120));
    let strategy = (any::<Index>(), window, prop::collection::vec(mutation(), 1..6));
    runner
        .run(&strategy, |(which, window, mutations)| {
            let mut bytes = base_page(pages, &which, &window);
            for m in &mutations {
                apply(&mut bytes, m);
            }
            let text = String::from_utf8_lossy(&bytes);
            let t = Instant::now();
            let parsed = rolecall::import::parse(&text);
            let took = t.elapsed();
            if let Ok(mut s) = stats.lock() {
                s.pages += 1;
                s.bytes += text.len();
                s.refused += parsed.is_err() as usize;
                s.parsing += took;
                if took > s.slowest.0 {
                    s.slowest = (took, text.len());
                }
            }
            Ok(())
        })
        .map_err(|e| e.to_string())
}

#[test]
fn mutated_corpus_pages_never_panic() {
    let pages = corpus();
    let cases: u32 = std::env::var("ROLECALL_FUZZ_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(10_000);
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(2).clamp(1, 8) as u32;
    let stats = Mutex::new(Stats::default());
    let started = Instant::now();
    let results: Vec<Result<(), String>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let share = cases / threads + u32::from(t < cases % threads);
                let (pages, stats) = (&pages, &stats);
                scope.spawn(move || run_share(pages, share, t as u8, stats))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().unwrap_or_else(|_| Err("a fuzz thread panicked".into())))
            .collect()
    });
    let s = stats.into_inner().unwrap_or_default();
    eprintln!(
        "fuzz: {} mutated pages ({:.1} MB) in {:.1} s on {threads} threads ({:.1} s parsing), {} refused with an \
         error, none panicked; slowest page {:.1} ms ({} bytes)",
        s.pages,
        s.bytes as f64 / 1e6,
        started.elapsed().as_secs_f64(),
        s.parsing.as_secs_f64(),
        s.refused,
        s.slowest.0.as_secs_f64() * 1e3,
        s.slowest.1
    );
    for r in results {
        if let Err(e) = r {
            panic!("the importer failed on a mutated page: {e}");
        }
    }
    assert!(s.pages >= u64::from(cases), "ran {} of {cases} cases", s.pages);
}

#[test]
fn a_ten_megabyte_page_is_refused_clearly() {
    let page = format!("---\ntitle: Huge\n---\n## Levels\n{}", "word ".repeat(2 * 1024 * 1024));
    assert!(page.len() >= 10 * 1024 * 1024);
    let err = rolecall::import::parse(&page).expect_err("refused");
    let msg = err.to_string();
    assert!(msg.contains("bytes") && msg.contains("refused"), "{msg}");
}

#[test]
fn pages_at_the_size_limit_parse_in_reported_time() {
    // 256 KB shapes in CI; ROLECALL_RELIABILITY_FULL=1 goes to just under the 4 MB limit.
    let full = std::env::var("ROLECALL_RELIABILITY_FULL").is_ok_and(|v| v == "1");
    let target = if full { rolecall::import::MAX_PAGE_BYTES - 1024 } else { 256 * 1024 };
    let shapes: [(&str, &str, &str); 6] = [
        ("one long line", "## Hiring Process\n\n1. ", "word "),
        ("deep block quote", "## Levels\n\n", "> "),
        ("deep list", "## Hiring Process\n\n", "- "),
        ("many list items", "## Hiring Process\n\n", "1. Next, an interview with the VP IT\n"),
        ("table row", "## Levels\n\n| a | b |\n|---|---|\n", "| x "),
        ("long heading", "## ", "Senior Manager, "),
    ];
    for (name, head, unit) in shapes {
        let mut page = format!("---\ntitle: Huge\n---\n{head}");
        while page.len() + unit.len() < target {
            page.push_str(unit);
        }
        let t = Instant::now();
        let parsed = rolecall::import::parse(&page);
        eprintln!(
            "large page '{name}' ({} KB): {:.1} ms, {}",
            page.len() / 1024,
            t.elapsed().as_secs_f64() * 1e3,
            if parsed.is_ok() { "parsed" } else { "refused" }
        );
    }
}
