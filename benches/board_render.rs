//! Render time of a board holding 5,000 cards in one column (issue 4's figure).
//! Run: `cargo bench --bench board_render`. Prints figures; asserts nothing about time.

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::FixedClock;
use rolecall::import::load::import_bundled;
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::views::render;
use std::time::{Duration, Instant};

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn main() {
    let cards = 5_000;
    let mut store = Store::open_in_memory()
        .expect("store")
        .with_clock(Box::new(FixedClock(Utc.with_ymd_and_hms(2026, 3, 2, 9, 0, 0).unwrap())));
    import_bundled(&mut store).expect("bundled roles");
    let fam = store.family_by_slug("it-program-management-office").expect("family");
    let level = store.level_by_name(fam.id, "Senior IT Program Manager").expect("level");
    let setup = Instant::now();
    for i in 0..cards {
        let c = store
            .add_candidate(&NewCandidate { name: format!("Candidate {i:05}"), ..Default::default() })
            .expect("add");
        store.apply(c, level.id).expect("apply");
    }
    println!("setup: {cards} applications in {:?}", setup.elapsed());
    let t = Instant::now();
    let mut app = App::new(store, Keymap::defaults()).expect("app");
    println!("load board ({cards} cards, one column): {:?}", t.elapsed());

    for (w, h) in [(120u16, 40u16), (80, 24)] {
        let mut terminal = Terminal::new(TestBackend::new(w, h)).expect("terminal");
        app.resize(w, h);
        let mut frames = Vec::new();
        let mut keys = Vec::new();
        for i in 0..2_000 {
            let start = Instant::now();
            terminal.draw(|f| render(&app, f)).expect("draw");
            frames.push(start.elapsed());
            let code = if (i / 500) % 2 == 0 { KeyCode::Char('j') } else { KeyCode::Char('k') };
            let start = Instant::now();
            app.handle_key(KeyEvent::new(code, KeyModifiers::NONE));
            terminal.draw(|f| render(&app, f)).expect("draw");
            keys.push(start.elapsed());
        }
        frames.sort();
        keys.sort();
        println!(
            "{w}x{h}: render p50 {:?} p99 {:?} max {:?}; key j/k + render p50 {:?} p99 {:?}",
            percentile(&frames, 0.5),
            percentile(&frames, 0.99),
            frames[frames.len() - 1],
            percentile(&keys, 0.5),
            percentile(&keys, 0.99),
        );
    }
}
