//! The exports as of an instant stream (issue 20): the log is replayed application by
//! application and the rows come back sorted from disk. Whatever happened (holds,
//! reopenings, level changes, erasures, stage edits, interviews), every format and the
//! diff must be byte for byte what the whole replay held in memory writes.

#[macro_use]
mod common;

use chrono::{DateTime, Duration, TimeZone, Utc};
use rolecall::demo::{DemoOptions, fill};
use rolecall::domain::snapshot::SnapshotDiff;
use rolecall::domain::{AppStatus, Application, ApplicationId};
use rolecall::export::{
    ExportOptions, Format, SCORECARDS_PER_ROLE, write_diff, write_snapshot, write_sorted_diff,
    write_sorted_snapshot,
};
use rolecall::import::load::import_bundled;
use rolecall::store::{StageChange, Store};

fn applications(store: &Store) -> Vec<Application> {
    let people = store.candidates(None, 100_000).expect("candidates");
    people.iter().flat_map(|c| store.applications_of(c.id).expect("applications")).collect()
}

/// A demo pipeline, then by hand what the demo may not do.
fn eventful(store: &mut Store) {
    import_bundled(store).expect("bundled roles");
    fill(store, DemoOptions { candidates: 160, seed: 11 }).expect("demo");
    let apps = applications(store);
    let open: Vec<&Application> = apps.iter().filter(|a| !a.status.is_closed()).collect();
    let closed: Vec<ApplicationId> = apps.iter().filter(|a| a.status.is_closed()).map(|a| a.id).collect();
    // A level change and its undo-free twin, a hold, a reopening.
    for app in open.iter().take(3) {
        let levels = store.levels(app.family_id).expect("levels");
        if let Some(other) = levels.iter().find(|l| l.id != app.level_id) {
            store.change_level(app.id, other.id, None).expect("level change");
        }
    }
    if let Some(app) = open.iter().find(|a| a.status == AppStatus::Active) {
        store.hold(app.id, None, None).expect("hold");
    }
    for app in closed.iter().take(4) {
        // Refused when the person has another open application: that is fine too.
        let _ = store.reopen(*app, None);
    }
    // A stage renamed (history keeps its stage id) and one added.
    let family = open.first().map(|a| a.family_id).expect("an open application");
    let stages = store.stages(family).expect("stages");
    let change = StageChange::Rename(format!("{} (renamed)", stages[1].label));
    store.edit_stage(family, stages[1].id, change).expect("rename a stage");
    store.add_stage(family, "Extra look", Some(stages[2].id)).expect("add a stage");
    // Two people erased.
    let people = store.candidates(None, 10).expect("candidates");
    for person in people.iter().take(2) {
        store.erase_candidate(person.id).expect("erase");
    }
}

fn old(store: &Store, format: Format, at: DateTime<Utc>, opts: ExportOptions) -> Vec<u8> {
    let mut snapshot = store.snapshot(at, None).expect("snapshot");
    if format == Format::Html {
        store.add_scorecards(&mut snapshot, SCORECARDS_PER_ROLE).expect("scorecards");
    }
    let mut out = Vec::new();
    write_snapshot(format, &snapshot, opts, &mut out).expect("write");
    out
}

fn streamed(store: &Store, format: Format, at: DateTime<Utc>, opts: ExportOptions) -> Vec<u8> {
    let sorted = store.sorted_snapshot(at, None).expect("sorted snapshot");
    let mut out = Vec::new();
    write_sorted_snapshot(store, format, sorted, opts, &mut out).expect("write");
    out
}

fn the_streamed_exports_equal_the_whole_replay(store: &mut Store) {
    eventful(store);
    let now = store.now();
    let instants = [
        Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap(),
        now - Duration::days(300),
        now - Duration::days(182),
        now - Duration::days(30),
        now - Duration::days(1),
        now,
    ];
    let html_closed = ExportOptions { closed: true, ..ExportOptions::default() };
    for at in instants {
        for format in Format::ALL {
            let opts = ExportOptions::default();
            let (a, b) = (old(store, format, at, opts), streamed(store, format, at, opts));
            assert!(a == b, "{format:?} as of {at}: the streamed export differs");
        }
        let (a, b) =
            (old(store, Format::Html, at, html_closed), streamed(store, Format::Html, at, html_closed));
        assert!(a == b, "html --closed as of {at}: the streamed export differs");
    }
    for (since, until) in [(instants[0], now), (instants[2], instants[4]), (instants[3], instants[3])] {
        let before = store.snapshot(since, None).expect("before");
        let after = store.snapshot(until, None).expect("after");
        let diff = SnapshotDiff::between(&before, &after);
        for format in Format::ALL {
            let mut a = Vec::new();
            write_diff(format, &diff, ExportOptions::default(), &mut a).expect("diff");
            let sorted = store.sorted_diff(since, until, None).expect("sorted diff");
            let mut b = Vec::new();
            write_sorted_diff(format, sorted, ExportOptions::default(), &mut b).expect("diff");
            assert!(a == b, "{format:?} diff {since} to {until}: the streamed export differs");
        }
    }
}

both_backends!(the_streamed_exports_equal_the_whole_replay);
