//! rolecall binary: parse arguments, run, map errors to exit codes.

use clap::Parser;
use rolecall::cli::{Cli, run};

fn main() {
    let cli = Cli::parse();
    if let Err(e) = run(cli) {
        eprintln!("rolecall: {}", e.message);
        std::process::exit(e.code as i32);
    }
}
