//! Feed parsing for Newsgauge: a JSON Feed 1.1, RSS 2.0 (or 1.0) or Atom document turned
//! into plain-text items. Plain Rust with no web dependency, so it is unit-tested and
//! fuzzed natively (`fuzz/fuzz_targets/feed.rs`); the site (`src/feeds.rs`) adds the
//! browser fetch with its timeout and size cap. Feeds are hostile input: a malformed item
//! is skipped and counted, never aborting the feed; HTML is reduced to text (never
//! rendered); only http(s) links survive; entity-expansion bombs are refused.

use serde::{Deserialize, Serialize};
use serde_json::Value;

mod entities;
mod html;

pub use entities::{expansion_bound, MAX_ENTITY_EXPANSION};
pub use html::html_to_text;

/// Items analysed per feed; the rest are counted as not shown (analysis runs on the main thread).
pub const MAX_ITEMS: usize = 100;
/// Text kept per item: feed items are summaries or articles, not books.
pub const MAX_ITEM_TEXT: usize = 200_000;
/// Longest title (and date) kept.
pub const MAX_TITLE: usize = 500;

/// One usable feed item, as text. Serde: the site parses feeds in a web worker and passes
/// the result back as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    pub title: String,
    pub text: String,
    /// Only http(s) links are kept.
    pub link: Option<String>,
    /// The date as the feed wrote it.
    pub date: String,
}

/// A parsed feed: its usable items and what was left out.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ParsedFeed {
    pub title: String,
    pub items: Vec<FeedItem>,
    /// Items that were malformed (no title and no text, wrong types) and skipped.
    pub skipped: usize,
    /// Well-formed items beyond [`MAX_ITEMS`], not analysed.
    pub not_shown: usize,
}

/// Which kind of document a body looks like, from its first non-blank character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Json,
    Xml,
}

/// Sniff the body: JSON starts with `{`, XML with `<`. Anything else is not a feed.
pub fn sniff(body: &str) -> Option<Kind> {
    match body
        .trim_start_matches('\u{feff}')
        .trim_start()
        .chars()
        .next()?
    {
        '{' => Some(Kind::Json),
        '<' => Some(Kind::Xml),
        _ => None,
    }
}

/// Content types a feed may be served with. Missing or generic types are sniffed instead.
pub fn content_type_ok(ct: Option<&str>) -> Result<(), String> {
    let Some(ct) = ct else { return Ok(()) };
    let mime = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let ok = mime.is_empty()
        || mime.ends_with("json")
        || mime.ends_with("xml")
        || mime == "text/plain"
        || mime == "application/octet-stream";
    if ok {
        Ok(())
    } else if mime == "text/html" {
        Err("This address returned a web page (text/html), not a feed. Look for the page's RSS, Atom or JSON Feed link.".to_owned())
    } else {
        Err(format!(
            "This address returned {mime}, not a feed (expected RSS, Atom or JSON Feed)."
        ))
    }
}

fn clean_title(s: &str) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    // Trimmed again: the cut may fall just after a space.
    prefix(&one_line, MAX_TITLE).trim_end().to_owned()
}

fn clean_text(s: &str) -> String {
    prefix(s.trim(), MAX_ITEM_TEXT).trim_end().to_owned()
}

/// Keep an item when it has a title or text; count it as skipped otherwise.
fn push_item(
    out: &mut ParsedFeed,
    title: String,
    text: String,
    link: Option<String>,
    date: String,
) {
    let (title, text) = (clean_title(&title), clean_text(&text));
    if title.is_empty() && text.is_empty() {
        out.skipped += 1;
    } else if out.items.len() >= MAX_ITEMS {
        out.not_shown += 1;
    } else {
        let date = clean_title(&date);
        out.items.push(FeedItem {
            title,
            text,
            link: link.and_then(|l| safe_link(&l)),
            date,
        });
    }
}

