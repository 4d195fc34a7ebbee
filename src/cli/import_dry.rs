//! `import --dry-run PAGE…`: each page's levels, tracks of stages, notes and warnings as
//! they would be imported, without opening the database.

use super::{CliError, CliResult, ExitCode, Output};
use crate::import::load::{ImportOptions, collect_pages};
use crate::import::{Note, Preview, SourcedStage, Track, preview_file};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

#[derive(Serialize)]
struct DryRun {
    pages: Vec<Preview>,
    refused: Vec<String>,
}

/// Print what importing `paths` would do; nothing is written. Pages `import` would refuse
/// are listed and make the exit code non-zero, as `import` does.
pub fn dry_run(out: &Output, paths: &[PathBuf], default_process: bool) -> CliResult {
    let files = collect_pages(paths)?;
    let opts = ImportOptions { default_process };
    let mut run = DryRun { pages: Vec::new(), refused: Vec::new() };
    let mut worst: Option<ExitCode> = None;
    for file in &files {
        match preview_file(file, opts) {
            Ok(p) => run.pages.push(p),
            Err(e) => {
                let err = CliError::from(e);
                worst = Some(match worst {
                    Some(w) if (w as i32) >= (err.code as i32) => w,
                    _ => err.code,
                });
                run.refused.push(err.message);
            }
        }
    }
    out.emit(&run, |w| print_run(w, &run))?;
    match worst {
        None => Ok(()),
        Some(code) => Err(CliError {
            code,
            message: format!("{} of {} would not be imported (see above)", run.refused.len(), files.len()),
        }),
    }
}

fn print_run(w: &mut dyn Write, run: &DryRun) -> std::io::Result<()> {
    for p in &run.pages {
        print_page(w, p)?;
    }
    for r in &run.refused {
        writeln!(w, "would refuse {r}")?;
    }
    writeln!(
        w,
        "dry run: {} would be imported, {} refused; nothing was written",
        run.pages.len(),
        run.refused.len()
    )
}

fn print_page(w: &mut dyn Write, p: &Preview) -> std::io::Result<()> {
    writeln!(w, "{}: {}", p.source, p.title)?;
    writeln!(w, "  levels ({}):", p.levels.len())?;
    for l in &p.levels {
        let grade = l.grade.map_or_else(|| "no grade".to_string(), |g| format!("grade {g}"));
        writeln!(
            w,
            "    line {:<5} {} ({grade}; {} responsibilities, {} requirements)",
            l.line, l.title, l.responsibilities, l.requirements
        )?;
    }
    if !p.standard_stages.is_empty() {
        let labels: Vec<&str> = p.standard_stages.iter().map(|s| s.label.as_str()).collect();
        writeln!(w, "  stages (standard process): {} → Offer", labels.join(" → "))?;
    }
    for (i, t) in p.tracks.iter().enumerate() {
        print_track(w, t, (i, p.tracks.len()), p.track_levels.get(i).map(Vec::as_slice).unwrap_or_default())?;
    }
    for n in &p.notes {
        print_note(w, n, "  ")?;
    }
    for warning in &p.warnings {
        writeln!(w, "  warning: {warning}")?;
    }
    Ok(())
}

fn print_track(
    w: &mut dyn Write,
    t: &Track,
    (i, n): (usize, usize),
    levels: &[String],
) -> std::io::Result<()> {
    let name = t.name.as_deref().map(|n| format!(" \"{n}\"")).unwrap_or_default();
    let whose = if levels.is_empty() { "no level".to_string() } else { levels.join(", ") };
    let stored = match (i, n) {
        (_, 1) => String::new(),
        (0, _) => format!(" — the role's pipeline (1 of {n} tracks), for {whose}"),
        _ => format!(" — pipeline {} of {n}, for {whose}", i + 1),
    };
    writeln!(w, "  stages{name} (line {}){stored}:", t.line)?;
    for s in &t.stages {
        print_stage(w, s)?;
    }
    writeln!(w, "    {:<13} Offer", "")
}

fn print_stage(w: &mut dyn Write, s: &SourcedStage) -> std::io::Result<()> {
    let d = &s.stage;
    let lines = if s.last_line > s.line {
        format!("lines {}-{}", s.line, s.last_line)
    } else {
        format!("line {}", s.line)
    };
    let mut facts = vec![if d.min_interviews == d.max_interviews {
        format!("{} interview{}", d.min_interviews, if d.min_interviews == 1 { "" } else { "s" })
    } else {
        format!("{}-{} interviews", d.min_interviews, d.max_interviews)
    }];
    if !d.interviewers.is_empty() {
        facts.push(format!("with {}", d.interviewers.join(", ")));
    }
    if !d.alternatives.is_empty() {
        facts.push(format!("alternatives: {}", d.alternatives.join(" | ")));
    }
    writeln!(w, "    {lines:<13} {} ({})", d.label, facts.join("; "))?;
    for n in &s.notes {
        print_note(w, n, "      ")?;
    }
    Ok(())
}

fn print_note(w: &mut dyn Write, n: &Note, indent: &str) -> std::io::Result<()> {
    let text: String = n.text.chars().take(100).collect();
    let more = if n.text.chars().count() > 100 { "…" } else { "" };
    writeln!(w, "{indent}note, line {}: {text}{more}", n.line)
}
