//! Sentence and article sentiment.
//!
//! Each sentence (or clause, via [`score_span`]) is scored by a learned, int8-quantised
//! hashed-feature logistic regression ([`model`]) over word/char n-grams plus valence rules
//! ([`features`], [`lexicon`]): negation scope, contrast, intensifiers, domain phrases,
//! direction × metric and numeric changes. Hedges lower magnitude and confidence after
//! the model. The article score is a salience-weighted mean of sentence scores.

pub mod features;
pub mod lexicon;
pub mod model;

use std::cell::RefCell;
use std::cmp::Ordering;
use std::sync::OnceLock;

use crate::literals::Literals;
use crate::rules::Rule;
use crate::types::{Explanation, Field, SentenceScore, Sentiment};
use crate::Doc;
use features::{Scratch, Source};
use lexicon::PolarRule;
use model::{Model, NEG, NEU, POS};

/// Sentiment rules (one line a rule). Ids are stable: never renumber or reuse one.
pub const RULES: &[Rule] = &[
    Rule { id: "S001", name: "lexicon-positive", description: "A word from the financial positive lexicon" },
    Rule { id: "S002", name: "lexicon-negative", description: "A word from the financial negative lexicon" },
    Rule { id: "S003", name: "phrase-positive", description: "A positive financial phrase (\"beat estimates\", \"raised its dividend\")" },
    Rule { id: "S004", name: "phrase-negative", description: "A negative financial phrase (\"cut guidance\", \"data exfiltration\")" },
    Rule { id: "S005", name: "negation", description: "A polar word inside a negation scope, its polarity flipped (\"did not miss\", \"failed to\")" },
    Rule { id: "S006", name: "direction-metric", description: "A change applied to a metric (\"costs fell\" is good, \"losses widened\" bad)" },
    Rule { id: "S007", name: "numeric-change", description: "Two figures compared (\"EUR 5 mn compared to EUR 3 mn\")" },
    Rule { id: "S008", name: "hedge", description: "Hedged or reported language (\"may\", \"reportedly\") lowering magnitude and confidence" },
    Rule { id: "S009", name: "contrast", description: "A contrast marker (\"but\", \"although\") demoting the clause it opposes" },
    Rule { id: "S010", name: "model-word", description: "A word whose learned weight moved the score" },
    Rule { id: "S011", name: "model-phrase", description: "A two-word phrase whose learned weight moved the score" },
];

/// Magnitude multiplier per hedge cue in a sentence (at most two count).
const HEDGE_DAMPING: f32 = 0.85;
/// Smallest |contribution| (in log-odds) of a phrase worth an explanation.
const EXPLAIN_MIN: f32 = 0.10;
/// Most explanations kept per scored span (the strongest).
const EXPLAIN_TOP: usize = 8;
/// Most contrast markers explained per span (each costs a pass over its features).
const MAX_CONTRASTS_EXPLAINED: usize = 4;
/// Salience of the title relative to a plain body sentence.
const TITLE_SALIENCE: f32 = 2.0;
/// Salience of the first body sentence (the lead) and the second.
const LEAD_SALIENCE: [f32; 2] = [1.6, 1.25];
/// Salience of boilerplate ("Request a Demo", disclaimers).
const BOILERPLATE_SALIENCE: f32 = 0.05;
/// Floor added to |score| when weighting sentences, so neutral ones still dilute a little.
const NEUTRAL_FLOOR: f32 = 0.3;

/// Boilerplate markers (matched case-insensitively).
const BOILERPLATE: &[&str] = &[
    "request a demo",
    "all rights reserved",
    "disclaimer",
    "click here",
    "subscribe",
    "sign up",
    "cookie",
    "privacy policy",
    "terms of use",
    "terms of service",
    "not investment advice",
    "not financial advice",
    "forward-looking statements",
    "forward looking statements",
    "copyright",
    "©",
    "follow us",
    "read more",
    "newsletter",
    "advertisement",
    "sponsored",
    "contact us",
    "for more information",
    "past performance",
    "safe harbor",
    "unsubscribe",
    "download the app",
    "free trial",
    "book a demo",
    "related articles",
    "share this article",
];

/// What sentiment scoring gives the rest of the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct SentimentOutput {
    pub overall: Sentiment,
    pub sentences: Vec<SentenceScore>,
    pub explanations: Vec<Explanation>,
}

