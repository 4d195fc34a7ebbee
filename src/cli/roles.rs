//! `roles` (every role, or one in full) and `board --print`.

use super::{CliError, CliResult, ExitCode, Output};
use crate::domain::access::Access;
use crate::domain::text::inert;
use crate::domain::{Family, Level, Stage, StageId};
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

/// Why there is no role to show: none imported, or (a hiring manager or an interviewer on
/// a server) none open to this login yet.
fn no_roles(store: &Store) -> String {
    match store.access() {
        Ok(Some(access @ (Access::HiringManager | Access::Interviewer))) => {
            format!("no roles to show: {}, and none is open to this login yet", access.may())
        }
        _ => "no roles imported".into(),
    }
}

/// `rolecall board --print`: one block per stage with its cards. The text reads only
/// what its lines show (`Store::board_lines`); `--json` gives every card in full.
pub fn board(store: &Store, out: &Output, role: Option<&str>, closed: bool) -> CliResult {
    let family = match role {
        Some(key) => store.family_by_slug(key)?,
        None => store
            .families()?
            .into_iter()
            .next()
            .ok_or_else(|| CliError { code: ExitCode::NotFound, message: no_roles(store) })?,
    };
    let stages = store.board_stages(family.id)?;
    if out.json {
        let mut by_stage = by_stage(&stages, store.board(family.id, closed)?, |c| c.stage_id, |c| c.status);
        let columns: Vec<BoardColumn> = stages
            .iter()
            .zip(by_stage.iter_mut())
            .map(|(s, cards)| BoardColumn { stage: s.label.clone(), cards: std::mem::take(cards) })
            .collect();
        return out.emit(&columns, |_| Ok(()));
    }
    let by_stage = by_stage(&stages, store.board_lines(family.id, closed)?, |c| c.stage_id, |c| c.status);
    let now = store.now();
    out.emit(&(), |w| {
        writeln!(w, "{} [{}]", inert(&family.title), family.slug)?;
        for (stage, cards) in stages.iter().zip(&by_stage) {
            writeln!(w, "== {} ({})", inert(&stage.label), cards.len())?;
            for c in cards {
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

/// `cards` (in board order) split by stage, one list per stage of `stages`, each as the
/// TUI's column shows it: active cards first, then those on hold, then closed ones (each
/// group keeping board order). Cards of a stage not on the board are left out.
fn by_stage<T>(
    stages: &[Stage],
    cards: Vec<T>,
    stage_of: impl Fn(&T) -> StageId,
    status_of: impl Fn(&T) -> crate::domain::AppStatus,
) -> Vec<Vec<T>> {
    let index: std::collections::HashMap<StageId, usize> =
        stages.iter().enumerate().map(|(i, s)| (s.id, i)).collect();
    let mut columns: Vec<Vec<T>> = stages.iter().map(|_| Vec::new()).collect();
    for card in cards {
        if let Some(&i) = index.get(&stage_of(&card)) {
            columns[i].push(card);
        }
    }
    for column in &mut columns {
        column.sort_by_key(|c| match status_of(c) {
            crate::domain::AppStatus::Active => 0,
            crate::domain::AppStatus::OnHold => 1,
            _ => 2,
        });
    }
    columns
}
