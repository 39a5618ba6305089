//! `newsgauge batch`: a stateless JSON Lines filter, one output line per input record,
//! in input order, using every core.
//!
//! Input records are `{"id": <any JSON>, "title": "..." (optional), "text": "..."}`.
//! Output lines are `{"id": ..., "analysis": {...}}`, or `{"id": ..., "line": N, "error": "..."}`
//! for a record that cannot be read (bad JSON, missing or non-string `text`, invalid UTF-8).
//! Whitespace-only lines are not records: they give no output line and no error, but still
//! count in the physical line numbers reported in errors. A record without `id` (or with
//! `"id": null`) is analysed and written with `"id": null`.

use std::io::{self, BufRead, Write};
use std::sync::mpsc;

use indicatif::{ProgressBar, ProgressStyle};
use newsgauge_engine::{Analysis, Article};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::value::RawValue;

use crate::jsonl::{json_error_message, Line, LineReader};

/// Lines analysed together in parallel: enough work to keep every core busy between the
/// ordered writes, few enough that a chunk's analyses stay small in memory.
pub const CHUNK_LINES: usize = 1024;
/// A chunk also ends once it holds this many input bytes, so long articles keep memory
/// bounded (a single longer line still forms a chunk of its own).
pub const CHUNK_BYTES: usize = 8 << 20;
/// Chunks read ahead while the current one is analysed: overlaps reading with analysis
/// while keeping at most this many extra chunks in memory.
const READ_AHEAD: usize = 1;

/// One input record. `id` is kept verbatim (any JSON, big numbers included).
#[derive(Deserialize)]
struct Record<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    text: Option<String>,
}

/// Only the id of a record, to label an error line when the rest is unusable.
#[derive(Deserialize)]
struct IdOnly<'a> {
    #[serde(default, borrow)]
    id: Option<&'a RawValue>,
}

#[derive(Serialize)]
struct OkLine<'a> {
    id: Option<&'a RawValue>,
    analysis: &'a Analysis,
}

#[derive(Serialize)]
struct ErrLine<'a> {
    id: Option<&'a RawValue>,
    line: usize,
    error: &'a str,
}

/// The result of one input line.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A whitespace-only line: no output.
    Blank,
    /// An analysed record: its output line (without newline).
    Analysed(Vec<u8>),
    /// An unreadable record: its error line (without newline).
    Failed(Vec<u8>),
}

/// Turn one input line into its output line.
pub fn process_line(line: &Line) -> Outcome {
    if line.is_blank() {
        return Outcome::Blank;
    }
    let text = match std::str::from_utf8(&line.bytes) {
        Ok(t) => t,
        Err(e) => {
            // Still try to name the record: read the id from a lossy copy.
            let lossy = String::from_utf8_lossy(&line.bytes);
            let id = serde_json::from_str::<IdOnly>(&lossy)
                .ok()
                .and_then(|r| r.id);
            let msg = format!(
                "line is not valid UTF-8 (invalid byte at column {})",
                e.valid_up_to() + 1
            );
            return failed(id, line.number, &msg);
        }
    };
    let record: Record = match serde_json::from_str(text) {
        Ok(r) => r,
        Err(e) => {
            let id = serde_json::from_str::<IdOnly>(text).ok().and_then(|r| r.id);
            return failed(id, line.number, &json_error_message(&e));
        }
    };
    let Some(body) = record.text else {
        return failed(record.id, line.number, "record has no \"text\" field");
    };
    let analysis = newsgauge_engine::analyze(&Article {
        title: record.title,
        text: body,
    });
    let mut out = Vec::with_capacity(1024);
    serde_json::to_writer(
        &mut out,
        &OkLine {
            id: record.id,
            analysis: &analysis,
        },
    )
    .expect("analysis serialises");
    Outcome::Analysed(out)
}

fn failed(id: Option<&RawValue>, line: usize, error: &str) -> Outcome {
    let mut out = Vec::with_capacity(64 + error.len());
    serde_json::to_writer(&mut out, &ErrLine { id, line, error }).expect("error line serialises");
    Outcome::Failed(out)
}

/// Counts of a finished batch.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub analysed: usize,
    pub failed: usize,
    pub blank: usize,
}

/// Run the filter from `input` to `output`. `total_bytes` (when known) sizes the progress
/// bar, which is only drawn when `progress` is true.
pub fn run<R, W>(
    input: R,
    output: &mut W,
    progress: bool,
    total_bytes: Option<u64>,
) -> io::Result<Summary>
where
    R: BufRead + Send + 'static,
    W: Write,
{
    let bar = progress.then(|| make_bar(total_bytes));
    let (tx, rx) = mpsc::sync_channel::<io::Result<(Vec<Line>, u64)>>(READ_AHEAD);
    let reader = std::thread::spawn(move || {
        let mut lines = LineReader::new(input);
        loop {
            let chunk = lines.next_chunk(CHUNK_LINES, CHUNK_BYTES);
            let stop = !matches!(&chunk, Ok((c, _)) if !c.is_empty());
            if tx.send(chunk).is_err() || stop {
                break;
            }
        }
    });

    let mut summary = Summary::default();
    let result = (|| {
        for chunk in rx.iter() {
            let (lines, consumed) = chunk?;
            if lines.is_empty() {
                break;
            }
            let outcomes: Vec<Outcome> = lines.par_iter().map(process_line).collect();
            for o in &outcomes {
                match o {
                    Outcome::Blank => summary.blank += 1,
                    Outcome::Analysed(b) | Outcome::Failed(b) => {
                        if matches!(o, Outcome::Analysed(_)) {
                            summary.analysed += 1;
                        } else {
                            summary.failed += 1;
                        }
                        output.write_all(b)?;
                        output.write_all(b"\n")?;
                    }
                }
            }
            if let Some(bar) = &bar {
                if total_bytes.is_some() {
                    bar.inc(consumed);
                } else {
                    bar.inc(lines.len() as u64);
                }
                bar.set_message(format!("{} errors", summary.failed));
            }
        }
        output.flush()
    })();
    // Dropping the receiver (on error) ends the reader thread at its next send.
    drop(rx);
    let _ = reader.join();
    if let Some(bar) = bar {
        bar.finish_with_message(format!(
            "{} analysed, {} errors",
            summary.analysed, summary.failed
        ));
    }
    result.map(|_| summary)
}

