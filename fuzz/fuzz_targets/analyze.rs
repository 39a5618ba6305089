//! Fuzz `analyze`: any bytes, read as lossy UTF-8 (a 0x1E byte, if any, splits title from
//! body), must give an analysis that keeps the contract and is the same on a second run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgauge_engine::{analyze, invariants, Article};

/// Separates the title from the body in a fuzz input (ASCII "record separator").
const TITLE_SEPARATOR: char = '\u{1E}';

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let article = match text.split_once(TITLE_SEPARATOR) {
        Some((title, body)) => Article::new(Some(title), body),
        None => Article::new(None, &text),
    };
    let first = analyze(&article);
    if let Err(e) = invariants::check(&article, &first) {
        panic!("invariant broken: {e}");
    }
    let second = analyze(&article);
    assert_eq!(first, second, "two runs differ");
    assert_eq!(
        serde_json::to_string(&first).expect("an analysis serialises"),
        serde_json::to_string(&second).expect("an analysis serialises"),
        "two runs serialise differently"
    );
});
