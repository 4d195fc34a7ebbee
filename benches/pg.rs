//! The team server measured (issue 20, point 9), each figure beside a yardstick in the
//! same run, on a throw-away PostgreSQL server (`scripts/pg-cluster`: a Unix socket and
//! `fsync` off, so commits are not flushed to disk — on both sides of every ratio):
//!
//! - a move through the store (`Store::step`: lock, version and rule checks, update,
//!   event, commit) against a raw `postgres` transaction doing only the same two writes;
//! - `rolecall board --print` (the whole process) against `psql` printing the same board
//!   with a query written here (the two outputs are compared);
//! - 8 writers at once, each its own connection and application: moves per second and
//!   p99 latency, against 8 raw writers doing the same writes.
//!
//! `cargo bench --bench pg` (`ROLECALL_BENCH_CANDIDATES`, default 10,000;
//! `ROLECALL_BENCH_SECONDS` per writer round, default 5). The database is made by
//! `rolecall demo` into the server. The store connects as the server's superuser, and
//! the single-writer figure again as a login granted `recruiter` (issue 19: row security,
//! the write checks and the id-numbering triggers on the path of both sides).

use postgres::{Client, NoTls};
use rolecall::domain::ApplicationId;
use rolecall::store::Store;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

const NOW: &str = "2026-12-01T12:00:00Z";
const MOVES: usize = 400;
const BLOCK: usize = 50;
const WRITERS: usize = 8;

/// The throw-away server, stopped when dropped.
struct Server {
    dir: PathBuf,
    url: String,
}

impl Server {
    fn start() -> Server {
        let dir = std::env::temp_dir().join(format!("rolecall-pg-bench-{}", std::process::id()));
        let out = Command::new(script()).arg("start").arg(&dir).output().expect("scripts/pg-cluster");
        assert!(out.status.success(), "pg-cluster start: {}", String::from_utf8_lossy(&out.stderr));
        let admin = String::from_utf8(out.stdout).expect("url").trim().to_string();
        let mut c = Client::connect(&admin, NoTls).expect("connect");
        c.batch_execute("CREATE DATABASE bench").expect("create database");
        let url = admin.trim_end_matches("/postgres").to_string() + "/bench";
        Server { dir, url }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = Command::new(script()).arg("stop").arg(&self.dir).output();
    }
}

fn script() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/pg-cluster")
}

fn rolecall(url: &str) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    c.arg("--db").arg(url).env("ROLECALL_NOW", NOW).env_remove("ROLECALL_DB");
    c
}

