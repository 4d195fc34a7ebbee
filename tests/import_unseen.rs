//! The importer on page shapes outside `../shared/corpus` (issue 18): pages of our own in
//! `tests/pages/unseen/` with their expected counts in `truth.tsv` there, and the accuracy
//! over those pages plus the corpus's 45 truth pages.

use std::fs;
use std::path::{Path, PathBuf};

use rolecall::import::{ParsedPage, parse};

fn unseen_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/pages/unseen")
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// One row of a truth file; `tracks` is empty for pages without tracks.
struct Truth {
    path: PathBuf,
    title: String,
    levels: usize,
    stages: usize,
    tracks: Vec<(String, usize)>,
}

fn truth_rows(dir: &Path, tracks_column: Option<usize>) -> Vec<Truth> {
    read(&dir.join("truth.tsv"))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let num = |i: usize| f.get(i).and_then(|x| x.parse().ok()).unwrap_or(usize::MAX);
            let tracks = tracks_column
                .and_then(|i| f.get(i))
                .map(|t| {
                    t.split(';')
                        .filter(|x| !x.is_empty())
                        .map(|x| {
                            let (name, n) = x.split_once('=').expect("name=count");
                            (name.to_string(), n.parse().expect("count"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            let pages = if tracks_column.is_some() { dir.to_path_buf() } else { dir.join("pages") };
            Truth { path: pages.join(f[0]), title: f[1].to_string(), levels: num(2), stages: num(3), tracks }
        })
        .collect()
}

fn unseen() -> Vec<Truth> {
    truth_rows(&unseen_dir(), Some(4))
}

fn corpus() -> Vec<Truth> {
    truth_rows(&corpus_dir(), None)
}

fn parsed(row: &Truth) -> ParsedPage {
    parse(&read(&row.path)).unwrap_or_else(|e| panic!("{}: {e}", row.path.display()))
}

fn name(row: &Truth) -> String {
    row.path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default()
}

fn labels(p: &ParsedPage) -> Vec<&str> {
    p.draft.stages.iter().map(|s| s.label.as_str()).collect()
}

/// What is wrong with one page against its truth row, if anything.
fn mismatches(row: &Truth, p: &ParsedPage) -> Vec<String> {
    let mut out = Vec::new();
    if p.draft.levels.len() != row.levels {
        let titles: Vec<&str> = p.draft.levels.iter().map(|l| l.title.as_str()).collect();
        out.push(format!("levels: got {} want {}: {titles:?}", p.draft.levels.len(), row.levels));
    }
    if p.draft.stages.len() != row.stages {
        out.push(format!("stages: got {} want {}: {:?}", p.draft.stages.len(), row.stages, labels(p)));
    }
    if !row.tracks.is_empty() {
        let got: Vec<(String, usize)> =
            p.tracks.iter().map(|t| (t.name.clone().unwrap_or_default(), t.stages.len())).collect();
        let same = got.len() == row.tracks.len()
            && got.iter().zip(&row.tracks).all(|(g, w)| g.0.eq_ignore_ascii_case(&w.0) && g.1 == w.1);
        if !same {
            out.push(format!("tracks: got {got:?} want {:?}", row.tracks));
        }
    }
    out
}

#[test]
fn truth_file_covers_every_page_and_shape() {
    let rows = unseen();
    assert!(rows.len() >= 20, "{} pages", rows.len());
    let on_disk = fs::read_dir(unseen_dir())
        .expect("unseen dir")
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .filter(|e| e.file_name() != "README.md")
        .count();
    assert_eq!(on_disk, rows.len(), "every page has a truth row");
    let text = read(&unseen_dir().join("truth.tsv"));
    for shape in [
        "numbered-stage-headings",
        "step-headings",
        "job-family-matrix",
        "tracks-lists",
        "tracks-rounds",
        "mixed-list-lines",
    ] {
        let n = text.lines().filter(|l| l.split('\t').nth(5) == Some(shape)).count();
        assert!(n >= 3, "{shape}: {n} pages");
    }
}

#[test]
fn unseen_pages_match_their_truth() {
    let mut wrong = Vec::new();
    for row in unseen() {
        let p = parsed(&row);
        if p.draft.title != row.title {
            wrong.push(format!("{}: title {:?} want {:?}", name(&row), p.draft.title, row.title));
        }
        for m in mismatches(&row, &p) {
            wrong.push(format!("{}: {m}", name(&row)));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The accuracy figure of issue 18: pages whose level and stage counts (and tracks) are
/// right, over the corpus's truth pages plus ours. Run with `--nocapture` to see it.
#[test]
fn accuracy_on_corpus_and_unseen_pages() {
    let report = |rows: Vec<Truth>, what: &str| {
        let mut ok = 0;
        for row in &rows {
            let m = mismatches(row, &parsed(row));
            if m.is_empty() {
                ok += 1;
            } else {
                println!("WRONG {}: {}", name(row), m.join("; "));
            }
        }
        println!("{what}: {ok}/{} pages right", rows.len());
        (ok, rows.len())
    };
    let (c_ok, c_all) = report(corpus(), "corpus");
    let (u_ok, u_all) = report(unseen(), "unseen");
    let (ok, all) = (c_ok + u_ok, c_all + u_all);
    println!("accuracy: {ok}/{all} = {:.1}%", 100.0 * ok as f64 / all as f64);
    assert!(ok as f64 >= 0.97 * all as f64, "accuracy {ok}/{all}");
}

#[test]
fn numbered_stage_headings_are_the_stages() {
    let row = unseen().into_iter().find(|r| name(r).starts_with("a1-")).expect("a1");
    let p = parsed(&row);
    assert_eq!(
        labels(&p),
        ["Screening", "Hiring Manager", "Technical interview", "Scenario interview", "Director of Support"]
    );
    assert!(p.draft.stages[0].full_text.contains("Areas of focus"), "{}", p.draft.stages[0].full_text);
}

#[test]
fn step_headings_keep_one_stage_each() {
    let row = unseen().into_iter().find(|r| name(r).starts_with("b1-")).expect("b1");
    let p = parsed(&row);
    assert_eq!(p.draft.stages.len(), 3, "{:?}", labels(&p));
    assert_eq!(labels(&p)[0], "Screening");
    assert!(p.draft.stages[0].full_text.contains("chance to ask us anything"));
    // "two members … back-to-back … 30 minutes each": two interviews at that stage.
    assert_eq!(p.draft.stages[2].min_interviews, 2, "{:?}", p.draft.stages[2]);
}

#[test]
fn job_family_matrix_pages_name_the_family_and_every_level() {
    let row = unseen().into_iter().find(|r| name(r).starts_with("c1-")).expect("c1");
    let p = parsed(&row);
    assert_eq!(p.draft.title, "Support Engineering");
    let grades: Vec<Option<u32>> = p.draft.levels.iter().map(|l| l.grade).collect();
    assert_eq!(grades, [5, 6, 7, 8, 9].map(Some));
    assert!(p.draft.levels.iter().all(|l| !l.responsibilities.is_empty() && !l.requirements.is_empty()));
}

#[test]
fn tracks_become_one_pipeline_each_and_levels_go_through_theirs() {
    let row = unseen().into_iter().find(|r| name(r).starts_with("d4-")).expect("d4");
    let p = parsed(&row);
    assert_eq!(p.tracks.len(), 2);
    let first: Vec<&str> = p.tracks[0].stages.iter().map(|s| s.stage.label.as_str()).collect();
    assert_eq!(labels(&p), first, "the draft's stages are the first track's");
    let further = p.further_tracks();
    assert_eq!(further.len(), 1);
    assert_eq!(further[0].name, "Director of Support");
    assert_eq!(further[0].levels, ["Director of Support"], "the level its name matches");
    assert_eq!(further[0].stages.last().map(|s| s.label.as_str()), Some("CEO"));
    assert_eq!(
        p.track_levels()[0],
        ["Support Engineering Manager", "Senior Support Engineering Manager"],
        "the other levels go through the first track"
    );
    assert!(!p.warnings.iter().any(|w| w.line == p.tracks[1].line), "nothing to warn: {:?}", p.warnings);
}

#[test]
fn a_lone_track_heading_holds_its_steps_and_advice_or_a_level_after_the_process_warns_nothing() {
    let row = unseen().into_iter().find(|r| name(r).starts_with("d7-")).expect("d7");
    let p = parsed(&row);
    assert_eq!(labels(&p), ["Screening", "Hiring Manager", "Presentation", "Director Solutions"]);
    assert_eq!(p.draft.levels.len(), 3, "the level after the process is a level");
    assert!(p.warnings.is_empty(), "a note is enough for advice and a level section: {:?}", p.warnings);
}

/// Every non-blank line of a hiring section is part of a stage, a note on a stage, a
/// track's heading, or named by a warning.
fn unaccounted_lines(text: &str, p: &ParsedPage) -> Vec<(usize, String)> {
    let lines: Vec<&str> = text.lines().collect();
    let heading = |l: &str| {
        let hashes = l.chars().take_while(|&c| c == '#').count();
        (hashes > 0 && l[hashes..].starts_with(' ')).then_some(hashes)
    };
    let Some(start) =
        lines.iter().position(|l| heading(l).is_some() && l.to_lowercase().contains("hiring process"))
    else {
        return Vec::new();
    };
    let depth = heading(lines[start]).unwrap_or(1);
    let end = (start + 1..lines.len())
        .find(|&i| heading(lines[i]).is_some_and(|d| d <= depth))
        .unwrap_or(lines.len());
    let mut covered = vec![false; lines.len() + 2];
    let mut cover = |a: usize, b: usize| {
        for c in covered.iter_mut().take(b + 1).skip(a) {
            *c = true;
        }
    };
    cover(start + 1, start + 1);
    for t in &p.tracks {
        cover(t.line, t.line);
        for s in &t.stages {
            cover(s.line, s.last_line);
            for n in &s.notes {
                cover(n.line, n.last_line);
            }
        }
    }
    for n in &p.notes {
        cover(n.line, n.last_line);
    }
    for w in &p.warnings {
        cover(w.line, w.line);
    }
    (start + 1..end)
        .filter(|&i| !lines[i].trim().is_empty() && !covered[i + 1])
        .map(|i| (i + 1, lines[i].to_string()))
        .collect()
}

#[test]
fn no_line_of_a_hiring_section_is_dropped_silently() {
    let mut rows = unseen();
    rows.extend(corpus());
    let mut missed = Vec::new();
    for row in rows {
        let text = read(&row.path);
        let p = parse(&text).expect("parses");
        for (line, l) in unaccounted_lines(&text, &p) {
            missed.push(format!("{}:{line}: {l}", name(&row)));
        }
    }
    assert!(missed.is_empty(), "{} lines unaccounted for:\n{}", missed.len(), missed.join("\n"));
}
