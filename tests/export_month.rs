//! A scripted month under a controlled clock: every day's as-of snapshot, rebuilt from
//! the log after the month is over, equals what was live that day, in every format;
//! the month-end exports match the golden files (`UPDATE_GOLDEN=1` rewrites them).

mod month;

use chrono::NaiveDate;
use month::{SteppingClock, march, play};
use rolecall::domain::snapshot::{Snapshot, SnapshotDiff, end_of_day};
use rolecall::domain::{AppStatus, ApplicationId};
use rolecall::export::{ExportOptions, Format, write_diff, write_snapshot};
use rolecall::store::Store;
use std::path::{Path, PathBuf};

fn month_store() -> Store {
    let clock = SteppingClock::new(march(1, 8));
    let mut store =
        Store::open_in_memory().expect("store").with_clock(Box::new(clock.clone())).with_actor("tester");
    play(&mut store, clock, |_, _| {});
    store
}

fn render(snap: &Snapshot, format: Format) -> Vec<u8> {
    let mut out = Vec::new();
    write_snapshot(format, snap, ExportOptions::default(), &mut out).expect("render");
    out
}

fn render_all(snap: &Snapshot) -> Vec<Vec<u8>> {
    Format::ALL.iter().map(|f| render(snap, *f)).collect()
}

fn all_application_ids(store: &Store) -> Vec<ApplicationId> {
    let mut ids = Vec::new();
    for f in store.families().expect("families") {
        ids.extend(store.board(f.id, true).expect("board").iter().map(|c| c.id));
    }
    ids.sort();
    ids
}

/// The snapshot holds exactly the live applications, in the live state.
fn assert_matches_live(store: &Store, snap: &Snapshot) {
    let ids = all_application_ids(store);
    assert_eq!(snap.application_count(), ids.len());
    for id in ids {
        let live = store.application(id).expect("live");
        let (role, got) = snap.find(id).expect("application in snapshot");
        assert_eq!(role.slug, live.family_slug);
        assert_eq!(got.stage_id, live.stage_id, "{}", live.candidate_name);
        assert_eq!(got.status, live.status, "{}", live.candidate_name);
        assert_eq!(got.reject_reason, live.reject_reason);
        assert_eq!(got.level_title, live.level_title);
        assert_eq!(Some(got.stage_entered_at), live.stage_entered_at);
    }
}

#[test]
fn as_of_each_day_equals_what_was_live_that_day_in_every_format() {
    let clock = SteppingClock::new(march(1, 8));
    let mut store =
        Store::open_in_memory().expect("store").with_clock(Box::new(clock.clone())).with_actor("tester");
    let mut expected: Vec<(NaiveDate, Vec<Vec<u8>>)> = Vec::new();
    play(&mut store, clock, |s, day| {
        let snap = s.snapshot(end_of_day(day), None).expect("snapshot");
        assert_matches_live(s, &snap);
        expected.push((day, render_all(&snap)));
    });
    assert_eq!(expected.len(), 31);
    for (day, bytes) in &expected {
        let snap = store.snapshot(end_of_day(*day), None).expect("snapshot");
        for (i, format) in Format::ALL.iter().enumerate() {
            assert!(
                render(&snap, *format) == bytes[i],
                "{day} as {} differs from what was live that day",
                format.as_str()
            );
        }
    }
}

#[test]
fn month_end_snapshot_counts() {
    let store = month_store();
    let snap = store.snapshot(end_of_day(march(31, 0).date_naive()), None).expect("snapshot");
    let test = &snap.roles[0];
    assert_eq!(test.slug, "test-family");
    let totals = test.totals();
    assert_eq!(totals.get(AppStatus::Hired), 1);
    assert_eq!(totals.get(AppStatus::Withdrawn), 1);
    assert_eq!(totals.get(AppStatus::Rejected), 2);
    // Chen's undone move to Panel does not count as reaching Panel.
    let reached: Vec<u32> = test.stages.iter().map(|s| s.reached).collect();
    assert_eq!(reached, [8, 5, 3, 1]);
    // Mid-month, Ana was at CFO: later moves do not leak into the past.
    let mid = store.snapshot(end_of_day(march(10, 0).date_naive()), None).expect("snapshot");
    let ana = mid.roles[0].applications.iter().find(|a| a.candidate_name == "Ana Ruiz").expect("Ana");
    assert_eq!(ana.stage_label, "CFO");
    assert_eq!(ana.days_in_stage, 1);
}

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export")
}

