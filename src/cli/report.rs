//! The one place errors reach the person: one line on stderr, as text or (with
//! `--json`) as `{"error":{"kind":…,"code":…,"message":…}}`, never carrying a
//! terminal control sequence from stored data or arguments.

use super::{CliError, ExitCode};
use crate::domain::text::terminal_text;
use crate::export::json_line;
use serde::Serialize;
use std::ffi::OsString;
use std::io::Write;

#[derive(Serialize)]
struct ErrorDoc<'a> {
    error: ErrorBody<'a>,
}

#[derive(Serialize)]
struct ErrorBody<'a> {
    kind: &'static str,
    code: i32,
    message: &'a str,
}

/// Print `e` on stderr (nothing when the output was closed) and return the exit status.
pub fn report(e: &CliError, json: bool) -> i32 {
    let code = e.code as i32;
    if e.code == ExitCode::OutputClosed {
        return code;
    }
    let line = if json {
        json_line(&ErrorDoc { error: ErrorBody { kind: e.code.kind(), code, message: &e.message } })
    } else {
        format!("rolecall: {}", terminal_text(&e.message))
    };
    // Not eprintln!: it panics when stderr is a closed pipe (`… 2>&1 | head -1`),
    // and the documented exit code matters more than the message then.
    let _ = writeln!(std::io::stderr(), "{line}");
    code
}

/// True when `--json` is among the arguments (before a `--`), for errors that come
/// before the arguments could be parsed.
pub fn wants_json(args: impl IntoIterator<Item = OsString>) -> bool {
    args.into_iter().skip(1).take_while(|a| a != "--").any(|a| a == "--json")
}

/// Handle an argument-parsing error: help and version go out as clap prints them;
/// a usage error is reported like every other error (it can echo an argument, so it
/// is sanitised; with `--json` it is JSON). Returns the exit status.
pub fn report_parse_error(e: &clap::Error, json: bool) -> Option<i32> {
    use clap::error::ErrorKind;
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => return None,
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand if json => {
            let message = "a subcommand or argument is missing; run the command with --help to see them";
            return Some(report(&CliError::usage(message), json));
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => return None,
        _ => {}
    }
    let rendered = e.render().to_string();
    let message = if json {
        // One line: the error and any tip, without the usage block.
        rendered
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("For more information"))
            .map(|l| l.strip_prefix("error: ").unwrap_or(l))
            .collect::<Vec<_>>()
            .join(" ")
    } else {
        rendered.trim_end().strip_prefix("error: ").unwrap_or(rendered.trim_end()).to_string()
    };
    let err = CliError { code: ExitCode::Usage, message };
    Some(report(&err, json))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_flag_is_seen_before_a_double_dash_only() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert!(wants_json(args(&["rolecall", "roles", "--json"])));
        assert!(!wants_json(args(&["rolecall", "roles"])));
        assert!(!wants_json(args(&["rolecall", "candidate", "add", "--", "--json"])));
    }
}
