//! Keystroke → frame: `App::handle_key` plus a full draw into a 120×40 `TestBackend`.

use super::clock::{self, Sample, quantile};
use super::report::{Row, Table, Target, fmt};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::views::render;
use std::path::Path;
use std::time::Duration;

fn key(code: KeyCode) -> KeyEvent {
    let mods = match code {
        KeyCode::Char(c) if c.is_ascii_uppercase() => KeyModifiers::SHIFT,
        _ => KeyModifiers::NONE,
    };
    KeyEvent::new(code, mods)
}

/// Cursor keys over every column: down, up, across, page, ends.
fn cursor_keys() -> Vec<KeyCode> {
    let mut keys = Vec::new();
    for _ in 0..6 {
        keys.extend(std::iter::repeat_n(KeyCode::Char('j'), 60));
        keys.extend([KeyCode::PageDown, KeyCode::PageDown, KeyCode::Char('G'), KeyCode::Char('g')]);
        keys.extend(std::iter::repeat_n(KeyCode::Char('k'), 20));
        keys.push(KeyCode::Char('l'));
    }
    keys.extend(std::iter::repeat_n(KeyCode::Char('h'), 6));
    keys
}

/// Filter typing: open the field, type a name letter by letter, erase it, close.
fn filter_keys() -> Vec<KeyCode> {
    let mut keys = Vec::new();
    for word in ["ana ruiz", "senior", "kim", "zoë", "manager it"] {
        keys.push(KeyCode::Char('/'));
        keys.extend(word.chars().map(KeyCode::Char));
        keys.extend(std::iter::repeat_n(KeyCode::Backspace, word.chars().count()));
        keys.push(KeyCode::Esc);
    }
    keys
}

/// Time each key (update + draw) in `app`. A filter on a big role reads the role's cards
/// on a thread and ranks each filter typed on another, and the key returns at once: the
/// bench then waits as the run loop does, calling `tick` between (untimed) naps, and
/// counts the tick that takes the cards and the one that shows the ranked filter, with
/// their draws, as more samples; `waits` gets the wall time from a key that read the
/// cards to the filtered board.
fn press(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    keys: &[KeyCode],
    waits: &mut Vec<Duration>,
) -> Vec<Sample> {
    let mut samples = Vec::new();
    for &code in keys {
        let (_, s) = clock::thread(|| {
            app.handle_key(key(code));
            terminal.draw(|f| render(app, f)).expect("draw");
        });
        samples.push(s);
        let start = std::time::Instant::now();
        // Reading the role's cards, not ranking a filter on a thread (`filter_rank.rs`).
        let reading = |app: &App| app.filter_waiting() && !app.ranking_waiting();
        let reads = reading(app);
        while app.filter_waiting() {
            std::thread::sleep(Duration::from_millis(1));
            let was_reading = reading(app);
            let (_, tick) = clock::thread(|| {
                app.tick();
                terminal.draw(|f| render(app, f)).expect("draw");
            });
            // The tick that took the cards (and asked for their ranking) and the one
            // that shows the result count; those that only looked do not.
            if !app.filter_waiting() || (was_reading && !reading(app)) {
                samples.push(tick);
            }
            if !app.filter_waiting() && reads {
                waits.push(start.elapsed());
            }
        }
    }
    samples
}

/// The key sets measured, in order: (name, what is pressed).
const SETS: [&str; 5] = [
    "keystroke → frame, cursor moves, open applications",
    "keystroke → frame, cursor moves, closed shown (`z`)",
    "keystroke → frame, filter typing, closed shown (`z`)",
    "keystroke → frame, `z` (show / hide closed), 20 presses",
    "keystroke → frame, role switch (`Tab`), 20 presses",
];

