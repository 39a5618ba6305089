//! `/about`: the methodology. The rule tables are read from the engine at run time, so this
//! page always lists exactly the rules that score articles.
//!
//! The page is one HTML string set as the article's `innerHTML`: it is static prose and
//! tables, which a string builds with a fraction of the code that a tree of Leptos views
//! compiles to (the page cost 11 KB of the site's wasm gzip as views). Every value from the
//! engine is escaped (`highlight::escape_into`).

use std::fmt::Write as _;

use leptos::prelude::*;
use newsgauge_engine::fixed::fixed;
use newsgauge_engine::impact::{
    BREADTH_BOOST, LEVEL_HIGH, LEVEL_LOW, LEVEL_MODERATE, LEVEL_NEGLIGIBLE, SENTIMENT_FLOOR,
};
use newsgauge_engine::{events, rules, topics, MILD_BAND, NEUTRAL_BAND, PLAIN_BAND};

use crate::components::badges::LEVELS;
use crate::highlight::escape_into;

/// Human name of a rule id's area, from its letter prefix.
fn area_of(id: &str) -> &'static str {
    match id.chars().next() {
        Some('S') => "Sentiment",
        Some('T') => "Topics",
        Some('E') => "Events",
        Some('I') => "Impact",
        Some('K') => "Tickers and companies",
        Some('D') => "Key decisions",
        Some('M') => "Summary",
        _ => "Other",
    }
}

#[component]
pub fn About() -> impl IntoView {
    view! { <article class="about prose" inner_html=page()></article> }
}

/// The opening: what Newsgauge is and how an article is scored.
const INTRO: &str = r#"<h1>About Newsgauge</h1>
<p>Newsgauge reads a financial news article and reports what it may mean for markets: the companies and tickers involved, the tone of the article overall and towards each company, its topics, the events it reports, a market-impact score, a short summary and a few points for investors. Every number comes from a rule-based engine written in Rust that runs entirely in your browser (WebAssembly): the text you paste never leaves the page, and there is no server, account or tracking.</p>
<p class="disclaimer">Newsgauge is an informational tool, not investment advice. It reads words, not prices: it cannot know how a market actually reacted.</p>
<h2>How an article is scored</h2>
<ol>
<li>The text is cleaned (control characters ignored, HTML reduced to text) without moving any character, so every highlight points at the exact phrase in the original.</li>
<li>It is split into sentences. The title counts more than body sentences, and the lead of the body more than later paragraphs.</li>
<li>Companies are recognised by name, alias and ticker symbol and mapped to their listed tickers (all share classes); private companies are reported without a ticker.</li>
<li>Each sentence gets a sentiment score from the sentiment rules below; negation and hedging ("did not", "may") weaken or flip a phrase.</li>
<li>Sentences about a company feed that company's own score; its relevance says how central it is to the article (title and lead mentions count most).</li>
<li>Topic and event rules classify the article; the market impact combines how severe the events are, how prominent and certain they are, and how strong the language is (below).</li>
</ol>
<p>Every phrase that moved a score is listed with the rule that matched it and its signed weight; on an article page, focus or hover a highlighted phrase to see them.</p>
<h2>Scores and bands</h2>
<h3>Sentiment (−1 to +1)</h3>
"#;

/// After the sentiment bands: how impact is computed, up to its formula.
const IMPACT: &str = r#"<p>The same bands label each ticker's score. Confidence (0 to 1) grows with the amount of scored evidence. When the text is not detected as English, the sentiment is marked unreliable instead of giving a confident wrong score.</p>
<h3>Market impact (0 to 1)</h3>
<p>Impact estimates how much the article could move the prices of the companies it names. For each event found, the engine multiplies its severity (by event type, below; raised or lowered by words such as "slashed" or "slightly"), the prominence of the company (size tier and how central it is to the article) and the certainty of the wording (hedged, reported or denied events count less). Events combine like independent chances, 1 − Π(1 − c), so each adds less than the one before; an article with financial topics but no event gets a small floor. Then:</p>
"#;

/// After the formula, before the impact levels.
const LEVELS_INTRO: &str = r#"<p>where breadth grows with the number of distinct companies and with market-wide events such as rate decisions or tariffs. Each article lists its drivers under "Analysis". The score is shown to two decimals with a level word and five pips, so it reads without colour:</p>
"#;

