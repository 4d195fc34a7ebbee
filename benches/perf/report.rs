//! The results table: each figure beside its yardstick, the ratio and the target, in
//! wall-clock time and in CPU time.

use super::clock::Sample;
use std::time::Duration;

/// How a row's target is judged.
pub enum Target {
    /// figure / yardstick at most this.
    Ratio(f64),
    /// figure at most this.
    Under(Duration),
    /// both.
    Both(f64, Duration),
    /// Informational.
    None,
}

/// One line of the table.
pub struct Row {
    /// What was measured.
    pub figure: String,
    /// Its value (a time, or a percentile pair written by the caller).
    pub value: Sample,
    /// Extra words after the value (p99 …).
    pub value_note: String,
    /// The yardstick, in words.
    pub yardstick: String,
    /// Its value.
    pub yard: Sample,
    /// The target, in words.
    pub target_text: String,
    /// The target.
    pub target: Target,
}

impl Row {
    fn ratios(&self) -> (Option<f64>, Option<f64>) {
        let r = |a: Duration, b: Duration| (b > Duration::ZERO).then(|| a.as_secs_f64() / b.as_secs_f64());
        (r(self.value.wall, self.yard.wall), r(self.value.cpu, self.yard.cpu))
    }

    fn met(&self, ratio: Option<f64>, value: Duration) -> Option<bool> {
        let ok_ratio = |max: f64| ratio.is_some_and(|r| r <= max);
        match self.target {
            Target::Ratio(max) => Some(ok_ratio(max)),
            Target::Under(d) => Some(value <= d),
            Target::Both(max, d) => Some(ok_ratio(max) && value <= d),
            Target::None => None,
        }
    }
}

/// All rows, printed at the end.
#[derive(Default)]
pub struct Table {
    rows: Vec<Row>,
    /// Rows that are not times (memory), already rendered.
    other: Vec<String>,
}

fn yes_no(m: Option<bool>) -> &'static str {
    match m {
        Some(true) => "yes",
        Some(false) => "**no**",
        None => "—",
    }
}

fn x(r: Option<f64>) -> String {
    r.map(|r| format!("{r:.2}×")).unwrap_or_else(|| "—".into())
}

impl Table {
    /// Add a row and echo it at once, so a long run shows progress.
    pub fn push(&mut self, row: Row) {
        let (rw, rc) = row.ratios();
        eprintln!(
            "  {}: {} (cpu {}) {} | yardstick {} (cpu {}) | ratio {} (cpu {})",
            row.figure,
            fmt(row.value.wall),
            fmt(row.value.cpu),
            row.value_note,
            fmt(row.yard.wall),
            fmt(row.yard.cpu),
            x(rw),
            x(rc)
        );
        self.rows.push(row);
    }

    /// A row that is not a time (memory): rendered as given.
    pub fn push_text(
        &mut self,
        figure: &str,
        value: &str,
        yardstick: &str,
        ratio: Option<f64>,
        target: &str,
        met: bool,
    ) {
        eprintln!("  {figure}: {value} | yardstick {yardstick} | ratio {}", x(ratio));
        let met = yes_no(Some(met));
        self.other.push(format!(
            "| {figure} | {value} | {yardstick} | {} | {target} | {met} / {met} |\n",
            x(ratio)
        ));
    }

    /// The table as Markdown.
    pub fn markdown(&self) -> String {
        let mut out = String::from(
            "| figure | value: wall (CPU) | yardstick: wall (CPU) | ratio: wall (CPU) | target | met: wall / CPU |\n\
             | --- | --- | --- | --- | --- | --- |\n",
        );
        for r in &self.rows {
            let (rw, rc) = r.ratios();
            out.push_str(&format!(
                "| {} | {} ({}){} | {}: {} ({}) | {} ({}) | {} | {} / {} |\n",
                r.figure,
                fmt(r.value.wall),
                fmt(r.value.cpu),
                r.value_note,
                r.yardstick,
                fmt(r.yard.wall),
                fmt(r.yard.cpu),
                x(rw),
                x(rc),
                r.target_text,
                yes_no(r.met(rw, r.value.wall)),
                yes_no(r.met(rc, r.value.cpu)),
            ));
        }
        for line in &self.other {
            out.push_str(line);
        }
        out
    }
}

/// A duration for the table: µs below a millisecond, ms below ten seconds, else s.
pub fn fmt(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1_000.0 {
        format!("{us:.0} µs")
    } else if us < 10_000_000.0 {
        format!("{:.1} ms", us / 1_000.0)
    } else {
        format!("{:.1} s", us / 1e6)
    }
}
