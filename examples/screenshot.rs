//! Render the board with the real renderer into ratatui's `TestBackend` and write it as
//! an SVG image with each cell's colours, for the README (see `scripts/screenshot`).
//!
//! `cargo run --example screenshot -- [OUT.svg] [WIDTH] [HEIGHT]`
//!
//! The board is a demo database (bundled roles, generated people, fixed seed and clock)
//! held in memory, so the image is the same on every run and nothing is written but it.

use chrono::{TimeZone, Utc};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::{Buffer, Cell};
use ratatui::style::{Color, Modifier};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::FixedClock;
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;
use rolecall::tui::views::render;
use std::fmt::Write as _;

/// The terminal the image pretends to be: a dark theme.
const BACKGROUND: &str = "#161616";
const FOREGROUND: &str = "#dedede";
/// Cell size in pixels, and the font size that fills it.
const CELL_W: f32 = 9.0;
const CELL_H: f32 = 19.0;
const FONT_SIZE: f32 = 15.0;

fn main() {
    let mut args = std::env::args().skip(1);
    let out = args.next().unwrap_or_else(|| "docs/board.svg".into());
    let width: u16 = args.next().and_then(|w| w.parse().ok()).unwrap_or(120);
    let height: u16 = args.next().and_then(|h| h.parse().ok()).unwrap_or(40);
    let buffer = match board(width, height) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("screenshot: cannot build the demo board: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = std::fs::write(&out, svg(&buffer)) {
        eprintln!("screenshot: cannot write {out}: {e}");
        std::process::exit(1);
    }
    println!("wrote {out} ({width}×{height} cells)");
}

/// The first role's board of a demo database, drawn once.
fn board(width: u16, height: u16) -> Result<Buffer, String> {
    let now = Utc.with_ymd_and_hms(2026, 11, 2, 10, 0, 0).single().ok_or("bad clock")?;
    let mut store = Store::open_in_memory()
        .map_err(|e| e.to_string())?
        .with_clock(Box::new(FixedClock(now)))
        .with_actor("sam.rivera");
    import_bundled(&mut store).map_err(|e| e.to_string())?;
    fill(&mut store, DemoOptions { candidates: 2_000, seed: 42 }).map_err(|e| e.to_string())?;
    let mut app = App::new(store, Keymap::defaults()).map_err(|e| e.to_string())?;
    app.resize(width, height);
    let mut terminal = Terminal::new(TestBackend::new(width, height)).map_err(|e| e.to_string())?;
    terminal.draw(|frame| render(&app, frame)).map_err(|e| e.to_string())?;
    Ok(terminal.backend().buffer().clone())
}

/// How one cell looks: (foreground, background, bold, underlined).
fn look(cell: &Cell) -> (String, String, bool, bool) {
    let mut fg = hex(cell.fg).unwrap_or_else(|| FOREGROUND.into());
    let mut bg = hex(cell.bg).unwrap_or_else(|| BACKGROUND.into());
    if cell.modifier.contains(Modifier::REVERSED) {
        std::mem::swap(&mut fg, &mut bg);
    }
    (fg, bg, cell.modifier.contains(Modifier::BOLD), cell.modifier.contains(Modifier::UNDERLINED))
}

/// The whole buffer as SVG: one rectangle per run of a background colour, one text
/// element per run of a style, stretched to exactly its cells so columns line up.
fn svg(buffer: &Buffer) -> String {
    let (w, h) = (buffer.area.width, buffer.area.height);
    let mut out = String::new();
    let _ = writeln!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{}" height="{}" viewBox="0 0 {} {}" font-family="DejaVu Sans Mono, Menlo, Consolas, monospace" font-size="{FONT_SIZE}">"#,
        w as f32 * CELL_W,
        h as f32 * CELL_H,
        w as f32 * CELL_W,
        h as f32 * CELL_H
    );
    let _ = writeln!(out, r#"<rect width="100%" height="100%" fill="{BACKGROUND}"/>"#);
    for y in 0..h {
        let cells: Vec<&Cell> = (0..w).filter_map(|x| buffer.cell((x, y))).collect();
        row(&mut out, y, &cells);
    }
    out.push_str("</svg>\n");
    out
}

/// One row: background runs first, then text runs on top.
fn row(out: &mut String, y: u16, cells: &[&Cell]) {
    let top = y as f32 * CELL_H;
    let mut x = 0;
    while x < cells.len() {
        let style = look(cells[x]);
        let end = (x..cells.len()).find(|&i| look(cells[i]) != style).unwrap_or(cells.len());
        let (fg, bg, bold, underlined) = &style;
        if bg != BACKGROUND {
            let _ = writeln!(
                out,
                r#"<rect x="{}" y="{top}" width="{}" height="{CELL_H}" fill="{bg}"/>"#,
                x as f32 * CELL_W,
                (end - x) as f32 * CELL_W
            );
        }
        let text: String = cells[x..end].iter().map(|c| c.symbol()).collect();
        if !text.trim().is_empty() {
            let weight = if *bold { r#" font-weight="bold""# } else { "" };
            let line = if *underlined { r#" text-decoration="underline""# } else { "" };
            let _ = writeln!(
                out,
                r#"<text x="{}" y="{}" fill="{fg}" textLength="{}" lengthAdjust="spacingAndGlyphs" xml:space="preserve"{weight}{line}>{}</text>"#,
                x as f32 * CELL_W,
                top + CELL_H * 0.75,
                (end - x) as f32 * CELL_W,
                escape(&text)
            );
        }
        x = end;
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// A colour as `#rrggbb`; `None` for the terminal's default.
fn hex(color: Color) -> Option<String> {
    let (r, g, b) = match color {
        Color::Reset => return None,
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(i) => indexed(i),
        named => ansi(named),
    };
    Some(format!("#{r:02x}{g:02x}{b:02x}"))
}

/// The 16 named colours, as a common dark theme shows them.
fn ansi(color: Color) -> (u8, u8, u8) {
    match color {
        Color::Black => (0, 0, 0),
        Color::Red => (205, 49, 49),
        Color::Green => (13, 188, 121),
        Color::Yellow => (229, 229, 16),
        Color::Blue => (36, 114, 200),
        Color::Magenta => (188, 63, 188),
        Color::Cyan => (17, 168, 205),
        Color::Gray => (204, 204, 204),
        Color::DarkGray => (118, 118, 118),
        Color::LightRed => (241, 76, 76),
        Color::LightGreen => (35, 209, 139),
        Color::LightYellow => (245, 245, 67),
        Color::LightBlue => (59, 142, 234),
        Color::LightMagenta => (214, 112, 214),
        Color::LightCyan => (41, 184, 219),
        _ => (229, 229, 229),
    }
}

/// The xterm 256-colour palette.
fn indexed(i: u8) -> (u8, u8, u8) {
    const NAMED: [Color; 16] = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    match i {
        0..=15 => ansi(NAMED[i as usize]),
        16..=231 => {
            let level = |v: u8| if v == 0 { 0 } else { 55 + v * 40 };
            let n = i - 16;
            (level(n / 36), level((n / 6) % 6), level(n % 6))
        }
        _ => {
            let v = 8 + (i - 232) * 10;
            (v, v, v)
        }
    }
}
