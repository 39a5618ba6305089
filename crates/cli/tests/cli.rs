//! Runs the built `newsgauge` binary the way a user would.

use std::io::Write;
use std::process::{Command, Stdio};

#[test]
fn analyze_prints_parseable_analysis_json_for_stdin() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgauge"))
        .args(["analyze", "--title", "Acme shares plunged"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("run newsgauge");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Acme missed estimates and its shares fell 9%.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(v["schema_version"], 1);
    assert!(v["sentiment"]["score"].as_f64().unwrap() < 0.0);
}

/// Exit status 0, or fail showing the tool's stderr.
fn assert_success(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn newsgauge(args: &[&str], stdin: &[u8]) -> std::process::Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsgauge"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsgauge");
    let mut input = child.stdin.take().unwrap();
    let data = stdin.to_vec();
    // Write from a thread so a large output cannot deadlock against a full stdin pipe.
    let writer = std::thread::spawn(move || input.write_all(&data));
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    out
}

fn json_lines(stdout: &[u8]) -> Vec<serde_json::Value> {
    std::str::from_utf8(stdout)
        .expect("output is UTF-8")
        .lines()
        .map(|l| serde_json::from_str(l).expect("every output line is JSON"))
        .collect()
}

fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn batch_keeps_input_order_and_reports_bad_lines_by_number_with_exit_3() {
    let mut input = Vec::new();
    input.extend_from_slice(
        b"{\"id\": \"a\", \"title\": \"Acme beat estimates\", \"text\": \"Shares rose.\"}\n",
    );
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"Shares fell.\"}\n");
    input.extend_from_slice(b"{\"id\": 3, \"text\": oops}\n");
    input.extend_from_slice(b"{\"id\": [4], \"text\": \"caf\xe9 sales plunged\"}\n");
    input.extend_from_slice(b"{\"id\": {\"k\": 5}, \"title\": \"no text here\"}\n");
    input.extend_from_slice(b"\n");
    input.extend_from_slice(b"{\"id\": null, \"text\": \"Revenue surged.\"}\r\n");
    let out = newsgauge(&["batch"], &input);
    assert_eq!(
        out.status.code(),
        Some(3),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let lines = json_lines(&out.stdout);
    assert_eq!(
        lines.len(),
        6,
        "one output per record, the blank line gives none"
    );
    assert_eq!(lines[0]["id"], "a");
    assert!(lines[0]["analysis"]["sentiment"]["score"].as_f64().unwrap() > 0.0);
    assert_eq!(lines[1]["id"], 2);
    assert!(lines[1]["analysis"]["sentiment"]["score"].as_f64().unwrap() < 0.0);
    assert_eq!(
        lines[2]["id"],
        serde_json::Value::Null,
        "a line that is not JSON has no readable id"
    );
    assert_eq!(lines[2]["line"], 3);
    assert!(lines[2]["error"].as_str().unwrap().contains("invalid JSON"));
    assert!(lines[2].get("analysis").is_none());
    assert_eq!(lines[3]["id"], serde_json::json!([4]));
    assert_eq!(lines[3]["line"], 4);
    assert!(lines[3]["error"].as_str().unwrap().contains("UTF-8"));
    assert_eq!(lines[4]["id"], serde_json::json!({"k": 5}));
    assert_eq!(lines[4]["line"], 5);
    assert!(lines[4]["error"].as_str().unwrap().contains("text"));
    assert_eq!(lines[5]["id"], serde_json::Value::Null);
    assert!(
        lines[5]["analysis"].is_object(),
        "CRLF line endings are accepted"
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("3 of 6"), "stderr: {stderr}");
}

#[test]
fn batch_with_only_good_lines_exits_0_and_writes_the_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let output = dir.path().join("out.jsonl");
    let mut text = String::new();
    for i in 0..2500 {
        text.push_str(&format!(
            "{{\"id\": {i}, \"text\": \"Acme shares rose {i}% after it beat estimates.\"}}\n"
        ));
    }
    std::fs::write(&input, text).unwrap();
    let out = newsgauge(
        &[
            "batch",
            "--input",
            input.to_str().unwrap(),
            "--output",
            output.to_str().unwrap(),
            "--threads",
            "2",
        ],
        b"",
    );
    assert_success(&out);
    assert!(out.stdout.is_empty(), "results go to --output, not stdout");
    assert!(
        out.stderr.is_empty(),
        "no progress bar when stderr is not a terminal"
    );
    let lines = json_lines(&std::fs::read(&output).unwrap());
    assert_eq!(lines.len(), 2500);
    for (i, v) in lines.iter().enumerate() {
        assert_eq!(v["id"], i, "output order follows input order");
        assert_eq!(v["analysis"]["schema_version"], 1);
    }
}

