//! Shell integration: the command tree with an Examples section on every `--help`,
//! completion scripts (clap_complete) and the manual page (clap_mangen).

use super::args::{Cli, CompletionsArgs};
use super::{CliError, CliResult, ExitCode};
use clap::{CommandFactory, FromArgMatches};
use std::io::Write;

/// Examples per command path ("" is rolecall itself), shown at the end of its `--help`.
const EXAMPLES: &[(&str, &str)] = &[
    (
        "",
        "rolecall                                # the board\n  rolecall --demo                         # try it on generated data\n  rolecall import pages/ && rolecall roles",
    ),
    (
        "import",
        "rolecall import ../shared/corpus/pages\n  rolecall import --dry-run page.md      # show what would be imported, write nothing\n  rolecall import --default-process page.md\n  rolecall import --into it-program-management-office newer-page.md",
    ),
    ("roles", "rolecall roles\n  rolecall roles it-program-management-office --json"),
    (
        "candidate",
        "rolecall candidate add \"Ana Ruiz\" --email ana@example.com\n  rolecall candidate list --filter ruiz\n  rolecall candidate show ana@example.com",
    ),
    (
        "candidate add",
        "rolecall candidate add \"Ana Ruiz\" --email ana@example.com --source referral\n  rolecall candidate add \"Bo Lee\" --phone \"+44 20 7946 0000\" --notes \"met at the meetup\"",
    ),
    ("candidate list", "rolecall candidate list\n  rolecall candidate list --filter ana --limit 20 --json"),
    ("candidate show", "rolecall candidate show 4\n  rolecall candidate show ana@example.com"),
    (
        "candidate erase",
        "rolecall candidate erase ana@example.com          # asks first\n  rolecall candidate erase 4 --yes",
    ),
    (
        "candidate edit",
        "rolecall candidate edit 4 --email ana.ruiz@example.com\n  rolecall candidate edit ana@example.com --phone \"\"   # clears the phone",
    ),
    (
        "apply",
        "rolecall apply ana@example.com --role it-program-management-office --level \"Senior IT Program Manager\"\n  rolecall apply 4 --role director-it-operations --level director",
    ),
    (
        "move",
        "rolecall move 3 --next\n  rolecall move 3 --back\n  rolecall move 3 --to \"VP IT panel\" --if-version 5",
    ),
    ("reject", "rolecall reject 3 --reason compensation --note \"asks 2x budget\""),
    ("withdraw", "rolecall withdraw 3 --note \"accepted another offer\""),
    ("hold", "rolecall hold 3 --note \"waiting for the budget\""),
    ("resume", "rolecall resume 3"),
    ("hire", "rolecall move 3 --to offer && rolecall hire 3"),
    ("level", "rolecall level 3 \"Senior IT Program Manager\"\n  rolecall level 3 staff --if-version 7"),
    ("reopen", "rolecall reopen 3"),
    (
        "stage",
        "rolecall stage it-program-management-office rename screening \"Phone screen\"\n  rolecall stage it-program-management-office add \"Take-home\" --before \"VP IT\"\n  rolecall stage it-program-management-office range stakeholder 1-2\n  rolecall stage it-program-management-office history\n  rolecall stage it-program-management-office undo",
    ),
    ("stage add", "rolecall stage it-program-management-office add \"Take-home\" --before \"VP IT\""),
    ("stage rename", "rolecall stage it-program-management-office rename screening \"Phone screen\""),
    ("stage remove", "rolecall stage it-program-management-office remove cfo"),
    ("stage move", "rolecall stage it-program-management-office move cfo 2"),
    ("stage range", "rolecall stage it-program-management-office range stakeholder 2-3"),
    ("stage alternatives", "rolecall stage it-program-management-office alternatives cfo \"VP Finance\""),
    (
        "stage interviewers",
        "rolecall stage it-program-management-office interviewers leader \"Kim Park\" \"Ana Ruiz\"",
    ),
    ("stage history", "rolecall stage it-program-management-office history --json"),
    ("stage undo", "rolecall stage it-program-management-office undo"),
    ("stage redo", "rolecall stage it-program-management-office redo"),
    (
        "level-def",
        "rolecall level-def it-program-management-office rename \"Senior IT\" \"Senior IT PM\"\n  rolecall level-def it-program-management-office grade staff 9\n  rolecall level-def it-program-management-office grade staff none",
    ),
    (
        "level-def rename",
        "rolecall level-def it-program-management-office rename \"Senior IT\" \"Senior IT PM\"",
    ),
    ("level-def grade", "rolecall level-def it-program-management-office grade staff 9"),
    ("changes", "rolecall changes\n  rolecall changes it-program-management-office --ack"),
    (
        "outcome",
        "rolecall interview requirements 3      # the numbered requirements to rate\n  rolecall outcome 3 --interviewer \"Kim Park\" --recommend yes --score 1=4 --score 2=3 --notes \"clear thinker\"",
    ),
    ("interview", "rolecall interview list 3\n  rolecall interview requirements 3"),
    ("interview list", "rolecall interview list 3 --json"),
    ("interview requirements", "rolecall interview requirements 3"),
    ("history", "rolecall history 3\n  rolecall history 3 --json"),
    (
        "export",
        "rolecall export -o pipeline.html               # open applications; --closed lists all\n  rolecall export -f csv --excel -o pipeline.csv  # times Excel makes dates\n  rolecall export -f md --as-of 2026-03-31\n  rolecall export -f json --diff 2026-03-01 2026-03-31",
    ),
    (
        "stats",
        "rolecall stats\n  rolecall stats --role it-program-management-office --as-of 2026-03-31 --weeks 8",
    ),
    ("board", "rolecall board --print\n  rolecall board --print --role director-it-operations --closed"),
    ("doctor", "rolecall doctor\n  rolecall doctor --full\n  rolecall doctor --checkpoint --json"),
    ("backup", "rolecall backup ~/rolecall-monday.db\n  rolecall backup ~/rolecall-monday.db --force"),
    (
        "restore",
        "rolecall restore ~/rolecall-monday.db\n  rolecall restore ~/rolecall-monday.db --force   # drops newer work (a safety copy is kept)",
    ),
    (
        "purge",
        "rolecall purge\n  rolecall --db postgres://postgres@db.example/rolecall purge   # as the server's administrator",
    ),
    (
        "demo",
        "rolecall --db /tmp/demo.db demo --candidates 100000 --seed 42\n  rolecall --db /tmp/demo.db board",
    ),
    (
        "completions",
        "rolecall completions bash > ~/.local/share/bash-completion/completions/rolecall\n  rolecall completions zsh > \"${fpath[1]}/_rolecall\"\n  rolecall completions fish > ~/.config/fish/completions/rolecall.fish",
    ),
    ("man", "rolecall man > ~/.local/share/man/man1/rolecall.1 && man rolecall"),
    (
        "owner",
        "rolecall owner it-program-management-office --hiring-manager hank --recruiter rita\n  rolecall owner it-program-management-office --json",
    ),
    ("assign", "rolecall assign 3 --owner rita"),
    (
        "limit",
        "rolecall limit it-program-management-office\n  rolecall limit it-program-management-office screening 14",
    ),
    ("stale", "rolecall stale\n  rolecall stale --role it-program-management-office --json"),
    ("search", "rolecall search ruiz\n  rolecall search \"ana@example.com\" --json"),
    (
        "schedule",
        "rolecall schedule 3 --at \"2026-12-03 14:00\" --tz Europe/Berlin --duration 45m --interviewer ivy ian\n  rolecall schedule 3 --at \"2026-12-04 09:30\" --interviewer ivy --stage \"VP IT panel\" --where \"Room 4\"",
    ),
    (
        "reschedule",
        "rolecall reschedule 7 --at \"2026-12-04 10:00\"          # same zone as before\n  rolecall reschedule 7 --interviewer ivy --duration 1h",
    ),
    ("cancel", "rolecall cancel 7"),
    (
        "agenda",
        "rolecall agenda --mine\n  rolecall agenda --interviewer ivy --days 7\n  rolecall agenda --mine --days 30 --ics interviews.ics   # for a calendar program",
    ),
    ("queue", "rolecall queue\n  rolecall queue --for ivy --json"),
    (
        "note",
        "rolecall note 3 \"asked about relocation\"\n  rolecall note 3 \"$(cat notes.txt)\"          # several lines",
    ),
    (
        "access",
        "rolecall access list\n  rolecall access grant hank hiring-manager --roles director-it-operations\n  rolecall access revoke ivy",
    ),
    (
        "access grant",
        "rolecall access grant rita recruiter\n  rolecall access grant hank hiring-manager --roles director-it-operations it-program-management-office\n  rolecall access grant ivy interviewer",
    ),
    (
        "access revoke",
        "rolecall access revoke hank --roles it-program-management-office   # one role of a hiring manager\n  rolecall access revoke ivy                                           # every access",
    ),
    ("access list", "rolecall access list\n  rolecall access list --json"),
    ("audit", "rolecall audit --since 2026-12-01\n  rolecall audit --user hank --json"),
];

