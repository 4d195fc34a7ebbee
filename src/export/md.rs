//! Markdown (GitHub-flavoured tables) for a wiki page. Every cell is one line with
//! Markdown's active characters backslash-escaped, so a name cannot break the table,
//! add a link or inject HTML.

use super::rows::Span;
use super::text::{one_line, place, summary};
use super::{Changes, DiffCounts, Result, RoleRows, Rows};
use crate::domain::AppStatus;
use crate::domain::snapshot::{
    ApplicationSnapshot, ChangeKind, DiffEntry, RoleSnapshot, Snapshot, StatusCounts, human_instant,
};
use std::io::Write;

/// Escape text for a table cell: control characters become inert, and `|`, `\` and the
/// inline-syntax characters get a backslash (valid for any ASCII punctuation).
pub fn cell(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in one_line(s).chars() {
        if matches!(c, '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '!' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn row(w: &mut dyn Write, cells: &[String]) -> Result<()> {
    writeln!(w, "| {} |", cells.join(" | "))?;
    Ok(())
}

/// A header row; the columns listed in `numeric` are right-aligned.
fn header(w: &mut dyn Write, names: &[&str], numeric: &[usize]) -> Result<()> {
    writeln!(w, "| {} |", names.join(" | "))?;
    let aligns: Vec<&str> =
        (0..names.len()).map(|i| if numeric.contains(&i) { "--:" } else { ":--" }).collect();
    writeln!(w, "| {} |", aligns.join(" | "))?;
    Ok(())
}

fn role_heading(w: &mut dyn Write, title: &str, slug: &str) -> Result<()> {
    writeln!(w, "## {} ({})", cell(title), cell(slug))?;
    writeln!(w)?;
    Ok(())
}

fn stage_table(w: &mut dyn Write, role: &RoleSnapshot) -> Result<()> {
    header(
        w,
        &["Stage", "Reached", "Active", "On hold", "Rejected", "Withdrawn", "Hired", "Total"],
        &[1, 2, 3, 4, 5, 6, 7],
    )?;
    let counts = |c: &StatusCounts| AppStatus::ALL.map(|s| c.get(s).to_string());
    for s in &role.stages {
        let label = if s.retired { format!("{} (retired)", cell(&s.label)) } else { cell(&s.label) };
        let mut cells = vec![label, s.reached.to_string()];
        cells.extend(counts(&s.counts));
        cells.push(s.counts.total().to_string());
        row(w, &cells)?;
    }
    let totals = role.totals();
    let mut cells = vec!["**All stages**".to_string(), String::new()];
    cells.extend(counts(&totals).map(|n| format!("**{n}**")));
    cells.push(format!("**{}**", totals.total()));
    row(w, &cells)?;
    writeln!(w)?;
    Ok(())
}

fn application_table(w: &mut dyn Write, apps: &mut dyn Iterator<Item = ApplicationSnapshot>) -> Result<()> {
    let mut apps = apps.peekable();
    if apps.peek().is_none() {
        writeln!(w, "No applications.")?;
        writeln!(w)?;
        return Ok(());
    }
    header(
        w,
        &[
            "Candidate",
            "Level",
            "Stage",
            "Status",
            "Reason",
            "In stage since",
            "Days in stage",
            "Interviews",
            "Recommendation",
        ],
        &[6, 7],
    )?;
    for a in apps {
        row(
            w,
            &[
                cell(&a.candidate_name),
                cell(&a.level_title),
                cell(&a.stage_label),
                a.status.to_string(),
                cell(a.reject_reason.map_or("", |r| r.label())),
                a.stage_entered_at.format("%Y-%m-%d").to_string(),
                a.days_in_stage.to_string(),
                a.interviews_at_stage.to_string(),
                a.last_recommendation.map_or("", |r| r.label()).to_string(),
            ],
        )?;
    }
    writeln!(w)?;
    Ok(())
}

/// The snapshot as a Markdown document: per role, counts by stage, then applications.
pub fn snapshot(snap: &Snapshot, rows: Rows<'_>, w: &mut dyn Write) -> Result<()> {
    let mut totals = StatusCounts::default();
    for role in &snap.roles {
        totals.add_counts(&role.totals());
    }
    let mut rows = RoleRows::new(rows);
    writeln!(w, "# Pipeline snapshot")?;
    writeln!(w)?;
    writeln!(w, "As of {}. {}.", human_instant(snap.as_of), summary(&totals))?;
    writeln!(w)?;
    for (i, role) in snap.roles.iter().enumerate() {
        role_heading(w, &role.title, &role.slug)?;
        writeln!(w, "{}.", summary(&role.totals()))?;
        writeln!(w)?;
        stage_table(w, role)?;
        application_table(w, &mut std::iter::from_fn(|| rows.next_of(i)))?;
    }
    Ok(())
}

fn change_row(w: &mut dyn Write, e: &DiffEntry) -> Result<()> {
    let from = match (&e.from_stage, e.from_status) {
        (Some(stage), Some(status)) => cell(&place(stage, status)),
        _ => "—".to_string(),
    };
    row(
        w,
        &[
            e.change.label().to_string(),
            cell(&e.candidate_name),
            cell(&e.level_title),
            from,
            cell(&place(&e.to_stage, e.to_status)),
            cell(e.reject_reason.map_or("", |r| r.label())),
        ],
    )
}

/// The changes between two instants, per role.
pub fn diff(span: Span, diff: &dyn DiffCounts, changes: Changes<'_>, w: &mut dyn Write) -> Result<()> {
    writeln!(w, "# Pipeline changes")?;
    writeln!(w)?;
    let counts: Vec<String> = ChangeKind::ALL
        .iter()
        .filter(|k| diff.count(**k) > 0)
        .map(|k| format!("{} {}", diff.count(*k), k.as_str()))
        .collect();
    let what = if counts.is_empty() { "no changes".to_string() } else { counts.join(", ") };
    writeln!(w, "From {} to {}: {what}.", human_instant(span.0), human_instant(span.1))?;
    writeln!(w)?;
    let mut current: Option<String> = None;
    for e in changes {
        if current.as_deref() != Some(e.role_slug.as_str()) {
            if current.is_some() {
                writeln!(w)?;
            }
            current = Some(e.role_slug.clone());
            role_heading(w, &e.role_title, &e.role_slug)?;
            header(w, &["Change", "Candidate", "Level", "From", "To", "Reason"], &[])?;
        }
        change_row(w, &e)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_cannot_break_the_table_or_inject() {
        assert_eq!(cell("a|b"), "a\\|b");
        assert_eq!(cell("x\ny\r\tz"), "x y  z");
        assert_eq!(cell("<script>alert(1)</script>"), "\\<script\\>alert(1)\\</script\\>");
        assert_eq!(cell("[x](http://e.invalid)"), "\\[x\\](http://e.invalid)");
        assert_eq!(cell("a\u{1b}[31m"), "a\u{fffd}\\[31m");
    }
}
