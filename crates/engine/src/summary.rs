//! The analysis paragraph: 2–4 sentences taken verbatim from the article, chosen by
//! salience, then one sentence that states the overall signal in words.
//!
//! Extractive only: the chosen sentences are copied from the text, never rewritten, and
//! the closing sentence only names the sentiment label and the detected events (or the
//! phrases that moved the score).

use std::collections::BTreeMap;

use crate::events::Detected;
use crate::text::join_and;
use crate::types::{Explanation, Field, SentenceScore, Sentiment, TickerSentiment};
use crate::Doc;

/// Salience of every sentence before bonuses.
const BASE: f32 = 1.0;
/// The lead sentence states the news; the second often completes it.
const LEAD_BONUS: [f32; 2] = [1.0, 0.4];
/// Per unit of event severity × certainty in the sentence.
const EVENT_WEIGHT: f32 = 1.5;
/// Per company mentioned in the sentence (at most [`MAX_COMPANIES`]).
const COMPANY_WEIGHT: f32 = 0.3;
const MAX_COMPANIES: usize = 2;
/// Per unit of the sentence's absolute sentiment.
const SENTIMENT_WEIGHT: f32 = 0.6;
/// Sentences shorter than this many words are fragments (datelines, bylines).
const MIN_WORDS: usize = 6;
/// Sentences longer than this many words read poorly out of context.
const MAX_WORDS: usize = 60;
/// At most this many extracted sentences.
const MAX_SENTENCES: usize = 4;
/// At least this many when the article has them.
const MIN_SENTENCES: usize = 2;
/// One extracted sentence per this many body sentences, within the bounds above.
const SENTENCES_PER_PICK: usize = 4;

/// Build the paragraph. Empty when the article has no text.
pub fn summarise(
    doc: &Doc<'_>,
    sentiment: &Sentiment,
    sentences: &[SentenceScore],
    explanations: &[Explanation],
    events: &[Detected],
    tickers: &[TickerSentiment],
) -> String {
    let body: Vec<_> = doc
        .sentences
        .iter()
        .filter(|s| s.field == Field::Body)
        .collect();
    let pool: Vec<_> = if body.is_empty() {
        doc.sentences.iter().collect()
    } else {
        body
    };
    if pool.is_empty() {
        return String::new();
    }
    // Per-sentence lookups built once (long articles have hundreds of sentences).
    let mut event_weight: BTreeMap<(Field, usize), f32> = BTreeMap::new();
    for d in events {
        *event_weight
            .entry((d.event.span.field, d.sentence.0))
            .or_default() += d.def().severity * d.event.certainty;
    }
    // Inserted one by one: `collect` into a map sorts first, one more compiled sort.
    let mut tone: BTreeMap<(Field, usize), f32> = BTreeMap::new();
    for x in sentences {
        tone.insert((x.field, x.start), x.score);
    }
    let mut mentions: Vec<(Field, usize, usize, usize)> = tickers
        .iter()
        .enumerate()
        .flat_map(|(i, t)| t.mentions.iter().map(move |m| (m.field, m.start, m.end, i)))
        .collect();
    crate::sort::sort(&mut mentions);
    let mut scored: Vec<(usize, f32)> = pool
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let text = &doc.field_text(s.field)[s.start..s.end];
            let words = text.split_whitespace().count();
            let mut sal = BASE + LEAD_BONUS.get(s.index).copied().unwrap_or(0.0);
            sal += EVENT_WEIGHT
                * event_weight
                    .get(&(s.field, s.start))
                    .copied()
                    .unwrap_or(0.0);
            let lo = mentions.partition_point(|m| (m.0, m.1) < (s.field, s.start));
            let hi = mentions.partition_point(|m| (m.0, m.1) < (s.field, s.end));
            let mut companies: Vec<usize> = mentions[lo..hi]
                .iter()
                .filter(|m| m.2 <= s.end)
                .map(|m| m.3)
                .collect();
            crate::sort::sort(&mut companies);
            companies.dedup();
            sal += COMPANY_WEIGHT * companies.len().min(MAX_COMPANIES) as f32;
            if let Some(sc) = tone.get(&(s.field, s.start)) {
                sal += SENTIMENT_WEIGHT * sc.abs().min(1.0);
            }
            if words < MIN_WORDS {
                sal *= 0.3;
            } else if words > MAX_WORDS {
                sal *= 0.7;
            }
            (i, sal)
        })
        .collect();
    let want = (pool.len() / SENTENCES_PER_PICK)
        .clamp(MIN_SENTENCES, MAX_SENTENCES)
        .min(pool.len());
    crate::sort::sort_by(&mut scored, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    // The most salient sentences, each text once: an article pasted twice, or a syndicated
    // one that repeats its lead, must not give a paragraph that says the same thing twice.
    let mut chosen: Vec<(usize, String)> = Vec::with_capacity(want);
    for &(i, _) in &scored {
        if chosen.len() == want {
            break;
        }
        let s = pool[i];
        let t = doc.field_text(s.field)[s.start..s.end]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if chosen.iter().all(|(_, c)| *c != t) {
            chosen.push((i, t));
        }
    }
    crate::sort::sort_by(&mut chosen, |a, b| a.0.cmp(&b.0));
    let mut parts: Vec<String> = chosen
        .into_iter()
        .map(|(_, t)| {
            if t.ends_with(['.', '!', '?', '"', '”', '\'', '’']) {
                t
            } else {
                format!("{t}.")
            }
        })
        .collect();
    parts.push(signal_sentence(doc, sentiment, explanations, events));
    parts.join(" ")
}

