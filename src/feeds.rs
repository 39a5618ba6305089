//! "Add a feed": fetch a JSON Feed 1.1, RSS 2.0 (or 1.0) or Atom document from the browser
//! and turn its items into plain text articles. Feeds are hostile input: the fetch has a
//! timeout, a size cap and a content-type check; a malformed item is skipped and counted,
//! never aborting the feed; HTML is reduced to text (never rendered); only http(s) links
//! survive.

use serde_json::Value;

use crate::util;

/// Largest feed body read: bigger responses are cancelled mid-download.
pub const MAX_FEED_BYTES: usize = 5_000_000;
/// A feed that has not answered completely by then is abandoned.
pub const FETCH_TIMEOUT_MS: i32 = 15_000;
/// Items analysed per feed; the rest are counted as not shown (analysis runs on the main thread).
pub const MAX_ITEMS: usize = 100;
/// Text kept per item: feed items are summaries or articles, not books.
pub const MAX_ITEM_TEXT: usize = 200_000;
/// Longest title kept.
const MAX_TITLE: usize = 500;

/// One usable feed item, as text.
#[derive(Debug, Clone, PartialEq)]
pub struct FeedItem {
    pub title: String,
    pub text: String,
    /// Only http(s) links are kept.
    pub link: Option<String>,
    /// The date as the feed wrote it.
    pub date: String,
}

/// A parsed feed: its usable items and what was left out.
#[derive(Debug, Clone, PartialEq)]
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
    util::prefix(&one_line, MAX_TITLE).to_owned()
}

fn clean_text(s: &str) -> String {
    util::prefix(s.trim(), MAX_ITEM_TEXT).to_owned()
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
            link: link.and_then(|l| util::safe_link(&l)),
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

/// Elements whose content is never text.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "template", "noscript", "head", "svg", "math", "iframe", "object",
];
/// Elements that end a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "header",
    "footer",
    "pre",
    "hr",
    "dd",
    "dt",
    "figure",
    "figcaption",
];

/// HTML (from a feed) to plain text: tags dropped, script/style content dropped, block
/// elements become paragraph breaks, entities decoded. Nothing is parsed by the browser, so
/// hostile markup never reaches a DOM (or the page's CSP).
pub fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut skipping: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if skipping.is_none() {
            out.push_str(&rest[..lt]);
        }
        let tag_src = &rest[lt..];
        if let Some(body) = tag_src.strip_prefix("<!--") {
            rest = body.find("-->").map(|e| &body[e + 3..]).unwrap_or("");
            continue;
        }
        let Some(gt) = tag_src.find('>') else {
            // A lone "<": keep it as text.
            if skipping.is_none() {
                out.push_str(tag_src);
            }
            rest = "";
            break;
        };
        let inner = &tag_src[1..gt];
        rest = &tag_src[gt + 1..];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        if name.is_empty() {
            if skipping.is_none() && !inner.starts_with('!') && !inner.starts_with('?') {
                // Not a tag ("a < b > c"): keep the text.
                out.push('<');
                out.push_str(inner);
                out.push('>');
            }
            continue;
        }
        match &skipping {
            Some(s) if closing && *s == name => skipping = None,
            Some(_) => {}
            None if !closing && SKIP_CONTENT.contains(&name.as_str()) && !inner.ends_with('/') => {
                skipping = Some(name)
            }
            None if BLOCKS.contains(&name.as_str()) => out.push_str("\n\n"),
            None => {}
        }
    }
    if skipping.is_none() {
        out.push_str(rest);
    }
    let decoded = html_escape::decode_html_entities(&out);
    // Collapse whitespace within lines and runs of blank lines.
    let mut text = String::with_capacity(decoded.len());
    let mut blank = false;
    for line in decoded.lines() {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            blank = true;
        } else {
            if !text.is_empty() {
                text.push_str(if blank { "\n\n" } else { "\n" });
            }
            text.push_str(&line);
            blank = false;
        }
    }
    text
}

/// Most nodes an XML feed may have: a guard against entity-expansion bombs.
const MAX_XML_NODES: u32 = 2_000_000;

/// The first child element named `name` (any namespace).
fn child<'a, 'i>(el: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    el.children()
        .find(|k| k.is_element() && k.tag_name().name() == name)
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
        util::prefix(root, 60)
    )
}

