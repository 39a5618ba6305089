//! The topic and event phrase tables as one [`PhraseSet`], so every position of a text is
//! looked up once for both (two sets meant two lookups at every word start: a fifth of the
//! prefix-index work of an analysis).
//!
//! Topic phrases are layer 0; event phrases keep their own layers, one higher. Overlaps
//! are resolved within a layer, so each table's hits are exactly what a set of its own
//! would find.

use std::sync::OnceLock;

use crate::phrase::{Hit, PhraseSet};

/// Hits of one field, split by table, each in text order with its table's pattern ids.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PhraseHits {
    /// Ids index `topics`' phrase table.
    pub topics: Vec<Hit>,
    /// Ids index `events`' phrase table.
    pub events: Vec<Hit>,
}

struct Joint {
    set: PhraseSet,
    /// Patterns below this id are topic phrases; the rest are event phrases, offset by it.
    topic_count: usize,
}

fn joint() -> &'static Joint {
    static J: OnceLock<Joint> = OnceLock::new();
    J.get_or_init(|| {
        let topics = crate::topics::patterns();
        let events = crate::events::patterns();
        let set = PhraseSet::layered(
            topics
                .iter()
                .map(|&p| (p, 0))
                .chain(events.iter().map(|&(p, layer)| (p, layer + 1))),
        );
        Joint {
            set,
            topic_count: topics.len(),
        }
    })
}

/// The topic and event hits of `text` (with its ASCII-lowercased copy `lower`).
pub fn find(text: &str, lower: &str) -> PhraseHits {
    let j = joint();
    let mut out = PhraseHits::default();
    for h in j.set.find_lower(text, lower) {
        if h.pattern < j.topic_count {
            out.topics.push(h);
        } else {
            out.events.push(Hit {
                pattern: h.pattern - j.topic_count,
                ..h
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_table_finds_what_a_set_of_its_own_finds() {
        let topics = PhraseSet::new(crate::topics::patterns().iter().copied());
        let events = PhraseSet::layered(crate::events::patterns().iter().copied());
        for text in [
            "Acme plans to acquire Widget Corp for $2 billion, people familiar with the matter said.",
            "The Federal Reserve raised interest rates; mortgage rates rose and oil tankers idled.",
            "Apple may face an antitrust probe over App Store fees as AI chip demand surges.",
            "Shares fell after the company cut its dividend, reported a loss and announced layoffs.",
        ] {
            let lower = text.to_ascii_lowercase();
            let hits = find(text, &lower);
            assert_eq!(hits.topics, topics.find(text), "{text}");
            assert_eq!(hits.events, events.find(text), "{text}");
        }
    }
}
