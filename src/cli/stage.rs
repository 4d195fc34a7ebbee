//! The pipeline editor on the command line: `stage ROLE add|rename|remove|move|range|
//! alternatives|interviewers|history|undo|redo …`, `level-def ROLE rename|grade …` and
//! `changes [ROLE] [--ack]` (handbook changes a re-import brought).

use super::{CliError, CliResult, Output};
use crate::domain::pipeline::{PipelineEdit, parse_range};
use crate::domain::text::inert;
use crate::store::{LevelChange, StageChange, Store};
use clap::{Args, Subcommand};

/// Arguments of `stage`.
#[derive(Debug, Args)]
pub struct StageArgs {
    /// Role slug or title.
    pub role: String,
    /// What to change.
    #[command(subcommand)]
    pub action: StageAction,
}

/// What `stage ROLE …` does. STAGE is a label (case-insensitive; a unique fragment is
/// enough). Each edit is logged (`stage ROLE history`), can be undone, and stays when
/// the role's page is imported again.
#[derive(Debug, Subcommand)]
pub enum StageAction {
    /// Add a stage (before the Offer, or before --before STAGE).
    Add {
        /// The new stage's label.
        label: String,
        /// Put it before this stage.
        #[arg(long, value_name = "STAGE")]
        before: Option<String>,
    },
    /// Rename a stage.
    Rename {
        /// The stage.
        stage: String,
        /// Its new label.
        label: String,
    },
    /// Remove a stage (refused while open applications sit there).
    Remove {
        /// The stage.
        stage: String,
    },
    /// Move a stage to a position (1 = first; the Offer stays last).
    Move {
        /// The stage.
        stage: String,
        /// Its new position.
        position: usize,
    },
    /// Set how many interviews a stage takes: N or MIN-MAX.
    Range {
        /// The stage.
        stage: String,
        /// N or MIN-MAX, e.g. 2-3.
        range: String,
    },
    /// Set a stage's alternatives (none given: none).
    Alternatives {
        /// The stage.
        stage: String,
        /// The alternatives.
        alternatives: Vec<String>,
    },
    /// Set a stage's interviewers (none given: none).
    Interviewers {
        /// The stage.
        stage: String,
        /// The interviewers.
        interviewers: Vec<String>,
    },
    /// The role's pipeline edits, oldest first.
    History,
    /// Undo your latest edit of this role.
    Undo,
    /// Redo the edit you last undid.
    Redo,
}

/// Arguments of `level-def`.
#[derive(Debug, Args)]
pub struct LevelDefArgs {
    /// Role slug or title.
    pub role: String,
    /// What to change.
    #[command(subcommand)]
    pub action: LevelDefAction,
}

/// What `level-def ROLE …` changes in a level's definition (LEVEL: a title or a unique
/// fragment). Logged and undoable with `stage ROLE undo`.
#[derive(Debug, Subcommand)]
pub enum LevelDefAction {
    /// Rename a level.
    Rename {
        /// The level.
        level: String,
        /// Its new title.
        title: String,
    },
    /// Set a level's grade (a number, or "none").
    Grade {
        /// The level.
        level: String,
        /// The grade, or none.
        grade: String,
    },
}

