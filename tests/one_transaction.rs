//! Writes that belong together are one transaction: when a later step fails, nothing of
//! the earlier steps is left behind. Failures are injected with temporary SQLite
//! triggers on the test's own in-memory connection.

mod common;

use common::tui::{app_with, code, key, type_text};
use ratatui::crossterm::event::KeyCode;
use rolecall::domain::ItemKind;
use rolecall::import::load::{ImportOptions, import_bundled, import_file_into};
use rolecall::store::{NewCandidate, Store};

/// Any new application fails, as a full disk or an I/O error would.
const REFUSE_APPLICATIONS: &str = "CREATE TEMP TRIGGER refuse_applications BEFORE INSERT ON applications
     BEGIN SELECT RAISE(ABORT, 'no application can be written (test)'); END";

fn people(store: &Store) -> i64 {
    store.candidates_total().expect("count")
}

#[test]
fn add_candidate_and_apply_adds_nobody_when_the_apply_fails() {
    let mut store = common::tui::seeded_store(&[]);
    let family = store.families().unwrap()[0].id;
    let level = store.level_by_name(family, "senior").unwrap().id;
    let ana =
        NewCandidate { name: "Ana Ruiz".into(), email: Some("ana@example.com".into()), ..Default::default() };
    store.debug_execute(REFUSE_APPLICATIONS).unwrap();
    assert!(store.add_candidate_and_apply(&ana, level).is_err());
    assert_eq!(people(&store), 0, "the person was added although the apply failed");
    assert!(store.find_duplicates("Ana Ruiz", Some("ana@example.com")).unwrap().is_empty());
    // A refusal by the store's own checks (a bad email) adds nobody either.
    store.debug_execute("DROP TRIGGER temp.refuse_applications").unwrap();
    let bad = NewCandidate { email: Some("not an email".into()), ..ana.clone() };
    assert!(store.add_candidate_and_apply(&bad, level).is_err());
    assert_eq!(people(&store), 0);
    // Once applying works, one call adds the person and their application.
    let t = store.add_candidate_and_apply(&ana, level).unwrap();
    assert_eq!(people(&store), 1);
    assert_eq!(t.application.candidate_name, "Ana Ruiz");
    assert_eq!(t.application.stage_label, "Screening");
    assert_eq!(store.history(t.application.id).unwrap().len(), 1, "one Applied event");
}

#[test]
fn the_add_dialog_leaves_nobody_behind_when_the_apply_fails() {
    let mut app = app_with(&[]);
    app.store().debug_execute(REFUSE_APPLICATIONS).unwrap();
    app.handle_key(key('a'));
    type_text(&mut app, "Ana Ruiz");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(people(app.store()), 0, "the person was added although the apply failed");
    assert!(app.board.selected().is_none());
    // The dialog keeps what was typed; once applying works, Enter adds her, once, with
    // no "already exists" question about a half-added copy.
    app.store().debug_execute("DROP TRIGGER temp.refuse_applications").unwrap();
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(people(app.store()), 1);
    assert_eq!(app.board.selected().map(|c| c.name.as_str()), Some("Ana Ruiz"));
}

#[test]
fn import_into_leaves_the_role_as_it_was_when_the_update_fails_half_way() {
    let slug = "it-program-management-office";
    let old = "Models skills and behavior aligned with GitLab Values.";
    let new = "Lives the GitLab Values every day.";
    let dir = tempfile::tempdir().unwrap();
    let page =
        std::fs::read_to_string(format!("{}/assets/roles/{slug}.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let path = dir.path().join("newer.md");
    std::fs::write(&path, page.replace(old, new)).unwrap();

    let mut store = common::store();
    import_bundled(&mut store).unwrap();
    let family = store.family_by_slug(slug).unwrap();
    let requirements = |s: &Store| -> Vec<String> {
        let levels = s.levels(family.id).unwrap();
        levels.iter().flat_map(|l| s.level_items(l.id, ItemKind::Requirement).unwrap()).collect()
    };
    let before = requirements(&store);
    assert!(before.iter().any(|r| r == old));
    // The update fails half-way: after the role's page and row are rewritten, while its
    // levels are. The second trigger stands for a failing clean-up write: with two
    // transactions, setting the old page back is what fails next.
    store
        .debug_execute(
            "CREATE TEMP TRIGGER fail_half_way BEFORE INSERT ON level_items
             BEGIN SELECT RAISE(ABORT, 'disk I/O error (test)'); END",
        )
        .unwrap();
    store
        .debug_execute(&format!(
            "CREATE TEMP TRIGGER no_clean_up BEFORE UPDATE OF source ON families WHEN NEW.source = '{}'
             BEGIN SELECT RAISE(ABORT, 'no clean-up write (test)'); END",
            family.source
        ))
        .unwrap();
    let opts = ImportOptions::default();
    assert!(import_file_into(&mut store, &path, &family, opts).is_err());
    let after = store.family_by_slug(slug).unwrap();
    assert_eq!(
        after.source, family.source,
        "the role was tied to the new file although nothing was imported"
    );
    assert_eq!(requirements(&store), before);
    assert_eq!(store.families().unwrap().len(), 2, "no new role");

    // Without the failure the same call updates the role and ties it to the file.
    store.debug_execute("DROP TRIGGER temp.fail_half_way").unwrap();
    store.debug_execute("DROP TRIGGER temp.no_clean_up").unwrap();
    import_file_into(&mut store, &path, &family, opts).unwrap();
    let updated = store.family_by_slug(slug).unwrap();
    assert_eq!(updated.source, std::fs::canonicalize(&path).unwrap().display().to_string());
    assert!(requirements(&store).iter().any(|r| r == new));
}