/// Parse a JSON Feed (1.0 or 1.1). `html_to_text` reduces `content_html` to text.
pub fn parse_json_feed(
    src: &str,
    html_to_text: &dyn Fn(&str) -> String,
) -> Result<ParsedFeed, String> {
    let v: Value = serde_json::from_str(src.trim_start_matches('\u{feff}'))
        .map_err(|e| format!("This is not valid JSON ({e})."))?;
    let version = v.get("version").and_then(Value::as_str).unwrap_or("");
    if !version.starts_with("https://jsonfeed.org/version/") {
        return Err(
            "This JSON is not a JSON Feed (its \"version\" is not https://jsonfeed.org/version/…)."
                .to_owned(),
        );
    }
    let items = v
        .get("items")
        .and_then(Value::as_array)
        .ok_or("This JSON Feed has no \"items\" list.")?;
    let mut out = ParsedFeed {
        title: clean_title(v.get("title").and_then(Value::as_str).unwrap_or("")),
        items: Vec::new(),
        skipped: 0,
        not_shown: 0,
    };
    for item in items {
        let Some(obj) = item.as_object() else {
            out.skipped += 1;
            continue;
        };
        let s = |k: &str| obj.get(k).and_then(Value::as_str);
        let text = match (s("content_text"), s("content_html"), s("summary")) {
            (Some(t), _, _) => t.to_owned(),
            (None, Some(h), _) => html_to_text(h),
            (None, None, Some(t)) => t.to_owned(),
            _ => String::new(),
        };
        let title = s("title").map(str::to_owned).unwrap_or_default();
        let link = s("url").or(s("external_url")).map(str::to_owned);
        let date = s("date_published")
            .or(s("date_modified"))
            .unwrap_or("")
            .to_owned();
        push_item(&mut out, title, text, link, date);
    }
    Ok(out)
}

/// Most nodes an XML feed may have: a guard against entities that expand to markup.
const MAX_XML_NODES: u32 = 2_000_000;

/// The first child element named `name` (any namespace).
fn child<'a, 'i>(el: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    el.children()
        .find(|k| k.is_element() && k.tag_name().name() == name)
}

/// The child elements named `name` (any namespace).
fn children_named<'a, 'i: 'a>(
    el: roxmltree::Node<'a, 'i>,
    name: &'a str,
) -> impl Iterator<Item = roxmltree::Node<'a, 'i>> + 'a {
    el.children()
        .filter(move |k| k.is_element() && k.tag_name().name() == name)
}

/// All text inside an element (CDATA included).
fn text_of(el: Option<roxmltree::Node<'_, '_>>) -> String {
    el.map(|e| {
        e.descendants()
            .filter(|n| n.is_text())
            .filter_map(|n| n.text())
            .collect()
    })
    .unwrap_or_default()
}

fn not_a_feed(root: &str) -> String {
    format!(
        "This XML is not a feed: its root element is <{}>, expected <rss> or Atom's <feed>.",
        prefix(root, 60)
    )
}

/// Parse RSS 2.0 / 1.0 or Atom. A feed whose declared entities could expand beyond
/// [`MAX_ENTITY_EXPANSION`] is refused before it is parsed.
pub fn parse_xml_feed(src: &str) -> Result<ParsedFeed, String> {
    if expansion_bound(src) > MAX_ENTITY_EXPANSION {
        return Err(format!(
            "This feed declares XML entities that could expand to more than {} MB \
             (an entity-expansion bomb); it is not read.",
            MAX_ENTITY_EXPANSION / 1_000_000
        ));
    }
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_XML_NODES,
        ..Default::default()
    };
    let doc = roxmltree::Document::parse_with_options(
        src.trim_start_matches('\u{feff}').trim_start(),
        opts,
    )
    .map_err(|e| {
        format!(
            "The feed is not well-formed XML: {}",
            prefix(&e.to_string(), 200)
        )
    })?;
    let root = doc.root_element();
    let mut out = ParsedFeed {
        title: String::new(),
        items: Vec::new(),
        skipped: 0,
        not_shown: 0,
    };
    match root.tag_name().name() {
        "rss" | "RDF" => {
            let channel = child(root, "channel");
            out.title = clean_title(&text_of(channel.and_then(|c| child(c, "title"))));
            // RSS 2.0 items are children of the channel, RSS 1.0 ones of the root. Only
            // these count: an item nested in an item's content is not one (and taking
            // every descendant made nested items quadratic).
            for item in children_named(root, "item")
                .chain(channel.into_iter().flat_map(|c| children_named(c, "item")))
            {
                let title = html_to_text(&text_of(child(item, "title")));
                let html = text_of(child(item, "encoded").or_else(|| child(item, "description")));
                let link = child(item, "link").map(|l| text_of(Some(l)));
                let date = text_of(child(item, "pubDate").or_else(|| child(item, "date")));
                push_item(&mut out, title, html_to_text(&html), link, date);
            }
        }
        "feed" => {
            out.title = clean_title(&text_of(child(root, "title")));
            for entry in children_named(root, "entry") {
                let as_text = |n: Option<roxmltree::Node<'_, '_>>| -> String {
                    match n {
                        Some(n) if matches!(n.attribute("type"), Some("html") | Some("xhtml")) => {
                            html_to_text(&text_of(Some(n)))
                        }
                        other => text_of(other),
                    }
                };
                let title = as_text(child(entry, "title"));
                let text = as_text(child(entry, "content").or_else(|| child(entry, "summary")));
                let link = entry
                    .children()
                    .filter(|k| k.is_element() && k.tag_name().name() == "link")
                    .find(|k| matches!(k.attribute("rel"), None | Some("alternate")))
                    .and_then(|k| k.attribute("href"))
                    .map(str::to_owned);
                let date = text_of(child(entry, "published").or_else(|| child(entry, "updated")));
                push_item(&mut out, title, text, link, date);
            }
        }
        other => return Err(not_a_feed(other)),
    }
    Ok(out)
}

