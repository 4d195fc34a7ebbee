//! Styles, or none at all when `NO_COLOR` is set. Every colour is an RGB value with a
//! contrast of at least 4.5:1 (WCAG AA) against both a white and a black background, so
//! text stays readable on light and dark terminal themes alike; nothing relies on the
//! DIM attribute, which some terminals render nearly invisible.

use ratatui::style::{Color, Modifier, Style};

/// An RGB colour of the palette.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    fn color(self) -> Color {
        Color::Rgb(self.0, self.1, self.2)
    }
}

/// Secondary text: levels, days, hints, unfocused labels and borders (mid grey).
pub const SECONDARY: Rgb = Rgb(118, 118, 118);
/// Warnings: days past the first threshold, "on hold", the active filter (amber).
pub const WARN: Rgb = Rgb(168, 103, 0);
/// Alarms and errors: days past the second threshold, a "no", a failed save (red).
pub const ALARM: Rgb = Rgb(236, 0, 40);
/// Good news: a "yes", enough interviews (green).
pub const GOOD: Rgb = Rgb(0, 137, 40);
/// The focused column's border and the header's brand (teal).
pub const FOCUS: Rgb = Rgb(0, 128, 154);

/// Every palette colour with its role, for the contrast test and the help screen.
pub const PALETTE: [(&str, Rgb); 5] =
    [("secondary", SECONDARY), ("warn", WARN), ("alarm", ALARM), ("good", GOOD), ("focus", FOCUS)];

/// The styles the views use.
#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    /// Colour unless `NO_COLOR` is set to anything non-empty.
    pub fn from_env() -> Self {
        Theme { color: std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) }
    }

    fn fg(&self, c: Rgb) -> Style {
        if self.color { Style::default().fg(c.color()) } else { Style::default() }
    }

    /// Plain text.
    pub fn normal(&self) -> Style {
        Style::default()
    }
    /// The app name in the header (black on teal: 4.6:1).
    pub fn brand(&self) -> Style {
        if self.color {
            Style::default().fg(Color::Rgb(0, 0, 0)).bg(FOCUS.color()).add_modifier(Modifier::BOLD)
        } else {
            Style::default().add_modifier(Modifier::REVERSED | Modifier::BOLD)
        }
    }
    /// Titles.
    pub fn title(&self) -> Style {
        Style::default().add_modifier(Modifier::BOLD)
    }
    /// Secondary text (levels, days, hints, unfocused labels).
    pub fn secondary(&self) -> Style {
        self.fg(SECONDARY)
    }
    /// Warnings (days past the first threshold, on hold).
    pub fn warn(&self) -> Style {
        self.fg(WARN)
    }
    /// Alarms (days past the second threshold).
    pub fn alarm(&self) -> Style {
        self.fg(ALARM).add_modifier(Modifier::BOLD)
    }
    /// Errors in the status line.
    pub fn error(&self) -> Style {
        self.fg(ALARM).add_modifier(Modifier::BOLD)
    }
    /// The selected card or row.
    pub fn selected(&self) -> Style {
        Style::default().add_modifier(Modifier::REVERSED)
    }
    /// The border of the focused column.
    pub fn focus_border(&self) -> Style {
        self.fg(FOCUS).add_modifier(Modifier::BOLD)
    }
    /// Good news (hired, strong yes).
    pub fn good(&self) -> Style {
        self.fg(GOOD)
    }
}

/// WCAG 2 relative luminance of an sRGB colour.
pub fn luminance(c: Rgb) -> f64 {
    let channel = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.04045 { s / 12.92 } else { ((s + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG 2 contrast ratio between two colours (1 to 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: Rgb = Rgb(255, 255, 255);
    const BLACK: Rgb = Rgb(0, 0, 0);

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast(WHITE, BLACK) - 21.0).abs() < 1e-9);
        // The old secondary text, dark grey, on white: the 1.7-1.8:1 complaint.
        assert!(contrast(Rgb(128, 128, 128), WHITE) < 4.0);
        assert!(contrast(Rgb(85, 85, 85), BLACK) < 4.5, "dark grey on black");
        assert!(contrast(Rgb(255, 255, 0), WHITE) < 1.1, "yellow on white");
    }

    #[test]
    fn every_theme_colour_reaches_aa_on_white_and_on_black() {
        for (role, c) in PALETTE {
            let (on_white, on_black) = (contrast(c, WHITE), contrast(c, BLACK));
            assert!(on_white >= 4.5, "{role} {c:?} on white: {on_white:.2}:1");
            assert!(on_black >= 4.5, "{role} {c:?} on black: {on_black:.2}:1");
        }
        assert!(contrast(BLACK, FOCUS) >= 4.5, "the brand's black on teal");
    }

    #[test]
    fn no_style_relies_on_dim_and_every_colour_is_from_the_palette() {
        let t = Theme { color: true };
        let styles = [
            t.normal(),
            t.brand(),
            t.title(),
            t.secondary(),
            t.warn(),
            t.alarm(),
            t.error(),
            t.selected(),
            t.focus_border(),
            t.good(),
        ];
        let allowed: Vec<Color> =
            PALETTE.iter().map(|(_, c)| c.color()).chain([Color::Rgb(0, 0, 0)]).collect();
        for s in styles {
            assert!(!s.add_modifier.contains(Modifier::DIM), "{s:?}");
            for c in [s.fg, s.bg].into_iter().flatten() {
                assert!(allowed.contains(&c), "{c:?} is not a checked palette colour");
            }
        }
    }
}
