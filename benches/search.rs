//! Search everywhere at 100,000 people (issue 17; `ROLECALL_BENCH_DB=PATH` searches an
//! existing database, say the 1,000,000-candidate demo, as the perf bench's `search`
//! section does): the time of one keystroke in the
//! search box — the query typed so far run against the in-memory index — as p50/p99,
//! beside a yardstick measured in the same run on the same keystrokes: a plain scan of
//! every folded name for the typed text (`str::contains`, no typos, no ranking), the
//! least any search box does. Run: `cargo bench --bench search`
//! (`ROLECALL_BENCH_CANDIDATES=10000` for a quick look). Prints figures; asserts nothing
//! about time.

use chrono::{TimeZone, Utc};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::FixedClock;
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use std::time::{Duration, Instant};

#[path = "perf/search_keys.rs"]
mod search_keys;

use search_keys::{percentile, type_surnames};

fn main() {
    let candidates: usize =
        std::env::var("ROLECALL_BENCH_CANDIDATES").ok().and_then(|v| v.parse().ok()).unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    // ROLECALL_BENCH_DB=PATH searches an existing database (a 1,000,000-candidate demo takes
    // a minute to generate); it is only read.
    let store = match std::env::var_os("ROLECALL_BENCH_DB") {
        Some(path) => Store::open(std::path::Path::new(&path)).expect("store"),
        None => {
            let clock = FixedClock(Utc.with_ymd_and_hms(2026, 9, 14, 9, 0, 0).unwrap());
            let mut store =
                Store::open(&dir.path().join("bench.db")).expect("store").with_clock(Box::new(clock));
            import_bundled(&mut store).expect("bundled roles");
            let t = Instant::now();
            let report = fill(&mut store, DemoOptions { candidates, seed: 42 }).expect("demo");
            println!(
                "demo: {} people, {} applications in {:?}",
                report.candidates,
                report.applications,
                t.elapsed()
            );
            store
        }
    };
    let before = resident_kb();
    let t = Instant::now();
    let index = store.people_index().expect("index");
    println!(
        "index built once: {} people in {:?}; resident memory {} MB → {} MB",
        index.len(),
        t.elapsed(),
        before / 1024,
        resident_kb() / 1024
    );

    let typed = type_surnames(&index);
    let (ours, yard) = (&typed.ours, &typed.yard);
    let (p50, p99) = (percentile(ours, 0.5), percentile(ours, 0.99));
    let (y50, y99) = (percentile(yard, 0.5), percentile(yard, 0.99));
    println!("keystrokes measured: {} (40 surnames typed with one typo, 3 rounds)", ours.len());
    println!("search keystroke: p50 {p50:?}, p99 {p99:?} (target p99 <= 16 ms)");
    println!("yardstick (substring scan of {} folded names): p50 {y50:?}, p99 {y99:?}", index.len());
    println!("ratio p99: {:.2}x, p50: {:.2}x", ratio(p99, y99), ratio(p50, y50));
    println!("found the misspelt person: {} of {}", typed.found, typed.asked);
}

/// This process's resident memory (VmRSS), in KB; 0 where /proc is not there.
fn resident_kb() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap_or("");
    line.split_whitespace().nth(1).and_then(|v| v.parse().ok()).unwrap_or(0)
}

fn ratio(a: Duration, b: Duration) -> f64 {
    a.as_secs_f64() / b.as_secs_f64().max(1e-9)
}
