//! No terminal control sequence from stored data or arguments reaches a terminal: a
//! database full of hostile names (OSC 52, CSI, BEL, C1, U+202E), and the raw bytes of
//! stdout and stderr of every command that prints them, error paths included.

use serde_json::Value;
use std::path::PathBuf;
use std::process::{Command, Output};

const OSC52: &str = "\x1b]52;c;SGVsbG8=\x07";
const CSI: &str = "\x1b[2J\x1b[31m";
const C1: &str = "\u{9b}31m\u{9d}0;t\u{9c}";
const RLO: &str = "\u{202E}";

fn hostile(word: &str) -> String {
    format!("{word}{OSC52}{CSI}{C1}{RLO}\x07")
}

fn binary() -> PathBuf {
    std::env::var_os("ROLECALL_E2E_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_rolecall")))
}

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        Env { dir: tempfile::tempdir().expect("tempdir") }
    }

    fn cmd(&self) -> Command {
        let d = self.dir.path();
        let mut c = Command::new(binary());
        c.arg("--db").arg(d.join("rolecall.db"));
        c.env("HOME", d).env("XDG_DATA_HOME", d.join("data")).env("XDG_CONFIG_HOME", d.join("config"));
        c.env("XDG_STATE_HOME", d.join("state")).env("ROLECALL_NOW", "2026-03-02T10:00:00Z");
        c.env("ROLECALL_ACTOR", hostile("actor")).env_remove("ROLECALL_DB");
        c
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cmd().args(args).output().expect("run rolecall")
    }

    fn ok(&self, args: &[&str]) -> Output {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        out
    }
}