/// Parse any supported feed body.
pub fn parse_feed(src: &str) -> Result<ParsedFeed, String> {
    match sniff(src) {
        Some(Kind::Json) => parse_json_feed(src, &html_to_text),
        Some(Kind::Xml) => parse_xml_feed(src),
        None if src.trim().is_empty() => Err("The feed is empty.".to_owned()),
        None => Err("This is not a feed: it is neither JSON nor XML.".to_owned()),
    }
}

/// The longest prefix of `s` of at most `max` bytes that ends on a char boundary.
pub fn prefix(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s;
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// Only `http:` and `https:` links may be rendered; anything else (javascript:, data:) is dropped.
pub fn safe_link(url: &str) -> Option<String> {
    let t = url.trim();
    let lower = t.get(..8).unwrap_or(t).to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !t.chars().any(char::is_control)
    {
        Some(t.to_owned())
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_feed_items_become_text_and_bad_items_are_counted() {
        let src = r#"{"version":"https://jsonfeed.org/version/1.1","title":"T",
          "items":[
            {"id":"1","title":"Acme beats","content_text":"Acme beat estimates.","url":"https://x.test/1","date_published":"2026-11-01T10:00:00Z"},
            {"id":"2","title":"Html","content_html":"<p>Shares <b>fell</b></p>","url":"javascript:alert(1)"},
            42,
            {"id":"4"},
            {"id":"5","title":["not","a","string"],"summary":"Just a summary"}
          ]}"#;
        let f = parse_json_feed(src, &html_to_text).unwrap();
        assert_eq!(f.title, "T");
        assert_eq!(f.items.len(), 3);
        assert_eq!(f.skipped, 2);
        assert_eq!(f.items[0].link.as_deref(), Some("https://x.test/1"));
        assert_eq!(f.items[1].link, None, "javascript: links are dropped");
        assert!(f.items[1].text.contains("fell") && !f.items[1].text.contains('<'));
        assert_eq!(f.items[2].text, "Just a summary");
    }

    #[test]
    fn json_that_is_not_a_json_feed_is_refused_with_a_message() {
        assert!(parse_json_feed("{\"items\":[]}", &html_to_text)
            .unwrap_err()
            .contains("not a JSON Feed"));
        assert!(parse_json_feed("{", &html_to_text)
            .unwrap_err()
            .contains("not valid JSON"));
    }

    #[test]
    fn items_beyond_the_cap_are_counted_not_analysed() {
        let items: Vec<String> = (0..MAX_ITEMS + 5)
            .map(|i| format!("{{\"id\":\"{i}\",\"content_text\":\"item {i}\"}}"))
            .collect();
        let src = format!(
            "{{\"version\":\"https://jsonfeed.org/version/1\",\"items\":[{}]}}",
            items.join(",")
        );
        let f = parse_json_feed(&src, &html_to_text).unwrap();
        assert_eq!((f.items.len(), f.not_shown), (MAX_ITEMS, 5));
    }

    #[test]
    fn rss_items_become_text_with_safe_links_and_empty_items_skipped() {
        let src = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title>
          <item><title>A &amp; B</title><link>https://x.test/a</link><pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate>
            <description>&lt;p&gt;Shares &lt;b&gt;rose&lt;/b&gt;.&lt;/p&gt;&lt;script&gt;bad()&lt;/script&gt;&lt;p&gt;Next&amp;nbsp;para&lt;/p&gt;</description></item>
          <item><title>Evil</title><link>javascript:alert(1)</link><description>text</description></item>
          <item><title></title><description></description></item>
        </channel></rss>"#;
        let f = parse_feed(src).unwrap();
        assert_eq!((f.title.as_str(), f.items.len(), f.skipped), ("Wire", 2, 1));
        assert_eq!(f.items[0].title, "A & B");
        assert_eq!(f.items[0].text, "Shares rose.\n\nNext para");
        assert_eq!(f.items[0].link.as_deref(), Some("https://x.test/a"));
        assert_eq!(f.items[1].link, None);
    }

    #[test]
    fn atom_entries_use_the_alternate_link_and_html_content() {
        let src = r#"<feed xmlns="http://www.w3.org/2005/Atom"><title>Desk</title>
          <entry><title>One</title><link rel="self" href="https://x.test/self"/><link href="https://x.test/1"/>
            <content type="html">&lt;p&gt;Markets &lt;i&gt;fell&lt;/i&gt;&lt;/p&gt;</content><updated>2026-11-20T09:00:00Z</updated></entry>
        </feed>"#;
        let f = parse_feed(src).unwrap();
        assert_eq!(f.items[0].link.as_deref(), Some("https://x.test/1"));
        assert_eq!(f.items[0].text, "Markets fell");
        assert_eq!(f.items[0].date, "2026-11-20T09:00:00Z");
    }

    #[test]
    fn broken_or_foreign_xml_is_refused_with_a_message() {
        assert!(parse_feed("<rss><channel>")
            .unwrap_err()
            .contains("not well-formed"));
        assert!(parse_feed("<html><body/></html>")
            .unwrap_err()
            .contains("root element is <html>"));
        assert!(parse_feed("hello")
            .unwrap_err()
            .contains("neither JSON nor XML"));
    }

    #[test]
    fn an_entity_expansion_bomb_is_refused_before_parsing() {
        // 1,000 references to an entity of 200 references to an 8 KB one: a 9 KB feed
        // that would expand to 1.6 GB.
        let bomb = format!(
            "<!DOCTYPE rss [<!ENTITY a \"{}\"><!ENTITY b \"{}\">]><rss><channel><item><title>{}</title></item></channel></rss>",
            "x".repeat(8000),
            "&a;".repeat(200),
            "&b;".repeat(1000)
        );
        assert!(parse_feed(&bomb)
            .unwrap_err()
            .contains("entity-expansion bomb"));
        let mut laughs = String::from("<!DOCTYPE rss [<!ENTITY l0 \"lol\">");
        for i in 1..10 {
            let refs = format!("&l{};", i - 1).repeat(10);
            laughs.push_str(&format!("<!ENTITY l{i} \"{refs}\">"));
        }
        laughs.push_str("]><rss><channel><title>&l9;</title></channel></rss>");
        assert!(parse_feed(&laughs)
            .unwrap_err()
            .contains("entity-expansion bomb"));
    }

    #[test]
    fn modest_declared_entities_and_external_doctypes_are_read() {
        let src = r#"<!DOCTYPE rss [<!ENTITY nbsp "&#160;"><!ENTITY co "Acme Corp">]>
          <rss><channel><title>&co; news</title>
          <item><title>&co;&nbsp;rises</title><description>Up</description></item></channel></rss>"#;
        let f = parse_feed(src).unwrap();
        assert_eq!(f.title, "Acme Corp news");
        assert_eq!(f.items[0].title, "Acme Corp rises");
        let rss091 = r#"<?xml version="1.0"?>
          <!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">
          <rss version="0.91"><channel><title>Old</title><item><title>Hello</title></item></channel></rss>"#;
        assert_eq!(parse_feed(rss091).unwrap().items[0].title, "Hello");
    }

    #[test]
    fn rss_1_0_items_are_children_of_the_root() {
        let src = r#"<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
          <channel><title>RDF wire</title><items><rdf:Seq><rdf:li resource="https://x.test/1"/></rdf:Seq></items></channel>
          <item><title>One</title><link>https://x.test/1</link><description>Text</description><dc:date>2026-11-01</dc:date></item>
        </rdf:RDF>"#;
        let f = parse_feed(src).unwrap();
        assert_eq!((f.title.as_str(), f.items.len()), ("RDF wire", 1));
        assert_eq!(f.items[0].date, "2026-11-01");
    }

    #[test]
    fn items_nested_inside_an_item_are_not_items() {
        // Taking every descendant <item> made this quadratic (each nested item's text
        // holds all the ones below it); only channel or root children are items.
        let depth = 5_000;
        let src = format!(
            "<rss><channel>{}{}</channel></rss>",
            "<item><description>x".repeat(depth),
            "</description></item>".repeat(depth)
        );
        let f = parse_feed(&src).unwrap();
        assert_eq!((f.items.len(), f.skipped, f.not_shown), (1, 0, 0));
        assert_eq!(f.items[0].text.len(), depth);
    }

    #[test]
    fn very_deep_nesting_does_not_overflow_the_stack() {
        // roxmltree 0.20 recursed once per level and overflowed an 8 MB stack at 20,000
        // levels (the browser's wasm stack is 1 MB); 0.21.2 parses content iteratively.
        let depth = 200_000;
        let src = format!(
            "<rss><channel><item><title>t</title><description>{}{}</description></item></channel></rss>",
            "<a>".repeat(depth),
            "</a>".repeat(depth)
        );
        assert_eq!(parse_feed(&src).unwrap().items.len(), 1);
    }

    #[test]
    fn content_types_are_checked() {
        assert!(content_type_ok(Some("application/rss+xml; charset=utf-8")).is_ok());
        assert!(content_type_ok(Some("application/feed+json")).is_ok());
        assert!(content_type_ok(None).is_ok());
        assert!(content_type_ok(Some("text/html"))
            .unwrap_err()
            .contains("web page"));
        assert!(content_type_ok(Some("image/png")).is_err());
    }

    #[test]
    fn sniffing_looks_at_the_first_character() {
        assert_eq!(sniff("\u{feff}  {\"a\":1}"), Some(Kind::Json));
        assert_eq!(sniff("<?xml version=\"1.0\"?><rss/>"), Some(Kind::Xml));
        assert_eq!(sniff("hello"), None);
        assert_eq!(sniff(""), None);
    }

    #[test]
    fn long_titles_are_cut_without_a_trailing_space() {
        // The cut at MAX_TITLE bytes falls just after the space: it must not be kept.
        let title = format!("{} {}", "a".repeat(MAX_TITLE - 1), "b".repeat(50));
        let src = format!("<rss><channel><item><title>{title}</title></item></channel></rss>");
        let kept = &parse_feed(&src).unwrap().items[0].title;
        assert_eq!(kept, &"a".repeat(MAX_TITLE - 1));
    }

    #[test]
    fn prefix_never_splits_a_character() {
        let s = "aé€😀";
        for max in 0..=s.len() + 2 {
            let p = prefix(s, max);
            assert!(p.len() <= max && s.starts_with(p));
        }
        assert_eq!(prefix(s, 2), "a");
    }

    #[test]
    fn only_http_links_are_safe() {
        assert_eq!(
            safe_link(" https://example.com/a ").as_deref(),
            Some("https://example.com/a")
        );
        assert_eq!(safe_link("HTTP://x.test").as_deref(), Some("HTTP://x.test"));
        assert_eq!(safe_link("javascript:alert(1)"), None);
        assert_eq!(safe_link("JaVaScRiPt:alert(1)"), None);
        assert_eq!(safe_link("data:text/html,hi"), None);
        assert_eq!(safe_link("//evil.test"), None);
        assert_eq!(safe_link("https://a\n.test"), None);
    }

    #[test]
    fn a_parse_result_survives_the_worker_json_round_trip() {
        // The site's feed worker sends `Result<ParsedFeed, String>` to the page as JSON.
        let rss = "<rss><channel><title>T &amp; Co</title><item><title>Up 5% \u{1F4C8}</title>\
                   <link>https://x.test/a</link><description>&lt;b&gt;Line\nbreak&lt;/b&gt;</description>\
                   </item><item></item></channel></rss>";
        for parsed in [parse_feed(rss), parse_feed("<rss><unclosed>")] {
            let json = serde_json::to_string(&parsed).unwrap();
            let back: Result<ParsedFeed, String> = serde_json::from_str(&json).unwrap();
            assert_eq!(back, parsed);
        }
        assert!(parse_feed(rss).unwrap().items[0].link.is_some());
    }
}