/// "The overall sentiment from these signals is \<label\>, driven by \<events or phrases\>."
pub fn signal_sentence(
    doc: &Doc<'_>,
    sentiment: &Sentiment,
    explanations: &[Explanation],
    events: &[Detected],
) -> String {
    let label = if sentiment.label.is_empty() {
        crate::label_for(sentiment.score)
    } else {
        sentiment.label.as_str()
    };
    let mut ranked: Vec<&Detected> = events.iter().collect();
    crate::sort::sort_by(&mut ranked, |a, b| {
        (b.def().severity * b.event.certainty)
            .total_cmp(&(a.def().severity * a.event.certainty))
            .then(a.def.cmp(&b.def))
    });
    let mut causes: Vec<String> = Vec::new();
    // An accusation and a data breach in one sentence are one story: "accusations of data misuse".
    // The sentences holding each kind are indexed once, so this stays linear in the events.
    // A list, not a set: an article has a few dozen events at most.
    let sentences_with = |kind: &str| -> Vec<(Field, (usize, usize))> {
        events
            .iter()
            .filter(|o| o.def().kind == kind)
            .map(|o| (o.event.span.field, o.sentence))
            .collect()
    };
    let (allegations, breaches) = (sentences_with("allegation"), sentences_with("data_breach"));
    let accused_misuse = |d: &Detected| {
        let at = (d.event.span.field, d.sentence);
        match d.def().kind {
            "allegation" => breaches.contains(&at),
            "data_breach" => allegations.contains(&at),
            _ => false,
        }
    };
    for d in ranked {
        let phrase = if accused_misuse(d) {
            "accusations of data misuse".to_owned()
        } else if d.event.certainty < 0.6 {
            hedged(d.def().phrase)
        } else {
            d.def().phrase.to_owned()
        };
        if !causes.contains(&phrase) && !causes.iter().any(|c| c.ends_with(d.def().phrase)) {
            causes.push(phrase);
        }
        if causes.len() == 2 {
            break;
        }
    }
    if causes.is_empty() {
        let mut ex: Vec<&Explanation> = explanations.iter().filter(|e| e.weight != 0.0).collect();
        crate::sort::sort_by(&mut ex, |a, b| {
            b.weight
                .abs()
                .total_cmp(&a.weight.abs())
                .then(a.start.cmp(&b.start))
        });
        for e in ex {
            let text = doc.field_text(e.field);
            if e.end > text.len()
                || !text.is_char_boundary(e.start)
                || !text.is_char_boundary(e.end)
            {
                continue;
            }
            let quoted = format!("“{}”", text[e.start..e.end].trim());
            if !causes.contains(&quoted) {
                causes.push(quoted);
            }
            if causes.len() == 2 {
                break;
            }
        }
        if !causes.is_empty() {
            return format!("The overall sentiment from these signals is {label}, driven by wording such as {}.", join_and(&causes));
        }
        return format!("The overall sentiment from these signals is {label}.");
    }
    format!(
        "The overall sentiment from these signals is {label}, driven by {}.",
        join_and(&causes)
    )
}

