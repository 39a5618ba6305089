//! Entity evaluation on SEntFiN-style rows: was each labelled entity found and resolved, and
//! does its per-entity sentiment agree with the label?

use std::collections::HashSet;
use std::fmt;

use super::master::master;
use super::mentions::Target;
use crate::Doc;

/// One labelled row: the text and its `(entity, label)` pairs; labels are
/// "positive", "negative" or "neutral".
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct EntityRow {
    pub text: String,
    pub entities: Vec<(String, String)>,
}

const LABELS: [&str; 3] = ["negative", "neutral", "positive"];

/// Metrics of [`evaluate_entities`]. `Display` prints them.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EntityReport {
    pub rows: usize,
    /// Labelled entities.
    pub gold: usize,
    /// Labelled entities that a found company's mention covers.
    pub found: usize,
    /// Labelled entities whose text is a name in the securities master (companies the
    /// engine could know), and how many of those were found.
    pub known: usize,
    pub known_found: usize,
    /// Companies found that overlap no labelled entity (likely false positives, since
    /// SEntFiN labels the entities of a headline).
    pub unlabelled_found: usize,
    /// All companies found.
    pub predicted: usize,
    /// Sentiment of found entities: `confusion[gold][predicted]` over negative, neutral and
    /// positive.
    pub confusion: [[usize; 3]; 3],
}

impl EntityReport {
    pub fn recall(&self) -> f64 {
        ratio(self.found, self.gold)
    }
    pub fn known_recall(&self) -> f64 {
        ratio(self.known_found, self.known)
    }
    pub fn sentiment_accuracy(&self) -> f64 {
        let right: usize = (0..3).map(|i| self.confusion[i][i]).sum();
        ratio(right, self.confusion.iter().flatten().sum())
    }
    /// Macro-F1 of the three sentiment classes on found entities.
    pub fn sentiment_macro_f1(&self) -> f64 {
        let mut f1 = 0.0;
        for k in 0..3 {
            let tp = self.confusion[k][k];
            let gold: usize = self.confusion[k].iter().sum();
            let pred: usize = (0..3).map(|g| self.confusion[g][k]).sum();
            let (p, r) = (ratio(tp, pred), ratio(tp, gold));
            f1 += if p + r > 0.0 {
                2.0 * p * r / (p + r)
            } else {
                0.0
            };
        }
        f1 / 3.0
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for EntityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "rows: {}  labelled entities: {}", self.rows, self.gold)?;
        writeln!(
            f,
            "entity recall (found and resolved): {:.3} ({}/{})",
            self.recall(),
            self.found,
            self.gold
        )?;
        writeln!(
            f,
            "recall on entities named in the securities master: {:.3} ({}/{})",
            self.known_recall(),
            self.known_found,
            self.known
        )?;
        writeln!(
            f,
            "companies found: {}  of which overlap no labelled entity: {}",
            self.predicted, self.unlabelled_found
        )?;
        let n: usize = self.confusion.iter().flatten().sum();
        writeln!(
            f,
            "entity sentiment on found entities: accuracy {:.3}, macro-F1 {:.3} (n={})",
            self.sentiment_accuracy(),
            self.sentiment_macro_f1(),
            n
        )?;
        writeln!(
            f,
            "confusion (rows gold, columns predicted: negative neutral positive):"
        )?;
        for (i, row) in self.confusion.iter().enumerate() {
            writeln!(
                f,
                "  {:<8} {:>6} {:>6} {:>6}",
                LABELS[i], row[0], row[1], row[2]
            )?;
        }
        Ok(())
    }
}

fn label_index(label: &str) -> Option<usize> {
    LABELS
        .iter()
        .position(|l| l.eq_ignore_ascii_case(label.trim()))
}

fn predicted_class(score: f32) -> usize {
    if score >= crate::NEUTRAL_BAND {
        2
    } else if score <= -crate::NEUTRAL_BAND {
        0
    } else {
        1
    }
}

/// Evaluate entity recall and entity-level sentiment on labelled rows.
pub fn evaluate_entities(rows: &[EntityRow]) -> EntityReport {
    let m = master();
    let names: HashSet<String> = m
        .aliases
        .iter()
        .map(|a| a.text.to_lowercase())
        .chain(m.companies.iter().map(|c| c.name.to_lowercase()))
        .collect();
    let mut r = EntityReport {
        rows: rows.len(),
        ..EntityReport::default()
    };
    for row in rows {
        let doc = Doc::new("", &row.text);
        let found = super::analyse(&doc, None);
        r.predicted += found.len();
        let lower = row.text.to_lowercase();
        let same_len = lower.len() == row.text.len();
        let mut used = vec![false; found.len()];
        for (entity, label) in &row.entities {
            r.gold += 1;
            let key = entity.trim().to_lowercase();
            let known = names.contains(&key);
            r.known += usize::from(known);
            // Spans of the entity in the text (lowercasing kept byte lengths, else use names).
            let spans: Vec<(usize, usize)> = if same_len && !key.is_empty() {
                lower
                    .match_indices(&key)
                    .map(|(p, s)| (p, p + s.len()))
                    .collect()
            } else {
                Vec::new()
            };
            let hit = found.iter().position(|c| {
                c.mentions
                    .iter()
                    .any(|x| spans.iter().any(|&(s, e)| x.start < e && s < x.end))
                    || match &c.target {
                        Target::Company(id) => m.companies[*id].name.to_lowercase() == key,
                        Target::Symbol(sym, _) => sym.to_lowercase() == key,
                    }
            });
            let Some(i) = hit else { continue };
            used[i] = true;
            r.found += 1;
            r.known_found += usize::from(known);
            if let Some(g) = label_index(label) {
                r.confusion[g][predicted_class(found[i].score)] += 1;
            }
        }
        r.unlabelled_found += used.iter().filter(|u| !**u).count();
    }
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_entity_counts_for_recall_and_sentiment() {
        let rows = vec![
            EntityRow {
                text: "Infosys shares plunged after it missed estimates".into(),
                entities: vec![("Infosys".into(), "negative".into())],
            },
            EntityRow {
                text: "Gold shines on seasonal demand".into(),
                entities: vec![("Gold".into(), "positive".into())],
            },
        ];
        let r = evaluate_entities(&rows);
        assert_eq!((r.gold, r.found), (2, 1));
        assert_eq!(r.known, 1);
        assert_eq!(r.confusion[0].iter().sum::<usize>(), 1, "{r}");
        assert_eq!(r.confusion.iter().flatten().sum::<usize>(), 1, "{r}");
        assert!((r.recall() - 0.5).abs() < 1e-9);
        assert!(r.to_string().contains("entity recall"));
    }
}
