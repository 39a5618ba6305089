//! `/about`: the methodology. The rule tables are read from the engine at run time, so this
//! page always lists exactly the rules that score articles.

use leptos::prelude::*;
use newsgauge_engine::fixed::fixed;
use newsgauge_engine::impact::{
    BREADTH_BOOST, LEVEL_HIGH, LEVEL_LOW, LEVEL_MODERATE, LEVEL_NEGLIGIBLE, SENTIMENT_FLOOR,
};
use newsgauge_engine::{events, rules, topics, MILD_BAND, NEUTRAL_BAND, PLAIN_BAND};

use crate::components::badges::LEVELS;

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
    let all = rules::all();
    let mut areas: Vec<&'static str> = all.iter().map(|r| area_of(r.id)).collect();
    areas.dedup();
    let mut seen = Vec::new();
    areas.retain(|a| {
        let new = !seen.contains(a);
        seen.push(*a);
        new
    });
    let tables = areas
        .into_iter()
        .map(|area| {
            let rows = all
                .iter()
                .filter(|r| area_of(r.id) == area)
                .map(|r| {
                    view! {
                        <tr>
                            <td><code>{r.id}</code></td>
                            <td>{r.name}</td>
                            <td>{r.description}</td>
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <h3>{area}</h3>
                <div class="table-wrap">
                    <table class="rules">
                        <thead>
                            <tr>
                                <th scope="col">"Rule"</th>
                                <th scope="col">"Name"</th>
                                <th scope="col">"What it matches"</th>
                            </tr>
                        </thead>
                        <tbody>{rows}</tbody>
                    </table>
                </div>
            }
        })
        .collect_view();
    let count = all.len();
    view! {
        <article class="about prose">
            <h1>"About Newsgauge"</h1>
            <p>
                "Newsgauge reads a financial news article and reports what it may mean for markets: the companies and "
                "tickers involved, the tone of the article overall and towards each company, its topics, the events it "
                "reports, a market-impact score, a short summary and a few points for investors. Every number comes "
                "from a rule-based engine written in Rust that runs entirely in your browser (WebAssembly): "
                "the text you paste never leaves the page, and there is no server, account or tracking."
            </p>
            <p class="disclaimer">
                "Newsgauge is an informational tool, not investment advice. It reads words, not prices: it cannot know "
                "how a market actually reacted."
            </p>

            <h2>"How an article is scored"</h2>
            <ol>
                <li>"The text is cleaned (control characters ignored, HTML reduced to text) without moving any character, so every highlight points at the exact phrase in the original."</li>
                <li>"It is split into sentences. The title counts more than body sentences, and the lead of the body more than later paragraphs."</li>
                <li>"Companies are recognised by name, alias and ticker symbol and mapped to their listed tickers (all share classes); private companies are reported without a ticker."</li>
                <li>"Each sentence gets a sentiment score from the sentiment rules below; negation and hedging (\"did not\", \"may\") weaken or flip a phrase."</li>
                <li>"Sentences about a company feed that company's own score; its relevance says how central it is to the article (title and lead mentions count most)."</li>
                <li>"Topic and event rules classify the article; the market impact combines how severe the events are, how prominent and certain they are, and how strong the language is (below)."</li>
            </ol>
            <p>
                "Every phrase that moved a score is listed with the rule that matched it and its signed weight; on an article "
                "page, focus or hover a highlighted phrase to see them."
            </p>

            <h2>"Scores and bands"</h2>
            <h3>"Sentiment (−1 to +1)"</h3>
            <table class="bands">
                <thead>
                    <tr>
                        <th scope="col">"Score"</th>
                        <th scope="col">"Label"</th>
                    </tr>
                </thead>
                <tbody>
                    <tr><td>{format!("|s| < {}", fixed(NEUTRAL_BAND, 2))}</td><td>"neutral"</td></tr>
                    <tr><td>{format!("{} ≤ |s| < {}", fixed(NEUTRAL_BAND, 2), fixed(MILD_BAND, 2))}</td><td>"mildly positive / mildly negative"</td></tr>
                    <tr><td>{format!("{} ≤ |s| < {}", fixed(MILD_BAND, 2), fixed(PLAIN_BAND, 2))}</td><td>"positive / negative"</td></tr>
                    <tr><td>{format!("|s| ≥ {}", fixed(PLAIN_BAND, 2))}</td><td>"strongly positive / strongly negative"</td></tr>
                </tbody>
            </table>
            <p>
                "The same bands label each ticker's score. Confidence (0 to 1) grows with the amount of scored "
                "evidence. When the text is not detected as English, the sentiment is marked unreliable instead of "
                "giving a confident wrong score."
            </p>
            <h3>"Market impact (0 to 1)"</h3>
            <p>
                "Impact estimates how much the article could move the prices of the companies it names. "
                "For each event found, the engine multiplies its severity (by event type, below; raised or lowered by "
                "words such as \"slashed\" or \"slightly\"), the prominence of the company (size tier and how central "
                "it is to the article) and the certainty of the wording (hedged, reported or denied events count less). "
                "Events combine like independent chances, 1 − Π(1 − c), so each adds less than the one before; an "
                "article with financial topics but no event gets a small floor. Then:"
            </p>
            <p class="formula">
                <code>
                    {format!(
                        "impact = min(1, core × ({} + {} × |sentiment|) × (1 + {} × breadth))",
                        fixed(SENTIMENT_FLOOR, 1),
                        fixed(1.0 - SENTIMENT_FLOOR, 1),
                        fixed(BREADTH_BOOST, 2),
                    )}
                </code>
            </p>
            <p>
                "where breadth grows with the number of distinct companies and with market-wide events such as rate "
                "decisions or tariffs. Each article lists its drivers under \"Analysis\". The score is shown to two "
                "decimals with a level word and five pips, so it reads without colour:"
            </p>
            <table class="bands">
                <thead>
                    <tr>
                        <th scope="col">"Score"</th>
                        <th scope="col">"Level"</th>
                    </tr>
                </thead>
                <tbody>
                    {
                        let edges = [0.0, LEVEL_NEGLIGIBLE, LEVEL_LOW, LEVEL_MODERATE, LEVEL_HIGH, 1.0];
                        LEVELS
                            .iter()
                            .enumerate()
                            .map(|(i, l)| {
                                let range = if i == LEVELS.len() - 1 {
                                    format!("≥ {}", fixed(edges[i], 2))
                                } else {
                                    format!("{} – {}", fixed(edges[i], 2), fixed(edges[i + 1], 2))
                                };
                                view! { <tr><td>{range}</td><td>{format!("{l} ({} of 5 pips)", i + 1)}</td></tr> }
                            })
                            .collect_view()
                    }
                </tbody>
            </table>
            <h3>{format!("Event types ({})", events::EVENTS.len())}</h3>
            <div class="table-wrap">
                <table class="events">
                    <thead>
                        <tr>
                            <th scope="col">"Event"</th>
                            <th scope="col">"Severity"</th>
                            <th scope="col">"Rule"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {events::EVENTS
                            .iter()
                            .map(|e| {
                                view! {
                                    <tr>
                                        <td>{e.phrase}" "<code class="muted">{e.kind}</code></td>
                                        <td>{fixed(e.severity, 2).to_string()}</td>
                                        <td><code>{e.rule}</code></td>
                                    </tr>
                                }
                            })
                            .collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>{format!("Topics ({})", topics::TOPICS.len())}</h3>
            <p>"An article can have several topics; a topic needs several matching phrases, never a single keyword."</p>
            <ul class="topic-list">
                {topics::TOPICS
                    .iter()
                    .map(|t| view! { <li class="tag">{t.name}</li> })
                    .collect_view()}
            </ul>
            <h3>"Relevance (0 to 1)"</h3>
            <p>"For tickers and topics: how central they are to the article, from where and how often they appear."</p>

            <h2>{format!("Every rule ({count})")}</h2>
            <p>
                "Rule ids are stable: each explanation, event and highlight names one. Topics and event types are "
                "the rules of their areas below."
            </p>
            {tables}

            <h2>"What the engine cannot do"</h2>
            <ul>
                <li>"English only. Other languages are detected and their sentiment is marked unreliable."</li>
                <li>"No prices, no market data, no history: it reads the text alone and cannot tell what is already priced in."</li>
                <li>"No coreference beyond simple cases: \"the company\" or \"it\" are linked to a company only in simple situations."</li>
                <li>"Sarcasm, irony and subtle context are beyond rules; unusual phrasing can be missed."</li>
                <li>"Very long texts are analysed on their first part, and the page says so."</li>
            </ul>

            <h2>"Sample articles"</h2>
            <p>
                "The articles on the News page were written for this project. Their events are fiction, even when "
                "they name real, listed companies (so that the engine has real tickers to resolve): they are not news "
                "and say nothing about those companies."
            </p>

            <h2>"Data sources and licences"</h2>
            <p>
                "The company and ticker tables, the sentiment lexicon and rule tables are compiled into the engine. Their sources "
                "and licences are listed in the project's README (sections on tickers, sentiment and the data tools). "
                "The site loads no external font, script or image."
            </p>

            <h2>"Privacy and security"</h2>
            <p>
                "Pasted text stays in your browser; the draft is kept in this browser's local storage so a reload loses "
                "nothing. A share link carries the text compressed in the part after #, which browsers never send to a "
                "server. Feeds you add are fetched by your browser directly. Everything from a paste or a feed is shown "
                "as text, never run; the page's Content Security Policy allows scripts only from this site."
            </p>
        </article>
    }
}