/// The closing sections, after the rule tables.
const OUTRO: &str = r#"<h2>What the engine cannot do</h2>
<ul>
<li>English only. Other languages are detected and their sentiment is marked unreliable.</li>
<li>No prices, no market data, no history: it reads the text alone and cannot tell what is already priced in.</li>
<li>No coreference beyond simple cases: "the company" or "it" are linked to a company only in simple situations.</li>
<li>Sarcasm, irony and subtle context are beyond rules; unusual phrasing can be missed.</li>
<li>Very long texts are analysed on their first part, and the page says so.</li>
</ul>
<h2>Sample articles</h2>
<p>The articles on the News page were written for this project. Their events are fiction, even when they name real, listed companies (so that the engine has real tickers to resolve): they are not news and say nothing about those companies.</p>
<h2>Data sources and licences</h2>
<p>The company and ticker tables, the sentiment lexicon and rule tables are compiled into the engine. Their sources and licences are listed in the project's README (sections on tickers, sentiment and the data tools). The site loads no external font, script or image.</p>
<h2>Privacy and security</h2>
<p>Pasted text stays in your browser; the draft is kept in this browser's local storage so a reload loses nothing. A share link carries the text compressed in the part after #, which browsers never send to a server. Feeds you add are fetched by your browser directly. Everything from a paste or a feed is shown as text, never run; the page's Content Security Policy allows scripts only from this site.</p>
"#;

