//! Whole-process figures: start-up (`board --print`), CSV export, as-of export, import,
//! doctor.

use super::clock::{self, Sample};
use super::report::{Row, Table, Target};
use super::setup::{self, Config, NOW, SIX_MONTHS_BACK, interleaved, sqlite3_script, time};
use std::path::Path;
use std::process::Command;
use std::time::Duration;

fn row(figure: &str, value: Sample, yardstick: &str, yard: Sample, target_text: &str, target: Target) -> Row {
    Row {
        figure: figure.into(),
        value,
        value_note: String::new(),
        yardstick: yardstick.into(),
        yard,
        target_text: target_text.into(),
        target,
    }
}

/// What `rolecall board --print` prints for the first role, written independently as one
/// `sqlite3` script: the title line, each stage's line with its count (Offer last), each
/// card's line (id, name, level, whole days in stage, status): active ones, then those on
/// hold, each by time in stage and id.
fn board_sql() -> String {
    format!(
        "SELECT title || ' [' || slug || ']' FROM families WHERE id = 1;
WITH card AS MATERIALIZED (
  SELECT a.id, a.stage_id, a.stage_entered_at AS t, a.status, c.name, l.title AS level
  FROM applications a JOIN candidates c ON c.id = a.candidate_id JOIN levels l ON l.id = a.level_id
  WHERE a.family_id = 1 AND a.status IN ('active', 'on_hold')),
st AS (SELECT id, label, kind = 'offer' AS last, position FROM stages WHERE family_id = 1 AND track_id IS NULL)
SELECT line FROM (
  SELECT st.last AS o1, st.position AS o2, -1 AS o3, '' AS o4, 0 AS o5,
         '== ' || st.label || ' (' || (SELECT COUNT(*) FROM card WHERE card.stage_id = st.id) || ')' AS line
  FROM st
  UNION ALL
  SELECT st.last, st.position, card.status = 'on_hold', card.t, card.id,
         '  #' || card.id || ' ' || card.name || ' · ' || card.level || ' · '
         || CAST(julianday('{NOW}') - julianday(card.t) AS INTEGER) || 'd · ' || replace(card.status, '_', ' ')
  FROM card JOIN st ON st.id = card.stage_id)
ORDER BY o1, o2, o3, o4, o5;\n"
    )
}

/// `rolecall board --print` against `sqlite3` printing the same board with a query of
/// its own; the two outputs are compared first.
pub fn startup(cfg: &Config, db: &Path, sqlite3: Option<&Path>, table: &mut Table) {
    let script = cfg.dir.join("board.sql");
    std::fs::write(&script, board_sql()).expect("write board.sql");
    let ours = || {
        let mut cmd = cfg.rolecall(db);
        cmd.args(["board", "--print"]);
        time(cmd)
    };
    let Some(sqlite3) = sqlite3 else {
        eprintln!("  (sqlite3 CLI missing: start-up not measured)");
        return;
    };
    let printed = |mut cmd: std::process::Command| {
        cmd.stdout(std::process::Stdio::piped());
        cmd.output().map(|o| o.stdout).unwrap_or_default()
    };
    let (rolecall_text, sqlite3_text) = (
        printed({
            let mut cmd = cfg.rolecall(db);
            cmd.args(["board", "--print"]);
            cmd
        }),
        printed(sqlite3_script(sqlite3, db, &script, false)),
    );
    let same = rolecall_text == sqlite3_text;
    if !same {
        eprintln!("  (the sqlite3 board differs from rolecall's: the start-up row is marked so)");
    }
    let lines = rolecall_text.iter().filter(|&&b| b == b'\n').count();
    let (figure, yardstick) = interleaved(21, ours, || time(sqlite3_script(sqlite3, db, &script, false)));
    table.push(row(
        &format!("start-up to board: `rolecall board --print`, {lines} lines (whole process, median of 21)"),
        figure,
        if same {
            "`sqlite3` CLI printing the same board (its own query; output compared: equal)"
        } else {
            "`sqlite3` CLI printing the board (its own query; output compared: DIFFERENT)"
        },
        yardstick,
        "≤ 1.2× and ≤ 50 ms",
        Target::Both(1.2, Duration::from_millis(50)),
    ));
}

/// The CSV that `sqlite3 -csv` writes for the current state: the export's columns, a
/// closed application's days in stage ending when the log says it closed (as the export
/// and the replay count them; `updated_at` would be cheaper but is not the same figure).
fn csv_sql() -> String {
    format!(
        "SELECT '{NOW}', f.slug, f.title, a.id, a.candidate_id, c.name, l.title, s.label, a.status,
           a.reject_reason, a.created_at, a.stage_entered_at,
           CAST(julianday(CASE WHEN a.status IN ('rejected', 'withdrawn', 'hired') THEN
                    (SELECT e.at FROM events e WHERE e.application_id = a.id
                       AND e.from_status IN ('active', 'on_hold') AND e.to_status IN ('rejected', 'withdrawn', 'hired')
                     ORDER BY e.id DESC LIMIT 1)
                ELSE '{NOW}' END)
                - julianday(a.stage_entered_at) AS INTEGER),
           (SELECT COUNT(*) FROM interviews i WHERE i.application_id = a.id AND i.stage_id = a.stage_id),
           (SELECT i.recommendation FROM interviews i WHERE i.application_id = a.id ORDER BY i.id DESC LIMIT 1)
         FROM applications a
         JOIN families f ON f.id = a.family_id
         JOIN candidates c ON c.id = a.candidate_id
         JOIN levels l ON l.id = a.level_id
         JOIN stages s ON s.id = a.stage_id
         ORDER BY f.position, s.position, a.stage_entered_at, a.id;\n"
    )
}