/// The command tree as `--help` and the man page show it: every command ends with
/// its examples.
pub fn command() -> clap::Command {
    with_examples(Cli::command(), "")
}

fn with_examples(mut cmd: clap::Command, path: &str) -> clap::Command {
    if let Some((_, text)) = EXAMPLES.iter().find(|(p, _)| *p == path) {
        let before = cmd.get_after_help().map(|h| format!("{h}\n\n")).unwrap_or_default();
        cmd = cmd.after_help(format!("{before}Examples:\n  {text}"));
    }
    let names: Vec<String> = cmd.get_subcommands().map(|c| c.get_name().to_string()).collect();
    for name in names {
        let child = if path.is_empty() { name.clone() } else { format!("{path} {name}") };
        cmd = cmd.mut_subcommand(&name, |sub| with_examples(sub, &child));
    }
    cmd
}

/// Parse the process's arguments against [`command`].
pub fn parse() -> Result<Cli, clap::Error> {
    let matches = command().try_get_matches()?;
    Cli::from_arg_matches(&matches)
}

/// `rolecall completions SHELL`: the script on stdout.
pub fn completions(args: &CompletionsArgs) -> CliResult {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut cmd, "rolecall", &mut out);
    write_stdout(&out)
}

/// `rolecall man`: the manual page (roff) on stdout.
pub fn man() -> CliResult {
    let mut out = Vec::new();
    clap_mangen::Man::new(command()).render(&mut out).map_err(|e| CliError {
        code: ExitCode::Internal,
        message: format!("cannot render the manual: {e}"),
    })?;
    write_stdout(&out)
}

