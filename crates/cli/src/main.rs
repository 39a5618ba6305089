//! `newsgauge`: the engine on the command line.
//!
//! Exit status: 0 on success; 2 for usage and I/O errors; 3 when `batch` wrote an error
//! line for at least one input line.

mod batch;
mod entities;
mod eval;
mod jsonl;
mod metrics;

use std::fs::File;
use std::io::{self, BufReader, BufWriter, IsTerminal, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit status for usage and I/O errors (clap uses it for usage errors too).
const EXIT_USAGE_OR_IO: u8 = 2;
/// Exit status of a batch in which some lines could not be analysed.
const EXIT_SOME_LINES_FAILED: u8 = 3;

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
    /// Analyse JSON Lines records `{"id", "title"?, "text"}` on all cores; write one line
    /// per record, in input order: `{"id", "analysis"}` or `{"id", "line", "error"}`.
    ///
    /// Whitespace-only lines are not records and produce no output. Exit status 3 when
    /// some lines could not be analysed.
    Batch {
        /// Input JSON Lines file (default: standard input).
        #[arg(long, short)]
        input: Option<PathBuf>,
        /// Output file (default: standard output).
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Worker threads (default: one per core, or RAYON_NUM_THREADS).
        #[arg(long, short = 'j')]
        threads: Option<usize>,
        /// Never draw the progress bar (it is only drawn when stderr is a terminal).
        #[arg(long)]
        no_progress: bool,
    },
    /// Measure the engine against labelled JSON Lines.
    Eval {
        #[command(subcommand)]
        what: EvalCommand,
    },
}

#[derive(Subcommand)]
enum EvalCommand {
    /// Accuracy, macro-F1 and confusion matrix on rows with `text` and `label`
    /// (positive/negative/neutral or bullish/bearish/neutral).
    Sentiment {
        #[arg(long)]
        data: PathBuf,
        /// Keep only Financial PhraseBank rows in this agreement subset (`agreement`
        /// field): AllAgree, 75Agree, 66Agree or 50Agree. A stricter subset is inside
        /// every looser one.
        #[arg(long, value_parser = eval::parse_agreement)]
        agreement: Option<u8>,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Per-entity sentiment on SEntFiN rows `{"text", "entities": [{"entity", "label"}]}`.
    Entities {
        #[arg(long)]
        data: PathBuf,
    },
    /// Per-topic precision/recall/F1 and micro-F1 on Reuters-21578 rows
    /// `{"title", "text", "labels": [codes]}`, over the eight topics the codes map to.
    Topics {
        #[arg(long)]
        data: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Analyze { file, title } => analyze(&file, title),
        Command::Batch {
            input,
            output,
            threads,
            no_progress,
        } => batch(input.as_deref(), output.as_deref(), threads, no_progress),
        Command::Eval { what } => match what {
            EvalCommand::Sentiment {
                data,
                agreement,
                json,
            } => {
                let rows = match read_rows(&data) {
                    Ok(r) => r,
                    Err(code) => return code,
                };
                let mut report = eval::evaluate_sentiment(&rows.rows, agreement);
                report.skipped += rows.skipped.len();
                print_report(json, || report.to_json(), || report.to_string())
            }
            EvalCommand::Topics { data, json } => {
                let rows = match read_rows(&data) {
                    Ok(r) => r,
                    Err(code) => return code,
                };
                let report = eval::evaluate_topics(&rows.rows);
                print_report(json, || report.to_json(), || report.to_string())
            }
            EvalCommand::Entities { data } => {
                let rows = match read_rows::<entities::SentfinRow>(&data) {
                    Ok(r) => r,
                    Err(code) => return code,
                };
                entities::run(rows.rows.into_iter().map(|(_, r)| r).collect())
            }
        },
    }
}

fn analyze(file: &str, title: Option<String>) -> ExitCode {
    let text = match read_input(file) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("newsgauge: cannot read {file}: {e}");
            return ExitCode::from(EXIT_USAGE_OR_IO);
        }
    };
    let analysis = newsgauge_engine::analyze(&newsgauge_engine::Article { title, text });
    let json = serde_json::to_string_pretty(&analysis).expect("analysis serialises");
    write_stdout(&json)
}

/// Print `text` and a newline; a closed pipe or full disk is an I/O error (exit 2), not a
/// panic.
pub(crate) fn write_stdout(text: &str) -> ExitCode {
    let mut stdout = io::stdout().lock();
    match writeln!(stdout, "{text}").and_then(|_| stdout.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            if e.kind() != io::ErrorKind::BrokenPipe {
                eprintln!("newsgauge: cannot write output: {e}");
            }
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

fn read_input(file: &str) -> io::Result<String> {
    let bytes = if file == "-" {
        let mut b = Vec::new();
        io::stdin().read_to_end(&mut b)?;
        b
    } else {
        std::fs::read(file)?
    };
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn batch(
    input: Option<&Path>,
    output: Option<&Path>,
    threads: Option<usize>,
    no_progress: bool,
) -> ExitCode {
    if let Some(n) = threads {
        if let Err(e) = rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()
        {
            eprintln!("newsgauge: cannot start {n} threads: {e}");
            return ExitCode::from(EXIT_USAGE_OR_IO);
        }
    }
    let (reader, total): (Box<dyn io::BufRead + Send>, Option<u64>) = match input {
        Some(p) if p != Path::new("-") => match File::open(p) {
            Ok(f) => {
                let len = f.metadata().ok().map(|m| m.len());
                (Box::new(BufReader::with_capacity(1 << 16, f)), len)
            }
            Err(e) => {
                eprintln!("newsgauge: cannot read {}: {e}", p.display());
                return ExitCode::from(EXIT_USAGE_OR_IO);
            }
        },
        _ => (
            Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            None,
        ),
    };
    let mut writer: Box<dyn Write> = match output {
        Some(p) if p != Path::new("-") => match File::create(p) {
            Ok(f) => Box::new(BufWriter::with_capacity(1 << 16, f)),
            Err(e) => {
                eprintln!("newsgauge: cannot write {}: {e}", p.display());
                return ExitCode::from(EXIT_USAGE_OR_IO);
            }
        },
        _ => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
    };
    let progress = !no_progress && io::stderr().is_terminal();
    match batch::run(reader, &mut writer, progress, total) {
        Ok(summary) if summary.failed > 0 => {
            eprintln!(
                "newsgauge: {} of {} records could not be analysed (see their \"error\" lines)",
                summary.failed,
                summary.failed + summary.analysed
            );
            ExitCode::from(EXIT_SOME_LINES_FAILED)
        }
        Ok(_) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("newsgauge: batch failed: {e}");
            ExitCode::from(EXIT_USAGE_OR_IO)
        }
    }
}

fn read_rows<T: serde::de::DeserializeOwned>(path: &Path) -> Result<eval::Rows<T>, ExitCode> {
    match eval::read_rows::<T>(path) {
        Ok(rows) => {
            eval::warn_skipped(&rows.skipped);
            Ok(rows)
        }
        Err(e) => {
            eprintln!("newsgauge: cannot read {}: {e}", path.display());
            Err(ExitCode::from(EXIT_USAGE_OR_IO))
        }
    }
}

fn print_report(
    json: bool,
    as_json: impl FnOnce() -> String,
    as_text: impl FnOnce() -> String,
) -> ExitCode {
    let out = if json { as_json() } else { as_text() };
    write_stdout(out.trim_end())
}
