//! The real TUI in a real terminal (tmux): time to the first frame and peak resident
//! memory (VmHWM) after scrolling, showing closed applications and filtering.

use super::clock::Sample;
use super::report::{Row, Table, Target};
use super::setup::{Config, NOW};
use std::path::Path;
use std::process::{Command, Stdio};
use std::thread::sleep;
use std::time::{Duration, Instant};

fn tmux(args: &[&str]) -> Option<String> {
    let out = Command::new("tmux").args(args).stderr(Stdio::null()).output().ok()?;
    out.status.success().then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "'\\''"))
}

/// What one TUI session showed.
struct Session {
    first_frame: Duration,
    /// Until the columns' counts replaced their "…" (they are counted on a thread).
    counted: Duration,
    peak_kib: u64,
}

fn peak_kib(pid: &str) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{}/status", pid.trim())).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

/// Start rolecall with `args` in a 120×40 tmux session, wait for the board, use it, quit.
fn session(cfg: &Config, name: &str, args: &[&str]) -> Option<Session> {
    let _ = tmux(&["kill-session", "-t", name]);
    let mut cmd =
        format!("exec env ROLECALL_NOW={NOW} ROLECALL_ACTOR=bench {}", quote(&cfg.bin.to_string_lossy()));
    for a in args {
        cmd.push(' ');
        cmd.push_str(&quote(a));
    }
    let start = Instant::now();
    tmux(&["new-session", "-d", "-s", name, "-x", "120", "-y", "40", &cmd])?;
    let first_frame = loop {
        let screen = tmux(&["capture-pane", "-p", "-t", name]).unwrap_or_default();
        if screen.contains("Screening") {
            break start.elapsed();
        }
        if start.elapsed() > Duration::from_secs(20) {
            eprintln!("  tmux: no board after 20 s:\n{screen}");
            let _ = tmux(&["kill-session", "-t", name]);
            return None;
        }
        sleep(Duration::from_millis(2));
    };
    let counted = loop {
        let screen = tmux(&["capture-pane", "-p", "-t", name]).unwrap_or_default();
        if !screen.contains("(…)") || start.elapsed() > Duration::from_secs(20) {
            break start.elapsed();
        }
        sleep(Duration::from_millis(2));
    };
    let pid = tmux(&["list-panes", "-t", name, "-F", "#{pane_pid}"])?;
    let keys: &[&[&str]] =
        &[&["j"; 40], &["l", "j", "j", "G"], &["z"], &["j"; 40], &["/", "a", "n", "a", "Enter"], &["Escape"]];
    for batch in keys {
        let mut a = vec!["send-keys", "-t", name];
        a.extend_from_slice(batch);
        tmux(&a)?;
        sleep(Duration::from_millis(1500));
    }
    let peak = peak_kib(&pid);
    let _ = tmux(&["send-keys", "-t", name, "q"]);
    sleep(Duration::from_millis(300));
    let _ = tmux(&["kill-session", "-t", name]);
    Some(Session { first_frame, counted, peak_kib: peak? })
}

/// TUI start-up and memory on the big database against an empty one; `--demo` start-up.
pub fn tui(cfg: &Config, big: &Path, empty: &Path, table: &mut Table) {
    if tmux(&["-V"]).is_none() {
        eprintln!("  (tmux missing: TUI start-up and memory not measured; apt-get install -y tmux)");
        return;
    }
    let (big_s, empty_s) = (big.to_string_lossy(), empty.to_string_lossy());
    let Some(small) = session(cfg, "rcbench-empty", &["--db", &empty_s]) else { return };
    let Some(large) = session(cfg, "rcbench-big", &["--db", &big_s]) else { return };
    table.push_text(
        "TUI peak resident memory (VmHWM) in tmux, after scrolling, `z` and a filter",
        &format!("{:.1} MB", large.peak_kib as f64 / 1024.0),
        &format!("same session, database with no candidates: {:.1} MB", small.peak_kib as f64 / 1024.0),
        Some(large.peak_kib as f64 / small.peak_kib.max(1) as f64),
        "< 40 MB",
        large.peak_kib < 40 * 1024,
    );
    let wall = |d: Duration| Sample { wall: d, cpu: Duration::ZERO };
    table.push(Row {
        figure: "TUI start-up to first board frame in tmux (wall only)".into(),
        value: wall(large.first_frame),
        value_note: String::new(),
        yardstick: "database with no candidates".into(),
        yard: wall(small.first_frame),
        target_text: "—".into(),
        target: Target::None,
    });
    table.push(Row {
        figure: "TUI start-up to the columns' counts shown in tmux (wall only)".into(),
        value: wall(large.counted),
        value_note: String::new(),
        yardstick: "database with no candidates".into(),
        yard: wall(small.counted),
        target_text: "—".into(),
        target: Target::None,
    });
    if let Some(demo) = session(cfg, "rcbench-demo", &["--demo"]) {
        table.push(Row {
            figure: "`rolecall --demo` (generate 2,000 candidates, open) to first frame (wall only)".into(),
            value: wall(demo.first_frame),
            value_note: String::new(),
            yardstick: "TUI on a database with no candidates".into(),
            yard: wall(small.first_frame),
            target_text: "< 1 s".into(),
            target: Target::Under(Duration::from_secs(1)),
        });
    }
}
