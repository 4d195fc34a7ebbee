//! How long another user's move takes to reach an open board on a team server (issue
//! 15: p99 within 100 ms on a local server). Prints figures; `scripts/live-refresh` runs
//! it on a throw-away server.
//!
//! `cargo run --release --example live_refresh -- postgres://… [MOVES]`
//!
//! This process opens the board as the TUI does (the app, its live source on the store's
//! LISTEN connection, the real renderer into a test terminal) and re-runs itself as a
//! second process, the writer, holding its own connection. For each move the writer notes
//! the wall clock just before `step` and just after its commit returned, then steps one
//! card; the board process notes the wall clock when the redrawn board shows the card's
//! new version. One move at a time (the writer waits for a line on stdin).

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use rolecall::domain::ApplicationId;
use rolecall::import::load::ensure_bundled;
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::live::LiveEvents;
use rolecall::tui::run::EventSource;
use rolecall::tui::views::render;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

fn micros_now() -> i128 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_micros() as i128).unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.get(1).map(String::as_str) == Some("writer") {
        return writer(&args[2], ApplicationId(args[3].parse().expect("application id")));
    }
    let Some(url) = args.get(1) else {
        eprintln!("usage: live_refresh postgres://… [MOVES]");
        std::process::exit(2);
    };
    let moves: usize = args.get(2).and_then(|m| m.parse().ok()).unwrap_or(300);
    board(url, moves);
}

/// The writer: one step per line read, each timed.
fn writer(url: &str, app: ApplicationId) {
    let mut store = Store::open_target(url).expect("writer: open");
    let mut out = std::io::stdout().lock();
    for (i, line) in std::io::stdin().lock().lines().enumerate() {
        if line.is_err() {
            break;
        }
        let before = micros_now();
        store.step(app, i % 2 == 0, None).expect("writer: step");
        let after = micros_now();
        writeln!(out, "{before} {after}").and_then(|()| out.flush()).expect("writer: reply");
    }
}

/// A candidate on the first role's board; its application.
fn setup(url: &str) -> ApplicationId {
    let mut store = Store::open_target(url).expect("open");
    ensure_bundled(&mut store).expect("bundled roles");
    let family = store.families().expect("families")[0].id;
    let level = store.levels(family).expect("levels")[0].id;
    let person = NewCandidate {
        name: "Live Refresh".into(),
        email: Some(format!("live{}@example.org", std::process::id())),
        ..Default::default()
    };
    let candidate = store.add_candidate(&person).expect("add");
    store.apply(candidate, level).expect("apply").application.id
}

fn board(url: &str, moves: usize) {
    let app_id = setup(url);
    let mut app = App::new(Store::open_target(url).expect("open"), Keymap::defaults()).expect("app");
    let (mut events, _input) =
        LiveEvents::watch(app.store()).expect("watch").expect("a server pushes changes");
    app.set_watched();
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    let exe = std::env::current_exe().expect("own path");
    let mut child = Command::new(exe)
        .args(["writer", url, &app_id.0.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("start the writer");
    let mut to_writer = child.stdin.take().expect("stdin");
    let mut from_writer = BufReader::new(child.stdout.take().expect("stdout")).lines();
    let (mut from_start, mut from_commit) = (Vec::new(), Vec::new());
    for _ in 0..moves {
        let seen = version_on_board(&app, app_id);
        writeln!(to_writer, "go").and_then(|()| to_writer.flush()).expect("to the writer");
        let shown = wait_until_shown(&mut app, &mut events, &mut terminal, app_id, seen);
        let line = from_writer.next().expect("writer reply").expect("writer reply");
        let (before, after) = line.split_once(' ').expect("two times");
        let (before, after): (i128, i128) = (before.parse().unwrap(), after.parse().unwrap());
        from_start.push((shown - before) as f64 / 1000.0);
        from_commit.push((shown - after) as f64 / 1000.0);
    }
    drop(to_writer);
    let _ = child.wait();
    report("from the writer starting its move", &mut from_start);
    report("from the writer's commit returning", &mut from_commit);
}

fn version_on_board(app: &App, id: ApplicationId) -> i64 {
    app.board.cards.iter().find(|c| c.id == id).map_or(0, |c| c.version)
}

/// Run the loop's steps (wait, reload on a change, draw) until the board shows a newer
/// version of the card; the wall-clock time it did, in microseconds.
fn wait_until_shown(
    app: &mut App,
    events: &mut LiveEvents,
    terminal: &mut Terminal<TestBackend>,
    id: ApplicationId,
    seen: i64,
) -> i128 {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        assert!(Instant::now() < deadline, "the move did not reach the board within 10 s");
        let _ = events.next(Duration::from_millis(250)).expect("events");
        let changes = events.take_changes();
        if changes.is_empty() {
            continue;
        }
        app.on_changes(changes);
        terminal.draw(|f| render(app, f)).expect("draw");
        if version_on_board(app, id) > seen {
            return micros_now();
        }
    }
}

fn report(what: &str, ms: &mut [f64]) {
    ms.sort_by(f64::total_cmp);
    let at = |q: f64| ms[((ms.len() as f64 * q).ceil() as usize).clamp(1, ms.len()) - 1];
    println!(
        "{} moves, board redrawn {what}: p50 {:.1} ms, p90 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms.len(),
        at(0.50),
        at(0.90),
        at(0.99),
        ms[ms.len() - 1]
    );
}
