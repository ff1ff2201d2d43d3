//! The `copydesk` command: a thin layer over the library that walks paths,
//! reads files, and prints what the library finds.

mod cli;
mod discover;
mod lsp;
mod serve;
mod textfile;

fn main() {
    std::process::exit(cli::run());
}
