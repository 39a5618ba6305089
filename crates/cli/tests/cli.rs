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
