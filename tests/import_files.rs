//! `import` reads regular files only, never past the size limit, with any line ending.

mod reliability;

use reliability::rolecall;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

/// Wait for `child`, killing it (and failing) if it hangs.
fn finish(mut child: Child, what: &str) -> (Option<i32>, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let out = child.wait_with_output().expect("output");
            let text =
                String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
            return (status.code(), text);
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{what}: import still running after 60 s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn import(db: &Path, page: &Path) -> (Option<i32>, String) {
    let child = rolecall(db)
        .arg("import")
        .arg(page)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("runs");
    finish(child, &page.display().to_string())
}

#[test]
fn a_fifo_is_refused_by_name_without_waiting_for_a_writer() {
    let dir = tempfile::tempdir().expect("tempdir");
    let fifo = dir.path().join("page.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo");
    assert!(made.success());
    let (code, out) = import(&dir.path().join("r.db"), &fifo);
    assert_eq!(code, Some(2), "{out}");
    assert!(
        out.contains("page.md") && out.contains("named pipe") && out.contains("not a regular file"),
        "{out}"
    );
}

#[test]
fn a_link_to_a_device_is_refused_before_reading() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, pages) = (dir.path().join("r.db"), dir.path().join("pages"));
    std::fs::create_dir(&pages).expect("mkdir");
    let link = pages.join("zero.md");
    std::os::unix::fs::symlink("/dev/zero", &link).expect("symlink");
    let (code, out) = import(&db, &link);
    assert_eq!(code, Some(2), "{out}");
    assert!(out.contains("zero.md: a device, not a regular file"), "{out}");
    // In a directory, special files are skipped like hidden ones; the real page imports.
    std::fs::write(pages.join("real.md"), page("\n")).expect("write");
    let (code, out) = import(&db, &pages);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("1 page: 1 created"), "{out}");
}

fn page(newline: &str) -> String {
    "---\ntitle: Data Analyst\n---\n## Levels\n\n### Data Analyst\n\nThe Data Analyst [grade 6].\n\n\
     #### Requirements\n\n- SQL\n- Statistics\n\n## Hiring Process\n\n- Screening call with a recruiter\n\
     - Interview with the Hiring Manager\n- Interview with the Team\n"
        .replace('\n', newline)
}

#[test]
fn pages_with_windows_or_classic_mac_line_endings_import() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, newline) in [("lf", "\n"), ("crlf", "\r\n"), ("cr", "\r")] {
        let path = dir.path().join(format!("{name}.md"));
        std::fs::write(&path, page(newline)).expect("write");
        let (code, out) = import(&dir.path().join(format!("{name}.db")), &path);
        assert_eq!(code, Some(0), "{name}: {out}");
        assert!(
            out.contains("(Data Analyst): 1 level, stages: Screening → Hiring Manager → Team → Offer"),
            "{name}: {out}"
        );
    }
}

#[test]
fn a_directory_gives_the_markdown_pages_below_it_and_nothing_else() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, tree) = (dir.path().join("r.db"), dir.path().join("handbook"));
    for sub in ["engineering/data", "sales", ".git", "empty"] {
        std::fs::create_dir_all(tree.join(sub)).expect("mkdir");
    }
    let titled = |title: &str| page("\n").replace("Data Analyst", title);
    std::fs::write(tree.join("engineering/data/analyst.md"), titled("Data Analyst")).expect("write");
    std::fs::write(tree.join("sales/account-executive.markdown"), titled("Account Executive"))
        .expect("write");
    std::fs::write(tree.join("top.MD"), titled("Office Manager")).expect("write");
    // Not pages: other files, hidden directories, a link to a directory (could loop).
    std::fs::write(tree.join("truth.tsv"), "page\tlevels\n").expect("write");
    std::fs::write(tree.join("sales/notes.txt"), titled("Not A Page")).expect("write");
    std::fs::write(tree.join(".git/HEAD.md"), titled("Hidden Page")).expect("write");
    std::os::unix::fs::symlink(&tree, tree.join("sales/loop")).expect("symlink");
    let (code, out) = import(&db, &tree);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("3 pages: 3 created"), "{out}");
    for title in ["Data Analyst", "Account Executive", "Office Manager"] {
        assert!(out.contains(title), "{title} missing: {out}");
    }
    assert!(
        !out.contains("Not A Page") && !out.contains("Hidden Page") && !out.contains("truth.tsv"),
        "{out}"
    );
    // A directory with no page below it says so and imports nothing.
    let (code, out) = import(&db, &tree.join("empty"));
    assert_ne!(code, Some(0), "{out}");
    assert!(out.contains("empty") && out.contains("no markdown pages"), "{out}");
}

#[test]
fn a_copy_of_a_bundled_page_takes_over_its_role_and_says_so_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let (db, page) = (dir.path().join("r.db"), dir.path().join("it-pmo.md"));
    let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/roles/it-program-management-office.md");
    std::fs::copy(bundled, &page).expect("copy");
    let (code, out) = import(&db, &page);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.contains("updates the bundled role 'it-program-management-office'"), "{out}");
    assert!(out.contains("0 created, 0 updated, 1 unchanged"), "{out}");
    let (code, out) = import(&db, &page);
    assert_eq!(code, Some(0), "{out}");
    assert_eq!(
        out.trim(),
        "1 page: 0 created, 0 updated, 1 unchanged, 0 refused",
        "the file is the role's now"
    );
    let roles = rolecall(&db).args(["roles", "--json"]).output().expect("roles");
    let roles: serde_json::Value = serde_json::from_slice(&roles.stdout).expect("json");
    assert_eq!(roles.as_array().map(Vec::len), Some(2), "no second role: {roles}");
}
