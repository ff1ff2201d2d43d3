//! The `copydesk` command: a thin layer over the library that walks paths,
//! reads files, and prints what the library finds.

mod cli;
mod discover;
mod serve;

fn main() {
    // `copydesk serve ...`: the HTTP front-end, with its own arguments.
    if std::env::args_os().nth(1).is_some_and(|a| a == "serve") {
        std::process::exit(serve::main(std::env::args_os().skip(1)));
    }
    std::process::exit(cli::run());
}
