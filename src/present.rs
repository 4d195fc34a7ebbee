//! Plain-text presentation shared by the CLI and the TUI (no terminal code here).

use crate::domain::text::inert;
use crate::domain::{Event, EventKind, StageId};
use crate::store::Store;

/// The label of a stage, or empty when unknown.
pub fn stage_label(store: &Store, id: Option<StageId>) -> String {
    id.and_then(|s| store.stage(s).ok()).map(|s| inert(&s.label)).unwrap_or_default()
}

/// A stage as its board column is named: "stage · Track" for a further track's stage, the
/// label for the role's pipeline; the label when the role's columns cannot be read.
pub fn board_label(store: &Store, id: Option<StageId>) -> String {
    let Some(stage) = id.and_then(|s| store.stage(s).ok()) else { return String::new() };
    let column =
        store.board_stages(stage.family_id).ok().and_then(|all| all.into_iter().find(|s| s.id == stage.id));
    inert(&column.map_or(stage.label, |s| s.label))
}

/// One line saying what an event did, e.g. "Ana Ruiz Screening → VP IT panel". An undo
/// names the change it undid ("undone: Ana Ruiz Screening → VP IT panel"), a redo the
/// change it restored ("redone: …").
pub fn describe(store: &Store, e: &Event) -> String {
    if let Some(first) = e.undoes {
        // Walk back to the change itself: an odd number of reversals undoes it, an even
        // number redoes it.
        let mut depth = 1;
        let mut target = store.event(first).ok();
        while let Some(next) = target.as_ref().and_then(|t| t.undoes)
            && depth < 1000
        {
            depth += 1;
            target = store.event(next).ok();
        }
        if let Some(change) = target {
            let verb = if depth % 2 == 1 { "undone" } else { "redone" };
            return format!("{verb}: {}", describe_change(store, &change));
        }
    }
    describe_change(store, e)
}

/// What one change did, without regard to undo.
fn describe_change(store: &Store, e: &Event) -> String {
    let name = store.candidate(e.candidate_id).map(|c| inert(&c.name)).unwrap_or_default();
    let to = stage_label(store, e.to_stage);
    let mut line = match e.kind {
        EventKind::Applied => format!("{name} applied, at {to}"),
        EventKind::Moved => match stage_label(store, e.from_stage) {
            // Two tracks' stages may share a label: name both as the board does.
            from if from == to => {
                format!("{name} {} → {}", board_label(store, e.from_stage), board_label(store, e.to_stage))
            }
            from => format!("{name} {from} → {to}"),
        },
        EventKind::Rejected => {
            format!("{name} rejected at {to} ({})", e.reason.map(|r| r.label()).unwrap_or("no reason"))
        }
        EventKind::Withdrawn => format!("{name} withdrew at {to}"),
        EventKind::Held => format!("{name} put on hold at {to}"),
        EventKind::Resumed => format!("{name} resumed at {to}"),
        EventKind::Reopened => format!("{name} reopened at {to}"),
        EventKind::Hired => format!("{name} hired"),
        EventKind::InterviewRecorded => {
            let held_at = store.interview_stage_of_event(e.id).ok().flatten().or(e.to_stage);
            format!("{name}: interview recorded at {}", stage_label(store, held_at))
        }
        EventKind::Note => format!("{name}: note"),
        EventKind::InterviewScheduled => format!("{name}: interview scheduled"),
        EventKind::InterviewRescheduled => format!("{name}: interview rescheduled"),
        EventKind::InterviewCancelled => format!("{name}: interview cancelled"),
        EventKind::OwnerChanged => format!("{name}: owner changed"),
        EventKind::Edited => format!("{name}: details edited"),
        EventKind::Erased => "personal data erased".to_string(),
        EventKind::LevelChanged => {
            let title = |id: Option<crate::domain::LevelId>| {
                id.and_then(|l| store.level(l).ok()).map(|l| inert(&l.title)).unwrap_or_default()
            };
            format!("{name}: level {} → {}", title(e.from_level), title(e.to_level))
        }
    };
    if let Some(note) = e.note.as_deref().filter(|n| !n.is_empty() && *n != "undo") {
        line.push_str(&format!(" — {}", inert(note)));
    }
    line
}

/// Whole days between an instant and `now` (never negative; 0 for an unreadable one).
pub fn days_since(entered: Option<chrono::DateTime<chrono::Utc>>, now: chrono::DateTime<chrono::Utc>) -> i64 {
    entered.map(|t| (now - t).num_days().max(0)).unwrap_or(0)
}

/// A failed save in a form, as one line (the form stays open with what was typed).
pub fn not_saved_line(e: &crate::store::StoreError) -> String {
    let line = store_error_line(e);
    if line.starts_with("Could not save") { line } else { format!("Not saved: {line}") }
}

/// A store error as one status-line sentence.
pub fn store_error_line(e: &crate::store::StoreError) -> String {
    use crate::store::StoreError;
    match e {
        StoreError::Busy(_) => "The database is busy; try again in a moment".into(),
        StoreError::DiskFull(_) => {
            "Could not save: the disk is full; free some space and try again (nothing was lost)".into()
        }
        StoreError::ReadOnly(_) => {
            "Could not save: the database is read-only (check the file's permissions)".into()
        }
        StoreError::Corrupt(text) | StoreError::Other(text) => format!("Could not save: {text}"),
        other => {
            let mut s = other.to_string();
            if let Some(first) = s.get(..1) {
                let upper = first.to_uppercase();
                s.replace_range(..1, &upper);
            }
            s
        }
    }
}

/// A stage as one short phrase: "Stakeholder (1–2 interviews)", "CFO (VP Finance or CFO)".
pub fn stage_phrase(s: &crate::domain::Stage) -> String {
    let mut notes = Vec::new();
    if s.max_interviews > 1 {
        if s.min_interviews == s.max_interviews {
            notes.push(format!("{} interviews", s.max_interviews));
        } else {
            notes.push(format!("{}–{} interviews", s.min_interviews, s.max_interviews));
        }
    }
    if !s.alternatives.is_empty() {
        notes.push(s.alternatives.join(" or "));
    }
    if notes.is_empty() { s.label.clone() } else { format!("{} ({})", s.label, notes.join("; ")) }
}