/// A scored span with the detail the article aggregation needs.
#[derive(Debug, Clone, PartialEq)]
pub struct SpanScore {
    /// In [-1, 1]: P(positive) − P(negative), damped by hedges.
    pub score: f32,
    /// In [0, 1].
    pub confidence: f32,
    /// Negative, neutral, positive.
    pub probabilities: [f32; 3],
    pub explanations: Vec<Explanation>,
}

/// One explained span while explanations are built: (rule code, start, end, weight). The
/// code indexes [`RULE_IDS`]; comparing a byte instead of the id's text was 3% of an
/// analysis.
type Part = (u8, usize, usize, f32);

/// The sentiment rule ids by code: code n is rule `S00n` / `S0nn`, so codes order as the ids
/// do (0 = no rule).
const RULE_IDS: [&str; 12] = [
    "", "S001", "S002", "S003", "S004", "S005", "S006", "S007", "S008", "S009", "S010", "S011",
];
/// Codes of the rules explain() adds itself.
const HEDGE: u8 = 8;
const CONTRAST: u8 = 9;

thread_local! {
    /// Buffers reused by every scored span: the feature extractor's and the explainer's.
    static SCRATCH: RefCell<(Scratch, Parts)> = RefCell::new(Default::default());
}

/// A span's contributions while explanations are built, one list per group of features,
/// each in the order the model reads them: the word group (unigrams and bigrams) and the
/// char n-grams (one part a word) come in span order, the rule features in any order.
/// [`Parts::merge`] writes them one per span to `merged`.
#[derive(Debug, Default)]
struct Parts {
    words: Vec<Part>,
    chars: Vec<Part>,
    rules: Vec<Part>,
    merged: Vec<Part>,
}

impl Parts {
    fn clear(&mut self) {
        self.words.clear();
        self.chars.clear();
        self.rules.clear();
    }

    /// Add one feature's contribution (a word's char n-grams come as one). One of the same
    /// rule and span as the last of its group adds to its part.
    fn add(&mut self, source: Source, start: usize, end: usize, w: f32) {
        let rule = rule_code(source);
        if rule == 0 || rule == HEDGE || start >= end {
            return;
        }
        let group = match source {
            Source::Word | Source::Bigram => &mut self.words,
            Source::Char => &mut self.chars,
            _ => &mut self.rules,
        };
        match group.last_mut() {
            Some(p) if (p.0, p.1, p.2) == (rule, start, end) => p.3 += w,
            _ => group.push((rule, start, end, w)),
        }
    }

    /// One part per span into `merged`, in span order: what a stable sort of all the parts
    /// (words, chars, rules, in that order) by span (a rule before the learned weights of
    /// the same span) and a sum over each span, in that order, gives. The rule names the
    /// span when one fired on it. A span's rule parts
    /// come first (in feature order), then its word-group part, then its char n-gram part;
    /// the word and char groups are in span order already, so only the few rule parts are
    /// sorted (sorting every part was 8% of an analysis).
    fn merge(&mut self) {
        self.rules.sort_by(by_span_then_rank as PartOrder);
        let (words, chars, rules) = (&self.words, &self.chars, &self.rules);
        let span = |p: &Part| (p.1, p.2);
        debug_assert!(words.windows(2).all(|w| span(&w[0]) < span(&w[1])));
        debug_assert!(chars.windows(2).all(|w| span(&w[0]) < span(&w[1])));
        self.merged.clear();
        let (mut i, mut j, mut k) = (0, 0, 0);
        loop {
            let heads = [rules.get(k), words.get(i), chars.get(j)];
            let Some(next) = heads.into_iter().flatten().map(span).min() else {
                break;
            };
            let mut kept: Option<Part> = None;
            let mut take = |p: &Part| match &mut kept {
                Some(m) => m.3 += p.3,
                None => kept = Some(*p),
            };
            while k < rules.len() && span(&rules[k]) == next {
                take(&rules[k]);
                k += 1;
            }
            if i < words.len() && span(&words[i]) == next {
                take(&words[i]);
                i += 1;
            }
            if j < chars.len() && span(&chars[j]) == next {
                take(&chars[j]);
                j += 1;
            }
            self.merged.extend(kept);
        }
    }
}

/// Score one byte range of a field (a sentence or a clause) and say why.
pub fn score_span(
    doc: &Doc<'_>,
    field: Field,
    start: usize,
    end: usize,
) -> (f32, Vec<Explanation>) {
    let s = score_span_with(model::shipped(), doc.field_text(field), field, start, end);
    (s.score, s.explanations)
}

