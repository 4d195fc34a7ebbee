//! The event loop (generic over backend and event source, so tests can drive it) and the
//! real-terminal entry point that always restores the terminal.

use super::app::App;
use super::config::UiConfig;
use super::effect::{Effect, Flow};
use super::keymap::Keymap;
pub use super::source::{EventSource, TerminalEvents, osc52};
use super::views;
use crate::store::Store;
use ratatui::Terminal;
use ratatui::backend::Backend;
use ratatui::crossterm::event::Event;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the loop wakes without input: to pick up the passing of time, and other
/// processes' changes where the store cannot announce them (SQLite).
pub const TICK: Duration = Duration::from_millis(250);
/// How often the loop looks whether the cards a filter waits for have come.
const WAITING_TICK: Duration = Duration::from_millis(20);
/// The same for the board's counts (a few milliseconds of counting at 1,000,000
/// candidates: "…" should not stay on screen much longer than that).
const COUNTS_TICK: Duration = Duration::from_millis(5);

/// Draw, wait for an event, update; until quit, the source runs dry, or `stop` is set.
pub fn run_loop<B: Backend, E: EventSource>(
    terminal: &mut Terminal<B>,
    app: &mut App,
    events: &mut E,
    stop: &AtomicBool,
) -> Result<(), String>
where
    B::Error: std::fmt::Display,
{
    let panic_for_test = std::env::var_os("ROLECALL_TEST_PANIC").is_some();
    loop {
        let size = terminal.size().map_err(|e| format!("cannot read the terminal size: {e}"))?;
        app.resize(size.width, size.height);
        terminal.draw(|f| views::render(app, f)).map_err(|e| format!("cannot draw: {e}"))?;
        if panic_for_test {
            panic!("ROLECALL_TEST_PANIC is set: panicking on purpose to test terminal restoration");
        }
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        // Sooner while a filter waits for its cards (or the search box for everyone), or
        // the board for its counts.
        let waiting = app.filter_waiting() || app.search_waiting();
        let wait = match (app.counts_waiting() || app.ranking_waiting(), waiting) {
            (true, _) => COUNTS_TICK,
            (false, true) => WAITING_TICK,
            (false, false) => TICK,
        };
        match events.next(wait).map_err(|e| format!("cannot read the terminal: {e}"))? {
            Some(Event::Key(key)) => {
                for effect in app.on_key(key) {
                    if carry_out(app, events, effect) == Flow::Quit {
                        return Ok(());
                    }
                }
                if let Some(text) = app.take_clipboard() {
                    copy(app, events, &text);
                }
            }
            Some(Event::Resize(w, h)) => app.resize(w, h),
            Some(Event::Mouse(m)) => app.handle_mouse(m),
            Some(_) => {}
            None => {
                let changes = events.take_changes();
                if !changes.is_empty() {
                    app.on_changes(changes);
                }
                app.tick();
            }
        }
    }
}

/// Carry out one effect of a key: the clipboard here (it is the terminal's), writes and
/// exports through the app, which shows how they went.
fn carry_out<E: EventSource>(app: &mut App, events: &mut E, effect: Effect) -> Flow {
    match effect {
        Effect::Copy(text) => {
            copy(app, events, &text);
            Flow::Continue
        }
        other => app.perform(other),
    }
}

/// Put `text` on the terminal's clipboard, saying so when it cannot.
fn copy<E: EventSource>(app: &mut App, events: &mut E, text: &str) {
    if let Err(e) = events.copy_to_clipboard(text) {
        app.error(format!("Could not copy to the clipboard: {e}"));
    }
}

/// Open the TUI on `store` in the real terminal. The terminal is restored on every path:
/// normal quit, error, panic (ratatui's hook) and SIGTERM / SIGHUP / SIGINT (a flag the loop checks).
pub fn run(
    store: Store,
    keymap_path: Option<&std::path::Path>,
    log: Option<&std::path::Path>,
) -> Result<(), String> {
    let (keymap, problems) = Keymap::load(keymap_path);
    if let Err(e) = store.set_page_cache_kib(super::app::PAGE_CACHE_KIB) {
        tracing::warn!("could not enlarge the page cache: {e}");
    }
    // The terminal's size before the board loads, so its first windows fill the screen.
    let size = ratatui::crossterm::terminal::size().unwrap_or((80, 24));
    let mut app =
        App::counting_aside(store, keymap, size).map_err(|e| format!("cannot load the board: {e}"))?;
    for p in &problems {
        tracing::warn!("keymap: {}", p.message);
    }
    let messages: Vec<&str> = problems.iter().map(|p| p.message.as_str()).collect();
    let (config, config_problems) = UiConfig::load(super::config::path_beside(keymap_path).as_deref());
    for p in &config_problems {
        tracing::warn!("config: {p}");
    }
    if let Some(warning) = keymap_warning(&messages, log) {
        app.error(warning);
    } else if let Some(first) = config_problems.first() {
        app.error(format!("Config: {first}; defaults kept"));
    }
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP, signal_hook::consts::SIGINT] {
        signal_hook::flag::register(signal, Arc::clone(&stop))
            .map_err(|e| format!("cannot install signal handler: {e}"))?;
    }
    let mut terminal = match ratatui::try_init() {
        Ok(t) => t,
        Err(e) => {
            ratatui::restore();
            return Err(format!("cannot start the terminal UI: {e} (is this an interactive terminal?)"));
        }
    };
    if config.mouse {
        enable_mouse();
    }
    watch_for_lost_terminal(Arc::clone(&stop));
    let result = match super::live::LiveEvents::start(app.store()) {
        Ok(Some(mut live)) => {
            app.set_watched();
            run_loop(&mut terminal, &mut app, &mut live, &stop)
        }
        Ok(None) => run_loop(&mut terminal, &mut app, &mut TerminalEvents, &stop),
        Err(e) => {
            app.error(format!("Live refresh unavailable ({e}); the board refreshes on each tick"));
            run_loop(&mut terminal, &mut app, &mut TerminalEvents, &stop)
        }
    };
    restore_terminal();
    result
}

