//! `rolecall export` and `rolecall stats` through the real binary, on a database filled
//! with the scripted month, on SQLite and on PostgreSQL: the same bytes on both.

#[macro_use]
mod common;
mod month;

use assert_cmd::Command;
use common::backends::Target;
use month::{SteppingClock, march, play};
use std::path::{Path, PathBuf};

/// The binary on one test database holding the scripted month.
struct Env<'a>(&'a Target);

impl<'a> Env<'a> {
    /// Fill `target` with the scripted month.
    fn month(target: &'a Target) -> Env<'a> {
        let clock = SteppingClock::new(march(1, 8));
        let mut store = target.store().with_clock(Box::new(clock.clone()));
        play(&mut store, clock, |_, _| {});
        Env(target)
    }

    fn cmd(&self) -> Command {
        let mut c = self.0.cmd();
        c.env("ROLECALL_NOW", "2026-04-01T08:00:00Z");
        c
    }

    fn stdout(&self, args: &[&str]) -> Vec<u8> {
        let out = self.cmd().args(args).output().expect("run");
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out.stdout
    }

    fn path(&self, name: &str) -> PathBuf {
        self.0.dir().join(name)
    }
}

fn golden(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/export").join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn every_format_on_stdout_matches_the_golden_file(target: &Target) {
    let env = Env::month(target);
    for ext in ["csv", "json", "md", "html"] {
        let out = env.stdout(&["export", "--format", ext, "--as-of", "2026-03-31"]);
        assert!(out == golden(&format!("snapshot.{ext}")), "snapshot.{ext}");
        let diff = env.stdout(&["export", "--format", ext, "--diff", "2026-03-10", "2026-03-31"]);
        assert!(diff == golden(&format!("diff.{ext}")), "diff.{ext}");
    }
}

fn file_output_is_private_atomic_and_format_follows_the_extension(target: &Target) {
    let env = Env::month(target);
    let target = env.path("pipeline.html");
    let out = env.stdout(&["export", "--as-of", "2026-03-31", "-o", target.to_str().expect("utf-8")]);
    assert!(String::from_utf8_lossy(&out).starts_with("wrote html"));
    assert!(std::fs::read(&target).expect("file") == golden("snapshot.html"));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).expect("meta").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let leftovers = std::fs::read_dir(env.0.dir())
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .count();
    assert_eq!(leftovers, 0);
}

fn excel_csv_starts_with_a_bom_and_one_role_can_be_chosen(target: &Target) {
    let env = Env::month(target);
    let out = env.stdout(&[
        "export",
        "--format",
        "csv",
        "--excel",
        "--role",
        "data-platform",
        "--as-of",
        "2026-03-31",
    ]);
    assert!(out.starts_with("\u{feff}as_of_utc,".as_bytes()));
    let text = String::from_utf8(out).expect("utf-8");
    assert_eq!(text.lines().count(), 5, "header and four Data Platform rows");
    assert!(!text.contains("test-family"));
    // Excel makes `2026-03-31 23:59:59` a date-time; it keeps `…T…Z` as text.
    assert!(text.lines().skip(1).all(|l| l.starts_with("2026-03-31 23:59:59,")), "{text}");
}

fn html_lists_open_applications_unless_closed_ones_are_asked_for(target: &Target) {
    let env = Env::month(target);
    let html = |extra: &[&str]| {
        let out = env.stdout(&[&["export", "--format", "html", "--as-of", "2026-03-31"][..], extra].concat());
        String::from_utf8(out).expect("utf-8")
    };
    let (open, all) = (html(&[]), html(&["--closed"]));
    // Ana Ruiz was hired (closed); Chen Wei is still in Screening (open).
    assert!(!open.contains("<td>Ana Ruiz</td>") && open.contains("<td>Chen Wei</td>"));
    assert!(open.contains("closed applications not listed (export with --closed to list them)"), "{open}");
    assert!(all.contains("<td>Ana Ruiz</td>") && all.contains("<td>Chen Wei</td>"));
    assert!(!all.contains("not listed"));
    // The counts cover everyone either way.
    let header = |page: &str| page.lines().find(|l| l.starts_with("<header>")).map(str::to_string);
    assert_eq!(header(&open), header(&all));
    let refused = env.cmd().args(["export", "--format", "csv", "--closed"]).output().expect("run");
    assert_eq!(refused.status.code(), Some(2));
}

fn csv_times_are_utc_date_times_a_spreadsheet_reads_as_dates(target: &Target) {
    let env = Env::month(target);
    for args in [&["--as-of", "2026-03-31"][..], &["--diff", "2026-03-10", "2026-03-31"]] {
        let out = env.stdout(&[&["export", "--format", "csv"][..], args].concat());
        let mut reader = csv::Reader::from_reader(out.as_slice());
        let header = reader.headers().expect("header").clone();
        let time_columns: Vec<usize> = (0..header.len()).filter(|&i| header[i].ends_with("_utc")).collect();
        assert!(time_columns.len() >= 2, "{header:?}");
        assert!(!header.iter().any(|h| h.ends_with("_at") || h == "as_of" || h == "since"), "{header:?}");
        for row in reader.records() {
            let row = row.expect("row");
            for &i in &time_columns {
                // ISO 8601 without a zone suffix, to the second: LibreOffice's default CSV
                // import makes it a date-time (`2026-03-31T23:59:59Z` stays text).
                let cell = &row[i];
                assert!(
                    chrono::NaiveDateTime::parse_from_str(cell, "%Y-%m-%dT%H:%M:%S").is_ok(),
                    "{}: {cell}",
                    &header[i]
                );
            }
        }
    }
}

