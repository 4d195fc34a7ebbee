//! A database of the bundled roles filled by `rolecall demo`, on a file, with the clock
//! fixed; keys, ticks and the screen for the tests of the real TUI's big boards (the
//! counts, read-ahead, filter and `z` threads).

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::FixedClock;
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::views::render;
use std::path::Path;

/// The store on `path` with the clock at 2026-11-01 12:00 UTC (the demo's "now").
pub fn store(path: &Path) -> Store {
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).single().expect("a time");
    Store::open(path).expect("open").with_clock(Box::new(FixedClock(now)))
}

/// The bundled roles and `candidates` demo candidates from `seed` on `path`.
pub fn demo(path: &Path, candidates: usize, seed: u64) -> Store {
    let mut s = store(path);
    import_bundled(&mut s).expect("bundled roles");
    fill(&mut s, DemoOptions { candidates, seed }).expect("demo");
    s
}

/// Press `code`, with Shift where a terminal sends it (an upper-case letter, `BackTab`).
pub fn press(app: &mut App, code: KeyCode) {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        KeyCode::BackTab => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    app.handle_key(KeyEvent::new(code, mods));
}

/// Tick until nothing is read, ranked or counted on the app's threads.
pub fn settle(app: &mut App) {
    for _ in 0..5_000 {
        if !app.filter_waiting() && !app.counts_waiting() {
            return;
        }
        std::thread::sleep(std::time::Duration::from_millis(2));
        app.tick();
    }
    panic!("the board never settled");
}

/// The screen at 120 × 40, one line per row.
pub fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    terminal.draw(|f| render(app, f)).expect("draw");
    let buffer = terminal.backend().buffer();
    let width = buffer.area.width as usize;
    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    cells.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}