/// [`score_span`] appending the explanations to `out` instead of returning them.
pub(crate) fn score_span_into(
    doc: &Doc<'_>,
    field: Field,
    start: usize,
    end: usize,
    out: &mut Vec<Explanation>,
) -> f32 {
    let text = doc.field_text(field);
    score_into(model::shipped(), text, field, start, end, out).0
}

/// Score `text[start..end]` with a given model. Out-of-range or non-boundary offsets are
/// clamped to the nearest valid span (never panics).
pub fn score_span_with(
    model: &Model<'_>,
    text: &str,
    field: Field,
    start: usize,
    end: usize,
) -> SpanScore {
    let mut explanations = Vec::new();
    let (score, confidence, probabilities) =
        score_into(model, text, field, start, end, &mut explanations);
    SpanScore {
        score,
        confidence,
        probabilities,
        explanations,
    }
}

/// [`score_span_with`] appending the explanations to `out`: (score, confidence,
/// probabilities).
fn score_into(
    model: &Model<'_>,
    text: &str,
    field: Field,
    start: usize,
    end: usize,
    out: &mut Vec<Explanation>,
) -> (f32, f32, [f32; 3]) {
    let (start, end) = clamp_span(text, start, end);
    SCRATCH.with(|cell| {
        let (s, parts) = &mut *cell.borrow_mut();
        features::extract(&text[start..end], start, model.buckets, s);
        // Contributions per (rule, span), gathered while the model reads the buckets: a
        // word's unigram and char n-grams merge.
        parts.clear();
        let probs = model.probabilities_with(s, |source, start, end, w| {
            parts.add(source, start, end, w);
        });
        let hedges = s.hedges.len().min(2) as i32;
        let damp = HEDGE_DAMPING.powi(hedges);
        let raw = polarity_score(probs);
        let score = (raw * damp).clamp(-1.0, 1.0);
        let pmax = probs[POS].max(probs[NEU]).max(probs[NEG]);
        // Rescale the winning probability from [1/3, 1] to [0, 1].
        let confidence = (((pmax - 1.0 / 3.0) * 1.5) * damp).clamp(0.0, 1.0);
        explain(model, s, parts, field, raw, score, out);
        (score, confidence, probs)
    })
}

/// Map class probabilities to a score whose label bands agree with the model's most
/// likely class: a neutral winner gives |s| < 0.15; a polar winner gives
/// 0.15 + 0.85 × its margin over the runner-up, signed.
pub fn polarity_score(p: [f32; 3]) -> f32 {
    let (c, other, sign) = if p[POS] >= p[NEG] {
        (p[POS], p[NEG], 1.0)
    } else {
        (p[NEG], p[POS], -1.0)
    };
    let margin = c - p[NEU].max(other);
    if margin > 0.0 {
        sign * (crate::NEUTRAL_BAND + (1.0 - crate::NEUTRAL_BAND) * margin)
    } else {
        // Strictly inside the neutral band, still leaning the way the odds lean.
        (p[POS] - p[NEG]) * crate::NEUTRAL_BAND * 0.99
    }
}

fn clamp_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    let mut end = end.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut start = start.min(end);
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    (start, end)
}

fn rule_code(source: Source) -> u8 {
    match source {
        Source::Word | Source::Char => 10,
        Source::Bigram => 11,
        Source::Lexicon(PolarRule::LexPos) => 1,
        Source::Lexicon(PolarRule::LexNeg) => 2,
        Source::Lexicon(PolarRule::PhrasePos) => 3,
        Source::Lexicon(PolarRule::PhraseNeg) => 4,
        Source::Negated => 5,
        Source::Direction => 6,
        Source::Numeric => 7,
        Source::Hedge => HEDGE,
        Source::Other => 0,
    }
}

#[cfg(test)]
fn rule_of(source: Source) -> &'static str {
    RULE_IDS[usize::from(rule_code(source))]
}

/// Which rule names a span that several rules fired on (lower wins): the learned word and
/// phrase weights (S010, S011) give way to any hand-written rule.
fn rule_rank(code: u8) -> u8 {
    u8::from(code >= 10)
}

/// The orders `explain` sorts a sentence's parts in, as one function-pointer type: the three
/// sorts share one compiled copy of the standard sort (each copy is about 3 KB gzip of wasm),
/// which stays faster on these hot, short lists than [`crate::sort`]'s permutation.
type PartOrder = fn(&Part, &Part) -> Ordering;

