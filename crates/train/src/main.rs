//! `newsgauge-train`: the Rust half of the sentiment training pipeline (`./train/train.sh`).
//!
//! - `export` turns the labelled sets in `../shared/data` into hashed feature rows using the
//!   engine's own feature extractor (so training and inference cannot drift).
//! - `eval` scores rows with a model file through the engine's full inference path
//!   (quantised weights, hedging, article aggregation) and prints accuracy, macro-F1 and
//!   confusion matrices: cross-validated with one model per fold, or on the held-out slice.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use clap::{Parser, Subcommand};
use newsgauge_engine::sentiment::{self, features, model::Model};
use newsgauge_engine::Doc;

mod data;
use data::{load_all, Row};

#[derive(Parser)]
#[command(
    name = "newsgauge-train",
    about = "Export features and evaluate sentiment models"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Write one TSV line per labelled row: source, fold, holdout, label, subset, weight, features.
    Export {
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[arg(long)]
        out: PathBuf,
        /// Hash buckets (must match the model that will be trained).
        #[arg(long, default_value_t = 1 << 16)]
        buckets: u32,
    },
    /// Print the shipped model's score, class probabilities and explanations of each text.
    Score { texts: Vec<String> },
    /// Evaluate: with --folds-dir, fold k's model scores fold k's rows (cross-validation);
    /// otherwise --model scores the held-out slice (rows never used to train it).
    Eval {
        #[arg(long, default_value = "../shared/data")]
        data: PathBuf,
        #[arg(long)]
        folds_dir: Option<PathBuf>,
        #[arg(long)]
        model: Option<PathBuf>,
        /// Number of folds in --folds-dir.
        #[arg(long, default_value_t = 10)]
        folds: u32,
    },
}

fn main() {
    let cli = Cli::parse();
    match cli.command {
        Command::Export { data, out, buckets } => export(&data, &out, buckets),
        Command::Score { texts } => {
            for t in texts {
                let m = sentiment::model::shipped();
                let s =
                    sentiment::score_span_with(m, &t, newsgauge_engine::Field::Body, 0, t.len());
                println!(
                    "{:+.3} conf {:.2} p(neg,neu,pos) {:.2?}  {t}",
                    s.score, s.confidence, s.probabilities
                );
                for e in &s.explanations {
                    println!("    {} {:+.3} {:?}", e.rule, e.weight, &t[e.start..e.end]);
                }
            }
        }
        Command::Eval {
            data,
            folds_dir,
            model,
            folds,
        } => {
            let rows = load_all(&data);
            let report = match (folds_dir, model) {
                (Some(dir), _) => eval_cv(&rows, &dir, folds),
                (None, Some(path)) => eval_holdout(&rows, &path),
                (None, None) => {
                    eprintln!("newsgauge-train eval: give --folds-dir or --model");
                    std::process::exit(2);
                }
            };
            print!("{report}");
        }
    }
}

fn export(data: &Path, out: &Path, buckets: u32) {
    let rows = load_all(data);
    let mut w = std::io::BufWriter::new(std::fs::File::create(out).expect("create export file"));
    let mut scratch = features::Scratch::default();
    let mut merged: BTreeMap<u32, f32> = BTreeMap::new();
    for r in &rows {
        features::extract(&r.text, 0, buckets, &mut scratch);
        merged.clear();
        for f in scratch.all_features() {
            *merged.entry(f.index).or_default() += f.value;
        }
        write!(
            w,
            "{}\t{}\t{}\t{}\t{}\t{}\t",
            r.source, r.fold, r.holdout as u8, r.label, r.subset, r.weight
        )
        .unwrap();
        let mut first = true;
        for (i, v) in &merged {
            if *v != 0.0 {
                if !first {
                    w.write_all(b" ").unwrap();
                }
                write!(w, "{i}:{v}").unwrap();
                first = false;
            }
        }
        w.write_all(b"\n").unwrap();
    }
    eprintln!("exported {} rows to {}", rows.len(), out.display());
}

