//! Handbook change notices as text: what a re-import changed in a role, and where the
//! page disagreed with a recruiter's edit (printed by `import` and `changes`).

use crate::domain::pipeline::HandbookNotice;
use crate::domain::text::inert;
use std::io::Write;

/// One notice: a heading naming the role, then its lines, indented.
pub fn print_notice(w: &mut dyn Write, n: &HandbookNotice) -> std::io::Result<()> {
    if !n.changes.is_empty() {
        writeln!(w, "handbook changes in {} ({}):", n.slug, inert(&n.title))?;
        for line in &n.changes {
            writeln!(w, "  {}", inert(line))?;
        }
    }
    if !n.conflicts.is_empty() {
        writeln!(w, "kept your edits in {} where the page now differs:", n.slug)?;
        for line in &n.conflicts {
            writeln!(w, "  conflict: {}", inert(line))?;
        }
    }
    Ok(())
}
