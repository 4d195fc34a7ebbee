//! The pipeline editor in the TUI (issue 18 item 3): `v` on the roles screen opens it; a
//! rename, its undo and redo go through the store's editor and the board's column
//! follows; add, move, range, alternatives, interviewers and remove from keys; a
//! re-import that rewords a requirement shows a notice (header, roles screen, editor)
//! until acknowledged there.

mod common;

use common::sample_family;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use rolecall::domain::FamilyId;
use rolecall::store::Store;
use rolecall::tui::action::Action;
use rolecall::tui::app::{App, Screen, store_mut};
use rolecall::tui::keymap::Keymap;
use rolecall::tui::overlays::Overlay;
use rolecall::tui::views::render;

fn key(c: char) -> KeyEvent {
    KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
}

fn code(k: KeyCode) -> KeyEvent {
    KeyEvent::new(k, KeyModifiers::NONE)
}

fn typed(app: &mut App, text: &str) {
    for c in text.chars() {
        app.handle_key(key(c));
    }
}

fn app_with_role() -> (App, FamilyId) {
    let mut s = common::store();
    let (f, _) = s.import_family("page.md", "h1", &sample_family(&["Screening", "Panel"])).unwrap();
    (App::new(s, Keymap::defaults()).unwrap(), f)
}

fn labels(s: &Store, f: FamilyId) -> Vec<String> {
    s.stages(f).unwrap().into_iter().map(|s| s.label).collect()
}

fn columns(app: &App) -> Vec<String> {
    app.board.stages.iter().map(|s| s.label.clone()).collect()
}

fn screen(app: &mut App, w: u16, h: u16) -> String {
    let mut t = Terminal::new(TestBackend::new(w, h)).unwrap();
    app.resize(w, h);
    t.draw(|f| render(app, f)).unwrap();
    let buf = t.backend().buffer().clone();
    (0..h).map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect::<String>() + "\n").collect()
}

fn open_editor(app: &mut App) {
    app.update(Action::RolesScreen);
    assert!(matches!(app.screen, Screen::Roles { .. }));
    app.handle_key(key('v'));
    assert!(matches!(app.overlay, Some(Overlay::Pipeline(_))), "v on the roles screen opens the editor");
}

#[test]
fn a_rename_is_undone_and_redone_and_the_board_follows() {
    let (mut app, f) = app_with_role();
    open_editor(&mut app);
    app.handle_key(key('r'));
    typed(&mut app, "Phone screen");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(labels(app.store(), f), ["Phone screen", "Panel", "Offer"]);
    assert_eq!(columns(&app), ["Phone screen", "Panel", "Offer"], "the board's column follows");
    assert!(app.status.text.contains("renamed stage 'Screening' to 'Phone screen'"), "{:?}", app.status);
    let shown = screen(&mut app, 120, 40);
    assert!(shown.contains(" 1. Phone screen"), "{shown}");
    app.handle_key(key('u'));
    assert_eq!(columns(&app), ["Screening", "Panel", "Offer"], "undone");
    app.handle_key(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::CONTROL));
    assert_eq!(columns(&app), ["Phone screen", "Panel", "Offer"], "redone");
    assert_eq!(app.store().pipeline_edits(f).unwrap().len(), 3, "each step is in the role's history");
    app.handle_key(code(KeyCode::Esc));
    assert!(app.overlay.is_none(), "Esc closes the editor");
}

#[test]
fn stages_are_added_moved_ranged_named_and_removed_from_keys() {
    let (mut app, f) = app_with_role();
    open_editor(&mut app);
    app.handle_key(key('j'));
    app.handle_key(key('a'));
    typed(&mut app, "Take-home");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(labels(app.store(), f), ["Screening", "Take-home", "Panel", "Offer"], "added before Panel");
    app.handle_key(key('K'));
    assert_eq!(labels(app.store(), f), ["Take-home", "Screening", "Panel", "Offer"], "moved earlier");
    app.handle_key(key('K'));
    let Some(Overlay::Pipeline(ed)) = &app.overlay else { panic!("editor open") };
    assert!(ed.error.as_deref().unwrap_or("").contains("already first"), "{:?}", ed.error);
    app.handle_key(key('n'));
    app.handle_key(code(KeyCode::Backspace));
    typed(&mut app, "2-3");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('o'));
    typed(&mut app, "Case study, Live coding");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('i'));
    typed(&mut app, "Ana");
    app.handle_key(code(KeyCode::Enter));
    let take = app.store().stage_by_name(f, "Take-home").unwrap();
    assert_eq!((take.min_interviews, take.max_interviews), (2, 3));
    assert_eq!(take.alternatives, ["Case study", "Live coding"]);
    assert_eq!(take.interviewers, ["Ana"]);
    let shown = screen(&mut app, 80, 24);
    assert!(shown.contains("Take-home  · 2-3 interviews  · or Case study, Live coding"), "{shown}");
    app.handle_key(key('n'));
    typed(&mut app, "x");
    app.handle_key(code(KeyCode::Enter));
    let Some(Overlay::Pipeline(ed)) = &app.overlay else { panic!("editor open") };
    assert!(ed.input.is_some() && ed.error.as_deref().unwrap_or("").contains("not an interview range"));
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('d'));
    assert_eq!(labels(app.store(), f), ["Screening", "Panel", "Offer"], "removed");
    app.handle_key(key('j'));
    app.handle_key(key('j'));
    app.handle_key(key('d'));
    assert_eq!(labels(app.store(), f), ["Screening", "Panel", "Offer"], "the Offer stays");
    assert!(app.status.error, "a refusal is shown: {:?}", app.status);
}

