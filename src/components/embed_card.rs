//! The compact card the embeddable widget shows (`/embed`), and the options it takes
//! (`theme`, `show`). Everything it prints comes from the engine's [`Analysis`] or from the
//! article itself, and is rendered as text: nothing here builds HTML from strings.

use leptos::prelude::*;
use newsgauge_engine::fixed::{fixed, signed as plus};
use newsgauge_engine::{Analysis, Topic, NEUTRAL_BAND};

/// How many ticker chips the card shows: two rows in a 320 px wide card.
pub const MAX_TICKERS: usize = 6;
/// How many topics the card shows ("top topics"): one short row.
pub const MAX_TOPICS: usize = 3;

/// Colour theme of the card: fixed, or following the reader's system setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    Light,
    Dark,
    #[default]
    Auto,
}

impl Theme {
    /// Every theme, in the order the embed dialog offers them.
    pub const ALL: [Theme; 3] = [Theme::Auto, Theme::Light, Theme::Dark];

    /// Parse a `data-theme` / `theme=` value; anything unknown is `auto`.
    pub fn parse(s: &str) -> Theme {
        match s.trim().to_ascii_lowercase().as_str() {
            "light" => Theme::Light,
            "dark" => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Auto => "auto",
        }
    }
}

/// The parts of the card a host can switch on and off (`data-show` / `show=`).
pub const PART_NAMES: [&str; 5] = ["impact", "sentiment", "tickers", "topics", "decisions"];

/// Which parts of the card are shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub impact: bool,
    pub sentiment: bool,
    pub tickers: bool,
    pub topics: bool,
    pub decisions: bool,
}

impl Default for Parts {
    /// Everything but the key decisions, which make the card much taller.
    fn default() -> Self {
        Parts {
            impact: true,
            sentiment: true,
            tickers: true,
            topics: true,
            decisions: false,
        }
    }
}

impl Parts {
    /// No part at all (the starting point of [`Parts::parse`]).
    pub const NONE: Parts = Parts {
        impact: false,
        sentiment: false,
        tickers: false,
        topics: false,
        decisions: false,
    };

    /// Parse a list such as `"impact, sentiment tickers"`. Unknown names are ignored; a list
    /// with no known name (or an empty one) means the default parts.
    pub fn parse(s: &str) -> Parts {
        let mut parts = Parts::NONE;
        for name in s.split(|c: char| c == ',' || c.is_whitespace()) {
            let name = name.trim().to_ascii_lowercase();
            if PART_NAMES.contains(&name.as_str()) {
                parts.set(&name, true);
            }
        }
        if parts == Parts::NONE {
            Parts::default()
        } else {
            parts
        }
    }

    /// Whether the part called `name` is shown (false for unknown names).
    pub fn get(&self, name: &str) -> bool {
        match name {
            "impact" => self.impact,
            "sentiment" => self.sentiment,
            "tickers" => self.tickers,
            "topics" => self.topics,
            "decisions" => self.decisions,
            _ => false,
        }
    }

    /// Show or hide the part called `name` (unknown names are ignored).
    pub fn set(&mut self, name: &str, on: bool) {
        match name {
            "impact" => self.impact = on,
            "sentiment" => self.sentiment = on,
            "tickers" => self.tickers = on,
            "topics" => self.topics = on,
            "decisions" => self.decisions = on,
            _ => {}
        }
    }

    /// The shown parts as a comma-separated list, in [`PART_NAMES`] order.
    pub fn to_list(self) -> String {
        PART_NAMES
            .iter()
            .filter(|n| self.get(n))
            .copied()
            .collect::<Vec<_>>()
            .join(",")
    }
}

/// The `n` most relevant topics, most relevant first (ties keep the engine's order).
pub fn top_topics(topics: &[Topic], n: usize) -> Vec<&Topic> {
    let mut sorted: Vec<&Topic> = topics.iter().collect();
    newsgauge_engine::sort::sort_by(&mut sorted, |a, b| {
        b.relevance_score.total_cmp(&a.relevance_score)
    });
    sorted.truncate(n);
    sorted
}

/// CSS tone of a sentiment score: the engine's neutral band is neutral.
pub fn tone(score: f32) -> &'static str {
    if score.is_nan() || score.abs() < NEUTRAL_BAND {
        "neu"
    } else if score > 0.0 {
        "pos"
    } else {
        "neg"
    }
}