/// Compare with a golden file, or rewrite it when `UPDATE_GOLDEN` is set.
pub fn check_golden(name: &str, actual: &[u8]) {
    let path = golden_dir().join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(golden_dir()).expect("golden dir");
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected =
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}; run with UPDATE_GOLDEN=1", path.display()));
    assert!(
        expected == actual,
        "{} differs from the export; run with UPDATE_GOLDEN=1 to accept:\n{}",
        path.display(),
        String::from_utf8_lossy(actual)
    );
}

#[test]
fn month_end_exports_match_the_golden_files() {
    let store = month_store();
    let mut snap = store.snapshot(end_of_day(march(31, 0).date_naive()), None).expect("snapshot");
    let before = store.snapshot(end_of_day(march(10, 0).date_naive()), None).expect("snapshot");
    let diff = SnapshotDiff::between(&before, &snap);
    // The page's scorecard grids, as `rolecall export` adds them (issue 16).
    store.add_scorecards(&mut snap, rolecall::export::SCORECARDS_PER_ROLE).expect("scorecards");
    for format in Format::ALL {
        let ext = format.as_str();
        check_golden(&format!("snapshot.{ext}"), &render(&snap, format));
        let mut out = Vec::new();
        write_diff(format, &diff, ExportOptions::default(), &mut out).expect("diff");
        check_golden(&format!("diff.{ext}"), &out);
    }
}

#[test]
fn hostile_names_stay_text() {
    let store = month_store();
    let snap = store.snapshot(end_of_day(march(31, 0).date_naive()), None).expect("snapshot");
    // CSV: formula-like cells are prefixed so spreadsheets keep them as text.
    let csv = render(&snap, Format::Csv);
    let mut reader = csv::Reader::from_reader(csv.as_slice());
    let names: Vec<String> = reader.records().map(|r| r.expect("row")[5].to_string()).collect();
    assert!(names.contains(&"'=HYPERLINK(\"http://example.invalid\",\"x\")".to_string()));
    assert!(names.contains(&"'-Minus Start".to_string()));
    assert!(names.iter().all(|n| !n.starts_with(['=', '+', '-', '@'])));
    // HTML: the script tag is text, and nothing can load or run.
    let html = String::from_utf8(render(&snap, Format::Html)).expect("utf-8");
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    let lower = html.to_lowercase();
    for forbidden in ["<script", "src=", "href=\"http", "<link", "@import", "url(", "<iframe"] {
        assert!(!lower.contains(forbidden), "HTML contains {forbidden}");
    }
    assert!(html.contains("default-src 'none'"));
    // Markdown: a pipe in a name or stage label cannot split a cell.
    let md = String::from_utf8(render(&snap, Format::Markdown)).expect("utf-8");
    assert!(md.contains("Pipe \\| Star \\*Bold\\*"));
    assert!(md.contains("Tech \\| deep dive"));
    assert!(md.contains("\\<script\\>"));
    // JSON: the name round-trips exactly.
    let json: serde_json::Value = serde_json::from_slice(&render(&snap, Format::Json)).expect("json");
    assert_eq!(json["schema_version"], 1);
    let all: Vec<&str> = json["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .flat_map(|r| r["applications"].as_array().expect("apps").iter())
        .filter_map(|a| a["candidate"].as_str())
        .collect();
    assert!(all.contains(&"<script>alert(1)</script>"));
}