/// Parse RSS 2.0 / 1.0 or Atom.
pub fn parse_xml_feed(src: &str) -> Result<ParsedFeed, String> {
    let opts = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_XML_NODES,
    };
    let doc = roxmltree::Document::parse_with_options(
        src.trim_start_matches('\u{feff}').trim_start(),
        opts,
    )
    .map_err(|e| {
        format!(
            "The feed is not well-formed XML: {}",
            util::prefix(&e.to_string(), 200)
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
            for item in root
                .descendants()
                .filter(|n| n.is_element() && n.tag_name().name() == "item")
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
            for entry in root
                .descendants()
                .filter(|n| n.is_element() && n.tag_name().name() == "entry")
            {
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

/// Fetch a feed with a timeout, a content-type check and a size cap, then parse it.
#[cfg(target_arch = "wasm32")]
pub async fn fetch_feed(url: &str) -> Result<ParsedFeed, String> {
    let Some(url) = util::safe_link(url) else {
        return Err("Enter a web address starting with http:// or https://.".to_owned());
    };
    if web_sys::Url::new(&url).is_err() {
        return Err("This is not a valid web address.".to_owned());
    }
    let controller =
        web_sys::AbortController::new().map_err(|_| "The browser cannot fetch feeds here.")?;
    let signal = controller.signal();
    let timer = {
        let c = controller.clone();
        leptos::prelude::set_timeout_with_handle(
            move || c.abort(),
            std::time::Duration::from_millis(FETCH_TIMEOUT_MS as u64),
        )
        .ok()
    };
    let result = fetch_body(&url, &signal).await;
    if let Some(t) = timer {
        t.clear();
    }
    let body = result.map_err(|e| {
        if signal.aborted() {
            timeout_message()
        } else {
            e
        }
    })?;
    parse_feed(&body)
}

#[cfg(target_arch = "wasm32")]
fn timeout_message() -> String {
    format!(
        "The feed did not answer within {} seconds. Try again later.",
        FETCH_TIMEOUT_MS / 1000
    )
}

#[cfg(target_arch = "wasm32")]
async fn fetch_body(url: &str, signal: &web_sys::AbortSignal) -> Result<String, String> {
    use wasm_bindgen::JsCast;
    use wasm_bindgen_futures::JsFuture;
    let resp = gloo_net::http::Request::get(url)
        .abort_signal(Some(signal))
        .send()
        .await
        .map_err(|_| {
            "The browser could not read this feed. Usually the site does not allow other websites \
             to read it (it sends no CORS header, Access-Control-Allow-Origin), or the address is \
             unreachable. Newsgauge runs only in your browser and has no server that could fetch \
             it for you."
                .to_owned()
        })?;
    if !resp.ok() {
        return Err(format!(
            "The feed's server answered HTTP {} {}.",
            resp.status(),
            resp.status_text()
        ));
    }
    let headers = resp.headers();
    content_type_ok(headers.get("content-type").as_deref())?;
    let too_big = || {
        format!(
            "The feed is larger than {}; Newsgauge reads feeds up to that size.",
            util::human_bytes(MAX_FEED_BYTES)
        )
    };
    if let Some(len) = headers
        .get("content-length")
        .and_then(|l| l.trim().parse::<usize>().ok())
    {
        if len > MAX_FEED_BYTES {
            return Err(too_big());
        }
    }
    let stream = resp.body().ok_or("The feed is empty.")?;
    let reader: web_sys::ReadableStreamDefaultReader = stream.get_reader().unchecked_into();
    let mut bytes: Vec<u8> = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| "The download was interrupted.".to_owned())?;
        let done = js_sys::Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            break;
        }
        let value = js_sys::Reflect::get(&chunk, &"value".into())
            .map_err(|_| "The download failed.".to_owned())?;
        let arr = js_sys::Uint8Array::new(&value);
        if bytes.len() + arr.length() as usize > MAX_FEED_BYTES {
            let _ = reader.cancel();
            return Err(too_big());
        }
        let start = bytes.len();
        bytes.resize(start + arr.length() as usize, 0);
        arr.copy_to(&mut bytes[start..]);
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
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
        let bomb = format!(
            "<!DOCTYPE r [<!ENTITY a \"{}\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><rss>&c;&c;&c;&c;</rss>",
            "x".repeat(100)
        );
        let _ = parse_feed(&bomb); // must return (error or not) without exhausting memory
    }

    #[test]
    fn html_to_text_drops_markup_and_keeps_paragraphs() {
        assert_eq!(
            html_to_text("<p>One</p><p>Two<br>three</p>"),
            "One\n\nTwo\n\nthree"
        );
        assert_eq!(
            html_to_text("<script>alert(1)</script><style>p{}</style>Hi &lt;there&gt;"),
            "Hi <there>"
        );
        assert_eq!(
            html_to_text("<img src=x onerror=alert(1)>a < b and c > d"),
            "a < b and c > d"
        );
        assert_eq!(html_to_text("<!-- hidden -->shown"), "shown");
        assert_eq!(html_to_text("cut <b"), "cut <b");
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
}
