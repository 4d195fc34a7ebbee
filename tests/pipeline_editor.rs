//! The pipeline editor (issue 18 items 3-5) on each backend (`common::both`): edits as a
//! log with undo and redo, removal refused while applications sit at a stage, edits
//! surviving re-import with conflicts named, handbook change notices until acknowledged,
//! and the new logs append-only.

mod common;

use common::both;
use common::sample_family;
use rolecall::domain::pipeline::EditKind;
use rolecall::domain::{FamilyDraft, FamilyId};
use rolecall::store::{ImportOutcome, LevelChange, NewCandidate, StageChange, Store, StoreError};

/// Each backend's store with the sample role imported, or `None` (with a line) where the
/// backend cannot import yet.
fn with_role(labels: &[&str]) -> Vec<(&'static str, Store, FamilyId)> {
    let mut found = Vec::new();
    for (name, mut store) in both::stores() {
        match store.import_family("page.md", "h1", &sample_family(labels)) {
            Ok((id, _)) => found.push((name, store, id)),
            Err(e) if e.to_string().contains("not available on a PostgreSQL database") => {
                eprintln!("{name}: skipped (import is not on this backend yet: {e})");
            }
            Err(e) => panic!("{name}: import: {e}"),
        }
    }
    found
}

fn labels(s: &Store, f: FamilyId) -> Vec<String> {
    s.stages(f).unwrap().into_iter().map(|s| s.label).collect()
}

fn stage(s: &Store, f: FamilyId, name: &str) -> rolecall::domain::StageId {
    s.stage_by_name(f, name).unwrap().id
}

#[test]
fn a_rename_is_logged_undone_and_redone() {
    for (name, s, f) in with_role(&["Screening", "Panel"]) {
        let e =
            s.edit_stage(f, stage(&s, f, "Screening"), StageChange::Rename("Phone screen".into())).unwrap();
        assert_eq!(e.kind, EditKind::StageRename, "{name}");
        assert_eq!(labels(&s, f), ["Phone screen", "Panel", "Offer"], "{name}");
        let stacks = s.pipeline_edit_stacks(f, s.actor()).unwrap();
        let undo = s.revert_pipeline_edit(stacks.undo_target().unwrap()).unwrap();
        assert_eq!(labels(&s, f), ["Screening", "Panel", "Offer"], "{name}: undone");
        let stacks = s.pipeline_edit_stacks(f, s.actor()).unwrap();
        assert_eq!(stacks.redo_target(), Some(undo.id), "{name}");
        s.revert_pipeline_edit(undo.id).unwrap();
        assert_eq!(labels(&s, f), ["Phone screen", "Panel", "Offer"], "{name}: redone");
        let history: Vec<String> = s.pipeline_edits(f).unwrap().into_iter().map(|e| e.summary).collect();
        assert_eq!(history.len(), 3, "{name}: {history:?}");
        assert_eq!(history[0], "renamed stage 'Screening' to 'Phone screen'", "{name}");
        assert!(history[1].contains("reverting edit"), "{name}: {history:?}");
    }
}

#[test]
fn stages_are_added_moved_ranged_and_levels_regraded() {
    for (name, s, f) in with_role(&["Screening", "Panel"]) {
        s.add_stage(f, "Take-home", None).unwrap();
        assert_eq!(labels(&s, f), ["Screening", "Panel", "Take-home", "Offer"], "{name}");
        s.move_stage(f, stage(&s, f, "Take-home"), 1).unwrap();
        assert_eq!(labels(&s, f), ["Take-home", "Screening", "Panel", "Offer"], "{name}");
        let err = s.move_stage(f, stage(&s, f, "Panel"), 4).unwrap_err();
        assert!(matches!(err, StoreError::Invalid(_)), "{name}: the Offer stays last: {err}");
        s.edit_stage(f, stage(&s, f, "Panel"), StageChange::Range(2, 3)).unwrap();
        s.edit_stage(f, stage(&s, f, "Panel"), StageChange::Alternatives(vec!["Case study".into()])).unwrap();
        let panel = s.stage(stage(&s, f, "Panel")).unwrap();
        assert_eq!((panel.min_interviews, panel.max_interviews), (2, 3), "{name}");
        assert_eq!(panel.alternatives, ["Case study"], "{name}");
        let dup = s.edit_stage(f, panel.id, StageChange::Rename("screening".into())).unwrap_err();
        assert!(matches!(dup, StoreError::Conflict(_)), "{name}: {dup}");
        let senior = s.level_by_name(f, "Senior").unwrap();
        s.edit_level(f, senior.id, LevelChange::Grade(Some(8))).unwrap();
        s.edit_level(f, senior.id, LevelChange::Rename("Lead Tester".into())).unwrap();
        let lead = s.level(senior.id).unwrap();
        assert_eq!((lead.title.as_str(), lead.grade), ("Lead Tester", Some(8)), "{name}");
        // Undo the order edits: each brings back the order before it.
        let moved = s.pipeline_edits(f).unwrap()[1].id;
        let err = s.revert_pipeline_edit(s.pipeline_edits(f).unwrap()[0].id).unwrap_err();
        assert!(matches!(err, StoreError::Conflict(_)), "{name}: the order changed since the add");
        s.revert_pipeline_edit(moved).unwrap();
        assert_eq!(labels(&s, f), ["Screening", "Panel", "Take-home", "Offer"], "{name}");
    }
}