/// A table's opening tags, with its header cells.
fn table_head(out: &mut String, class: &str, headers: &[&str]) {
    let _ = write!(out, r#"<table class="{class}"><thead><tr>"#);
    for h in headers {
        let _ = write!(out, r#"<th scope="col">{h}</th>"#);
    }
    out.push_str("</tr></thead><tbody>");
}

/// A table cell's content.
enum Cell<'a> {
    /// Text, escaped on output.
    Text(&'a str),
    /// Markup this module built (its engine values already escaped).
    Html(&'a str),
}

/// One table row of cells.
fn row(out: &mut String, cells: &[Cell<'_>]) {
    out.push_str("<tr>");
    for c in cells {
        out.push_str("<td>");
        match c {
            Cell::Html(markup) => out.push_str(markup),
            Cell::Text(text) => escape_into(out, text),
        }
        out.push_str("</td>");
    }
    out.push_str("</tr>");
}

/// `<code>` around escaped text.
fn code(s: &str) -> String {
    let mut out = String::from("<code>");
    escape_into(&mut out, s);
    out.push_str("</code>");
    out
}

/// The whole page's markup.
pub fn page() -> String {
    let mut out = String::with_capacity(32 * 1024);
    out.push_str(INTRO);
    let (n, m, p) = (
        fixed(NEUTRAL_BAND, 2),
        fixed(MILD_BAND, 2),
        fixed(PLAIN_BAND, 2),
    );
    table_head(&mut out, "bands", &["Score", "Label"]);
    for (score, label) in [
        (format!("|s| &lt; {n}"), "neutral"),
        (
            format!("{n} ≤ |s| &lt; {m}"),
            "mildly positive / mildly negative",
        ),
        (format!("{m} ≤ |s| &lt; {p}"), "positive / negative"),
        (
            format!("|s| ≥ {p}"),
            "strongly positive / strongly negative",
        ),
    ] {
        row(&mut out, &[Cell::Html(&score), Cell::Text(label)]);
    }
    out.push_str("</tbody></table>");
    out.push_str(IMPACT);
    let _ = writeln!(
        out,
        r#"<p class="formula"><code>impact = min(1, core × ({} + {} × |sentiment|) × (1 + {} × breadth))</code></p>"#,
        fixed(SENTIMENT_FLOOR, 1),
        fixed(1.0 - SENTIMENT_FLOOR, 1),
        fixed(BREADTH_BOOST, 2),
    );
    out.push_str(LEVELS_INTRO);
    table_head(&mut out, "bands", &["Score", "Level"]);
    let edges = [
        0.0,
        LEVEL_NEGLIGIBLE,
        LEVEL_LOW,
        LEVEL_MODERATE,
        LEVEL_HIGH,
        1.0,
    ];
    for (i, l) in LEVELS.iter().enumerate() {
        let range = if i == LEVELS.len() - 1 {
            format!("≥ {}", fixed(edges[i], 2))
        } else {
            format!("{} – {}", fixed(edges[i], 2), fixed(edges[i + 1], 2))
        };
        row(
            &mut out,
            &[
                Cell::Text(&range),
                Cell::Text(&format!("{l} ({} of 5 pips)", i + 1)),
            ],
        );
    }
    out.push_str("</tbody></table>");

    let _ = writeln!(out, "<h3>Event types ({})</h3>", events::EVENTS.len());
    out.push_str(r#"<div class="table-wrap">"#);
    table_head(&mut out, "events", &["Event", "Severity", "Rule"]);
    for e in events::EVENTS {
        let mut event = String::new();
        escape_into(&mut event, e.phrase);
        event.push_str(r#" <code class="muted">"#);
        escape_into(&mut event, e.kind);
        event.push_str("</code>");
        let severity = fixed(e.severity, 2).to_string();
        row(
            &mut out,
            &[
                Cell::Html(&event),
                Cell::Text(&severity),
                Cell::Html(&code(e.rule)),
            ],
        );
    }
    out.push_str("</tbody></table></div>");

    let _ = writeln!(out, "<h3>Topics ({})</h3>", topics::TOPICS.len());
    out.push_str("<p>An article can have several topics; a topic needs several matching phrases, never a single keyword.</p>");
    out.push_str(r#"<ul class="topic-list">"#);
    for t in topics::TOPICS {
        out.push_str(r#"<li class="tag">"#);
        escape_into(&mut out, t.name);
        out.push_str("</li>");
    }
    out.push_str("</ul>");
    out.push_str("<h3>Relevance (0 to 1)</h3><p>For tickers and topics: how central they are to the article, from where and how often they appear.</p>");

    let all = rules::all();
    let _ = writeln!(out, "<h2>Every rule ({})</h2>", all.len());
    out.push_str("<p>Rule ids are stable: each explanation, event and highlight names one. Topics and event types are the rules of their areas below.</p>");
    // Areas in the order their first rule appears.
    let mut areas: Vec<&'static str> = Vec::new();
    for r in &all {
        let a = area_of(r.id);
        if !areas.contains(&a) {
            areas.push(a);
        }
    }
    for area in areas {
        let _ = write!(out, r#"<h3>{area}</h3><div class="table-wrap">"#);
        table_head(&mut out, "rules", &["Rule", "Name", "What it matches"]);
        for r in all.iter().filter(|r| area_of(r.id) == area) {
            row(
                &mut out,
                &[
                    Cell::Html(&code(r.id)),
                    Cell::Text(r.name),
                    Cell::Text(r.description),
                ],
            );
        }
        out.push_str("</tbody></table></div>");
    }
    out.push_str(OUTRO);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_lists_every_rule_event_and_topic_of_the_engine() {
        let html = page();
        for r in rules::all() {
            assert!(html.contains(&format!("<code>{}</code>", r.id)), "{}", r.id);
        }
        for e in events::EVENTS {
            assert!(
                html.contains(&format!(r#"<code class="muted">{}</code>"#, e.kind)),
                "{}",
                e.kind
            );
        }
        for t in topics::TOPICS {
            let mut name = String::new();
            escape_into(&mut name, t.name);
            assert!(
                html.contains(&format!(r#"<li class="tag">{name}</li>"#)),
                "{}",
                t.name
            );
        }
        assert!(html.contains(&format!("Every rule ({})", rules::all().len())));
    }

    #[test]
    fn engine_text_is_escaped_and_the_markup_is_balanced() {
        let html = page();
        // Topic names such as "Mergers & Acquisitions" arrive as text.
        assert!(!html.contains(" & "), "an unescaped ampersand");
        for tag in [
            "table", "tr", "td", "th", "ul", "ol", "li", "p", "h2", "h3", "code", "div",
        ] {
            let opens = html.matches(&format!("<{tag}>")).count()
                + html.matches(&format!("<{tag} ")).count();
            let closes = html.matches(&format!("</{tag}>")).count();
            assert_eq!(opens, closes, "<{tag}>");
        }
    }
}
