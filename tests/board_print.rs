//! `rolecall board --print` reads its lines with a query of its own (`Store::board_lines`):
//! it prints exactly the cards of the board (`Store::board`), stage by stage, as the TUI's
//! columns show them (active, then on hold, then closed), open ones or every one with `--closed`.

use chrono::{TimeZone, Utc};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::{AppStatus, FixedClock};
use rolecall::import::load::import_bundled;
use rolecall::store::Store;
use std::path::Path;
use std::process::Command;

const NOW: &str = "2026-11-01T12:00:00Z";

/// The text `board --print` should print, from the board's full cards.
fn expected(store: &Store, slug: &str, closed: bool) -> String {
    let family = store.family_by_slug(slug).expect("role");
    let cards = store.board(family.id, closed).expect("board");
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    let mut text = format!("{} [{}]\n", family.title, family.slug);
    for stage in store.board_stages(family.id).expect("stages") {
        let mut mine: Vec<_> = cards.iter().filter(|c| c.stage_id == stage.id).collect();
        // As the TUI's column: active, then on hold, then closed.
        mine.sort_by_key(|c| match c.status {
            AppStatus::Active => 0,
            AppStatus::OnHold => 1,
            _ => 2,
        });
        text.push_str(&format!("== {} ({})\n", stage.label, mine.len()));
        for c in mine {
            let days = c.stage_entered_at.map(|t| (now - t).num_days().max(0)).unwrap_or(0);
            text.push_str(&format!("  #{} {} · {} · {}d · {}\n", c.id, c.name, c.level, days, c.status));
        }
    }
    text
}

fn printed(db: &Path, slug: &str, closed: bool) -> String {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_rolecall"));
    cmd.arg("--db").arg(db).args(["board", "--print", "--role", slug]).env("ROLECALL_NOW", NOW);
    cmd.env("ROLECALL_ACTOR", "tester").env_remove("ROLECALL_DB").env("NO_COLOR", "1");
    if closed {
        cmd.arg("--closed");
    }
    let out = cmd.output().expect("run");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn board_print_shows_the_cards_of_the_board_in_board_order() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("board.db");
    let now = Utc.with_ymd_and_hms(2026, 11, 1, 12, 0, 0).unwrap();
    let mut store = Store::open(&db).expect("open").with_clock(Box::new(FixedClock(now)));
    import_bundled(&mut store).expect("bundled roles");
    fill(&mut store, DemoOptions { candidates: 400, seed: 3 }).expect("demo");
    for family in store.families().expect("roles") {
        for closed in [false, true] {
            let want = expected(&store, &family.slug, closed);
            assert!(want.lines().count() > 20, "a board worth printing: {want}");
            assert_eq!(printed(&db, &family.slug, closed), want, "{} closed={closed}", family.slug);
        }
    }
}
