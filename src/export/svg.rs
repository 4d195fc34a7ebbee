//! The funnel of one role as an inline SVG bar chart (no script, no external resource).

use super::text::esc;
use crate::domain::snapshot::RoleSnapshot;
use std::fmt::Write;

const LABEL_WIDTH: u32 = 170;
const BAR_WIDTH: u32 = 380;
const VALUE_WIDTH: u32 = 130;
const ROW_HEIGHT: u32 = 26;
const LABEL_CHARS: usize = 26;

struct Step<'a> {
    label: &'a str,
    count: u32,
    hired: bool,
}

/// Horizontal bars, one per current stage plus Hired: how many reached it, and the share
/// of the previous step that got this far.
pub fn funnel_chart(role: &RoleSnapshot) -> String {
    let mut steps: Vec<Step<'_>> = role
        .stages
        .iter()
        .filter(|s| !s.retired)
        .map(|s| Step { label: &s.label, count: s.reached, hired: false })
        .collect();
    steps.push(Step { label: "Hired", count: role.hired, hired: true });
    let max = steps.iter().map(|s| s.count).max().unwrap_or(0);
    let width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH;
    let height = ROW_HEIGHT * u32::try_from(steps.len()).unwrap_or(0) + 4;
    let title = format!("Funnel: {}", role.title);
    let mut svg = String::new();
    // Writing to a String cannot fail.
    let _ = write!(
        svg,
        r#"<svg class="funnel" viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" aria-label="{t}"><title>{t}</title>"#,
        t = esc(&title)
    );
    let mut previous: Option<u32> = None;
    for (i, step) in steps.iter().enumerate() {
        let y = ROW_HEIGHT * u32::try_from(i).unwrap_or(0);
        let bar = bar_width(step.count, max);
        let value = match previous {
            Some(p) if p > 0 => {
                format!("{} ({}%)", step.count, (f64::from(step.count) * 100.0 / f64::from(p)).round())
            }
            _ => step.count.to_string(),
        };
        let _ = write!(
            svg,
            r#"<g transform="translate(0 {y})"><text x="{lx}" y="17" text-anchor="end">{label}</text><rect class="bar{hired}" x="{LABEL_WIDTH}" y="4" width="{bar}" height="18" rx="2"/><text x="{vx}" y="17">{value}</text></g>"#,
            lx = LABEL_WIDTH - 8,
            label = esc(&shorten(step.label)),
            hired = if step.hired { " hired" } else { "" },
            vx = LABEL_WIDTH + bar + 6,
        );
        previous = Some(step.count);
    }
    svg.push_str("</svg>");
    svg
}

fn bar_width(count: u32, max: u32) -> u32 {
    if max == 0 || count == 0 {
        return 0;
    }
    let w = u64::from(count) * u64::from(BAR_WIDTH) / u64::from(max);
    u32::try_from(w).unwrap_or(BAR_WIDTH).max(1)
}

fn shorten(label: &str) -> String {
    if label.chars().count() <= LABEL_CHARS {
        return label.to_string();
    }
    let mut s: String = label.chars().take(LABEL_CHARS - 1).collect();
    s.push('…');
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_scale_to_the_largest_step() {
        assert_eq!(bar_width(0, 10), 0);
        assert_eq!(bar_width(10, 10), BAR_WIDTH);
        assert_eq!(bar_width(1, 100_000), 1);
        assert_eq!(shorten("Short"), "Short");
        assert_eq!(shorten(&"x".repeat(40)).chars().count(), LABEL_CHARS);
    }
}