#[test]
fn removing_a_stage_with_open_applications_is_refused_with_how_many() {
    for (name, mut s, f) in with_role(&["Screening", "Panel"]) {
        let level = s.level_by_name(f, "Junior").unwrap().id;
        for who in ["Ana Ruiz", "Bo Lee"] {
            let added = s.add_candidate(&NewCandidate {
                name: who.into(),
                email: Some(format!("{}@example.com", who.replace(' ', "."))),
                ..Default::default()
            });
            let c = match added {
                Err(e) if e.to_string().contains("not available on a PostgreSQL") => {
                    eprintln!("{name}: skipped (candidates are not on this backend yet)");
                    return;
                }
                other => other.unwrap(),
            };
            s.apply(c, level).unwrap();
        }
        let screening = stage(&s, f, "Screening");
        let err = s.remove_stage(f, screening).unwrap_err();
        assert_eq!(
            err.to_string(),
            "stage 'Screening' cannot be removed: 2 open applications sit there; move or close them first",
            "{name}"
        );
        assert_eq!(labels(&s, f), ["Screening", "Panel", "Offer"], "{name}: nothing changed");
        let panel = stage(&s, f, "Panel");
        s.remove_stage(f, panel).unwrap();
        assert_eq!(labels(&s, f), ["Screening", "Offer"], "{name}");
        let undo = s.pipeline_edits(f).unwrap().last().unwrap().id;
        s.revert_pipeline_edit(undo).unwrap();
        assert_eq!(labels(&s, f), ["Screening", "Panel", "Offer"], "{name}: undone");
        assert!(s.remove_stage(f, stage(&s, f, "Offer")).is_err(), "{name}: the Offer stays");
    }
}

fn draft_with(labels: &[&str], edit: impl FnOnce(&mut FamilyDraft)) -> FamilyDraft {
    let mut d = sample_family(labels);
    edit(&mut d);
    d
}

#[test]
fn edits_survive_a_reimport_and_conflicts_are_named() {
    for (name, mut s, f) in with_role(&["Screening", "Panel", "CFO"]) {
        s.edit_stage(f, stage(&s, f, "Screening"), StageChange::Rename("Phone screen".into())).unwrap();
        s.add_stage(f, "Take-home", Some(stage(&s, f, "Panel"))).unwrap();
        s.remove_stage(f, stage(&s, f, "CFO")).unwrap();
        let edited = labels(&s, f);
        assert_eq!(edited, ["Phone screen", "Take-home", "Panel", "Offer"], "{name}");
        // The same page again (same hash): nothing is written.
        let mark = s.latest_notice_id().unwrap();
        let (_, outcome) =
            s.import_family("page.md", "h1", &sample_family(&["Screening", "Panel", "CFO"])).unwrap();
        assert_eq!(outcome, ImportOutcome::Unchanged, "{name}");
        // The same content under another hash: written again, and every edit stays.
        let (_, outcome) =
            s.import_family("page.md", "h2", &sample_family(&["Screening", "Panel", "CFO"])).unwrap();
        assert_eq!(outcome, ImportOutcome::Updated, "{name}");
        assert_eq!(labels(&s, f), edited, "{name}: the edits stay");
        assert!(s.notices_after(mark).unwrap().is_empty(), "{name}: nothing a recruiter sees changed");
        // The page renames the stage the recruiter renamed, and widens Panel: the edit
        // stays and the conflict is named; the page's other change is taken.
        let page = draft_with(&["Intro call", "Panel", "CFO"], |d| d.stages[1].max_interviews = 2);
        s.import_family("page.md", "h3", &page).unwrap();
        assert_eq!(labels(&s, f), edited, "{name}: the rename stays");
        let panel = s.stage(stage(&s, f, "Panel")).unwrap();
        assert_eq!(panel.max_interviews, 2, "{name}: what was not edited follows the page");
        let notices = s.notices_after(mark).unwrap();
        assert_eq!(notices.len(), 1, "{name}: {notices:?}");
        assert_eq!(
            notices[0].conflicts,
            [
                "stage 'Phone screen': the page now says label 'Intro call' (it said 'Screening'); your edit 'Phone screen' stays"
            ],
            "{name}"
        );
        assert!(notices[0].changes.iter().any(|l| l.contains("Panel (1-2)")), "{name}: {notices:?}");
        // A new page stage lands after the stage it follows on the page.
        let page = draft_with(&["Intro call", "Panel", "Culture", "CFO"], |d| d.stages[1].max_interviews = 2);
        s.import_family("page.md", "h4", &page).unwrap();
        assert_eq!(labels(&s, f), ["Phone screen", "Take-home", "Panel", "Culture", "Offer"], "{name}");
    }
}