/// The raw bytes carry no ESC, BEL, C1 control (UTF-8 `C2 80`–`C2 9F`), DEL or bidi
/// override, and are valid UTF-8 (a lone C1 byte would be neither).
fn assert_clean(what: &str, bytes: &[u8]) {
    let show = || String::from_utf8_lossy(bytes).escape_debug().to_string();
    assert!(!bytes.contains(&0x1b), "ESC in {what}: {}", show());
    assert!(!bytes.contains(&0x07), "BEL in {what}: {}", show());
    assert!(!bytes.contains(&0x7f), "DEL in {what}: {}", show());
    let c1 = bytes.windows(2).any(|w| w[0] == 0xc2 && (0x80..=0x9f).contains(&w[1]));
    assert!(!c1, "a C1 control in {what}: {}", show());
    let text = std::str::from_utf8(bytes).unwrap_or_else(|_| panic!("{what} is not UTF-8: {}", show()));
    let bidi = text.chars().any(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'));
    assert!(!bidi, "a bidi override in {what}: {}", show());
    let other = text.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\t' | '\r'));
    assert!(!other, "a control character in {what}: {}", show());
}

fn assert_output_clean(args: &[&str], out: &Output) {
    assert_clean(&format!("stdout of {args:?}"), &out.stdout);
    assert_clean(&format!("stderr of {args:?}"), &out.stderr);
}

fn page() -> String {
    format!(
        "---\ntitle: \"{title}\"\n---\n\n## Levels\n\n### Junior Evil{OSC52} Engineer\n\n\
         The Junior Evil Engineer reports to Boss{CSI}.\n\n#### Junior Evil Engineer Job Grade\n\n\
         The Junior Evil Engineer is a [grade 5](/x).\n\n#### Junior Evil Engineer Responsibilities\n\n\
         1. Do {CSI} things\n\n#### Junior Evil Engineer Requirements\n\n1. Know {OSC52} things\n\
         1. Another requirement {C1}\n\n## Hiring Process\n\n\
         - Selected candidates will be invited to schedule a 30min screening call{OSC52} with one of our Global Recruiters\n\
         - Next, candidates will be invited to interview with Evil {CSI}Manager{RLO}\x07\n\
         - Next, candidates will be invited to interview with 2-5 team members\n",
        title = hostile("Evil Role")
    )
}

/// Import the hostile page; add hostile people, notes, an interview. Returns the role's
/// slug, the application id and every import output.
fn hostile_database(env: &Env) -> (String, String, Vec<(Vec<String>, Output)>) {
    let pages = env.dir.path().join("pages");
    std::fs::create_dir_all(&pages).expect("pages dir");
    std::fs::write(pages.join("evil.md"), page()).expect("page");
    let mut seen = Vec::new();
    for args in [
        vec!["import".to_string(), pages.display().to_string()],
        vec!["--json".into(), "import".into(), pages.display().to_string()],
    ] {
        let a: Vec<&str> = args.iter().map(String::as_str).collect();
        seen.push((args.clone(), env.ok(&a)));
    }
    let roles: Value = serde_json::from_slice(&env.ok(&["--json", "roles"]).stdout).expect("roles json");
    let role = roles
        .as_array()
        .expect("list")
        .iter()
        .find(|r| r["title"].as_str().is_some_and(|t| t.contains("Evil")));
    let slug = role.expect("the hostile role").get("slug").and_then(Value::as_str).expect("slug").to_string();
    let (name, source, notes) = (hostile("Eve"), hostile("referral"), hostile("notes"));
    let phone = hostile("555");
    env.ok(&[
        "candidate",
        "add",
        &name,
        "--email",
        "eve@example.com",
        "--source",
        &source,
        "--notes",
        &notes,
        "--phone",
        &phone,
    ]);
    env.ok(&["candidate", "add", &hostile("Mallory"), "--email", "mal@example.com"]);
    env.ok(&["apply", "eve@example.com", "--role", &slug, "--level", "junior"]);
    env.ok(&["apply", "mal@example.com", "--role", &slug, "--level", "junior"]);
    env.ok(&[
        "outcome",
        "1",
        "--interviewer",
        &hostile("Iris"),
        "--recommend",
        "yes",
        "--notes",
        &hostile("went well"),
    ]);
    env.ok(&["move", "1", "--next"]);
    env.ok(&["hold", "1", "--note", &hostile("waiting")]);
    env.ok(&["reject", "2", "--reason", "other", "--note", &hostile("no")]);
    (slug, "1".into(), seen)
}

#[test]
fn no_command_prints_a_control_sequence_from_stored_names() {
    let env = Env::new();
    let (slug, app, imports) = hostile_database(&env);
    for (args, out) in &imports {
        assert_output_clean(&args.iter().map(String::as_str).collect::<Vec<_>>(), out);
    }
    let commands: Vec<Vec<&str>> = vec![
        vec!["roles"],
        vec!["roles", &slug],
        vec!["board", "--print"],
        vec!["board", "--print", "--closed"],
        vec!["history", &app],
        vec!["history", "2"],
        vec!["candidate", "show", "1"],
        vec!["candidate", "list"],
        vec!["interview", "list", &app],
        vec!["interview", "requirements", &app],
        vec!["stats"],
        vec!["export", "-f", "csv"],
        vec!["export", "-f", "md"],
        vec!["export", "-f", "html"],
        vec!["export", "-f", "json"],
        vec!["export", "-f", "csv", "--diff", "2026-03-01", "2026-03-02"],
        vec!["resume", &app],
    ];
    for args in &commands {
        let out = env.run(args);
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stdout.is_empty(), "{args:?} printed nothing");
        assert_output_clean(args, &out);
        let json: Vec<&str> = ["--json"].into_iter().chain(args.iter().copied()).collect();
        if !args.contains(&"export") {
            assert_output_clean(&json, &env.run(&json));
        }
    }
    for args in [&["doctor"][..], &["--json", "doctor"]] {
        assert_output_clean(args, &env.run(args));
    }
    let shown = String::from_utf8(env.ok(&["roles", &slug]).stdout).expect("utf-8");
    assert!(shown.contains("Evil") && shown.contains("Manager"), "the names are still shown:\n{shown}");
}