fn quantile(samples: &[Duration], p: f64) -> Duration {
    let mut s = samples.to_vec();
    s.sort();
    s[((s.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

/// Active applications at a first stage that has a next one: (application, candidate,
/// that stage, the next stage).
fn movable(c: &mut Client, n: usize) -> Vec<(i64, i64, i64, i64)> {
    c.query(
        "SELECT a.id, a.candidate_id, a.stage_id, s2.id FROM applications a
         JOIN stages s ON s.id = a.stage_id
         JOIN stages s2 ON s2.family_id = s.family_id AND s2.position = s.position + 1 AND NOT s2.retired
         WHERE a.status = 'active' AND s.position = 0 ORDER BY a.id LIMIT $1",
        &[&(n as i64)],
    )
    .expect("movable applications")
    .iter()
    .map(|r| (r.get(0), r.get(1), r.get(2), r.get(3)))
    .collect()
}

/// The yardstick: exactly the two writes of a move, in one transaction.
fn raw_move(c: &mut Client, (app, candidate, from, to): (i64, i64, i64, i64)) {
    let now = chrono::Utc::now();
    let mut tx = c.transaction().expect("begin");
    tx.execute(
        "UPDATE applications SET stage_id = $2, status = 'active', reject_reason = NULL,
                stage_entered_at = $3, updated_at = $3, version = version + 1 WHERE id = $1",
        &[&app, &to, &now],
    )
    .expect("update");
    tx.execute(
        "INSERT INTO events (at, actor, kind, candidate_id, application_id, from_stage_id, to_stage_id,
                             from_status, to_status)
         VALUES ($1, session_user, 'moved', $2, $3, $4, $5, 'active', 'active')",
        &[&now, &candidate, &app, &from, &to],
    )
    .expect("insert");
    tx.commit().expect("commit");
}

/// Forward and back through the store, timing each move; returns the samples.
fn store_moves(store: &mut Store, app: i64, n: usize) -> Vec<Duration> {
    let id = ApplicationId(app);
    let mut version = store.application(id).expect("application").version;
    (0..n)
        .map(|i| {
            let start = Instant::now();
            let t = store.step(id, i % 2 == 0, Some(version)).expect("move");
            version = t.application.version;
            start.elapsed()
        })
        .collect()
}

fn raw_moves(c: &mut Client, (app, candidate, first, next): (i64, i64, i64, i64), n: usize) -> Vec<Duration> {
    (0..n)
        .map(|i| {
            let step = if i % 2 == 0 { (app, candidate, first, next) } else { (app, candidate, next, first) };
            let start = Instant::now();
            raw_move(c, step);
            start.elapsed()
        })
        .collect()
}

/// `who` says which login the figure is for.
fn one_writer(url: &str, who: &str) {
    let mut raw = Client::connect(url, NoTls).expect("connect");
    let apps = movable(&mut raw, 2);
    let mut store = Store::open_target(url).expect("open the server");
    let (mut ours, mut bare) = (Vec::new(), Vec::new());
    for _ in 0..MOVES / BLOCK {
        ours.extend(store_moves(&mut store, apps[0].0, BLOCK));
        bare.extend(raw_moves(&mut raw, apps[1], BLOCK));
    }
    let (o, b) = (quantile(&ours, 0.5), quantile(&bare, 0.5));
    println!(
        "| a move{who}: `Store::step`, median of {MOVES} (p99 {}) | {} | raw `postgres` transaction, same login, same two writes: {} (p99 {}) | {:.2}× | ≤ 1.5× |",
        ms(quantile(&ours, 0.99)),
        ms(o),
        ms(b),
        ms(quantile(&bare, 0.99)),
        o.as_secs_f64() / b.as_secs_f64()
    );
}

/// A login granted `recruiter` (created here): its URL.
fn recruiter(url: &str) -> String {
    let mut c = Client::connect(url, NoTls).expect("connect");
    c.batch_execute("CREATE ROLE bench_rita LOGIN PASSWORD 'pw-rita'").expect("create a login");
    timed({
        let mut c = rolecall(url);
        c.args(["access", "grant", "bench_rita", "recruiter"]);
        c
    });
    url.replacen("postgres://postgres@", "postgres://bench_rita:pw-rita@", 1)
}

/// What `board --print` shows for the first role, by a query of its own.
fn board_sql(slug: &str) -> String {
    format!(
        "WITH f AS (SELECT id, title, slug FROM families WHERE slug = '{slug}'),
         s AS (SELECT id, label, position FROM stages WHERE family_id = (SELECT id FROM f) AND NOT retired),
         c AS (SELECT a.id, p.name, l.title AS level, a.stage_id, a.status, a.stage_entered_at
               FROM applications a JOIN candidates p ON p.id = a.candidate_id JOIN levels l ON l.id = a.level_id
               WHERE a.family_id = (SELECT id FROM f) AND a.status IN ('active', 'on_hold'))
         SELECT line FROM (
           SELECT -1 AS pos, 0 AS part, 0 AS rank, NULL::timestamptz AS t, 0::bigint AS id,
                  (SELECT title || ' [' || slug || ']' FROM f) AS line
           UNION ALL
           SELECT s.position, 0, 0, NULL, 0,
                  '== ' || s.label || ' (' || (SELECT count(*) FROM c WHERE c.stage_id = s.id) || ')' FROM s
           UNION ALL
           SELECT s.position, 1, CASE c.status WHEN 'active' THEN 0 ELSE 1 END, c.stage_entered_at, c.id,
                  '  #' || c.id || ' ' || c.name || ' · ' || c.level || ' · '
                  || greatest(0, floor(extract(epoch FROM (TIMESTAMPTZ '{NOW}' - c.stage_entered_at)) / 86400))::bigint
                  || 'd · ' || replace(c.status, '_', ' ')
           FROM c JOIN s ON s.id = c.stage_id) x
         ORDER BY pos, part, rank, t, id;"
    )
}

fn timed(mut cmd: Command) -> (Duration, String) {
    let start = Instant::now();
    let out = cmd.output().expect("run");
    let took = start.elapsed();
    assert!(out.status.success(), "{:?}: {}", cmd, String::from_utf8_lossy(&out.stderr));
    (took, String::from_utf8_lossy(&out.stdout).into_owned())
}

fn board(url: &str) {
    let (_, printed) = timed({
        let mut c = rolecall(url);
        c.args(["board", "--print"]);
        c
    });
    let slug = printed.lines().next().and_then(|l| l.rsplit('[').next()).unwrap_or("").trim_end_matches(']');
    let sql_file = std::env::temp_dir().join(format!("rolecall-pg-bench-{}.sql", std::process::id()));
    std::fs::write(&sql_file, board_sql(slug)).expect("write the query");
    let psql = || {
        let mut c = Command::new("psql");
        c.args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-f"]).arg(&sql_file);
        c
    };
    let same = timed(psql()).1 == printed;
    let (mut ours, mut yard) = (Vec::new(), Vec::new());
    for _ in 0..21 {
        ours.push(
            timed({
                let mut c = rolecall(url);
                c.args(["board", "--print"]);
                c
            })
            .0,
        );
        yard.push(timed(psql()).0);
    }
    let _ = std::fs::remove_file(&sql_file);
    let (o, y) = (quantile(&ours, 0.5), quantile(&yard, 0.5));
    println!(
        "| `board --print` (whole process, median of 21, {} lines) | {} | `psql` printing the same board{}: {} | {:.2}× | ≤ 2× |",
        printed.lines().count(),
        ms(o),
        if same { " (output identical)" } else { " (OUTPUT DIFFERS: yardstick not comparable)" },
        ms(y),
        o.as_secs_f64() / y.as_secs_f64()
    );
}

/// `WRITERS` threads moving their own application for `seconds`: (moves, p99).
fn writers(url: &str, apps: &[(i64, i64, i64, i64)], seconds: f64, raw: bool) -> (usize, Duration) {
    let threads: Vec<_> = apps
        .iter()
        .map(|&app| {
            let url = url.to_string();
            std::thread::spawn(move || {
                let deadline = Instant::now() + Duration::from_secs_f64(seconds);
                let mut samples = Vec::new();
                if raw {
                    let mut c = Client::connect(&url, NoTls).expect("connect");
                    while Instant::now() < deadline {
                        samples.extend(raw_moves(&mut c, app, 2));
                    }
                } else {
                    let mut store = Store::open_target(&url).expect("open the server");
                    while Instant::now() < deadline {
                        samples.extend(store_moves(&mut store, app.0, 2));
                    }
                }
                samples
            })
        })
        .collect();
    let all: Vec<Duration> = threads.into_iter().flat_map(|t| t.join().expect("writer")).collect();
    (all.len(), quantile(&all, 0.99))
}

fn concurrent(url: &str) {
    let seconds: f64 =
        std::env::var("ROLECALL_BENCH_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(5.0);
    let mut c = Client::connect(url, NoTls).expect("connect");
    let apps = movable(&mut c, 2 * WRITERS + 2);
    let (ours_apps, raw_apps) = (&apps[2..2 + WRITERS], &apps[2 + WRITERS..]);
    let (mut ours, mut bare) = ((0, Duration::ZERO), (0, Duration::ZERO));
    // Two rounds each, interleaved, so both sides meet the same load.
    for _ in 0..2 {
        let o = writers(url, ours_apps, seconds / 2.0, false);
        let b = writers(url, raw_apps, seconds / 2.0, true);
        ours = (ours.0 + o.0, ours.1.max(o.1));
        bare = (bare.0 + b.0, bare.1.max(b.1));
    }
    let (o, b) = (ours.0 as f64 / seconds, bare.0 as f64 / seconds);
    println!(
        "| {WRITERS} writers at once through the store, {seconds} s: moves per second (p99 of the worse round) | {o:.0}/s (p99 {}) | {WRITERS} raw writers, same writes: {b:.0}/s (p99 {}) | {:.2}× throughput | — |",
        ms(ours.1),
        ms(bare.1),
        o / b
    );
}

fn main() {
    let candidates: u32 =
        std::env::var("ROLECALL_BENCH_CANDIDATES").ok().and_then(|s| s.parse().ok()).unwrap_or(10_000);
    let server = Server::start();
    let start = Instant::now();
    let (_, said) = timed({
        let mut c = rolecall(&server.url);
        c.args(["demo", "--candidates", &candidates.to_string(), "--seed", "42"]);
        c
    });
    eprintln!("{} ({:.1} s)", said.trim(), start.elapsed().as_secs_f64());
    println!("| figure | value | yardstick | ratio | target |\n| --- | --- | --- | --- | --- |");
    one_writer(&server.url, "");
    one_writer(&recruiter(&server.url), " as a recruiter login");
    board(&server.url);
    concurrent(&server.url);
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "\nPostgreSQL (scripts/pg-cluster), {candidates} demo candidates; load average at the end: {}",
        load.trim()
    );
}
