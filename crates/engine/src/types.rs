//! The analysis contract: every type the engine returns, serde-serialisable.
//!
//! This is schema version [`SCHEMA_VERSION`], documented in `docs/analysis-schema.md`.
//! Fields are added, never renamed or removed, without bumping the version.
//! All byte offsets (`start`, `end`) index the original UTF-8 text of the field
//! they belong to (the body unless `field` says `title`) and lie on char boundaries.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

/// Version of the JSON contract below; bump only on a breaking change.
pub const SCHEMA_VERSION: u32 = 1;

/// One article to analyse.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Headline, if any. Counts more than body sentences.
    #[serde(default)]
    pub title: Option<String>,
    /// Plain text body.
    #[serde(default)]
    pub text: String,
}

impl Article {
    pub fn new(title: Option<&str>, text: &str) -> Self {
        Article {
            title: title.map(str::to_owned),
            text: text.to_owned(),
        }
    }
}

/// Which field of the [`Article`] a span indexes.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Title,
    #[default]
    Body,
}

impl Field {
    pub fn is_body(&self) -> bool {
        *self == Field::Body
    }
}

/// A byte range into one field of the article.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Field::is_body")]
    pub field: Field,
}

impl Span {
    pub fn body(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            field: Field::Body,
        }
    }
    pub fn title(start: usize, end: usize) -> Self {
        Span {
            start,
            end,
            field: Field::Title,
        }
    }
}

/// The complete result of [`crate::analyze`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub schema_version: u32,
    pub sentiment: Sentiment,
    pub impact: Impact,
    pub ticker_sentiment: Vec<TickerSentiment>,
    pub entities: Vec<Entity>,
    pub topics: Vec<Topic>,
    pub events: Vec<Event>,
    /// Extractive summary plus one sentence stating the overall signal. Empty when
    /// there is nothing to summarise.
    pub summary: String,
    /// 2–4 concrete bullets for investors, or none when there is nothing financial to say.
    pub key_decisions: Vec<String>,
    /// Every phrase that moved a score, in text order.
    pub explanations: Vec<Explanation>,
    /// Every sentence with its own score, title first, then body in text order.
    pub sentences: Vec<SentenceScore>,
    /// Detected language: "en", an ISO 639-1 code when obvious ("de", "zh", "ar", ...), or
    /// "und". When not "en", `sentiment.reliable` is false (see `crate::language`).
    pub language: String,
    /// True when the input was longer than the analysed limit and only a prefix was analysed.
    pub truncated: bool,
    /// How many bytes of the body were analysed.
    pub analyzed_bytes: usize,
}

/// Overall sentiment of the article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sentiment {
    /// In [-1, 1].
    pub score: f32,
    /// One of the band labels, see [`crate::label_for`].
    pub label: String,
    /// In [0, 1].
    pub confidence: f32,
    /// False when the engine's sentiment should not be trusted (e.g. not English).
    pub reliable: bool,
}

/// Market impact in [0, 1] with the drivers that produced it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Impact {
    pub score: f32,
    /// "negligible", "low", "moderate", "high" or "very high".
    pub level: String,
    pub drivers: Vec<ImpactDriver>,
}

/// One factor of the impact score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ImpactDriver {
    /// Stable id of the factor ("event_severity", "prominence", ...).
    pub factor: String,
    /// Human-readable description ("earnings miss at a mega-cap").
    pub description: String,
    /// The factor's value in [0, 1].
    pub value: f32,
}

/// Sentiment towards one ticker.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TickerSentiment {
    pub ticker: String,
    pub name: String,
    pub exchange: String,
    /// In [-1, 1].
    pub score: f32,
    pub label: String,
    /// In (0, 1]: how central the company is to the article.
    pub relevance_score: f32,
    pub mentions: Vec<Span>,
    /// The phrases that moved this ticker's score.
    #[serde(default)]
    pub explanations: Vec<Explanation>,
}

/// A named organisation found in the text, listed or private.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    /// "public" or "private" (or "index", "regulator" ...).
    pub kind: String,
    /// All symbols of a public company (share classes, dual listings); empty for private ones.
    pub tickers: Vec<String>,
    pub mentions: Vec<Span>,
}

/// A topic category with its relevance.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub id: String,
    pub name: String,
    /// In (0, 1].
    pub relevance_score: f32,
}

/// A market-relevant event found in the text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// Stable event type id ("earnings_beat", "lawsuit_filed", ...).
    pub kind: String,
    pub span: Span,
    /// In [0, 1]; lower for hedged or reported language.
    pub certainty: f32,
    /// Tickers the event is about, if known.
    #[serde(default)]
    pub tickers: Vec<String>,
    /// Rule that found it. Borrowed from the rule tables when the engine made it (no
    /// allocation per event); owned when read back from JSON.
    pub rule: Cow<'static, str>,
}

/// Why a score moved: a phrase, the rule that matched it and its weight.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// Stable rule id from [`crate::rules::TABLES`]. Borrowed from the rule tables when the
    /// engine made it, so copying an explanation allocates nothing; owned when read back
    /// from JSON.
    pub rule: Cow<'static, str>,
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Field::is_body")]
    pub field: Field,
    /// Signed contribution (positive pushes the score up).
    pub weight: f32,
}

/// One sentence with its own sentiment score.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SentenceScore {
    pub start: usize,
    pub end: usize,
    #[serde(default, skip_serializing_if = "Field::is_body")]
    pub field: Field,
    /// In [-1, 1].
    pub score: f32,
}