fn make_bar(total_bytes: Option<u64>) -> ProgressBar {
    match total_bytes {
        Some(n) => {
            let bar = ProgressBar::new(n);
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} eta {eta} {msg}",
                )
                .expect("valid template"),
            );
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            bar.set_style(
                ProgressStyle::with_template("{spinner} {pos} lines {per_sec} {msg}")
                    .expect("valid template"),
            );
            bar
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(n: usize, s: &[u8]) -> Line {
        Line {
            number: n,
            bytes: s.to_vec(),
        }
    }

    fn json(o: &Outcome) -> serde_json::Value {
        match o {
            Outcome::Analysed(b) | Outcome::Failed(b) => serde_json::from_slice(b).unwrap(),
            Outcome::Blank => panic!("blank"),
        }
    }

    #[test]
    fn a_good_record_keeps_its_id_verbatim_and_carries_the_analysis() {
        let o = process_line(&line(
            1,
            br#"{"id": 123456789012345678901234567890, "text": "Shares rose."}"#,
        ));
        let Outcome::Analysed(b) = &o else {
            panic!("{o:?}")
        };
        let s = std::str::from_utf8(b).unwrap();
        assert!(
            s.starts_with(r#"{"id":123456789012345678901234567890,"analysis":{"#),
            "{s}"
        );
        assert_eq!(json(&o)["analysis"]["schema_version"], 1);
    }

    #[test]
    fn title_is_passed_to_the_engine() {
        let with = json(&process_line(&line(
            1,
            br#"{"id":1,"title":"Shares plunged","text":""}"#,
        )));
        let without = json(&process_line(&line(1, br#"{"id":1,"text":""}"#)));
        assert_ne!(
            with["analysis"]["sentiment"],
            without["analysis"]["sentiment"]
        );
    }

    #[test]
    fn missing_text_is_an_error_that_names_the_id_and_line() {
        let o = process_line(&line(7, br#"{"id": "a-1", "title": "x"}"#));
        assert!(matches!(o, Outcome::Failed(_)));
        let v = json(&o);
        assert_eq!(v["id"], "a-1");
        assert_eq!(v["line"], 7);
        assert!(v["error"].as_str().unwrap().contains("text"));
    }

    #[test]
    fn non_string_text_and_bad_json_are_errors() {
        let v = json(&process_line(&line(2, br#"{"id": 5, "text": 5}"#)));
        assert_eq!(v["line"], 2);
        assert!(v["error"]
            .as_str()
            .unwrap()
            .starts_with("invalid JSON record"));
        assert_eq!(
            v["id"], 5,
            "id is recovered from an otherwise unusable record"
        );
        let v = json(&process_line(&line(3, b"{not json")));
        assert_eq!(v["id"], serde_json::Value::Null);
        let v = json(&process_line(&line(4, b"[1, 2]")));
        assert_eq!(v["line"], 4);
    }

    #[test]
    fn invalid_utf8_is_an_error_for_that_line_with_its_id_when_readable() {
        let o = process_line(&line(9, b"{\"id\": 42, \"text\": \"caf\xe9\"}"));
        let v = json(&o);
        assert_eq!(v["id"], 42);
        assert_eq!(v["line"], 9);
        assert!(v["error"].as_str().unwrap().contains("UTF-8"));
    }

    #[test]
    fn blank_lines_are_not_records() {
        assert_eq!(process_line(&line(1, b"  \t")), Outcome::Blank);
    }

    #[test]
    fn run_preserves_order_across_chunks_and_counts_outcomes() {
        // More lines than one chunk, so ordering across chunk boundaries is exercised.
        let n = CHUNK_LINES * 2 + 17;
        let mut input = String::new();
        for i in 0..n {
            if i == 1500 {
                input.push_str("oops\n");
            } else if i == 3 {
                input.push('\n');
            } else {
                input.push_str(&format!(
                    "{{\"id\": {i}, \"text\": \"Shares rose {i}%.\"}}\n"
                ));
            }
        }
        let mut out = Vec::new();
        let summary = run(io::Cursor::new(input.into_bytes()), &mut out, false, None).unwrap();
        assert_eq!(
            summary,
            Summary {
                analysed: n - 2,
                failed: 1,
                blank: 1
            }
        );
        let lines: Vec<serde_json::Value> = out
            .split(|b| *b == b'\n')
            .filter(|l| !l.is_empty())
            .map(|l| serde_json::from_slice(l).unwrap())
            .collect();
        assert_eq!(lines.len(), n - 1);
        let mut expected = (0..n).filter(|i| *i != 3);
        for v in &lines {
            let i = expected.next().unwrap();
            if i == 1500 {
                assert_eq!(v["line"], 1501);
                assert!(v["error"].is_string());
            } else {
                assert_eq!(v["id"], i);
                assert!(v["analysis"].is_object());
            }
        }
    }
}
