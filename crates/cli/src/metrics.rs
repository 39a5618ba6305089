//! Classification metrics for the evaluators: confusion matrix, precision/recall/F1.

use serde::Serialize;

/// Precision, recall and F1 of one class from its counts. A ratio with a zero
/// denominator is 0 (as scikit-learn reports it, minus the warning).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize)]
pub struct Prf {
    pub tp: usize,
    pub fp: usize,
    #[serde(rename = "fn")]
    pub fn_: usize,
    /// Gold occurrences: tp + fn.
    pub support: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    pub fn from_counts(tp: usize, fp: usize, fn_: usize) -> Self {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(tp, tp + fp);
        let recall = ratio(tp, tp + fn_);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            tp,
            fp,
            fn_,
            support: tp + fn_,
            precision,
            recall,
            f1,
        }
    }
}

/// A single-label confusion matrix, `counts[gold][predicted]`.
#[derive(Debug, Clone, PartialEq)]
pub struct Confusion {
    pub labels: Vec<&'static str>,
    pub counts: Vec<Vec<usize>>,
}

impl Confusion {
    pub fn new(labels: &[&'static str]) -> Self {
        Confusion {
            labels: labels.to_vec(),
            counts: vec![vec![0; labels.len()]; labels.len()],
        }
    }

    pub fn add(&mut self, gold: usize, predicted: usize) {
        self.counts[gold][predicted] += 1;
    }

    pub fn total(&self) -> usize {
        self.counts.iter().flatten().sum()
    }

    pub fn accuracy(&self) -> f64 {
        let total = self.total();
        if total == 0 {
            return 0.0;
        }
        (0..self.labels.len())
            .map(|i| self.counts[i][i])
            .sum::<usize>() as f64
            / total as f64
    }

    /// Per-class metrics, in label order.
    pub fn per_class(&self) -> Vec<Prf> {
        let n = self.labels.len();
        (0..n)
            .map(|c| {
                let tp = self.counts[c][c];
                let predicted: usize = (0..n).map(|g| self.counts[g][c]).sum();
                let gold: usize = self.counts[c].iter().sum();
                Prf::from_counts(tp, predicted - tp, gold - tp)
            })
            .collect()
    }

    /// Unweighted mean F1 over the classes that occur in the gold labels or the
    /// predictions (scikit-learn's default label set).
    pub fn macro_f1(&self) -> f64 {
        let present: Vec<Prf> = self
            .per_class()
            .into_iter()
            .filter(|p| p.support + p.fp > 0)
            .collect();
        if present.is_empty() {
            return 0.0;
        }
        present.iter().map(|p| p.f1).sum::<f64>() / present.len() as f64
    }

    /// The matrix as text: rows are gold labels, columns predictions.
    pub fn render(&self) -> String {
        let w = self
            .labels
            .iter()
            .map(|l| l.len())
            .max()
            .unwrap_or(0)
            .max(8)
            + 2;
        let head = "gold \\ predicted";
        let first = w.max(head.len() + 2);
        let mut s = format!("{head:<first$}");
        for l in &self.labels {
            s.push_str(&format!("{l:>w$}"));
        }
        s.push('\n');
        for (g, row) in self.counts.iter().enumerate() {
            s.push_str(&format!("{:<first$}", self.labels[g]));
            for c in row {
                s.push_str(&format!("{c:>w$}"));
            }
            s.push('\n');
        }
        s
    }
}

/// Micro-averaged metrics: the counts of all classes pooled.
pub fn micro(per_class: &[Prf]) -> Prf {
    let (tp, fp, fn_) = per_class
        .iter()
        .fold((0, 0, 0), |(a, b, c), p| (a + p.tp, b + p.fp, c + p.fn_));
    Prf::from_counts(tp, fp, fn_)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn prf_from_counts_matches_hand_computation_and_handles_zero_denominators() {
        let p = Prf::from_counts(3, 1, 2);
        assert!(close(p.precision, 0.75) && close(p.recall, 0.6));
        assert!(close(p.f1, 2.0 * 0.75 * 0.6 / 1.35));
        assert_eq!(p.support, 5);
        let z = Prf::from_counts(0, 0, 4);
        assert_eq!((z.precision, z.recall, z.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn confusion_accuracy_and_macro_f1_by_hand() {
        // gold\pred  neg neu pos
        // neg         2   1   0
        // neu         0   3   1
        // pos         1   0   2
        let mut c = Confusion::new(&["negative", "neutral", "positive"]);
        for (g, p, n) in [
            (0, 0, 2),
            (0, 1, 1),
            (1, 1, 3),
            (1, 2, 1),
            (2, 0, 1),
            (2, 2, 2),
        ] {
            for _ in 0..n {
                c.add(g, p);
            }
        }
        assert_eq!(c.total(), 10);
        assert!(close(c.accuracy(), 0.7));
        let pc = c.per_class();
        // negative: tp 2, fp 1, fn 1 -> p 2/3, r 2/3, f1 2/3
        assert!(close(pc[0].f1, 2.0 / 3.0));
        // neutral: tp 3, fp 1, fn 1 -> 0.75
        assert!(close(pc[1].f1, 0.75));
        // positive: tp 2, fp 1, fn 1 -> 2/3
        assert!(close(pc[2].f1, 2.0 / 3.0));
        assert!(close(c.macro_f1(), (2.0 / 3.0 + 0.75 + 2.0 / 3.0) / 3.0));
    }

    #[test]
    fn macro_f1_ignores_classes_absent_from_gold_and_predictions() {
        let mut c = Confusion::new(&["negative", "neutral", "positive"]);
        c.add(0, 0);
        c.add(2, 0);
        // negative: tp1 fp1 fn0 -> p .5 r 1 f1 2/3; positive: tp0 fn1 -> 0; neutral absent.
        assert!(close(c.macro_f1(), (2.0 / 3.0) / 2.0));
    }

    #[test]
    fn micro_pools_counts() {
        let m = micro(&[Prf::from_counts(1, 1, 0), Prf::from_counts(1, 0, 2)]);
        assert_eq!((m.tp, m.fp, m.fn_), (2, 1, 2));
        assert!(close(m.precision, 2.0 / 3.0) && close(m.recall, 0.5));
    }

    #[test]
    fn render_shows_gold_rows_and_predicted_columns() {
        let mut c = Confusion::new(&["negative", "positive"]);
        c.add(0, 1);
        let r = c.render();
        let rows: Vec<&str> = r.lines().collect();
        assert_eq!(rows.len(), 3);
        assert_eq!(
            rows[1].split_whitespace().collect::<Vec<_>>(),
            vec!["negative", "0", "1"]
        );
    }
}
