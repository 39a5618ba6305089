//! Newsgauge's scoring engine: plain Rust, `&str` in, deterministic [`Analysis`] out.
//!
//! It never depends on a web framework, so the same code runs natively (CLI, benches)
//! and in the browser (wasm).

pub mod decisions;
pub mod events;
pub mod fixed;
pub mod impact;
pub mod invariants;
pub mod language;
pub mod literals;
pub mod normalize;
pub mod phrase;
pub mod phrase_tables;
pub mod prefix_index;
pub mod rules;
pub mod sentiment;
pub mod sort;
pub mod summary;
pub mod text;
pub mod tickers;
pub mod topics;
mod types;
pub mod word_groups;

pub use types::*;

/// One segmented sentence of a [`Doc`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sent {
    pub field: Field,
    /// Byte range into the field's text.
    pub start: usize,
    pub end: usize,
    /// Position within its field (0 = the first sentence, i.e. the lead of the body).
    pub index: usize,
}

/// An article prepared for the analysers: its fields and their sentences.
#[derive(Debug, Clone)]
pub struct Doc<'a> {
    pub title: &'a str,
    pub body: &'a str,
    /// Title sentences first, then body sentences, each in text order.
    pub sentences: Vec<Sent>,
    /// ASCII-lowercased copies of the title and body (same length, so every offset into
    /// them is an offset into the field): made once for every case-insensitive matcher.
    lower_title: String,
    lower_body: String,
    /// The topic and event phrase hits of the title and the body, found on first use.
    hits: [std::cell::OnceCell<phrase_tables::PhraseHits>; 2],
}

impl<'a> Doc<'a> {
    pub fn new(title: &'a str, body: &'a str) -> Self {
        let mut sentences = Vec::new();
        for (field, text) in [(Field::Title, title), (Field::Body, body)] {
            for (index, (start, end)) in text::sentences(text).into_iter().enumerate() {
                sentences.push(Sent {
                    field,
                    start,
                    end,
                    index,
                });
            }
        }
        Doc {
            title,
            body,
            sentences,
            lower_title: title.to_ascii_lowercase(),
            lower_body: body.to_ascii_lowercase(),
            hits: Default::default(),
        }
    }

    /// The topic and event phrases found in a [`Field`] (one lookup per position for both).
    pub fn phrase_hits(&self, field: Field) -> &phrase_tables::PhraseHits {
        self.hits[usize::from(field.is_body())]
            .get_or_init(|| phrase_tables::find(self.field_text(field), self.field_lower(field)))
    }

    /// The ASCII-lowercased text of a [`Field`] (byte offsets are the field's own).
    pub fn field_lower(&self, field: Field) -> &str {
        match field {
            Field::Title => &self.lower_title,
            Field::Body => &self.lower_body,
        }
    }

    /// The text a [`Field`] refers to.
    pub fn field_text(&self, field: Field) -> &'a str {
        match field {
            Field::Title => self.title,
            Field::Body => self.body,
        }
    }
}

/// Band edges of the sentiment labels: |s| < NEUTRAL is neutral, < MILD is mild, < PLAIN
/// is plain, else strong.
pub const NEUTRAL_BAND: f32 = 0.15;
/// Upper edge of the "mildly" band.
pub const MILD_BAND: f32 = 0.40;
/// Upper edge of the plain band; at or above it is "strongly".
pub const PLAIN_BAND: f32 = 0.70;

/// The label of a sentiment score, by the documented bands.
pub fn label_for(score: f32) -> &'static str {
    let a = score.abs();
    let pos = score > 0.0;
    if a < NEUTRAL_BAND || a.is_nan() {
        "neutral"
    } else if a < MILD_BAND {
        if pos {
            "mildly positive"
        } else {
            "mildly negative"
        }
    } else if a < PLAIN_BAND {
        if pos {
            "positive"
        } else {
            "negative"
        }
    } else if pos {
        "strongly positive"
    } else {
        "strongly negative"
    }
}

/// Analyse one article.
pub fn analyze(article: &Article) -> Analysis {
    // Bounded input, then same-length clean text: offsets still index the original.
    let raw_title = article.title.as_deref().unwrap_or("");
    let (title_in, title_cut) = normalize::truncate(raw_title, normalize::MAX_ANALYZED_BYTES);
    let (body_in, body_cut) = normalize::truncate(&article.text, normalize::MAX_ANALYZED_BYTES);
    let (title, body) = (
        normalize::normalize(title_in),
        normalize::normalize(body_in),
    );
    let doc = Doc::new(&title, &body);
    let language = language::detect(&title, &body);
    let mut sent = sentiment::score(&doc);
    let mut companies = tickers::resolve(&doc, &sent);
    language::discount_if_not_english(language, &mut sent, &mut companies.tickers);
    let signals = impact::signals(&doc, &sent, &companies);
    Analysis {
        schema_version: SCHEMA_VERSION,
        sentiment: sent.overall,
        impact: signals.impact,
        ticker_sentiment: companies.tickers,
        entities: companies.entities,
        topics: signals.topics,
        events: signals.events,
        summary: signals.summary,
        key_decisions: signals.key_decisions,
        explanations: sent.explanations,
        sentences: sent.sentences,
        language: language.to_owned(),
        truncated: title_cut || body_cut,
        analyzed_bytes: body_in.len(),
    }
}

/// Build every table the analysis uses (securities master, name and phrase indexes,
/// lexicon, model) now, instead of during the first analysis: for an app to call while
/// it waits for input. Later calls cost one tiny analysis.
pub fn prepare() {
    // A headline that reaches the names, the lexicon, the model, topics and events.
    std::hint::black_box(analyze_text(
        "Acme Corp. shares rose after it raised its dividend and beat estimates.",
    ));
}

/// Analyse plain text with no title.
pub fn analyze_text(text: &str) -> Analysis {
    analyze(&Article::new(None, text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn band_edges_follow_the_documented_bands() {
        assert_eq!(label_for(0.0), "neutral");
        assert_eq!(label_for(0.1499), "neutral");
        assert_eq!(label_for(0.15), "mildly positive");
        assert_eq!(label_for(-0.15), "mildly negative");
        assert_eq!(label_for(0.3999), "mildly positive");
        assert_eq!(label_for(0.40), "positive");
        assert_eq!(label_for(-0.6999), "negative");
        assert_eq!(label_for(0.70), "strongly positive");
        assert_eq!(label_for(-1.0), "strongly negative");
    }

    #[test]
    fn explanation_offsets_point_into_the_original_text() {
        let text = "ÄÖ Corp shares plunged after it missed estimates.";
        let a = analyze_text(text);
        assert!(!a.explanations.is_empty());
        for e in &a.explanations {
            assert!(text.is_char_boundary(e.start) && text.is_char_boundary(e.end));
        }
        assert!(a
            .explanations
            .iter()
            .any(|e| &text[e.start..e.end] == "plunged"));
    }

    #[test]
    fn analysis_serialises_with_the_schema_version() {
        let json = serde_json::to_value(analyze_text("Shares rose.")).unwrap();
        assert_eq!(json["schema_version"], 1);
        assert!(json["sentiment"]["score"].as_f64().unwrap() > 0.0);
    }
}
