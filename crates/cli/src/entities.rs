//! `newsgauge eval entities`: per-entity sentiment on SEntFiN headlines, scored by the
//! engine's own evaluator (`newsgauge_engine::tickers::evaluate_entities`).

use std::process::ExitCode;

use newsgauge_engine::tickers::{evaluate_entities, EntityRow};
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
    /// The engine's row: text and `(entity, label)` pairs, in row order.
    pub fn into_entity_row(self) -> EntityRow {
        EntityRow {
            text: self.text,
            entities: self
                .entities
                .into_iter()
                .map(|e| (e.entity, e.label))
                .collect(),
        }
    }
}

/// Evaluate and print the engine's entity report.
pub fn run(rows: Vec<SentfinRow>) -> ExitCode {
    let rows: Vec<EntityRow> = rows.into_iter().map(SentfinRow::into_entity_row).collect();
    let report = evaluate_entities(&rows);
    crate::write_stdout(report.to_string().trim_end())
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
        let row = row.into_entity_row();
        assert_eq!(row.text, "Gold shines; Silver dull");
        assert_eq!(
            row.entities,
            vec![
                ("Gold".to_string(), "positive".to_string()),
                ("Silver".to_string(), "negative".to_string())
            ]
        );
    }
}