/// Report clicks and the wheel (SGR encoding), not motion: terminals keep Shift-drag for
/// selecting text to copy. A panic turns it off again before ratatui's hook restores the
/// rest of the terminal.
fn enable_mouse() {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    if write!(out, "\x1b[?1000h\x1b[?1006h").and_then(|()| out.flush()).is_err() {
        tracing::warn!("could not turn on mouse reporting");
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        disable_mouse();
        previous(info);
    }));
}

/// Stop mouse reporting (harmless when it was never on).
fn disable_mouse() {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let _ = write!(out, "\x1b[?1006l\x1b[?1000l").and_then(|()| out.flush());
}

/// Give the terminal back as it was: no mouse reporting, no raw mode, main screen.
fn restore_terminal() {
    disable_mouse();
    ratatui::restore();
}

/// The status line for keymap problems: where the full list is first (a long line is cut
/// at the screen's edge), then the first problem.
fn keymap_warning(problems: &[&str], log: Option<&std::path::Path>) -> Option<String> {
    let first = problems.first()?;
    Some(match (problems.len(), log) {
        (1, _) => format!("Keymap: {first}; defaults kept"),
        (n, Some(log)) => {
            format!("Keymap: {n} problems, all listed in {}; first: {first}", home_relative(log))
        }
        (n, None) => {
            format!("Keymap: {n} problems (no log file could be opened to list them); first: {first}")
        }
    })
}

/// `~/…` for a path under the home directory.
fn home_relative(path: &std::path::Path) -> String {
    let home = std::env::var_os("HOME").map(std::path::PathBuf::from);
    match home.as_deref().and_then(|h| path.strip_prefix(h).ok()) {
        Some(rest) if !rest.as_os_str().is_empty() => format!("~/{}", rest.display()),
        _ => path.display().to_string(),
    }
}

/// How long the loop gets to notice a stop request before the watchdog ends the process.
const STOP_GRACE: Duration = Duration::from_secs(3);
/// The same once the terminal is gone.
const LOST_TERMINAL_GRACE: Duration = Duration::from_millis(400);

/// Directories to remove even when the watchdog ends the process without unwinding
/// (the throw-away database of `rolecall --demo`).
static SCRATCH_DIRS: std::sync::Mutex<Vec<std::path::PathBuf>> = std::sync::Mutex::new(Vec::new());

/// Remove `dir` if the process is ended by the watchdog (normal exits clean up themselves).
pub fn remove_on_forced_exit(dir: &std::path::Path) {
    if let Ok(mut dirs) = SCRATCH_DIRS.lock() {
        dirs.push(dir.to_path_buf());
    }
}

fn remove_scratch_dirs() {
    if let Ok(dirs) = SCRATCH_DIRS.lock() {
        for dir in dirs.iter() {
            if let Err(e) = std::fs::remove_dir_all(dir) {
                tracing::warn!("could not remove {}: {e}", dir.display());
            }
        }
    }
}

/// When the terminal goes away (its window or tmux session closed), crossterm's reader
/// keeps retrying end-of-file inside `poll` and the loop never sees the stop flag: the
/// process would spin forever holding the database open. A watchdog thread notices a
/// terminal that is no longer one, and a stop request the loop has not acted on in
/// time, and ends the process. Every write is a committed transaction, so nothing is lost.
fn watch_for_lost_terminal(stop: Arc<AtomicBool>) {
    use std::io::IsTerminal;
    let stdin_is_terminal = std::io::stdin().is_terminal();
    let spawned = std::thread::Builder::new().name("terminal-watchdog".into()).spawn(move || {
        let mut stop_seen: Option<std::time::Instant> = None;
        // With no terminal left nobody is waiting for a clean redraw: a short grace.
        let mut grace = STOP_GRACE;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if stdin_is_terminal && stop_seen.is_none() && !std::io::stdin().is_terminal() {
                tracing::warn!("the terminal went away; stopping");
                stop.store(true, Ordering::Relaxed);
                grace = LOST_TERMINAL_GRACE;
            }
            if stop.load(Ordering::Relaxed) {
                let since = *stop_seen.get_or_insert_with(std::time::Instant::now);
                if since.elapsed() >= grace {
                    tracing::warn!("the event loop did not stop within {grace:?}; exiting");
                    remove_scratch_dirs();
                    restore_terminal();
                    std::process::exit(1);
                }
            }
        }
    });
    if let Err(e) = spawned {
        tracing::warn!("cannot start the terminal watchdog: {e}");
    }
}

#[cfg(test)]
mod tests {
    use super::keymap_warning;
    use std::path::Path;

    #[test]
    fn the_keymap_warning_says_where_the_full_list_is() {
        assert_eq!(keymap_warning(&[], None), None);
        let one = keymap_warning(&["k.toml:3: unknown action 'fly'"], Some(Path::new("/s/rolecall.log")));
        assert_eq!(one.as_deref(), Some("Keymap: k.toml:3: unknown action 'fly'; defaults kept"));
        let two = keymap_warning(&["a", "b", "c"], Some(Path::new("/s/rolecall/rolecall.log")));
        assert_eq!(
            two.as_deref(),
            Some("Keymap: 3 problems, all listed in /s/rolecall/rolecall.log; first: a")
        );
    }
}
