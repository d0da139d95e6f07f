//! The `paperkg` command: parse the arguments, run the subcommand, print errors as `paperkg: …`.

mod cmd;

use std::process::ExitCode;

use clap::Parser;

/// mimalloc instead of the system allocator: Oxigraph's evaluator allocates and frees a tuple or a
/// hash table entry for nearly every row it joins, and with glibc's allocator a fifth of the time of a
/// view or an export went to malloc and free (perf at 100,000 papers).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

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