/// p50 and p99 of each key set on `db` (see [`SETS`]), and how long filters waited for
/// the role's cards (wall).
fn measure(db: &Path) -> ([(Sample, Sample); 5], Vec<Duration>) {
    let store = Store::open(db).expect("open the bench database");
    store.set_page_cache_kib(rolecall::tui::app::PAGE_CACHE_KIB).expect("page cache");
    // As the real TUI does: a windowed board's counts come from a thread (`count_load.rs`).
    let mut app = App::counting_aside(store, Keymap::defaults(), (120, 40)).expect("load the board");
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).expect("terminal");
    app.resize(120, 40);
    terminal.draw(|f| render(&app, f)).expect("first frame");
    let mut waits = Vec::new();
    let open = press(&mut app, &mut terminal, &cursor_keys(), &mut waits);
    press(&mut app, &mut terminal, &[KeyCode::Char('z')], &mut waits);
    let closed = press(&mut app, &mut terminal, &cursor_keys(), &mut waits);
    let filter = press(&mut app, &mut terminal, &filter_keys(), &mut waits);
    // Back to the first column's top, closed hidden, for the toggles.
    press(&mut app, &mut terminal, &[KeyCode::Char('z'), KeyCode::Char('g')], &mut waits);
    let toggles = press(&mut app, &mut terminal, &[KeyCode::Char('z'); 20], &mut waits);
    let roles = press(&mut app, &mut terminal, &[KeyCode::Tab; 20], &mut waits);
    ([open, closed, filter, toggles, roles].map(|s| (quantile(&s, 0.5), quantile(&s, 0.99))), waits)
}

/// Keystroke → frame on the big database against the same keys on a small one.
pub fn keystrokes(big: &Path, small: &Path, cards: usize, table: &mut Table) {
    // Warm both (page cache, allocator) before timing.
    measure(small);
    let (big_figures, waits) = measure(big);
    let (small_figures, _) = measure(small);
    for ((name, (p50, p99)), (s50, s99)) in SETS.iter().zip(big_figures).zip(small_figures) {
        eprintln!(
            "  {name}: p99 {} ({}), p50 {} ({})",
            fmt(p99.wall),
            fmt(p99.cpu),
            fmt(p50.wall),
            fmt(p50.cpu)
        );
        table.push(Row {
            figure: format!("{name}, 120×40 (of {cards} applications): p99"),
            value: p99,
            value_note: format!("; p50 {} ({})", fmt(p50.wall), fmt(p50.cpu)),
            yardstick: format!(
                "same keys, 1,000-candidate database, p99 (p50 {} ({}))",
                fmt(s50.wall),
                fmt(s50.cpu)
            ),
            yard: s99,
            target_text: "p99 ≤ 4 ms".into(),
            target: Target::Under(Duration::from_millis(4)),
        });
    }
    if let Some(longest) = waits.iter().max() {
        let all: Vec<String> = waits.iter().map(|w| fmt(*w)).collect();
        table.push_text(
            "filter on a big role: key to filtered board while its cards are read on a thread (wall, the keys go on meanwhile)",
            &format!("{} (each: {})", fmt(*longest), all.join(", ")),
            "—",
            None,
            "screen never freezes",
            true,
        );
    }
}

/// Search everywhere (`Ctrl-f`): the index read once (on a thread in the TUI, the box open
/// meanwhile), then 40 misspelt surnames typed into it beside a substring scan of every
/// name on the same keystrokes (`search_keys.rs`).
pub fn search(big: &Path, table: &mut Table) {
    use super::search_keys::{percentile, type_surnames};
    let store = Store::open(big).expect("open");
    let (index, read) = clock::thread(|| store.people_index().expect("the search index"));
    table.push_text(
        &format!("search everywhere: the index of {} people read (on a thread; the box is open and typing goes on)", index.len()),
        &format!("{} ({})", fmt(read.wall), fmt(read.cpu)),
        "—",
        None,
        "screen never freezes",
        true,
    );
    let typed = type_surnames(&index);
    let (p50, p99) = (percentile(&typed.ours, 0.5), percentile(&typed.ours, 0.99));
    let (y50, y99) = (percentile(&typed.yard, 0.5), percentile(&typed.yard, 0.99));
    table.push_text(
        &format!(
            "keystroke in the search box, {} people: p99 (40 surnames typed with one typo, 3 rounds, {} keys; found {} of {})",
            index.len(),
            typed.ours.len(),
            typed.found,
            typed.asked
        ),
        &format!("{} (p50 {})", fmt(p99), fmt(p50)),
        &format!("`contains` scan of every folded name, first 50, no typos or ranking: p99 {} (p50 {})", fmt(y99), fmt(y50)),
        Some(p99.as_secs_f64() / y99.as_secs_f64().max(1e-9)),
        "p99 ≤ 16 ms",
        p99 <= Duration::from_millis(16) && typed.found == typed.asked,
    );
}
