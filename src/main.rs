//! rolecall binary: parse arguments, run, map errors to exit codes.

use rolecall::cli::{parse, report, report_parse_error, run, wants_json};

fn main() {
    let cli = match parse() {
        Ok(cli) => cli,
        Err(e) => match report_parse_error(&e, wants_json(std::env::args_os())) {
            Some(code) => std::process::exit(code),
            None => e.exit(),
        },
    };
    let json = cli.json;
    if let Err(e) = run(cli) {
        std::process::exit(report(&e, json));
    }
}