/// "a bankruptcy filing" → "a reported bankruptcy filing"; accusations are reports already.
fn hedged(phrase: &str) -> String {
    if phrase.starts_with("accusations") {
        phrase.to_owned()
    } else if let Some(rest) = phrase
        .strip_prefix("a ")
        .or_else(|| phrase.strip_prefix("an "))
    {
        format!("a reported {rest}")
    } else {
        format!("reported {phrase}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(title: &str, body: &str) -> String {
        let doc = Doc::new(title, body);
        let s = crate::sentiment::score(&doc);
        let ev = crate::events::detect(&doc, &[], &[]);
        summarise(&doc, &s.overall, &s.sentences, &s.explanations, &ev, &[])
    }

    #[test]
    fn empty_input_gives_an_empty_summary() {
        assert_eq!(run("", ""), "");
        assert_eq!(run("", "   "), "");
    }

    #[test]
    fn extracted_sentences_are_verbatim_and_end_with_the_signal_sentence() {
        let body = "Acme Corp filed for bankruptcy protection on Monday after months of losses. \
            The company said its stores would stay open during the process. \
            Analysts had warned about its debt load for a year. \
            The weather in the city was mild and sunny all week long. \
            Shares of the retailer plunged 40% in early trading on the news. \
            A spokesperson declined to comment further on the matter today.";
        let out = run("Acme files for bankruptcy", body);
        assert!(out.starts_with(
            "Acme Corp filed for bankruptcy protection on Monday after months of losses."
        ));
        let (extract, signal) = out
            .rsplit_once(" The overall sentiment")
            .expect("signal sentence");
        assert!(signal.contains("driven by a bankruptcy filing"), "{signal}");
        // Every extracted sentence is copied from the body.
        for sent in crate::text::sentences(extract) {
            assert!(
                body.contains(&extract[sent.0..sent.1]),
                "invented: {}",
                &extract[sent.0..sent.1]
            );
        }
        let n = crate::text::sentences(extract).len();
        assert!((2..=4).contains(&n), "{n} sentences");
        assert!(
            !extract.contains("weather"),
            "low-salience sentence chosen: {extract}"
        );
    }

    #[test]
    fn a_repeated_sentence_is_extracted_once() {
        let once = "Acme Corp filed for bankruptcy protection on Monday after months of losses. \
            The company said its stores would stay open during the process. \
            Analysts had warned about its debt load for a year. \
            Shares of the retailer plunged 40% in early trading on the news. ";
        // The article pasted three times over, the last copy with other line breaks.
        let body = format!("{once}{once}{}", once.replace(". ", ".\n"));
        let out = run("", &body);
        let (extract, _) = out
            .rsplit_once(" The overall sentiment")
            .expect("signal sentence");
        let sents: Vec<&str> = crate::text::sentences(extract)
            .into_iter()
            .map(|(a, b)| &extract[a..b])
            .collect();
        assert!(sents.len() >= 2, "{extract}");
        for (i, a) in sents.iter().enumerate() {
            assert!(!sents[..i].contains(a), "extracted twice: {a} in {extract}");
        }
    }

    #[test]
    fn without_events_the_signal_names_the_moving_phrases_or_nothing() {
        let out = run(
            "",
            "The quarterly figures were released on Friday afternoon as planned.",
        );
        assert!(
            out.ends_with("The overall sentiment from these signals is neutral.")
                || out.contains("wording such as"),
            "{out}"
        );
    }

    fn mildly_negative() -> Sentiment {
        Sentiment {
            score: -0.3,
            label: "mildly negative".to_owned(),
            confidence: 0.5,
            reliable: true,
        }
    }

    #[test]
    fn an_accusation_of_a_breach_reads_as_accusations_of_data_misuse() {
        let doc = Doc::new(
            "",
            "Critics accused Acme of misusing user data. Acme faces higher security costs.",
        );
        let ev = crate::events::detect(&doc, &[], &[]);
        let s = mildly_negative();
        let line = signal_sentence(&doc, &s, &[], &ev);
        assert_eq!(line, "The overall sentiment from these signals is mildly negative, driven by accusations of data misuse.");
    }

    #[test]
    fn hedged_events_are_called_reported() {
        let doc = Doc::new("", "Acme may have filed for bankruptcy protection, according to people familiar with the matter.");
        let ev = crate::events::detect(&doc, &[], &[]);
        let s = mildly_negative();
        let line = signal_sentence(&doc, &s, &[], &ev);
        assert_eq!(
            line,
            "The overall sentiment from these signals is mildly negative, driven by a reported bankruptcy filing."
        );
    }
}
