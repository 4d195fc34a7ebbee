//! rolecall binary: parse arguments, run, map errors to exit codes.

use clap::Parser;
use rolecall::cli::{Cli, run};
use std::io::Write;

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        // Not eprintln!: it panics when stderr is a closed pipe (`… 2>&1 | head -1`),
        // and the documented exit code matters more than the message then.
        let _ = writeln!(std::io::stderr(), "rolecall: {}", e.message);
        std::process::exit(e.code as i32);
    }
}