/// By span, and a rule before the learned word weight of the same span.
fn by_span_then_rank(a: &Part, b: &Part) -> Ordering {
    (a.1, a.2, rule_rank(a.0)).cmp(&(b.1, b.2, rule_rank(b.0)))
}

/// Largest weight first, then by span and rule.
fn by_weight(a: &Part, b: &Part) -> Ordering {
    b.3.abs().total_cmp(&a.3.abs()).then_with(|| by_span(a, b))
}

/// By span, then rule.
fn by_span(a: &Part, b: &Part) -> Ordering {
    (a.1, a.2, a.0).cmp(&(b.1, b.2, b.0))
}

/// Append the explanations of the span just extracted into `s` to `out`, in text order;
/// `parts` holds its contributions per (rule, span), in feature order.
fn explain(
    model: &Model<'_>,
    s: &Scratch,
    parts: &mut Parts,
    field: Field,
    raw: f32,
    score: f32,
    out: &mut Vec<Explanation>,
) {
    // One explanation per span: a lexicon, phrase, negation or direction rule names the
    // span over the learned word weight of the same words (their weights add up).
    parts.merge();
    let parts = &mut parts.merged;
    parts.retain(|m| m.3.abs() >= EXPLAIN_MIN);
    parts.sort_by(by_weight as PartOrder);
    parts.truncate(EXPLAIN_TOP);
    // Contrast: the discounted clause lost as much as it still contributes.
    for &(a, b, ra, rb) in s.contrasts.iter().take(MAX_CONTRASTS_EXPLAINED) {
        let lost: f32 = s
            .all_features()
            .filter(|f| f.start >= ra && f.end <= rb && f.start < f.end)
            .map(|f| model.polarity(&f))
            .sum();
        parts.push((CONTRAST, a, b, -lost));
    }
    // Hedges: how much the damping moved the score (in the same log-odds-like units).
    if let Some(&(a, b)) = s.hedges.first() {
        parts.push((HEDGE, a, b, (score - raw) * 2.0));
    }
    // Shifters (contrast, hedge) are always reported when they moved the score.
    parts.retain(|m| round3(m.3) != 0.0);
    parts.sort_by(by_span as PartOrder);
    out.extend(parts.iter().map(|&(rule, start, end, w)| Explanation {
        rule: RULE_IDS[usize::from(rule)].into(),
        start,
        end,
        field,
        weight: round3(w),
    }));
}

fn round3(x: f32) -> f32 {
    (x * 1000.0).round() / 1000.0
}

fn boilerplate() -> &'static Literals {
    static SET: OnceLock<Literals> = OnceLock::new();
    SET.get_or_init(|| Literals::new(BOILERPLATE))
}

/// How much a sentence counts towards the article score.
pub fn salience(field: Field, index: usize, text: &str) -> f32 {
    if boilerplate().is_match(text) {
        return BOILERPLATE_SALIENCE;
    }
    match field {
        Field::Title => TITLE_SALIENCE,
        Field::Body => LEAD_SALIENCE.get(index).copied().unwrap_or(1.0),
    }
}

/// Score every sentence of the document and the article as a whole.
pub fn score(doc: &Doc<'_>) -> SentimentOutput {
    score_with(model::shipped(), doc)
}

