//! `newsgauge`: the engine on the command line.

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "newsgauge", version, about = "Analyse financial news articles")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the analysis JSON of one plain-text article.
    Analyze {
        /// File to read, or `-` (the default) for standard input.
        #[arg(default_value = "-")]
        file: String,
        /// The article's headline.
        #[arg(long)]
        title: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { file, title } => {
            let text = match read_input(&file) {
                Ok(t) => t,
                Err(e) => {
                    eprintln!("newsgauge: cannot read {file}: {e}");
                    return ExitCode::from(2);
                }
            };
            let analysis = newsgauge_engine::analyze(&newsgauge_engine::Article { title, text });
            println!("{}", serde_json::to_string_pretty(&analysis).expect("analysis serialises"));
            ExitCode::SUCCESS
        }
    }
}

fn read_input(file: &str) -> std::io::Result<String> {
    let bytes = if file == "-" {
        let mut b = Vec::new();
        std::io::stdin().read_to_end(&mut b)?;
        b
    } else {
        std::fs::read(file)?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
