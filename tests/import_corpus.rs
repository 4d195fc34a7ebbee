//! The importer against the seed pages and the job-family corpus in
//! `../shared` (checked out beside the repository).

use std::fs;
use std::path::{Path, PathBuf};

use rolecall::domain::FamilyDraft;
use rolecall::import::{ParseError, parse};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

fn read(path: &Path) -> String {
    fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn seed(prefix: &str) -> FamilyDraft {
    let dir = shared().join("seeds");
    let entry = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .find(|e| e.file_name().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}* in {}", dir.display()));
    parse(&read(&entry.path())).expect("seed parses").draft
}

fn labels(d: &FamilyDraft) -> Vec<&str> {
    d.stages.iter().map(|s| s.label.as_str()).collect()
}

fn pages(dir: &str) -> Vec<PathBuf> {
    let dir = shared().join("corpus").join(dir);
    let mut out: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .collect();
    out.sort();
    out
}

#[test]
fn seed_000_labels_levels_and_stages() {
    let d = seed("000_");
    assert_eq!(d.title, "IT Program Management Office");
    assert_eq!(labels(&d), ["Screening", "VP IT panel", "Stakeholder", "Leader", "CFO"]);
    let grades: Vec<Option<u32>> = d.levels.iter().map(|l| l.grade).collect();
    let expected = [5, 6, 7, 8, 9, 8, 9, 10, 11].map(Some);
    assert_eq!(grades, expected);
    assert!(d.levels.iter().all(|l| !l.responsibilities.is_empty() && !l.requirements.is_empty()));
    let stakeholder = &d.stages[2];
    assert_eq!((stakeholder.min_interviews, stakeholder.max_interviews), (1, 2));
    assert!(stakeholder.full_text.ends_with("(m"), "{}", stakeholder.full_text);
    assert_eq!(d.stages[4].alternatives, ["VP Finance", "CFO"]);
    assert_eq!(d.stages[1].interviewers, ["VP IT"]);
    assert!(d.stages[0].full_text.contains("screening call with our Global Recruiters"));
    assert_eq!(d.performance_indicators.len(), 2);
    assert!(d.career_ladder.starts_with("The next step in the IT PMO job family"));
    assert!(d.description.starts_with("The IT Program Management Office job family"));
}

#[test]
fn seed_004_one_graded_level_five_stages() {
    let d = seed("004_");
    assert_eq!(d.title, "Director, IT Operations");
    assert_eq!(d.levels.len(), 1);
    let level = &d.levels[0];
    assert_eq!(level.title, "Sr. Director, IT Operations");
    assert_eq!(level.grade, Some(11));
    assert!(level.reports_to.as_deref().unwrap_or("").contains("VP, Information Technology"));
    assert_eq!(level.responsibilities.len(), 11);
    assert_eq!(level.requirements.len(), 12);
    assert_eq!(labels(&d), ["Screening", "Manager IT", "Senior Director", "VP IT", "CFO"]);
    assert_eq!(
        d.stages[2].alternatives,
        ["Senior Director, Data and Analytics", "Senior Director, Enterprise Applications"]
    );
    assert!(d.description.starts_with("The Director, IT Operations Job Family leads"));
}

#[test]
fn seeds_have_no_markdown_in_texts() {
    for d in [seed("000_"), seed("004_")] {
        for s in &d.stages {
            for bad in ["](", "[", "**", "<br"] {
                assert!(!s.full_text.contains(bad), "{bad:?} in {:?}", s.full_text);
            }
            assert!(s.label.chars().count() <= 24, "{}", s.label);
        }
        for l in &d.levels {
            for item in l.responsibilities.iter().chain(&l.requirements) {
                assert!(!item.contains("]("), "{item}");
            }
        }
    }
}

#[test]
fn seed_snapshots() {
    insta::with_settings!({ snapshot_path => "golden/import", prepend_module_to_snapshot => false }, {
        insta::assert_debug_snapshot!("seed_000", seed("000_"));
        insta::assert_debug_snapshot!("seed_004", seed("004_"));
    });
}

#[test]
fn every_corpus_page_parses_without_panic() {
    let mut all = pages("pages");
    all.extend(pages("more"));
    assert!(all.len() >= 300, "corpus incomplete: {} pages", all.len());
    for path in all {
        let text = read(&path);
        match parse(&text) {
            Ok(page) => {
                for w in &page.warnings {
                    assert!(
                        w.line >= 1 && w.line <= text.lines().count().max(1),
                        "{}: {w:?}",
                        path.display()
                    );
                }
                for s in &page.draft.stages {
                    assert!(
                        !s.label.is_empty() && s.label.chars().count() <= 26,
                        "{}: {s:?}",
                        path.display()
                    );
                    assert!(s.min_interviews >= 1 && s.min_interviews <= s.max_interviews);
                    assert!(!s.full_text.contains("]("), "{}: {}", path.display(), s.full_text);
                }
            }
            Err(e) => assert!(matches!(e, ParseError::Empty | ParseError::Binary), "{}: {e}", path.display()),
        }
    }
}

/// One row of truth.tsv.
struct Truth {
    file: String,
    title: String,
    levels: usize,
    stages: usize,
}

fn truth() -> Vec<Truth> {
    read(&shared().join("corpus/truth.tsv"))
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            let num = |i: usize| f.get(i).and_then(|x| x.parse().ok()).unwrap_or(usize::MAX);
            Truth {
                file: f[0].to_string(),
                title: f.get(1).unwrap_or(&"").to_string(),
                levels: num(2),
                stages: num(3),
            }
        })
        .collect()
}