#[test]
fn a_reworded_requirement_shows_a_notice_until_acknowledged() {
    let (mut app, f) = app_with_role();
    let mut page = sample_family(&["Screening", "Panel"]);
    page.levels[1].requirements[0] = "Know many things".into();
    store_mut(&mut app).import_family("page.md", "h2", &page).unwrap();
    app.update(Action::Refresh);
    let board = screen(&mut app, 120, 40);
    assert!(board.contains("[handbook changed: v v]"), "{board}");
    let narrow = screen(&mut app, 80, 24);
    assert!(narrow.contains("[handbook changed: v v]"), "the notice fits at 80 columns:\n{narrow}");
    app.update(Action::RolesScreen);
    let roles = screen(&mut app, 120, 40);
    assert!(roles.contains("Handbook changed"), "{roles}");
    app.handle_key(key('v'));
    let editor = screen(&mut app, 120, 40);
    assert!(editor.contains("+ Know many things") && editor.contains("- Know things"), "{editor}");
    app.handle_key(key('A'));
    assert!(app.store().pending_notices(Some(f)).unwrap().is_empty(), "acknowledged");
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(code(KeyCode::Esc));
    let board = screen(&mut app, 120, 40);
    assert!(!board.contains("handbook changed"), "{board}");
}

#[test]
fn a_page_split_by_track_shows_each_pipeline_on_the_roles_screen_and_the_board() {
    let mut s = common::store();
    rolecall::import::load::import_bundled(&mut s).unwrap();
    let page = include_str!("pages/unseen/d4-support-management.md");
    let opts = rolecall::import::load::ImportOptions::default();
    rolecall::import::load::import_text(&mut s, "d4.md", "d4.md", page, opts).unwrap();
    let mut app = App::new(s, Keymap::defaults()).unwrap();
    let last = app.families.len() - 1;
    app.select_role(last);
    let cols = columns(&app);
    assert!(cols.contains(&"CEO · Director of Support".to_string()), "{cols:?}");
    assert_eq!(cols.last().map(String::as_str), Some("Offer"));
    app.update(Action::RolesScreen);
    let roles = screen(&mut app, 120, 40);
    assert!(roles.contains("Track \"Director of Support\" (for Director of Support)"), "{roles}");
    assert!(roles.contains("6. Offer (the role's)"), "{roles}");
    app.handle_key(code(KeyCode::Esc));
    screen(&mut app, 80, 24);
    app.update(Action::RolesScreen);
    let small = screen(&mut app, 80, 24);
    assert!(small.contains("▶ Support Management"), "the roles screen opens at the role on screen: {small}");
    app.handle_key(key('v'));
    let editor = screen(&mut app, 80, 24);
    assert!(
        editor.contains("Track \"Director of Support\" (for Director of Support): Screening →"),
        "{editor}"
    );
    assert!(editor.contains("5. Offer  (stays last; hires happen here)"), "{editor}");
    assert!(editor.contains("esc close"), "{editor}");
}

#[test]
fn levels_are_renamed_and_regraded_in_the_editor_and_undone() {
    let (mut app, f) = app_with_role();
    open_editor(&mut app);
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('r'));
    typed(&mut app, "Associate Tester");
    app.handle_key(code(KeyCode::Enter));
    app.handle_key(key('j'));
    app.handle_key(key('g'));
    app.handle_key(code(KeyCode::Backspace));
    typed(&mut app, "8");
    app.handle_key(code(KeyCode::Enter));
    let titles: Vec<(String, Option<u32>)> =
        app.store().levels(f).unwrap().into_iter().map(|l| (l.title, l.grade)).collect();
    assert_eq!(titles, [("Associate Tester".into(), Some(5)), ("Senior Tester".into(), Some(8))]);
    let shown = screen(&mut app, 80, 24);
    assert!(
        shown.contains("Senior Tester (grade 8)") && shown.contains("Levels (tab: back to the stages)"),
        "{shown}"
    );
    app.handle_key(key('g'));
    typed(&mut app, "x");
    app.handle_key(code(KeyCode::Enter));
    let Some(Overlay::Pipeline(ed)) = &app.overlay else { panic!("editor open") };
    assert!(ed.error.as_deref().unwrap_or("").contains("not a grade"), "{:?}", ed.error);
    app.handle_key(code(KeyCode::Esc));
    app.handle_key(key('u'));
    assert_eq!(app.store().level_by_name(f, "Senior Tester").unwrap().grade, Some(7), "undone");
    app.handle_key(code(KeyCode::Tab));
    app.handle_key(key('r'));
    typed(&mut app, "Intro");
    app.handle_key(code(KeyCode::Enter));
    assert_eq!(labels(app.store(), f)[0], "Intro", "tab gives the keys back to the stages");
}
