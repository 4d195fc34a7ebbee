//! Writes that belong together are one transaction: when a later step fails, nothing of
//! the earlier steps is left behind, on SQLite and on PostgreSQL. Failures are injected
//! with triggers on the test's own database (`common::faults`).

#[macro_use]
mod common;

use common::backends::Target;
use common::faults::Fault;
use common::tui::{code, key, seed, type_text};
use ratatui::crossterm::event::KeyCode;
use rolecall::domain::ItemKind;
use rolecall::import::load::{ImportOptions, import_bundled, import_file_into};
use rolecall::store::{NewCandidate, Store};
use rolecall::tui::app::App;
use rolecall::tui::keymap::Keymap;

/// Any new application fails, as a full disk or an I/O error would.
const REFUSE_APPLICATIONS: Fault = Fault {
    name: "refuse_applications",
    table: "applications",
    event: "INSERT",
    when: None,
    message: "no application can be written (test)",
};

fn people(store: &Store) -> i64 {
    store.candidates_total().expect("count")
}

fn add_candidate_and_apply_adds_nobody_when_the_apply_fails(target: &Target) {
    let mut store = seed(target.store(), &[]);
    let family = store.families().unwrap()[0].id;
    let level = store.level_by_name(family, "senior").unwrap().id;
    let ana =
        NewCandidate { name: "Ana Ruiz".into(), email: Some("ana@example.com".into()), ..Default::default() };
    REFUSE_APPLICATIONS.install(&store, target.backend());
    assert!(store.add_candidate_and_apply(&ana, level).is_err());
    assert_eq!(people(&store), 0, "the person was added although the apply failed");
    assert!(store.find_duplicates("Ana Ruiz", Some("ana@example.com")).unwrap().is_empty());
    // A refusal by the store's own checks (a bad email) adds nobody either.
    REFUSE_APPLICATIONS.remove(&store, target.backend());
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

fn the_add_dialog_leaves_nobody_behind_when_the_apply_fails(target: &Target) {
    let mut app = App::new(seed(target.store(), &[]), Keymap::defaults()).expect("app");
    REFUSE_APPLICATIONS.install(app.store(), target.backend());
    app.handle_key(key('a'));
    type_text(&mut app, "Ana Ruiz");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(people(app.store()), 0, "the person was added although the apply failed");
    assert!(app.board.selected().is_none());
    // The dialog keeps what was typed; once applying works, Enter adds her, once, with
    // no "already exists" question about a half-added copy.
    REFUSE_APPLICATIONS.remove(app.store(), target.backend());
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(people(app.store()), 1);
    assert_eq!(app.board.selected().map(|c| c.name.as_str()), Some("Ana Ruiz"));
}

fn import_into_leaves_the_role_as_it_was_when_the_update_fails_half_way(target: &Target) {
    let slug = "it-program-management-office";
    let old = "Models skills and behavior aligned with GitLab Values.";
    let new = "Lives the GitLab Values every day.";
    let dir = tempfile::tempdir().unwrap();
    let page =
        std::fs::read_to_string(format!("{}/assets/roles/{slug}.md", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let path = dir.path().join("newer.md");
    std::fs::write(&path, page.replace(old, new)).unwrap();

    let mut store = target.store();
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
    let half_way = Fault {
        name: "fail_half_way",
        table: "level_items",
        event: "INSERT",
        when: None,
        message: "disk I/O error (test)",
    };
    let source = format!("NEW.source = '{}'", family.source);
    let no_clean_up = Fault {
        name: "no_clean_up",
        table: "families",
        event: "UPDATE OF source",
        when: Some(&source),
        message: "no clean-up write (test)",
    };
    half_way.install(&store, target.backend());
    no_clean_up.install(&store, target.backend());
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
    half_way.remove(&store, target.backend());
    no_clean_up.remove(&store, target.backend());
    import_file_into(&mut store, &path, &family, opts).unwrap();
    let updated = store.family_by_slug(slug).unwrap();
    assert_eq!(updated.source, std::fs::canonicalize(&path).unwrap().display().to_string());
    assert!(requirements(&store).iter().any(|r| r == new));
}

both_backends!(import_into_leaves_the_role_as_it_was_when_the_update_fails_half_way);

both_backends!(
    add_candidate_and_apply_adds_nobody_when_the_apply_fails,
    the_add_dialog_leaves_nobody_behind_when_the_apply_fails,
);