/// [`score`] with a given model (training tools evaluate fold models through this).
pub fn score_with(model: &Model<'_>, doc: &Doc<'_>) -> SentimentOutput {
    let mut sentences = Vec::with_capacity(doc.sentences.len());
    let mut explanations = Vec::new();
    let (mut num, mut den, mut conf) = (0.0f32, 0.0f32, 0.0f32);
    let (mut pos_mass, mut neg_mass) = (0.0f32, 0.0f32);
    for s in &doc.sentences {
        let text = doc.field_text(s.field);
        let (score, confidence, _) =
            score_into(model, text, s.field, s.start, s.end, &mut explanations);
        let w = salience(s.field, s.index, &text[s.start..s.end]) * (NEUTRAL_FLOOR + score.abs());
        num += w * score;
        den += w;
        conf += w * confidence;
        if score > 0.0 {
            pos_mass += w * score;
        } else {
            neg_mass -= w * score;
        }
        sentences.push(SentenceScore {
            start: s.start,
            end: s.end,
            field: s.field,
            score,
        });
    }
    let (score, confidence) = if den > 0.0 {
        // Sentences pulling in opposite directions make the article verdict less certain.
        let disagreement = if pos_mass + neg_mass > 0.0 {
            pos_mass.min(neg_mass) / (pos_mass + neg_mass)
        } else {
            0.0
        };
        (
            (num / den).clamp(-1.0, 1.0),
            (conf / den * (1.0 - disagreement)).clamp(0.0, 1.0),
        )
    } else {
        (0.0, 0.0)
    };
    SentimentOutput {
        overall: Sentiment {
            score,
            label: crate::label_for(score).to_owned(),
            confidence,
            reliable: true,
        },
        sentences,
        explanations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(text: &str) -> SpanScore {
        score_span_with(model::shipped(), text, Field::Body, 0, text.len())
    }

    #[test]
    fn every_rule_id_used_is_in_the_table() {
        for src in [
            Source::Word,
            Source::Char,
            Source::Bigram,
            Source::Negated,
            Source::Direction,
            Source::Numeric,
            Source::Hedge,
        ] {
            assert!(RULES.iter().any(|r| r.id == rule_of(src)));
        }
        for id in [
            lexicon::LEX_POS,
            lexicon::LEX_NEG,
            lexicon::PHRASE_POS,
            lexicon::PHRASE_NEG,
        ] {
            assert!(RULES.iter().any(|r| r.id == id));
        }
    }

    #[test]
    fn rule_codes_name_the_rules_they_stand_for() {
        for rule in [
            PolarRule::LexPos,
            PolarRule::LexNeg,
            PolarRule::PhrasePos,
            PolarRule::PhraseNeg,
        ] {
            assert_eq!(rule_of(Source::Lexicon(rule)), rule.id());
        }
        assert_eq!(RULE_IDS[usize::from(HEDGE)], "S008");
        assert_eq!(RULE_IDS[usize::from(CONTRAST)], "S009");
        // Codes order as the ids do, so sorting by code sorts by id.
        assert!(RULE_IDS.windows(2).all(|w| w[0] < w[1]));
        assert!(RULE_IDS[1..]
            .iter()
            .all(|id| RULES.iter().any(|r| r.id == *id)));
    }

    #[test]
    fn score_bands_agree_with_the_most_likely_class() {
        assert_eq!(
            crate::label_for(polarity_score([0.2, 0.45, 0.35])),
            "neutral"
        );
        assert_eq!(
            crate::label_for(polarity_score([0.1, 0.35, 0.55])),
            "mildly positive"
        );
        assert_eq!(
            crate::label_for(polarity_score([0.9, 0.08, 0.02])),
            "strongly negative"
        );
        assert!(polarity_score([0.0, 0.0, 1.0]) <= 1.0 && polarity_score([1.0, 0.0, 0.0]) >= -1.0);
        assert!(polarity_score([0.3, 0.4, 0.3]).abs() < crate::NEUTRAL_BAND);
    }

    #[test]
    fn span_offsets_out_of_range_are_clamped() {
        let t = "Ünïcode shares rose";
        let s = score_span_with(model::shipped(), t, Field::Body, 1, 999);
        assert!((-1.0..=1.0).contains(&s.score));
    }

    #[test]
    fn clear_sentences_get_the_right_sign() {
        assert!(
            sentence("Operating profit rose sharply to EUR 13.1 mn from EUR 8.7 mn.").score > 0.15
        );
        assert!(sentence("The company swung to a loss and cut its dividend.").score < -0.15);
        assert!(
            sentence("The company is headquartered in Helsinki.")
                .score
                .abs()
                < 0.15
        );
    }

    #[test]
    fn hedging_lowers_magnitude_and_confidence() {
        let plain = sentence("Acme will cut 500 jobs after sales slumped.");
        let hedged = sentence("Acme may reportedly cut 500 jobs after sales slumped.");
        assert!(plain.score < 0.0 && hedged.score < 0.0);
        assert!(hedged.score.abs() < plain.score.abs());
        assert!(hedged.confidence < plain.confidence);
        assert!(hedged.explanations.iter().any(|e| e.rule == "S008"));
    }

    #[test]
    fn negation_turns_a_miss_into_good_news() {
        let missed = sentence("Acme missed estimates.");
        let not_missed = sentence("Acme did not miss estimates.");
        assert!(
            not_missed.score > missed.score + 0.2,
            "{} vs {}",
            not_missed.score,
            missed.score
        );
        assert!(not_missed.explanations.iter().any(|e| e.rule == "S005"));
    }

    /// What [`Parts::merge`] stands for: a stable sort by span, a rule before the learned
    /// weights of its span, then one part per span, its weights added up in that order.
    fn merged_by_sorting(all: &[Part]) -> Vec<(u8, usize, usize, u32)> {
        let mut v = all.to_vec();
        v.sort_by(by_span_then_rank);
        v.dedup_by(|later, kept| {
            let same = (kept.1, kept.2) == (later.1, later.2);
            if same {
                kept.3 += later.3;
            }
            same
        });
        v.into_iter()
            .map(|(r, a, b, w)| (r, a, b, w.to_bits()))
            .collect()
    }

    /// Merge the parts of `text` as one span and check them against a sort.
    fn check_merge(text: &str) {
        let model = model::shipped();
        let mut s = Scratch::default();
        features::extract(text, 0, model.buckets, &mut s);
        let mut parts = Parts::default();
        model.probabilities_with(&s, |source, start, end, w| parts.add(source, start, end, w));
        let all = [&parts.words[..], &parts.chars, &parts.rules].concat();
        let want = merged_by_sorting(&all);
        parts.merge();
        let got: Vec<_> = parts
            .merged
            .iter()
            .map(|&(r, a, b, w)| (r, a, b, w.to_bits()))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }

    #[test]
    fn merging_the_parts_of_a_span_gives_what_sorting_them_gives() {
        for text in [
            "",
            "Tesla",
            "5% Tesla",
            "Profit fell.",
            "Revenue rose 5% to EUR 5 mn compared to EUR 3 mn, but net loss widened sharply.",
            "The company did not miss estimates and raised its dividend; shares may rise.",
            "Operating profit rose to EUR 13.1 mn from EUR 8.7 mn in the same period.",
            "Costs fell, losses narrowed, and the outlook was cut: shares slumped!",
        ] {
            check_merge(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn merging_the_parts_of_any_span_gives_what_sorting_them_gives(
            words in proptest::collection::vec(
                proptest::sample::select(features::NEWS_WORDS),
                0..30,
            ),
        ) {
            check_merge(&words.join(" "));
        }
    }

    #[test]
    fn contrast_lets_the_clause_after_but_dominate() {
        let s = sentence("Sales grew, but margins fell sharply.");
        assert!(s.score < -0.15, "{}", s.score);
        assert!(s.explanations.iter().any(|e| e.rule == "S009"));
        // The same two clauses: whichever comes after "but" pulls the score its way.
        let neg_last = sentence("Revenue rose, but the company cut its guidance.").score;
        let pos_last = sentence("The company cut its guidance, but revenue rose.").score;
        assert!(neg_last < pos_last, "{neg_last} vs {pos_last}");
        let s = sentence("Although revenue fell, profit surged to a record.");
        assert!(s.score > 0.0, "{}", s.score);
    }

    #[test]
    fn domain_phrases_are_explained_with_their_spans() {
        let t = "Acme beat estimates and raised its dividend.";
        let s = sentence(t);
        assert!(s.score > 0.4);
        let spans: Vec<(&str, &str)> = s
            .explanations
            .iter()
            .map(|e| (&*e.rule, &t[e.start..e.end]))
            .collect();
        assert!(spans.contains(&("S003", "beat estimates")), "{spans:?}");
        assert!(
            spans.contains(&("S003", "raised its dividend")),
            "{spans:?}"
        );
    }

    #[test]
    fn title_and_lead_outweigh_boilerplate() {
        let body = "Acme shares plunged after the company missed estimates. Request a Demo of our great award-winning platform today!";
        let doc = Doc::new("Acme plunges on earnings miss", body);
        let out = score(&doc);
        assert!(out.overall.score < -0.3, "{}", out.overall.score);
        assert!(salience(Field::Body, 5, "Request a Demo") < 0.1);
        assert!(salience(Field::Title, 0, "Acme") > salience(Field::Body, 3, "Acme"));
    }

    #[test]
    fn empty_document_is_neutral_with_zero_confidence() {
        let out = score(&Doc::new("", ""));
        assert_eq!(out.overall.score, 0.0);
        assert_eq!(out.overall.confidence, 0.0);
        assert_eq!(out.overall.label, "neutral");
    }
}
