//! The `paperkg` command: parse the arguments, run the subcommand, print errors as `paperkg: …`.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = cmd::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(e) if cmd::is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("paperkg: {e:#}");
            ExitCode::from(cmd::EXIT_FAILED)
        }
    }
}
