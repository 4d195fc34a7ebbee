//! rolecall at scale: 100,000 candidates and more than 1,000,000 events. Every figure
//! is measured beside its yardstick in the same run (these machines are noisy), and the
//! table is printed as Markdown at the end. Nothing here asserts a time.
//!
//! Run all: `scripts/bench` (installs the sqlite3 CLI when missing), or
//! `cargo bench --bench perf`. `ROLECALL_BENCH_CANDIDATES=10000` for a quick look;
//! `ROLECALL_BENCH_REUSE=1` to keep the databases of the previous run;
//! `ROLECALL_BENCH_DB=PATH` to measure an existing database (say one of 1,000,000
//! candidates made once with `rolecall demo`); `ROLECALL_BENCH_ONLY=startup,keys` for some
//! sections only.

mod clock;
mod generation;
mod keys;
mod process;
mod report;
mod search_keys;
mod setup;
mod tmux;
mod writes;

use report::Table;

fn main() {
    let cfg = setup::Config::from_env();
    let sqlite3 = setup::sqlite3();
    let mut table = Table::default();
    eprintln!(
        "rolecall perf: {} candidates in {}; load average {}",
        cfg.candidates,
        cfg.dir.display(),
        clock::load_average()
    );

    // ROLECALL_BENCH_DB=PATH measures an existing database (a 1,000,000-candidate one
    // takes minutes to generate: make it once with `rolecall demo`, then reuse it).
    let given = std::env::var_os("ROLECALL_BENCH_DB").map(std::path::PathBuf::from);
    let big = given.clone().unwrap_or_else(|| cfg.dir.join(format!("perf-{}.db", cfg.candidates)));
    let small = cfg.dir.join("perf-1000.db");
    let empty = cfg.dir.join("perf-empty.db");
    // ROLECALL_BENCH_REUSE=1 keeps a database from an earlier run (no generation row).
    let reuse = given.is_some() || (std::env::var_os("ROLECALL_BENCH_REUSE").is_some() && big.exists());
    let generated = (!reuse && only("generate")).then(|| setup::generate(&cfg, &big, cfg.candidates));
    if !small.exists() || std::env::var_os("ROLECALL_BENCH_REUSE").is_none() {
        setup::generate(&cfg, &small, 1_000);
    }
    setup::remove_db(&empty);
    setup::time({
        let mut cmd = cfg.rolecall(&empty);
        cmd.arg("roles");
        cmd
    });
    if let Some(took) = generated {
        generation::rows(&cfg, &big, sqlite3.as_deref(), took, &mut table);
    }

    if only("startup") {
        process::startup(&cfg, &big, sqlite3.as_deref(), &mut table);
    }
    let applications = count(&big, "applications");
    if only("keys") {
        keys::keystrokes(&big, &small, applications as usize, &mut table);
    }
    if only("search") {
        keys::search(&big, &mut table);
    }
    if only("moves") {
        writes::moves(&big, &cfg.dir.join("moves.db"), &mut table);
    }
    if only("export") {
        process::export(&cfg, &big, sqlite3.as_deref(), &mut table);
    }
    if only("import") {
        process::import(&cfg, &mut table);
    }
    if only("doctor") {
        process::doctor(&cfg, &big, sqlite3.as_deref(), &mut table);
    }
    if only("tui") {
        tmux::tui(&cfg, &big, &empty, &mut table);
    }

    println!("\nload average at the end (1, 5, 15 min): {}\n", clock::load_average());
    println!("{}", table.markdown());
}

/// Whether section `name` runs: all do unless `ROLECALL_BENCH_ONLY` lists some
/// (comma-separated: generate, startup, keys, search, moves, export, import, doctor, tui).
fn only(name: &str) -> bool {
    std::env::var("ROLECALL_BENCH_ONLY").map_or(true, |list| list.split(',').any(|s| s.trim() == name))
}

pub(crate) fn count(db: &std::path::Path, table: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).expect("open");
    conn.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0)).expect("count")
}
