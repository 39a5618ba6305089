//! `newsgauge eval entities`: per-entity sentiment on SEntFiN headlines, scored by the
//! engine's own evaluator (`newsgauge_engine::tickers::evaluate_entities`).

use std::process::ExitCode;

use serde::Deserialize;

/// One labelled entity of a SEntFiN row.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct SentfinEntity {
    pub entity: String,
    pub label: String,
}

/// A SEntFiN row: `{"id", "text", "entities": [{"entity", "label"}]}`.
#[derive(Debug, Deserialize, PartialEq, Eq)]
pub struct SentfinRow {
    pub text: String,
    #[serde(default)]
    pub entities: Vec<SentfinEntity>,
}

impl SentfinRow {
    /// `(entity, label)` pairs, in row order.
    pub fn pairs(self) -> (String, Vec<(String, String)>) {
        (
            self.text,
            self.entities
                .into_iter()
                .map(|e| (e.entity, e.label))
                .collect(),
        )
    }
}

pub fn run(rows: Vec<SentfinRow>) -> ExitCode {
    let _pairs: Vec<(String, Vec<(String, String)>)> =
        rows.into_iter().map(SentfinRow::pairs).collect();
    eprintln!("newsgauge: eval entities needs newsgauge_engine::tickers::evaluate_entities, which is not built yet");
    ExitCode::from(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentfin_rows_parse_into_entity_label_pairs() {
        let row: SentfinRow = serde_json::from_str(
            r#"{"id": 9, "text": "Gold shines; Silver dull", "entities": [{"entity": "Gold", "label": "positive"}, {"entity": "Silver", "label": "negative"}]}"#,
        )
        .unwrap();
        let (text, pairs) = row.pairs();
        assert_eq!(text, "Gold shines; Silver dull");
        assert_eq!(
            pairs,
            vec![
                ("Gold".to_string(), "positive".to_string()),
                ("Silver".to_string(), "negative".to_string())
            ]
        );
    }
}
