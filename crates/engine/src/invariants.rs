//! The contract's invariants, checked on any [`Analysis`]: used by the property tests
//! (`tests/robustness.rs`) and the fuzzer (`fuzz/`), so both assert the same things.

use crate::normalize::MAX_ANALYZED_BYTES;
use crate::types::{Analysis, Article, Explanation, Field, Span, SCHEMA_VERSION};

/// Every label [`crate::label_for`] can return.
const LABELS: &[&str] = &[
    "strongly negative",
    "negative",
    "mildly negative",
    "neutral",
    "mildly positive",
    "positive",
    "strongly positive",
];

/// Levels an [`crate::Impact`] may report.
const IMPACT_LEVELS: &[&str] = &["negligible", "low", "moderate", "high", "very high"];

/// Checks that `analysis` (the result of analysing `article`) keeps the contract:
/// scores finite and in range, every offset on a char boundary within its field (and
/// within the analysed prefix), `start <= end`, rule ids registered, and the
/// truncation fields consistent. Returns the first violation found.
pub fn check(article: &Article, analysis: &Analysis) -> Result<(), String> {
    let title = article.title.as_deref().unwrap_or("");
    let body = article.text.as_str();
    let a = analysis;
    ensure(a.schema_version == SCHEMA_VERSION, || {
        format!("schema_version {}", a.schema_version)
    })?;

    // Truncation is reported, never silent.
    ensure(a.analyzed_bytes <= body.len(), || {
        format!("analyzed_bytes {} > body {}", a.analyzed_bytes, body.len())
    })?;
    ensure(a.analyzed_bytes <= MAX_ANALYZED_BYTES, || {
        format!("analyzed_bytes {} over the limit", a.analyzed_bytes)
    })?;
    ensure(body.is_char_boundary(a.analyzed_bytes), || {
        format!("analyzed_bytes {} not a char boundary", a.analyzed_bytes)
    })?;
    ensure(a.analyzed_bytes == body.len() || a.truncated, || {
        "body cut but truncated is false".to_owned()
    })?;
    ensure(
        !a.truncated || a.analyzed_bytes < body.len() || title.len() > MAX_ANALYZED_BYTES,
        || "truncated is true but nothing was cut".to_owned(),
    )?;
    let field_len = |f: Field| match f {
        Field::Title => title.len().min(MAX_ANALYZED_BYTES),
        Field::Body => a.analyzed_bytes,
    };
    let text_of = |f: Field| match f {
        Field::Title => title,
        Field::Body => body,
    };
    let span_ok = |what: &str, field: Field, start: usize, end: usize| -> Result<(), String> {
        let text = text_of(field);
        ensure(start <= end, || {
            format!("{what}: start {start} > end {end}")
        })?;
        ensure(end <= field_len(field), || {
            format!("{what}: end {end} beyond the analysed {field:?}")
        })?;
        ensure(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            || format!("{what}: {start}..{end} not on char boundaries of the {field:?}"),
        )
    };
    let explanation_ok = |what: &str, e: &Explanation| -> Result<(), String> {
        span_ok(what, e.field, e.start, e.end)?;
        ensure(e.weight.is_finite(), || {
            format!("{what}: weight {}", e.weight)
        })?;
        ensure(crate::rules::lookup(&e.rule).is_some(), || {
            format!("{what}: unknown rule {:?}", e.rule)
        })
    };
    let in_range = |what: &str, v: f32, lo: f32, hi: f32| -> Result<(), String> {
        ensure(v.is_finite() && (lo..=hi).contains(&v), || {
            format!("{what} {v} outside [{lo}, {hi}]")
        })
    };
    let relevance = |what: &str, v: f32| -> Result<(), String> {
        ensure(v.is_finite() && v > 0.0 && v <= 1.0, || {
            format!("{what} {v} outside (0, 1]")
        })
    };
    let label_ok = |what: &str, l: &str| {
        ensure(LABELS.contains(&l), || {
            format!("{what}: unknown label {l:?}")
        })
    };
    let spans_ok = |what: &str, spans: &[Span]| {
        spans
            .iter()
            .try_for_each(|s| span_ok(what, s.field, s.start, s.end))
    };

    let s = &a.sentiment;
    in_range("sentiment.score", s.score, -1.0, 1.0)?;
    in_range("sentiment.confidence", s.confidence, 0.0, 1.0)?;
    label_ok("sentiment", &s.label)?;
    ensure(
        a.language == "en" || (!s.reliable && s.confidence == 0.0),
        || format!("language {:?} but sentiment reliable/confident", a.language),
    )?;
    ensure(
        (2..=3).contains(&a.language.len()) && a.language.bytes().all(|b| b.is_ascii_lowercase()),
        || format!("language {:?} is not an ISO 639 code", a.language),
    )?;

    in_range("impact.score", a.impact.score, 0.0, 1.0)?;
    ensure(IMPACT_LEVELS.contains(&a.impact.level.as_str()), || {
        format!("impact level {:?}", a.impact.level)
    })?;
    for d in &a.impact.drivers {
        in_range("impact driver", d.value, 0.0, 1.0)?;
    }

    for t in &a.ticker_sentiment {
        in_range("ticker score", t.score, -1.0, 1.0)?;
        relevance("ticker relevance", t.relevance_score)?;
        label_ok("ticker", &t.label)?;
        spans_ok("ticker mention", &t.mentions)?;
        t.explanations
            .iter()
            .try_for_each(|e| explanation_ok("ticker explanation", e))?;
    }
    for e in &a.entities {
        spans_ok("entity mention", &e.mentions)?;
    }
    for t in &a.topics {
        relevance("topic relevance", t.relevance_score)?;
    }
    for e in &a.events {
        span_ok("event", e.span.field, e.span.start, e.span.end)?;
        in_range("event certainty", e.certainty, 0.0, 1.0)?;
        ensure(crate::rules::lookup(&e.rule).is_some(), || {
            format!("event: unknown rule {:?}", e.rule)
        })?;
    }
    a.explanations
        .iter()
        .try_for_each(|e| explanation_ok("explanation", e))?;
    for s in &a.sentences {
        span_ok("sentence", s.field, s.start, s.end)?;
        in_range("sentence score", s.score, -1.0, 1.0)?;
    }
    // Sentences: title first, then body, each in text order.
    for w in a.sentences.windows(2) {
        ensure((w[0].field, w[0].start) < (w[1].field, w[1].start), || {
            format!(
                "sentences out of order: {:?}@{} then {:?}@{}",
                w[0].field, w[0].start, w[1].field, w[1].start
            )
        })?;
    }
    Ok(())
}

fn ensure(ok: bool, msg: impl FnOnce() -> String) -> Result<(), String> {
    if ok {
        Ok(())
    } else {
        Err(msg())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_analysis_keeps_the_contract() {
        let article = Article::new(
            Some("Shares rose"),
            "Apple shares plunged after it missed estimates.",
        );
        assert_eq!(check(&article, &crate::analyze(&article)), Ok(()));
    }

    #[test]
    fn an_offset_inside_a_character_is_reported() {
        let article = Article::new(None, "Café shares plunged.");
        let mut a = crate::analyze(&article);
        a.sentences[0].end = 4; // inside 'é'
        assert!(check(&article, &a).unwrap_err().contains("char boundaries"));
    }

    #[test]
    fn a_silent_truncation_is_reported() {
        let article = Article::new(None, "Shares rose.");
        let mut a = crate::analyze(&article);
        a.analyzed_bytes = 6;
        assert!(check(&article, &a)
            .unwrap_err()
            .contains("truncated is false"));
    }
}