/// `stage ROLE …`.
pub fn stage(store: &Store, out: &Output, args: &StageArgs) -> CliResult {
    let family = store.family_by_slug(&args.role)?;
    let f = family.id;
    let find = |key: &str| store.stage_by_name(f, key);
    let edit = match &args.action {
        StageAction::Add { label, before } => {
            let before = before.as_deref().map(find).transpose()?.map(|s| s.id);
            store.add_stage(f, label, before)?
        }
        StageAction::Rename { stage, label } => {
            store.edit_stage(f, find(stage)?.id, StageChange::Rename(label.clone()))?
        }
        StageAction::Remove { stage } => store.remove_stage(f, find(stage)?.id)?,
        StageAction::Move { stage, position } => store.move_stage(f, find(stage)?.id, *position)?,
        StageAction::Range { stage, range } => {
            let (min, max) = parse_range(range).map_err(CliError::usage)?;
            store.edit_stage(f, find(stage)?.id, StageChange::Range(min, max))?
        }
        StageAction::Alternatives { stage, alternatives } => {
            store.edit_stage(f, find(stage)?.id, StageChange::Alternatives(alternatives.clone()))?
        }
        StageAction::Interviewers { stage, interviewers } => {
            store.edit_stage(f, find(stage)?.id, StageChange::Interviewers(interviewers.clone()))?
        }
        StageAction::History => return history(store, out, f),
        StageAction::Undo | StageAction::Redo => {
            let undo = matches!(args.action, StageAction::Undo);
            let stacks = store.pipeline_edit_stacks(f, store.actor())?;
            let target = if undo { stacks.undo_target() } else { stacks.redo_target() };
            let Some(target) = target else {
                let what = if undo { "undo" } else { "redo" };
                return Err(CliError {
                    code: super::ExitCode::Conflict,
                    message: format!("nothing to {what} in role '{}'", family.slug),
                });
            };
            store.revert_pipeline_edit(target)?
        }
    };
    print_edit(out, &edit)
}

/// `level-def ROLE …`.
pub fn level_def(store: &Store, out: &Output, args: &LevelDefArgs) -> CliResult {
    let family = store.family_by_slug(&args.role)?;
    let edit = match &args.action {
        LevelDefAction::Rename { level, title } => {
            let level = store.level_by_name(family.id, level)?;
            store.edit_level(family.id, level.id, LevelChange::Rename(title.clone()))?
        }
        LevelDefAction::Grade { level, grade } => {
            let level = store.level_by_name(family.id, level)?;
            let grade = match grade.trim() {
                "none" | "" => None,
                g => Some(g.parse::<u32>().map_err(|_| {
                    CliError::usage(format!("'{g}' is not a grade: give a whole number or 'none'"))
                })?),
            };
            store.edit_level(family.id, level.id, LevelChange::Grade(grade))?
        }
    };
    print_edit(out, &edit)
}

fn print_edit(out: &Output, edit: &PipelineEdit) -> CliResult {
    out.emit(edit, |w| writeln!(w, "edit {}: {}", edit.id, inert(&edit.summary)))
}

fn history(store: &Store, out: &Output, family: crate::domain::FamilyId) -> CliResult {
    let edits = store.pipeline_edits(family)?;
    out.emit(&edits, |w| {
        if edits.is_empty() {
            writeln!(w, "no pipeline edits")?;
        }
        for e in &edits {
            let at = e.at.get(..16).unwrap_or(&e.at).replace('T', " ");
            writeln!(w, "{}  {:>4}  {:<10} {}", at, e.id, inert(&e.actor), inert(&e.summary))?;
        }
        Ok(())
    })
}

/// `changes [ROLE] [--ack]`: the handbook changes not yet acknowledged, or acknowledge
/// a role's.
pub fn changes(store: &Store, out: &Output, role: Option<&str>, ack: bool) -> CliResult {
    let family = role.map(|r| store.family_by_slug(r)).transpose()?;
    if ack {
        let Some(family) = family else {
            return Err(CliError::usage("--ack needs a ROLE"));
        };
        let n = store.acknowledge_notices(family.id)?;
        return out.emit(&serde_json::json!({ "acknowledged": n }), |w| {
            writeln!(w, "acknowledged {n} handbook change notice(s) of {}", family.slug)
        });
    }
    let notices = store.pending_notices(family.map(|f| f.id))?;
    out.emit(&notices, |w| {
        if notices.is_empty() {
            writeln!(w, "no handbook changes to acknowledge")?;
        }
        for n in &notices {
            super::handbook::print_notice(w, n)?;
        }
        Ok(())
    })
}
