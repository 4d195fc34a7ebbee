//! `stats`: funnel, days in stage, rejections by reason and stage, new applications
//! per week, per role.

use super::args::StatsArgs;
use super::export::{instant, role_filter};
use super::{CliResult, Output};
use crate::domain::snapshot::{human_instant, iso_time};
use crate::domain::stats::{RoleStats, role_stats};
use crate::domain::text::inert;
use crate::export::SCHEMA_VERSION;
use crate::store::Store;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct StatsDoc {
    schema_version: u32,
    as_of: String,
    roles: Vec<RoleStats>,
}

/// `rolecall stats …`.
pub fn run(store: &Store, out: &Output, args: &StatsArgs) -> CliResult {
    let as_of = match &args.as_of {
        Some(v) => instant("--as-of", v, store.now())?,
        None => store.now(),
    };
    let family = role_filter(store, args.role.as_deref())?;
    let roles = store.role_outlines(family)?;
    let replay = store.replay_until(as_of, family)?;
    let doc = StatsDoc {
        schema_version: SCHEMA_VERSION,
        as_of: iso_time(as_of),
        roles: roles.iter().map(|r| role_stats(r, &replay, as_of, usize::from(args.weeks))).collect(),
    };
    out.emit(&doc, |w| {
        for (i, role) in doc.roles.iter().enumerate() {
            if i > 0 {
                writeln!(w)?;
            }
            print_role(w, role, &human_instant(as_of))?;
        }
        Ok(())
    })
}

fn percent(r: Option<f64>) -> String {
    r.map_or_else(|| "–".into(), |r| format!("{:.0}%", r * 100.0))
}

fn days(d: Option<f64>) -> String {
    d.map_or_else(|| "–".into(), |d| format!("{d:.1}"))
}

fn bar(n: u32, max: u32, width: u32) -> String {
    if max == 0 {
        return String::new();
    }
    let cells = (u64::from(n) * u64::from(width)).div_ceil(u64::from(max));
    "█".repeat(usize::try_from(cells).unwrap_or(0))
}

/// Inert text cut to `width` characters, with an ellipsis when cut.
fn clip(s: &str, width: usize) -> String {
    let s = inert(s);
    if s.chars().count() > width {
        let mut t: String = s.chars().take(width.saturating_sub(1)).collect();
        t.push('…');
        t
    } else {
        s
    }
}

fn label(s: &str) -> String {
    clip(s, 28)
}

fn sparkline(counts: &[u32]) -> String {
    const TICKS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    let max = counts.iter().copied().max().unwrap_or(0);
    counts
        .iter()
        .map(|&c| {
            if max == 0 {
                TICKS[0]
            } else {
                let i = (u64::from(c) * 7).div_ceil(u64::from(max));
                TICKS[usize::try_from(i).unwrap_or(7).min(7)]
            }
        })
        .collect()
}

fn print_role(w: &mut dyn Write, r: &RoleStats, when: &str) -> std::io::Result<()> {
    writeln!(w, "{} [{}], as of {when}", inert(&r.title), inert(&r.slug))?;
    writeln!(w, "  {} applications, {} open, {} hired", r.applications, r.open, r.funnel.hired)?;
    writeln!(w)?;
    writeln!(w, "  {:<28} {:>7} {:>6}", "Funnel", "reached", "next")?;
    let max = r.funnel.steps.first().map_or(0, |s| s.reached);
    for s in &r.funnel.steps {
        writeln!(
            w,
            "  {:<28} {:>7} {:>6}  {}",
            label(&s.label),
            s.reached,
            percent(s.conversion),
            bar(s.reached, max, 30)
        )?;
    }
    writeln!(w, "  {:<28} {:>7} {:>6}  {}", "Hired", r.funnel.hired, "", bar(r.funnel.hired, max, 30))?;
    writeln!(w)?;
    writeln!(w, "  {:<28} {:>7} {:>6} {:>6} {:>4}", "Days in stage", "median", "p90", "stays", "now")?;
    for d in &r.days_in_stage {
        writeln!(
            w,
            "  {:<28} {:>7} {:>6} {:>6} {:>4}",
            label(&d.label),
            days(d.median_days),
            days(d.p90_days),
            d.samples,
            d.in_stage_now
        )?;
    }
    writeln!(w)?;
    if r.rejections.is_empty() {
        writeln!(w, "  Rejections: none")?;
    } else {
        writeln!(w, "  Rejections")?;
        for x in &r.rejections {
            let what = format!("{} at {}", x.reason.label(), inert(&x.stage_label));
            writeln!(w, "  {:<42} {:>5}", clip(&what, 42), x.count)?;
        }
    }
    writeln!(w)?;
    let counts: Vec<u32> = r.weekly_new.iter().map(|c| c.count).collect();
    if let Some(first) = r.weekly_new.first() {
        writeln!(w, "  New applications per week, {} weeks from {}:", counts.len(), first.week_start)?;
        let numbers: Vec<String> = counts.iter().map(u32::to_string).collect();
        writeln!(w, "  {}  {}", sparkline(&counts), numbers.join(" "))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sparkline_scales_to_the_busiest_week() {
        assert_eq!(sparkline(&[0, 1, 2, 4]), "▁▃▅█");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(bar(5, 10, 30).chars().count(), 15);
        assert_eq!(bar(0, 0, 30), "");
    }
}