#[test]
fn error_messages_and_hints_never_echo_a_control_sequence() {
    let env = Env::new();
    let (slug, app, _) = hostile_database(&env);
    let (stage, level, role) =
        (hostile("Evil Managr"), hostile("junior evil engineer x"), hostile("evil rol"));
    let [nobody, eve, reason, date, a, b, email] =
        ["nobody", "Eve", "compensaton", "2026", "a", "b", "x@example.com"].map(hostile);
    let errors: Vec<(Vec<&str>, i32)> = vec![
        (vec!["move", &app, "--to", &stage], 3),
        (vec!["move", &app, "--to", "Evil Manager"], 3),
        (vec!["apply", "1", "--role", &slug, "--level", &level], 3),
        (vec!["apply", "1", "--role", &slug, "--level", "enginer"], 3),
        (vec!["roles", &role], 3),
        (vec!["apply", "1", "--role", "evil role", "--level", "junior"], 4),
        (vec!["candidate", "show", &nobody], 3),
        (vec!["candidate", "add", &eve], 4),
        (vec!["reject", &app, "--reason", &reason], 2),
        (vec!["export", "--as-of", &date], 2),
        (vec!["roles", &a, &b], 2),
        (vec!["candidate", "add", "X", "--email", &email], 2),
    ];
    for (args, code) in &errors {
        let out = env.run(args);
        assert_eq!(out.status.code(), Some(*code), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(!out.stderr.is_empty(), "{args:?} said nothing");
        assert_output_clean(args, &out);
        let json: Vec<&str> = ["--json"].into_iter().chain(args.iter().copied()).collect();
        let out = env.run(&json);
        assert_eq!(out.status.code(), Some(*code), "{json:?}");
        assert_output_clean(&json, &out);
        let doc: Value = serde_json::from_slice(&out.stderr).expect("a JSON error on stderr");
        assert_eq!(doc["error"]["code"].as_i64(), Some(i64::from(*code)), "{doc}");
    }
    let hint = String::from_utf8(env.run(&["move", &app, "--to", "Evil Manager"]).stderr).expect("utf-8");
    assert!(hint.contains("did you mean 'Evil \u{FFFD}[2J"), "the hint is still given: {hint}");
}

#[test]
fn an_email_with_a_control_character_is_refused() {
    let env = Env::new();
    for email in
        [format!("eve{CSI}@example.com"), format!("eve@example.com{RLO}"), "e\u{9b}ve@example.com".into()]
    {
        let out = env.run(&["candidate", "add", "Eve", "--email", &email]);
        assert_eq!(out.status.code(), Some(2), "{email:?} was accepted");
        assert_output_clean(&["candidate", "add"], &out);
    }
    env.ok(&["candidate", "add", "Eve", "--email", "eve@example.com"]);
    let out = env.run(&["candidate", "edit", "1", "--email", &format!("eve{OSC52}@example.com")]);
    assert_eq!(out.status.code(), Some(2), "an edit to a hostile email was accepted");
    let list: Value = serde_json::from_slice(&env.ok(&["--json", "candidate", "list"]).stdout).expect("json");
    assert_eq!(list[0]["email"], "eve@example.com");
}

#[test]
fn exports_keep_the_data_but_no_control_characters() {
    let env = Env::new();
    hostile_database(&env);
    let name = hostile("Eve");
    // JSON escapes: the exact name comes back.
    let json: Value = serde_json::from_slice(&env.ok(&["export", "-f", "json"]).stdout).expect("json");
    let names: Vec<&str> = json["roles"]
        .as_array()
        .expect("roles")
        .iter()
        .flat_map(|r| r["applications"].as_array().into_iter().flatten())
        .filter_map(|a| a["candidate"].as_str())
        .collect();
    assert!(names.contains(&name.as_str()), "{names:?}");
    // CSV: the row is there, readable, with the controls made visible stand-ins.
    let csv = String::from_utf8(env.ok(&["export", "-f", "csv"]).stdout).expect("utf-8");
    let row = csv.lines().find(|l| l.contains("Eve")).expect("Eve's row");
    assert!(row.contains("Eve\u{FFFD}]52;c;SGVsbG8="), "{row}");
    for (format, file) in [("csv", "out.csv"), ("md", "out.md"), ("html", "out.html"), ("json", "out.json")] {
        let path = env.dir.path().join(file);
        env.ok(&["export", "-f", format, "-o", path.to_str().expect("path")]);
        assert_clean(file, &std::fs::read(&path).expect("written file"));
    }
}

fn demo_env() -> Env {
    let env = Env::new();
    env.ok(&["demo", "--candidates", "3000", "--seed", "7"]);
    env
}

/// Read one byte of the output, then close the pipe while the command is still writing.
fn read_one_byte_then_close(env: &Env, args: &[&str]) -> Output {
    use std::io::Read;
    let mut child = env
        .cmd()
        .args(args)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("spawn");
    let mut stdout = child.stdout.take().expect("stdout");
    let mut one = [0u8; 1];
    stdout.read_exact(&mut one).expect("one byte");
    drop(stdout);
    child.wait_with_output().expect("wait")
}

#[test]
fn a_closed_stdout_ends_quietly_with_the_same_code_in_text_and_json() {
    let env = demo_env();
    let big = env.ok(&["board", "--print", "--closed"]);
    assert!(big.stdout.len() > 128 * 1024, "the board is larger than any pipe buffer");
    for args in [
        &["board", "--print", "--closed"][..],
        &["--json", "board", "--print", "--closed"],
        &["export", "-f", "csv"],
        &["export", "-f", "json"],
        &["--json", "candidate", "list", "--limit", "100000"],
    ] {
        let out = read_one_byte_then_close(&env, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        assert!(out.stderr.is_empty(), "{args:?} complained: {}", String::from_utf8_lossy(&out.stderr));
    }
}

mod tui {
    use super::{C1, CSI, OSC52, RLO, hostile};
    use chrono::{TimeZone, Utc};
    use ratatui::Terminal;
    use ratatui::backend::TestBackend;
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use rolecall::domain::{FamilyDraft, FixedClock, LevelDraft, StageDraft};
    use rolecall::store::{NewCandidate, Store};
    use rolecall::tui::action::Action;
    use rolecall::tui::app::App;
    use rolecall::tui::keymap::Keymap;
    use rolecall::tui::views::render;

    fn family() -> FamilyDraft {
        let stage = |l: String| StageDraft {
            full_text: format!("Interview: {l}"),
            label: l,
            interviewers: vec![hostile("Boss")],
            alternatives: vec![hostile("VP")],
            min_interviews: 1,
            max_interviews: 2,
        };
        FamilyDraft {
            title: hostile("Evil Role"),
            description: hostile("About"),
            levels: vec![LevelDraft {
                title: hostile("Junior Evil"),
                grade: Some(5),
                reports_to: Some(hostile("Boss")),
                responsibilities: vec![hostile("Do")],
                requirements: vec![hostile("Know"), format!("{RLO}reversed{C1}")],
            }],
            stages: vec![
                stage(hostile("Screening")),
                stage(format!("Evil {CSI}Manager{RLO}")),
                stage(hostile("Team")),
            ],
            ..FamilyDraft::default()
        }
    }

    fn cells_are_safe(t: &Terminal<TestBackend>, what: &str) {
        for cell in t.backend().buffer().content.iter() {
            let bad = cell.symbol().chars().any(rolecall::domain::text::is_unsafe);
            assert!(!bad, "{:?} reached a cell in {what}:\n{}", cell.symbol(), t.backend());
        }
    }

    #[test]
    fn no_screen_or_dialog_draws_a_control_or_bidi_character() {
        let now = Utc.with_ymd_and_hms(2026, 3, 2, 10, 0, 0).single().expect("time");
        let mut store = Store::open_in_memory().expect("store").with_clock(Box::new(FixedClock(now)));
        let (fam, _) = store.import_family("evil.md", "h", &family()).expect("import");
        let level = store.levels(fam).expect("levels")[0].id;
        let new = NewCandidate {
            name: hostile("Eve"),
            email: Some("eve@example.com".into()),
            phone: Some(hostile("555")),
            source: Some(format!("{OSC52}{RLO}")),
            notes: hostile("notes"),
        };
        let c = store.add_candidate(&new).expect("candidate");
        let app_id = store.apply(c, level).expect("apply").application.id;
        store.hold(app_id, Some(&hostile("waiting")), None).expect("hold");
        let mut app = App::new(store, Keymap::defaults()).expect("app");
        let esc = KeyEvent::new(KeyCode::Esc, KeyModifiers::NONE);
        let views: [(&str, Option<Action>); 8] = [
            ("board", None),
            ("detail", Some(Action::Open)),
            ("outcome form", Some(Action::Outcome)),
            ("edit form", Some(Action::Edit)),
            ("role picker", Some(Action::RolePicker)),
            ("help", Some(Action::Help)),
            ("roles screen", Some(Action::RolesScreen)),
            ("dashboard", Some(Action::Dashboard)),
        ];
        for (w, h) in [(80, 24), (120, 40)] {
            app.resize(w, h);
            for (what, action) in &views {
                if let Some(a) = action {
                    app.update(*a);
                }
                let mut t = Terminal::new(TestBackend::new(w, h)).expect("terminal");
                t.draw(|f| render(&app, f)).expect("draw");
                cells_are_safe(&t, &format!("{what} at {w}x{h}"));
                app.handle_key(esc);
            }
        }
    }
}
