//! The `copydesk` command: a thin layer over the library that walks paths,
//! reads files, and prints what the library finds.

mod cli;
mod discover;
mod lsp;

fn main() {
    // `copydesk lsp`: the language server, on standard input and output.
    let args: Vec<_> = std::env::args_os().skip(1).collect();
    if args.first().is_some_and(|a| a == "lsp") {
        std::process::exit(lsp::main(&args[1..]));
    }
    std::process::exit(cli::run());
}