fn as_of_a_date_is_the_end_of_that_day(target: &Target) {
    let env = Env::month(target);
    let by_date = env.stdout(&["export", "--format", "json", "--as-of", "2026-03-17"]);
    let by_time = env.stdout(&["export", "--format", "json", "--as-of", "2026-03-17T23:59:59.999999Z"]);
    assert_eq!(by_date, by_time);
    let json: serde_json::Value = serde_json::from_slice(&by_date).expect("json");
    // Ana was hired on the 17th: a plain date includes that day's events.
    let ana = json["roles"][0]["applications"]
        .as_array()
        .expect("apps")
        .iter()
        .find(|a| a["candidate"] == "Ana Ruiz")
        .cloned()
        .expect("Ana");
    assert_eq!(ana["status"], "hired");
    assert_eq!(ana["last_recommendation"], "strong-yes");
}

fn bad_arguments_have_distinct_exit_codes(target: &Target) {
    let env = Env::month(target);
    let code = |args: &[&str]| env.cmd().args(args).output().expect("run").status.code();
    assert_eq!(code(&["export", "--format", "csv", "--as-of", "last tuesday"]), Some(2));
    assert_eq!(code(&["export", "--format", "json", "--excel"]), Some(2));
    assert_eq!(code(&["export"]), Some(2));
    assert_eq!(code(&["export", "--format", "csv", "--diff", "2026-03-20", "2026-03-01"]), Some(2));
    assert_eq!(code(&["export", "--format", "csv", "--role", "no-such-role"]), Some(3));
    assert_eq!(code(&["export", "--format", "csv", "-o", "/nonexistent-dir/x.csv"]), Some(5));
    // After "today" (ROLECALL_NOW is 2026-04-01): refused, today itself is fine.
    let out = env.cmd().args(["export", "--format", "csv", "--as-of", "2026-04-02"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is in the future (today is 2026-04-01 UTC)"));
    assert_eq!(code(&["export", "--format", "csv", "--as-of", "2026-04-01"]), Some(0));
    assert_eq!(code(&["stats", "--as-of", "2027-01-01"]), Some(2));
    assert_eq!(code(&["export", "--format", "csv", "--diff", "2026-03-01", "2026-05-01"]), Some(2));
}

fn an_unknown_format_is_a_usage_error_that_lists_the_formats(target: &Target) {
    let env = Env::month(target);
    let out = env.cmd().args(["export", "--format", "xls"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("invalid value 'xls' for '--format <FORMAT>'"), "{err}");
    assert!(err.contains("[possible values: csv, json, md, html]"), "{err}");
    // The same names are what --help offers.
    let help = env.stdout(&["export", "--help"]);
    assert!(String::from_utf8_lossy(&help).contains("[possible values: csv, json, md, html]"));
}

fn stats_report_funnel_days_rejections_and_weeks(target: &Target) {
    let env = Env::month(target);
    let out = env.stdout(&["stats", "--json", "--as-of", "2026-03-31", "--weeks", "6"]);
    let json: serde_json::Value = serde_json::from_slice(&out).expect("json");
    let role = &json["roles"][0];
    assert_eq!(role["slug"], "test-family");
    let reached: Vec<u64> = role["funnel"]["steps"]
        .as_array()
        .expect("steps")
        .iter()
        .filter_map(|s| s["reached"].as_u64())
        .collect();
    assert_eq!(reached, [8, 5, 3, 1]);
    assert_eq!(role["funnel"]["hired"], 1);
    assert_eq!(role["weekly_new"].as_array().map(Vec::len), Some(6));
    let rejections = role["rejections"].as_array().expect("rejections");
    assert_eq!(rejections.len(), 2);
    assert!(role["days_in_stage"][0]["median_days"].is_number());
    let text = String::from_utf8(env.stdout(&["stats", "--role", "test-family"])).expect("utf-8");
    assert!(text.contains("Funnel") && text.contains("Days in stage"), "{text}");
    assert!(text.contains("Values mismatch at Panel"), "{text}");
}

both_backends!(
    every_format_on_stdout_matches_the_golden_file,
    file_output_is_private_atomic_and_format_follows_the_extension,
    excel_csv_starts_with_a_bom_and_one_role_can_be_chosen,
    html_lists_open_applications_unless_closed_ones_are_asked_for,
    csv_times_are_utc_date_times_a_spreadsheet_reads_as_dates,
    as_of_a_date_is_the_end_of_that_day,
    bad_arguments_have_distinct_exit_codes,
    an_unknown_format_is_a_usage_error_that_lists_the_formats,
    stats_report_funnel_days_rejections_and_weeks,
);
