//! Fuzz feed parsing (`crates/feeds`): any bytes, read as lossy UTF-8, are sniffed, reduced
//! from HTML to text and parsed as a feed. Nothing may panic, and what comes out must keep
//! the limits the site relies on: at most `MAX_ITEMS` items, titles, dates and texts within
//! their lengths, only http(s) links, every item either kept, skipped or counted as not
//! shown, and the same result on a second run.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgauge_feeds::{
    content_type_ok, html_to_text, parse_feed, sniff, Kind, ParsedFeed, MAX_ITEMS, MAX_ITEM_TEXT,
    MAX_TITLE,
};

fuzz_target!(|data: &[u8]| {
    let src = String::from_utf8_lossy(data);
    let src: &str = &src;

    // The content-type check takes any header value.
    let _ = content_type_ok(Some(src));

    let text = html_to_text(src);
    check_plain_text(&text);
    if !src.contains(['<', '&']) {
        // Without markup or entities, only whitespace changes.
        assert_eq!(
            text,
            normalise(src),
            "html_to_text changed markup-free text"
        );
    }

    let kind = sniff(src);
    let first = parse_feed(src);
    match &first {
        Ok(feed) => check_feed(src, kind, feed),
        Err(message) => assert!(!message.is_empty(), "an empty error message"),
    }
    assert_eq!(first, parse_feed(src), "two runs differ");
});

/// What `html_to_text` promises about its output: lines of single-spaced words, separated
/// by one newline or one blank line, nothing blank at either end.
fn check_plain_text(text: &str) {
    assert_eq!(
        text,
        normalise(text),
        "html_to_text output is not normalised"
    );
}

/// Lines trimmed and single-spaced; runs of blank lines become one; none at either end.
fn normalise(s: &str) -> String {
    let mut out = String::new();
    let mut blank = false;
    for line in s.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
        } else {
            if !out.is_empty() {
                out.push_str(if blank { "\n\n" } else { "\n" });
            }
            out.push_str(&line);
            blank = false;
        }
    }
    out
}

fn check_feed(src: &str, kind: Option<Kind>, feed: &ParsedFeed) {
    let kind = kind.expect("a parsed feed was sniffed as JSON or XML");
    assert!(feed.items.len() <= MAX_ITEMS, "{} items", feed.items.len());
    assert!(
        feed.not_shown == 0 || feed.items.len() == MAX_ITEMS,
        "{} not shown with only {} items",
        feed.not_shown,
        feed.items.len()
    );
    assert!(feed.title.len() <= MAX_TITLE, "feed title too long");
    assert!(
        feed.items.iter().all(|i| i.text.trim() == i.text),
        "item text with whitespace around"
    );
    for item in &feed.items {
        assert!(item.title.len() <= MAX_TITLE, "item title too long");
        assert!(item.date.len() <= MAX_TITLE, "item date too long");
        assert!(item.text.len() <= MAX_ITEM_TEXT, "item text too long");
        assert!(
            !item.title.is_empty() || !item.text.is_empty(),
            "an empty item was kept"
        );
        for line in [&item.title, &item.date] {
            assert_eq!(
                line.split_whitespace().collect::<Vec<_>>().join(" "),
                *line,
                "a title or date is not one trimmed, single-spaced line"
            );
        }
        if let Some(link) = &item.link {
            let lower = link.to_ascii_lowercase();
            assert!(
                lower.starts_with("http://") || lower.starts_with("https://"),
                "unsafe link kept: {link:?}"
            );
            assert!(
                !link.contains(char::is_control) && link.trim() == link,
                "link with control characters or spaces around: {link:?}"
            );
        }
    }
    let seen = feed.items.len() + feed.skipped + feed.not_shown;
    if let Some(total) = count_items(src, kind) {
        assert_eq!(
            seen,
            total,
            "{} kept + {} skipped + {} not shown != {total} items in the feed",
            feed.items.len(),
            feed.skipped,
            feed.not_shown
        );
    }
}

/// The number of items in the document, counted independently of the parser: the JSON
/// Feed's `items` array, RSS `item`s under the root or its channel, Atom `entry`s under
/// the root. `None` where the document cannot be read here.
fn count_items(src: &str, kind: Kind) -> Option<usize> {
    let src = src.trim_start_matches('\u{feff}');
    match kind {
        Kind::Json => {
            let v: serde_json::Value = serde_json::from_str(src).ok()?;
            Some(v.get("items")?.as_array()?.len())
        }
        Kind::Xml => {
            let opts = roxmltree::ParsingOptions {
                allow_dtd: true,
                nodes_limit: u32::MAX,
                ..Default::default()
            };
            let doc = roxmltree::Document::parse_with_options(src.trim_start(), opts).ok()?;
            let root = doc.root_element();
            let named = |el: roxmltree::Node<'_, '_>, name: &str| {
                el.children()
                    .filter(|k| k.is_element() && k.tag_name().name() == name)
                    .count()
            };
            match root.tag_name().name() {
                "rss" | "RDF" => {
                    let channel = root
                        .children()
                        .find(|k| k.is_element() && k.tag_name().name() == "channel");
                    Some(named(root, "item") + channel.map_or(0, |c| named(c, "item")))
                }
                "feed" => Some(named(root, "entry")),
                _ => None,
            }
        }
    }
}
