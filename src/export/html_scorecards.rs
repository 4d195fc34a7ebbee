//! The HTML page's scorecard grids (issue 16): for each listed application with
//! scorecards, per stage a table of requirements × interviewers with each rating and a
//! recommendation row. Every text is HTML-escaped.

use super::Result;
use super::text::esc;
use crate::domain::scorecard::{ScoreGrid, Scorecards};
use std::io::Write;

/// How many applications of a role show their scorecards on a page (the open ones listed
/// first that have any); `rolecall candidate show` has every one's.
pub const SCORECARDS_PER_ROLE: usize = 30;

/// The role's scorecards section, when any listed application has scorecards: `listed`
/// names them in board order with their grids.
pub fn section(w: &mut dyn Write, listed: &[(String, Scorecards)]) -> Result<()> {
    if listed.is_empty() {
        return Ok(());
    }
    writeln!(w, "<h3>Scorecards</h3>")?;
    if listed.len() >= SCORECARDS_PER_ROLE {
        writeln!(
            w,
            "<p class=\"meta\">The first {SCORECARDS_PER_ROLE} open applications listed with scorecards; \
             <code>rolecall candidate show</code> has every one's.</p>"
        )?;
    }
    for (name, cards) in listed {
        writeln!(w, "<h4>{}</h4>", esc(name))?;
        for grid in &cards.grids {
            table(w, grid)?;
        }
        if cards.hidden > 0 {
            let line = match cards.hidden {
                1 => "1 scorecard hidden until you submit yours".to_string(),
                n => format!("{n} scorecards hidden until you submit yours"),
            };
            writeln!(w, "<p class=\"meta\">{line}</p>")?;
        }
    }
    Ok(())
}

fn table(w: &mut dyn Write, grid: &ScoreGrid) -> Result<()> {
    write!(
        w,
        "<table class=\"grid\"><caption>{}</caption><thead><tr><th>Requirement</th>",
        esc(&grid.stage)
    )?;
    for who in &grid.interviewers {
        write!(w, "<th>{}</th>", esc(who))?;
    }
    writeln!(w, "</tr></thead><tbody>")?;
    for row in &grid.rows {
        write!(w, "<tr><td>{}</td>", esc(&row.requirement))?;
        for r in &row.ratings {
            write!(w, "<td>{}</td>", r.map_or("", |r| r.label()))?;
        }
        writeln!(w, "</tr>")?;
    }
    write!(w, "<tr class=\"verdict\"><th>Recommendation</th>")?;
    for r in &grid.recommendations {
        write!(w, "<th>{} {}</th>", r.glyph(), r.label())?;
    }
    writeln!(w, "</tr></tbody></table>")?;
    Ok(())
}