/// `rolecall export --format csv` against `sqlite3 -csv`; as-of six months back
/// against the current export.
pub fn export(cfg: &Config, db: &Path, sqlite3: Option<&Path>, table: &mut Table) {
    let script = cfg.dir.join("export.sql");
    std::fs::write(&script, csv_sql()).expect("write export.sql");
    let export = |as_of: Option<&str>| {
        let mut cmd = cfg.rolecall(db);
        cmd.args(["export", "--format", "csv"]);
        if let Some(d) = as_of {
            cmd.args(["--as-of", d]);
        }
        time(cmd)
    };
    if let Some(sqlite3) = sqlite3 {
        let (figure, yardstick) =
            interleaved(5, || export(None), || time(sqlite3_script(sqlite3, db, &script, true)));
        table.push(row(
            "CSV export of every application (whole process, median of 5)",
            figure,
            "`sqlite3 -csv`, same columns from the live rows",
            yardstick,
            "≤ 1.2×",
            Target::Ratio(1.2),
        ));
    }
    let (as_of, now) = interleaved(5, || export(Some(SIX_MONTHS_BACK)), || export(None));
    table.push(row(
        &format!("CSV export as of {SIX_MONTHS_BACK}, six months back (median of 5)"),
        as_of,
        "current CSV export",
        now,
        "≤ 1.5×",
        Target::Ratio(1.5),
    ));
    // Peak memory (max RSS) of one run each, from `/usr/bin/time` when it is there.
    let peak = |as_of: Option<&str>| -> Option<u64> {
        let mut cmd = Command::new("/usr/bin/time");
        cmd.args(["-f", "%M", "-o"]).arg(cfg.dir.join("peak.txt")).arg(&cfg.bin);
        cmd.arg("--db").arg(db).args(["export", "--format", "csv", "-o"]).arg(cfg.dir.join("peak.csv"));
        if let Some(d) = as_of {
            cmd.args(["--as-of", d]);
        }
        cmd.env("ROLECALL_NOW", NOW).output().ok().filter(|o| o.status.success())?;
        std::fs::read_to_string(cfg.dir.join("peak.txt")).ok()?.trim().parse().ok()
    };
    if let (Some(as_of), Some(now)) = (peak(Some(SIX_MONTHS_BACK)), peak(None)) {
        table.push_text(
            &format!("CSV export as of {SIX_MONTHS_BACK}: peak memory (max RSS, one run)"),
            &format!("{:.1} MB", as_of as f64 / 1024.0),
            &format!("current CSV export: {:.1} MB", now as f64 / 1024.0),
            Some(as_of as f64 / now.max(1) as f64),
            "flat in size (≤ 2× the current export's)",
            as_of <= 2 * now,
        );
    }
}

/// Importing every page of `../shared/corpus` into a new database.
pub fn import(cfg: &Config, table: &mut Table) {
    let dirs = [cfg.corpus.join("pages"), cfg.corpus.join("more")];
    if !dirs.iter().all(|d| d.is_dir()) {
        eprintln!("  (no ../shared/corpus: import not measured)");
        return;
    }
    let pages: usize = dirs.iter().filter_map(|d| std::fs::read_dir(d).ok()).map(|r| r.count()).sum();
    let db = cfg.dir.join("import.db");
    let run = |fresh: bool| {
        if fresh {
            setup::remove_db(&db);
        }
        let mut cmd = cfg.rolecall(&db);
        cmd.arg("import").arg("--default-process").args(&dirs);
        // Pages the importer cannot use are refused with a message (exit code 2): that
        // is part of the work, so the status is not checked.
        clock::children(|| cmd.output().expect("run import")).1
    };
    run(true);
    let (fresh, again) = interleaved(5, || run(true), || run(false));
    table.push(row(
        &format!("import of all {pages} corpus pages into a new database (whole process, median of 5)"),
        fresh,
        "re-import into the same database, all unchanged (parse, no writes)",
        again,
        "< 1 s",
        Target::Under(Duration::from_secs(1)),
    ));
}

/// `rolecall doctor` against `sqlite3` running SQLite's quick check alone, one of the
/// checks doctor runs by default (interleaved; median of 3, one run each above 100,000
/// candidates). `doctor --full` runs `PRAGMA integrity_check` instead.
pub fn doctor(cfg: &Config, db: &Path, sqlite3: Option<&Path>, table: &mut Table) {
    let Some(sqlite3) = sqlite3 else {
        eprintln!("  (sqlite3 CLI missing: doctor not measured)");
        return;
    };
    let ours = || {
        let mut cmd = cfg.rolecall(db);
        cmd.arg("doctor").stdout(std::process::Stdio::piped());
        let (out, sample) = clock::children(|| cmd.output().expect("run doctor"));
        // Exit code 6 also means a warning (the bench directory's mode): only a problem fails.
        let report = String::from_utf8_lossy(&out.stdout);
        assert!(!report.contains("PROBLEM") && report.contains("event-log"), "doctor: {report}");
        sample
    };
    let integrity = || {
        let mut cmd = std::process::Command::new(sqlite3);
        cmd.arg("-readonly").arg(db).arg("PRAGMA quick_check").stdout(std::process::Stdio::null());
        time(cmd)
    };
    let runs =
        if cfg.candidates > 100_000 || std::env::var_os("ROLECALL_BENCH_DB").is_some() { 1 } else { 3 };
    let (figure, yardstick) = interleaved(runs, ours, integrity);
    table.push(row(
        &format!("`rolecall doctor`, every check (whole process, median of {runs})"),
        figure,
        "`sqlite3` `PRAGMA quick_check` alone, one of doctor's checks",
        yardstick,
        "≤ 10 s at 1,000,000",
        Target::Under(Duration::from_secs(10)),
    ));
}
