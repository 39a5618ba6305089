//! Sentence and article sentiment.

use crate::rules::Rule;
use crate::types::{Explanation, Field, SentenceScore, Sentiment};
use crate::Doc;

/// Sentiment rules (one line a rule).
pub const RULES: &[Rule] = &[
    Rule { id: "S001", name: "lexicon-positive", description: "A word from the financial positive lexicon" },
    Rule { id: "S002", name: "lexicon-negative", description: "A word from the financial negative lexicon" },
];

/// A tiny seed lexicon: (lowercase word, weight, rule id).
const LEXICON: &[(&str, f32, &str)] = &[
    ("beat", 0.5, "S001"),
    ("rose", 0.4, "S001"),
    ("surged", 0.6, "S001"),
    ("record", 0.3, "S001"),
    ("missed", -0.5, "S002"),
    ("fell", -0.4, "S002"),
    ("plunged", -0.6, "S002"),
    ("lawsuit", -0.4, "S002"),
];

/// What sentiment scoring gives the rest of the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct SentimentOutput {
    pub overall: Sentiment,
    pub sentences: Vec<SentenceScore>,
    pub explanations: Vec<Explanation>,
}

/// Score one byte range of a field (a sentence or a clause) and say why.
pub fn score_span(doc: &Doc<'_>, field: Field, start: usize, end: usize) -> (f32, Vec<Explanation>) {
    let text = doc.field_text(field);
    let mut sum = 0.0f32;
    let mut explanations = Vec::new();
    for tok in crate::text::tokens(&text[start..end]) {
        let lw = tok.text.to_lowercase();
        if let Some((_, w, rule)) = LEXICON.iter().find(|(word, _, _)| *word == lw) {
            sum += w;
            explanations.push(Explanation {
                rule: (*rule).to_owned(),
                start: start + tok.start,
                end: start + tok.end,
                field,
                weight: *w,
            });
        }
    }
    (sum.tanh(), explanations)
}

/// Score every sentence of the document and the article as a whole.
pub fn score(doc: &Doc<'_>) -> SentimentOutput {
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    let mut explanations = Vec::new();
    for s in &doc.sentences {
        let (score, mut why) = score_span(doc, s.field, s.start, s.end);
        explanations.append(&mut why);
        sentences.push(SentenceScore { start: s.start, end: s.end, field: s.field, score });
    }
    let n = sentences.len().max(1) as f32;
    let score = (sentences.iter().map(|s| s.score).sum::<f32>() / n).clamp(-1.0, 1.0);
    SentimentOutput {
        overall: Sentiment { score, label: crate::label_for(score).to_owned(), confidence: 0.0, reliable: true },
        sentences,
        explanations,
    }
}