#[test]
fn batch_io_and_usage_errors_exit_2() {
    let out = newsgauge(
        &["batch", "--input", "/nonexistent/newsgauge-input.jsonl"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    let out = newsgauge(&["batch", "--no-such-flag"], b"");
    assert_eq!(out.status.code(), Some(2));
    let out = newsgauge(&["frobnicate"], b"");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn eval_sentiment_reports_hand_computed_metrics_on_the_fixture() {
    // Fixture: 6 usable rows. Gold/predicted: neg/neg, pos/pos, neu/neu, neg(bearish)/pos,
    // pos(bullish)/neu, neg/neg; one unknown label and one broken line are left out.
    // Confusion (gold rows neg, neu, pos): [2 0 1] [0 1 0] [0 1 1]. Accuracy 4/6.
    // F1: neg 0.8, neu 2/3, pos 0.5 -> macro (0.8 + 2/3 + 0.5) / 3.
    let out = newsgauge(
        &[
            "eval",
            "sentiment",
            "--data",
            &fixture("sentiment.jsonl"),
            "--json",
        ],
        b"",
    );
    assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 6);
    assert_eq!(v["left_out"], 2);
    assert_eq!(
        v["confusion"],
        serde_json::json!([[2, 0, 1], [0, 1, 0], [0, 1, 1]])
    );
    assert!((v["accuracy"].as_f64().unwrap() - 4.0 / 6.0).abs() < 1e-9);
    let macro_f1 = (0.8 + 2.0 / 3.0 + 0.5) / 3.0;
    assert!((v["macro_f1"].as_f64().unwrap() - macro_f1).abs() < 1e-9);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 9"),
        "the broken row is named by its line: {stderr}"
    );

    let text = newsgauge(
        &["eval", "sentiment", "--data", &fixture("sentiment.jsonl")],
        b"",
    );
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("accuracy: 0.6667"), "{text}");
    assert!(text.contains("macro-F1: 0.6556"), "{text}");
    assert!(text.contains("confusion matrix"), "{text}");
}

#[test]
fn eval_sentiment_agreement_filter_keeps_the_stricter_subsets() {
    // 75Agree keeps the three AllAgree rows and the 75Agree row, all predicted right.
    let out = newsgauge(
        &[
            "eval",
            "sentiment",
            "--data",
            &fixture("sentiment.jsonl"),
            "--agreement",
            "75Agree",
            "--json",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["rows"], 4);
    assert_eq!(v["accuracy"], 1.0);
    let bad = newsgauge(
        &[
            "eval",
            "sentiment",
            "--data",
            &fixture("sentiment.jsonl"),
            "--agreement",
            "most",
        ],
        b"",
    );
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn eval_topics_counts_gold_topics_from_reuters_codes() {
    // Fixture gold (after the code map, grain+wheat merging into one commodities label):
    // earnings 1, mergers_acquisitions 1, currencies 1, energy 1, commodities 1,
    // trade 0, monetary_policy 0, transportation 1; the cocoa row has none; one broken line.
    let out = newsgauge(
        &[
            "eval",
            "topics",
            "--data",
            &fixture("topics.jsonl"),
            "--json",
        ],
        b"",
    );
    assert_success(&out);
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 5);
    let expected_support = [
        ("earnings", 1),
        ("mergers_acquisitions", 1),
        ("currencies", 1),
        ("energy", 1),
        ("commodities", 1),
        ("trade", 0),
        ("monetary_policy", 0),
        ("transportation", 1),
    ];
    let topics = v["topics"].as_array().unwrap();
    assert_eq!(topics.len(), 8);
    let (mut tp, mut fp, mut fn_) = (0, 0, 0);
    for (t, (name, support)) in topics.iter().zip(expected_support) {
        assert_eq!(t["topic"], name);
        assert_eq!(t["support"], support, "{name}");
        let (a, b, c) = (
            t["tp"].as_u64().unwrap(),
            t["fp"].as_u64().unwrap(),
            t["fn"].as_u64().unwrap(),
        );
        assert_eq!(a + c, support, "{name}: tp + fn is the gold count");
        assert!(a + b <= 5, "{name}: at most one prediction per document");
        let precision = if a + b == 0 {
            0.0
        } else {
            a as f64 / (a + b) as f64
        };
        assert!((t["precision"].as_f64().unwrap() - precision).abs() < 1e-9);
        tp += a;
        fp += b;
        fn_ += c;
    }
    assert_eq!(
        (
            v["micro"]["tp"].as_u64().unwrap(),
            v["micro"]["fp"].as_u64().unwrap()
        ),
        (tp, fp)
    );
    assert_eq!(v["micro"]["fn"].as_u64().unwrap(), fn_);
    assert_eq!(tp + fn_, 6);
}

#[test]
fn eval_entities_reads_sentfin_rows_and_prints_the_engine_report() {
    // Fixture: 3 readable rows with 4 labelled entities (1 + 2 + 1), a blank line and a
    // broken row (line 5) that is skipped.
    let out = newsgauge(
        &["eval", "entities", "--data", &fixture("entities.jsonl")],
        b"",
    );
    assert_success(&out);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("rows: 3  labelled entities: 4"), "{text}");
    assert!(text.contains("entity recall"), "{text}");
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 5"));
}