/// Predicted class (0 negative, 1 neutral, 2 positive) of a text, through the engine's
/// article path and the documented label bands.
fn predict(model: &Model<'_>, text: &str) -> usize {
    let doc = Doc::new("", text);
    let s = sentiment::score_with(model, &doc).overall.score;
    if s.abs() < newsgauge_engine::NEUTRAL_BAND {
        1
    } else if s > 0.0 {
        2
    } else {
        0
    }
}

/// Metrics of one evaluation set.
#[derive(Default)]
struct Tally {
    confusion: [[u32; 3]; 3],
}

impl Tally {
    fn add(&mut self, gold: usize, pred: usize) {
        self.confusion[gold][pred] += 1;
    }
    fn n(&self) -> u32 {
        self.confusion.iter().flatten().sum()
    }
    fn accuracy(&self) -> f64 {
        let ok: u32 = (0..3).map(|k| self.confusion[k][k]).sum();
        ok as f64 / self.n().max(1) as f64
    }
    fn macro_f1(&self) -> f64 {
        let mut f1 = 0.0;
        for k in 0..3 {
            let tp = self.confusion[k][k] as f64;
            let gold: f64 = self.confusion[k].iter().sum::<u32>() as f64;
            let pred: f64 = (0..3).map(|g| self.confusion[g][k]).sum::<u32>() as f64;
            let (p, r) = (tp / pred.max(1.0), tp / gold.max(1.0));
            f1 += if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
        }
        f1 / 3.0
    }
}

/// The evaluation sets, in report order.
const SETS: &[&str] = &["fpb_all", "fpb_allagree", "twitter_fin", "sentfin", "fiqa"];

fn sets_of(r: &Row) -> Vec<&'static str> {
    match r.source.as_str() {
        "fpb" if r.subset == "AllAgree" => vec!["fpb_all", "fpb_allagree"],
        "fpb" => vec!["fpb_all"],
        "twitter" => vec!["twitter_fin"],
        "sentfin" => vec!["sentfin"],
        "fiqa" => vec!["fiqa"],
        _ => vec![],
    }
}

fn report(title: &str, tallies: &BTreeMap<&'static str, Tally>) -> String {
    let mut out = String::new();
    writeln!(out, "## {title}\n").unwrap();
    writeln!(
        out,
        "| set | rows | accuracy | macro-F1 |\n|---|---|---|---|"
    )
    .unwrap();
    for set in SETS {
        if let Some(t) = tallies.get(set) {
            writeln!(
                out,
                "| {set} | {} | {:.3} | {:.3} |",
                t.n(),
                t.accuracy(),
                t.macro_f1()
            )
            .unwrap();
        }
    }
    writeln!(
        out,
        "\nConfusion matrices (rows gold, columns predicted: negative, neutral, positive):\n"
    )
    .unwrap();
    for set in SETS {
        if let Some(t) = tallies.get(set) {
            writeln!(out, "- {set}: {:?}", t.confusion).unwrap();
        }
    }
    out
}

fn eval_cv(rows: &[Row], dir: &Path, folds: u32) -> String {
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for k in 0..folds {
        let path = dir.join(format!("fold{k}.bin"));
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
        let model = Model::from_bytes(&bytes).expect("valid fold model");
        for r in rows.iter().filter(|r| r.fold == k && r.eval) {
            let pred = predict(&model, &r.text);
            for set in sets_of(r) {
                tallies.entry(set).or_default().add(r.label as usize, pred);
            }
        }
    }
    report(
        &format!(
            "{folds}-fold cross-validation (each row scored by the model that did not train on it)"
        ),
        &tallies,
    )
}

fn eval_holdout(rows: &[Row], path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
    let model = Model::from_bytes(&bytes).expect("valid model");
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.holdout && r.eval) {
        let pred = predict(&model, &r.text);
        for set in sets_of(r) {
            tallies.entry(set).or_default().add(r.label as usize, pred);
        }
    }
    report(
        "Held-out slice (excluded from the shipped model's training)",
        &tallies,
    )
}