#[test]
fn a_reworded_requirement_is_a_notice_until_acknowledged() {
    for (name, mut s, f) in with_role(&["Screening"]) {
        assert!(s.pending_notices(None).unwrap().is_empty(), "{name}");
        let page = draft_with(&["Screening"], |d| d.levels[1].requirements[1] = "Explain things well".into());
        s.import_family("page.md", "h2", &page).unwrap();
        let pending = s.pending_notices(Some(f)).unwrap();
        assert_eq!(pending.len(), 1, "{name}");
        assert_eq!(
            pending[0].changes,
            ["level 'Senior Tester', requirements:", "  - Explain things", "  + Explain things well"],
            "{name}"
        );
        assert_eq!(s.acknowledge_notices(f).unwrap(), 1, "{name}");
        assert!(s.pending_notices(None).unwrap().is_empty(), "{name}: acknowledged");
        let all = s.notices_after(0).unwrap();
        assert_eq!(all[0].acknowledged_by.as_deref(), Some(s.actor()), "{name}: who acknowledged is kept");
    }
}

#[test]
fn a_notice_survives_a_restart() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("r.db");
    let mut s = Store::open(&path).unwrap();
    let (f, _) = s.import_family("page.md", "h1", &sample_family(&["Screening"])).unwrap();
    let page = draft_with(&["Screening"], |d| d.levels[0].requirements[0] = "Know more things".into());
    s.import_family("page.md", "h2", &page).unwrap();
    drop(s);
    let s = Store::open(&path).unwrap();
    assert_eq!(s.pending_notices(Some(f)).unwrap().len(), 1);
}

#[test]
fn the_new_logs_are_append_only() {
    for (name, s) in both::stores() {
        s.debug_execute(
            "INSERT INTO families (id, slug, title, source, content_hash, position, imported_at)
             VALUES (1, 'r', 'R', 'r.md', 'h', 0, '2026-03-01T09:00:00.000000Z')",
        )
        .unwrap();
        for insert in [
            "INSERT INTO pipeline_edits (id, at, actor, family_id, kind, old_value, new_value)
             VALUES (1, '2026-03-01T09:00:00.000000Z', 'a', 1, 'stage_rename', 'A', 'B')",
            "INSERT INTO handbook_notices (id, family_id, at, changes) VALUES (1, 1, '2026-03-01T09:00:00.000000Z', 'x')",
            "INSERT INTO handbook_acks (id, notice_id, at, actor) VALUES (1, 1, '2026-03-01T09:00:00.000000Z', 'a')",
        ] {
            s.debug_execute(insert).unwrap();
        }
        for (table, column) in
            [("pipeline_edits", "actor"), ("handbook_notices", "changes"), ("handbook_acks", "actor")]
        {
            let update = s.debug_execute(&format!("UPDATE {table} SET {column} = 'z'")).unwrap_err();
            assert!(update.to_string().contains("append-only"), "{name}: {table}: {update}");
            let delete = s.debug_execute(&format!("DELETE FROM {table}")).unwrap_err();
            assert!(delete.to_string().contains("append-only"), "{name}: {table}: {delete}");
        }
    }
}
