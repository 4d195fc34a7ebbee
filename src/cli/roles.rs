//! `roles` (every role, or one in full) and `board --print`.

use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::text::inert;
use crate::domain::{Family, Level, Stage};
use crate::domain::{ItemKind, StageKind};
use crate::present::stage_phrase;
use crate::store::Store;
use serde::Serialize;

#[derive(Serialize)]
struct RoleView {
    #[serde(flatten)]
    family: Family,
    levels: Vec<LevelView>,
    stages: Vec<Stage>,
    /// Further pipelines (a page split by track), each with the levels going through it.
    tracks: Vec<crate::domain::PipelineTrack>,
}

#[derive(Serialize)]
struct LevelView {
    #[serde(flatten)]
    level: Level,
    responsibilities: Vec<String>,
    requirements: Vec<String>,
}

fn role_view(store: &Store, family: Family) -> Result<RoleView, CliError> {
    let levels = store
        .levels(family.id)?
        .into_iter()
        .map(|level| {
            Ok(LevelView {
                responsibilities: store.level_items(level.id, ItemKind::Responsibility)?,
                requirements: store.level_items(level.id, ItemKind::Requirement)?,
                level,
            })
        })
        .collect::<Result<Vec<_>, crate::store::StoreError>>()?;
    let stages = store.stages(family.id)?;
    let tracks = store.tracks(family.id)?;
    Ok(RoleView { family, levels, stages, tracks })
}

/// `rolecall roles [ROLE]`.
pub fn roles(store: &Store, out: &Output, role: Option<&str>) -> CliResult {
    let families = match role {
        Some(key) => vec![store.family_by_slug(key)?],
        None => store.families()?,
    };
    let detailed = role.is_some();
    let views = families.into_iter().map(|f| role_view(store, f)).collect::<Result<Vec<_>, _>>()?;
    out.emit(&views, |w| {
        for v in &views {
            writeln!(w, "{}  [{}]", inert(&v.family.title), v.family.slug)?;
            if detailed && !v.family.description.is_empty() {
                writeln!(w, "  {}", inert(&v.family.description))?;
            }
            writeln!(w, "  Levels ({}):", v.levels.len())?;
            for l in &v.levels {
                let grade = l.level.grade.map(|g| format!("grade {g}")).unwrap_or_else(|| "no grade".into());
                write!(w, "    {} ({grade})", inert(&l.level.title))?;
                if let Some(to) = &l.level.reports_to {
                    write!(w, ", reports to {}", inert(to))?;
                }
                writeln!(w)?;
                if detailed {
                    for r in &l.requirements {
                        writeln!(w, "      - {}", inert(r))?;
                    }
                }
            }
            let phrases: Vec<String> = v.stages.iter().map(stage_phrase).collect();
            writeln!(w, "  Stages: {}", phrases.join(" → "))?;
            for t in &v.tracks {
                let phrases: Vec<String> = t.stages.iter().map(stage_phrase).collect();
                let whose: Vec<String> = (v.levels.iter())
                    .filter(|l| t.levels.contains(&l.level.id))
                    .map(|l| inert(&l.level.title))
                    .collect();
                let whose = if whose.is_empty() { "no level".to_string() } else { whose.join(", ") };
                writeln!(w, "  Track \"{}\" (for {whose}): {} → Offer", inert(&t.name), phrases.join(" → "))?;
            }
            if detailed {
                for s in v.stages.iter().filter(|s| s.kind == StageKind::Interview) {
                    writeln!(w, "    {}: {}", inert(&s.label), inert(&s.full_text))?;
                }
            }
            writeln!(w)?;
        }
        Ok(())
    })
}

#[derive(Serialize)]
struct BoardColumn {
    stage: String,
    cards: Vec<crate::domain::BoardCard>,
}

/// `rolecall board --print`: one block per stage with its cards.
pub fn board(store: &Store, out: &Output, role: Option<&str>, closed: bool) -> CliResult {
    let family = match role {
        Some(key) => store.family_by_slug(key)?,
        None => store
            .families()?
            .into_iter()
            .next()
            .ok_or_else(|| CliError { code: ExitCode::NotFound, message: "no roles imported".into() })?,
    };
    let stages = store.board_stages(family.id)?;
    let mut cards = store.board(family.id, closed)?;
    let columns: Vec<BoardColumn> = stages
        .iter()
        .map(|s| BoardColumn {
            stage: s.label.clone(),
            cards: {
                let (mine, rest): (Vec<_>, Vec<_>) = cards.drain(..).partition(|c| c.stage_id == s.id);
                cards = rest;
                mine
            },
        })
        .collect();
    let now = store.now();
    out.emit(&columns, |w| {
        writeln!(w, "{} [{}]", inert(&family.title), family.slug)?;
        for col in &columns {
            writeln!(w, "== {} ({})", inert(&col.stage), col.cards.len())?;
            for c in &col.cards {
                let days = crate::present::days_since(c.stage_entered_at, now);
                writeln!(
                    w,
                    "  #{} {} · {} · {}d · {}",
                    c.id,
                    inert(&c.name),
                    inert(&c.level),
                    days,
                    c.status
                )?;
            }
        }
        Ok(())
    })
}