/// A class-safe form of an impact level ("very high" -> "very-high").
pub fn level_class(level: &str) -> String {
    level
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// The card itself. `site` is the Newsgauge address the footer links to.
#[component]
pub fn EmbedCard(
    analysis: Analysis,
    #[prop(optional)] title: Option<String>,
    parts: Parts,
    site: String,
) -> impl IntoView {
    let a = analysis;
    let title = title.filter(|t| !t.trim().is_empty()).map(|t| {
        view! { <p class="ng-title" data-testid="ng-title">{t}</p> }
    });
    let impact = parts.impact.then(|| {
        let class = format!("ng-badge ng-impact ng-impact-{}", level_class(&a.impact.level));
        view! {
            <span class=class data-testid="ng-impact">
                "Impact " <strong data-testid="ng-impact-level">{a.impact.level.clone()}</strong> " "
                <span data-testid="ng-impact-score">{fixed(a.impact.score, 2).to_string()}</span>
            </span>
        }
    });
    let sentiment = parts.sentiment.then(|| {
        let s = &a.sentiment;
        let class = format!("ng-badge ng-sentiment ng-{}", tone(s.score));
        let unreliable = (!s.reliable).then(|| {
            view! {
                <span class="ng-note" title="The engine could not score this text reliably (e.g. not English)">
                    " (low confidence)"
                </span>
            }
        });
        view! {
            <span class=class data-testid="ng-sentiment">
                <span data-testid="ng-sentiment-label">{s.label.clone()}</span> " "
                <span data-testid="ng-sentiment-score">{plus(s.score, 2).to_string()}</span>
                {unreliable}
            </span>
        }
    });
    let tickers = parts.tickers.then(|| {
        if a.ticker_sentiment.is_empty() {
            return view! { <p class="ng-empty" data-testid="ng-no-tickers">"No listed companies found"</p> }
                .into_any();
        }
        let more = a.ticker_sentiment.len().saturating_sub(MAX_TICKERS);
        let chips = a
            .ticker_sentiment
            .iter()
            .take(MAX_TICKERS)
            .map(|t| {
                let class = format!("ng-chip ng-{}", tone(t.score));
                let hint = format!("{} · {}", t.name, t.label);
                view! {
                    <li class=class data-testid="ng-ticker" title=hint>
                        <span class="ng-symbol">{t.ticker.clone()}</span> " "
                        <span class="ng-score">{plus(t.score, 2).to_string()}</span>
                    </li>
                }
            })
            .collect_view();
        let more = (more > 0).then(|| view! { <li class="ng-more">{format!("+{more} more")}</li> });
        view! {
            <ul class="ng-chips" aria-label="Tickers">
                {chips}
                {more}
            </ul>
        }
        .into_any()
    });
    let topics = parts.topics.then(|| {
        let top = top_topics(&a.topics, MAX_TOPICS);
        if top.is_empty() {
            return view! { <p class="ng-empty" data-testid="ng-no-topics">"No topics found"</p> }
                .into_any();
        }
        let items = top
            .into_iter()
            .map(|t| view! { <li class="ng-topic" data-testid="ng-topic">{t.name.clone()}</li> })
            .collect_view();
        view! { <ul class="ng-topics" aria-label="Topics">{items}</ul> }.into_any()
    });
    let decisions = parts.decisions.then(|| {
        if a.key_decisions.is_empty() {
            return view! { <p class="ng-empty" data-testid="ng-no-decisions">"No key decisions for investors"</p> }
                .into_any();
        }
        let items = a
            .key_decisions
            .iter()
            .map(|d| view! { <li data-testid="ng-decision">{d.clone()}</li> })
            .collect_view();
        view! {
            <div class="ng-decisions">
                <p class="ng-heading">"Key decisions"</p>
                <ul>{items}</ul>
            </div>
        }
        .into_any()
    });
    let truncated = a.truncated.then(|| {
        view! {
            <p class="ng-note">{format!("Only the first {} KB were analysed.", a.analyzed_bytes / 1024)}</p>
        }
    });
    view! {
        <article class="ng-card" aria-label="Newsgauge analysis" data-testid="ng-card">
            {title}
            <div class="ng-badges">{impact} {sentiment}</div>
            {tickers}
            {topics}
            {decisions}
            {truncated}
            <p class="ng-foot">
                <a href=site target="_blank" rel="noopener noreferrer">
                    "Analysed in your browser by Newsgauge"
                </a>
            </p>
        </article>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn theme_parses_known_values_and_defaults_to_auto() {
        assert_eq!(Theme::parse("dark"), Theme::Dark);
        assert_eq!(Theme::parse(" Light "), Theme::Light);
        assert_eq!(Theme::parse("auto"), Theme::Auto);
        assert_eq!(Theme::parse("purple"), Theme::Auto);
        for t in Theme::ALL {
            assert_eq!(Theme::parse(t.as_str()), t);
        }
    }

    #[test]
    fn parts_parse_commas_and_spaces_and_ignore_unknown_names() {
        let p = Parts::parse("impact, Tickers decisions,bogus");
        assert_eq!(p.to_list(), "impact,tickers,decisions");
        assert!(!p.sentiment && !p.topics);
    }

    #[test]
    fn parts_with_no_known_name_fall_back_to_the_default() {
        assert_eq!(Parts::parse(""), Parts::default());
        assert_eq!(Parts::parse("nothing,useful"), Parts::default());
        assert!(!Parts::default().decisions, "decisions are opt-in");
    }

    #[test]
    fn parts_round_trip_through_their_list() {
        let mut p = Parts::NONE;
        p.set("topics", true);
        p.set("sentiment", true);
        assert_eq!(Parts::parse(&p.to_list()), p);
    }

    #[test]
    fn top_topics_orders_by_relevance_and_keeps_n() {
        let t = |id: &str, r: f32| Topic {
            id: id.into(),
            name: id.into(),
            relevance_score: r,
        };
        let topics = vec![t("a", 0.2), t("b", 0.9), t("c", 0.5), t("d", 0.9)];
        let top: Vec<&str> = top_topics(&topics, 3)
            .iter()
            .map(|t| t.id.as_str())
            .collect();
        assert_eq!(top, ["b", "d", "c"]);
        assert!(top_topics(&[], 3).is_empty());
    }

    #[test]
    fn tone_uses_the_engine_neutral_band() {
        assert_eq!(tone(0.0), "neu");
        assert_eq!(tone(NEUTRAL_BAND - 0.01), "neu");
        assert_eq!(tone(NEUTRAL_BAND), "pos");
        assert_eq!(tone(-0.5), "neg");
        assert_eq!(tone(f32::NAN), "neu");
    }

    #[test]
    fn level_class_is_safe_for_a_class_name() {
        assert_eq!(level_class("very high"), "very-high");
        assert_eq!(level_class("x\"><b>"), "x---b-");
    }
}