#[test]
fn corpus_counts_match_truth() {
    let rows = truth();
    assert_eq!(rows.len(), 45);
    let (mut level_ok, mut stage_ok) = (0, 0);
    for row in &rows {
        let text = read(&shared().join("corpus/pages").join(&row.file));
        let page = parse(&text).unwrap_or_else(|e| panic!("{}: {e}", row.file));
        let d = &page.draft;
        assert_eq!(d.title, row.title, "{}", row.file);
        if d.levels.len() == row.levels {
            level_ok += 1;
        } else {
            let titles: Vec<&str> = d.levels.iter().map(|l| l.title.as_str()).collect();
            println!("LEVELS {}: got {} want {}: {titles:?}", row.file, d.levels.len(), row.levels);
        }
        if d.stages.len() == row.stages {
            stage_ok += 1;
        } else {
            println!("STAGES {}: got {} want {}: {:?}", row.file, d.stages.len(), row.stages, labels(d));
        }
    }
    println!("levels {level_ok}/45, stages {stage_ok}/45");
    let rate = |ok: usize| ok as f64 / rows.len() as f64;
    assert!(rate(level_ok) >= 0.95, "levels match {level_ok}/45");
    assert!(rate(stage_ok) >= 0.95, "stages match {stage_ok}/45");
}

#[test]
fn corpus_shapes() {
    let parse_page = |name: &str| parse(&read(&shared().join("corpus/pages").join(name))).expect(name);
    let p = parse_page("engineering__infrastructure__engineering-management.md");
    assert!(!p.has_hiring_section && p.draft.stages.is_empty());
    let p = parse_page("sales__professional-services-architect.md");
    assert_eq!(p.draft.stages.len(), 5, "{:?}", labels(&p.draft));
    let p = parse_page("marketing__marketing-campaign-manager.md");
    assert_eq!(labels(&p.draft).len(), 3);
    let p = parse_page("finance__tax.md");
    assert_eq!(p.draft.levels.len(), 8);
    let p = parse_page("finance__information-technology__director-enterprise-applications-qtc.md");
    assert!(p.has_hiring_section && p.draft.stages.is_empty());
    assert!(p.warnings.iter().any(|w| w.message.contains("no steps")));
}

#[test]
fn garbage_never_panics() {
    let samples = [
        "---\n",
        "---\ntitle: [\n---\n",
        "## Hiring Process\n- ",
        "# é\u{301}\n## Levels\n### Senior ",
        "{{< ",
        "{{% x %}}",
        "<details>\n- a\n",
        "## Hiring Process\n\n1. with\n2. with or\n3. (",
        "### Senior Engineer [grade 99999999999]\n#### Job Grade\n",
        "> ## Hiring Process\n- x",
        "|a|b|\n|-|-|\n|grade 5|x|",
        "## Levels\n## Levels\n## Levels\n",
    ];
    for s in samples {
        let _ = parse(s);
    }
    let seed_text = read(
        &shared().join("seeds").join(
            fs::read_dir(shared().join("seeds"))
                .expect("seeds")
                .filter_map(Result::ok)
                .map(|e| e.file_name())
                .min()
                .expect("a seed"),
        ),
    );
    // Every prefix ending on a char boundary (cut anywhere, including mid-word).
    for (i, _) in seed_text.char_indices().step_by(37) {
        let _ = parse(&seed_text[..i]);
    }
}

/// Big pages parse (how their time grows is `cargo bench --bench import_large`).
#[test]
fn large_pages_parse() {
    let base = read(&shared().join("corpus/pages/finance__tax.md"));
    let mut big = String::new();
    while big.len() + base.len() < 3 * 1024 * 1024 {
        big.push_str(&base);
    }
    let page = parse(&big).expect("big page parses");
    assert!(!page.draft.levels.is_empty());
    let headings = "## Levels\n### Senior Engineer\n#### Responsibilities\n- x\n".repeat(40_000);
    assert!(!parse(&headings).expect("many headings parse").draft.levels.is_empty());
}