fn write_stdout(bytes: &[u8]) -> CliResult {
    let stdout = std::io::stdout();
    let mut lock = stdout.lock();
    lock.write_all(bytes)?;
    lock.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every visible command, as its path ("candidate add").
    fn paths(cmd: &clap::Command, prefix: &str, out: &mut Vec<String>) {
        for sub in cmd.get_subcommands().filter(|c| !c.is_hide_set() && c.get_name() != "help") {
            let path = if prefix.is_empty() {
                sub.get_name().to_string()
            } else {
                format!("{prefix} {}", sub.get_name())
            };
            paths(sub, &path, out);
            out.push(path);
        }
    }

    #[test]
    fn every_command_help_ends_with_examples() {
        let mut all = vec![String::new()];
        paths(&Cli::command(), "", &mut all);
        assert!(all.len() > 25, "{all:?}");
        for path in all {
            let mut cmd = command();
            let mut sub = &mut cmd;
            for name in path.split_whitespace() {
                sub = sub.find_subcommand_mut(name).expect("subcommand");
            }
            let help = sub.render_long_help().to_string();
            let examples =
                help.rfind("Examples:").unwrap_or_else(|| panic!("'{path}' has no examples:\n{help}"));
            let tail = &help[examples..];
            assert!(
                tail.lines().skip(1).all(|l| l.trim().is_empty() || l.starts_with("  rolecall")),
                "'{path}': {tail}"
            );
            assert!(tail.contains("rolecall"), "'{path}'");
        }
    }
}