/// Prints every corpus page's levels and stages; run with
/// `cargo test --test import_corpus dump -- --ignored --nocapture`.
#[test]
#[ignore]
fn dump() {
    let only = std::env::var("DUMP").unwrap_or_default();
    let mut all: Vec<PathBuf> = fs::read_dir(shared().join("seeds"))
        .map(|d| d.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    all.extend(pages("pages"));
    all.extend(pages("more"));
    for path in all.iter().filter(|p| p.to_string_lossy().contains(&only)) {
        let Ok(page) = parse(&read(path)) else { continue };
        let name = path.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default();
        println!("== {name} [{}]", page.draft.title);
        for l in &page.draft.levels {
            println!(
                "  L {:?} g={:?} r={} q={} rt={:?}",
                l.title,
                l.grade,
                l.responsibilities.len(),
                l.requirements.len(),
                l.reports_to
            );
        }
        for s in &page.draft.stages {
            println!(
                "  S {:<26} {}-{} alts={:?} who={:?} | {}",
                s.label,
                s.min_interviews,
                s.max_interviews,
                s.alternatives,
                s.interviewers,
                s.full_text.chars().take(90).collect::<String>()
            );
        }
        for w in &page.warnings {
            println!("  W {}: {}", w.line, w.message);
        }
    }
}

mod fuzz {
    use super::*;
    use proptest::prelude::*;

    fn seed_text() -> String {
        read(&shared().join("corpus/pages/sales__professional-services-architect.md"))
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 200, failure_persistence: None, ..ProptestConfig::default() })]

        /// Random edits of a real page (cuts, inserted markdown and
        /// multi-byte text, duplicated spans) never panic.
        #[test]
        fn mutated_pages_never_panic(
            edits in prop::collection::vec((any::<prop::sample::Index>(), any::<prop::sample::Index>(), 0usize..8), 1..12),
        ) {
            const SNIPPETS: [&str; 8] = ["\n## Hiring Process\n", "\n- with ", "é́ 日本", "{{< x", "<details>", "\n### Senior Manager\n#### Job Grade\n[grade 7]", " or ", "\n\n1. "];
            let mut text = seed_text();
            for (at, len, what) in edits {
                let bounds: Vec<usize> = text.char_indices().map(|(i, _)| i).chain([text.len()]).collect();
                let a = bounds[at.index(bounds.len())];
                let b = bounds[len.index(bounds.len())].max(a);
                match what {
                    0 => text.replace_range(a..b, ""),
                    1 => { let dup = text[a..b].to_string(); text.insert_str(a, &dup); }
                    n => text.insert_str(a, SNIPPETS[n]),
                }
                if text.len() > 200_000 {
                    let cut = text.char_indices().map(|(i, _)| i).take_while(|&i| i <= 100_000).last().unwrap_or(0);
                    text.truncate(cut);
                }
            }
            let _ = parse(&text);
        }

        /// Arbitrary text never panics.
        #[test]
        fn arbitrary_text_never_panics(s in "(?s).{0,400}") {
            let _ = parse(&s);
        }
    }
}

/// Pathological pages near the size limit parse in bounded time; run with
/// `cargo test --release --test import_corpus stress -- --ignored --nocapture`.
#[test]
#[ignore]
fn stress() {
    let near = |unit: &str| unit.repeat((rolecall::import::MAX_PAGE_BYTES - 100) / unit.len());
    let cases = [
        ("one long step", format!("## Hiring Process\n\n- Interview with {}\n", near("A, B and C or "))),
        (
            "many steps",
            near("- Interview with the VP, IT or CFO\n").replacen("- ", "## Hiring Process\n\n- ", 1),
        ),
        ("nested lists", near("- ")),
        ("brackets", near("[")),
        ("headings", near("# a\n")),
        ("level headings", near("### Senior Engineer\n#### Responsibilities\n- x\n")),
        ("quotes", near("> ")),
        ("emphasis", near("**a ")),
        ("shortcodes", near("{{< ")),
        ("details", near("<details>\n\n- a\n\n")),
        ("grades", near("grade [level ")),
    ];
    for (name, page) in cases {
        let start = std::time::Instant::now();
        let result = parse(&page);
        println!("{name:<16} {:>6} ms  ok={}", start.elapsed().as_millis(), result.is_ok());
        assert!(start.elapsed().as_secs() < 10, "{name} took {:?}", start.elapsed());
    }
}
